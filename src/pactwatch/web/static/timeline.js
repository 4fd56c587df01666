// Timeline page: bars per period stacked by type on a continuous time axis (empty periods
// keep their place), a range control that narrows the view, a legend in words, and the
// items behind the bars, paged. Filters live in the URL, so every view is a link.
"use strict";

(() => {
  const { t, el, svg, clear, append, $, params, api } = PW;
  // items per page (?per_page= for a shorter page)
  const LIMIT = Math.min(500, PW.intParam("per_page", 50) || 50);

  // cooperative types in greens and blues, conflictual in oranges, reds and purples: 16
  // hues far enough apart to tell; commitments are drawn striped, in a palette of their own
  const EVENT_COLOURS = {
    AGREE: "#1b7837", CONSULT: "#5aae61", SUPPORT: "#a6dba0", CONCEDE: "#00798c",
    COOPERATE: "#2166ac", AID: "#67a9cf", RETREAT: "#b2abd2", REQUEST: "#8c6bb1",
    ACCUSE: "#fdb863", REJECT: "#e08214", THREATEN: "#d6604d", PROTEST: "#f4a582",
    SANCTION: "#8e0152", MOBILIZE: "#de77ae", COERCE: "#b2182b", ASSAULT: "#67001f",
  };
  const COMMITMENT_COLOURS = {
    collective_defense: "#08306b", security_guarantee: "#4292c6", military_aid: "#543005",
    intelligence_support: "#7f7f7f", logistics_support: "#bf812d", troop_deployment: "#35978f",
    nuclear_deployment: "#000000", air_defense: "#dfc27d", economic_support: "#80cdc1",
    membership: "#762a83", peace_plan: "#9970ab", territorial_arrangement: "#c2a5cf",
  };
  const FILTERS = ["actor", "type", "since", "until", "outlet", "bucket"];
  const MAX_FILLED = 5000;  // periods on one axis, beyond which empty ones are not added
  let axis = [];            // every period of the axis, in order, with its bucket (or null)
  let view = [0, 0];        // the indexes of the first and last period shown

  function colour(type) {
    return EVENT_COLOURS[type] || COMMITMENT_COLOURS[type] || "#90a4ae";
  }
  function isCommitmentType(type) {
    return Object.prototype.hasOwnProperty.call(COMMITMENT_COLOURS, type);
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
    next.delete("items_offset");
    if (period.length === 4) next.set("bucket", "month");
    else if (period.length === 7) next.set("bucket", "day");
    return `/?${next.toString()}`;
  }

  // -- a continuous axis ------------------------------------------------------------------
  const pad = (n, w) => String(n).padStart(w || 2, "0");
  function isoWeek(date) {
    const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
    const day = d.getUTCDay() || 7;
    d.setUTCDate(d.getUTCDate() + 4 - day);
    const year = d.getUTCFullYear();
    const week = Math.ceil(((d - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
    return `${year}-W${pad(week)}`;
  }
  function weekStart(period) {
    const [year, week] = period.split("-W").map(Number);
    const jan4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(jan4);
    monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (week - 1) * 7);
    return monday;
  }
  // every period from the first to the last, of the buckets' own kind
  function periodsBetween(first, last, bucket) {
    const out = [];
    if (bucket === "year") {
      for (let y = Number(first); y <= Number(last) && out.length <= MAX_FILLED; y++) out.push(String(y));
    } else if (bucket === "month") {
      let [y, m] = first.split("-").map(Number);
      const [ly, lm] = last.split("-").map(Number);
      while ((y < ly || (y === ly && m <= lm)) && out.length <= MAX_FILLED) {
        out.push(`${y}-${pad(m)}`);
        m += 1;
        if (m > 12) { m = 1; y += 1; }
      }
    } else {
      const step = bucket === "week" ? 7 : 1;
      const start = bucket === "week" ? weekStart(first) : new Date(`${first}T00:00:00Z`);
      const end = bucket === "week" ? weekStart(last) : new Date(`${last}T00:00:00Z`);
      for (let d = start; d <= end && out.length <= MAX_FILLED; d = new Date(d.getTime() + step * 86400000)) {
        out.push(bucket === "week" ? isoWeek(d) : d.toISOString().slice(0, 10));
      }
    }
    return out.length > MAX_FILLED ? null : out;
  }
  function continuous(buckets, bucket) {
    const byPeriod = new Map(buckets.map((b) => [b.period, b]));
    const periods = buckets.map((b) => b.period).sort();
    if (!periods.length) return [];
    const filled = periodsBetween(periods[0], periods[periods.length - 1], bucket);
    if (!filled) return periods.map((p) => ({ period: p, bucket: byPeriod.get(p) }));
    // keep any period the API gave that the calendar walk did not produce
    const all = [...new Set([...filled, ...periods])].sort();
    return all.map((p) => ({ period: p, bucket: byPeriod.get(p) || null }));
  }

  // -- drawing -----------------------------------------------------------------------------
  function stripes(defs, type) {
    const id = `stripe-${type}`;
    defs.appendChild(svg("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      svg("rect", { width: 6, height: 6, fill: "#fff" }),
      svg("rect", { width: 3.5, height: 6, fill: colour(type) })));
    return `url(#${id})`;
  }

  function drawChart() {
    const box = clear($("chart"));
    const shown = axis.slice(view[0], view[1] + 1);
    if (!shown.length) {
      PW.empty(box);
      return;
    }
    const width = 1000, height = 260, left = 40, bottom = 50, top = 10;
    const plotH = height - bottom - top;
    const total = (b) => (b ? b.events + b.commitments : 0);
    const max = Math.max(1, ...shown.map((s) => total(s.bucket)));
    const step = (width - left - 10) / shown.length;
    const barW = Math.max(1, Math.min(48, step * 0.8));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, id: "timeline-svg", "data-periods": shown.length });
    const defs = svg("defs", {});
    chart.appendChild(defs);
    const fills = new Map();
    const fill = (type) => {
      if (!fills.has(type)) fills.set(type, isCommitmentType(type) ? stripes(defs, type) : colour(type));
      return fills.get(type);
    };
    for (const value of [0, Math.round(max / 2), max]) {
      const y = top + plotH - (value / max) * plotH;
      chart.appendChild(svg("line", { x1: left, x2: width - 5, y1: y, y2: y, stroke: "#e3e7ed" }));
      chart.appendChild(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#5f6b7a" }, String(value)));
    }
    // the axis itself, continuous: a tick per period, a label every so often
    chart.appendChild(svg("line", { x1: left, x2: width - 5, y1: top + plotH, y2: top + plotH, stroke: "#9aa8bb" }));
    const labelEvery = Math.max(1, Math.ceil(shown.length / 14));
    shown.forEach((slot, i) => {
      const x = left + i * step + (step - barW) / 2;
      const b = slot.bucket;
      if (b) {
        let y = top + plotH;
        const href = periodHref(b.period);
        const group = href ? svg("a", { href, class: "bar", "data-period": b.period }) : svg("g", { class: "bar", "data-period": b.period });
        const parts = [...Object.entries(b.event_types || {}), ...Object.entries(b.commitment_types || {})];
        for (const [type, count] of parts) {
          const h = (count / max) * plotH;
          y -= h;
          group.appendChild(svg("rect", { x, y, width: barW, height: Math.max(h, 0.5), fill: fill(type), "data-type": type },
            svg("title", {}, `${b.period} · ${PW.typeLabel(type)}: ${count}`)));
        }
        chart.appendChild(group);
      }
      if (i % labelEvery === 0) {
        const lx = x + barW / 2, ly = top + plotH + 14;
        chart.appendChild(svg("line", { x1: lx, x2: lx, y1: top + plotH, y2: top + plotH + 4, stroke: "#9aa8bb" }));
        chart.appendChild(svg("text", {
          x: lx, y: ly, "text-anchor": "end", "font-size": 11, fill: "#5f6b7a", class: "axis-label",
          transform: `rotate(-35 ${lx} ${ly})`,
        }, slot.period));
      }
    });
    box.appendChild(chart);
    drawLegend(shown);
    $("range-label").textContent = `${shown[0].period} – ${shown[shown.length - 1].period}`;
    const apply = $("range-apply");
    const next = params();
    next.set("since", shown[0].period.replace(/-W\d+$/, ""));
    next.set("until", shown[shown.length - 1].period.replace(/-W\d+$/, ""));
    next.delete("items_offset");
    apply.setAttribute("href", `/?${next.toString()}`);
  }

  function drawLegend(shown) {
    const legend = clear($("chart-legend"));
    const counts = new Map();
    for (const slot of shown) {
      const b = slot.bucket;
      if (!b) continue;
      for (const [type, n] of [...Object.entries(b.event_types || {}), ...Object.entries(b.commitment_types || {})]) {
        counts.set(type, (counts.get(type) || 0) + n);
      }
    }
    const groups = [
      [t("events"), Object.keys(EVENT_COLOURS)],
      [t("commitments"), Object.keys(COMMITMENT_COLOURS)],
    ];
    const known = new Set([...Object.keys(EVENT_COLOURS), ...Object.keys(COMMITMENT_COLOURS)]);
    const others = [...counts.keys()].filter((type) => !known.has(type));
    if (others.length) groups[0][1].push(...others);
    for (const [name, types] of groups) {
      const present = types.filter((type) => counts.has(type));
      if (!present.length) continue;
      const row = el("div", { class: "legend-group" }, el("strong", {}, `${name}: `));
      for (const type of present) {
        const swatch = el("span", { class: `swatch${isCommitmentType(type) ? " striped" : ""}` });
        swatch.style.setProperty("--swatch", colour(type));
        row.appendChild(el("span", { class: "legend-item", "data-type": type }, swatch, `${PW.typeLabel(type)} (${counts.get(type)})`));
      }
      legend.appendChild(row);
    }
    $("empty-periods").textContent = axis.some((s) => !s.bucket) ? `· ${t("empty_periods")}` : "";
  }

  function setupRange() {
    const from = $("range-from"), to = $("range-to");
    const last = Math.max(0, axis.length - 1);
    for (const input of [from, to]) {
      input.min = "0";
      input.max = String(last);
      input.disabled = axis.length < 2;
    }
    from.value = "0";
    to.value = String(last);
    view = [0, last];
    const changed = (event) => {
      let lo = Number(from.value), hi = Number(to.value);
      if (lo > hi) {
        if (event.target === from) hi = lo; else lo = hi;
        from.value = String(lo);
        to.value = String(hi);
      }
      view = [lo, hi];
      drawChart();
    };
    from.addEventListener("input", changed);
    to.addEventListener("input", changed);
  }

  function itemActors(item) {
    const actors = item.actors || {};
    if (item.kind === "commitment") {
      return [PW.actorList(actors.guarantor), " ⇒ ", PW.actorList(actors.beneficiary)];
    }
    return [PW.actorList(actors.source), " → ", PW.actorList(actors.target)];
  }

  function drawItems(items, total, offset) {
    const list = clear($("items"));
    const first = items.length ? offset + 1 : 0;
    $("items-count").textContent = total > items.length ? `(${first}–${offset + items.length} / ${total})` : `(${total})`;
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
          PW.typeTag(item.type),
          PW.statusTag(item.status), " ",
          itemActors(item)),
        el("div", { class: "evidence-text" }, item.evidence_text || ""),
        el("div", { class: "meta" },
          el("a", { href: PW.documentHref(item.doc_id) }, item.doc_title || t("document")),
          item.outlet ? ` · ${item.outlet}` : "", " · ",
          PW.evidenceLink(item.doc_id, item.evidence)))]);
    }
  }

  async function fillMenus() {
    const meta = await api("/meta").catch(() => null);
    const typeSelect = $("f-type");
    const known = new Set();
    if (meta) {
      for (const [groupLabel, rows] of [[t("event_types"), meta.event_types], [t("commitment_types"), meta.commitment_types]]) {
        const group = el("optgroup", { label: groupLabel });
        for (const row of rows || []) {
          known.add(row.type);
          group.appendChild(el("option", { value: row.type }, `${PW.typeLabel(row.type)} (${row.events ?? row.commitments ?? ""})`));
        }
        typeSelect.appendChild(group);
      }
      for (const row of meta.outlets || []) {
        if (row.outlet) $("f-outlet").appendChild(el("option", { value: row.outlet }, `${row.outlet} (${row.documents})`));
      }
    }
    // keep a value from the URL selectable even when the database has none of it
    const wanted = params();
    if (wanted.get("type") && !known.has(wanted.get("type"))) typeSelect.appendChild(el("option", { value: wanted.get("type") }, PW.typeLabel(wanted.get("type"))));
    const outlet = wanted.get("outlet");
    if (outlet && ![...$("f-outlet").options].some((o) => o.value === outlet)) $("f-outlet").appendChild(el("option", { value: outlet }, outlet));
    PW.suggestActors($("f-actor"), $("actor-options"));
  }

  async function load() {
    PW.loading($("chart"));
    PW.loading($("items"));
    const offset = PW.intParam("items_offset", 0);
    try {
      const query = filterQuery();
      const data = await api("/timeline", { ...query, items_limit: LIMIT, items_offset: offset });
      PW.showActorName($("f-actor"), data.actor);
      axis = continuous(data.buckets || [], data.bucket || query.bucket || "month");
      setupRange();
      drawChart();
      const counted = (data.buckets || []).reduce((n, b) => n + b.events + b.commitments, 0);
      $("chart-total").textContent = `(${counted})`;
      const unplaced = data.unplaced || {};
      $("unplaced").textContent = unplaced.events || unplaced.commitments
        ? `${t("unplaced")}: ${t("events")} ${unplaced.events || 0}, ${t("commitments")} ${unplaced.commitments || 0}`
        : "";
      const total = data.items_total ?? (data.items || []).length;
      drawItems(data.items || [], total, offset);
      PW.pager($("items-pager"), total, LIMIT, offset, "items_offset");
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
