// pactwatch pages: shared helpers. Every piece of data from the API reaches the page
// through textContent or setAttribute (never innerHTML), so article text stays inert.
"use strict";

const PW = (() => {
  const T = JSON.parse(document.getElementById("i18n").textContent);
  const lang = document.body.dataset.lang || "vi";
  const SVGNS = "http://www.w3.org/2000/svg";

  function t(key) {
    return Object.prototype.hasOwnProperty.call(T, key) ? T[key] : key;
  }

  // A code from the analysis record in words ("status_in_force" -> "có hiệu lực"); the code itself
  // when we have no words for it.
  function label(prefix, code) {
    const key = `${prefix}_${code}`;
    return Object.prototype.hasOwnProperty.call(T, key) ? T[key] : String(code);
  }

  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else if (child instanceof Node) node.appendChild(child);
      else node.appendChild(document.createTextNode(String(child)));
    }
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name.startsWith("on") && typeof value === "function") {
        node.addEventListener(name.slice(2), value);
      } else node.setAttribute(name, value === true ? "" : String(value));
    }
    return node;
  }

  // el("a", {href: "/x", class: "y"}, "text", child, [more]) -> an HTML element
  function el(tag, attrs, ...children) {
    return append(setAttrs(document.createElement(tag), attrs), children);
  }

  function svg(tag, attrs, ...children) {
    return append(setAttrs(document.createElementNS(SVGNS, tag), attrs), children);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function $(id) {
    return document.getElementById(id);
  }

  function params() {
    return new URLSearchParams(window.location.search);
  }

  function apiUrl(path, query) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query || {})) {
      if (value !== null && value !== undefined && value !== "") search.set(key, value);
    }
    const text = search.toString();
    return `/api${path}${text ? "?" + text : ""}`;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(`${status}${code ? " " + code : ""}: ${message}`);
      this.status = status;
      this.code = code;
    }
  }

  async function api(path, query, init) {
    const response = await fetch(apiUrl(path, query), {
      headers: { Accept: "application/json" },
      ...(init || {}),
    });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      body = null;
    }
    if (!response.ok) {
      const error = body && body.error ? body.error : {};
      throw new ApiError(response.status, error.code || "", error.message || response.statusText);
    }
    learnActors(body && body.actors);
    return body;
  }

  // Actor names the API told us about (lists carry an "actors" map), to show names, not ids.
  const actorInfo = new Map();
  function learnActors(map) {
    if (!map || typeof map !== "object" || Array.isArray(map)) return;
    for (const [id, info] of Object.entries(map)) {
      if (info && typeof info === "object") actorInfo.set(id, info);
    }
  }
  function learnActor(row) {
    if (row && row.id) actorInfo.set(row.id, row);
  }
  // an id we have no name for still reads as words: "group:leaders" -> "Leaders"
  function idWords(id) {
    const key = String(id).includes(":") ? String(id).split(":").slice(1).join(":") : String(id);
    const words = key.replace(/[-_]+/g, " ").trim();
    return words ? words.charAt(0).toUpperCase() + words.slice(1) : String(id);
  }
  function actorName(id) {
    const info = actorInfo.get(id);
    if (!info) return idWords(id);
    const first = lang === "vi" ? info.name_vi || info.name : info.name || info.name_vi;
    return first && first !== id ? first : idWords(id);
  }
  function actorHref(id) {
    // ids hold a colon, which is fine in a path; everything else is percent-encoded
    return `/actors/${encodeURIComponent(id).replace(/%3A/gi, ":")}`;
  }
  function actorLink(id) {
    const info = actorInfo.get(id);
    const kind = info && info.kind ? label("kind", info.kind) : "";
    // an id the API says has no page (an unnamed group of speakers): its name, no link
    if (info && info.page === false) {
      return el("span", { title: kind, class: "actor-name", "data-actor": id }, actorName(id));
    }
    return el("a", { href: actorHref(id), title: kind, class: "actor-link", "data-actor": id }, actorName(id));
  }

  // An event or commitment type in the page's language ("CONSULT" -> "tham vấn, hội đàm").
  // A commitment's conditions: the article's words, except the pipeline's own note that an
  // agreement is informal ("informal (không chính thức)"), said in the page's language.
  function conditionText(condition) {
    return /^informal\b/i.test(String(condition)) ? t("condition_informal") : String(condition);
  }
  function conditionsNote(conditions) {
    if (!(conditions || []).length) return null;
    return el("div", { class: "meta conditions" }, `${t("conditions")}: ${conditions.map(conditionText).join("; ")}`);
  }

  // The words of the article that set a step's status, quoted, when they are in its evidence;
  // a cue the article does not hold (a code such as "planned") is not quoted as its words.
  function statusCue(cue, evidence) {
    if (!cue || !String(evidence || "").toLowerCase().includes(String(cue).toLowerCase())) return null;
    return el("span", { class: "meta status-cue" }, ` “${cue}”`);
  }

  function typeLabel(type) {
    if (!type) return "—";
    for (const prefix of ["etype", "ctype"]) {
      const key = `${prefix}_${type}`;
      if (Object.prototype.hasOwnProperty.call(T, key)) return T[key];
    }
    return String(type).replace(/_/g, " ");
  }
  function typeTag(type) {
    return el("span", { class: "tag type", "data-type": type || "" }, typeLabel(type));
  }
  // An office ("defence_minister") in words, from the knowledge base's roles.
  function roleLabel(role) {
    return label("role", role).replace(/_/g, " ");
  }
  function actorList(ids) {
    const out = [];
    (ids || []).forEach((id, i) => {
      if (i) out.push(", ");
      out.push(actorLink(id));
    });
    return out.length ? out : ["—"];
  }

  function documentHref(docId, start, end) {
    const base = `/documents/${encodeURIComponent(docId)}`;
    if (Number.isInteger(start) && Number.isInteger(end)) return `${base}?span=${start}-${end}`;
    return base;
  }

  function evidenceLink(docId, evidence) {
    const start = evidence ? evidence.start : undefined;
    const end = evidence ? evidence.end : undefined;
    return el("a", { href: documentHref(docId, start, end), class: "evidence-link" }, t("evidence") + " →");
  }

  function tag(text, cls) {
    return el("span", { class: `tag ${cls || ""}`.trim() }, text);
  }

  function statusTag(status) {
    if (!status) return null;
    return el("span", { class: `tag status status-${status}`, "data-status": status }, label("status", status));
  }

  function showError(container, error) {
    clear(container);
    const message = error && error.message ? error.message : String(error);
    append(container, [el("p", { class: "error" }, `${t("error_loading")} — ${message}`)]);
  }

  function loading(container) {
    clear(container);
    append(container, [el("p", { class: "muted" }, t("loading"))]);
  }

  function empty(container) {
    const inList = container.tagName === "UL" || container.tagName === "OL";
    append(container, [el(inList ? "li" : "p", { class: "muted empty" }, t("nothing_found"))]);
  }

  // Fill a GET form from the URL, and on submit drop empty fields so links stay short.
  // ``keep`` names URL parameters owned by another form on the page, carried over unchanged.
  function bindFilterForm(form, keep) {
    const current = params();
    for (const field of form.elements) {
      if (field.name && current.has(field.name)) field.value = current.get(field.name);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const next = new URLSearchParams();
      for (const field of form.elements) {
        if (field.name && field.value.trim() !== "") next.set(field.name, field.value.trim());
      }
      for (const name of keep || []) {
        if (current.has(name) && !next.has(name)) next.set(name, current.get(name));
      }
      const text = next.toString();
      window.location.assign(`${form.getAttribute("action") || window.location.pathname}${text ? "?" + text : ""}`);
    });
  }

  // Previous / next links that keep every other query parameter.
  function pager(container, total, limit, offset, name) {
    const param = name || "offset";
    clear(container);
    if (total <= limit || !limit) return;
    const link = (newOffset, text, rel) => {
      const next = params();
      if (newOffset > 0) next.set(param, String(newOffset));
      else next.delete(param);
      return el("a", { href: `${window.location.pathname}?${next.toString()}`, rel, class: `pager-${rel}` }, text);
    };
    const pages = Math.ceil(total / limit);
    const page = Math.floor(offset / limit) + 1;
    append(container, [
      offset > 0 ? link(Math.max(0, offset - limit), "← " + t("previous"), "prev") : null,
      el("span", { class: "pager-page" }, `${t("page")} ${page} ${t("of")} ${pages}`),
      offset + limit < total ? link(offset + limit, t("next") + " →", "next") : null,
    ]);
  }

  function intParam(name, fallback) {
    const value = parseInt(params().get(name) || "", 10);
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  }

  // A short line of where something was reported: "via Reuters → VnExpress".
  function sourceChain(ids, outlet) {
    const parts = [];
    for (const id of ids || []) {
      if (parts.length) parts.push(" → ");
      parts.push(actorInfo.has(id) || String(id).includes(":") ? actorLink(id) : String(id));
    }
    if (outlet) {
      if (parts.length) parts.push(" → ");
      parts.push(el("span", { class: "outlet" }, outlet));
    }
    return parts;
  }

  // -- list items shared by several pages -------------------------------------------------
  function docMeta(row) {
    return el("div", { class: "meta" },
      el("a", { href: documentHref(row.doc_id) }, row.doc_title || t("document")),
      row.outlet ? ` · ${row.outlet}` : "",
      row.doc_date ? ` · ${row.doc_date}` : "");
  }

  // the review block (static/review.js) under an item, when the page loaded it
  function reviewed(item, kind, row) {
    return typeof PWReview === "undefined" ? item : PWReview.reviewed(item, kind, row);
  }

  function eventItem(row) {
    return reviewed(el("li", { class: "item item-event" },
      el("div", {},
        el("strong", {}, row.date || row.period || "—"), " ",
        typeTag(row.type), row.mode ? tag(label("mode", row.mode), "mode") : null, statusTag(row.status), " ",
        actorList(row.source), " → ", actorList(row.target)),
      el("div", { class: "evidence-text" }, row.evidence_text || ""),
      append(docMeta(row), [" · ", evidenceLink(row.doc_id, row.evidence)])), "event", row);
  }

  function commitmentItem(row) {
    return reviewed(el("li", { class: "item item-commitment" },
      el("div", {},
        el("strong", {}, row.date || row.period || "—"), " ",
        typeTag(row.type), statusTag(row.status), " ",
        actorList(row.guarantors), " ⇒ ", actorList(row.beneficiaries)),
      conditionsNote(row.conditions),
      el("div", { class: "evidence-text" }, row.evidence_text || ""),
      append(docMeta(row), [
        (row.reported_via || []).length ? [" · ", t("reported_via"), ": ", sourceChain(row.reported_via)] : null,
        " · ", evidenceLink(row.doc_id, { start: (row.evidence || {}).start, end: (row.evidence || {}).end }),
      ])), "commitment", row);
  }

  // A quote with its attribution chain: speaker, then whoever relayed it, then the outlet.
  function quoteItem(row, text) {
    const speaker = row.speaker ? actorLink(row.speaker) : el("em", {}, row.speaker_text || t("unknown_speaker"));
    const chain = [speaker];
    if (row.speaker && row.speaker_text && row.speaker_text !== actorName(row.speaker)) {
      // how the article named the speaker ("Tổng thư ký NATO"), when it is not the name itself
      chain.push(el("span", { class: "meta" }, ` (${row.speaker_text})`));
    }
    if (row.verb) chain.push(` ${row.verb}`);
    const via = row.reported_via || [];
    return reviewed(el("li", { class: "item item-quote" },
      el("blockquote", { class: "quote" }, text || row.text || ""),
      el("div", {}, "— ", chain, " ", tag(row.direct ? t("direct_quote") : t("indirect_quote"), "direct"),
        row.date ? ` · ${row.date}` : ""),
      el("div", { class: "meta" },
        via.length ? [t("reported_via"), ": ", sourceChain(via, row.outlet), " · "] : (row.outlet ? [row.outlet, " · "] : null),
        el("a", { href: documentHref(row.doc_id) }, row.doc_title || t("document")), " · ",
        evidenceLink(row.doc_id, { start: row.start, end: row.end }))), "quote", row);
  }

  // Click a column's header to sort the table's body by it (again to reverse): numbers as
  // numbers, dates and words as text in the page's language.
  function sortable(table) {
    const heads = table.querySelectorAll("thead th, tr:first-child > th");
    heads.forEach((th, column) => {
      if (th.dataset.sortable === "0") return;
      th.classList.add("sortable");
      th.tabIndex = 0;
      th.title = t("sort_by");
      const sort = () => {
        const body = table.tBodies[0] || table;
        const rows = [...body.rows].filter((r) => r.cells.length > column && !r.querySelector("th"));
        const down = th.getAttribute("aria-sort") !== "ascending";
        for (const other of heads) other.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", down ? "ascending" : "descending");
        const value = (row) => (row.cells[column].dataset.sort ?? row.cells[column].textContent).trim();
        const numeric = rows.every((r) => value(r) === "" || value(r) === "—" || !Number.isNaN(Number(value(r))));
        rows.sort((a, b) => {
          const x = value(a), y = value(b);
          const order = numeric ? (Number(x) || 0) - (Number(y) || 0) : x.localeCompare(y, lang);
          return down ? order : -order;
        });
        for (const row of rows) body.appendChild(row);
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sort();
        }
      });
    });
  }

  // A paged table sorted by the server over the whole result: each header with a
  // data-sort-key links to the same page sorted by that column (again: the other way),
  // every filter kept and back to the first page; the pager keeps sort and order.
  function serverSortable(table) {
    const current = params();
    const sorted = current.get("sort"), order = current.get("order") === "desc" ? "desc" : "asc";
    for (const th of table.querySelectorAll("thead th[data-sort-key]")) {
      const key = th.dataset.sortKey;
      const first = th.dataset.sortFirst === "desc" ? "desc" : "asc";
      const next = params();
      next.delete("offset");
      next.set("sort", key);
      next.set("order", sorted === key ? (order === "asc" ? "desc" : "asc") : first);
      const text = th.textContent;
      clear(th).appendChild(el("a", { href: `${window.location.pathname}?${next.toString()}`, class: "sort-link", title: t("sort_by") }, text));
      th.classList.add("sortable");
      if (sorted === key) th.setAttribute("aria-sort", order === "desc" ? "descending" : "ascending");
    }
  }

  // An actor field that takes names in either language: as one types, /api/actors/suggest
  // fills its datalist with the actors the text may mean (the API resolves what is sent).
  function suggestActors(input, datalist) {
    let timer = null, asked = "";
    input.setAttribute("list", datalist.id);
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2 || q === asked) return;
      timer = setTimeout(async () => {
        asked = q;
        try {
          const found = await api("/actors/suggest", { q, limit: 10 });
          clear(datalist);
          for (const row of found.items || []) {
            learnActor(row);
            const other = lang === "vi" ? row.name : row.name_vi;
            const name = actorName(row.id);
            datalist.appendChild(el("option", { value: name, "data-actor": row.id },
              [other && other !== name ? other : "", label("kind", row.kind)].filter(Boolean).join(" · ")));
          }
        } catch (_) {
          // suggestions are a help: the field still works without them
        }
      }, 150);
    });
  }

  // Show an actor filter from the URL (an id) as the actor's name once it is known.
  function showActorName(input, id) {
    if (id && input.value === id && actorInfo.has(id)) input.value = actorName(id);
  }

  function fillList(listId, countId, block, render) {
    const list = clear(document.getElementById(listId));
    const items = (block && block.items) || [];
    const total = block && Number.isInteger(block.total) ? block.total : items.length;
    if (countId) document.getElementById(countId).textContent = items.length < total ? `(${items.length} / ${total})` : `(${total})`;
    if (!items.length) empty(list);
    for (const row of items) list.appendChild(render(row));
  }

  return {
    t, label, lang, el, svg, clear, append, $, params, api, apiUrl, ApiError,
    learnActors, learnActor, actorName, actorHref, actorLink, actorList, documentHref,
    typeLabel, typeTag, roleLabel, sortable, serverSortable, suggestActors, showActorName, idWords,
    evidenceLink, tag, statusTag, showError, loading, empty, bindFilterForm, pager, intParam,
    sourceChain, eventItem, commitmentItem, quoteItem, fillList, docMeta, conditionsNote, statusCue,
  };
})();
