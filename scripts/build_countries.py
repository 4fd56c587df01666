"""Generate src/pactwatch/data/kb/countries.yaml from CLDR (babel) plus reviewed press forms.

Run from the repository root: ``python scripts/build_countries.py [--check]``.

Facts and where they come from:
- membership of the list: the 193 UN member states and the two observer states
  (Holy See, State of Palestine), as listed by the United Nations; Taiwan and
  Kosovo are added and marked with ``status``;
- ISO 3166 alpha-3 codes: the countrycode crosswalk in ../shared/data/names
  (and ``XKX``, the code the EU and the IMF use for Kosovo);
- CLDR Vietnamese and English names: babel's ``Locale('vi').territories``;
- Vietnamese press forms, old transliterations and capitals used as metonyms:
  the reviewed table ``PRESS`` below (press usage, checked against the
  comparison table in ../shared/data/names/country_names_vi_comparison.csv).

``--check`` regenerates in memory and exits 1 when the committed file differs.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "pactwatch" / "data" / "kb" / "countries.yaml"
CROSSWALK = REPO.parent / "shared" / "data" / "names" / "countrycode_crosswalk_iso_cow_gw_vi.csv"

UN_SOURCE = "UN member states list (un.org/en/about-us/member-states)"
CLDR_SOURCE = f"CLDR via babel {__import__('babel').__version__}"
PRESS_SOURCE = (
    "Vietnamese press usage (reviewed against CLDR and pycountry)"
)

UN_MEMBERS = [
    "AF",
    "AL",
    "DZ",
    "AD",
    "AO",
    "AG",
    "AR",
    "AM",
    "AU",
    "AT",
    "AZ",
    "BS",
    "BH",
    "BD",
    "BB",
    "BY",
    "BE",
    "BZ",
    "BJ",
    "BT",
    "BO",
    "BA",
    "BW",
    "BR",
    "BN",
    "BG",
    "BF",
    "BI",
    "CV",
    "KH",
    "CM",
    "CA",
    "CF",
    "TD",
    "CL",
    "CN",
    "CO",
    "KM",
    "CG",
    "CD",
    "CR",
    "CI",
    "HR",
    "CU",
    "CY",
    "CZ",
    "KP",
    "DK",
    "DJ",
    "DM",
    "DO",
    "EC",
    "EG",
    "SV",
    "GQ",
    "ER",
    "EE",
    "SZ",
    "ET",
    "FJ",
    "FI",
    "FR",
    "GA",
    "GM",
    "GE",
    "DE",
    "GH",
    "GR",
    "GD",
    "GT",
    "GN",
    "GW",
    "GY",
    "HT",
    "HN",
    "HU",
    "IS",
    "IN",
    "ID",
    "IR",
    "IQ",
    "IE",
    "IL",
    "IT",
    "JM",
    "JP",
    "JO",
    "KZ",
    "KE",
    "KI",
    "KW",
    "KG",
    "LA",
    "LV",
    "LB",
    "LS",
    "LR",
    "LY",
    "LI",
    "LT",
    "LU",
    "MG",
    "MW",
    "MY",
    "MV",
    "ML",
    "MT",
    "MH",
    "MR",
    "MU",
    "MX",
    "FM",
    "MD",
    "MC",
    "MN",
    "ME",
    "MA",
    "MZ",
    "MM",
    "NA",
    "NR",
    "NP",
    "NL",
    "NZ",
    "NI",
    "NE",
    "NG",
    "MK",
    "NO",
    "OM",
    "PK",
    "PW",
    "PA",
    "PG",
    "PY",
    "PE",
    "PH",
    "PL",
    "PT",
    "QA",
    "KR",
    "RO",
    "RU",
    "RW",
    "KN",
    "LC",
    "VC",
    "WS",
    "SM",
    "ST",
    "SA",
    "SN",
    "RS",
    "SC",
    "SL",
    "SG",
    "SK",
    "SI",
    "SB",
    "SO",
    "ZA",
    "SS",
    "ES",
    "LK",
    "SD",
    "SR",
    "SE",
    "CH",
    "SY",
    "TJ",
    "TZ",
    "TH",
    "TL",
    "TG",
    "TO",
    "TT",
    "TN",
    "TR",
    "TM",
    "TV",
    "UG",
    "UA",
    "AE",
    "GB",
    "US",
    "UY",
    "UZ",
    "VU",
    "VE",
    "VN",
    "YE",
    "ZM",
    "ZW",
]
OBSERVERS = {"VA": "un-observer", "PS": "un-observer"}
OTHERS = {"TW": "not-un-member", "XK": "partially-recognised"}
EXTRA_ISO3 = {"XK": "XKX"}

# Reviewed by hand. name_vi: the usual press form (None = keep CLDR). aliases_vi:
# other spellings incl. the CLDR form when it differs and older transliterations.
# aliases_en: English forms that appear inside Vietnamese text. metonyms: capitals
# and seats of power standing for the state. ambiguous: short names that are also
# ordinary words or given names, so the recogniser checks context.
PRESS: dict[str, dict[str, Any]] = {
    "US": {
        "name_vi": "Mỹ",
        "aliases_vi": ["Hoa Kỳ"],
        "aliases_en": ["United States", "USA", "America", "U.S.", "US", "U.S.A."],
        "metonyms": ["Washington", "Oa-sinh-tơn"],
        "ambiguous": True,
        "wikidata": "Q30",
    },
    "RU": {
        "aliases_vi": ["Liên bang Nga", "LB Nga"],
        "aliases_en": ["Russia"],
        "metonyms": ["Moskva", "Moscow", "Mát-xcơ-va", "Matxcơva"],
        "ambiguous": True,
        "wikidata": "Q159",
    },
    "UA": {
        "name_vi": "Ukraine",
        "aliases_vi": ["Ukraina", "U-crai-na", "U-cờ-rai-na"],
        "metonyms": ["Kiev", "Kyiv"],
        "wikidata": "Q212",
    },
    "GB": {
        "name_vi": "Anh",
        "aliases_vi": ["Vương quốc Anh", "Anh Quốc"],
        "aliases_en": ["United Kingdom", "UK", "Britain", "Great Britain", "U.K."],
        "metonyms": ["London", "Luân Đôn"],
        "ambiguous": True,
        "wikidata": "Q145",
    },
    "FR": {
        "aliases_vi": ["nước Pháp"],
        "aliases_en": ["France"],
        "metonyms": ["Paris"],
        "ambiguous": True,
        "wikidata": "Q142",
    },
    "DE": {
        "aliases_vi": ["CHLB Đức"],
        "aliases_en": ["Germany"],
        "metonyms": ["Berlin", "Béc-lin"],
        "ambiguous": True,
        "wikidata": "Q183",
    },
    "CN": {
        "aliases_vi": ["Trung Hoa"],
        "aliases_en": ["China"],
        "metonyms": ["Bắc Kinh", "Beijing"],
        "wikidata": "Q148",
    },
    "JP": {
        "aliases_vi": ["Nhật"],
        "aliases_en": ["Japan"],
        "metonyms": ["Tokyo", "Tô-ky-ô"],
        "ambiguous": True,
        "wikidata": "Q17",
    },
    "KR": {
        "aliases_vi": ["Nam Hàn"],
        "aliases_en": ["South Korea"],
        "metonyms": ["Seoul", "Xơ-un"],
        "wikidata": "Q884",
    },
    "KP": {
        "aliases_vi": ["Bắc Triều Tiên", "CHDCND Triều Tiên", "Bắc Hàn"],
        "aliases_en": ["North Korea"],
        "metonyms": ["Bình Nhưỡng", "Pyongyang"],
        "wikidata": "Q423",
    },
    "IN": {"aliases_en": ["India"], "metonyms": ["New Delhi", "Niu Đê-li"], "wikidata": "Q668"},
    "TR": {
        "aliases_vi": ["Türkiye", "Thổ"],
        "aliases_en": ["Turkey"],
        "metonyms": ["Ankara"],
        "wikidata": "Q43",
    },
    "PL": {
        "aliases_en": ["Poland"],
        "metonyms": ["Warsaw", "Warszawa", "Vác-sa-va"],
        "wikidata": "Q36",
    },
    "NL": {
        "aliases_vi": ["Hòa Lan"],
        "aliases_en": ["Netherlands"],
        "metonyms": ["Amsterdam"],
        "wikidata": "Q55",
    },
    "SE": {"aliases_en": ["Sweden"], "metonyms": ["Stockholm"], "wikidata": "Q34"},
    "FI": {"aliases_en": ["Finland"], "metonyms": ["Helsinki"], "wikidata": "Q33"},
    "LT": {"aliases_vi": ["Lithuania", "Lít-va"], "metonyms": ["Vilnius"], "wikidata": "Q37"},
    "LV": {"aliases_vi": ["Lát-vi-a"], "metonyms": ["Riga"], "wikidata": "Q211"},
    "EE": {"aliases_vi": ["E-xtô-ni-a"], "metonyms": ["Tallinn"], "wikidata": "Q191"},
    "SK": {"aliases_vi": ["Xlô-va-ki-a"], "metonyms": ["Bratislava"], "wikidata": "Q214"},
    "BY": {
        "aliases_vi": ["Bê-la-rút", "Belarut", "Bạch Nga"],
        "metonyms": ["Minsk"],
        "wikidata": "Q184",
    },
    "BE": {"aliases_en": ["Belgium"], "wikidata": "Q31"},
    "IR": {"metonyms": ["Tehran", "Tê-hê-ran"], "wikidata": "Q794"},
    "IL": {"wikidata": "Q801"},
    "VN": {"metonyms": ["Hà Nội"], "wikidata": "Q881"},
    "IT": {
        "name_vi": "Italy",
        "aliases_vi": ["Ý", "I-ta-li-a"],
        "metonyms": ["Rome", "Roma"],
        "ambiguous": True,
        "wikidata": "Q38",
    },
    "ES": {"aliases_en": ["Spain"], "metonyms": ["Madrid"], "wikidata": "Q29"},
    "CA": {"metonyms": ["Ottawa"], "wikidata": "Q16"},
    "AU": {"aliases_vi": ["Úc"], "metonyms": ["Canberra"], "wikidata": "Q408"},
    "CZ": {
        "aliases_vi": ["Cộng hòa Séc", "CH Séc"],
        "aliases_en": ["Czech Republic", "Czechia"],
        "metonyms": ["Praha", "Prague"],
        "wikidata": "Q213",
    },
    "HU": {"metonyms": ["Budapest"], "wikidata": "Q28"},
    "RO": {"aliases_vi": ["Rumani"], "metonyms": ["Bucharest"], "wikidata": "Q218"},
    "BG": {"metonyms": ["Sofia"], "wikidata": "Q219"},
    "DK": {"aliases_en": ["Denmark"], "metonyms": ["Copenhagen"], "wikidata": "Q35"},
    "NO": {"aliases_en": ["Norway"], "metonyms": ["Oslo"], "wikidata": "Q20"},
    "GE": {
        "name_vi": "Gruzia",
        "aliases_vi": ["Georgia"],
        "metonyms": ["Tbilisi"],
        "wikidata": "Q230",
    },
    "MD": {"metonyms": ["Chisinau"], "wikidata": "Q217"},
    "SA": {
        "aliases_vi": ["Saudi Arabia", "Arab Saudi", "Ả-rập Xê-út"],
        "metonyms": ["Riyadh"],
        "wikidata": "Q851",
    },
    "SY": {"metonyms": ["Damascus"], "wikidata": "Q858"},
    "EG": {"metonyms": ["Cairo"], "wikidata": "Q79"},
    "AT": {"aliases_en": ["Austria"], "ambiguous": True, "wikidata": "Q40"},
    "CH": {"aliases_en": ["Switzerland"], "wikidata": "Q39"},
    "GR": {"aliases_en": ["Greece"], "metonyms": ["Athens"], "wikidata": "Q41"},
    "PH": {"aliases_vi": ["Philippin"], "metonyms": ["Manila"], "wikidata": "Q928"},
    "TH": {"metonyms": ["Bangkok"], "wikidata": "Q869"},
    "ID": {"metonyms": ["Jakarta"], "wikidata": "Q252"},
    "PK": {"metonyms": ["Islamabad"], "wikidata": "Q843"},
    "AF": {"metonyms": ["Kabul"], "wikidata": "Q889"},
    "IQ": {"metonyms": ["Baghdad"], "wikidata": "Q796"},
    "QA": {"metonyms": ["Doha"], "wikidata": "Q846"},
    "AE": {"aliases_vi": ["UAE"], "aliases_en": ["United Arab Emirates"], "wikidata": "Q878"},
    "BR": {"metonyms": ["Brasilia"], "wikidata": "Q155"},
    "VE": {"metonyms": ["Caracas"], "wikidata": "Q717"},
    "CU": {"metonyms": ["Havana", "La Habana"], "wikidata": "Q241"},
    "MX": {"wikidata": "Q96"},
    "RS": {"metonyms": ["Belgrade"], "wikidata": "Q403"},
    "AM": {"metonyms": ["Yerevan"], "wikidata": "Q399"},
    "AZ": {"metonyms": ["Baku"], "wikidata": "Q227"},
    "KZ": {"metonyms": ["Astana"], "wikidata": "Q232"},
    "PS": {"name_vi": "Palestine", "wikidata": "Q219060"},
    "VA": {
        "name_vi": "Tòa Thánh Vatican",
        "aliases_vi": ["Vatican", "Thành Vatican"],
        "aliases_en": ["Holy See"],
        "wikidata": "Q237",
    },
    "TW": {"aliases_en": ["Taiwan"], "metonyms": ["Đài Bắc", "Taipei"], "wikidata": "Q865"},
    "XK": {"wikidata": "Q1246"},
    "MM": {"name_vi": "Myanmar", "aliases_vi": ["Miến Điện"], "wikidata": "Q836"},
    "LB": {"name_vi": "Lebanon", "aliases_vi": ["Li-băng", "Liban"], "wikidata": "Q822"},
    "MA": {"name_vi": "Morocco", "aliases_vi": ["Ma-rốc", "Maroc"], "wikidata": "Q1028"},
    "YE": {"wikidata": "Q805"},
    "JO": {"wikidata": "Q810"},
    "LY": {"wikidata": "Q1016"},
    "PT": {"wikidata": "Q45"},
    "IE": {"wikidata": "Q27"},
    "NZ": {"wikidata": "Q664"},
    "SG": {"wikidata": "Q334"},
    "MY": {"wikidata": "Q833"},
    "KH": {"wikidata": "Q424"},
    "LA": {"wikidata": "Q819"},
    "MN": {"wikidata": "Q711"},
    "ZA": {"wikidata": "Q258"},
    "HR": {"wikidata": "Q224"},
    "SI": {"wikidata": "Q215"},
    "IS": {"wikidata": "Q189"},
    "LU": {"wikidata": "Q32"},
    "AL": {"wikidata": "Q222"},
    "ME": {"wikidata": "Q236"},
    "MK": {"wikidata": "Q221"},
    "CY": {"wikidata": "Q229"},
    "MT": {"wikidata": "Q233"},
}

# English names for the few where CLDR's English is not what the press writes.
ENGLISH: dict[str, str] = {
    "MM": "Myanmar",
    "VA": "Holy See",
    "PS": "Palestine",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
}


def _iso3_table() -> dict[str, str]:
    with CROSSWALK.open(encoding="utf-8") as fh:
        return {r["iso2c"]: r["iso3c"] for r in csv.DictReader(fh) if r["iso2c"] and r["iso3c"]}


def build_entries() -> list[dict[str, Any]]:
    """Every country entry, sorted by ISO3."""
    vi = Locale("vi").territories
    en = Locale("en").territories
    iso3 = {**_iso3_table(), **EXTRA_ISO3}
    statuses = {code: "un-member" for code in UN_MEMBERS} | OBSERVERS | OTHERS
    entries: list[dict[str, Any]] = []
    for code, status in statuses.items():
        press = PRESS.get(code, {})
        cldr_vi = vi[code]
        name_vi = press.get("name_vi") or cldr_vi
        aliases_vi = [a for a in [cldr_vi, *press.get("aliases_vi", [])] if a != name_vi]
        name_en = ENGLISH.get(code) or en[code]
        aliases_en = [a for a in press.get("aliases_en", []) if a != name_en]
        entry: dict[str, Any] = {
            "id": f"country:{iso3[code]}",
            "kind": "country",
            "name": name_en,
            "name_vi": name_vi,
            "iso3": iso3[code],
            "status": status,
        }
        if aliases_vi:
            entry["aliases_vi"] = list(dict.fromkeys(aliases_vi))
        if aliases_en:
            entry["aliases_en"] = aliases_en
        if press.get("metonyms"):
            entry["metonyms"] = press["metonyms"]
        if press.get("ambiguous"):
            entry["ambiguous"] = True
        if press.get("wikidata"):
            entry["wikidata"] = press["wikidata"]
        sources = [
            UN_SOURCE if status in ("un-member", "un-observer") else "status: press usage",
            CLDR_SOURCE,
        ]
        if press:
            sources.append(PRESS_SOURCE)
        entry["source"] = "; ".join(sources)
        entries.append(entry)
    return sorted(entries, key=lambda e: e["iso3"])


HEADER = (
    "# Generated by scripts/build_countries.py from CLDR (babel) and a reviewed press table;\n"
    "# edit the script, not this file, then run it again.\n"
)


def render(entries: list[dict[str, Any]]) -> str:
    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args(argv)
    text = render(build_entries())
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run scripts/build_countries.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
