"""English time constructions read by the times stage (issue 14): dates without a
year in a story told in an earlier year, days before their month, counts from the
expression before or from a named event, weekends, weeks of a month, year cues.
Every sentence here is written for the test; none is taken from an article."""

from __future__ import annotations

import pytest

from pactwatch.document import Document
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import build_pipeline

PIPELINE = build_pipeline()


def analyse(text: str, published: str = "2026-02-10", language: str = "en") -> Document:
    doc = document_from_parts([("body", text)], source_path="t.md")
    doc.language = language
    doc.published = published  # a Tuesday
    return PIPELINE(doc)


def values(text: str, published: str = "2026-02-10", language: str = "en") -> list[str | None]:
    return [t.value for t in analyse(text, published, language).times]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoys met on 3 February in Oslo.", ["2026-02-03"]),
        ("The convoy left by 30 Jan.", ["2026-01-30"]),
        ("The pact was signed on 9 March 2011.", ["2011-03-09"]),
    ],
)
def test_a_day_before_its_month(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a story told in 2019 goes on in 2019, and into 2020 past its new year
        (
            "It was March 2019 when the talks began. In mid-June, the envoys met in Oslo. "
            "On 4 July, they signed a memorandum. In January, the talks broke down.",
            ["2019-03", "2019-06", "2019-07-04", "2020-01"],
        ),
        # a story that names only its year
        (
            "The plan took shape in the autumn of 2017. The envoys were to meet on 2 October.",
            ["2017", "2017-10-02"],
        ),
        # a flashback in the past perfect does not move the story
        (
            "It was May 2018. The mediator had first visited Oslo in 2009. In June, the "
            "envoys met again.",
            ["2018-05", "2009", "2018-06"],
        ),
        # nor does a comparison with a far year
        (
            "It was October 2018. One diplomat compared the mood with the winter of 1939. "
            "In December, the envoys met again.",
            ["2018-10", "1939", "2018-12"],
        ),
        # the news's own reporting is told from the present
        (
            "In March 2019, the talks began. AFP reported in December that they had stalled.",
            ["2019-03", "2025-12"],
        ),
        # so is what happened "recently"
        (
            "The war began in April 2019. Officials recently counted 300 strikes in January alone.",
            ["2019-04", "2026-01"],
        ),
        # a date counted from the article brings the story back to the present
        (
            "The talks began in March 2019. On Monday, the ministers met again. In January, "
            "the envoys set out a plan.",
            ["2019-03", "2026-02-09", "2026-01"],
        ),
        # a cited source's date in brackets is the present's
        (
            "The crisis of March 1917 ended a dynasty, one columnist wrote (Kommersant, February 2).",
            ["1917-03", "2026-02-02"],
        ),
    ],
)
def test_a_story_told_in_an_earlier_year_dates_its_months(
    text: str, expected: list[str]
) -> None:
    assert values(text) == expected


def test_a_caption_line_does_not_move_the_story() -> None:
    text = (
        "It was June 2015 when the talks began.\n\n"
        "Photo: The harbour in May 2017. Photograph: Reuters\n\n"
        "In August, the envoys met."
    )
    assert values(text) == ["2015-06", "2017-05", "2015-08"]


def test_vietnamese_dates_without_a_year_stay_in_the_article_year() -> None:
    # Vietnamese papers write the year of any date outside the current one
    text = "Tháng 3/2019, hai bên bắt đầu đàm phán. Ngày 5/1, các nhà ngoại giao gặp nhau."
    assert values(text, language="vi") == ["2019-03", "2026-01-05"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministers met on 12 March 2024. The next day, the envoys signed.", ["2024-03-12", "2024-03-13"]),
        ("The ministers met on 12 March 2024. The day before, the envoys had argued.", ["2024-03-12", "2024-03-11"]),
        ("The treaty came into force in 2004. The following year, Oslo joined.", ["2004", "2005"]),
        # "in the next week" is the week ahead of the article, not counted from 2024
        ("The ministers met on 12 March 2024. Talks will resume in the next week.", ["2024-03-12", "2026-W08"]),
    ],
)
def test_the_next_day_counts_from_the_expression_before(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_a_count_from_a_named_event_keeps_the_chain() -> None:
    text = (
        "The summit was held on 10 May 2023. A week before the summit, the envoys met in Bern. "
        "Two days later, the leaders signed."
    )
    # "two days later" counts from the summit, not from the envoys' meeting
    assert values(text) == ["2023-05-10", "2023-05-03", "2023-05-12"]


def test_a_count_from_an_event_dated_after_it_has_no_value_of_its_own() -> None:
    text = "The polls closed on 2 March 2023. Three days after the vote on 4 March, the count ended."
    assert values(text) == ["2023-03-02", None, "2023-03-04"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The republic was founded in 2020. Twelve years earlier, the rebels had met.", ["2020", "2008"]),
        ("The treaty was signed four years ago.", ["2022"]),
        ("The talks began in 2019. More than 12 months later, no deal was signed.", ["2019", None]),
        ("The talks began in 2019 and stalled in August of that year.", ["2019", "2019-08"]),
    ],
)
def test_counts_of_years(text: str, expected: list[str | None]) -> None:
    assert values(text) == expected


def test_a_few_years_ago_in_vietnamese_is_that_year() -> None:
    assert values("Hiệp ước được ký 3 năm trước.", language="vi") == ["2023"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoys met last weekend.", ["2026-W06"]),
        ("The envoys will meet this weekend.", ["2026-W07"]),
        ("The drills will end in the third week of March.", ["2026-W11"]),
        ("The drills ended in the last week of January.", ["2026-W05"]),
    ],
)
def test_weekends_and_weeks_of_a_month(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose throughout 2024.", ["2024"]),
        ("He wants to stay in office beyond 2030.", ["2030"]),
        ("The budget for fiscal 2027 was cut.", ["2027"]),
        ("A 2021 report found the same.", ["2021"]),
        ("The film Night Train (2018) was banned.", ["2018"]),
        ("No treaty was signed between 1991 and 1994.", ["1991", "1994"]),
        ("The country entered 2025 at war.", ["2025"]),
        ("The plan was drafted in spring 1999.", ["1999"]),
    ],
)
def test_years_after_english_cues(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "set for" looks forward, and an abbreviation's full stop does not cut the sentence
        ("The vote is set for Feb. 21. Turnout may be low.", ["2026-02-21"]),
        # a cue inside the quote is the speaker's, not the sentence's
        ("The minister spoke in Rome on Friday, saying: “We will sign the deal.”", ["2026-02-06"]),
        # "since" looks back
        ("The envoy, in Vienna since Sunday, is expected to meet the minister.", ["2026-02-08"]),
    ],
)
def test_what_makes_a_date_look_forward_or_back(text: str, expected: list[str]) -> None:
    assert values(text) == expected
