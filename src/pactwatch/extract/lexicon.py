"""Load the reviewed word lists under ``data/lexicon/`` into compiled matchers.

The lists are data, not code: reporting verbs (``reporting_verbs.yaml``) and
event triggers (``events_vi.yaml``). A :class:`TermMatcher` finds their entries
in text on word boundaries, longest entry first, case-insensitively, and
honours each entry's ``not_before``/``not_after`` neighbour words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from pactwatch.errors import PactwatchError

# A "word" for boundary purposes: letters (any script) and digits.
_WORD_CHAR = r"[^\W_]"


@dataclass(frozen=True)
class Term:
    """One lexicon entry with the fields a matcher and its users need."""

    text: str
    data: dict[str, Any]
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    term: Term


@dataclass
class TermMatcher:
    """Finds lexicon terms in text: whole words, longest first, case-insensitive."""

    terms: list[Term]
    _by_text: dict[str, Term] = field(init=False, repr=False)
    _pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_text = {t.text.casefold(): t for t in self.terms}
        body = _trie_pattern(list(self._by_text)) if self._by_text else "(?!x)x"
        self._pattern = re.compile(rf"(?<!{_WORD_CHAR})(?:{body})(?!{_WORD_CHAR})", re.IGNORECASE)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[TermHit]:
        end = len(text) if end is None else end
        hits: list[TermHit] = []
        for m in self._pattern.finditer(text, start, end):
            key = " ".join(m.group(0).split()).casefold()
            term = self._by_text.get(key)
            if term is None or _blocked(text, m.start(), m.end(), term):
                continue
            hits.append(TermHit(m.start(), m.end(), term))
        return hits


def _trie_pattern(words: list[str]) -> str:
    """One regex for many words, shared prefixes factored out ("hội đàm|hội
    kiến" -> "hội\\s+(?:đàm|kiến)"). A flat alternation of a few hundred terms
    is tried term by term at every position; the trie is tried letter by
    letter, several times faster. Longer continuations are tried first, so the
    longest term still wins, as in a longest-first alternation."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in " ".join(word.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def _blocked(text: str, start: int, end: int, term: Term) -> bool:
    if term.not_after:
        following = word_after(text, end)
        if following in term.not_after:
            return True
    if term.not_before:
        preceding = word_before(text, start)
        if preceding in term.not_before:
            return True
    return False


def word_after(text: str, pos: int) -> str:
    """The next word after ``pos``, past spaces and Markdown emphasis."""
    m = re.match(r"[\s*_]*(\w+)", text[pos : pos + 30])
    return m.group(1).casefold() if m else ""


def word_before(text: str, pos: int) -> str:
    """The word before ``pos``, past spaces and Markdown emphasis."""
    m = re.search(r"(\w+)[\s*_]*$", text[max(0, pos - 30) : pos])
    return m.group(1).casefold() if m else ""


def ends_with_any(text: str, pos: int, phrases: frozenset[str]) -> bool:
    """Does the text before ``pos`` end with one of the (multi-word) phrases?"""
    before = " ".join(re.findall(r"\w+", text[max(0, pos - 40) : pos])).casefold()
    return any(before == p or before.endswith(" " + p) for p in phrases)


def _load_yaml(name: str) -> dict[str, Any]:
    try:
        raw = (
            resources.files("pactwatch")
            .joinpath("data", "lexicon", name)
            .read_text(encoding="utf-8")
        )
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise PactwatchError("E051", f"lexicon {name}: cannot be read ({exc})") from exc
    if not isinstance(data, dict) or not data.get("source"):
        raise PactwatchError("E052", f"lexicon {name}: expected a mapping with a 'source' field")
    return data


def _terms(entries: list[dict[str, Any]], name: str) -> list[Term]:
    terms: list[Term] = []
    for entry in entries:
        vi = entry.get("vi")
        if not isinstance(vi, str) or not vi.strip():
            raise PactwatchError("E053", f"lexicon {name}: entry without a 'vi' string: {entry}")
        terms.append(
            Term(
                text=vi.strip(),
                data=entry,
                not_before=tuple(w.casefold() for w in entry.get("not_before") or ()),
                not_after=tuple(w.casefold() for w in entry.get("not_after") or ()),
            )
        )
    return terms


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: TermMatcher
    groups: TermMatcher
    complementisers: tuple[str, ...]
    verb_particles: frozenset[str]
    circumstance_openers: TermMatcher


@dataclass(frozen=True)
class EventLexicon:
    triggers: TermMatcher
    status_cues: dict[str, TermMatcher]
    location_cues: tuple[str, ...]
    nominal_markers: frozenset[str]
    nominal_ok_types: frozenset[str]
    generic_subjects: TermMatcher
    back_references: frozenset[str]
    country_anaphors: TermMatcher
    subordinators: TermMatcher
    predicate_markers: frozenset[str]
    announcement_cues: TermMatcher


@cache
def reporting_lexicon() -> ReportingLexicon:
    name = "reporting_verbs.yaml"
    data = _load_yaml(name)
    return ReportingLexicon(
        verbs=TermMatcher(_terms(data.get("verbs") or [], name)),
        groups=TermMatcher(_terms(data.get("speaker_groups") or [], name)),
        complementisers=tuple(data.get("complementisers") or ()),
        verb_particles=frozenset(w.casefold() for w in data.get("verb_particles") or ()),
        circumstance_openers=TermMatcher(
            [Term(w, {"opener": True}) for w in data.get("circumstance_openers") or ()]
        ),
    )


@cache
def event_lexicon() -> EventLexicon:
    name = "events_vi.yaml"
    data = _load_yaml(name)
    cues = data.get("status_cues") or {}
    return EventLexicon(
        triggers=TermMatcher(_terms(data.get("triggers") or [], name)),
        status_cues={
            status: TermMatcher([Term(w, {"status": status}) for w in words])
            for status, words in cues.items()
        },
        location_cues=tuple(data.get("location_cues") or ()),
        nominal_markers=frozenset(w.casefold() for w in data.get("nominal_markers") or ()),
        nominal_ok_types=frozenset(data.get("nominal_ok_types") or ()),
        subordinators=TermMatcher(
            [Term(w, {"subordinator": True}) for w in data.get("subordinators") or ()]
        ),
        country_anaphors=TermMatcher(_terms(data.get("country_anaphors") or [], name)),
        back_references=frozenset(w.casefold() for w in data.get("back_references") or ()),
        predicate_markers=frozenset(w.casefold() for w in data.get("predicate_markers") or ()),
        generic_subjects=TermMatcher(
            [Term(w, {"generic": True}) for w in data.get("generic_subjects") or ()]
        ),
        announcement_cues=TermMatcher(
            [Term(w, {"announcement": True}) for w in data.get("announcement_cues") or ()]
        ),
    )
