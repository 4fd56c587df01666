"""Dictionary matching of KB names over the normalised text (Aho-Corasick).

The automaton holds every written form of every KB entry, lowered; a hit is kept
when it sits on word boundaries and its capitalisation fits the form (proper
names match only when capitalised, abbreviations only exactly), then overlaps
are resolved longest-first. Which of several candidates a form means ("London"
the country or the place) is decided later, by the context rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from pactwatch.actors.kb import KnowledgeBase
from pactwatch.actors.textutil import UPPER, lower_same_length


@dataclass(frozen=True)
class Surface:
    """One written form of one KB entry."""

    actor_id: str
    kind: str
    form: str
    as_: str  # name|alias|metonym
    exact_case: bool  # abbreviations: "EU" never matches "eu"


@dataclass
class Match:
    start: int
    end: int
    text: str
    candidates: list[Surface] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {c.kind for c in self.candidates}


def _is_abbreviation(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass
class Lexicon:
    automaton: ahocorasick.Automaton
    size: int


def _surfaces(kb: KnowledgeBase) -> list[Surface]:
    out: list[Surface] = []
    for entry in kb.entries.values():
        labelled = [(entry.name, "name"), (entry.name_vi or "", "name")]
        labelled += [(a, "alias") for a in (*entry.aliases_vi, *entry.aliases_en, *entry.aliases)]
        labelled += [(a, "alias") for a in entry.abbreviations]
        labelled += [(m, "metonym") for m in entry.metonyms]
        seen: set[str] = set()
        for form, as_ in labelled:
            form = form.strip()
            # one-letter forms only when they are a capital outside ASCII ("Ý" = Italy)
            if not form or form in seen or (len(form) == 1 and (form.isascii() or form.islower())):
                continue
            seen.add(form)
            exact = _is_abbreviation(form) and (form in entry.abbreviations or len(form) <= 5)
            out.append(Surface(entry.id, entry.kind, form, as_, exact))
    return out


def build_lexicon(kb: KnowledgeBase) -> Lexicon:
    automaton = ahocorasick.Automaton()
    grouped: dict[str, list[Surface]] = {}
    for s in _surfaces(kb):
        grouped.setdefault(_apostrophes(lower_same_length(s.form)), []).append(s)
    for key, surfaces in grouped.items():
        automaton.add_word(key, (len(key), tuple(surfaces)))
    automaton.make_automaton()
    return Lexicon(automaton, len(grouped))


@lru_cache(maxsize=4)
def lexicon_for(kb: KnowledgeBase) -> Lexicon:
    """The KB's automaton; of a KB loaded from files, kept on disk beside it (building
    it is most of a warm start's first article)."""
    if kb.source_key is None:
        return build_lexicon(kb)
    from pactwatch import datacache
    from pactwatch.actors import textutil

    return datacache.cached("actors-lexicon", [], lambda: build_lexicon(kb),
                            code=[__file__, textutil.__file__], extra=[kb.source_key])


def _case_fits(form: str, text: str, exact_case: bool) -> bool:
    if exact_case:
        return form == text
    # Every capitalised word of the form must be capitalised in the text; lower-case
    # words of the form ("liên minh tự nguyện") may be either.
    for fw, tw in zip(form.split(), text.split(), strict=False):
        if fw[:1] in UPPER and tw[:1] not in UPPER:
            return False
    return True


def _is_word_char(c: str) -> bool:
    return c.isalnum()


def _apostrophes(lowered: str) -> str:
    """The typographic apostrophe read as the plain one ("Russia’s Defense Ministry" is
    the KB's "Russia's Defense Ministry"); one character for one, so offsets hold."""
    return lowered.replace("’", "'") if "’" in lowered else lowered


def find_matches(text: str, lexicon: Lexicon, lowered: str | None = None) -> list[Match]:
    """Non-overlapping KB matches, longest first, in text order."""
    lowered = _apostrophes(lowered if lowered is not None else lower_same_length(text))
    found: list[Match] = []
    n = len(text)
    for end_index, (length, surfaces) in lexicon.automaton.iter(lowered):
        end = end_index + 1
        start = end - length
        if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
            continue
        if end < n and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
            continue
        span = text[start:end]
        fitting = [s for s in surfaces if _case_fits(s.form, span, s.exact_case)]
        if fitting:
            found.append(Match(start, end, span, fitting))
    return resolve_overlaps(found)


def resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (earliest first on ties)."""
    if not matches:
        return []
    chosen: list[Match] = []
    taken = bytearray(max(m.end for m in matches))
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if 1 in taken[m.start : m.end]:
            continue
        chosen.append(m)
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=lambda m: m.start)


class PhraseMatcher:
    """Case-insensitive whole-word matching of a fixed phrase list (titles, role phrases)."""

    def __init__(self, phrases: list[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for phrase in {lower_same_length(p) for p in phrases if p.strip()}:
            self._automaton.add_word(phrase, len(phrase))
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str, lowered: str | None = None) -> list[tuple[int, int]]:
        """Longest non-overlapping (start, end) spans, in text order."""
        if self.empty:
            return []
        lowered = lowered if lowered is not None else lower_same_length(text)
        n = len(text)
        hits: list[Match] = []
        for end_index, length in self._automaton.iter(lowered):
            end = end_index + 1
            start = end - length
            if start > 0 and _is_word_char(text[start - 1]):
                continue
            if end < n and _is_word_char(text[end]):
                continue
            hits.append(Match(start, end, ""))
        return [(m.start, m.end) for m in resolve_overlaps(hits)]
