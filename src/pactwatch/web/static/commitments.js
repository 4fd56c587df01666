// Commitment board: guarantors x beneficiaries coloured by the current status of their
// commitment threads; a cell opens its lifecycle with evidence. Also the obligation question.
"use strict";

(() => {
  const { t, el, clear, append, $, params, api } = PW;
  const STATUSES = ["proposed", "requested", "under_negotiation", "agreed", "in_force", "suspended", "withdrawn", "rejected"];
  // min_confidence is one field (in the board's form) that the obligation answer reads too
  const BOARD_FILTERS = ["actor", "type", "status", "min_confidence"];
  const OBLIGATION_FIELDS = ["attacked", "on", "attacker", "min_confidence"];
  let board = null;

  function statusLegend() {
    const box = clear($("status-legend"));
    for (const status of STATUSES) box.appendChild(el("span", { class: `status-${status}` }, PW.label("status", status)));
    for (const status of STATUSES) $("f-status").appendChild(el("option", { value: status }, PW.label("status", status)));
  }

  // A reported item's confidence, as a tag ("độ tin cậy 0.75").
  function confidenceTag(value) {
    return PW.tag(`${t("confidence")} ${Number(value || 0).toFixed(2)}`, "confidence");
  }

  // "3 reported commitments below confidence 0.5 hidden ..." in the page's language, or nothing.
  function hiddenNote(box, filter) {
    clear(box);
    if (!filter || !filter.hidden) return;
    box.textContent = t("hidden_reported").replace("{n}", filter.hidden).replace("{t}", filter.min_confidence);
  }

  // a side of a cell: null (no article named it) keys as ""
  function cellKey(guarantor, beneficiary) {
    return `${guarantor || ""}|${beneficiary || ""}`;
  }

  // an actor on the board, or, for a side no article named, that in words
  function sideLink(id) {
    return id ? PW.actorLink(id) : el("em", { class: "side-unnamed" }, t("side_unnamed"));
  }
  function sideName(id) {
    return id ? PW.actorName(id) : t("side_unnamed");
  }
  function pairWords(g, b) {
    return g && g === b ? `${sideName(g)}: ${t("among_members")}` : `${sideName(g)} ⇒ ${sideName(b)}`;
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
    // headers stay in view while the board scrolls (CSS position: sticky)
    const head = el("tr", {}, el("th", { class: "corner" }, `${t("guarantors")} ↓ / ${t("beneficiaries")} →`));
    for (const b of beneficiaries) head.appendChild(el("th", { scope: "col", class: "colhead" }, sideLink(b)));
    table.appendChild(el("thead", {}, head));
    const body = el("tbody", {});
    table.appendChild(body);
    for (const g of guarantors) {
      const row = el("tr", {}, el("th", { scope: "row", class: "rowhead" }, sideLink(g)));
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
          "data-guarantor": g || "",
          "data-beneficiary": b || "",
          "data-confidence": cell.confidence,
          title: `${pairWords(g, b)}: ${PW.label("status", cell.status)}`
            + ` · ${t("provenance_reported")} · ${t("confidence")} ${Number(cell.confidence || 0).toFixed(2)}`,
        }, g && g === b ? el("span", { class: "among-members" }, `${t("among_members_short")} `) : null,
        PW.label("status", cell.status), n > 1 ? ` (${n})` : "",
        el("span", { class: "cell-confidence" }, ` ${Number(cell.confidence || 0).toFixed(2)}`));
        td.addEventListener("click", () => selectCell(g || "", b || "", true));
        td.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            selectCell(g || "", b || "", true);
          }
        });
        row.appendChild(td);
      }
      body.appendChild(row);
    }
    box.appendChild(table);
  }

  function stepItem(step) {
    const item = el("li", { class: "step" },
      el("div", {},
        el("strong", {}, step.date || "—"), " ", PW.statusTag(step.status), PW.typeTag(step.type),
        confidenceTag(step.confidence),
        PW.statusCue(step.status_cue, step.evidence_text)),
      el("div", { class: "evidence-text" }, step.evidence_text || ""),
      PW.conditionsNote(step.conditions),
      el("div", { class: "meta" },
        (step.source_chain || []).length ? [t("sources"), ": ", PW.sourceChain(step.source_chain), " · "] : null,
        el("a", { href: PW.documentHref(step.doc_id) }, step.title || t("document")), " · ",
        PW.evidenceLink(step.doc_id, { start: step.evidence_start, end: step.evidence_end })));
    // an analyst confirms, rejects or corrects the commitment behind this step (review.js)
    if (typeof PWReview === "undefined") return item;
    return PWReview.reviewed(item, "commitment", {
      doc_id: step.doc_id, type: step.type, status: step.status, date: step.date,
      guarantors: step.guarantors, beneficiaries: step.beneficiaries, review: step.review,
      span: { start: step.evidence_start, end: step.evidence_end } });
  }

  // who the thread binds: "A ⇄ B" for a mutual pact (each party to the others), else
  // "guarantors ⇒ beneficiaries"
  function threadParties(thread) {
    const gs = thread.guarantors || [], bs = thread.beneficiaries || [];
    const mutual = gs.length > 1 && gs.length === bs.length && gs.every((g) => bs.includes(g));
    if (mutual) return gs.map((id, i) => [i ? " ⇄ " : "", PW.actorLink(id)]);
    return [gs.length ? PW.actorList(gs) : sideLink(null), " ⇒ ", bs.length ? PW.actorList(bs) : sideLink(null)];
  }

  function threadBlock(thread) {
    return el("div", { class: "card thread", "data-thread": thread.id },
      el("h3", {}, threadParties(thread), " ",
        PW.statusTag(thread.status), PW.tag(t("provenance_reported"), "provenance"),
        confidenceTag(thread.confidence)),
      el("div", { class: "meta" }, `${t("thread")}: `, (thread.types || [thread.family]).map(PW.typeLabel).join(", ")),
      el("ol", { class: "items steps" }, (thread.steps || []).map(stepItem)));
  }

  function selectCell(guarantor, beneficiary, remember) {
    const box = clear($("lifecycle"));
    for (const td of document.querySelectorAll("td.cell.selected")) td.classList.remove("selected");
    if (!board) return;
    const key = cellKey(guarantor, beneficiary);
    const cell = (board.cells || []).find((c) => cellKey(c.guarantor, c.beneficiary) === key);
    if (!cell) {
      PW.empty(box);
      return;
    }
    for (const td of document.querySelectorAll("td.cell")) {
      if (td.dataset.guarantor === guarantor && td.dataset.beneficiary === beneficiary) td.classList.add("selected");
    }
    const threads = new Map((board.threads || []).map((th) => [th.id, th]));
    // a body of members on both sides (NATO's members to one another) is not a self-commitment
    append(box, [el("p", { class: "pair" }, guarantor && guarantor === beneficiary
      ? [sideLink(guarantor), `: ${t("among_members")}`]
      : [sideLink(guarantor), " ⇒ ", sideLink(beneficiary)])]);
    for (const id of cell.threads || []) {
      const thread = threads.get(id);
      if (thread) box.appendChild(threadBlock(thread));
    }
    if (remember) {
      // the chosen cell is part of the URL so the view can be linked
      const next = params();
      next.set("cell", key);
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

  // a country's name in the page's language, from an ISO3 code
  function countryName(iso3) {
    return iso3 ? PW.actorName(`country:${iso3}`) : "—";
  }

  function fill(key, values) {
    let text = t(key);
    for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, value);
    return text;
  }

  // the answer's reasons and notes are English sentences of known shapes: say them in
  // the page's language, with names for the codes
  function reasonText(reason) {
    let m = /^obligations between (\w+) and (\w+) suspended since (\S+)$/.exec(reason);
    if (m) return fill("reason_suspended", { a: countryName(m[1]), b: countryName(m[2]), date: m[3] });
    m = /^(\w{3}) (\w+) since (\S+)$/.exec(reason);
    if (m) return fill("reason_frozen", { a: countryName(m[1]), status: m[2], date: m[3] });
    m = /^must join (\w+)$/.exec(reason);
    if (m) return fill("reason_join", { a: countryName(m[1]) });
    m = /^must stay neutral in a war involving (\w+)$/.exec(reason);
    if (m) return fill("reason_neutral", { a: countryName(m[1]) });
    return PW.lang === "en" ? reason : null;
  }
  function noteText(note) {
    if (/^no binding treaty obligation protects /.test(note)) return null;  // said above
    const m = /^(\w+) and (\w+) are both parties to (.+), which binds them not to attack each other$/.exec(note);
    if (m) return fill("note_both_parties", { a: countryName(m[1]), b: countryName(m[2]), treaty: m[3] });
    return PW.lang === "en" ? note : null;
  }

  // The words of the sourced knowledge base's notes that recur ("signed 1951-08-30; defense,
  // consultation, nonaggression", "in-force date 1949-08-24 per NATO treaty records") in the
  // page's language; a citation's own title stays as written.
  const SOURCE_WORDS = [
    [/\bin-force date (\S+) per NATO treaty records\b/g, "source_nato_records"],
    [/\b(?:in force|effective|entry into force) (\d{4}(?:-\d\d){0,2})\b/g, "source_in_force"],
    [/\bsigned (\d{4}(?:-\d\d){0,2})\b/g, "source_signed"],
    [/\bno mutual-defen[cs]e clause\b/g, "source_no_defence_clause"],
    [/\bdefen[cs]e\b/g, "obligation_defense"],
    [/\bconsultation\b/g, "obligation_consultation"],
    [/\bnonaggression\b/g, "obligation_nonaggression"],
  ];
  function sourceWords(piece) {
    if (PW.lang === "en") return piece;
    let text = piece;
    for (const [pattern, key] of SOURCE_WORDS) text = text.replace(pattern, (_, value) => t(key).replace("{d}", value));
    return text;
  }

  // "ATOP 5.1 ...; https://...; ... (not re-verified)": parts on their own, addresses as
  // links named by their site, and the caveat in the page's language
  function sourceNote(source) {
    const parts = [];
    for (const raw of String(source).split(/;\s*/)) {
      let piece = raw.trim();
      if (!piece) continue;
      if (parts.length) parts.push(" · ");
      const caveat = /\s*\(not re-verified[^)]*\)/i;
      const unverified = caveat.test(piece);
      piece = piece.replace(caveat, "");
      if (/^https?:\/\/\S+$/.test(piece)) {
        let host = piece;
        try { host = new URL(piece).hostname.replace(/^www\./, ""); } catch (_) { /* keep it */ }
        parts.push(el("a", { href: piece, rel: "noopener noreferrer nofollow" }, host));
      } else {
        parts.push(sourceWords(piece));
      }
      if (unverified) parts.push(el("em", {}, ` (${t("not_reverified")})`));
    }
    return parts;
  }

  function guarantorChip(line) {
    const parts = [el("a", { href: PW.actorHref(`country:${line.guarantor}`), class: "actor-link" }, countryName(line.guarantor))];
    if (line.standing && line.standing !== "binding") parts.push(" ", PW.tag(PW.label("standing", line.standing), "standing"));
    const reason = line.reason ? reasonText(line.reason) : null;
    if (reason) parts.push(el("span", { class: "meta" }, ` (${reason})`));
    return el("li", {}, parts);
  }

  // who a block lists: bound to defend only under "legal basis"; assurances are not
  // defence obligations (the Budapest Memorandum), and the attacker's clauses neither
  const PARTIES_HEADING = {
    legal_basis: "defenders", qualified: "qualified_parties", assurances: "assurers",
    attacker_clauses: "attacker_parties",
  };

  let treaties = {};
  function treatyName(basis) {
    const names = treaties[basis.treaty] || {};
    const name = PW.lang === "vi" ? names.name_vi || names.name : names.name || names.name_vi;
    return name || basis.treaty_name || PW.idWords(basis.treaty);
  }

  // The article's summary in the page's language: on a Vietnamese page the knowledge
  // base's Vietnamese, with the English it renders a click away (the English is the reference).
  function treatySummary(basis) {
    if (PW.lang !== "vi" || !basis.summary_vi) return el("p", { lang: "en", class: "treaty-summary" }, basis.summary || "");
    return el("div", { class: "treaty-summary-block" },
      el("p", { lang: "vi", class: "treaty-summary" }, basis.summary_vi),
      basis.summary ? el("details", { class: "meta" }, el("summary", {}, t("summary_in_english")),
        el("p", { lang: "en", class: "treaty-summary-en" }, basis.summary)) : null);
  }

  function scopeNote(basis) {
    const scope = PW.lang === "vi" && basis.scope_vi ? basis.scope_vi : basis.scope;
    return scope ? el("p", { class: "meta" }, `${t("scope")}: ${scope}`) : null;
  }

  function basisBlock(group, section) {
    const basis = group.basis;
    return el("div", { class: "card basis", "data-treaty": basis.treaty || "", "data-article": basis.article || "" },
      el("h3", {}, `${treatyName(basis)} — ${t("article")} ${basis.article}`, " ",
        PW.tag(PW.label("obligation", group.obligation), "obligation"),
        PW.tag(basis.automatic ? t("automatic") : t("not_automatic"), "automatic")),
      treatySummary(basis),
      scopeNote(basis),
      el("div", {}, el("strong", { class: "parties-heading" }, `${t(PARTIES_HEADING[section] || "defenders")} (${group.lines.length}): `)),
      el("ul", { class: "chips" }, group.lines.map(guarantorChip)),
      basis.source ? el("p", { class: "meta source-note" }, `${t("sources")}: `, sourceNote(basis.source)) : null);
  }

  function newsBlock(line) {
    return el("li", { class: "item news" },
      el("div", {}, el("strong", {}, line.date || "—"), " ", PW.typeTag(line.type), PW.statusTag(line.status), " ",
        confidenceTag(line.confidence), " ", PW.actorList(line.guarantors), " ⇒ ", PW.actorList(line.beneficiaries)),
      PW.conditionsNote(line.conditions),
      el("ul", {}, (line.evidence || []).map((ev) => el("li", { class: "evidence-text" },
        ev.date ? `${ev.date} · ` : "", PW.statusTag(ev.status), " ", confidenceTag(ev.confidence), " ", ev.text || "", " ",
        (ev.source_chain || []).length ? el("span", { class: "meta" }, "(", PW.sourceChain(ev.source_chain), ") ") : null,
        PW.evidenceLink(ev.doc_id, { start: ev.start, end: ev.end })))));
  }

  function summary(lines) {
    const defenders = new Set(lines.filter((l) => l.obligation === "defense").map((l) => l.guarantor));
    return `${defenders.size} ${t("states_bound")} · ${groupLines(lines).length} ${t("articles_count")}`;
  }

  function drawAnswer(answer) {
    const box = clear($("obligation-answer"));
    treaties = answer.treaties || {};
    const who = answer.attacked ? countryName(answer.attacked) : "—";
    append(box, [el("p", { id: "obligation-summary" },
      el("strong", {}, `${t("obligation_if")} ${who} ${t("obligation_attacked_on")} ${answer.on}`),
      answer.attacker ? ` (${countryName(answer.attacker)})` : "", ": ",
      answer.binding ? summary(answer.obligations) : t("no_obligation"))]);
    // treaty facts (sourced knowledge base) first, reported commitments (news) apart below
    const treaty = el("section", { class: "provenance-treaty", id: "obligation-treaty" },
      el("h3", {}, t("treaty_section")));
    box.appendChild(treaty);
    const sections = [
      ["legal_basis", answer.obligations],
      ["qualified", answer.qualified],
      ["assurances", answer.assurances],
      ["attacker_clauses", answer.attacker_clauses],
    ];
    for (const [key, lines] of sections) {
      if (!(lines || []).length) continue;
      treaty.appendChild(el("h4", {}, t(key)));
      for (const group of groupLines(lines)) treaty.appendChild(basisBlock(group, key));
    }
    const reported = el("section", { class: "provenance-reported", id: "obligation-reported" },
      el("h3", {}, t("reported_section")));
    box.appendChild(reported);
    const news = el("ul", { class: "items", id: "obligation-news" }, (answer.news || []).map(newsBlock));
    if (!(answer.news || []).length) PW.empty(news);
    reported.appendChild(news);
    const hidden = el("p", { class: "meta hidden-note", id: "obligation-hidden" });
    hiddenNote(hidden, answer.reported_filter);
    reported.appendChild(hidden);
    const notes = (answer.notes || []).map(noteText).filter(Boolean);
    if (notes.length) box.appendChild(el("p", { class: "meta", id: "obligation-notes" }, `${t("notes")}: ${notes.join("; ")}`));
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
      hiddenNote($("board-hidden"), board.reported_filter);
      const types = new Set();
      for (const thread of board.threads || []) for (const type of thread.types || [thread.family]) types.add(type);
      if (query.type) types.add(query.type);
      for (const type of [...types].sort()) $("f-type").appendChild(el("option", { value: type }, PW.typeLabel(type)));
      PW.showActorName($("f-actor"), board.actor);
      $("f-type").value = query.type || "";
      const chosen = (p.get("cell") || "").split("|");
      if (chosen.length === 2) selectCell(chosen[0], chosen[1], false);
    } catch (error) {
      PW.showError($("board"), error);
    }
  }

  async function main() {
    statusLegend();
    PW.suggestActors($("f-actor"), $("actor-options"));
    PW.bindFilterForm($("obligation-form"), BOARD_FILTERS);
    await loadBoard();
    PW.bindFilterForm($("filters"), OBLIGATION_FIELDS);
    await loadObligations();
    document.body.dataset.ready = "1";
  }

  main();
})();
