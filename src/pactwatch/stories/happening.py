"""Do two reports tell of one happening? A score from what their leads report.

Outlets word one happening differently, so shared text (MinHash) only finds rewrites.
Two reports of one happening *lead* with it: their headline and first paragraphs state
the same occurrence, with the same figures and names (its *anchors*,
:func:`features.lead_anchors`), and mostly the same distinctive words. Reports that only
share a topic (the daily bulletins and features of an epidemic, a military build-up's
drills, warnings and visits) share its general names ("Ấn Độ", "Covid-19", "Nga",
"Crimea") but not what their leads report. :func:`happening_score` therefore asks first
what the two leads share:

- *anchor strength*: the summed weight of their shared anchors. A weight says how much
  an anchor tells a happening by its kind (a figure by its significant digits: "386452"
  is one day's count, "150000" a round number; a name the knowledge base does not know,
  "Nanggala", more than a person it knows, and a country least) and by its rarity among
  the period's articles (:class:`Rarity`): in full while at most :data:`ANCHOR_RARE` of
  them state it, falling to nothing at :data:`ANCHOR_SHARE` (the topic's own names are
  weak anchors). Where the news is from weighs as little as a country: a province or a
  centrally run city (:data:`REGION_WEIGHT`: domestic news names one in every report),
  and an office the knowledge base does not know (:data:`OFFICE_WEIGHT`: "Sở Y tế",
  "Cục Thi hành án" of any province, a ministry whose weekly briefing is many
  happenings); a rounded figure ("148 triệu") a step less than its digits;
- leads sharing anchors of :data:`ANCHOR_STRENGTH` tell one happening; leads sharing
  less (but something) do only when their words agree (:data:`TEXT_ALONE`), they share
  a *specific* (:func:`_specific_shared`: an anchor weighing more than a country by its
  kind — a person, a place below a province, a figure, a name — or two states: words
  agreeing on one country are a topic's words, the bulletins of an epidemic), *and* they
  date it to the same day (:data:`LEAD_DAYS`, when both state a day: a daily bulletin in
  the same words is another day's happening).

Then the score adds the signals, each weighted by how rare it is among the period's
articles:

- ``text``: cosine of the two leads' term weights (tf × idf);
- ``anchors``: :data:`ANCHOR_SCORE` per unit of anchor strength (up to ANCHOR_CAP);
- ``actors``: the idf-weighted overlap of the salient actors;
- ``events``: shared event keys (type, sources, targets);
- ``places``: a shared place;
- ``quotes``: a quoted run of words both carry.

Only articles dated within :data:`DATE_WINDOW_DAYS` of each other are compared (the
window is on each article's date range, so an article dated only to its month is
compared with the whole month). A new article joins a story when its best score with a
member reaches :data:`JOIN` *and* its mean score over its :data:`LINKED_MEMBERS` closest
members reaches :data:`STORY_MEAN` of that, *and* (a story of two or more) it carries the
story's *core* (:func:`story_core`, :func:`covers`: the anchors most of its reports lead
with), so that an article close to one report of a story, on the story's topic but not its
happening, is not pulled in, while a story of sixteen reports is joined by matching a few
of them (a report of a search is close to the other reports of the search, not to the
families' interviews, but all name the submarine).
"""

from __future__ import annotations

import csv
import functools
import io
import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

import yaml

