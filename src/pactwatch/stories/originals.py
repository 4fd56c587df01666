"""Translations and their originals across languages.

Most Vietnamese international news is a translation of an English wire or paper
("theo Reuters", "trích dẫn từ tờ The Telegraph"). When both are in the store,
the translation links to its original: a member of the same story, written in
another language, by an outlet the translation's attribution chain reaches —
the sources it credits, or the outlets its quotes and commitments are reported
via (:func:`pactwatch.stories.corroboration.article_origins`). The story rules
(shared actors, close dates, the same figures; :mod:`pactwatch.stories.cluster`)
have already said the two tell one happening; the credit says which came first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pactwatch.stories.corroboration import article_origins, outlet_id

Record = dict[str, Any]


def cited_outlets(record: Record) -> frozenset[str]:
    """The outlets an article credits or reports through, never its own."""
    document = record.get("document") or {}
    own = outlet_id(document["outlet"]) if document.get("outlet") else None
    cited = {o for o in article_origins(record) if o.startswith("outlet:")}
    for item in (record.get("quotes") or []) + (record.get("commitments") or []):
        cited.update(o for o in item.get("reported_via") or [] if o.startswith("outlet:"))
        speaker = item.get("speaker") or ""
        if speaker.startswith("outlet:"):
            cited.add(speaker)
    cited.discard(own or "")
    return frozenset(cited)


def own_outlet(record: Record) -> str | None:
    document = record.get("document") or {}
    return outlet_id(document["outlet"]) if document.get("outlet") else None


def _language(record: Record) -> str | None:
    return (record.get("document") or {}).get("language")


def _id(record: Record) -> str:
    return str((record.get("document") or {}).get("id") or "")


def originals_of(record: Record, others: Iterable[Record]) -> list[str]:
    """Ids of the ``others`` (members of ``record``'s story) that are its original:
    in another language, written by an outlet ``record`` credits."""
    language, cited = _language(record), cited_outlets(record)
    if not cited:
        return []
    return [
        _id(other)
        for other in others
        if _id(other) != _id(record)
        and _language(other) and _language(other) != language
        and own_outlet(other) in cited
    ]


def translation_links(records: Iterable[Record]) -> dict[str, dict[str, list[str]]]:
    """For each record of one story: the ``originals`` it translates and the
    ``translations`` made of it."""
    members = list(records)
    links: dict[str, dict[str, list[str]]] = {
        _id(r): {"originals": [], "translations": []} for r in members
    }
    for record in members:
        for original in originals_of(record, members):
            links[_id(record)]["originals"].append(original)
            links[original]["translations"].append(_id(record))
    return links
