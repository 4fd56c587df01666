"""What a story's reports say, and what each adds: the detail a story page shows.

:func:`story_detail` turns a story's analysis records and claims
(:mod:`pactwatch.stories.corroboration`) into

- ``places`` and ``actors``: the story's places and its most reported actors;
- ``timeline``: its reports, oldest first, each with the claims it reported first;
- ``claims_table``: every claim (event, commitment, or what one speaker said), with the
  outlets reporting it, its first report, whether one independent source alone carries
  it, and where reports disagree (another ``status``, ``date`` or ``location`` for the
  same event, or another ``party``: the same type and source with other targets). Each
  report points to its evidence in the reader (``/documents/ID?span=START-END``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pactwatch.stories.corroboration import Claim, article_origins, origin_groups

Record = dict[str, Any]
# actors listed for a story (most reported first)
TOP_ACTORS = 12


def _items(record: Record) -> dict[str, Record]:
    found = {}
    for kind in ("events", "commitments", "quotes"):
        for item in record.get(kind) or []:
            if item.get("id"):
                found[f"{kind[:-1]}:{item['id']}"] = item
    return found


def _span(item: Record) -> dict[str, int] | None:
    evidence = item.get("evidence")
    if isinstance(evidence, dict) and evidence.get("start") is not None:
        return {"start": int(evidence["start"]), "end": int(evidence["end"])}
    if item.get("start") is not None and item.get("end") is not None:
        return {"start": int(item["start"]), "end": int(item["end"])}
    return None


def reader_link(doc_id: str, span: dict[str, int] | None) -> str:
    return f"/documents/{doc_id}" + (f"?span={span['start']}-{span['end']}" if span else "")


def _quote_claims(records: list[Record]) -> list[dict[str, Any]]:
    """What each identified speaker said, across the story's reports."""
    by_speaker: dict[str, list[tuple[Record, Record]]] = {}
    for record in records:
        # a ministry speaks for its state: "Trung Quốc" and "Bộ Ngoại giao Trung Quốc"
        # saying it in two reports is one speaker's claim
        state_of = {
            str(a["id"]): f"country:{a['country']}"
            for a in record.get("actors") or []
            if a.get("kind") == "government_body" and a.get("country")
        }
        for quote in record.get("quotes") or []:
            speaker = quote.get("speaker")
            if speaker and not speaker.startswith("outlet:"):
                speaker = state_of.get(speaker, speaker)
                by_speaker.setdefault(speaker, []).append((record, quote))
    claims = []
    for speaker, found in sorted(by_speaker.items()):
        reports = []
        for record, quote in found:
            origins = frozenset(quote.get("reported_via") or []) or article_origins(record)
            reports.append((record, quote, origins))
        claims.append({"speaker": speaker, "reports": reports})
    return claims


