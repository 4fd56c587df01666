"""Generate src/pactwatch/data/kb/cities.csv from CLDR's exemplar cities (babel).

Run from the repository root: ``python scripts/build_cities.py [--check]``.

Facts and where they come from: CLDR names one city for every time zone of the IANA
database (its "exemplar city") and the territory the zone lies in; babel ships both
(``babel.dates.get_timezone_location(zone, "en", return_city=True)``, the ``vi``
locale's ``time_zones`` for the Vietnamese name where CLDR has one, and the global
``zone_territories``). Each row keeps its zone as ``code``.

Left out, because they would read ordinary words, people or other places as cities:
zones of Antarctica, the Arctic and Etc, and zones with a sub-area
("America/Indiana/Knox"); names of fewer than four letters; names that are already a
knowledge-base name (capitals and countries stay their metonyms and entries) or a
subdivision's (subdivisions.csv); one-word names that are a word of some person's name
in the knowledge base ("Darwin", "Davis"); and the reviewed list ``NOT_CITIES`` below
(English words and given names that CLDR uses as cities). Capitals are read as their
state (the gold convention): the zones of a territory that has only one (named after
its capital) are left out, and so are the capitals of the others that countries.yaml
does not list (``CAPITALS``). A name written only in
Vietnamese syllables is marked ``ambiguous`` (a place only where the text locates it),
as in subdivisions.csv.

``--check`` regenerates in memory and exits 1 when the committed file differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import generated_table  # scripts/ is on sys.path when a script runs
import pycountry
from babel import Locale
from babel import __version__ as babel_version
from babel.core import get_global
from babel.dates import get_timezone_location

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pactwatch.actors.kb import KnowledgeBase, load_kb, read_generated_places  # noqa: E402
from pactwatch.actors.textutil import fold, is_vietnamese_syllable, slug  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
KB = REPO / "src" / "pactwatch" / "data" / "kb"
OUT = KB / "cities.csv"
COLUMNS = [
    "id", "name", "name_vi", "aliases", "country", "code", "category", "ambiguous", "source"
]
SKIPPED_AREAS = {"Etc", "Antarctica", "Arctic"}
# CLDR exemplar cities that are also English words or given names (reviewed).
NOT_CITIES = {
    "Resolute", "Christmas", "Midway", "Wake", "Phoenix", "Nome", "Regina", "Victoria",
    "Stanley", "Casey", "Creston", "Chatham", "Marigot", "Fiji", "Enderbury", "Johnston",
    "Troll", "Vostok", "Palmer", "Bermuda", "Jersey", "Guernsey", "Gibraltar", "Eucla",
    "Currie", "Lindeman", "Broken Hill", "Thule", "Rankin Inlet", "Swift Current",
    "Glace Bay", "Goose Bay", "Moncton", "Boise", "Inuvik", "Atikokan", "Dawson",
    "Whitehorse", "Yakutat", "Sitka", "Juneau", "Adak", "Metlakatla", "Menominee",
    "Ojinaga", "Matamoros", "Grand Turk", "Anchorage", "Kralendijk", "Oral", "Darwin",
    "Kirov", "Samara",
}
# Capitals of states with several zones that countries.yaml does not list as metonyms:
# the gold convention reads a capital as its state, so they are not made cities here.
CAPITALS = {
    "Lisbon", "Santiago", "Kuala Lumpur", "Nicosia", "Tarawa", "Majuro", "Tashkent",
    "Port Moresby", "Mexico City",
}


def rows() -> list[dict[str, str]]:
    kb = load_kb(local=Path("/nonexistent"), subdivisions=False)
    taken = {fold(n) for e in kb.entries.values() for n in [*e.all_names(), *e.metonyms]}
    taken |= {fold(n) for e in read_generated_places(KB / "subdivisions.csv") for n in e.all_names()}
    person_words = {
        fold(w) for e in kb.entries.values() if e.kind == "person"
        for n in e.all_names() for w in n.split()
    }
    by_alpha2 = _alpha2_to_iso3(kb)
    vi = Locale("vi")
    out: dict[str, dict[str, str]] = {}
    shared: set[str] = set()
    zones = get_global("zone_territories")
    per_territory: dict[str, int] = {}
    for territory in zones.values():
        per_territory[territory] = per_territory.get(territory, 0) + 1
    for zone, territory in sorted(zones.items()):
        area = zone.split("/")[0]
        if zone.count("/") != 1 or area in SKIPPED_AREAS:
            continue
        if per_territory[territory] < 2:
            continue  # a state's only zone is named after its capital, read as the state
        iso3 = by_alpha2.get(territory)
        if iso3 is None:
            continue
        name = get_timezone_location(zone, locale="en", return_city=True)
        name_vi = vi.time_zones.get(zone, {}).get("city") or name
        if sum(c.isalpha() for c in name) < 4 or name in NOT_CITIES | CAPITALS:
            continue
        if fold(name) in taken or fold(name_vi) in taken:
            continue
        if " " not in name and fold(name) in person_words:
            continue
        key = f"place:{slug(name)}"
        if key in kb.entries:
            continue
        if key in out:
            shared.add(key)
            continue
        vietnamese = all(is_vietnamese_syllable(w) for w in name_vi.split())
        out[key] = {
            "id": key,
            "name": name,
            "name_vi": name_vi,
            "aliases": "",
            "country": iso3,
            "code": zone,
            "category": "city",
            "ambiguous": "1" if vietnamese else "",
            "source": f"CLDR exemplar city of {zone} via babel {babel_version}",
        }
    return [row for key, row in out.items() if key not in shared]


def _alpha2_to_iso3(kb: KnowledgeBase) -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3 for the countries the knowledge base lists (pycountry)."""
    listed = {e.iso3 for e in kb.entries.values() if e.kind == "country" and e.iso3}
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries if c.alpha_3 in listed}


def render(data: list[dict[str, str]]) -> str:
    return generated_table.render("Generated by scripts/build_cities.py from CLDR exemplar cities (babel)", COLUMNS, data)


def main(argv: list[str] | None = None) -> int:
    return generated_table.main(OUT, lambda: render(rows()), "build_cities.py", "cities", argv)


if __name__ == "__main__":
    sys.exit(main())
