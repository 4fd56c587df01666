"""Outlets as metadata names them (actors/outlets.py); names written for the test."""

from __future__ import annotations

import pytest

from pactwatch.actors.kb import default_kb
from pactwatch.actors.outlets import outlet_for_name


@pytest.mark.parametrize(
    ("given", "actor_id", "name", "known"),
    [
        # a name and its abbreviation in brackets: the KB's outlet when it knows either
        ("Agence France-Presse (AFP)", "outlet:afp", None, True),
        # else a new outlet called by the full name, its id from the short form
        ("The Morning Ledger of Kyiv (MLK)", "outlet:mlk", "The Morning Ledger of Kyiv", False),
        ("ZRI (Zeta Research Institute)", "outlet:zri", "Zeta Research Institute", False),
    ],
)
def test_a_name_with_its_other_form_in_brackets(
    given: str, actor_id: str, name: str | None, known: bool
) -> None:
    entry, in_kb = outlet_for_name(given, default_kb())
    assert (entry.id, in_kb) == (actor_id, known)
    if name is not None:
        assert entry.name == name and entry.abbreviations == [actor_id.partition(":")[2].upper()]


def test_a_publication_in_brackets_is_no_abbreviation() -> None:
    entry, in_kb = outlet_for_name("Zeta Council (Ukraine Watch blog)", default_kb())
    assert not in_kb and entry.name == "Zeta Council (Ukraine Watch blog)"
    assert entry.abbreviations == []


def _english(text: str) -> dict[str, object]:
    from pactwatch.actors.stage import recognise
    from pactwatch.ingest.build import document_from_parts

    doc = document_from_parts([("body", text)])
    doc.language = "en"
    return {a.id: a for a in recognise(doc, default_kb())}


def test_sources_cited_in_brackets_with_their_day_are_outlets() -> None:
    found = _english(
        "Moscow rejected the offer (Zavtra Vestnik, March 3; Kovcheg Daily, March 4)."
        " Officials doubted it (Pravda Sever; Izvestiya, March 2)."
    )
    for actor_id in ("zavtra-vestnik", "kovcheg-daily", "pravda-sever", "izvestiya"):
        assert f"outlet:{actor_id}" in found


def test_a_state_in_a_dated_bracket_stays_the_state() -> None:
    found = _english("Prices rose again (Germany, March 1).")
    assert "country:DEU" in found and not any(k.startswith("outlet:") for k in found)
