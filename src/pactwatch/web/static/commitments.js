// Commitment board: guarantors x beneficiaries coloured by the current status of their
// commitment threads; a cell opens its lifecycle with evidence. Also the obligation question.
"use strict";

(() => {
  const { t, el, clear, append, $, params, api } = PW;
  const STATUSES = ["proposed", "requested", "under_negotiation", "agreed", "in_force", "suspended", "withdrawn", "rejected"];
  const BOARD_FILTERS = ["actor", "type", "status"];
  const OBLIGATION_FIELDS = ["attacked", "on", "attacker"];
  let board = null;

  function statusLegend() {
    const box = clear($("status-legend"));
    for (const status of STATUSES) box.appendChild(el("span", { class: `status-${status}` }, PW.label("status", status)));
    for (const status of STATUSES) $("f-status").appendChild(el("option", { value: status }, PW.label("status", status)));
  }

  function cellKey(guarantor, beneficiary) {
    return `${guarantor}|${beneficiary}`;
  }

  function drawBoard(data) {
    const box = clear($("board"));
    PW.learnActors(data.actors);
    const guarantors = data.guarantors || [];
    const beneficiaries = data.beneficiaries || [];
    if (!guarantors.length || !beneficiaries.length) {
      PW.empty(box);
      return;
    }
    const cells = new Map((data.cells || []).map((c) => [cellKey(c.guarantor, c.beneficiary), c]));
    const table = el("table", { class: "grid", id: "board-grid" });
    const head = el("tr", {}, el("th", {}, `${t("guarantors")} ↓ / ${t("beneficiaries")} →`));
    for (const b of beneficiaries) head.appendChild(el("th", { scope: "col" }, PW.actorLink(b)));
    table.appendChild(head);
    for (const g of guarantors) {
      const row = el("tr", {}, el("th", { scope: "row", class: "rowhead" }, PW.actorLink(g)));
      for (const b of beneficiaries) {
        const cell = cells.get(cellKey(g, b));
        if (!cell) {
          row.appendChild(el("td", {}));
          continue;
        }
        const n = (cell.threads || []).length;
        const td = el("td", {
          class: `cell status-${cell.status}`,
          tabindex: 0,
          role: "button",
          "data-guarantor": g,
          "data-beneficiary": b,
          title: `${PW.actorName(g)} ⇒ ${PW.actorName(b)}: ${PW.label("status", cell.status)}`,
        }, PW.label("status", cell.status), n > 1 ? ` (${n})` : "");
        td.addEventListener("click", () => selectCell(g, b, true));
        td.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            selectCell(g, b, true);
          }
        });
        row.appendChild(td);
      }
      table.appendChild(row);
    }
    box.appendChild(table);
  }

  function stepItem(step) {
    return el("li", { class: "step" },
      el("div", {},
        el("strong", {}, step.date || "—"), " ", PW.statusTag(step.status), PW.tag(step.type, "type"),
        step.status_cue ? el("span", { class: "meta" }, ` “${step.status_cue}”`) : null),
      el("div", { class: "evidence-text" }, step.evidence_text || ""),
      (step.conditions || []).length ? el("div", { class: "meta" }, `${t("conditions")}: ${step.conditions.join("; ")}`) : null,
      el("div", { class: "meta" },
        (step.source_chain || []).length ? [t("sources"), ": ", PW.sourceChain(step.source_chain), " · "] : null,
        el("a", { href: PW.documentHref(step.doc_id) }, step.title || step.doc_id), " · ",
        PW.evidenceLink(step.doc_id, { start: step.evidence_start, end: step.evidence_end })));
  }

  function threadBlock(thread) {
    return el("div", { class: "card thread", "data-thread": thread.id },
      el("h3", {}, PW.actorList(thread.guarantors), " ⇒ ", PW.actorList(thread.beneficiaries), " ",
        PW.statusTag(thread.status)),
      el("div", { class: "meta" }, (thread.types || [thread.family]).join(", "), ` · ${thread.id}`),
      el("ol", { class: "items steps" }, (thread.steps || []).map(stepItem)));
  }

  function selectCell(guarantor, beneficiary, remember) {
    const box = clear($("lifecycle"));
    for (const td of document.querySelectorAll("td.cell.selected")) td.classList.remove("selected");
    if (!board) return;
    const cell = (board.cells || []).find((c) => c.guarantor === guarantor && c.beneficiary === beneficiary);
    if (!cell) {
      PW.empty(box);
      return;
    }
    for (const td of document.querySelectorAll("td.cell")) {
      if (td.dataset.guarantor === guarantor && td.dataset.beneficiary === beneficiary) td.classList.add("selected");
    }
    const threads = new Map((board.threads || []).map((th) => [th.id, th]));
    append(box, [el("p", {}, PW.actorLink(guarantor), " ⇒ ", PW.actorLink(beneficiary))]);
    for (const id of cell.threads || []) {
      const thread = threads.get(id);
      if (thread) box.appendChild(threadBlock(thread));
    }
    if (remember) {
      // the chosen cell is part of the URL so the view can be linked
      const next = params();
      next.set("cell", cellKey(guarantor, beneficiary));
      window.history.replaceState(null, "", `${window.location.pathname}?${next.toString()}`);
      $("lifecycle-box").scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }

  // -- the obligation question -------------------------------------------------------------

  function groupLines(lines) {
    const groups = new Map();
    for (const line of lines || []) {
      const basis = line.basis || {};
      const key = `${basis.treaty}|${basis.article}|${line.obligation}`;
      if (!groups.has(key)) groups.set(key, { basis, obligation: line.obligation, lines: [] });
      groups.get(key).lines.push(line);
    }
    return [...groups.values()];
  }

  function guarantorChip(line) {
    const parts = [el("a", { href: PW.actorHref(`country:${line.guarantor}`), title: line.guarantor }, line.guarantor_name || line.guarantor)];
    if (line.standing && line.standing !== "binding") parts.push(" ", PW.tag(PW.label("standing", line.standing), "standing"));
    if (line.reason) parts.push(el("span", { class: "meta" }, ` (${line.reason})`));
    return el("li", {}, parts);
  }

  function basisBlock(group) {
    const basis = group.basis;
    return el("div", { class: "card basis", "data-treaty": basis.treaty || "", "data-article": basis.article || "" },
      el("h3", {}, `${basis.treaty_name || basis.treaty} — ${t("article")} ${basis.article}`, " ",
        PW.tag(PW.label("obligation", group.obligation), "obligation"),
        PW.tag(basis.automatic ? t("automatic") : t("not_automatic"), "automatic")),
      el("p", {}, basis.summary || ""),
      basis.scope ? el("p", { class: "meta" }, `${t("scope")}: ${basis.scope}`) : null,
      el("div", {}, el("strong", {}, `${t("defenders")} (${group.lines.length}): `)),
      el("ul", { class: "chips" }, group.lines.map(guarantorChip)),
      basis.source ? el("p", { class: "meta" }, `${t("sources")}: ${basis.source}`) : null);
  }

  function newsBlock(line) {
    return el("li", { class: "item news" },
      el("div", {}, el("strong", {}, line.date || "—"), " ", PW.tag(line.type, "type"), PW.statusTag(line.status), " ",
        PW.actorList(line.guarantors), " ⇒ ", PW.actorList(line.beneficiaries)),
      (line.conditions || []).length ? el("div", { class: "meta" }, `${t("conditions")}: ${line.conditions.join("; ")}`) : null,
      el("ul", {}, (line.evidence || []).map((ev) => el("li", { class: "evidence-text" },
        ev.date ? `${ev.date} · ` : "", PW.statusTag(ev.status), " ", ev.text || "", " ",
        (ev.source_chain || []).length ? el("span", { class: "meta" }, "(", PW.sourceChain(ev.source_chain), ") ") : null,
        PW.evidenceLink(ev.doc_id, { start: ev.start, end: ev.end })))));
  }

  function summary(lines) {
    const defenders = new Set(lines.filter((l) => l.obligation === "defense").map((l) => l.guarantor));
    return `${defenders.size} ${t("states_bound")} · ${groupLines(lines).length} ${t("articles_count")}`;
  }

  function drawAnswer(answer) {
    const box = clear($("obligation-answer"));
    const who = answer.attacked || "—";
    append(box, [el("p", { id: "obligation-summary" },
      el("strong", {}, `${t("obligation_if")} ${who} ${t("obligation_attacked_on")} ${answer.on}`),
      answer.attacker ? ` (${answer.attacker})` : "", ": ",
      answer.binding ? summary(answer.obligations) : t("no_obligation"))]);
    const sections = [
      ["legal_basis", answer.obligations],
      ["qualified", answer.qualified],
      ["assurances", answer.assurances],
      ["attacker_clauses", answer.attacker_clauses],
    ];
    for (const [key, lines] of sections) {
      if (!(lines || []).length) continue;
      box.appendChild(el("h3", {}, t(key)));
      for (const group of groupLines(lines)) box.appendChild(basisBlock(group));
    }
    box.appendChild(el("h3", {}, t("reported_guarantees")));
    const news = el("ul", { class: "items", id: "obligation-news" }, (answer.news || []).map(newsBlock));
    if (!(answer.news || []).length) PW.empty(news);
    box.appendChild(news);
    if ((answer.notes || []).length) box.appendChild(el("p", { class: "meta" }, `${t("notes")}: ${answer.notes.join("; ")}`));
  }

  async function loadObligations() {
    const p = params();
    const query = {};
    for (const name of OBLIGATION_FIELDS) if (p.get(name)) query[name] = p.get(name);
    if (!query.on || !(query.attacked || query.attacker)) return;
    PW.loading($("obligation-answer"));
    try {
      drawAnswer(await api("/obligations", query));
    } catch (error) {
      PW.showError($("obligation-answer"), error);
    }
  }

  async function loadBoard() {
    const p = params();
    const query = {};
    for (const name of BOARD_FILTERS) if (p.get(name)) query[name] = p.get(name);
    PW.loading($("board"));
    try {
      board = await api("/commitments/board", query);
      drawBoard(board);
      const types = new Set();
      for (const thread of board.threads || []) for (const type of thread.types || [thread.family]) types.add(type);
      if (query.type) types.add(query.type);
      for (const type of [...types].sort()) $("f-type").appendChild(el("option", { value: type }, type));
      $("f-type").value = query.type || "";
      const chosen = (p.get("cell") || "").split("|");
      if (chosen.length === 2) selectCell(chosen[0], chosen[1], false);
    } catch (error) {
      PW.showError($("board"), error);
    }
  }

  async function main() {
    statusLegend();
    PW.bindFilterForm($("obligation-form"), BOARD_FILTERS);
    await loadBoard();
    PW.bindFilterForm($("filters"), OBLIGATION_FIELDS);
    await loadObligations();
    document.body.dataset.ready = "1";
  }

  main();
})();
