"""Text folding, date intervals and the one-to-one assignment behind the scorer."""

from __future__ import annotations

import itertools
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.evaluation.assignment import assign
from pactwatch.evaluation.dates import interval, overlaps, within
from pactwatch.evaluation.textfold import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đà Nẵng", "da nang"),
        ("ĐẠI SỨ QUÁN", "dai su quan"),
        ("Thủ tướng\nAnh", "thu tuong anh"),
        ("Pål Jonson", "pal jonson"),
        ("Häkkänen", "hakkanen"),
        ("Tổ chức Hiệp ước Bắc Đại Tây Dương", "to chuc hiep uoc bac dai tay duong"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_treats_decomposed_and_composed_alike() -> None:
    composed = "Việt Nam"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed) == "viet nam"


@given(st.text())
def test_fold_is_idempotent_and_leaves_no_marks(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", folded))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-10", (date(2025, 4, 10), date(2025, 4, 10))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023", (date(2023, 1, 1), date(2023, 12, 31))),
        ("199X", (date(1990, 1, 1), date(1999, 12, 31))),
        ("2025-W01", (date(2024, 12, 30), date(2025, 1, 5))),
        ("2025-13", None),
        ("sắp tới", None),
        (None, None),
    ],
)
def test_interval(value: str | None, expected: tuple[date, date] | None) -> None:
    assert interval(value) == expected


def test_overlaps_and_within() -> None:
    assert overlaps(interval("2025-04"), interval("2025-04-30"))
    assert not overlaps(interval("2025-04"), interval("2025-05-01"))
    assert within("2025-02-17", "2025-02")
    assert within(None, None)
    assert not within(None, "2025-02")
    assert not within("2025-12-01", "2025-1")


def _brute_force_size(edges: list[list[bool]]) -> int:
    n_gold, n_pred = len(edges), len(edges[0]) if edges else 0
    best = 0
    for perm in itertools.permutations(range(max(n_gold, n_pred)), n_gold):
        best = max(best, sum(1 for g, p in enumerate(perm) if p < n_pred and edges[g][p]))
    return best


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 5).flatmap(
        lambda n: st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=n, max_size=n)
    )
)
def test_assign_finds_a_maximum_one_to_one_matching(edges: list[list[bool]]) -> None:
    n_pred = 4
    pairs = assign(len(edges), n_pred, lambda g, p: 0.5 if edges[g][p] else None)
    assert all(edges[g][p] for g, p in pairs)
    assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    assert len(pairs) == _brute_force_size(edges)


def test_assign_prefers_stronger_pairs_only_among_largest_pairings() -> None:
    # gold 0 prefers prediction 0, but only gold 0 can take prediction 1:
    # the largest pairing wins over the strongest single pair.
    weights = {(0, 0): 1.0, (0, 1): 0.0, (1, 0): 0.0}
    assert assign(2, 2, lambda g, p: weights.get((g, p))) == [(0, 1), (1, 0)]
    # with two equally large pairings, the stronger one is chosen
    weights = {(0, 0): 1.0, (0, 1): 0.0, (1, 0): 0.0, (1, 1): 1.0}
    assert assign(2, 2, lambda g, p: weights.get((g, p))) == [(0, 0), (1, 1)]


def test_assign_on_empty_sides() -> None:
    assert assign(0, 3, lambda g, p: 1.0) == []
    assert assign(3, 0, lambda g, p: 1.0) == []
