"""Do two reports tell of one happening? A score from what they report.

Outlets word one happening differently, so shared text (MinHash) only finds rewrites.
Two reports of one happening state the news in their headline and lead with the same
distinctive words, make the same actors salient, name the same places, report the same
events (type and participants) and quote the same sentences. :func:`happening_score`
adds those signals, each weighted by how rare it is among the articles of the period
(:class:`Rarity`: "Covid" in April 2021 says little, "Nanggala" a lot), once the two
share an *anchor* (a figure or proper name of their leads, :func:`features.lead_anchors`)
that at most :data:`ANCHOR_SHARE` of the period's articles state: without one, two
reports share a topic (the daily bulletins of an epidemic), not a happening:

- ``text``: cosine of the two leads' term weights (tf × idf);
- ``actors``: the idf-weighted overlap of the salient actors;
- ``events``: shared event keys (type, sources, targets);
- ``places``: a shared place;
- ``quotes``: a quoted run of words both carry.

Only articles dated within :data:`DATE_WINDOW_DAYS` of each other are compared (the
window is on each article's date range, so an article dated only to its month is
compared with the whole month). A new article joins a story when its best score with a
member reaches :data:`JOIN` *and* its mean score over its :data:`LINKED_MEMBERS` closest
members reaches :data:`STORY_MEAN` of that: an article close to one report of a long
crisis is not pulled in, and a story of sixteen reports is joined by matching a few of
them, not all (a report of a search is close to the other reports of the search, not to
the families' interviews).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

JOIN = 0.35
# fewer indexed articles than this cannot tell a rare word from a common one: only the
# text and translation rules (pactwatch.stories.cluster) link them
MIN_ARTICLES = 10
STORY_MEAN = 0.9
LINKED_MEMBERS = 3
# an anchor stated by more than this share of the period's articles is its topic
ANCHOR_SHARE = 0.35
# ... and one stated by at most this many is rare however few articles there are
ANCHOR_FEW = 3
ACTOR_WEIGHT = 0.3
EVENT_WEIGHT = 0.1
PLACE_WEIGHT = 0.1
QUOTE_WEIGHT = 0.2
# shared quoted word runs that make one quoted sentence
QUOTE_RUNS = 3


@dataclass(frozen=True)
class _View:
    """One article's features as :func:`happening_score` compares them, worked out once
    per state of the index: idf-weighted terms (only terms another article shares), the
    vector's length, and sets of the rest."""

    weights: dict[str, float]
    norm: float
    anchors: frozenset[str]  # those rare enough to tell a happening
    salient: dict[str, float]  # salient actor -> its idf
    salient_total: float
    events: frozenset[Any]
    places: frozenset[Any]
    quotes: frozenset[Any]


class Rarity:
    """Document frequencies of lead terms and salient actors over the indexed articles."""

    def __init__(self) -> None:
        self.n = 0
        self.terms: dict[str, int] = {}
        self.actors: dict[str, int] = {}
        self.anchors: dict[str, int] = {}
        # idf by document frequency, and each article's view, valid while n is unchanged
        # (n grows with every add, the only change to the frequencies)
        self._idf: dict[int, float] = {}
        self._idf_n = 0
        self._views: dict[str, tuple[int, _View]] = {}

    def add(self, features: Mapping[str, Any]) -> None:
        self.n += 1
        for term in features.get("terms") or {}:
            self.terms[term] = self.terms.get(term, 0) + 1
        for actor in features.get("salient") or ():
            self.actors[actor] = self.actors.get(actor, 0) + 1
        for anchor in features.get("anchors") or ():
            self.anchors[anchor] = self.anchors.get(anchor, 0) + 1

    def idf(self, df: int) -> float:
        if self._idf_n != self.n:
            self._idf, self._idf_n = {}, self.n
        value = self._idf.get(df)
        if value is None:
            value = self._idf[df] = math.log((self.n + 1) / (df + 0.5))
        return value

    def view(self, doc_id: str, features: Mapping[str, Any]) -> _View:
        """``features`` ready for comparing (cached while the index is unchanged)."""
        cached = self._views.get(doc_id)
        if cached is not None and cached[0] == self.n:
            return cached[1]
        weights = {}
        for term, count in (features.get("terms") or {}).items():
            df = self.terms.get(term, 0)
            if df > 1:  # a term no other article has cannot be shared
                weights[term] = count * self.idf(df)
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        salient = {x: self.idf(self.actors.get(x, 0)) for x in features.get("salient") or ()}
        most = max(ANCHOR_FEW, ANCHOR_SHARE * self.n)
        anchors = frozenset(x for x in features.get("anchors") or ()
                            if self.anchors.get(x, 0) <= most)
        view = _View(weights, norm, anchors, salient, sum(salient.values()),
                     frozenset(_hashable(features.get("events"))),
                     frozenset(_hashable(features.get("places"))),
                     frozenset(_hashable(features.get("quotes"))))
        self._views[doc_id] = (self.n, view)
        return view


def _hashable(items: Any) -> list[Any]:
    # features read back from JSON hold lists where tuples were meant
    return [tuple(x) if isinstance(x, list) else x for x in items or ()]


def happening_score(a_id: str, a: Mapping[str, Any], b_id: str, b: Mapping[str, Any],
                    rarity: Rarity) -> float:
    """How strongly two articles' features say they report one happening (0 and up).

    0 when they share no rare anchor; else the sum of the cosine of their lead terms
    (tf × idf), the idf-weighted overlap of their salient actors and the shared events,
    places and quotes, each article's side worked out once (:meth:`Rarity.view`): a new
    article is scored against every article of its weeks, so this runs per pair.
    """
    va, vb = rarity.view(a_id, a), rarity.view(b_id, b)
    if not va.anchors & vb.anchors:
        return 0.0
    score = 0.0
    shared = va.weights.keys() & vb.weights.keys()
    if shared:
        wa, wb = va.weights, vb.weights
        score = sum(wa[t] * wb[t] for t in shared) / (va.norm * vb.norm)
    if va.salient or vb.salient:
        sa = va.salient
        both = sum(sa[x] for x in sa.keys() & vb.salient.keys())
        total = va.salient_total + vb.salient_total - both  # over the union
        score += ACTOR_WEIGHT * both / (total or 1.0)
    score += EVENT_WEIGHT * min(len(va.events & vb.events), 2)
    if va.places & vb.places:
        score += PLACE_WEIGHT
    if len(va.quotes & vb.quotes) >= QUOTE_RUNS:
        score += QUOTE_WEIGHT
    return score


def joins(scores: list[float], member_count: int) -> bool:
    """The best score reaches JOIN and the mean over the LINKED_MEMBERS best (members not
    compared count as 0) reaches STORY_MEAN × JOIN."""
    if not scores or max(scores) < JOIN:
        return False
    linked = min(LINKED_MEMBERS, max(member_count, 1))
    best = sorted(scores, reverse=True)[:linked]
    return sum(best) / linked >= STORY_MEAN * JOIN
