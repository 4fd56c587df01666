"""English adjectives and demonyms of countries: "Russian forces", "Ukrainians".

A capitalised adjective or people noun of a state (data/lang/en/demonyms.yaml) is a
mention of that country, as "Ukrainian officials said" names Ukraine to the clause
layer and the quote speakers. Left alone: a demonym glued to another prefix
("pro-Russian"), one that is the language ("in Russian", "Russian-language"), and one
that opens an institution's name ("Russian Orthodox Church"). Inside a title before a
named person ("Russian President Vladimir Putin") persons.py marks the mention an
affiliation: it gives the person's country, it is not the country acting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from pactwatch.actors.findings import Coverage, Finding
from pactwatch.actors.kb import KBEntry
from pactwatch.datacache import safe_loader

DEMONYMS_FILE = Path(__file__).resolve().parents[1] / "data" / "lang" / "en" / "demonyms.yaml"
# the ``as`` of a demonym's mention, and of one that only gives a person's country
DEMONYM = "demonym"
AFFILIATION = "affiliation"


@dataclass(frozen=True)
class DemonymTable:
    iso3_of: dict[str, str]  # written form -> ISO3
    pattern: re.Pattern[str]
    not_before: frozenset[str]
    language_before: frozenset[str]
    not_compound: frozenset[str]


@lru_cache(maxsize=1)
def demonym_table(path: Path = DEMONYMS_FILE) -> DemonymTable:
    raw = yaml.load(path.read_text(encoding="utf-8"),
                    Loader=safe_loader())
    iso3_of: dict[str, str] = {}
    for entry in raw["demonyms"]:
        for form in [*(entry.get("adjectives") or []), *(entry.get("people") or [])]:
            iso3_of[str(form)] = str(entry["iso3"])
    forms = sorted(iso3_of, key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in forms)
    return DemonymTable(
        iso3_of=iso3_of,
        pattern=re.compile(rf"(?<![\w’'-])(?:{alternatives})(?![\w’'])"),
        not_before=frozenset(map(str, raw.get("not_before") or [])),
        language_before=frozenset(map(str, raw.get("language_before") or [])),
        not_compound=frozenset(str(w).lower() for w in raw.get("not_compound") or []),
    )


_NEXT_WORD = re.compile(r"([ -])([\w’'-]+)")
_PREVIOUS_WORD = re.compile(r"(\w+) $")


def _is_state(text: str, start: int, end: int, table: DemonymTable) -> bool:
    nxt = _NEXT_WORD.match(text, end)
    if nxt is not None and nxt.group(1) == "-" and nxt.group(2).lower() in table.not_compound:
        return False  # "Russian-language media"
    if nxt is not None and nxt.group(1) == " " and nxt.group(2) in table.not_before:
        return False  # "Russian Orthodox Church"
    before = _PREVIOUS_WORD.search(text, max(0, start - 16), start)
    if before is not None and before.group(1).lower() in table.language_before:
        # the language, unless a noun follows ("in Russian territory")
        return nxt is not None and nxt.group(1) == " " and nxt.group(2)[:1].islower()
    return True


def find_demonyms(
    text: str, coverage: Coverage, countries: dict[str, KBEntry], findings: list[Finding]
) -> list[Finding]:
    """Demonyms the KB's matches left free, each a mention of its country. A place
    matched on exactly the demonym's word ("Somali" is also a region of Ethiopia)
    is read as the demonym: in English the adjective is by far the commoner."""
    table = demonym_table()
    places = {(f.start, f.end): f for f in findings if f.entry.kind == "place"}
    found: list[Finding] = []
    for m in table.pattern.finditer(text):
        start, end = m.span()
        entry = countries.get(table.iso3_of[m.group(0)])
        if entry is None or not _is_state(text, start, end, table):
            continue
        place = places.get((start, end)) or _place_inside(places, start, end, coverage)
        if place is not None:
            # "Papua New Guinean": the demonym holds the place ("Papua") it begins with
            place.start, place.end = start, end
            place.entry, place.as_, place.in_kb = entry, DEMONYM, True
            coverage.claim(start, end)
            continue
        if not coverage.free(start, end):
            continue
        found.append(Finding(start, end, entry, DEMONYM))
        coverage.claim(start, end)
    return found


def _place_inside(
    places: dict[tuple[int, int], Finding], start: int, end: int, coverage: Coverage
) -> Finding | None:
    """The one place matched inside a longer demonym, the rest of the demonym free."""
    inside = [f for (s, e), f in places.items() if start <= s and e <= end and (s, e) != (start, end)]
    if len(inside) != 1:
        return None
    place = inside[0]
    if coverage.free(start, place.start) and coverage.free(place.end, end):
        return place
    return None
