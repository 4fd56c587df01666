"""kb/regions.yaml: every entry is checked against the package its facts come from
(CLDR via babel for sub-continental regions, ISO 3166-2 via pycountry for Indonesia's
provinces and islands), so a wrong code or a mistyped name fails here."""

from __future__ import annotations

import pytest

from pactwatch.actors.kb import KB_DIR, default_kb, read_yaml_list

ENTRIES = read_yaml_list(KB_DIR / "regions.yaml")
CLDR = [e for e in ENTRIES if str(e["code"]).isdigit()]
ISO = [e for e in ENTRIES if not str(e["code"]).isdigit()]


def test_every_region_has_a_code_and_a_source_naming_it() -> None:
    assert CLDR and ISO
    for entry in ENTRIES:
        assert str(entry["code"]) in entry["source"], entry["id"]


@pytest.mark.parametrize("entry", CLDR, ids=[e["id"] for e in CLDR])
def test_cldr_regions_carry_cldrs_names(entry: dict[str, object]) -> None:
    babel = pytest.importorskip("babel")
    code = str(entry["code"])
    assert babel.Locale("vi").territories[code] == entry["name_vi"]
    english = babel.Locale("en").territories[code]
    assert english == entry["name"] or english in (entry.get("aliases_en") or [])


def test_no_continent_is_listed() -> None:
    continents = {"002", "009", "019", "142", "150", "001"}
    assert not continents & {str(e["code"]) for e in CLDR}


@pytest.mark.parametrize("entry", ISO, ids=[e["id"] for e in ISO])
def test_indonesian_units_are_iso_3166_2(entry: dict[str, object]) -> None:
    pycountry = pytest.importorskip("pycountry")
    sub = pycountry.subdivisions.get(code=str(entry["code"]))
    assert sub is not None and sub.country_code == "ID"
    assert entry["country"] == "IDN"
    iso_name = sub.name.removesuffix(" Raya")
    names = [entry["name"], entry["name_vi"], *(entry.get("aliases_en") or [])]
    assert iso_name in names, f"{entry['id']}: ISO name {sub.name!r} is not among {names}"


def test_every_indonesian_province_is_listed_or_named_elsewhere() -> None:
    pycountry = pytest.importorskip("pycountry")
    kb = default_kb()
    listed = {str(e["code"]) for e in ISO}
    # the 2022 provinces the press has not yet used, and the capital (countries.yaml)
    left_out = {"ID-PD", "ID-PE", "ID-PS", "ID-PT", "ID-JK", "ID-ML", "ID-PP"}
    for sub in pycountry.subdivisions.get(country_code="ID"):
        if sub.code in listed or sub.code in left_out:
            continue
        assert kb.find(sub.name), f"{sub.code} {sub.name} is neither listed nor in the KB"


def test_region_names_name_one_actor() -> None:
    kb = default_kb()
    for entry in ENTRIES:
        for name in [entry["name"], entry["name_vi"]]:
            ids = {e.id for e in kb.find(str(name))}
            assert ids == {entry["id"]}, f"{name!r} names {sorted(ids)}"