JOIN = 0.55
# fewer indexed articles than this cannot tell a rare word from a common one: only the
# text and translation rules (pactwatch.stories.cluster) link them
MIN_ARTICLES = 10
STORY_MEAN = 0.9
LINKED_MEMBERS = 3
# an anchor stated by more than this share of the period's articles is its topic (no
# anchor at all)
ANCHOR_SHARE = 0.35
# ... and one stated by at most this many is rare however few articles there are
ANCHOR_FEW = 3
# an anchor stated by at most this share counts in full
ANCHOR_RARE = 0.2
# what an anchor of each kind says: an actor the knowledge base knows is named in many
# happenings (a country in most of its news), a figure or an unknown name in few
ANCHOR_KINDS = {"country": 0.25, "": 0.5}  # "": any other actor kind
# ... a government body the knowledge base does not know is an office the analysis named
# from a heading: "Cục Thi hành án", "Sở Y tế", "Trung tâm Dự báo" (every province has
# one; a ministry and its departments hold a briefing a week), not one actor's happening
OFFICE_WEIGHT = 0.25
# ... and so is a province, a state or a centrally run city (a country's first-level
# subdivision: its domestic news names one in most reports, as world news a country)
REGION_WEIGHT = 0.25
NAME_WEIGHT = 0.5
# a figure by its significant digits (0, 1, 2, 3, 4 or more)
FIGURE_WEIGHTS = (0.25, 0.25, 0.5, 0.75, 1.0)
# two leads tell one happening when their shared anchors weigh this much
ANCHOR_STRENGTH = 1.0
# ... or weigh at least ANCHOR_MIN and their leads' words agree this much
ANCHOR_MIN = 0.1
TEXT_ALONE = 0.35
# ... and share an anchor of at least this weight by its kind (more than a country's)
SPECIFIC_WEIGHT = 0.5
# ... when their leads date it (if both do) to days at most this far apart
LEAD_DAYS = 1
# what shared anchors add to the score (up to ANCHOR_CAP of their weight)
ANCHOR_SCORE = 0.25
ANCHOR_CAP = 2.0
ACTOR_WEIGHT = 0.3
EVENT_WEIGHT = 0.1
PLACE_WEIGHT = 0.1
QUOTE_WEIGHT = 0.2
# a story's core: the anchors at least this share of its reports lead with
CORE_SHARE = 0.5
# shared quoted word runs that make one quoted sentence
QUOTE_RUNS = 3


@dataclass(frozen=True)
class _View:
    """One article's features as :func:`happening_score` compares them, worked out once
    per state of the index: idf-weighted terms (only terms another article shares), the
    vector's length, and sets of the rest."""

    weights: dict[str, float]
    norm: float
    anchors: dict[str, float]  # those rare enough to tell a happening -> their weight
    salient: dict[str, float]  # salient actor -> its idf
    salient_total: float
    events: frozenset[Any]
    places: frozenset[Any]
    quotes: frozenset[Any]
    day: int | None  # the day its lead dates its happening to (features.lead_day)
    known: dict[str, str]  # the words of its actor anchors (_known_names)
    # its written-name anchors as ids spell them, in order: (anchor, weight, _plain(anchor))
    plain: tuple[tuple[str, float, str], ...] = ()


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

    def anchor_weight(self, anchor: str) -> float:
        """How much sharing ``anchor`` says two leads tell one happening: its kind's weight
        (:func:`_kind_weight`), in full while at most :data:`ANCHOR_RARE` of the period's
        articles state it, falling to 0 at :data:`ANCHOR_SHARE` (the topic's own names:
        "Ấn Độ" in the second wave)."""
        weight = _kind_weight(anchor)
        df = self.anchors.get(anchor, 0)
        rare = max(ANCHOR_FEW, ANCHOR_RARE * self.n)
        common = max(ANCHOR_FEW, ANCHOR_SHARE * self.n)
        if df <= rare:
            return weight
        if df > common:
            return 0.0
        return weight * (common - df) / (common - rare)

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
        anchors = {x: w for x in features.get("anchors") or ()
                   if (w := self.anchor_weight(x)) > 0}
        view = _View(weights, norm, anchors, salient, sum(salient.values()),
                     frozenset(_hashable(features.get("events"))),
                     frozenset(_hashable(features.get("places"))),
                     frozenset(_hashable(features.get("quotes"))),
                     _ordinal(features.get("lead_day")), _known_names(anchors),
                     tuple((x, w, p) for x, w in anchors.items() if (p := _plain(x))))
        self._views[doc_id] = (self.n, view)
        return view


def _kind_weight(anchor: str) -> float:
    """What an anchor says by its kind: a figure by its significant digits ("386452"
    is one day's count, "150000" a round number many reports state; one in millions or
    thousands, ``#~148``, is rounded: a step less), an actor by its kind,
    a name the knowledge base does not know fully."""
    if anchor.startswith("#~"):  # rounded ("148 triệu"): one step less than its digits
        digits = len(anchor[2:].rstrip("0")) - 1
        return FIGURE_WEIGHTS[max(0, min(digits, len(FIGURE_WEIGHTS) - 1))]
    if anchor.startswith("#"):
        digits = len(anchor[1:].rstrip("0"))
        return FIGURE_WEIGHTS[min(digits, len(FIGURE_WEIGHTS) - 1)]
    if anchor in _regions():
        return REGION_WEIGHT
    if ":" in anchor:
        kind = anchor.split(":", 1)[0]
        if kind == "government_body" and anchor not in _known_bodies():
            return OFFICE_WEIGHT
        return ANCHOR_KINDS.get(kind, ANCHOR_KINDS[""])
    return NAME_WEIGHT


