// Actors list: the knowledge base's actors, most documents first or sorted by a column
// (over every page, by the server), filtered by name (accents optional) and kind, paged;
// below them, apart, the names the knowledge base does not list (open-world actors with
// provisional ids), each with its kind, counts, example sentences and the actors it
// appears with: what `pactwatch kb suggest` lists.
"use strict";

(() => {
  const { el, clear, $, params, api } = PW;
  const LIMIT = 50;
  const UNLINKED_LIMIT = 20;

  function otherName(actor) {
    const other = PW.lang === "vi" ? actor.name : actor.name_vi;
    return other && other !== PW.actorName(actor.id) ? el("span", { class: "meta" }, ` · ${other}`) : null;
  }

  function confidenceText(value) {
    return typeof value === "number" ? value.toFixed(2) : "—";
  }

  async function drawLinked(p) {
    const offset = PW.intParam("offset", 0);
    const data = await api("/actors", {
      q: p.get("q"), kind: p.get("kind"), linked: "true", limit: LIMIT, offset,
      sort: p.get("sort"), order: p.get("order"),
    });
    const body = clear($("actors-body"));
    $("actors-count").textContent = `(${data.total})`;
    for (const actor of data.items || []) {
      PW.learnActor(actor);
      body.appendChild(el("tr", {},
        el("td", {}, PW.actorLink(actor.id), otherName(actor)),
        el("td", {}, PW.label("kind", actor.kind)),
        el("td", {}, String(actor.documents ?? "")),
        el("td", {}, String(actor.mentions ?? ""))));
    }
    if (!(data.items || []).length) body.appendChild(el("tr", {}, el("td", { colspan: 4, class: "muted" }, PW.t("nothing_found"))));
    PW.pager($("pager"), data.total, data.limit || LIMIT, data.offset || 0);
    PW.serverSortable($("actors"));
  }

  async function drawUnlinked() {
    const offset = PW.intParam("unlinked_offset", 0);
    const data = await api("/actors/unlinked", { limit: UNLINKED_LIMIT, offset });
    const body = clear($("unlinked-body"));
    $("unlinked-count").textContent = `(${data.total})`;
    for (const actor of data.items || []) PW.learnActor(actor);
    for (const actor of data.items || []) {
      for (const other of actor.co_occurring || []) PW.learnActor(other);
      body.appendChild(el("tr", { "data-actor": actor.id },
        el("td", {}, PW.actorLink(actor.id), otherName(actor)),
        el("td", {}, PW.label("kind", actor.kind)),
        el("td", {}, String(actor.documents ?? "")),
        el("td", {}, String(actor.mentions ?? "")),
        el("td", {}, confidenceText(actor.confidence)),
        el("td", { class: "examples" }, el("ul", {}, (actor.examples || []).map((example) =>
          el("li", {}, el("span", { class: "evidence-text" }, example.sentence || ""), " ",
            el("a", { href: PW.documentHref(example.doc_id), class: "meta" }, example.doc_title || PW.t("document")))))),
        el("td", {}, el("ul", { class: "chips" }, (actor.co_occurring || []).map((other) =>
          el("li", {}, PW.actorLink(other.id), el("span", { class: "meta" }, ` (${other.documents})`)))))));
    }
    if (!(data.items || []).length) body.appendChild(el("tr", {}, el("td", { colspan: 7, class: "muted" }, PW.t("nothing_found"))));
    PW.pager($("unlinked-pager"), data.total, data.limit || UNLINKED_LIMIT, data.offset || 0, "unlinked_offset");
  }

  async function main() {
    const p = params();
    PW.bindFilterForm($("filters"), ["sort", "order"]);
    try {
      await drawLinked(p);
    } catch (error) {
      PW.showError($("pager"), error);
    }
    try {
      await drawUnlinked();
    } catch (error) {
      PW.showError($("unlinked-pager"), error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
