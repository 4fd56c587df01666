"""What an article offers for telling whether two reports are of one happening.

Wording shared across outlets is thin (each writes its own), so an article is matched
on what it *reports*: the words of its headline and lead (where every outlet states the
news), the actors and places it makes salient, its events (type and participants), the
figures it states, and the words of the quotes it carries (outlets quote the same
sentence). A happening also has *anchors*: the figures and proper names its lead (its
title and first paragraphs, :data:`ANCHOR_PARAGRAPHS`) states ("53 thủy thủ",
"Nanggala", "323.144 ca"), written the same in a translation, and the actors the
knowledge base recognises there by their ids (``country:RUS`` for "Nga" and "Russia");
two reports of one happening lead with some that few other articles of their days have,
while the daily bulletins of a long crisis share only its common names. What no report
of a happening owns is no anchor: the administrative abbreviations and the heads of
titles and institutions of Vietnamese news ("UBND", "BKS", "Phó Tổng cục trưởng",
``data/lang/vi/anchors.yaml``), a disease ("Covid-19"), a person's age and an anniversary's years ("36 tuổi", "kỷ niệm 46 năm"). A lead also
dates its happening (``lead_day``: the first day it names). :func:`article_features`
reads them off an analysis record; they are stored beside the article's signature (as
JSON, with :data:`FEATURES_VERSION`), so matching never rereads records.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml

from pactwatch.stories.cluster import text_numbers

# the version of the recipe: stored features of another version are not compared with
# ours (the stories they made are rebuilt)
FEATURES_VERSION = 3
# characters of body text (after the title) that count as the lead
LEAD_CHARS = 1500
# characters of the lead (title included) whose figures and names are its anchors
ANCHOR_CHARS = 900
# ... and paragraphs: a report states its news first; what a third paragraph recalls (the
# day's figures in a feature on another matter) is background
ANCHOR_PARAGRAPHS = 2
LEAD_MIN_CHARS = 350
# a quote's words are compared in runs of this many (two outlets quoting one sentence)
QUOTE_WORDS = 5
MAX_QUOTE_SHINGLES = 60
# an actor named this often is salient wherever it is named
SALIENT_MENTIONS = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NOT_LEAD = frozenset({"caption", "credit"})
_LINE = re.compile(r"[^\n]*\S[^\n]*")
# a line that is a picture's caption: it says so first, or ends with the picture's credit
_CAPTION = re.compile(r"^\s*(?:photo|image|picture|file photo|ảnh|hình)\s*:"
                      r"|\((?:[^()]*\b(?:ảnh|photo|via)\b[^()]*)\)\W*$", re.I)
_NEUTRAL_KINDS = ("outlet:",)
# a word of a name (with its digits and hyphens: "Su-25SM3", "Covid-19")
_NAME_WORD = re.compile(r"\w[\w-]*")
# what may stand between a sentence's end (or a quotation's start) and its first word
_QUOTES = "\"“‘«„'"
_OPENERS = _QUOTES + "([-–—*#>"
_ENDERS = ".!?:…\n\r"
# a Vietnamese syllable without its marks: an onset, one vowel group, an ending
# a disease is a topic many happenings share, in every language ("Covid-19")
_TOPIC_NAMES = frozenset({"covid", "covid-19", "sars-cov-2", "coronavirus", "ncov", "2019-ncov"})
# a figure that counts a person's years or an anniversary's: what the topic is, not the
# happening ("36 tuổi", "a 20-year-old", "kỷ niệm 46 năm Ngày Giải phóng", "75th anniversary")
_BACKGROUND_FIGURE = re.compile(
    r"(?:kỷ niệm|kỉ niệm)\s+(?P<a>\d+)\s+năm"
    r"|(?P<b>\d+)\s*(?:tuổi\b|-year-old|\s*years?\s+old\b)"
    r"|(?P<c>\d+)(?:st|nd|rd|th)\s+anniversary", re.I)
# a figure in a unit of magnitude: a rounded one
_ROUNDED_FIGURE = re.compile(r"(\d+(?:[.,]\d+)*)\s*(?:triệu|nghìn|ngàn|tỷ|tỉ|million|billion"
                             r"|thousand|trillion)\b", re.I)
_VI_SYLLABLE = re.compile(r"(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?"
                          r"[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?")


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


def _lead_spans(document: dict[str, Any], limit: int,
                paragraphs: int | None = None) -> list[tuple[int, int]]:
    """Where the first ``limit`` characters of body text are: the text zones (captions and
    credits left out) line by line, without the lines that are a picture's caption all
    the same ("Photo: ...", "... (Ảnh: Reuters)") or the title again. With
    ``paragraphs``, no more lines than that once :data:`LEAD_MIN_CHARS` are read (a wire's
    paragraphs are a sentence each, a Vietnamese paper's several)."""
    text = document.get("text") or ""
    title = " ".join((document.get("title") or "").split())
    zones = [z for z in document.get("zones") or [] if z.get("kind") not in _NOT_LEAD]
    if not zones:
        zones = [{"start": 0, "end": len(text)}]
    spans: list[tuple[int, int]] = []
    used = 0
    for zone in zones:
        for line in _LINE.finditer(text, zone["start"], zone["end"]):
            if _CAPTION.search(line.group()) or " ".join(line.group().split()) == title:
                continue
            start = line.start()
            end = min(line.end(), start + limit - used)
            spans.append((start, end))
            used += end - start
            if used >= limit or (paragraphs is not None and len(spans) >= paragraphs
                                 and used >= LEAD_MIN_CHARS):
                return spans
    return spans


def _lead(document: dict[str, Any]) -> tuple[str, int]:
    """The title and the first body text (:func:`_lead_spans`), and where the lead ends
    in the text."""
    text = document.get("text") or ""
    spans = _lead_spans(document, LEAD_CHARS)
    title = document.get("title") or ""
    end = spans[-1][1] if spans else 0
    return f"{title}\n{title}\n" + "\n".join(text[a:b] for a, b in spans), end


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


def _sentence_start(text: str, at: int) -> bool:
    """Does the word at ``at`` open a sentence, a line or a quotation (capitalised
    whatever it is: "Chúng tôi...", "(Theo AFP)")?"""
    i = at - 1
    while i >= 0 and (text[i] in _OPENERS or text[i] in " \t"):
        if text[i] in _QUOTES:  # an opening quotation starts a sentence of its own
            return True
        i -= 1
    return i < 0 or text[i] in _ENDERS


def _vietnamese_syllable(word: str) -> bool:
    """Could ``word`` be one Vietnamese syllable ("Nga", "Tổng", "Bộ")? A name of
    another language ("Putin", "Praha", "Tass") has more than one vowel group or an
    onset or ending Vietnamese does not have."""
    plain = unicodedata.normalize("NFD", word.casefold().replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _VI_SYLLABLE.fullmatch(plain) is not None


@functools.cache
def _vi_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The Vietnamese abbreviations that are no name, the heads of titles and
    institutions, and the abbreviations of the centrally run cities
    (``data/lang/vi/anchors.yaml``)."""
    raw = resources.files("pactwatch").joinpath("data", "lang", "vi", "anchors.yaml").read_text(
        encoding="utf-8")
    data = yaml.safe_load(raw) or {}
    return tuple(frozenset(str(w).casefold() for w in data.get(key) or ())  # type: ignore[return-value]
                 for key in ("abbreviations", "heads", "cities"))


def vietnamese_cities() -> frozenset[str]:
    """The abbreviations of Vietnam's centrally run cities ("tphcm"), as anchors."""
    return _vi_words()[2]


def _background_figures(text: str) -> set[str]:
    """The figures of ``text`` that count years of a life or of an anniversary."""
    found = set()
    for match in _BACKGROUND_FIGURE.finditer(text):
        digits = next(g for g in match.groups() if g)
        found.add(digits.lstrip("0"))
    return found


def _rounded_figures(text: str) -> set[str]:
    """The figures of ``text`` stated in millions or thousands ("hơn 148 triệu ca", "3.1
    million"): rounded, as every report of the day's tally rounds them, so they say less
    than their digits (``#~148``, :func:`pactwatch.stories.happening._kind_weight`)."""
    return {re.sub(r"[.,]", "", m.group(1)).lstrip("0") for m in _ROUNDED_FIGURE.finditer(text)}


def _strip_generic(run: list[str], language: str | None) -> list[str]:
    """A run of capitalised words without what no name is: a disease, and in Vietnamese the administrative abbreviations and, at its start, the head of a
    title or an institution with the abbreviations that follow it ("Chủ tịch UBND TP Buôn
    Ma Thuột" → "Buôn Ma Thuột", "Phó Tổng cục trưởng" → "Tổng", "Bộ Y tế" → "Y")."""
    kept = [w for w in run if w.casefold() not in _TOPIC_NAMES]
    if language != "vi":
        return kept
    generic, heads, _ = _vi_words()
    kept = [w for w in kept if w.casefold() not in generic
            and _abbreviation_stem(w) not in generic]
    if kept and kept[0].casefold() in heads:
        kept = kept[1:]
    return kept


def _abbreviation_stem(word: str) -> str:
    """The letters an abbreviation with a number starts with ("QL1A" → "ql")."""
    match = re.match(r"[^\W\d_]+", word)
    return match.group().casefold() if match and match.end() < len(word) else ""


def lead_anchors(text: str, language: str | None = None,
                 names: Iterable[tuple[int, int, str | None]] = (),
                 capitals: bool = True) -> list[str]:
    """The figures (``#`` and their digits, :func:`text_numbers`) and proper names of a
    lead: what a report of the same happening in any wording states.

    ``names`` are the spans of the actors the analysis found in ``text`` (start, end,
    id): a name the knowledge base knows is its id, the same in any language and
    spelling ("Nga", "Russia" → ``country:RUS``). Any other capitalised word inside a
    sentence is a name (case-folded), but for the title just before a known name
    ("President Donald Trump"). In Vietnamese, every syllable of a name is capitalised
    ("Biển Đen", "Hải Âu") but a title or an institution capitalises only its first
    ("Tổng thống", "Bộ trưởng", "Đại sứ"): a run of capitalised words with a Vietnamese
    syllable in it is one name, and a lone capitalised syllable is none, while a word of
    another language is one ("Nanggala", "Borrell"). A span of ``names`` without an id
    is no name (a time expression: "Monday", "Tháng Tư").
    ``capitals=False``: capitalised words are not names (a headline in title case).
    """
    text = unicodedata.normalize("NFC", text)
    background = _background_figures(text)
    rounded = _rounded_figures(text)
    found = {f"#~{n}" if n in rounded else f"#{n}" for n in text_numbers(text)
             if len(n) >= 2 and n not in background}
    covered: list[tuple[int, int]] = []
    for start, end, actor_id in names:
        covered.append((start, end))
        # an outlet is who reports, not what happened
        if actor_id and not actor_id.startswith(_NEUTRAL_KINDS) and not _topic_id(actor_id):
            found.add(actor_id)
    runs: list[list[str]] = []
    last_end = -2
    for match in _NAME_WORD.finditer(text):
        word, start = match.group(), match.start()
        if any(s <= start < e for s, e in covered):
            if runs and text[last_end:start] == " ":
                runs.pop()  # the title of the name that follows ("President", "Bộ trưởng")
            last_end = -2
            continue
        # a capital inside a word ("NATO", "C-5M") makes a name wherever it stands
        inner = any(c.isupper() for c in word[1:])
        if not capitals or not word[0].isupper() or (_sentence_start(text, start)
                                                      and not inner):
            last_end = -2
            continue
        if runs and text[last_end:start] == " ":
            runs[-1].append(word)
        else:
            runs.append([word])
        last_end = match.end()
    for run in runs:
        run = _strip_generic(run, language)
        if not run:
            continue
        own = [w for w in run if language != "vi" or not _vietnamese_syllable(w)]
        if len(own) < len(run):  # Vietnamese syllables name only together ("Biển Đen")
            if len(run) > 1:
                found.add(" ".join(run).casefold())
            continue
        found.update(w.casefold() for w in own if len(w) >= 2)
    return sorted(found)


def _topic_id(actor_id: str) -> bool:
    """Is an actor id a disease's ("organization:covid-19" read as a name)?"""
    return actor_id.split(":", 1)[-1] in _TOPIC_NAMES


def _lead_anchors(record: dict[str, Any], lead: list[tuple[int, int]]) -> list[str]:
    """:func:`lead_anchors` of the title and the ``lead`` paragraphs (spans of the text),
    with the spans of the actors and the time expressions found there."""
    document = record.get("document") or {}
    text = unicodedata.normalize("NFC", document.get("text") or "")
    language = document.get("language")
    actors = [a for a in record.get("actors") or []
              if a.get("id") and not a.get("from_metadata")]
    spans: list[tuple[int, int, str | None]] = [
        (m["start"], m["end"], a["id"]) for a in actors for m in a.get("mentions") or []
        if m.get("start") is not None and m.get("end") is not None]
    spans += [(t["start"], t["end"], None) for t in record.get("times") or []
              if t.get("start") is not None and t.get("end") is not None]
    found: set[str] = set()
    for start, end in lead:
        line = text[start:end]
        inside = [(s - start, e - start, i) for s, e, i in spans if start <= s and e <= end]
        found.update(lead_anchors(line, language, inside, not _title_case(line)))
    title = unicodedata.normalize("NFC", document.get("title") or "")
    if title:
        named = {m.get("text") or "": a["id"] for a in actors for m in a.get("mentions") or []}
        in_title = [(i, i + len(name), actor_id) for name, actor_id in named.items() if name
                    for i in _find_all(title, name)]
        found.update(lead_anchors(title, language, in_title, not _title_case(title)))
    return sorted(found)


def _lead_day(record: dict[str, Any], lead: list[tuple[int, int]]) -> str | None:
    """The day the lead's happening is dated to: the first time expression of a day in
    the ``lead`` paragraphs (the first two: a day a later paragraph names is background,
    "On the 16th, ..."), as an ISO date; None when they state none."""
    days = sorted((t["start"], str(t["value"])[:10]) for t in record.get("times") or []
                  if t.get("granularity") == "day" and t.get("value")
                  and t.get("start") is not None and any(a <= t["start"] < b for a, b in lead))
    return days[0][1] if days else None


def _title_case(title: str) -> bool:
    """Is every longer word of a headline capitalised ("Witkoff Says Talks Yield
    Progress")? Its capitals then say nothing of names."""
    longer = [w for w in _WORD.findall(title) if len(w) >= 4]
    return len(longer) >= 3 and sum(w[0].isupper() for w in longer) >= 0.6 * len(longer)


def _find_all(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def article_features(record: dict[str, Any]) -> dict[str, Any]:
    """``version``, ``terms`` (headline and lead, with counts), ``anchors``
    (:func:`lead_anchors` of the first paragraphs), ``lead_day``, ``salient`` actors,
    ``places``, ``events`` (``TYPE|sources|targets`` keys) and ``quotes`` (hashed word
    runs)."""
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
    first = _lead_spans(document, ANCHOR_CHARS, ANCHOR_PARAGRAPHS)
    anchors = _lead_anchors(record, first)
    day = _lead_day(record, first[:ANCHOR_PARAGRAPHS])
    return {"version": FEATURES_VERSION, "terms": counts,
            "anchors": anchors, "lead_day": day,
            "salient": sorted(salient), "places": sorted(places),
            "events": sorted(events), "quotes": _quote_shingles(record)}
