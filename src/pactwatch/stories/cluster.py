"""Group articles into stories: what they report, and the text they share.

Two articles belong to one story when their texts overlap strongly (a wire report
and its light rewrites), or overlap moderately *and* name the same actors on dates
a few days apart (a rewrite that changed most of the wording), or — a translation,
which shares almost no words with its original — name the same actors on close dates
and state the same figures in another language (:func:`same_figures`) or credit the
other's outlet (:func:`credits_original`). An article no
such link joins is matched on what it reports (:mod:`pactwatch.stories.happening`:
the happening its lead reports — its anchors, words and day —, salient actors, places,
events, quotes, on close dates): it joins the story whose reports it matches on average
and whose core (what most of its reports lead with) it carries, not one report of it,
and it merges two stories only when they agree with each other. Stories span at most
:data:`MAX_STORY_DAYS` (so links do not chain a daily bulletin into one story). An
article whose text almost equals another's (estimated Jaccard ≥ :data:`NEAR_DUPLICATE`)
is flagged ``near_duplicate_of`` the one seen first.

Adding articles never breaks a story apart: :class:`StoryIndex` takes stored articles
(no query) and then new ones (each compared with those before it), which makes
clustering incremental; the store hands it only the articles dated near the new ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from pactwatch.stories.happening import (
    MIN_ARTICLES,
    Rarity,
    anchored,
    covers,
    joins,
    story_core,
    view_score,
)
from pactwatch.stories.minhash import NUM_PERM, Signature

# LSH tuned to find pairs above this estimated Jaccard (some below it slip through
# and are judged like any other candidate)
CANDIDATE_THRESHOLD = 0.15
# its bands: what datasketch's MinHashLSH(threshold=0.15, num_perm=128) chooses (the
# false positives and negatives weighed equally), pinned so that finding candidates
# needs neither datasketch nor the scipy it imports (tests/test_stories.py checks them)
LSH_BANDS, LSH_ROWS = 51, 2
# at least this much shared text makes one story by itself (dates permitting)
SAME_TEXT = 0.5
# with shared actors and close dates, this much shared text is enough
RELATED_TEXT = 0.2
NEAR_DUPLICATE = 0.8
# most days between two articles' dates for them to report one happening
DATE_WINDOW_DAYS = 3
# most days a whole story may span: links between articles a few days apart would
# otherwise chain a daily bulletin (or a long crisis) into one story over months
MAX_STORY_DAYS = 10
# a translation keeps its original's figures: this many distinct shared numbers, and
# this share of either article's numbers, with the actors and dates above, link the two
SHARED_FIGURES = 3
FIGURES_OVERLAP = 0.5
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# actor kinds that say nothing about the happening (every article has an outlet)
_NEUTRAL_KINDS = ("outlet:",)


@dataclass(frozen=True)
class StoryArticle:
    """What clustering needs of one article (stored beside its signature)."""

    doc_id: str
    signature: Signature
    title: str | None = None
    outlet: str | None = None
    earliest: str | None = None  # first and last day the article may be from
    latest: str | None = None
    actors: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()  # the figures the text states (text_numbers)
    language: str | None = None
    # what the article reports (pactwatch.stories.features): lead terms, salient actors,
    # places, events, quoted words
    features: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    outlet_id: str | None = None  # its own outlet's id (outlet:reuters)
    credits: frozenset[str] = frozenset()  # the outlets it credits (originals.cited_outlets)
    # the date range as day numbers, worked out once (pairs are compared many times)
    first_day: int | None = field(init=False, default=None, compare=False, repr=False)
    last_day: int | None = field(init=False, default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        first, last = _day(self.earliest, False), _day(self.latest, True)
        if first and last:
            object.__setattr__(self, "first_day", first.toordinal())
            object.__setattr__(self, "last_day", last.toordinal())


def _day(value: str | None, last: bool) -> date | None:
    """An ISO prefix (2025, 2025-04, 2025-04-14) as its first or last day."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 1:
            return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)
        if len(parts) == 2:
            if not last:
                return date(parts[0], parts[1], 1)
            following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return following - timedelta(days=1)
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def record_dates(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """The first and last day an article may be from: its stated date, else the estimate."""
    document = record.get("document") or {}
    published = document.get("published")
    if published:
        first, last = _day(published, False), _day(published, True)
    else:
        estimate = document.get("published_estimate") or {}
        first = _day(estimate.get("earliest") or estimate.get("value"), False)
        last = _day(estimate.get("latest") or estimate.get("value"), True)
    return (first.isoformat() if first else None, last.isoformat() if last else None)


def record_actors(record: dict[str, Any]) -> frozenset[str]:
    """Ids of the actors an article's text names (not its outlets or metadata credits)."""
    return frozenset(
        a["id"] for a in record.get("actors") or []
        if a.get("id") and not a.get("from_metadata") and not a["id"].startswith(_NEUTRAL_KINDS)
    )


def text_numbers(text: str) -> frozenset[str]:
    """The figures a text states, written the same in any language: digits only, so
    "1.500" (Vietnamese) and "1,500" (English) agree. Whole numbers up to 31 (days and
    months, written "14/5" in one language and "Wednesday" in another) and years (the
    dates are compared anyway) say too little to keep."""
    found = set()
    for match in _NUMBER.finditer(text):
        written = match.group()
        digits = re.sub(r"[.,]", "", written).lstrip("0")
        whole = written.isdigit()
        if not digits or (whole and int(digits) <= 31):
            continue
        if whole and len(digits) == 4 and 1900 <= int(digits) <= 2100:
            continue
        found.add(digits)
    return frozenset(found)


def same_figures(a: StoryArticle, b: StoryArticle) -> bool:
    """Is one article a translation of the other: written in another language, stating
    the same figures? (Within one language, rewrites share words: daily reports of one
    ongoing crisis share figures without being one happening.)"""
    if not a.language or not b.language or a.language == b.language:
        return False
    shared = len(a.numbers & b.numbers)
    smaller = min(len(a.numbers), len(b.numbers))
    return shared >= SHARED_FIGURES and shared >= FIGURES_OVERLAP * smaller


def credits_original(a: StoryArticle, b: StoryArticle) -> bool:
    """Is one a translation crediting the other's outlet ("Theo Reuters" over a Reuters
    report in English)? It need share no word or figure with its original."""
    if not a.language or not b.language or a.language == b.language:
        return False
    return bool((b.outlet_id and b.outlet_id in a.credits)
                or (a.outlet_id and a.outlet_id in b.credits))


def dates_close(a: StoryArticle, b: StoryArticle, days: int = DATE_WINDOW_DAYS) -> bool:
    """True when the two date ranges come within ``days`` of each other (or one is unknown)."""
    if a.first_day is None or b.first_day is None:
        return True
    assert a.last_day is not None and b.last_day is not None
    return max(b.first_day - a.last_day, a.first_day - b.last_day, 0) <= days


def actors_agree(a: StoryArticle, b: StoryArticle) -> bool:
    """At least two actors in common (one shared country says little: most local news
    of a country shares it)."""
    return len(a.actors & b.actors) >= 2


def same_story(a: StoryArticle, b: StoryArticle, sim: float) -> bool:
    """The rule that links two articles (see the module docstring)."""
    if not dates_close(a, b):
        return False
    if sim >= SAME_TEXT:
        return True
    if not actors_agree(a, b):
        return False
    return sim >= RELATED_TEXT or same_figures(a, b) or credits_original(a, b)


@dataclass
class Story:
    """A group of at least two articles (ids in the order they were added)."""

    id: str
    members: list[str]
    # doc id -> the earlier member it nearly duplicates
    near_duplicate_of: dict[str, str] = field(default_factory=dict)
    # doc id -> its highest similarity to another member
    similarity: dict[str, float] = field(default_factory=dict)


class _Groups:
    """Union-find over doc ids, each group knowing the days its dated members span."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.span: dict[str, tuple[int, int]] = {}
        self.size: dict[str, int] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:  # path compression keeps later finds short
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str, max_days: int | None = None) -> bool:
        """Join the groups of ``a`` and ``b``, unless together they would span more than
        ``max_days``; True when they are (now) one group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        sa, sb = self.span.get(ra), self.span.get(rb)
        span = sa or sb
        if sa and sb:
            span = (min(sa[0], sb[0]), max(sa[1], sb[1]))
            if max_days is not None and span[1] - span[0] > max_days:
                return False
        # the smaller id stays the root: a story's id does not depend on order
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] = self.size.get(ra, 1) + self.size.pop(rb, 1)
        self.span.pop(rb, None)
        if span:
            self.span[ra] = span
        return True


