"""Unit tests of pactwatch.actors.offices on a small invented fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.actors.offices import (
    holder_of,
    holders_in,
    office_index,
    parse_day,
    period_bounds,
    terms_of,
)
from pactwatch.errors import KnowledgeBaseError

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kb" / "offices_small.yaml"


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("role", "of", "on", "expected"),
    [
        ("president", "country:AAA", dt.date(2015, 5, 1), ["person:an-nguyen"]),
        # the handover day belongs to the successor (substantive before acting)
        (
            "president",
            "country:AAA",
            dt.date(2018, 1, 20),
            ["person:binh-tran", "person:dung-pham"],
        ),
        ("president", "country:AAA", dt.date(2018, 1, 19), ["person:an-nguyen"]),
        ("president", "country:AAA", dt.date(2025, 12, 14), ["person:binh-tran"]),
        ("president", "country:AAA", dt.date(2009, 12, 31), []),
        (
            "president",
            "country:AAA",
            "2018-01",
            ["person:binh-tran", "person:an-nguyen", "person:dung-pham"],
        ),
        ("foreign_minister", "country:AAA", "2014-07-01", ["person:chi-le"]),
        ("foreign_minister", "country:AAA", "2014-06-29", ["person:binh-tran"]),
        ("foreign_minister", "country:AAA", "2014", ["person:chi-le", "person:binh-tran"]),
        ("secretary_general", "organization:bbb", "1990-01-01", ["person:dung-pham"]),
        ("secretary_general", "organization:bbb", "2010-01-01", []),
        ("president", "country:ZZZ", "2015-01-01", []),
    ],
)
def test_holder_of(
    people: list[dict[str, Any]], role: str, of: str, on: dt.date | str, expected: list[str]
) -> None:
    assert holder_of(role, of, on, people) == expected


def test_holder_of_lists_a_person_once_per_answer(people: list[dict[str, Any]]) -> None:
    # Chi Le holds two foreign-minister terms in 2014 (acting, then substantive)
    assert (
        holder_of("foreign_minister", "country:AAA", "2014-07", people).count("person:chi-le") == 1
    )


def test_an_index_answers_like_holder_of(people: list[dict[str, Any]]) -> None:
    index = office_index(people)
    for on in ("2014", "2014-07-01", "2018-01", "2018-01-20", "2030-01-01"):
        for role in ("president", "foreign_minister"):
            assert holders_in(index, role, "country:AAA", on) == holder_of(
                role, "country:AAA", on, people
            )


def test_holder_of_reads_loader_objects() -> None:
    office = SimpleNamespace(role="president", of="country:AAA", start="2020-01-01", end=None)
    person = SimpleNamespace(id="person:em-vo", offices=[office])
    assert holder_of("president", "country:AAA", "2021-06-01", [person]) == ["person:em-vo"]


def test_bad_office_date_names_the_person() -> None:
    person = {
        "id": "person:x",
        "offices": [{"role": "king", "of": "country:AAA", "start": "2020-13-01"}],
    }
    with pytest.raises(KnowledgeBaseError, match=r"person:x office 1"):
        terms_of([person])


@pytest.mark.parametrize("bad", ["yesterday", "2025-02-30", "2025-13", "25-01-01", ""])
def test_bad_query_date_is_refused(people: list[dict[str, Any]], bad: str) -> None:
    with pytest.raises(ValueError, match="not"):
        holder_of("president", "country:AAA", bad, people)


def test_parse_day_accepts_dates_strings_and_none() -> None:
    assert parse_day(None, "here") is None
    assert parse_day("2024-10-01", "here") == dt.date(2024, 10, 1)
    assert parse_day(dt.datetime(2024, 10, 1, 12, 0), "here") == dt.date(2024, 10, 1)
    with pytest.raises(KnowledgeBaseError, match="here"):
        parse_day(20241001, "here")


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9998, 12, 31)))
def test_period_bounds_round_trips_days(day: dt.date) -> None:
    assert period_bounds(day.isoformat()) == (day, day)
    assert period_bounds(day) == (day, day)


@given(st.integers(min_value=1000, max_value=9998), st.integers(min_value=1, max_value=12))
def test_period_bounds_of_a_month_covers_exactly_that_month(year: int, month: int) -> None:
    first, last = period_bounds(f"{year:04d}-{month:02d}")
    assert (first.year, first.month, first.day) == (year, month, 1)
    assert (last.year, last.month) == (year, month)
    assert (last + dt.timedelta(days=1)).month != month
