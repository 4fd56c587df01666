"""What an article offers for telling whether two reports are of one happening.

Wording shared across outlets is thin (each writes its own), so an article is matched
on what it *reports*: the words of its headline and lead (where every outlet states the
news), the actors and places it makes salient, its events (type and participants), the
figures it states, and the words of the quotes it carries (outlets quote the same
sentence). A happening also has *anchors*: the figures and proper names its lead states
("53 thủy thủ", "Nanggala", "323.144 ca"), written the same in a translation; two reports
of one happening share at least one that few other articles of their days have, while
the daily bulletins of a long crisis share only its common words. :func:`article_features`
reads them off an analysis record; they are stored beside the article's signature (as
JSON), so matching never rereads records.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from typing import Any

from pactwatch.stories.cluster import text_numbers

# characters of body text (after the title) that count as the lead
LEAD_CHARS = 1500
# characters of the lead (title included) whose figures and names are its anchors
ANCHOR_CHARS = 900
# a quote's words are compared in runs of this many (two outlets quoting one sentence)
QUOTE_WORDS = 5
MAX_QUOTE_SHINGLES = 60
# an actor named this often is salient wherever it is named
SALIENT_MENTIONS = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NOT_LEAD = frozenset({"caption", "credit"})
_NEUTRAL_KINDS = ("outlet:",)
# a word and what comes before it: the first word of a sentence or a line is capitalised
# whatever it is, so only a capitalised word inside a sentence is a name (acronyms too)
_TOKEN = re.compile(r"(^|[.!?:]\s+)?\b(\w[\w-]*)", re.M)


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def lead_terms(text: str, language: str | None = None) -> list[str]:
    """Every pair of neighbouring words, and (but in Vietnamese, whose words are mostly
    two syllables: "tàu ngầm", "nhất trí") single words of four letters or more."""
    terms: list[str] = []
    for part in text.split("|"):  # a blanked name ends a run of words
        words = _words(part)
        if language != "vi":
            terms += [w for w in words if len(w) >= 4]
        terms += [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return terms


def _lead(document: dict[str, Any]) -> tuple[str, int]:
    """The title and the first body text (captions and credits left out), and where the
    lead ends in the text."""
    text = document.get("text") or ""
    zones = [z for z in document.get("zones") or [] if z.get("kind") not in _NOT_LEAD]
    if not zones:
        zones = [{"start": 0, "end": len(text)}]
    parts, used, end = [], 0, 0
    for zone in zones:
        chunk = text[zone["start"] : zone["end"]][: LEAD_CHARS - used]
        parts.append(chunk)
        used += len(chunk)
        end = zone["start"] + len(chunk)
        if used >= LEAD_CHARS:
            break
    title = document.get("title") or ""
    return f"{title}\n{title}\n" + "\n".join(parts), end


def _quote_shingles(record: dict[str, Any]) -> list[int]:
    text = (record.get("document") or {}).get("text") or ""
    found: set[int] = set()
    for quote in record.get("quotes") or []:
        start, end = quote.get("start"), quote.get("end")
        if start is None or end is None:
            continue
        words = _words(text[start:end])
        for i in range(len(words) - QUOTE_WORDS + 1):
            found.add(zlib.crc32(" ".join(words[i : i + QUOTE_WORDS]).encode("utf-8")))
    return sorted(found)[:MAX_QUOTE_SHINGLES]


def lead_anchors(lead: str) -> list[str]:
    """The figures (``#`` and their digits, :func:`text_numbers`) and proper names
    (case-folded) of a lead: what a report of the same happening in any wording states."""
    found = {f"#{n}" for n in text_numbers(lead) if len(n) >= 2}
    for match in _TOKEN.finditer(unicodedata.normalize("NFC", lead)):
        word = match.group(2)
        if (match.group(1) is None and word[0].isupper()
                and len(word) >= 2):
            found.add(word.casefold())
    return sorted(found)


def article_features(record: dict[str, Any]) -> dict[str, Any]:
    """``terms`` (headline and lead, with counts), ``anchors`` (:func:`lead_anchors`),
    ``salient`` actors, ``places``, ``events`` (``TYPE|sources|targets`` keys) and
    ``quotes`` (hashed word runs)."""
    document = record.get("document") or {}
    lead, lead_end = _lead(document)
    counts: dict[str, int] = {}
    for term in lead_terms(lead, document.get("language")):
        counts[term] = counts.get(term, 0) + 1
    salient, places = set(), set()
    for actor in record.get("actors") or []:
        actor_id = actor.get("id") or ""
        if not actor_id or actor.get("from_metadata") or actor_id.startswith(_NEUTRAL_KINDS):
            continue
        mentions = actor.get("mentions") or []
        if len(mentions) >= SALIENT_MENTIONS or any(m.get("start", 0) < lead_end
                                                    for m in mentions):
            salient.add(actor_id)
            if actor.get("kind") == "place":
                places.add(actor_id)
    events = set()
    for event in record.get("events") or []:
        if not event.get("type"):
            continue
        sources = ",".join(sorted(set(event.get("source") or [])))
        targets = ",".join(sorted(set(event.get("target") or [])))
        if sources or targets:
            events.add(f"{event['type']}|{sources}|{targets}")
        if event.get("location"):
            places.add(str(event["location"]))
    return {"terms": counts, "anchors": lead_anchors(lead[:ANCHOR_CHARS]), "salient": sorted(salient), "places": sorted(places),
            "events": sorted(events), "quotes": _quote_shingles(record)}
