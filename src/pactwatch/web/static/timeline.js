// Timeline page: bars per period stacked by type (SVG we draw), and the newest items, each
// linking to its evidence. Filters live in the URL, so every view is a link.
"use strict";

(() => {
  const { t, el, svg, clear, append, $, params, api } = PW;

  const EVENT_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
  ];
  const COMMITMENT_TYPES = [
    "collective_defense", "security_guarantee", "military_aid", "intelligence_support",
    "logistics_support", "troop_deployment", "nuclear_deployment", "air_defense",
    "economic_support", "membership", "peace_plan", "territorial_arrangement",
  ];
  // cooperative types in greens/blues, conflictual in reds; commitments in purples/browns
  const EVENT_COLOURS = [
    "#2e7d32", "#43a047", "#66bb6a", "#9ccc65", "#26a69a", "#00897b", "#80cbc4", "#4fc3f7",
    "#ffb74d", "#ff8a65", "#f4511e", "#e57373", "#d81b60", "#8e24aa", "#c62828", "#6d0e0e",
  ];
  const COMMITMENT_COLOURS = [
    "#3949ab", "#5c6bc0", "#7e57c2", "#9575cd", "#b39ddb", "#5e35b1", "#283593", "#1e88e5",
    "#8d6e63", "#a1887f", "#6d4c41", "#546e7a",
  ];
  const FILTERS = ["actor", "type", "since", "until", "outlet", "bucket"];

  function colour(type) {
    let i = EVENT_TYPES.indexOf(type);
    if (i >= 0) return EVENT_COLOURS[i];
    i = COMMITMENT_TYPES.indexOf(type);
    if (i >= 0) return COMMITMENT_COLOURS[i];
    return "#90a4ae";
  }

  function filterQuery() {
    const p = params();
    const query = {};
    for (const name of FILTERS) if (p.get(name)) query[name] = p.get(name);
    return query;
  }

  function periodHref(period) {
    // a bar narrows the dates to its own period (days, months and years are valid filters)
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(period)) return null;
    const next = params();
    next.set("since", period);
    next.set("until", period);
    if (period.length === 4) next.set("bucket", "month");
    else if (period.length === 7) next.set("bucket", "day");
    return `/?${next.toString()}`;
  }

  function drawChart(buckets) {
    const box = clear($("chart"));
    const legend = clear($("chart-legend"));
    if (!buckets.length) {
      PW.empty(box);
      return;
    }
    const width = 1000, height = 260, left = 40, bottom = 46, top = 10;
    const plotH = height - bottom - top;
    const max = Math.max(1, ...buckets.map((b) => b.events + b.commitments));
    const step = (width - left - 10) / buckets.length;
    const barW = Math.max(2, Math.min(48, step * 0.75));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, id: "timeline-svg" });
    // y axis: zero, half and max
    for (const value of [0, Math.round(max / 2), max]) {
      const y = top + plotH - (value / max) * plotH;
      chart.appendChild(svg("line", { x1: left, x2: width - 5, y1: y, y2: y, stroke: "#e3e7ed" }));
      chart.appendChild(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#5f6b7a" }, String(value)));
    }
    const labelEvery = Math.max(1, Math.ceil(buckets.length / 16));
    const seen = new Set();
    buckets.forEach((bucket, i) => {
      const x = left + i * step + (step - barW) / 2;
      let y = top + plotH;
      const parts = [
        ...Object.entries(bucket.event_types || {}),
        ...Object.entries(bucket.commitment_types || {}),
      ];
      const href = periodHref(bucket.period);
      const group = href ? svg("a", { href, class: "bar", "data-period": bucket.period }) : svg("g", { class: "bar", "data-period": bucket.period });
      for (const [type, count] of parts) {
        const h = (count / max) * plotH;
        y -= h;
        seen.add(type);
        group.appendChild(svg("rect", { x, y, width: barW, height: Math.max(h, 0.5), fill: colour(type) },
          svg("title", {}, `${bucket.period} · ${type}: ${count}`)));
      }
      chart.appendChild(group);
      if (i % labelEvery === 0) {
        const lx = x + barW / 2, ly = top + plotH + 14;
        chart.appendChild(svg("text", {
          x: lx, y: ly, "text-anchor": "end", "font-size": 11, fill: "#5f6b7a",
          transform: `rotate(-35 ${lx} ${ly})`,
        }, bucket.period));
      }
    });
    box.appendChild(chart);
    const ordered = [...EVENT_TYPES, ...COMMITMENT_TYPES].filter((type) => seen.has(type));
    for (const type of seen) if (!ordered.includes(type)) ordered.push(type);
    for (const type of ordered) {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour(type);
      legend.appendChild(el("span", {}, swatch, type));
    }
  }

  function itemActors(item) {
    const actors = item.actors || {};
    if (item.kind === "commitment") {
      return [PW.actorList(actors.guarantor), " ⇒ ", PW.actorList(actors.beneficiary)];
    }
    return [PW.actorList(actors.source), " → ", PW.actorList(actors.target)];
  }

  function drawItems(items, total) {
    const list = clear($("items"));
    $("items-count").textContent = total > items.length ? `(${t("shown_of")} ${items.length} / ${total})` : `(${total})`;
    if (!items.length) {
      PW.empty(list);
      return;
    }
    for (const item of items) {
      const kindLabel = item.kind === "commitment" ? t("commitment") : t("event");
      append(list, [el("li", { class: `item item-${item.kind}` },
        el("div", {},
          el("strong", {}, item.date || item.period || "—"), " ",
          PW.tag(kindLabel, `kind-${item.kind}`),
          PW.tag(item.type, "type"),
          PW.statusTag(item.status), " ",
          itemActors(item)),
        el("div", { class: "evidence-text" }, item.evidence_text || ""),
        el("div", { class: "meta" },
          el("a", { href: PW.documentHref(item.doc_id) }, item.doc_title || item.doc_id),
          item.outlet ? ` · ${item.outlet}` : "", " · ",
          PW.evidenceLink(item.doc_id, item.evidence)))]);
    }
  }

  async function fillMenus() {
    const [meta, actors] = await Promise.all([
      api("/meta").catch(() => null),
      api("/actors", { limit: 200 }).catch(() => null),
    ]);
    const typeSelect = $("f-type");
    const known = new Set();
    if (meta) {
      for (const [groupLabel, rows] of [[t("event_types"), meta.event_types], [t("commitment_types"), meta.commitment_types]]) {
        const group = el("optgroup", { label: groupLabel });
        for (const row of rows || []) {
          known.add(row.type);
          group.appendChild(el("option", { value: row.type }, `${row.type} (${row.events ?? row.commitments ?? ""})`));
        }
        typeSelect.appendChild(group);
      }
      for (const row of meta.outlets || []) {
        if (row.outlet) $("f-outlet").appendChild(el("option", { value: row.outlet }, `${row.outlet} (${row.documents})`));
      }
    }
    // keep a value from the URL selectable even when the database has none of it
    const wanted = params();
    if (wanted.get("type") && !known.has(wanted.get("type"))) typeSelect.appendChild(el("option", { value: wanted.get("type") }, wanted.get("type")));
    const outlet = wanted.get("outlet");
    if (outlet && ![...$("f-outlet").options].some((o) => o.value === outlet)) $("f-outlet").appendChild(el("option", { value: outlet }, outlet));
    if (actors) {
      for (const row of actors.items || []) {
        PW.learnActor(row);
        $("actor-options").appendChild(el("option", { value: row.id }, PW.actorName(row.id)));
      }
    }
  }

  async function load() {
    PW.loading($("chart"));
    PW.loading($("items"));
    try {
      const data = await api("/timeline", { ...filterQuery(), items_limit: 100 });
      drawChart(data.buckets || []);
      const counted = (data.buckets || []).reduce((n, b) => n + b.events + b.commitments, 0);
      $("chart-total").textContent = `(${counted})`;
      const unplaced = data.unplaced || {};
      $("unplaced").textContent = unplaced.events || unplaced.commitments
        ? `${t("unplaced")}: ${t("events")} ${unplaced.events || 0}, ${t("commitments")} ${unplaced.commitments || 0}`
        : "";
      drawItems(data.items || [], data.items_total ?? (data.items || []).length);
    } catch (error) {
      PW.showError($("chart"), error);
      clear($("items"));
    }
  }

  async function main() {
    await fillMenus();
    PW.bindFilterForm($("filters"));
    await load();
    document.body.dataset.ready = "1";
  }

  main();
})();
