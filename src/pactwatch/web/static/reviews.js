// The review queue: quotes, events and commitments, least confident first, to confirm,
// reject or correct (the buttons come from review.js once signed in).
"use strict";

(() => {
  const { t, el, api, clear, append, $, params } = PW;
  const LIMIT = 25;
  const RENDER = { event: PW.eventItem, commitment: PW.commitmentItem, quote: PW.quoteItem };

  async function main() {
    PW.bindFilterForm($("filters"));
    PW.suggestActors($("f-actor"), $("actor-options"));
    const p = params();
    const offset = PW.intParam("offset", 0);
    const list = $("queue");
    PW.loading(list);
    try {
      const data = await api("/reviews/queue", {
        kind: p.get("kind"), actor: p.get("actor"), since: p.get("since"), until: p.get("until"),
        state: p.get("state"), limit: LIMIT, offset,
      });
      clear(list);
      PW.showActorName($("f-actor"), data.actor);
      $("queue-count").textContent = `(${data.total})`;
      const c = data.counts || {};
      $("review-counts").textContent = `${PW.label("verdict", "confirmed")}: ${c.confirmed || 0} · `
        + `${PW.label("verdict", "rejected")}: ${c.rejected || 0} · ${PW.label("verdict", "corrected")}: ${c.corrected || 0}`;
      if (!data.items.length) PW.empty(list);
      for (const row of data.items) {
        const item = RENDER[row.kind](row);
        item.classList.add("queue-item");
        item.firstChild.prepend(el("span", { class: "tag confidence" }, `${t("confidence")} ${Number(row.confidence || 0).toFixed(2)}`), " ",
          PW.tag(PW.label("review_kind", row.kind), "kind"), " ");
        list.appendChild(item);
      }
      PW.pager($("pager"), data.total, LIMIT, offset);
    } catch (error) {
      PW.showError(list, error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
