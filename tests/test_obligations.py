"""Obligation questions with answers checked against the sources cited in the KB.

Each case names the source that settles it (memberships.yaml / treaties.yaml carry the
full citation): NATO accession dates (deposit; shared/data/facts/memberships.csv),
EU Art. 42(7) (Lisbon 2009-12-01, UK out after 2020-01-31), CSTO (Armenia frozen
2024-02-22), ANZUS (US-NZ suspended, ATOP 3215), Russia-DPRK (in force 2024-12-04,
Interfax/KCNA), Budapest Memorandum (assurances), US-Japan (ATOP 3375, asymmetric).
"""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.errors import KnowledgeBaseError
from pactwatch.system.obligations import who_is_obliged
from pactwatch.system.treaties import load_kb

NATO = "treaty:north-atlantic-treaty"
EU = "treaty:teu-42-7"
CSTO = "treaty:collective-security-treaty"


def defenders(attacked: str, on: str, treaty: str | None = None) -> set[str]:
    return who_is_obliged(attacked, on).guarantors(treaty)


# -- Finland joins NATO 2023-04-04 (deposit) ----------------------------------------
def test_finland_day_before_accession_only_eu():
    answer = who_is_obliged("FIN", "2023-04-03")
    assert answer.treaties() == {EU}
    assert "SWE" in answer.guarantors(EU) and "USA" not in answer.guarantors()


def test_finland_on_accession_day_nato_applies():
    assert "USA" in defenders("FIN", "2023-04-04", NATO)


def test_finland_day_after_accession_nato_and_eu():
    answer = who_is_obliged("FIN", "2023-04-05")
    assert answer.treaties() >= {NATO, EU}
    assert len(answer.guarantors(NATO)) == 30  # 31 members then, minus Finland
    assert len(answer.guarantors(EU)) == 26


def test_finland_legal_basis_names_article_and_convention():
    answer = who_is_obliged("Phần Lan", "2023-04-05")
    line = next(o for o in answer.obligations if o.basis.treaty == NATO and o.guarantor == "USA")
    assert line.basis.article == "5"
    assert line.basis.attacked_span is not None
    assert line.basis.attacked_span["start"] == "2023-04-04"
    assert line.basis.attacked_span["date_convention"] == "deposit"
    assert line.basis.guarantor_span is not None
    assert line.basis.guarantor_span["date_convention"] == "signature"


def test_finland_as_guarantor_after_accession():
    assert "FIN" in defenders("EST", "2023-04-05", NATO)
    assert "FIN" not in defenders("EST", "2023-04-03", NATO)


# -- Sweden joins NATO 2024-03-07 -----------------------------------------------------
def test_sweden_day_before_accession():
    assert NATO not in who_is_obliged("SWE", "2024-03-06").treaties()


def test_sweden_on_accession_day():
    assert "NOR" in defenders("SWE", "2024-03-07", NATO)
    assert len(defenders("SWE", "2024-03-07", NATO)) == 31


# -- UK and EU Art. 42(7) ------------------------------------------------------------
def test_uk_still_covered_by_42_7_on_last_day():
    assert "FRA" in defenders("GBR", "2020-01-31", EU)


def test_uk_not_covered_by_42_7_after_brexit():
    answer = who_is_obliged("GBR", "2020-02-01")
    assert EU not in answer.treaties()
    assert NATO in answer.treaties()


def test_uk_owes_nothing_under_42_7_after_brexit():
    assert "GBR" not in defenders("FRA", "2020-02-01", EU)
    assert "GBR" in defenders("FRA", "2019-06-01", EU)


def test_42_7_not_before_lisbon():
    assert EU not in who_is_obliged("FRA", "2009-11-30").treaties()
    assert EU in who_is_obliged("FRA", "2009-12-01").treaties()


def test_croatia_42_7_from_accession():
    assert EU not in who_is_obliged("HRV", "2013-06-30").treaties()
    assert "DEU" in defenders("HRV", "2013-07-01", EU)


# -- Armenia in the CSTO: frozen, not withdrawn ----------------------------------------
def test_armenia_before_freeze_is_protected():
    assert "RUS" in defenders("ARM", "2024-02-21", CSTO)


