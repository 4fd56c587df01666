"""Whole result sets as files: JSON, CSV, Parquet (pyarrow), GraphML and PLOVER-style JSON.

Rows are read from the store a page at a time and written out as they come (JSON, CSV),
so an export of a large database does not sit in memory; Parquet is columnar and is
built whole.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from xml.etree import ElementTree as ET

from pactwatch.api.paths import file_name
from pactwatch.store import Store
from pactwatch.system.lifecycle import PROVENANCE_REPORTED

Row = dict[str, Any]
PAGE = 1000
KINDS = ("events", "quotes", "commitments", "actors", "documents")
TABULAR_FORMATS = ("json", "csv", "parquet")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


# kinds whose rows are read from the news: each says so (``provenance``) beside its confidence
REPORTED_KINDS = ("events", "quotes", "commitments")


def iter_rows(store: Store, kind: str, filters: dict[str, Any]) -> Iterator[Row]:
    """Every row of ``kind`` matching ``filters`` (the list endpoint's filters), in its order."""
    fetch = _fetchers(store, filters)[kind]
    # the first page is read now: a bad filter fails before a response has started
    rows = _pages(fetch, fetch(PAGE, 0))
    if kind == "documents":
        return (_named(r) for r in rows)
    return (_reported(r) for r in rows) if kind in REPORTED_KINDS else rows


def _named(row: Row) -> Row:
    row["source_path"] = file_name(row.get("source_path"))
    return row


def _reported(row: Row) -> Row:
    row["provenance"] = PROVENANCE_REPORTED
    return row


def _pages(fetch: Callable[[int, int], list[Row]], page: list[Row]) -> Iterator[Row]:
    offset = 0
    while True:
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE
        page = fetch(PAGE, offset)


def _fetchers(store: Store, f: dict[str, Any]) -> dict[str, Callable[[int, int], list[Row]]]:
    return {
        "events": lambda n, o: store.find_events(**f, limit=n, offset=o, with_total=False)[0],
        "quotes": lambda n, o: store.list_quotes(**f, limit=n, offset=o),
        "commitments": lambda n, o: store.find_commitments(**f, limit=n, offset=o)[0],
        "actors": lambda n, o: store.list_actors(**f, limit=n, offset=o),
        "documents": lambda n, o: store.find_documents(**f, limit=n, offset=o)[0],
    }


def flatten(row: Row) -> Row:
    """One flat record per row: spans split in two, lists joined with ';', dicts as JSON."""
    flat: Row = {}
    for key, value in row.items():
        if key == "evidence" and isinstance(value, dict):
            flat["evidence_start"] = value.get("start")
            flat["evidence_end"] = value.get("end")
        elif isinstance(value, list):
            flat[key] = ";".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                                 for v in value)
        elif isinstance(value, dict):
            flat[key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[key] = value
    return flat


def json_chunks(rows: Iterable[Row]) -> Iterator[bytes]:
    yield b"["
    first = True
    for row in rows:
        yield (b"" if first else b",\n") + json.dumps(row, ensure_ascii=False).encode("utf-8")
        first = False
    yield b"]\n"


def csv_chunks(rows: Iterable[Row]) -> Iterator[bytes]:
    """CSV with a header taken from the first row (rows of one kind share their keys)."""
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    # a BOM so spreadsheet programs read the Vietnamese as UTF-8
    yield "\ufeff".encode()
    for row in rows:
        flat = flatten(row)
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(flat), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(flat)
        if buffer.tell() > 64_000:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def parquet_bytes(rows: Iterable[Row]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = [flatten(r) for r in rows]
    names = list(flat[0]) if flat else ["id"]
    columns = {n: [r.get(n) for r in flat] for n in names}
    table = pa.table(columns) if flat else pa.table({"id": pa.array([], pa.string())})
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def graphml(graph: Row) -> bytes:
    """The actor co-occurrence graph as GraphML (undirected, edge weight = shared documents)."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    keys = (("name", "node", "string"), ("name_vi", "node", "string"),
            ("kind", "node", "string"), ("documents", "node", "int"),
            ("weight", "edge", "int"))
    for name, target, kind in keys:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {
            "id": name, "for": target, "attr.name": name, "attr.type": kind})
    body = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph",
                         {"id": "actors", "edgedefault": "undirected"})
    for node in graph["nodes"]:
        element = ET.SubElement(body, f"{{{GRAPHML_NS}}}node", {"id": node["id"]})
        for name in ("name", "name_vi", "kind", "documents"):
            if node.get(name) is not None:
                ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": name}).text = str(
                    node[name])
    for number, edge in enumerate(graph["edges"]):
        element = ET.SubElement(body, f"{{{GRAPHML_NS}}}edge", {
            "id": f"e{number}", "source": edge["source"], "target": edge["target"]})
        ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": "weight"}).text = str(
            edge["documents"])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def plover_event(event: Row) -> Row:
    """One event in a PLOVER/POLECAT-style layout, keeping its evidence."""
    return {
        "id": f"{event['doc_id']}:{event['id']}",
        "event_type": event["type"],
        "mode": event["mode"],
        "event_date": event["date"] or event["period"],
        "story_date": event["doc_date"],
        "source": event["source"],
        "target": event["target"],
        "location": event["location"],
        "status": event["status"],
        "event_text": event["evidence_text"],
        "trigger": event["trigger"],
        "confidence": event["confidence"],
        "provenance": event.get("provenance", PROVENANCE_REPORTED),
        "doc_id": event["doc_id"],
        "evidence": event["evidence"],
        "outlet": event["outlet"],
        "title": event["doc_title"],
    }