@functools.cache
def _known_bodies() -> frozenset[str]:
    """The government bodies of the knowledge base (``data/kb/government_bodies.yaml``)."""
    raw = resources.files("pactwatch").joinpath("data", "kb", "government_bodies.yaml")
    data = yaml.safe_load(raw.read_text(encoding="utf-8")) or []
    entries = data if isinstance(data, list) else data.get("actors") or []
    return frozenset(str(e["id"]) for e in entries if isinstance(e, dict) and e.get("id"))


@functools.cache
def _regions() -> frozenset[str]:
    """The anchors that name a first-level subdivision: the place ids of the knowledge
    base's subdivisions (``data/kb/subdivisions.csv``, ISO 3166-2), their names and
    aliases as a lead writes them (case-folded: "hà tĩnh", when the analysis did not
    recognise the name) and the Vietnamese abbreviations of the central cities
    ("tphcm")."""
    from pactwatch.stories.features import vietnamese_cities

    raw = resources.files("pactwatch").joinpath("data", "kb", "subdivisions.csv").read_text(
        encoding="utf-8")
    found: set[str] = set(vietnamese_cities())
    lines = (line for line in io.StringIO(raw) if not line.startswith("#"))
    for row in csv.DictReader(lines):
        if row.get("id"):
            found.add(row["id"])
        names = [row.get("name") or "", row.get("name_vi") or ""]
        names += (row.get("aliases") or "").split("|")
        found.update(unicodedata.normalize("NFC", n).casefold() for n in names if n)
    return frozenset(found)


def _ordinal(day: Any) -> int | None:
    try:
        return date.fromisoformat(str(day)[:10]).toordinal() if day else None
    except ValueError:
        return None


def _hashable(items: Any) -> list[Any]:
    # features read back from JSON hold lists where tuples were meant
    return [tuple(x) if isinstance(x, list) else x for x in items or ()]


def happening_score(a_id: str, a: Mapping[str, Any], b_id: str, b: Mapping[str, Any],
                    rarity: Rarity) -> float:
    """How strongly two articles' features say they report one happening (0 and up).

    0 when their leads do not share the happening (the anchor strength and, below
    :data:`ANCHOR_STRENGTH`, the words and the day: see the module docstring); else the
    sum of the cosine of their lead terms (tf × idf), the anchor strength, the
    idf-weighted overlap of their salient actors and the shared events, places and
    quotes, each article's side worked out once (:meth:`Rarity.view`): a new article is
    scored against every article of its weeks, so this runs per pair.
    """
    return view_score(rarity.view(a_id, a), rarity.view(b_id, b))


def view_score(va: _View, vb: _View) -> float:
    """:func:`happening_score` of two articles' views (:meth:`Rarity.view`)."""
    strength = _view_strength(va, vb)
    if strength < ANCHOR_MIN:
        return 0.0
    text = 0.0
    shared = va.weights.keys() & vb.weights.keys()
    if shared:
        wa, wb = va.weights, vb.weights
        text = sum(wa[t] * wb[t] for t in shared) / (va.norm * vb.norm)
    if strength < ANCHOR_STRENGTH:
        if text < TEXT_ALONE or not _specific_shared(va, vb):
            return 0.0
        # leads in the same words dated to different days: a daily bulletin, another day
        if va.day is not None and vb.day is not None and abs(va.day - vb.day) > LEAD_DAYS:
            return 0.0
    score = text + ANCHOR_SCORE * min(strength, ANCHOR_CAP)
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


def _specific_shared(va: _View, vb: _View) -> bool:
    """Do two leads share an anchor more specific than where the news is from (a
    country, a province, an office: :data:`SPECIFIC_WEIGHT`), or two states? Words
    agreeing on one country alone are a topic's words ("ca mắc", "ghi nhận" of an
    epidemic's bulletins)."""
    shared = va.anchors.keys() & vb.anchors.keys()
    if any(_kind_weight(x) >= SPECIFIC_WEIGHT for x in shared):
        return True
    # two states together: what passes between them (expulsions, talks), not one's news
    if sum(x.startswith("country:") for x in shared) >= 2:
        return True
    # a name one lead writes and the other has as an actor
    return _strength(va.anchors, vb.anchors, va.known, vb.known) > sum(
        min(va.anchors[x], vb.anchors[x]) for x in shared) + 1e-9