def _disagreements(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for key in ("status", "date", "location"):
        values: dict[str, list[str]] = {}
        for report in rows:
            if report.get(key):
                values.setdefault(str(report[key]), []).append(report["doc_id"])
        if len(values) > 1:
            found.append({"on": key, "values": values})
    return found


def _independent(origins: Iterable[frozenset[str]]) -> int:
    return len(origin_groups(origins))


def story_detail(records: list[Record], claims: list[Claim]) -> dict[str, Any]:
    by_doc = {(r.get("document") or {}).get("id"): r for r in records}
    documents = {d: (r.get("document") or {}) for d, r in by_doc.items()}
    items = {d: _items(r) for d, r in by_doc.items()}

    def report_row(doc_id: str, kind: str, item_id: str, origins: Iterable[str]) -> dict[str, Any]:
        item = items.get(doc_id, {}).get(f"{kind}:{item_id}", {})
        document = documents.get(doc_id, {})
        span = _span(item)
        return {"doc_id": doc_id, "outlet": document.get("outlet"),
                "date": document.get("published")
                or (document.get("published_estimate") or {}).get("value"),
                "item": item_id, "status": item.get("status"), "event_date": item.get("date"),
                "location": item.get("location"), "origins": sorted(origins),
                "evidence": span, "link": reader_link(doc_id, span)}

    table: list[dict[str, Any]] = []
    for claim in claims:
        rows = [report_row(r.doc_id, claim.kind, r.item_id, r.origins) for r in claim.reports]
        for row in rows:
            row["date_reported"] = row.pop("date")
            row["date"] = row.pop("event_date")
        table.append({"id": claim.id, "kind": claim.kind, "type": claim.type,
                      "parties": claim.parties, "reports": rows,
                      "n_independent": len(claim.independent_sources)})
    for quote in _quote_claims(records):
        rows = []
        for record, item, origins in quote["reports"]:
            doc_id = (record.get("document") or {}).get("id") or ""
            row = report_row(doc_id, "quote", item.get("id") or "", origins)
            row["date_reported"] = row.pop("date")
            row["date"] = row.pop("event_date")
            row["text"] = ((record.get("document") or {}).get("text") or "")[
                item.get("start") or 0 : item.get("end") or 0][:300]
            rows.append(row)
        table.append({"id": f"quote:{quote['speaker']}", "kind": "quote", "type": "said",
                      "parties": {"speaker": [quote["speaker"]]}, "reports": rows,
                      "n_independent": _independent(frozenset(r["origins"]) for r in rows)})
    _finish(table)
    return {"places": _places(records), "actors": _actors(records),
            "timeline": _timeline(documents, table), "claims_table": table}


def _finish(table: list[dict[str, Any]]) -> None:
    """First report, outlets, single source and disagreements of every claim."""
    for claim in table:
        rows = claim["reports"]
        first = min(rows, key=lambda r: (r["date_reported"] or "9999", r["doc_id"]))
        claim["first_report"] = {k: first[k] for k in ("doc_id", "outlet", "date_reported",
                                                         "link")}
        claim["outlets"] = sorted({r["outlet"] for r in rows if r["outlet"]})
        claim["single_source"] = claim["n_independent"] <= 1
        claim["disagreements"] = _disagreements(rows)
    # another party: the same event type from the same source at other targets
    events = [c for c in table if c["kind"] == "event"]
    for claim in events:
        others = [o for o in events if o is not claim and o["type"] == claim["type"]
                  and o["parties"].get("source") == claim["parties"].get("source")
                  and o["parties"].get("target") != claim["parties"].get("target")]
        if others and claim["parties"].get("source"):
            claim["disagreements"].append({"on": "party", "values": {
                ",".join(o["parties"].get("target") or []) or "-": [r["doc_id"] for r in
                                                                   o["reports"]]
                for o in [claim, *others]}})


def _timeline(documents: dict[Any, Record], table: list[dict[str, Any]]) -> list[dict[str, Any]]:
    firsts: dict[str, list[str]] = {}
    for claim in table:
        firsts.setdefault(claim["first_report"]["doc_id"], []).append(claim["id"])
    rows = []
    for doc_id, document in documents.items():
        rows.append({"doc_id": doc_id, "outlet": document.get("outlet"),
                     "date": document.get("published")
                     or (document.get("published_estimate") or {}).get("value"),
                     "title": document.get("title"), "link": reader_link(str(doc_id), None),
                     "first_reports": firsts.get(str(doc_id), [])})
    return sorted(rows, key=lambda r: (r["date"] or "9999", r["doc_id"] or ""))


def _counted(records: list[Record], keep: Any) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for record in records:
        for actor in record.get("actors") or []:
            actor_id = actor.get("id") or ""
            if actor_id and keep(actor) and not actor.get("from_metadata"):
                counts[actor_id] = counts.get(actor_id, 0) + 1
                names.setdefault(actor_id, actor.get("name") or actor_id)
    ranked = sorted(counts, key=lambda a: (-counts[a], a))
    return [{"id": a, "name": names[a], "reports": counts[a]} for a in ranked[:TOP_ACTORS]]


def _places(records: list[Record]) -> list[dict[str, Any]]:
    return _counted(records, lambda a: a.get("kind") == "place")


def _actors(records: list[Record]) -> list[dict[str, Any]]:
    return _counted(records, lambda a: a.get("kind") not in ("place", "outlet"))
