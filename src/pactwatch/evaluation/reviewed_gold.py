"""Analysts' reviews as gold files (``shared/gold/README.md``), so ``pactwatch eval`` scores
the pipeline against what people corrected.

For each reviewed article: a gold file holding the article's text (``text``: no corpus
directory is needed) and the layers analysts reviewed — ``quotes``, ``events``,
``commitments`` — built from the stored analysis with each item's latest review applied:
a confirmed item as it is, a corrected one with its corrections, a rejected one left out.
Items of a reviewed layer that nobody reviewed are kept as the pipeline read them (say
``strict`` to export only layers whose every item was reviewed). Layers nobody reviewed
(actors, times, the published date, unreviewed kinds) are absent, so they are not scored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactwatch.store import Store
from pactwatch.store.reviews import KINDS, showing_rejected

Row = dict[str, Any]
# how much of a quote a gold file asks the prediction to contain
SNIPPET_CHARS = 60
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass
class ExportSummary:
    directory: Path
    files: list[str] = field(default_factory=list)
    # per kind: items exported as confirmed, corrected, kept unreviewed; rejected left out
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> Row:
        return {"directory": str(self.directory), "files": self.files, "counts": self.counts,
                "skipped": self.skipped}


def gold_for_record(record: Row, *, strict: bool = False,
                    counts: dict[str, dict[str, int]] | None = None) -> Row | None:
    """The gold file for a record whose items carry ``review`` (rejected ones included);
    None when no layer is left to export."""
    document = record.get("document") or {}
    gold: Row = {
        "file": _file_name(document),
        "title": document.get("title"),
        "text": document.get("text") or "",
        "reviewed": True,
    }
    layers = 0
    for kind in KINDS:
        items = record.get(f"{kind}s") or []
        reviews = [i.get("review") for i in items]
        if not any(reviews) or (strict and not all(reviews)):
            continue
        tally = (counts if counts is not None else {}).setdefault(
            kind, {"confirmed": 0, "corrected": 0, "rejected": 0, "unreviewed": 0})
        kept = []
        for item in items:
            verdict = (item.get("review") or {}).get("verdict", "unreviewed")
            tally[verdict] += 1
            if verdict != "rejected":
                kept.append(_gold_item(kind, item))
        gold[f"{kind}s"] = kept
        layers += 1
    return gold if layers else None


def _gold_item(kind: str, item: Row) -> Row:
    if kind == "quote":
        return {"speaker": item.get("speaker"), "direct": item.get("direct"),
                "contains": _snippet(item.get("text") or "")}
    if kind == "event":
        participants = list(dict.fromkeys([*(item.get("source") or []),
                                           *(item.get("target") or [])]))
        found: Row = {"types": [item.get("type")], "date": item.get("date"),
                      "participants": participants}
        if item.get("location"):
            found["location"] = item["location"]
        return found
    return {"types": [item.get("type")], "guarantors": list(item.get("guarantors") or []),
            "beneficiaries": list(item.get("beneficiaries") or []),
            "status": [item.get("status")]}


def _snippet(text: str) -> str:
    """The quote's opening words, cut at a word boundary: enough to find it again."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut or text[:SNIPPET_CHARS]


def _file_name(document: Row) -> str:
    source = str(document.get("source_path") or "")
    name = re.split(r"[\\/]", source)[-1] if source else ""
    doc_id = str(document.get("id") or "document")
    return name or f"{doc_id}.txt"


def _gold_name(document: Row, taken: set[str]) -> str:
    stem = _UNSAFE.sub("_", Path(_file_name(document)).stem).strip("._") or "document"
    name = f"{stem}.json"
    if name in taken:
        name = f"{stem}_{str(document.get('id') or '')[:8]}.json"
    return name


def export_reviews(store: Store, directory: Path, *, strict: bool = False) -> ExportSummary:
    """Write one gold file per reviewed article into ``directory`` (made if needed), and the
    stored analysis records beside them in ``records/`` (``pactwatch eval --records``)."""
    directory.mkdir(parents=True, exist_ok=True)
    records_dir = directory / "records"
    summary = ExportSummary(directory)
    taken: set[str] = set()
    for doc_id in store.reviewed_document_ids():
        stored = store.get_record(doc_id)
        if stored is None:  # reviews outlive their article: nothing to export for it now
            summary.skipped.append(doc_id)
            continue
        with showing_rejected():
            record = store.reviewed_record(json.loads(json.dumps(stored)))
        gold = gold_for_record(record, strict=strict, counts=summary.counts)
        if gold is None:
            summary.skipped.append(doc_id)
            continue
        name = _gold_name(stored.get("document") or {}, taken)
        taken.add(name)
        # the record as the pipeline stored it, named so eval pairs it with its gold
        stored["document"]["source_path"] = gold["file"]
        (directory / name).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
        records_dir.mkdir(exist_ok=True)
        (records_dir / name).write_text(json.dumps(stored, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
        summary.files.append(name)
    return summary