def test_armenia_after_freeze_is_qualified_not_binding():
    answer = who_is_obliged("ARM", "2024-03-01")
    assert CSTO not in answer.treaties()
    frozen = [q for q in answer.qualified if q.basis.treaty == CSTO]
    assert frozen and all(q.standing == "frozen" for q in frozen)
    assert {q.guarantor for q in frozen} >= {"RUS", "KAZ"}


def test_armenia_frozen_as_guarantor():
    answer = who_is_obliged("KAZ", "2024-03-01")
    assert "ARM" not in answer.guarantors(CSTO)
    assert any(q.guarantor == "ARM" for q in answer.qualified)


# -- ANZUS: US-NZ obligations suspended -------------------------------------------------
def test_anzus_us_defends_new_zealand_before_suspension():
    assert "USA" in defenders("NZL", "1985-01-01", "treaty:anzus")


def test_anzus_us_nz_suspended_australia_remains():
    answer = who_is_obliged("NZL", "2000-01-01")
    assert answer.guarantors("treaty:anzus") == {"AUS"}
    assert any(q.guarantor == "USA" and q.standing == "suspended" for q in answer.qualified)


def test_anzus_australia_protected_by_both():
    assert defenders("AUS", "2000-01-01", "treaty:anzus") == {"USA", "NZL"}


# -- Budapest Memorandum: assurances, not a defence obligation --------------------------
def test_budapest_memorandum_is_assurance_not_obligation():
    answer = who_is_obliged("UKR", "2014-03-01")
    assert not answer.binding
    assert {a.guarantor for a in answer.assurances} == {"USA", "GBR", "RUS"}
    assert all(a.obligation == "assurance" for a in answer.assurances)


def test_ukraine_2025_no_binding_treaty_obligation():
    answer = who_is_obliged("UKR", "2025-12-14")
    assert not answer.binding
    assert any("no binding treaty obligation" in n for n in answer.notes)


# -- Russia-DPRK 2024 -----------------------------------------------------------------
def test_russia_dprk_signed_but_not_in_force():
    assert "RUS" not in defenders("PRK", "2024-07-01")


def test_russia_dprk_in_force_from_exchange_of_ratifications():
    assert "RUS" in defenders("PRK", "2024-12-04", "treaty:russia-dprk-2024")
    assert "PRK" in defenders("RUS", "2024-12-04", "treaty:russia-dprk-2024")
    assert "RUS" not in defenders("PRK", "2024-12-03", "treaty:russia-dprk-2024")


def test_china_dprk_1961():
    assert "CHN" in defenders("PRK", "2024-07-01", "treaty:china-dprk-1961")


# -- Russia-Belarus ---------------------------------------------------------------------
def test_belarus_union_state_and_1997_treaty():
    answer = who_is_obliged("BLR", "2023-04-06")
    assert {"treaty:union-state-1999", "treaty:rus-blr-1997", CSTO} <= answer.treaties()
    assert "RUS" in answer.guarantors("treaty:union-state-1999")


def test_union_state_not_before_entry_into_force():
    assert "treaty:union-state-1999" not in who_is_obliged("BLR", "1999-12-20").treaties()


def test_sco_is_no_defence_obligation():
    answer = who_is_obliged("BLR", "2024-07-05")
    assert not any(o.basis.treaty == "treaty:sco-charter" for o in answer.obligations)


# -- US-Japan: one-way obligations --------------------------------------------------------
def test_us_defends_japan():
    answer = who_is_obliged("JPN", "2025-01-01")
    line = next(o for o in answer.obligations if o.basis.treaty == "treaty:us-japan-1960")
    assert line.guarantor == "USA"
    assert line.basis.scope == "territories under the administration of Japan"


def test_japan_obligation_to_us_limited_to_its_territories():
    answer = who_is_obliged("USA", "2025-01-01")
    line = next(o for o in answer.obligations if o.basis.treaty == "treaty:us-japan-1960")
    assert line.guarantor == "JPN"
    assert line.basis.scope == "only within the territories under the administration of Japan"


