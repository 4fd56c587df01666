// One story: its reports oldest first, and the claims table (which outlets report each
// claim, the first report, single-source claims, disagreements), every report linking to
// its evidence in the reader (?span=). Data reaches the page only through textContent.
"use strict";

(() => {
  const { el, clear, $, t, api } = PW;

  function span(story) {
    if (!story.date_first && !story.date_last) return "—";
    if (story.date_first === story.date_last) return story.date_first;
    return `${story.date_first || "?"} – ${story.date_last || "?"}`;
  }

  function reportHref(report) {
    const evidence = report.evidence || {};
    return PW.documentHref(report.doc_id, evidence.start, evidence.end);
  }

  // how a report is named: its outlet, else its article's title, never its id
  const reportNames = new Map();
  function outletOf(outlets, docId) {
    return outlets.get(docId) || reportNames.get(docId) || t("document");
  }
  function reportName(report) {
    return report.outlet || reportNames.get(report.doc_id) || t("document");
  }

  function claimCell(claim) {
    const kind = PW.tag(PW.label("story_claim", claim.kind), "kind");
    if (claim.kind === "quote") {
      const first = (claim.reports || []).find((r) => r.text) || {};
      return [kind, " ", t("story_said"), first.text ? el("div", { class: "evidence-text" }, `“${first.text}”`) : null];
    }
    return [kind, " ", PW.typeTag(claim.type)];
  }

  function partiesCell(parties) {
    const out = [];
    for (const [role, ids] of Object.entries(parties || {})) {
      if (!ids || !ids.length) continue;
      out.push(el("div", {}, el("span", { class: "meta" }, `${PW.label("role", role)}: `), PW.actorList(ids)));
    }
    return out.length ? out : ["—"];
  }

  function reportsCell(claim) {
    return el("ul", { class: "items claim-reports" }, (claim.reports || []).map((report) =>
      el("li", {},
        el("a", { href: reportHref(report), class: "evidence-link" }, reportName(report)),
        report.date_reported ? el("span", { class: "meta" }, ` ${report.date_reported}`) : null, " ",
        PW.statusTag(report.status))));
  }

  // a disagreement's value in words: parties and places are actor ids ("country:IND",
  // several joined by commas, "-" for none), statuses and types codes
  function valueWords(on, value) {
    if (on === "status") return PW.label("status", value);
    if (on === "type") return PW.typeLabel(value);
    if (on === "party" || on === "location") {
      if (!value || value === "-") return "—";
      return value.split(",").map((id) => PW.actorName(id.trim())).join(", ");
    }
    return value;
  }

  function disagreementsCell(claim, outlets) {
    const found = claim.disagreements || [];
    if (!found.length) return ["—"];
    return found.map((d) => el("div", { class: "disagreement" },
      el("strong", {}, PW.label("story_on", d.on)), ": ",
      Object.entries(d.values || {}).map(([value, docs], i) => [
        i ? " / " : "",
        el("span", { class: "tag" }, valueWords(d.on, value)),
        el("span", { class: "meta" }, ` (${(docs || []).map((doc) => outletOf(outlets, doc)).join(", ")})`),
      ])));
  }

  function claimRow(claim, outlets) {
    const first = claim.first_report || {};
    const firstReport = (claim.reports || []).find((r) => r.doc_id === first.doc_id) || first;
    const single = claim.single_source;
    return el("tr", { class: `claim claim-${claim.kind}${single ? " single-source" : ""}${(claim.disagreements || []).length ? " disputed" : ""}` },
      el("td", {}, claimCell(claim)),
      el("td", {}, partiesCell(claim.parties)),
      el("td", {}, reportsCell(claim)),
      el("td", {}, String(claim.n_independent ?? ""), single ? [" ", PW.tag(t("story_single_source"), "single")] : null),
      el("td", { class: "first-report" },
        el("a", { href: reportHref(firstReport) }, first.doc_id ? reportName(first) : "—"),
        first.date_reported ? el("div", { class: "meta" }, first.date_reported) : null),
      el("td", {}, disagreementsCell(claim, outlets)));
  }

  function ranked(claims) {
    return claims.slice().sort((a, b) =>
      (b.n_independent - a.n_independent) || ((b.reports || []).length - (a.reports || []).length)
      || String(a.kind).localeCompare(String(b.kind)) || String(a.id).localeCompare(String(b.id)));
  }

  function chips(list, rows, link) {
    clear(list);
    for (const row of rows || []) {
      list.appendChild(el("li", {}, link ? PW.actorLink(row.id) : row.name || row.id, el("span", { class: "meta" }, ` ×${row.reports}`)));
    }
    if (!(rows || []).length) PW.empty(list);
  }

  async function main() {
    const storyId = $("main").dataset.storyId;
    const show = PW.params().get("show") || "";
    PW.bindFilterForm($("claims-filter"));
    try {
      const story = await api(`/stories/${encodeURIComponent(storyId)}`);
      PW.learnActors(story.names);
      $("story-title").textContent = story.title || t("story_title");
      document.title = `${story.title || t("story_title")} · ${t("app_name")}`;
      $("story-meta").textContent = `${span(story)} · ${story.size} ${t("story_articles")} · ${(story.outlets || []).join(", ")}`;
      chips($("story-places"), story.places, true);
      chips($("story-actors"), story.actors, true);
      const outlets = new Map();
      const timeline = clear($("story-timeline"));
      for (const report of story.timeline || []) {
        if (report.outlet) outlets.set(report.doc_id, report.outlet);
        if (report.title) reportNames.set(report.doc_id, report.title);
        const firsts = (report.first_reports || []).length;
        timeline.appendChild(el("li", { class: "item story-report" },
          el("strong", {}, report.date || "—"), " ",
          el("span", { class: "outlet" }, report.outlet || "—"), " · ",
          el("a", { href: PW.documentHref(report.doc_id) }, report.title || t("document")),
          firsts ? el("div", { class: "meta" }, `${t("story_first_reports")} ${firsts} ${t("story_claims_n").toLowerCase()}`) : null));
      }
      const all = story.claims_table || [];
      const claims = ranked(all).filter((c) => show === "single" ? c.single_source
        : show === "disputed" ? (c.disagreements || []).length : true);
      const single = all.filter((c) => c.single_source).length;
      const disputed = all.filter((c) => (c.disagreements || []).length).length;
      $("claims-count").textContent = `(${claims.length} / ${all.length} · ${single} ${t("story_single_source")} · ${disputed} ${t("story_disputed")})`;
      const body = clear($("claims-body"));
      for (const claim of claims) body.appendChild(claimRow(claim, outlets));
      if (!claims.length) body.appendChild(el("tr", {}, el("td", { colspan: 6, class: "muted" }, t("nothing_found"))));
    } catch (error) {
      if (error && error.status === 404) {
        $("story-title").textContent = t("story_not_found");
      }
      PW.showError($("story-status"), error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
