// Article reader: metadata and credits, then the normalised text with actors, times, quotes,
// events and commitments highlighted; ?span=start-end marks and scrolls to evidence.
// The text is cut into plain text nodes at span boundaries: nothing in it is ever parsed as HTML.
"use strict";

(() => {
  const { t, el, clear, append, $, params, api } = PW;
  const docId = $("main").dataset.docId;

  function selectedSpan(length) {
    const match = /^(\d+)-(\d+)$/.exec(params().get("span") || "");
    if (!match) return null;
    const start = Number(match[1]), end = Number(match[2]);
    if (!(start < end) || end > length) return null;
    return { start, end };
  }

  function metaBlock(data) {
    const box = clear($("doc-meta"));
    const meta = data.metadata || {};
    const doc = (data.record && data.record.document) || {};
    const credits = data.credits || {};
    const dl = el("dl", { class: "facts" });
    const row = (term, ...value) => append(dl, [el("dt", {}, term), el("dd", {}, ...value)]);
    const joined = (list) => (list || []).filter(Boolean).join(", ");
    if (doc.published || meta.published) row(t("published"), doc.published || meta.published);
    const estimate = doc.published_estimate;
    if (estimate && estimate.value && !(doc.published || meta.published)) {
      row(t("published_estimate"), `${estimate.value || "?"} (${estimate.earliest || "?"} – ${estimate.latest || "?"}; ${estimate.basis || ""})`);
    }
    if (doc.outlet || meta.outlet) row(t("outlet"), doc.outlet || meta.outlet);
    if (meta.url) {
      // only web addresses become links; anything else stays text
      const safe = /^https?:\/\//i.test(meta.url);
      row("URL", safe ? el("a", { href: meta.url, rel: "noopener noreferrer nofollow" }, meta.url) : meta.url);
    }
    if (joined(credits.authors || doc.authors)) row(t("authors"), joined(credits.authors || doc.authors));
    if (joined(credits.translators || doc.translators)) row(t("translators"), joined(credits.translators || doc.translators));
    if (joined(credits.credited_sources || doc.credited_sources)) row(t("credited_sources"), joined(credits.credited_sources || doc.credited_sources));
    if (credits.original_publisher) row(t("original_publisher"), credits.original_publisher);
    if (joined(credits.photo_credits)) row(t("photo"), joined(credits.photo_credits));
    if (doc.language || meta.language) row(t("language"), doc.language || meta.language);
    const paths = (meta.sources || []).map((s) => s.path);
    if (paths.length || doc.source_path) row(t("source_path"), joined(paths.length ? paths : [doc.source_path]));
    box.appendChild(dl);
  }

  function validSpan(start, end, length) {
    return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= length && start < end;
  }

  const names = (ids) => (ids || []).map(PW.actorName).join(", ");

  function collectSpans(record, length) {
    const spans = [];
    const add = (start, end, kind, info, extra) => {
      if (validSpan(start, end, length)) spans.push({ start, end, kind, info, ...(extra || {}) });
    };
    for (const actor of record.actors || []) {
      PW.learnActor(actor);
      const names = [actor.name, actor.name_vi].filter(Boolean).join(" / ");
      for (const m of actor.mentions || []) {
        add(m.start, m.end, "actor", `${t("legend_actor")}: ${names || PW.actorName(actor.id)}`, { actor: actor.id });
      }
    }
    for (const time of record.times || []) {
      add(time.start, time.end, "time", `${t("legend_time")}: ${time.value ?? "?"} (${time.granularity || ""}${time.anchor ? ", " + time.anchor : ""})`);
    }
    for (const quote of record.quotes || []) {
      const via = (quote.reported_via || []).length ? ` ← ${quote.reported_via.map(PW.actorName).join(" ← ")}` : "";
      add(quote.start, quote.end, "quote", `${t("legend_quote")}: ${quote.speaker ? PW.actorName(quote.speaker) : t("unknown_speaker")}${via}`);
    }
    for (const event of record.events || []) {
      const ev = event.evidence || {};
      add(ev.start, ev.end, "event", `${t("legend_event")}: ${PW.typeLabel(event.type)} ${names(event.source)} → ${names(event.target)} ${event.date || ""} (${PW.label("status", event.status || "")})`);
    }
    for (const c of record.commitments || []) {
      const ev = c.evidence || {};
      add(ev.start, ev.end, "commitment", `${t("legend_commitment")}: ${PW.typeLabel(c.type)} ${names(c.guarantors)} ⇒ ${names(c.beneficiaries)} (${PW.label("status", c.status || "")})`);
    }
    return spans;
  }

  // Cut the text at every span boundary; each piece carries the classes of the spans over it.
  function renderText(text, spans, selected) {
    const box = clear($("reader"));
    const all = selected ? spans.concat([{ ...selected, kind: "evidence", info: t("legend_evidence") }]) : spans;
    const cuts = new Set([0, text.length]);
    for (const s of all) {
      cuts.add(s.start);
      cuts.add(s.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    let firstEvidence = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const over = all.filter((s) => s.start <= a && s.end >= b);
      if (!over.length) {
        box.appendChild(document.createTextNode(piece));
        continue;
      }
      const actor = over.find((s) => s.kind === "actor");
      const kinds = [...new Set(over.map((s) => s.kind))];
      const node = el(actor ? "a" : "span", {
        class: kinds.map((k) => `hl-${k}`).join(" "),
        title: [...new Set(over.map((s) => s.info))].join("\n"),
        href: actor ? PW.actorHref(actor.actor) : null,
        "data-actor": actor ? actor.actor : null,
        "data-start": a,
        "data-end": b,
      }, piece);
      if (kinds.includes("evidence") && !firstEvidence) {
        firstEvidence = node;
        node.id = "evidence";
      }
      box.appendChild(node);
    }
    return firstEvidence;
  }

  function spanHere(start, end) {
    const next = params();
    next.set("span", `${start}-${end}`);
    return el("a", { href: `${window.location.pathname}?${next.toString()}`, class: "evidence-link" }, t("evidence") + " ↑");
  }

  function lists(record, text) {
    // the record's events and commitments carry spans only: show the words they point at
    const withDoc = (row) => {
      const ev = row.evidence || {};
      const quoted = validSpan(ev.start, ev.end, text.length) ? text.slice(ev.start, ev.end) : "";
      return { ...row, doc_id: docId, evidence_text: row.evidence_text || quoted };
    };
    PW.fillList("doc-events", "events-count", { items: (record.events || []).map(withDoc) }, (row) => {
      const item = PW.eventItem(row);
      item.querySelector(".meta").replaceWith(el("div", { class: "meta" }, spanHere((row.evidence || {}).start, (row.evidence || {}).end)));
      return item;
    });
    PW.fillList("doc-commitments", "commitments-count", { items: (record.commitments || []).map(withDoc) }, (row) => {
      const item = PW.commitmentItem(row);
      const meta = item.querySelectorAll(".meta");
      meta[meta.length - 1].replaceWith(el("div", { class: "meta" }, spanHere((row.evidence || {}).start, (row.evidence || {}).end)));
      return item;
    });
    PW.fillList("doc-quotes", "quotes-count", { items: (record.quotes || []).map(withDoc) }, (row) => {
      const item = PW.quoteItem(row);
      const meta = item.querySelectorAll(".meta");
      meta[meta.length - 1].replaceWith(el("div", { class: "meta" },
        (row.reported_via || []).length ? [t("reported_via"), ": ", PW.sourceChain(row.reported_via), " · "] : null,
        spanHere(row.start, row.end)));
      return item;
    });
  }

  // each item's latest review (marks, and what a correction changed) from /api/reviews
  async function withReviews(record) {
    let found = null;
    try {
      found = await api(`/reviews/documents/${encodeURIComponent(docId)}`);
    } catch (_) {
      return;  // the article still reads without its reviews
    }
    for (const kind of ["quote", "event", "commitment"]) {
      const current = (found.current || {})[kind] || {};
      for (const item of record[`${kind}s`] || []) {
        const review = current[item.id];
        if (!review) continue;
        item.review = review;
        if (review.verdict === "corrected") Object.assign(item, review.correction || {});
      }
    }
  }

  async function main() {
    try {
      const data = await api(`/documents/${encodeURIComponent(docId)}`);
      const record = data.record || {};
      const doc = record.document || {};
      const text = typeof doc.text === "string" ? doc.text : "";
      const fileName = (doc.source_path || "").split(/[\\/]/).pop();
      $("doc-title").textContent = data.display_title || doc.title || (data.metadata && data.metadata.title) || fileName || t("document");
      document.title = `${$("doc-title").textContent} · pactwatch`;
      if (doc.language) $("reader").setAttribute("lang", doc.language);
      metaBlock(data);
      const target = renderText(text, collectSpans(record, text.length), selectedSpan(text.length));
      await withReviews(record);
      lists(record, text);
      if (target) target.scrollIntoView({ block: "center" });
    } catch (error) {
      if (error.status === 404) $("doc-title").textContent = `${t("not_found")}: ${docId}`;
      PW.showError($("doc-meta"), error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
