// Search page: full-text over articles and quotes through /api/search (diacritic-insensitive);
// matched words are marked in the snippets by folding accents the same way on our side.
"use strict";

(() => {
  const { el, clear, $, params, api } = PW;
  const WORD = /[\p{L}\p{N}]/u;
  // results per page of each kind (?per_page= for a shorter page)
  const LIMIT = Math.min(100, PW.intParam("per_page", 20) || 20);

  function foldChar(c) {
    return c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/đ/g, "d");
  }

  // Folded text with, for each folded character, the index of the original it came from.
  function folded(text) {
    let out = "";
    const origin = [];
    for (let i = 0; i < text.length; i++) {
      const f = foldChar(text[i]);
      for (let k = 0; k < f.length; k++) {
        out += f[k];
        origin.push(i);
      }
    }
    return { out, origin };
  }

  // Snippet text with every occurrence of a term wrapped in <mark> (built as nodes, not markup).
  function marked(text, terms) {
    const { out, origin } = folded(text);
    const ranges = [];
    for (const term of terms) {
      const needle = folded(term).out;
      if (!needle) continue;
      let at = out.indexOf(needle);
      while (at >= 0) {
        // whole words only, as the index matches them: "hoa" marks "hòa", not "hoạch"
        const before = at > 0 ? out[at - 1] : "";
        const after = out[at + needle.length] || "";
        if (!WORD.test(before) && !WORD.test(after)) {
          ranges.push([origin[at], origin[at + needle.length - 1] + 1]);
        }
        at = out.indexOf(needle, at + needle.length);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const nodes = [];
    let pos = 0;
    for (const [start, end] of ranges) {
      if (start < pos) continue;
      if (start > pos) nodes.push(text.slice(pos, start));
      nodes.push(el("mark", {}, text.slice(start, end)));
      pos = end;
    }
    if (pos < text.length) nodes.push(text.slice(pos));
    return nodes;
  }

  function snippetText(snippet) {
    if (!snippet) return { text: "", offset: null, truncated: false };
    if (typeof snippet === "string") return { text: snippet, offset: null, truncated: false };
    return { text: snippet.text || "", offset: snippet.offset, truncated: !!snippet.truncated, match: snippet.match };
  }

  function documentItem(doc, terms) {
    const snip = snippetText(doc.snippet);
    let href = PW.documentHref(doc.id);
    if (Number.isInteger(snip.offset) && snip.match && Number.isInteger(snip.match.start)) {
      href = PW.documentHref(doc.id, snip.offset + snip.match.start, snip.offset + snip.match.end);
    }
    return el("li", { class: "item result-document" },
      el("div", {}, el("a", { href }, marked(doc.display_title || doc.title || PW.t("document"), terms))),
      el("div", { class: "evidence-text" }, snip.truncated ? "… " : "", marked(snip.text, terms), snip.truncated ? " …" : ""),
      el("div", { class: "meta" }, [doc.date, doc.outlet].filter(Boolean).join(" · ")));
  }

  function count(id, shown, total, offset) {
    $(id).textContent = total > shown ? `(${shown ? offset + 1 : 0}–${offset + shown} / ${total})` : `(${total})`;
  }

  function actorItem(actor, terms) {
    PW.learnActor(actor);
    const other = PW.lang === "vi" ? actor.name : actor.name_vi;
    const name = PW.actorName(actor.id);
    return el("li", { class: "item result-actor" },
      el("a", { href: PW.actorHref(actor.id), class: "actor-link" }, marked(name, terms)),
      other && other !== name ? el("span", { class: "meta" }, " · ", marked(other, terms)) : null,
      el("span", { class: "meta" }, ` · ${PW.label("kind", actor.kind)} · ${actor.documents ?? 0} ${PW.t("documents")}`));
  }

  async function main() {
    const q = (params().get("q") || "").trim();
    $("q").value = q;
    if (q) {
      try {
        const offset = PW.intParam("offset", 0);
        const data = await api("/search", { q, limit: LIMIT, offset });
        // the words are matched as one phrase ("hoa binh" is "hòa bình"): mark the phrase
        const terms = [(data.terms && data.terms.length ? data.terms : q.split(/\s+/)).join(" ")];
        const actors = clear($("search-actors"));
        const matched = data.matched_actors || [];
        $("actors-count").textContent = `(${data.matched_actors_total ?? matched.length})`;
        for (const actor of matched) actors.appendChild(actorItem(actor, terms));
        if (!matched.length) PW.empty(actors);
        const docs = clear($("search-documents"));
        count("documents-count", (data.documents || []).length, data.documents_total ?? 0, offset);
        for (const doc of data.documents || []) docs.appendChild(documentItem(doc, terms));
        if (!(data.documents || []).length) PW.empty(docs);
        const quotes = clear($("search-quotes"));
        count("quotes-count", (data.quotes || []).length, data.quotes_total ?? 0, offset);
        for (const quote of data.quotes || []) quotes.appendChild(PW.quoteItem(quote, marked(quote.text || "", terms)));
        if (!(data.quotes || []).length) PW.empty(quotes);
        // one pager for both lists: a page holds up to LIMIT of each
        PW.pager($("search-pager"), Math.max(data.documents_total || 0, data.quotes_total || 0), LIMIT, offset);
      } catch (error) {
        PW.showError($("search-documents"), error);
      }
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
