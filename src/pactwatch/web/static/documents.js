// Documents list: newest first or sorted by a column (over every page, by the server),
// filtered by text, outlet and dates from the URL, paged.
"use strict";

(() => {
  const { el, clear, $, params, api } = PW;
  const LIMIT = 50;

  async function main() {
    const p = params();
    try {
      const meta = await api("/meta").catch(() => null);
      for (const row of (meta && meta.outlets) || []) {
        if (row.outlet) $("f-outlet").appendChild(el("option", { value: row.outlet }, `${row.outlet} (${row.documents})`));
      }
      const outlet = p.get("outlet");
      if (outlet && ![...$("f-outlet").options].some((o) => o.value === outlet)) $("f-outlet").appendChild(el("option", { value: outlet }, outlet));
      PW.bindFilterForm($("filters"), ["sort", "order"]);
      const offset = PW.intParam("offset", 0);
      const data = await api("/documents", {
        q: p.get("q"), outlet, since: p.get("since"), until: p.get("until"), limit: LIMIT, offset,
        sort: p.get("sort"), order: p.get("order"),
      });
      const body = clear($("documents-body"));
      $("documents-count").textContent = `(${data.total})`;
      for (const doc of data.items || []) {
        body.appendChild(el("tr", {},
          el("td", {}, doc.date || doc.estimate_value || "—"),
          el("td", {}, el("a", { href: PW.documentHref(doc.id) }, doc.display_title || doc.title || doc.source_path || PW.t("document"))),
          el("td", {}, doc.outlet || "—"),
          el("td", {}, String(doc.n_actors ?? "")),
          el("td", {}, String(doc.n_events ?? "")),
          el("td", {}, String(doc.n_commitments ?? "")),
          el("td", {}, String(doc.n_quotes ?? ""))));
      }
      if (!(data.items || []).length) body.appendChild(el("tr", {}, el("td", { colspan: 7, class: "muted" }, PW.t("nothing_found"))));
      PW.pager($("pager"), data.total, data.limit || LIMIT, data.offset || 0);
      PW.serverSortable($("documents"));
    } catch (error) {
      PW.showError($("pager"), error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
