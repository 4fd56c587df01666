"""Do two reports tell of one happening? A score from what they report.

Outlets word one happening differently, so shared text (MinHash) only finds rewrites.
Two reports of one happening state the news in their headline and lead with the same
distinctive words, make the same actors salient, name the same places, report the same
events (type and participants) and quote the same sentences. :func:`happening_score`
adds those signals, each weighted by how rare it is among the articles of the period
(:class:`Rarity`: "Covid" in April 2021 says little, "Nanggala" a lot):

- ``text``: cosine of the two leads' term weights (tf × idf);
- ``actors``: the idf-weighted overlap of the salient actors;
- ``events``: shared event keys (type, sources, targets);
- ``places``: a shared place;
- ``quotes``: a quoted run of words both carry.

Only articles dated within :data:`DATE_WINDOW_DAYS` of each other are compared (the
window is on each article's date range, so an article dated only to its month is
compared with the whole month). A new article joins a story when its best score with a
member reaches :data:`JOIN` *and* its mean score over the story's members reaches
:data:`STORY_MEAN` of that (average link: an article close to one report of a long
crisis is not pulled into every other).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

JOIN = 0.35
# fewer indexed articles than this cannot tell a rare word from a common one: only the
# text and translation rules (pactwatch.stories.cluster) link them
MIN_ARTICLES = 10
STORY_MEAN = 0.9
ACTOR_WEIGHT = 0.3
EVENT_WEIGHT = 0.1
PLACE_WEIGHT = 0.1
QUOTE_WEIGHT = 0.2
# shared quoted word runs that make one quoted sentence
QUOTE_RUNS = 3


class Rarity:
    """Document frequencies of lead terms and salient actors over the indexed articles."""

    def __init__(self) -> None:
        self.n = 0
        self.terms: dict[str, int] = {}
        self.actors: dict[str, int] = {}
        self._norms: dict[str, tuple[int, float]] = {}

    def add(self, features: Mapping[str, Any]) -> None:
        self.n += 1
        for term in features.get("terms") or {}:
            self.terms[term] = self.terms.get(term, 0) + 1
        for actor in features.get("salient") or ():
            self.actors[actor] = self.actors.get(actor, 0) + 1

    def idf(self, df: int) -> float:
        return math.log((self.n + 1) / (df + 0.5))

    def norm(self, doc_id: str, terms: Mapping[str, int]) -> float:
        """The length of an article's term vector (cached while the index is unchanged)."""
        cached = self._norms.get(doc_id)
        if cached and cached[0] == self.n:
            return cached[1]
        total = 0.0
        for term, count in terms.items():
            df = self.terms.get(term, 0)
            if df > 1:  # a term no other article has cannot be shared
                total += (count * self.idf(df)) ** 2
        value = math.sqrt(total) or 1.0
        self._norms[doc_id] = (self.n, value)
        return value


def text_cosine(a_id: str, a: Mapping[str, int], b_id: str, b: Mapping[str, int],
                rarity: Rarity) -> float:
    if len(b) < len(a):
        a_id, a, b_id, b = b_id, b, a_id, a
    dot = 0.0
    for term, count in a.items():
        other = b.get(term)
        if other:
            df = rarity.terms.get(term, 0)
            if df > 1:
                dot += count * other * rarity.idf(df) ** 2
    return dot / (rarity.norm(a_id, a) * rarity.norm(b_id, b)) if dot else 0.0


def actor_overlap(a: set[str], b: set[str], rarity: Rarity) -> float:
    union = a | b
    if not union:
        return 0.0
    weights = {x: rarity.idf(rarity.actors.get(x, 0)) for x in union}
    return sum(weights[x] for x in a & b) / (sum(weights.values()) or 1.0)


def happening_score(a_id: str, a: Mapping[str, Any], b_id: str, b: Mapping[str, Any],
                    rarity: Rarity) -> float:
    """How strongly two articles' features say they report one happening (0 and up)."""
    score = text_cosine(a_id, a.get("terms") or {}, b_id, b.get("terms") or {}, rarity)
    score += ACTOR_WEIGHT * actor_overlap(set(a.get("salient") or ()),
                                          set(b.get("salient") or ()), rarity)
    shared_events = len(set(a.get("events") or ()) & set(b.get("events") or ()))
    score += EVENT_WEIGHT * min(shared_events, 2)
    if set(a.get("places") or ()) & set(b.get("places") or ()):
        score += PLACE_WEIGHT
    if len(set(a.get("quotes") or ()) & set(b.get("quotes") or ())) >= QUOTE_RUNS:
        score += QUOTE_WEIGHT
    return score


def joins(scores: list[float], member_count: int) -> bool:
    """Average link: the best score reaches JOIN and the mean over every member (members
    not compared count as 0) reaches STORY_MEAN × JOIN."""
    if not scores or max(scores) < JOIN:
        return False
    return sum(scores) / max(member_count, 1) >= STORY_MEAN * JOIN
