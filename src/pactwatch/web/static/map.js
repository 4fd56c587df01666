// Map page: events and commitments per country on a world map drawn from the Natural Earth
// outlines shipped in this package (static/world-110m.json: no tiles, nothing from outside);
// each country links to its actor page, and the same counts stand in a sortable table.
"use strict";

(() => {
  const { t, el, svg, clear, $, params, api } = PW;
  // light to dark: how much a country took part in (events + commitments)
  const SCALE = ["#e8eef7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"];

  function shade(value, max) {
    if (!value) return null;
    const step = Math.log(1 + value) / Math.log(1 + Math.max(1, max));
    return SCALE[Math.min(SCALE.length - 1, 1 + Math.floor(step * (SCALE.length - 1)))];
  }

  // outlines the knowledge base has no country for (Natural Earth's short English names)
  const OUTLINES_VI = {
    ATF: "Vùng đất phía Nam và châu Nam Cực thuộc Pháp", CYN: "Bắc Síp", ESH: "Tây Sahara",
    FLK: "Quần đảo Falkland", GRL: "Greenland", NCL: "Nouvelle-Calédonie", PRI: "Puerto Rico",
    SOL: "Somaliland",
  };
  function outlineName(country, names) {
    const known = names[country.iso3];
    if (known) return PW.lang === "vi" ? known.name_vi || known.name : known.name || known.name_vi;
    return PW.lang === "vi" && OUTLINES_VI[country.iso3] ? OUTLINES_VI[country.iso3] : country.name;
  }

  function drawMap(world, byIso, max, names) {
    const box = clear($("map"));
    const [x, y, w, h] = world.viewbox;
    // Antarctica takes a fifth of the height and holds no state: the map stops at -60°
    const drawing = svg("svg", { viewBox: `${x} ${y} ${w} ${h - 30}`, id: "world-svg", preserveAspectRatio: "xMidYMid meet" });
    for (const country of world.countries) {
      if (country.iso3 === "ATA") continue;
      const row = byIso.get(country.iso3);
      const id = `country:${country.iso3}`;
      const total = row ? row.events + row.commitments : 0;
      const path = svg("path", {
        d: country.d, class: `country${total ? " has-data" : ""}`, fill: shade(total, max) || "#f3f4f6",
        "data-iso3": country.iso3,
      });
      const name = row ? PW.actorName(id) : outlineName(country, names);
      const words = row
        ? `${name}: ${t("events")} ${row.events}, ${t("commitments")} ${row.commitments}`
        : `${name}: ${t("map_none")}`;
      path.appendChild(svg("title", {}, words));
      drawing.appendChild(total ? svg("a", { href: PW.actorHref(id), class: "map-link", "aria-label": words }, path) : path);
    }
    box.appendChild(drawing);
  }

  function drawScale(max) {
    const box = clear($("map-scale"));
    box.appendChild(el("span", {}, `${t("map_scale")}: `));
    const none = el("i", { class: "swatch" });
    none.style.background = "#f3f4f6";
    box.appendChild(el("span", { class: "scale-step" }, none, t("map_none")));
    let last = 0;
    for (let i = 1; i < SCALE.length; i++) {
      // the smallest total drawn in this shade
      let low = last + 1;
      while (low <= max && shade(low, max) !== SCALE[i]) low++;
      if (low > max) continue;
      let high = low;
      while (high + 1 <= max && shade(high + 1, max) === SCALE[i]) high++;
      last = high;
      const swatch = el("i", { class: "swatch" });
      swatch.style.background = SCALE[i];
      box.appendChild(el("span", { class: "scale-step" }, swatch, low === high ? String(low) : `${low}–${high}`));
    }
  }

  function drawTable(rows) {
    const body = clear($("map-body"));
    for (const row of rows) {
      body.appendChild(el("tr", {},
        el("td", {}, PW.actorLink(row.id)),
        el("td", {}, String(row.events)),
        el("td", {}, String(row.events_as_source)),
        el("td", {}, String(row.events_as_target)),
        el("td", {}, String(row.commitments)),
        el("td", {}, String(row.commitments_given)),
        el("td", {}, String(row.commitments_received))));
    }
    if (!rows.length) body.appendChild(el("tr", {}, el("td", { colspan: 7, class: "muted" }, t("nothing_found"))));
    PW.sortable($("map-table"));
  }

  async function main() {
    PW.bindFilterForm($("filters"));
    try {
      const p = params();
      const [world, data] = await Promise.all([
        fetch("/static/world-110m.json").then((r) => r.json()),
        api("/map", { since: p.get("since"), until: p.get("until") }),
      ]);
      for (const row of data.countries || []) PW.learnActor(row);
      const byIso = new Map((data.countries || []).map((r) => [r.iso3, r]));
      drawMap(world, byIso, data.max || 0, data.names || {});
      drawScale(data.max || 0);
      drawTable(data.countries || []);
    } catch (error) {
      PW.showError($("map"), error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
