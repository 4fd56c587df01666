"""Validate the people and roles knowledge base (data/kb/people.yaml, roles.yaml).

These checks read only our own YAML files; the ISO3 check against the countrycode
crosswalk runs when ../shared is present, and the check that `of` ids exist runs against
whichever sibling KB files are present.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from pactwatch.actors.offices import Term, holder_of, terms_of

KB = Path(__file__).resolve().parents[1] / "src" / "pactwatch" / "data" / "kb"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CROSSWALK = SHARED / "data" / "names" / "countrycode_crosswalk_iso_cow_gw_vi.csv"
ACTOR_FILES = ("countries.yaml", "organizations.yaml", "government_bodies.yaml", "groups.yaml")

PERSON_ID = re.compile(r"^person:[a-z0-9]+(?:-[a-z0-9]+)*$")
ACTOR_ID = re.compile(r"^(?:country:[A-Z]{3}|(?:organization|government_body|group):[a-z0-9-]+)$")
ISO3 = re.compile(r"^[A-Z]{3}$")
ROLE_KEY = re.compile(r"^[a-z][a-z_]*$")


def load(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((KB / name).read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{name} must be a YAML list"
    return data


PEOPLE = load("people.yaml")
ROLES = load("roles.yaml")
ROLE_KEYS = {role["role"] for role in ROLES}
CONCURRENT_ROLES = {role["role"] for role in ROLES if role.get("concurrent")}


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form, as the scorer compares names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def offices() -> list[tuple[str, dict[str, Any]]]:
    return [(person["id"], office) for person in PEOPLE for office in person.get("offices", [])]


def actor_ids_used() -> set[str]:
    used = {office["of"] for _, office in offices()}
    used |= {office["to"] for _, office in offices() if "to" in office}
    for role in ROLES:
        used |= {ref["of"] for ref in role.get("references_vi", [])}
        used |= set(role.get("prefer_for", []))
    return used


# ---------------------------------------------------------------- roles.yaml


def test_role_keys_are_unique_and_well_formed() -> None:
    keys = [role["role"] for role in ROLES]
    assert len(keys) == len(set(keys))
    assert all(ROLE_KEY.match(key) for key in keys)


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role["role"])
def test_role_has_titles_and_source(role: dict[str, Any]) -> None:
    assert role.get("source"), "every role needs a source"
    titles = [*role.get("titles_vi", []), *role.get("titles_en", [])]
    assert titles and all(isinstance(t, str) and t.strip() == t and t for t in titles)
    for reference in role.get("references_vi", []):
        assert set(reference) == {"text", "of"} and reference["text"].strip()


def test_a_reference_phrase_names_one_office() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for role in ROLES:
        for reference in role.get("references_vi", []):
            office = (role["role"], reference["of"])
            assert seen.setdefault(fold(reference["text"]), office) == office, reference["text"]


def test_shared_titles_are_disambiguated_by_prefer_for() -> None:
    """A title word used by several roles is the default of at most one of them."""
    defaults: dict[str, list[str]] = defaultdict(list)
    for role in ROLES:
        if role.get("prefer_for"):
            continue
        for title in {fold(t) for t in role.get("titles_vi", [])}:
            defaults[title].append(role["role"])
    clashes = {title: roles for title, roles in defaults.items() if len(roles) > 1}
    assert not clashes


# ---------------------------------------------------------------- people.yaml


def test_person_ids_are_unique_slugs() -> None:
    ids = [person["id"] for person in PEOPLE]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates
    assert [i for i in ids if not PERSON_ID.match(i)] == []


@pytest.mark.parametrize("person", PEOPLE, ids=lambda person: person["id"])
def test_person_entry_is_complete(person: dict[str, Any]) -> None:
    assert person["kind"] == "person"
    assert person.get("name") and person.get("name_vi")
    assert person.get("source")
    assert ISO3.match(person.get("country", "")), "country must be an ISO3 code"
    for key in ("aliases", "aliases_vi", "shared_aliases"):
        values = person.get(key, [])
        assert isinstance(values, list) and all(isinstance(v, str) and v.strip() for v in values)
    assert person.get("offices"), "a person is in the KB for the offices they held"


@pytest.mark.parametrize("person", PEOPLE, ids=lambda person: person["id"])
def test_offices_are_well_formed(person: dict[str, Any]) -> None:
    allowed = {"role", "of", "to", "start", "end", "acting", "source"}
    for office in person["offices"]:
        assert set(office) <= allowed, set(office) - allowed
        assert office["role"] in ROLE_KEYS, office["role"]
        assert ACTOR_ID.match(office["of"]), office["of"]
        assert office.get("source"), f"{person['id']} {office['role']}: no source"
        assert "end" in office, "write end: null for incumbents"
        start, end = as_date(office.get("start")), as_date(office["end"])
        assert start is not None, "every office needs the day it was taken"
        assert end is None or start < end, f"{person['id']} {office['role']}: start after end"
        assert isinstance(office.get("acting", False), bool)


def test_office_dates_parse_through_the_offices_module() -> None:
    assert len(terms_of(PEOPLE)) == len(offices())


def test_shared_aliases_are_declared_on_both_sides() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for person in PEOPLE:
        names = [person["name"], person["name_vi"], *person.get("aliases", [])]
        names += person.get("aliases_vi", [])
        for name in {fold(n) for n in names}:
            owners[name].add(person["id"])
    shared = {
        person["id"]: {fold(a) for a in person.get("shared_aliases", [])} for person in PEOPLE
    }
    undeclared = {
        name: sorted(ids)
        for name, ids in owners.items()
        if len(ids) > 1 and not all(name in shared[i] for i in ids)
    }
    assert not undeclared


def test_terms_of_one_office_do_not_overlap() -> None:
    by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for term in terms_of(PEOPLE):
        if not term.acting and term.role not in CONCURRENT_ROLES:
            by_office[(term.role, term.of)].append(term)
    overlaps = []
    for key, terms in by_office.items():
        for a, b in combinations(terms, 2):
            a_start, b_start = a.start or dt.date.min, b.start or dt.date.min
            a_end, b_end = a.end or dt.date.max, b.end or dt.date.max
            if a.person_id != b.person_id and a_start < b_end and b_start < a_end:
                overlaps.append((key, a.person_id, b.person_id))
    assert not overlaps


def test_country_codes_are_iso3_in_the_countries_file() -> None:
    countries_file = KB / "countries.yaml"
    if not countries_file.exists():
        pytest.skip("countries.yaml is not there yet")
    known = {entry["id"] for entry in load("countries.yaml")}
    used = {i for i in actor_ids_used() if i.startswith("country:")}
    used |= {f"country:{person['country']}" for person in PEOPLE}
    assert sorted(used - known) == []


@pytest.mark.shared
@pytest.mark.skipif(not CROSSWALK.exists(), reason="../shared is absent")
def test_country_codes_are_in_the_iso_crosswalk() -> None:
    with CROSSWALK.open(encoding="utf-8") as handle:
        iso3 = {row["iso3c"] for row in csv.DictReader(handle) if row["iso3c"]}
    used = {i.split(":", 1)[1] for i in actor_ids_used() if i.startswith("country:")}
    used |= {person["country"] for person in PEOPLE}
    assert sorted(used - iso3) == []


def test_other_actor_ids_exist_in_the_knowledge_base() -> None:
    present = [name for name in ACTOR_FILES[1:] if (KB / name).exists()]
    if not present:
        pytest.skip("no organisation/government-body/group files yet")
    known = {entry["id"] for name in present for entry in load(name)}
    used = {i for i in actor_ids_used() if not i.startswith("country:")}
    assert sorted(used - known) == []


# ---------------------------------------------------------------- who held what, when

CHECKED_ANSWERS = [
    ("president", "country:USA", "2016-06-01", "person:barack-obama"),
    ("president", "country:USA", "2021-06-01", "person:joe-biden"),
    ("president", "country:USA", "2025-12-14", "person:donald-trump"),
    ("president", "country:USA", "2019-03-01", "person:donald-trump"),
    ("president", "country:USA", "2025-01-20", "person:donald-trump"),
    ("president", "country:USA", "2025-01-19", "person:joe-biden"),
    ("vice_president", "country:USA", "2025-06-01", "person:jd-vance"),
    ("foreign_minister", "country:USA", "2023-05-01", "person:antony-blinken"),
    ("foreign_minister", "country:USA", "2019-05-01", "person:mike-pompeo"),
    ("defence_minister", "country:USA", "2022-03-01", "person:lloyd-austin"),
    ("defence_minister", "country:USA", "2025-10-01", "person:pete-hegseth"),
    ("national_security_advisor", "country:USA", "2023-06-01", "person:jake-sullivan"),
    ("army_secretary", "country:USA", "2025-11-26", "person:dan-driscoll"),
    ("president", "country:RUS", "2014-03-18", "person:vladimir-putin"),
    ("president", "country:RUS", "2010-01-01", "person:dmitry-medvedev"),
    ("prime_minister", "country:RUS", "2021-01-01", "person:mikhail-mishustin"),
    ("foreign_minister", "country:RUS", "2025-12-14", "person:sergey-lavrov"),
    ("defence_minister", "country:RUS", "2023-04-06", "person:sergei-shoigu"),
    ("defence_minister", "country:RUS", "2024-06-01", "person:andrei-belousov"),
    ("security_council_secretary", "country:RUS", "2023-04-06", "person:nikolai-patrushev"),
    ("security_council_secretary", "country:RUS", "2025-03-01", "person:sergei-shoigu"),
    ("kremlin_spokesman", "country:RUS", "2022-02-24", "person:dmitry-peskov"),
    ("president", "country:UKR", "2016-01-01", "person:petro-poroshenko"),
    ("president", "country:UKR", "2022-02-24", "person:volodymyr-zelensky"),
    ("foreign_minister", "country:UKR", "2023-01-01", "person:dmytro-kuleba"),
    ("foreign_minister", "country:UKR", "2024-10-01", "person:andrii-sybiha"),
    ("defence_minister", "country:UKR", "2022-06-01", "person:oleksii-reznikov"),
    ("defence_minister", "country:UKR", "2024-06-01", "person:rustem-umerov"),
    ("prime_minister", "country:UKR", "2025-09-01", "person:yulia-svyrydenko"),
    ("armed_forces_commander", "country:UKR", "2023-01-01", "person:valerii-zaluzhnyi"),
    ("armed_forces_commander", "country:UKR", "2025-01-01", "person:oleksandr-syrskyi"),
    ("president", "country:BLR", "2023-06-24", "person:alexander-lukashenko"),
    ("secretary_general", "organization:nato", "2014-01-01", "person:anders-fogh-rasmussen"),
    ("secretary_general", "organization:nato", "2023-04-05", "person:jens-stoltenberg"),
    ("secretary_general", "organization:nato", "2024-10-02", "person:mark-rutte"),
    ("saceur", "organization:nato", "2012-01-01", "person:james-stavridis"),
    ("saceur", "organization:nato", "2023-01-01", "person:christopher-cavoli"),
    ("saceur", "organization:nato", "2025-09-01", "person:alexus-grynkewich"),
    ("secretary_general", "organization:un", "2015-01-01", "person:ban-ki-moon"),
    ("secretary_general", "organization:un", "2022-01-01", "person:antonio-guterres"),
    ("high_representative", "organization:eu", "2018-01-01", "person:federica-mogherini"),
    ("high_representative", "organization:eu", "2022-01-01", "person:josep-borrell"),
    ("high_representative", "organization:eu", "2025-03-01", "person:kaja-kallas"),
    (
        "commission_president",
        "organization:european-commission",
        "2017-01-01",
        "person:jean-claude-juncker",
    ),
    (
        "commission_president",
        "organization:european-commission",
        "2023-01-01",
        "person:ursula-von-der-leyen",
    ),
    ("council_president", "organization:european-council", "2025-01-15", "person:antonio-costa"),
    ("prime_minister", "country:GBR", "2025-03-09", "person:keir-starmer"),
    ("prime_minister", "country:GBR", "2022-09-10", "person:liz-truss"),
    ("prime_minister", "country:GBR", "2017-01-01", "person:theresa-may"),
    ("foreign_minister", "country:GBR", "2024-01-01", "person:david-cameron"),
    ("defence_minister", "country:GBR", "2022-03-01", "person:ben-wallace"),
    ("president", "country:FRA", "2015-11-13", "person:francois-hollande"),
    ("president", "country:FRA", "2025-03-09", "person:emmanuel-macron"),
    ("prime_minister", "country:FRA", "2025-03-09", "person:francois-bayrou"),
    ("chancellor", "country:DEU", "2019-01-01", "person:angela-merkel"),
    ("chancellor", "country:DEU", "2025-03-09", "person:olaf-scholz"),
    ("chancellor", "country:DEU", "2025-06-01", "person:friedrich-merz"),
    ("foreign_minister", "country:DEU", "2025-03-09", "person:annalena-baerbock"),
    ("defence_minister", "country:DEU", "2024-01-01", "person:boris-pistorius"),
    ("president", "country:CHN", "2020-01-01", "person:xi-jinping"),
    ("prime_minister", "country:CHN", "2020-01-01", "person:li-keqiang"),
    ("prime_minister", "country:CHN", "2024-01-01", "person:li-qiang"),
    ("foreign_minister", "country:CHN", "2023-03-01", "person:qin-gang"),
    ("foreign_minister", "country:CHN", "2024-01-01", "person:wang-yi"),
    ("defence_minister", "country:CHN", "2024-06-01", "person:dong-jun"),
    ("general_secretary", "country:VNM", "2023-01-01", "person:nguyen-phu-trong"),
    ("general_secretary", "country:VNM", "2025-01-01", "person:to-lam"),
    ("president", "country:VNM", "2025-01-01", "person:luong-cuong"),
    ("supreme_leader", "country:PRK", "2020-01-01", "person:kim-jong-un"),
    ("supreme_leader", "country:IRN", "2025-06-01", "person:ali-khamenei"),
    ("supreme_leader", "country:IRN", "2026-06-01", "person:mojtaba-khamenei"),
    ("prime_minister", "country:JPN", "2025-12-01", "person:sanae-takaichi"),
    ("prime_minister", "country:ISR", "2022-01-01", "person:naftali-bennett"),
    ("prime_minister", "country:NLD", "2026-03-01", "person:rob-jetten"),
    ("defence_minister", "country:UKR", "2026-02-01", "person:mykhailo-fedorov"),
    ("chief_of_staff", "country:UKR", "2026-02-01", "person:kyrylo-budanov"),
    ("president", "country:TWN", "2021-01-01", "person:tsai-ing-wen"),
    ("secretary_general", "organization:hezbollah", "2025-01-01", "person:naim-qassem"),
    ("head", "government_body:doge", "2025-03-09", "person:elon-musk"),
]


@pytest.mark.parametrize(("role", "of", "on", "expected"), CHECKED_ANSWERS)
def test_holder_of_checked_answers(role: str, of: str, on: str, expected: str) -> None:
    assert holder_of(role, of, on, PEOPLE)[:1] == [expected]


@pytest.mark.parametrize(
    ("role", "of", "on", "expected"),
    [
        ("foreign_ministry_spokesperson", "country:CHN", "2022-10-01", "person:zhao-lijian"),
        ("foreign_ministry_spokesperson", "country:CHN", "2022-10-01", "person:mao-ning"),
        ("special_envoy", "country:USA", "2025-11-26", "person:steve-witkoff"),
        ("presidential_aide", "country:RUS", "2025-11-26", "person:yuri-ushakov"),
    ],
)
def test_one_of_several_concurrent_holders(role: str, of: str, on: str, expected: str) -> None:
    assert expected in holder_of(role, of, on, PEOPLE)


def test_no_holder_outside_every_term() -> None:
    after_zhao_left = holder_of(
        "foreign_ministry_spokesperson", "country:CHN", "2023-06-01", PEOPLE
    )
    assert "person:zhao-lijian" not in after_zhao_left
    assert "person:mao-ning" in after_zhao_left


@pytest.mark.parametrize("gold_id", [
    "person:donald-trump", "person:volodymyr-zelensky", "person:vladimir-putin",
    "person:keir-starmer", "person:sergey-lavrov", "person:sergei-shoigu",
    "person:dmitry-peskov", "person:jens-stoltenberg", "person:alexander-lukashenko",
    "person:antti-hakkanen", "person:pal-jonson", "person:ruben-brekelmans",
    "person:kaja-kallas", "person:steve-witkoff", "person:yuri-ushakov",
    "person:dan-driscoll", "person:james-stavridis", "person:elon-musk",
    "person:annalena-baerbock", "person:emmanuel-macron",
])  # fmt: skip
def test_ids_used_by_the_gold_annotations_exist(gold_id: str) -> None:
    assert gold_id in {person["id"] for person in PEOPLE}
