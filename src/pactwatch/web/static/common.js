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
  function actorName(id) {
    const info = actorInfo.get(id);
    if (!info) return String(id);
    const first = lang === "vi" ? info.name_vi || info.name : info.name || info.name_vi;
    return first || String(id);
  }
  function actorHref(id) {
    // ids hold a colon, which is fine in a path; everything else is percent-encoded
    return `/actors/${encodeURIComponent(id).replace(/%3A/gi, ":")}`;
  }
  function actorLink(id) {
    return el("a", { href: actorHref(id), title: id, class: "actor-link" }, actorName(id));
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
    return el("span", { class: `tag status status-${status}`, title: status }, label("status", status));
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
  function pager(container, total, limit, offset) {
    clear(container);
    if (total <= limit) return;
    const link = (newOffset, text) => {
      const next = params();
      if (newOffset > 0) next.set("offset", String(newOffset));
      else next.delete("offset");
      return el("a", { href: `${window.location.pathname}?${next.toString()}` }, text);
    };
    const pages = Math.ceil(total / limit);
    const page = Math.floor(offset / limit) + 1;
    append(container, [
      offset > 0 ? link(Math.max(0, offset - limit), "← " + t("previous")) : null,
      el("span", {}, `${t("page")} ${page} ${t("of")} ${pages}`),
      offset + limit < total ? link(offset + limit, t("next") + " →") : null,
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
      el("a", { href: documentHref(row.doc_id) }, row.doc_title || row.doc_id),
      row.outlet ? ` · ${row.outlet}` : "",
      row.doc_date ? ` · ${row.doc_date}` : "");
  }

  function eventItem(row) {
    return el("li", { class: "item item-event" },
      el("div", {},
        el("strong", {}, row.date || row.period || "—"), " ",
        tag(row.type, "type"), row.mode ? tag(row.mode, "mode") : null, statusTag(row.status), " ",
        actorList(row.source), " → ", actorList(row.target)),
      el("div", { class: "evidence-text" }, row.evidence_text || ""),
      append(docMeta(row), [" · ", evidenceLink(row.doc_id, row.evidence)]));
  }

  function commitmentItem(row) {
    return el("li", { class: "item item-commitment" },
      el("div", {},
        el("strong", {}, row.date || row.period || "—"), " ",
        tag(row.type, "type"), statusTag(row.status), " ",
        actorList(row.guarantors), " ⇒ ", actorList(row.beneficiaries)),
      (row.conditions || []).length ? el("div", { class: "meta" }, `${t("conditions")}: ${row.conditions.join("; ")}`) : null,
      el("div", { class: "evidence-text" }, row.evidence_text || ""),
      append(docMeta(row), [
        (row.reported_via || []).length ? [" · ", t("reported_via"), ": ", sourceChain(row.reported_via)] : null,
        " · ", evidenceLink(row.doc_id, { start: (row.evidence || {}).start, end: (row.evidence || {}).end }),
      ]));
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
    return el("li", { class: "item item-quote" },
      el("blockquote", { class: "quote" }, text || row.text || ""),
      el("div", {}, "— ", chain, " ", tag(row.direct ? t("direct_quote") : t("indirect_quote"), "direct"),
        row.date ? ` · ${row.date}` : ""),
      el("div", { class: "meta" },
        via.length ? [t("reported_via"), ": ", sourceChain(via, row.outlet), " · "] : (row.outlet ? [row.outlet, " · "] : null),
        el("a", { href: documentHref(row.doc_id) }, row.doc_title || row.doc_id), " · ",
        evidenceLink(row.doc_id, { start: row.start, end: row.end })));
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
    evidenceLink, tag, statusTag, showError, loading, empty, bindFilterForm, pager, intParam,
    sourceChain, eventItem, commitmentItem, quoteItem, fillList, docMeta,
  };
})();