def test_us_korea_and_philippines():
    assert "USA" in defenders("KOR", "2025-01-01", "treaty:us-rok-1953")
    assert "USA" in defenders("PHL", "2025-01-01", "treaty:us-philippines-1951")


# -- Rio Treaty withdrawals (ATOP 3075) -----------------------------------------------------
def test_rio_mexico_after_withdrawal():
    assert "USA" in defenders("MEX", "2000-01-01", "treaty:rio-1947")
    assert "USA" not in defenders("MEX", "2005-01-01", "treaty:rio-1947")


# -- attacker clauses ----------------------------------------------------------------------
def test_attacker_neutrality_clause():
    answer = who_is_obliged(None, "1995-01-01", attacker="RUS")
    assert [(c.guarantor, c.obligation) for c in answer.attacker_clauses] == [("BLR", "neutrality")]


def test_attacker_inside_an_alliance_is_not_a_defender():
    answer = who_is_obliged("TUR", "2025-01-01", attacker="GRC")
    assert "GRC" not in answer.guarantors(NATO)
    assert any("not to attack each other" in note for note in answer.notes)


def test_unknown_country_is_a_clear_error():
    with pytest.raises(KnowledgeBaseError, match="unknown country"):
        who_is_obliged("Atlantis", "2025-01-01")


def test_date_objects_and_strings_agree():
    a = who_is_obliged("FIN", dt.date(2023, 4, 5)).as_dict()
    b = who_is_obliged("FIN", "2023-04-05").as_dict()
    assert a == b and a["binding"] is True


def test_names_resolve_through_the_kb():
    kb = load_kb()
    assert kb.resolve_country("Finland") == kb.resolve_country("phan lan") == "FIN"


# -- the command line ---------------------------------------------------------------------
def _run(*args: str):
    from click.testing import CliRunner

    from pactwatch.cli.main import cli

    return CliRunner().invoke(cli, list(args))


def test_cli_obligations_text_names_legal_basis():
    result = _run("obligations", "--attacked", "Finland", "--on", "2023-04-05")
    assert result.exit_code == 0, result.output
    assert "North Atlantic Treaty, Art. 5" in result.output
    assert "Art. 42(7)" in result.output
    assert "2023-04-04..now (deposit)" in result.output


def test_cli_obligations_json_day_before():
    import json

    result = _run("obligations", "--attacked", "FIN", "--on", "2023-04-03", "--json")
    answer = json.loads(result.output)
    assert {o["basis"]["treaty"] for o in answer["obligations"]} == {EU}


def test_cli_obligations_with_db_lists_news(tmp_path):
    import json

    from pactwatch.document import Actor, Commitment, Document, Mention, Span
    from pactwatch.store import open_store

    text = "Mỹ sẵn sàng cung cấp bảo đảm an ninh cho Ukraine."
    doc = Document(text=text, published="2025-12-14", outlet="VTC News")
    doc.actors = [
        Actor(
            "country:USA",
            "United States",
            "Mỹ",
            "country",
            iso3="USA",
            mentions=[Mention(0, 2, "Mỹ")],
        )
    ]
    doc.commitments = [
        Commitment(
            "c1",
            "security_guarantee",
            ["country:USA"],
            ["country:UKR"],
            "proposed",
            evidence=Span(0, len(text)),
        )
    ]
    db = tmp_path / "news.db"
    with open_store(str(db)) as store:
        store.save_document(doc)
    # the commitment is built unscored (confidence 0): shown with --min-confidence 0
    result = _run(
        "obligations", "--attacked", "UKR", "--on", "2025-12-14", "--db", str(db), "--json",
        "--min-confidence", "0",
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["binding"] is False
    assert [n["status"] for n in answer["news"]] == ["proposed"]
    text_out = _run("changes", "--since", "2025-11-01", "--db", str(db),
                    "--min-confidence", "0").output
    assert "New commitments: 1" in text_out


def test_cli_bad_inputs_are_one_line_errors():
    assert "not a date" in _run("obligations", "--attacked", "FIN", "--on", "5/4/2023").output
    assert (
        "no such database"
        in _run("changes", "--since", "2025-01-01", "--db", "/nonexistent/x.db").output
    )
    assert _run("obligations", "--on", "2025-01-01").exit_code != 0
