// Stories list: largest first, each linking to its page; paged.
"use strict";

(() => {
  const { el, clear, $, api } = PW;
  const LIMIT = 50;

  function span(row) {
    if (!row.date_first && !row.date_last) return "—";
    if (row.date_first === row.date_last) return row.date_first;
    return `${row.date_first || "?"} – ${row.date_last || "?"}`;
  }

  async function main() {
    try {
      const offset = PW.intParam("offset", 0);
      const data = await api("/stories", { limit: LIMIT, offset });
      const body = clear($("stories-body"));
      $("stories-count").textContent = `(${data.total})`;
      for (const story of data.items || []) {
        body.appendChild(el("tr", { class: "story-row" },
          el("td", {}, span(story)),
          el("td", {}, el("a", { href: `/stories/${encodeURIComponent(story.id)}` }, story.title || story.id)),
          el("td", {}, String(story.size ?? "")),
          el("td", {}, (story.outlets || []).join(", ") || "—"),
          el("td", {}, String(story.n_claims ?? ""))));
      }
      if (!(data.items || []).length) {
        body.appendChild(el("tr", {}, el("td", { colspan: 5, class: "muted" }, PW.t("stories_none"))));
      }
      PW.pager($("pager"), data.total, data.limit || LIMIT, data.offset || 0);
    } catch (error) {
      PW.showError($("pager"), error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
