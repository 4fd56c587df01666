// Actor page: who they are, offices over time, quotes, events both ways, commitments given and
// received, and the actors they appear with drawn as a small SVG graph.
"use strict";

(() => {
  const { t, el, svg, clear, append, $, api } = PW;
  const actorId = $("main").dataset.actorId;

  function facts(actor, kb) {
    const box = clear($("actor-facts"));
    const dl = el("dl", { class: "facts" });
    const row = (term, ...value) => append(dl, [el("dt", {}, term), el("dd", {}, ...value)]);
    row(t("kind"), PW.label("kind", actor.kind));
    if (actor.name) row(t("name"), actor.name);
    if (actor.name_vi) row(t("name_vi"), actor.name_vi);
    if (actor.iso3) row("ISO3", actor.iso3);
    if (actor.country) row(t("country"), PW.actorLink(`country:${actor.country}`));
    if (actor.wikidata) row(t("wikidata"), el("code", {}, actor.wikidata));
    if (kb && (kb.aliases || []).length) row(t("aliases"), kb.aliases.join(", "));
    row(t("documents"), String(actor.document_count ?? actor.documents ?? 0), ` · ${actor.mentions ?? 0} ${t("mentions")}`);
    box.appendChild(dl);
  }

  function span(start, end) {
    return `${start || "?"} – ${end || t("now")}`;
  }

  function officesTable(offices) {
    if (!offices || !offices.length) return;
    $("offices-box").hidden = false;
    const table = clear($("offices"));
    table.appendChild(el("tr", {}, el("th", {}, t("role")), el("th", {}, t("actor")), el("th", {}, t("date"))));
    for (const office of offices) {
      table.appendChild(el("tr", {},
        el("td", {}, PW.roleLabel(office.role), office.acting ? ` (${t("acting")})` : ""),
        el("td", {}, office.of ? PW.actorLink(office.of) : "—"),
        el("td", { "data-sort": office.start || "" }, span(office.start, office.end))));
    }
    PW.sortable(table);
  }

  function holdersTable(holders) {
    if (!holders || !holders.length) return;
    $("holders-box").hidden = false;
    const table = clear($("holders"));
    table.appendChild(el("tr", {}, el("th", {}, t("role")), el("th", {}, t("name")), el("th", {}, t("date"))));
    for (const holder of holders) {
      table.appendChild(el("tr", {},
        el("td", {}, PW.roleLabel(holder.role), holder.acting ? ` (${t("acting")})` : ""),
        el("td", {}, PW.actorLink(holder.person_id)),
        el("td", { "data-sort": holder.start || "" }, span(holder.start, holder.end))));
    }
    PW.sortable(table);
  }

  // The actor in the middle, the others on a circle; edge width grows with shared documents.
  function drawGraph(graph) {
    const box = clear($("graph"));
    const nodes = (graph && graph.nodes) || [];
    if (nodes.length < 2) {
      PW.empty(box);
      return;
    }
    for (const node of nodes) PW.learnActor(node);
    const width = 640, height = 420, cx = width / 2, cy = height / 2, radius = 160;
    const others = nodes.filter((n) => n.id !== actorId);
    const place = new Map([[actorId, [cx, cy]]]);
    others.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / others.length - Math.PI / 2;
      place.set(node.id, [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
    });
    const maxEdge = Math.max(1, ...(graph.edges || []).map((e) => e.documents || 1));
    const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, id: "actor-graph" });
    for (const edge of graph.edges || []) {
      const a = place.get(edge.source), b = place.get(edge.target);
      if (!a || !b) continue;
      const central = edge.source === actorId || edge.target === actorId;
      drawing.appendChild(svg("line", {
        x1: a[0], y1: a[1], x2: b[0], y2: b[1],
        "stroke-width": 0.8 + (3.5 * (edge.documents || 1)) / maxEdge,
        "stroke-opacity": central ? 0.9 : 0.35,
      }, svg("title", {}, `${PW.actorName(edge.source)} — ${PW.actorName(edge.target)}: ${edge.documents} ${t("shared_documents")}`)));
    }
    const maxDocs = Math.max(1, ...nodes.map((n) => n.documents || 1));
    for (const node of nodes) {
      const [x, y] = place.get(node.id) || [cx, cy];
      const r = 5 + 10 * Math.sqrt((node.documents || 1) / maxDocs);
      const link = svg("a", { href: PW.actorHref(node.id), class: "node" },
        svg("circle", { cx: x, cy: y, r, class: node.id === actorId ? "centre" : "" }),
        svg("text", { x, y: y + r + 12, "text-anchor": "middle" }, PW.actorName(node.id)),
        svg("title", {}, `${PW.actorName(node.id)} · ${node.documents} ${t("documents")}`));
      drawing.appendChild(link);
    }
    box.appendChild(drawing);
  }

  function documentsList(docs, total) {
    const list = clear($("documents"));
    $("documents-count").textContent = `(${total ?? docs.length})`;
    if (!docs.length) PW.empty(list);
    for (const doc of docs) {
      list.appendChild(el("li", {},
        el("a", { href: PW.documentHref(doc.id) }, doc.display_title || doc.title || t("document")),
        el("span", { class: "meta" }, ` · ${doc.date || "—"}${doc.outlet ? " · " + doc.outlet : ""} · ${doc.mentions} ${t("mentions")}`),
        (doc.roles || []).length ? el("span", { class: "meta" }, ` · ${t("mentioned_as")}: ${doc.roles.join("; ")}`) : null));
    }
  }

  async function main() {
    try {
      const data = await api(`/actors/${encodeURIComponent(actorId)}`);
      const actor = data.actor;
      PW.learnActor(actor);
      for (const node of (data.graph && data.graph.nodes) || []) PW.learnActor(node);
      $("actor-name").textContent = PW.actorName(actor.id);
      document.title = `${PW.actorName(actor.id)} · pactwatch`;
      facts(actor, data.kb);
      officesTable(data.offices);
      holdersTable(data.holders);
      drawGraph(data.graph);
      PW.fillList("quotes", "quotes-count", data.quotes, (row) => PW.quoteItem(row));
      PW.fillList("events-source", "events-source-count", data.events_as_source, PW.eventItem);
      PW.fillList("events-target", "events-target-count", data.events_as_target, PW.eventItem);
      PW.fillList("commitments-given", "commitments-given-count", data.commitments_given, PW.commitmentItem);
      PW.fillList("commitments-received", "commitments-received-count", data.commitments_received, PW.commitmentItem);
      documentsList(actor.documents || [], actor.document_count);
    } catch (error) {
      if (error.status === 404) $("actor-name").textContent = `${t("not_found")}: ${PW.actorName(actorId)}`;
      PW.showError($("actor-facts"), error);
    }
    document.body.dataset.ready = "1";
  }

  main();
})();
