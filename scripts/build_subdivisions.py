"""Generate src/pactwatch/data/kb/subdivisions.csv from ISO 3166-2 (pycountry).

Run from the repository root: ``python scripts/build_subdivisions.py [--check]``
(pycountry is needed only here: ``pip install pycountry``).

Facts and where they come from:
- the first-level subdivisions of every country (provinces, states, regions,
  governorates, ...) and their codes: ISO 3166-2 as pycountry ships it;
- the name: pycountry's, without the category word some names carry ("Hainan
  Sheng" -> "Hainan") and without a second form after a comma or slash;
- Vietnamese press forms of Chinese provinces, which Vietnamese writes in
  Sino-Vietnamese: the reviewed table ``VI_NAMES`` below (vi.wikipedia article
  titles, checked against Dân trí usage).

Left out, because they would read ordinary words as places, or one place as another:
names two countries share ("La Rioja"), names shorter than five letters, names made of direction or category words ("Central", "North West"),
names that are already a knowledge-base name (countries, capitals, people), and
second-level units (districts, counties, communes). A name written only in
Vietnamese syllables ("Thái Bình", "Hải Nam") is marked ``ambiguous``: it is also a
person's given name, so the recogniser takes it only behind a place word.

``--check`` regenerates in memory and exits 1 when the committed file differs.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import generated_table  # scripts/ is on sys.path when a script runs
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pactwatch.actors.kb import load_kb  # noqa: E402
from pactwatch.actors.textutil import fold, is_vietnamese_syllable, slug  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "pactwatch" / "data" / "kb" / "subdivisions.csv"

TYPES = {
    "Province", "State", "Region", "Governorate", "Autonomous region", "Republic",
    "Autonomous community", "Regional state", "Union territory", "Special municipality",
    "Municipality", "Prefecture", "Division", "Emirate", "Land", "Administrative region",
    "Autonomous province", "Oblast", "Autonomous republic", "Capital territory",
    "Federal district", "Territory", "Special administrative region", "Capital district",
    "Metropolitan region", "Capital city", "City", "Autonomous municipality",
}
SUFFIXES = re.compile(
    r"\s+(?:Sheng|Zizhiqu|Shi|Weiwu'er Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Province"
    r"|Region|State|Governorate|Oblast'|Oblast|Kray|Respublika)$"
)
GENERIC = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "centre", "center", "capital", "upper", "lower", "greater", "middle",
    "north-east", "north-west", "south-east", "south-west", "northeast", "northwest",
    "southeast", "southwest", "coast", "coastal", "islands", "island", "region",
    "province", "district", "city", "littoral", "highlands", "lakes", "plateau",
    "valley", "mountain", "river", "great", "national", "federal", "special", "new",
}
# Sino-Vietnamese names of Chinese provinces (vi.wikipedia article titles).
VI_NAMES = {
    "CN-HI": "Hải Nam", "CN-GD": "Quảng Đông", "CN-FJ": "Phúc Kiến", "CN-SC": "Tứ Xuyên",
    "CN-YN": "Vân Nam", "CN-GX": "Quảng Tây", "CN-XZ": "Tây Tạng", "CN-NM": "Nội Mông",
    "CN-HB": "Hồ Bắc", "CN-ZJ": "Chiết Giang", "CN-JS": "Giang Tô", "CN-SD": "Sơn Đông",
    "CN-LN": "Liêu Ninh", "CN-HL": "Hắc Long Giang", "CN-JL": "Cát Lâm", "CN-GS": "Cam Túc",
    "CN-SN": "Thiểm Tây", "CN-GZ": "Quý Châu", "CN-NX": "Ninh Hạ", "CN-HN": "Hồ Nam",
    "CN-JX": "Giang Tây", "CN-SH": "Thượng Hải", "CN-TJ": "Thiên Tân", "CN-CQ": "Trùng Khánh",
}
COLUMNS = [
    "id", "name", "name_vi", "aliases", "country", "code", "category", "ambiguous", "source"
]


def plain(name: str) -> str:
    """The name without its marks, as the press writes it ("Ḩamāh" -> "Hamah")."""
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def clean(name: str) -> str:
    name = re.split(r"\s*[,/;(\[]\s*", name)[0].strip()
    return SUFFIXES.sub("", name).strip()


def rows() -> list[dict[str, str]]:
    kb = load_kb(local=Path("/nonexistent"), subdivisions=False)
    taken = {fold(n) for e in kb.entries.values() for n in [*e.all_names(), *e.metonyms]}
    out: dict[str, dict[str, str]] = {}
    shared: set[str] = set()
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None or sub.type not in TYPES:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None or f"country:{country.alpha_3}" not in kb.entries:
            continue
        name = clean(sub.name)
        if sub.country_code != "VN":
            name = plain(name) if fold(name) == fold(plain(name)) else name
        aliases = [a for a in {plain(name)} if a != name]
        name_vi = VI_NAMES.get(sub.code, name)
        words = [w.lower() for w in re.split(r"[\s-]+", name) if w]
        letters = sum(c.isalpha() for c in name)
        if letters < 5 or all(w in GENERIC for w in words) or any(w in GENERIC for w in words[:1]):
            continue
        if fold(name) in taken or fold(name_vi) in taken:
            continue
        vietnamese = all(is_vietnamese_syllable(w) for w in name_vi.split())
        key = f"place:{slug(name)}"
        if key in kb.entries:
            continue
        if key in out:
            shared.add(key)  # "La Rioja" in Argentina and in Spain: neither is taken
            continue
        out[key] = {
            "id": key,
            "name": name,
            "name_vi": name_vi,
            "aliases": "|".join(aliases),
            "country": country.alpha_3,
            "code": sub.code,
            "category": sub.type.lower(),
            "ambiguous": "1" if vietnamese else "",
            "source": f"ISO 3166-2 {sub.code} via pycountry"
            + ("; Vietnamese name: vi.wikipedia" if sub.code in VI_NAMES else ""),
        }
    names: dict[str, list[str]] = {}
    for key, row in out.items():
        for n in {row["name"], row["name_vi"], *filter(None, row["aliases"].split("|"))}:
            names.setdefault(fold(n), []).append(key)
    shared |= {k for keys in names.values() if len(set(keys)) > 1 for k in keys}
    return [row for key, row in out.items() if key not in shared]


def render(data: list[dict[str, str]]) -> str:
    return generated_table.render("Generated by scripts/build_subdivisions.py from ISO 3166-2 (pycountry)", COLUMNS, data)


def main(argv: list[str] | None = None) -> int:
    return generated_table.main(OUT, lambda: render(rows()), "build_subdivisions.py", "subdivisions", argv)


if __name__ == "__main__":
    sys.exit(main())
