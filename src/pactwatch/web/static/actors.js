// Actors list: most documents first, filtered by name (accents optional) and kind, paged.
"use strict";

(() => {
  const { el, clear, $, params, api } = PW;
  const LIMIT = 50;

  async function main() {
    const p = params();
    PW.bindFilterForm($("filters"));
    try {
      const offset = PW.intParam("offset", 0);
      const data = await api("/actors", { q: p.get("q"), kind: p.get("kind"), limit: LIMIT, offset });
      const body = clear($("actors-body"));
      $("actors-count").textContent = `(${data.total})`;
      for (const actor of data.items || []) {
        PW.learnActor(actor);
        const other = PW.lang === "vi" ? actor.name : actor.name_vi;
        body.appendChild(el("tr", {},
          el("td", {}, PW.actorLink(actor.id), other && other !== PW.actorName(actor.id) ? el("span", { class: "meta" }, ` · ${other}`) : null),
          el("td", {}, PW.label("kind", actor.kind)),
          el("td", {}, String(actor.documents ?? "")),
          el("td", {}, String(actor.mentions ?? ""))));
      }
      if (!(data.items || []).length) body.appendChild(el("tr", {}, el("td", { colspan: 4, class: "muted" }, PW.t("nothing_found"))));
      PW.pager($("pager"), data.total, data.limit || LIMIT, data.offset || 0);
      PW.sortable($("actors"));
    } catch (error) {
      PW.showError($("pager"), error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