def _strength(a: Mapping[str, float], b: Mapping[str, float],
              a_known: Mapping[str, str] | None = None,
              b_known: Mapping[str, str] | None = None) -> float:
    """The weight of the anchors ``a`` and ``b`` share: the same anchor, or a name one
    lead states as written and the other as the actor the knowledge base found there
    ("suez" and ``place:suez``: the analysis did not recognise it in both)."""
    total = sum(min(a[x], b[x]) for x in a.keys() & b.keys())
    for one, other, known in ((a, b, b_known), (b, a, a_known)):
        if known is None:
            known = _known_names(other)
        if not known:
            continue
        for name, weight in one.items():
            actor = known.get(_plain(name)) if name not in other else None
            if actor is not None and actor not in one:
                total += min(weight, other[actor])
    return total


def _view_strength(va: _View, vb: _View) -> float:
    """:func:`_strength` of two views, from their precomputed plain names: the same sums
    in the same order (a name ``_plain`` spells as nothing names no known actor)."""
    a, b = va.anchors, vb.anchors
    total = sum(min(a[x], b[x]) for x in a.keys() & b.keys())
    for one, other, known, names in ((a, b, vb.known, va.plain), (b, a, va.known, vb.plain)):
        if not known:
            continue
        for name, weight, plain in names:
            if name in other:
                continue
            actor = known.get(plain)
            if actor is not None and actor not in one:
                total += min(weight, other[actor])
    return total


def _known_names(anchors: Mapping[str, float]) -> dict[str, str]:
    """The words (of four letters or more) of the actor ids among ``anchors``
    ("place:abu-dhabi" → "dhabi"), and their whole names ("person:truong-hoa-binh" →
    "truong hoa binh": a lead that writes the name the analysis did not recognise), each
    naming its actor."""
    found: dict[str, str] = {}
    for anchor in anchors:
        if ":" in anchor:
            words = anchor.split(":", 1)[1].split("-")
            if len(words) > 1:  # the whole name ("truong hoa binh")
                found.setdefault(" ".join(words), anchor)
            for word in words:
                if len(word) >= 4:
                    found.setdefault(word, anchor)
    return found


@functools.lru_cache(maxsize=65536)
def _plain(name: str) -> str:
    """A written name as an id spells it: ASCII, without marks ("gdańsk" → "gdansk")."""
    if ":" in name or name.startswith("#"):
        return ""
    folded = unicodedata.normalize("NFD", name.replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def anchored(a_id: str, a: Mapping[str, Any], b_id: str, b: Mapping[str, Any],
             rarity: Rarity) -> bool:
    """Do two leads share anchors enough to tell one happening by themselves
    (:data:`ANCHOR_STRENGTH`), whatever their words?"""
    va, vb = rarity.view(a_id, a), rarity.view(b_id, b)
    return _view_strength(va, vb) >= ANCHOR_STRENGTH - 1e-9


def joins(scores: list[float], member_count: int) -> bool:
    """The best score reaches JOIN and the mean over the LINKED_MEMBERS best (members not
    compared count as 0) reaches STORY_MEAN × JOIN."""
    if not scores or max(scores) < JOIN:
        return False
    linked = min(LINKED_MEMBERS, max(member_count, 1))
    best = sorted(scores, reverse=True)[:linked]
    return sum(best) / linked >= STORY_MEAN * JOIN


def story_core(anchors: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """The anchors (with their weights) that at least :data:`CORE_SHARE` of a story's
    reports (and two of them) lead with: what the story is about. Of one report, its
    anchors."""
    counts: dict[str, int] = {}
    weights: dict[str, float] = {}
    n = 0
    for held in anchors:
        n += 1
        for anchor, weight in held.items():
            counts[anchor] = counts.get(anchor, 0) + 1
            weights[anchor] = weight
    least = 1 if n == 1 else max(2, math.ceil(CORE_SHARE * n))
    return {a: weights[a] for a, c in counts.items() if c >= least}


def covers(anchors: Mapping[str, float], core: Mapping[str, float]) -> bool:
    """Do ``anchors`` carry enough of a story's ``core``: as much as two reports of one
    happening share (:data:`ANCHOR_STRENGTH`), or all of a core lighter than that (a
    story its reports' words made)?"""
    total = sum(core.values())
    return _strength(anchors, core) >= min(ANCHOR_STRENGTH, total) - 1e-9
