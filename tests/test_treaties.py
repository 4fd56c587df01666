"""The treaty knowledge base is valid, and the ATOP importer reads ATOP's layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.errors import KnowledgeBaseError
from pactwatch.system import atop
from pactwatch.system.treaties import (
    DATE_CONVENTIONS,
    KB_DIR,
    MEMBER_STATUSES,
    OBLIGATION_TYPES,
    fold,
    load_kb,
    parse_memberships,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "system"
KB = load_kb()


def test_every_treaty_is_sourced_and_typed():
    for treaty in KB.treaties.values():
        assert treaty.source.strip(), treaty.id
        assert set(treaty.obligation_types) <= OBLIGATION_TYPES, treaty.id
        for article in treaty.articles:
            assert article.obligation in treaty.obligation_types, (treaty.id, article.article)
            assert article.summary, (treaty.id, article.article)
        for pair in treaty.suspended_pairs:
            assert pair.source and pair.date_convention in DATE_CONVENTIONS


def test_treaty_dates_are_ordered():
    for treaty in KB.treaties.values():
        dates = [d for d in (treaty.signed, treaty.in_force) if d]
        assert dates == sorted(dates), treaty.id
        if treaty.ended and treaty.signed:
            assert treaty.signed <= treaty.ended, treaty.id


def test_every_membership_span_is_sourced_and_ordered():
    for body, spans in KB.memberships.items():
        for span in spans:
            assert span.source.strip(), (body, span.iso3)
            assert span.end is None or span.start <= span.end, (body, span.iso3)
            assert span.date_convention in DATE_CONVENTIONS, (body, span.iso3)
            assert span.status in MEMBER_STATUSES, (body, span.iso3)


def test_spans_of_one_member_do_not_overlap():
    for body, spans in KB.memberships.items():
        by_member: dict[str, list] = {}
        for span in spans:
            by_member.setdefault(span.iso3, []).append(span)
        for iso3, own in by_member.items():
            own.sort(key=lambda s: s.start)
            for a, b in zip(own, own[1:], strict=False):
                assert a.end is not None and a.end < b.start, (body, iso3)


def test_every_treaty_body_has_memberships():
    for treaty in KB.treaties.values():
        assert treaty.body in KB.memberships, treaty.id


@pytest.mark.skipif(not (KB_DIR / "countries.yaml").exists(), reason="countries.yaml not written")
def test_members_are_known_countries():
    entries = yaml.safe_load((KB_DIR / "countries.yaml").read_text(encoding="utf-8"))
    known = {e["iso3"] for e in entries if e.get("iso3")}
    for body, spans in KB.memberships.items():
        unknown = {s.iso3 for s in spans} - known
        assert not unknown, (body, unknown)
    for treaty in KB.treaties.values():
        for article in treaty.articles:
            assert set(article.guarantors or ()) <= known
            assert set(article.beneficiaries or ()) <= known


def test_nato_has_32_members_today_and_the_documented_conventions():
    members = KB.members_on("organization:nato", dt.date(2025, 1, 1))
    assert len(members) == 32
    founders = KB.spans("organization:nato", "USA")[0]
    assert (founders.start, founders.date_convention) == (dt.date(1949, 4, 4), "signature")
    finland = KB.spans("organization:nato", "FIN")[0]
    assert (finland.start, finland.date_convention) == (dt.date(2023, 4, 4), "deposit")
    sweden = KB.spans("organization:nato", "SWE")[0]
    assert sweden.start == dt.date(2024, 3, 7)


def test_required_facts():
    assert KB.span_on("organization:eu", "GBR", dt.date(2020, 1, 31)) is not None
    assert KB.span_on("organization:eu", "GBR", dt.date(2020, 2, 1)) is None
    armenia = KB.span_on("organization:csto", "ARM", dt.date(2024, 2, 22))
    assert armenia is not None and armenia.status == "frozen"
    assert KB.span_on("organization:sco", "BLR", dt.date(2024, 7, 4)) is not None
    assert KB.span_on("organization:sco", "BLR", dt.date(2024, 7, 3)) is None
    assert KB.span_on("organization:sco", "IRN", dt.date(2023, 7, 4)) is not None
    assert KB.spans("organization:sco", "IND")[0].start == dt.date(2017, 6, 9)
    union = KB.treaties["treaty:union-state-1999"]
    assert (union.signed, union.in_force) == (dt.date(1999, 12, 8), dt.date(2000, 1, 26))
    assert KB.treaties["treaty:rus-blr-1997"].atopid == 4865
    assert KB.treaties["treaty:budapest-memorandum-1994"].obligation_types == ["assurance"]
    assert KB.treaties["treaty:sco-charter"].articles == []
    coalition = KB.treaties["group:coalition-of-the-willing"]
    assert coalition.obligation_types == [] and coalition.articles == []


def test_bad_membership_entry_names_file_and_reason():
    with pytest.raises(KnowledgeBaseError, match="memberships.yaml.*lacks"):
        parse_memberships(
            [{"body": "organization:x", "members": [{"iso3": "FIN"}]}], "memberships.yaml"
        )


def test_bad_date_is_a_clear_error():
    entry = {
        "body": "organization:x",
        "members": [
            {"iso3": "FIN", "start": "4/4/2023", "date_convention": "deposit", "source": "s"}
        ],
    }
    with pytest.raises(KnowledgeBaseError, match="not an ISO date"):
        parse_memberships([entry], "memberships.yaml")


@given(st.text(alphabet="aàáảãạăâđĐeêoôơuưy ABC", max_size=20))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


# -- ATOP importer ---------------------------------------------------------------------
def _fixture_import():
    return atop.import_atop(
        FIXTURES / "atop_m.csv", FIXTURES / "atop_a.csv", FIXTURES / "crosswalk.csv"
    )


def test_atop_import_reads_members_and_obligations():
    imported = _fixture_import()
    spans = {s.iso3: s for s in imported.spans[9001]}
    assert spans["NZL"].end == dt.date(1986, 9, 17)
    assert spans["USA"].end is None and spans["USA"].date_convention == "atop"
    assert imported.treaties[9002].obligation_types == ["defense", "neutrality", "consultation"]
    assert imported.member_obligations[(9001, "AUS")] == {
        "defense",
        "nonaggression",
        "consultation",
    }


def test_atop_import_merges_phases_and_reads_unknown_days():
    imported = _fixture_import()
    gbr = [s for s in imported.spans[9002] if s.iso3 == "GBR"]
    assert len(gbr) == 1 and gbr[0].start == dt.date(1949, 4, 4) and gbr[0].end is None
    fin = next(s for s in imported.spans[9002] if s.iso3 == "FIN")
    assert fin.start == dt.date(2023, 1, 1)  # month and day 0 = unknown
    assert imported.unknown_codes == {999}


def test_atop_yaml_loads_back_in_our_format():
    treaties_doc, memberships_doc = yaml.safe_load_all(atop.to_yaml(_fixture_import()))
    spans = parse_memberships(memberships_doc, "import")
    assert {s.iso3 for s in spans["treaty:atop-9001"]} == {"USA", "AUS", "NZL"}
    assert treaties_doc[0]["atopid"] == 9001


def test_atop_file_with_wrong_columns_is_a_clear_error(tmp_path):
    bad = tmp_path / "m.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="not an ATOP file"):
        atop.import_atop(bad, tmp_path / "none.csv", FIXTURES / "crosswalk.csv")


@needs_shared
def test_our_spans_agree_with_atop_where_conventions_agree():
    base = SHARED / "data"
    imported = atop.import_atop(
        base / "atop5_1" / "atop5_1m.csv",
        base / "atop5_1" / "atop5_1a.csv",
        base / "names" / "countrycode_crosswalk_iso_cow_gw_vi.csv",
        only={3180, 3075, 3215},
    )
    # NATO founders: both date signature 1949-04-04 (later members: deposit vs protocol)
    nato = KB.treaties["treaty:north-atlantic-treaty"]
    founders = [d for d in atop.compare_spans(nato, KB, imported, {"signature"})]
    assert founders == []
    for tid in ("treaty:rio-1947", "treaty:anzus"):
        assert atop.compare_spans(KB.treaties[tid], KB, imported, {"atop", "signature"}) == []


def test_cli_import_atop_prints_our_format():
    from click.testing import CliRunner

    from pactwatch.cli.main import cli

    result = CliRunner().invoke(
        cli,
        [
            "kb",
            "import-atop",
            str(FIXTURES / "atop_m.csv"),
            "--alliances",
            str(FIXTURES / "atop_a.csv"),
            "--crosswalk",
            str(FIXTURES / "crosswalk.csv"),
            "--atopid",
            "9001",
        ],
    )
    assert result.exit_code == 0, result.output
    treaties_doc, memberships_doc = yaml.safe_load_all(result.output)
    assert [t["id"] for t in treaties_doc] == ["treaty:atop-9001"]
    assert {m["iso3"] for m in memberships_doc[0]["members"]} == {"USA", "AUS", "NZL"}