class BandIndex:
    """MinHash LSH: the keys whose signatures equal a query's on some whole band of
    :data:`LSH_ROWS` values (likely above :data:`CANDIDATE_THRESHOLD`), as datasketch's
    ``MinHashLSH.query`` answers them."""

    def __init__(self, bands: int = LSH_BANDS, rows: int = LSH_ROWS) -> None:
        if bands * rows > NUM_PERM:
            raise ValueError(f"{bands} bands of {rows} need more than {NUM_PERM} values")
        self.rows = rows
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]
        self.keys: set[str] = set()

    def _bands(self, sig: Signature) -> list[bytes]:
        values = sig.hashvalues
        return [values[i * self.rows:(i + 1) * self.rows].tobytes()
                for i in range(len(self.tables))]

    def insert(self, key: str, sig: Signature) -> None:
        if key in self.keys:  # a second signature for one key would answer for both
            raise ValueError(f"{key!r} is in the index already")
        self.keys.add(key)
        for band, table in zip(self._bands(sig), self.tables, strict=True):
            table.setdefault(band, []).append(key)

    def query(self, sig: Signature) -> set[str]:
        found: set[str] = set()
        for band, table in zip(self._bands(sig), self.tables, strict=True):
            found.update(table.get(band, ()))
        return found


class StoryIndex:
    """An LSH index of articles and the stories their links make."""

    def __init__(self) -> None:
        self.lsh = BandIndex()
        self.articles: dict[str, StoryArticle] = {}
        # every signature as a row, so a new article is compared with all its candidates
        # in one numpy operation (the LSH may answer hundreds on look-alike texts)
        self._row: dict[str, int] = {}
        self._values = np.zeros((1024, NUM_PERM), dtype=np.uint64)
        # first and last day of each row (-1: undated), for the same reason
        self._days = np.full((1024, 2), -1, dtype=np.int64)
        self.groups = _Groups()
        self.order: list[str] = []
        self.near_duplicate_of: dict[str, str] = {}
        self.best: dict[str, float] = {}
        # roots of the groups that gained a member since the index was loaded
        self.touched: set[str] = set()
        # figure -> rows stating it: translations, which the text LSH cannot find
        self._by_number: dict[str, list[int]] = {}
        # outlet -> rows it wrote, and rows crediting it: translations and their originals
        self._by_outlet: dict[str, list[int]] = {}
        self._crediting: dict[str, list[int]] = {}
        # first day -> rows: the articles a new one is compared with on what it reports
        self._by_day: dict[int, list[int]] = {}
        self.rarity = Rarity()
        self._primed: set[str] = set()

    def prime(self, articles: Iterable[StoryArticle]) -> None:
        """Count the features of articles about to be added in the term rarities first,
        so that a batch's matches do not depend on the order its articles come in."""
        for article in articles:
            if article.features and article.doc_id not in self._primed:
                self.rarity.add(article.features)
                self._primed.add(article.doc_id)

    def load(self, article: StoryArticle, story: str | None = None,
             near_duplicate_of: str | None = None, sim: float | None = None) -> None:
        """Add an already-clustered article without querying (its links are known)."""
        self._insert(article)
        if story is not None:
            self.groups.union(story, article.doc_id)
        if near_duplicate_of:
            self.near_duplicate_of[article.doc_id] = near_duplicate_of
        if sim is not None:
            self.best[article.doc_id] = sim

    def add(self, article: StoryArticle) -> list[tuple[str, float]]:
        """Match a new article against every article before it; return its links."""
        if article.doc_id in self.articles:
            return []
        links = []
        candidates = self.lsh.query(article.signature)
        candidates.update(self.order[row] for row in self._figure_candidates(article))
        candidates.update(self.order[row] for row in self._credit_candidates(article))
        rows = np.fromiter((self._row[c] for c in sorted(candidates)), dtype=np.int64,
                           count=len(candidates))
        if len(rows) and article.first_day is not None:
            first, last = self._days[rows, 0], self._days[rows, 1]
            gap = np.maximum(np.maximum(first - article.last_day, article.first_day - last), 0)
            rows = rows[(first < 0) | (gap <= DATE_WINDOW_DAYS)]
        if len(rows):
            sims = (self._values[rows] == np.asarray(article.signature.hashvalues)).mean(axis=1)
            for row, sim in zip(rows.tolist(), sims.tolist(), strict=True):
                other = self.articles[self.order[row]]  # row n is the n-th inserted
                if same_story(article, other, sim):
                    links.append((other.doc_id, sim))
        self._insert(article)
        # the closest first: when the span limit refuses a link, it refuses a weaker one
        links.sort(key=lambda link: (-link[1], link[0]))
        links = [(o, sim) for o, sim in links
                 if self.groups.union(article.doc_id, o, MAX_STORY_DAYS)]
        by_happening = not links
        if by_happening:
            links = self._join_happening(article)
        for other_id, sim in links:
            for doc in (article.doc_id, other_id):
                self.best[doc] = max(self.best.get(doc, 0.0), sim)
        if links:
            best_id, best_sim = max(links, key=lambda link: (link[1], link[0]))
            if best_sim >= NEAR_DUPLICATE and not by_happening:
                self.near_duplicate_of[article.doc_id] = best_id
            self.touched.add(self.groups.find(article.doc_id))
        return links

    def _join_happening(self, article: StoryArticle) -> list[tuple[str, float]]:
        """Join every story (or lone article) whose reports tell of the same happening as
        ``article`` (pactwatch.stories.happening), the closest first, as far as the span
        limit allows. A story of two or more is joined only by an article that carries
        its *core* (:func:`happening.story_core`: what most of its reports lead with),
        and a second story is merged in only when its core and the core of the story
        joined so far agree, or the article's lead shares the anchors of one happening
        (:func:`happening.anchored`) with its closest report in each: an article close
        to one report of each of two happenings does not chain them."""
        if (article.first_day is None or article.last_day is None or not article.features
                or self.rarity.n < MIN_ARTICLES):
            return []
        by_root: dict[str, list[tuple[str, float]]] = {}
        members: dict[str, list[str]] = {}
        # its own side once: it is scored against every article of its weeks
        own_view = self.rarity.view(article.doc_id, article.features)
        for day in range(article.first_day - DATE_WINDOW_DAYS - MAX_STORY_DAYS,
                         article.last_day + DATE_WINDOW_DAYS + 1):
            for row in self._by_day.get(day, ()):
                other = self.articles[self.order[row]]
                if other.doc_id == article.doc_id:
                    continue
                root = self.groups.find(other.doc_id)
                members.setdefault(root, []).append(other.doc_id)
                if not dates_close(article, other):
                    continue
                score = view_score(own_view, self.rarity.view(other.doc_id, other.features))
                by_root.setdefault(root, []).append((other.doc_id, score))
        own = self._anchors(article.doc_id)
        passing: list[tuple[float, str]] = []
        for root, scored in by_root.items():
            size = self.groups.size.get(root, 1)
            values = [s for _, s in scored]
            if not joins(values, size):
                continue
            if size > 1 and not covers(own, story_core(map(self._anchors, members[root]))):
                continue
            passing.append((sum(values) / max(size, 1), root))
        # every story it joins becomes one: the first reports of a happening may have
        # started two stories that only a later report shows to be one
        links: list[tuple[str, float]] = []
        joined = [article.doc_id]
        for _, root in sorted(passing, reverse=True):
            other_id, score = max(by_root[root], key=lambda link: (link[1], link[0]))
            if links and not (self._anchored(article.doc_id, links[0][0])
                              and self._anchored(article.doc_id, other_id)):
                reports = members[root]
                theirs = (story_core(map(self._anchors, reports)) if len(reports) > 1
                          else self._anchors(reports[0]))
                if not covers(theirs, story_core(map(self._anchors, joined))):
                    continue
            if self.groups.union(article.doc_id, other_id, MAX_STORY_DAYS):
                links.append((other_id, round(min(score, 1.0), 3)))
                joined += members[root]
        return links

    def _anchored(self, a: str, b: str) -> bool:
        return anchored(a, self.articles[a].features, b, self.articles[b].features,
                        self.rarity)

    def _anchors(self, doc_id: str) -> Mapping[str, float]:
        """An article's lead anchors rare enough to tell a happening, with their weight."""
        return self.rarity.view(doc_id, self.articles[doc_id].features).anchors

    def _figure_candidates(self, article: StoryArticle) -> list[int]:
        """Rows that share at least SHARED_FIGURES figures with ``article``."""
        counts: dict[int, int] = {}
        for number in article.numbers:
            for row in self._by_number.get(number, ()):
                counts[row] = counts.get(row, 0) + 1
        return [row for row, n in counts.items() if n >= SHARED_FIGURES]

    def _credit_candidates(self, article: StoryArticle) -> list[int]:
        """Rows written by an outlet ``article`` credits, or crediting its outlet."""
        rows = [row for outlet in article.credits for row in self._by_outlet.get(outlet, ())]
        if article.outlet_id:
            rows += self._crediting.get(article.outlet_id, ())
        return rows

    def _insert(self, article: StoryArticle) -> None:
        row = len(self._row)
        if article.outlet_id:
            self._by_outlet.setdefault(article.outlet_id, []).append(row)
        for outlet in article.credits:
            self._crediting.setdefault(outlet, []).append(row)
        for number in article.numbers:
            self._by_number.setdefault(number, []).append(row)
        if row == len(self._values):
            self._values = np.concatenate([self._values, np.zeros_like(self._values)])
            self._days = np.concatenate([self._days, np.full_like(self._days, -1)])
        self._values[row] = article.signature.hashvalues
        if article.first_day is not None and article.last_day is not None:
            self._days[row] = (article.first_day, article.last_day)
        self._row[article.doc_id] = row
        if article.first_day is not None:
            self._by_day.setdefault(article.first_day, []).append(row)
        if article.features and article.doc_id not in self._primed:
            self.rarity.add(article.features)
        if article.first_day is not None and article.last_day is not None:
            self.groups.span[self.groups.find(article.doc_id)] = (article.first_day,
                                                                  article.last_day)
        self.articles[article.doc_id] = article
        self.order.append(article.doc_id)
        self.lsh.insert(article.doc_id, article.signature)

    def stories(self, only_touched: bool = False) -> list[Story]:
        """Every group of two or more articles (or only those that changed)."""
        touched = {self.groups.find(t) for t in self.touched}
        members: dict[str, list[str]] = {}
        for doc_id in self.order:
            root = self.groups.find(doc_id)
            if only_touched and root not in touched:
                continue
            members.setdefault(root, []).append(doc_id)
        found = []
        for docs in members.values():
            if len(docs) < 2:
                continue
            found.append(Story(
                id=story_id(docs),
                members=docs,
                near_duplicate_of={d: self.near_duplicate_of[d] for d in docs
                                   if d in self.near_duplicate_of},
                similarity={d: round(self.best.get(d, 0.0), 3) for d in docs},
            ))
        return sorted(found, key=lambda s: s.id)


def story_id(members: Iterable[str]) -> str:
    """``s-`` and the smallest member id: stable while the story only grows."""
    return "s-" + min(members)


def cluster(articles: Iterable[StoryArticle]) -> list[Story]:
    """Group the articles into stories (each added in turn, so every pair is judged)."""
    index = StoryIndex()
    articles = list(articles)
    index.prime(articles)
    for article in articles:
        index.add(article)
    return index.stories()
