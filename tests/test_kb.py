"""Every knowledge-base file is valid, and the local override file works."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pactwatch.actors.kb import ACTOR_FILES, KB_DIR, KINDS, KBEntry, load_kb, read_yaml_list
from pactwatch.actors.textutil import fold
from pactwatch.cli.main import cli
from pactwatch.errors import KnowledgeBaseError

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actors"
KB = load_kb(local=Path("/nonexistent/kb.local.yaml"))


@pytest.fixture(autouse=True)
def no_user_kb(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACTWATCH_KB_LOCAL", str(tmp_path / "absent.yaml"))


def _date(value: str | None, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pytest.fail(f"{where}: {value!r} is not an ISO date")


@pytest.mark.parametrize("name", [n for n in ACTOR_FILES if (KB_DIR / n).exists()])
def test_file_is_a_list_of_sourced_entries(name: str) -> None:
    raw = read_yaml_list(KB_DIR / name)
    assert raw, f"{name} is empty"
    for item in raw:
        assert item.get("source"), f"{name}: {item.get('id')} has no source"
        kind = item["id"].split(":", 1)[0]
        assert kind in KINDS, f"{name}: {item['id']} has an unknown kind"
        assert item.get("kind", kind) == kind, f"{name}: {item['id']} kind does not match its id"


def test_ids_are_keyed_as_the_spec_says() -> None:
    for entry in KB.entries.values():
        key = entry.id.split(":", 1)[1]
        if entry.kind == "country":
            assert key == entry.iso3 and len(key) == 3 and key.isupper(), entry.id
        else:
            assert key == key.lower() and " " not in key, entry.id


def test_offices_have_valid_sourced_dates_and_known_owners() -> None:
    for person in KB.of_kind("person"):
        for office in person.offices:
            where = f"{person.id} {office.role}"
            assert office.source or person.source, f"{where}: no source"
            start = _date(office.start, where)
            end = _date(office.end, where)
            if start and end:
                assert start <= end, f"{where}: ends before it starts"
            assert office.of in KB.entries, f"{where}: unknown actor {office.of}"


# Territories with their own ISO 3166 code that are not states (outlets may be based there).
TERRITORIES = {"HKG", "MAC", "PRI", "GUM", "GRL", "FRO", "BMU", "CYM", "GIB", "NCL", "PYF"}


def test_actors_belong_to_known_countries() -> None:
    for entry in KB.entries.values():
        if entry.country and entry.kind != "country":
            known = f"country:{entry.country}" in KB.entries or entry.country in TERRITORIES
            assert known, f"{entry.id}: {entry.country}"


def test_aliases_are_not_silently_shared() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in KB.entries.values():
        for name in entry.all_names():
            owners[fold(name)].add(entry.id)
    for name, ids in owners.items():
        if len(ids) < 2:
            continue
        entries = [KB.entries[i] for i in ids]
        declared = all(name in {fold(a) for a in e.shared_aliases} or e.ambiguous for e in entries)
        assert declared, f"{name!r} names {sorted(ids)} without a shared_aliases entry"


def test_roles_used_by_offices_are_defined() -> None:
    if not KB.roles:
        pytest.skip("roles.yaml is not there yet")
    used = {o.role for p in KB.of_kind("person") for o in p.offices}
    assert used <= set(KB.roles), f"undefined roles {sorted(used - set(KB.roles))}"


def test_every_un_member_and_observer_is_listed() -> None:
    countries = KB.of_kind("country")
    statuses = defaultdict(list)
    for c in countries:
        statuses[c.extra.get("status")].append(c.iso3)
    assert len(statuses["un-member"]) == 193
    assert sorted(statuses["un-observer"]) == ["PSE", "VAT"]
    assert {"TWN", "XKX"} <= {c.iso3 for c in countries}


@pytest.mark.parametrize(
    ("iso3", "press", "alias"),
    [
        ("USA", "Mỹ", "Hoa Kỳ"),
        ("UKR", "Ukraine", "Ukraina"),
        ("GBR", "Anh", "Vương quốc Anh"),
        ("JPN", "Nhật Bản", "Nhật"),
        ("TUR", "Thổ Nhĩ Kỳ", "Türkiye"),
        ("LTU", "Litva", "Lithuania"),
    ],
)
def test_press_forms(iso3: str, press: str, alias: str) -> None:
    country = KB.country(iso3)
    assert country is not None
    assert country.name_vi == press
    assert alias in country.aliases_vi


def test_countries_agree_with_cldr() -> None:
    from babel import Locale

    territories = Locale("vi").territories
    crosswalk_missing = not (SHARED / "data" / "names").exists()
    for country in KB.of_kind("country"):
        names = set(country.all_names())
        iso2 = {"XKX": "XK"}.get(country.iso3 or "")
        if iso2 is None and crosswalk_missing:
            continue
        if iso2 and iso2 in territories:
            assert territories[iso2] in names


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")
def test_countries_yaml_is_what_the_script_generates() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_countries", REPO / "scripts" / "build_countries.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_countries"] = module
    spec.loader.exec_module(module)
    # CLDR names change between babel releases (Australia became "Úc" in 2.19): the file is
    # only comparable with the babel version that generated it.
    import babel

    text = (REPO / "src/pactwatch/data/kb/countries.yaml").read_text(encoding="utf-8")
    generated_with = re.search(r"CLDR via babel ([0-9.]+)", text)
    if generated_with and generated_with.group(1) != babel.__version__:
        pytest.skip(f"countries.yaml was generated with babel {generated_with.group(1)}")
    assert module.main(["--check"]) == 0


def test_local_file_overrides_and_extends(tmp_path: Path) -> None:
    local = tmp_path / "kb.local.yaml"
    local.write_text((FIXTURES / "kb.local.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    kb = load_kb(local=local)
    assert kb.entries["country:GBR"].name_vi == "Anh"
    assert "Anh Cát Lợi" in kb.entries["country:GBR"].aliases_vi  # field overridden
    assert kb.entries["country:GBR"].iso3 == "GBR"  # others kept
    assert kb.entries["person:kalle-vaher"].country == "EST"  # new entry


def test_unreadable_file_gives_one_clear_line(tmp_path: Path) -> None:
    broken = tmp_path / "kb.local.yaml"
    broken.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        load_kb(local=broken)
    assert str(broken) in str(err.value) and "\n" not in str(err.value)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    entry = {"id": "group:x", "kind": "group", "name": "X", "source": "test"}
    (kb_dir / "groups.yaml").write_text(yaml.safe_dump([entry, entry]), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="defined twice"):
        load_kb(kb_dir, local=tmp_path / "absent.yaml")


def test_find_by_name_ignores_case_and_marks() -> None:
    assert [e.id for e in KB.find("lau nam goc")] == ["government_body:pentagon"]
    assert [e.id for e in KB.find("country:FRA")] == ["country:FRA"]


def test_cli_show_and_add(tmp_path: Path) -> None:
    runner = CliRunner()
    local = tmp_path / "mine.yaml"
    shown = runner.invoke(cli, ["kb", "show", "Ngũ Giác Đài"])
    assert shown.exit_code == 0 and "government_body:pentagon" in shown.output
    added = runner.invoke(
        cli,
        [
            "kb",
            "add",
            "--id",
            "person:kalle-vaher",
            "--name",
            "Kalle Vaher",
            "--country",
            "EST",
            "--source",
            "test",
            "--file",
            str(local),
        ],
    )
    assert added.exit_code == 0, added.output
    assert load_kb(local=local).entries["person:kalle-vaher"].name == "Kalle Vaher"
    missing = runner.invoke(cli, ["kb", "show", "no such actor"])
    assert missing.exit_code != 0


def test_cli_add_refuses_a_bad_id(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "kb",
            "add",
            "--id",
            "nonsense",
            "--name",
            "X",
            "--source",
            "s",
            "--file",
            str(tmp_path / "k.yaml"),
        ],
    )
    assert result.exit_code != 0
    assert not (tmp_path / "k.yaml").exists()


def test_entry_names_include_every_form() -> None:
    entry = KBEntry(id="group:x", kind="group", name="X", name_vi="Ích", aliases_vi=["Ix"])
    assert entry.all_names() == ["X", "Ích", "Ix"]
