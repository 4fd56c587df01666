"""Fuzz the analysis stages (segment, actors, times) and the whole default pipeline
with hypothesis, on arbitrary and Vietnamese-looking text in every zone kind and with
stated dates real, impossible and far off.

Properties: no exception escapes; every span (zones, sentences, actor mentions, times,
quotes, event and commitment evidence) lies inside the text and slices to the words it
names; the record survives ``as_dict`` → JSON → ``from_dict`` unchanged.
``PACTWATCH_FUZZ_EXAMPLES`` raises the example counts.
"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from fixtures.hostile.records import span_problems
from fixtures.hostile.strategies import any_text, fuzz_settings, vietnamese_text
from pactwatch.document import ZONE_KINDS, Document
from pactwatch.ingest.build import document_from_parts
from pactwatch.pipeline import build_pipeline
from pactwatch.times.patterns import find_times

PUBLISHED = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["2025-03-09", "2024-02-29", "0001-01-01", "9999-12-31", "2024-02-30",
                     "2025", "2025-13", "nonsense", ""]),
)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    parts = draw(st.lists(st.tuples(st.sampled_from(ZONE_KINDS), any_text()), max_size=6))
    doc = document_from_parts(parts, source_path="fuzz.txt", published=draw(PUBLISHED))
    doc.language = draw(st.sampled_from(["vi", "en"]))
    return doc


def _check(doc: Document) -> None:
    record = doc.as_dict()
    assert span_problems(record) == []
    again = json.loads(json.dumps(record, ensure_ascii=False))
    assert again == record
    assert Document.from_dict(again).as_dict() == record


_SEGMENT = build_pipeline(["segment"])
_ACTORS = build_pipeline(["actors"])
_TIMES = build_pipeline(["segment", "times"])
_DEFAULT = build_pipeline()


@fuzz_settings(150)
@given(doc=documents())
def test_segment_stage(doc: Document) -> None:
    doc = _SEGMENT(doc)
    _check(doc)
    previous_end = 0
    for sentence in sorted(doc.sentences, key=lambda s: s.start):
        assert sentence.start >= previous_end, "sentences never overlap"
        assert doc.text[sentence.start : sentence.end].strip() == doc.text[
            sentence.start : sentence.end
        ]
        previous_end = sentence.end


@fuzz_settings(80)
@given(doc=documents())
def test_actors_stage(doc: Document) -> None:
    _check(_ACTORS(doc))


@fuzz_settings(80)
@given(doc=documents())
def test_times_stage(doc: Document) -> None:
    doc = _TIMES(doc)
    _check(doc)
    for time in doc.times:
        if time.value is not None and time.earliest and time.latest:
            assert time.earliest <= time.latest, time


@fuzz_settings(150)
@given(text=st.one_of(any_text(), vietnamese_text()), cut=st.integers(0, 50))
def test_find_times_on_raw_text(text: str, cut: int) -> None:
    start = min(cut, len(text))
    for found in find_times(text, start):
        assert start <= found.start < found.end <= len(text)


@fuzz_settings(100)
@given(doc=documents())
def test_default_pipeline(doc: Document) -> None:
    _check(_DEFAULT(doc))


# -- regressions: each a crash or a stall the fuzzers and the hostile corpus found ---------------


def test_counting_past_the_calendar_leaves_a_time_unresolved() -> None:
    # "năm ngoái" in an article dated 0001-01-01 raised "year 0 is out of range"
    cases = [("0001-01-01", "Mỹ năm ngoái nói, 11 ngày trước, tháng 4, tuần trước, quý trước."),
             ("9999-12-31", "Mỹ năm sau, 5 ngày sau, tháng sau, tuần sau, quý sau nói.")]
    for published, text in cases:
        doc = _TIMES(document_from_parts([("body", text)], published=published))
        assert doc.times and all(t.value is None for t in doc.times), doc.times
    doc = _TIMES(document_from_parts([("body", "Ngày 3/5 và thứ Hai.")], published="9999-12-31"))
    assert [t.value for t in doc.times] == ["9999-05-03", "9999-12-27"]


def test_a_clause_never_reaches_further_than_its_bound() -> None:
    # one 300 KB sentence without a break cost a scan of all of it per trigger (53 s)
    from pactwatch.document import Span
    from pactwatch.extract.clauses import MAX_CLAUSE_REACH, clause_bounds
    from pactwatch.extract.lexicon import TermHit

    text = "quân đội tập trận " * 20_000
    trigger = TermHit(180_000, 180_008, None)  # type: ignore[arg-type]
    clause = clause_bounds(text, Span(0, len(text)), trigger)
    assert clause.start == trigger.start - MAX_CLAUSE_REACH
    assert clause.end == trigger.end + MAX_CLAUSE_REACH
    # a break inside the reach still ends the clause where it did
    text = "Mỹ nói, " + text
    clause = clause_bounds(text, Span(0, len(text)), TermHit(9, 12, None))  # type: ignore[arg-type]
    assert clause.start == 8
