"""Story updates: the cost of folding new articles into the stories of a database that
already holds 1,000, 10,000 and 100,000 articles, printed side by side.

    python benchmarks/stories.py                     # 1k, 10k, 100k stored articles
    python benchmarks/stories.py --sizes 1000 10000 --new 50

For each size a fresh SQLite database is filled through the store layer with generated
articles (``Store.save_document`` of small analysed documents, and their story
signatures through ``Store.save_story_signatures``, in batches: no pipeline), at a steady
:data:`PER_DAY` articles a day, as a news database grows: a larger database covers more
days, not more articles per day. At :data:`PER_DAY` even the smallest database spans more
than the days an update reads (the date window and a story's longest span either side of
the new articles' days), so every size loads the same number of neighbours and the sizes
differ only in what an update should never read. One story in five is a happening
reported by several outlets. Then ``--new`` articles dated on the last days are stored and
``update_stories`` folds them in; its time per new article is the figure, with its
parts (finding the unsigned articles, loading the signatures dated near them, matching,
writing) and the number of stored signatures it loaded. A cost per article that does not
grow with the database is the goal (issue 17); figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

from pactwatch.document import Actor, Document, Mention
from pactwatch.store import Store, open_store
from pactwatch.store import sql as store_sql
from pactwatch.stories import build
from pactwatch.stories.build import signature_row, update_stories

PER_DAY = 30
SIZES = (1_000, 10_000, 100_000)
COUNTRIES = [("VNM", "Việt Nam"), ("USA", "Mỹ"), ("RUS", "Nga"), ("CHN", "Trung Quốc"),
             ("JPN", "Nhật Bản"), ("KOR", "Hàn Quốc"), ("FRA", "Pháp"), ("DEU", "Đức"),
             ("GBR", "Anh"), ("UKR", "Ukraine"), ("POL", "Ba Lan"), ("FIN", "Phần Lan"),
             ("IND", "Ấn Độ"), ("AUS", "Australia"), ("PHL", "Philippines")]
VERBS = ["ký thỏa thuận", "hội đàm về", "tập trận chung", "cam kết viện trợ", "phản đối",
         "đàm phán về", "công bố kế hoạch", "triển khai lực lượng", "hủy bỏ hợp đồng"]
TOPICS = ["phòng không", "tàu ngầm", "năng lượng", "thương mại", "an ninh biển",
          "chuyển giao vũ khí", "ngừng bắn", "tình báo", "lương thực", "cảng biển"]
OUTLETS = ["Tin Nhanh", "Thời Báo", "Điểm Tin", "Báo Mẫu", "Tin Tổng Hợp"]
START = date(2020, 1, 1)


def _article(rng: random.Random, n: int, day: date, happening: int) -> Document:
    """A small analysed article: a lead naming two countries and what they did, a body."""
    h = random.Random(happening)  # one happening: the same parties, verb, topic and figure
    (a_iso, a_name), (b_iso, b_name) = h.sample(COUNTRIES, 2)
    verb, topic, figure = h.choice(VERBS), h.choice(TOPICS), h.randint(100, 99_000)
    title = f"{a_name} và {b_name} {verb} {topic}"
    lead = (f"Ngày {day.day}/{day.month}, {a_name} và {b_name} {verb} {topic} trị giá"
            f" {figure} triệu USD, theo nguồn tin số {n}.")
    body = " ".join(f"Câu {i} của bài {n} nói về {rng.choice(TOPICS)} và {rng.choice(VERBS)}."
                    for i in range(rng.randint(4, 12)))
    text = f"{title}\n\n{lead}\n\n{body}"
    actors = []
    for iso, name in ((a_iso, a_name), (b_iso, b_name)):
        mentions = [Mention(i, i + len(name), name) for i in _find_all(text, name)]
        actors.append(Actor(f"country:{iso}", name, name, "country", iso3=iso,
                            mentions=mentions))
    return Document(text=text, title=title, published=day.isoformat(),
                    outlet=OUTLETS[n % len(OUTLETS)], actors=actors,
                    source_path=f"bench/{n:07d}.txt")


def _find_all(text: str, name: str) -> list[int]:
    found, at = [], text.find(name)
    while at >= 0:
        found.append(at)
        at = text.find(name, at + 1)
    return found


def _articles(first: int, count: int, first_day: int, seed: int) -> Iterator[Document]:
    """Articles ``first``..``first+count`` at PER_DAY a day from ``first_day``; about one
    in five reports a happening another article (of another outlet) reports too."""
    rng = random.Random(seed)
    for n in range(first, first + count):
        day = START + timedelta(days=first_day + (n - first) // PER_DAY)
        happening = n // 3 if n % 5 == 0 else 1_000_000 + n  # shared by a few neighbours
        yield _article(rng, n, day, happening)


def _fill(store: Store, size: int) -> float:
    """Store ``size`` articles with their signatures (no stories matched); seconds. Each
    is stamped as ingested on its own day: a database of 100,000 articles was filled over
    months, not in the minutes before the update (which reads what came since the newest
    signed article)."""
    started = time.perf_counter()
    batch: list[dict[str, Any]] = []
    # the first day as long ago as the database spans, the last one yesterday
    first = datetime.now(UTC) - timedelta(days=size // PER_DAY + 1)
    stamp = [""]
    with patch.object(store_sql, "now_iso", lambda: stamp[0]), \
            store.write_batch(articles=1000, seconds=5.0):
        for doc in _articles(0, size, 0, seed=size):
            day = date.fromisoformat(doc.published or START.isoformat()) - START
            stamp[0] = (first + day).isoformat(timespec="seconds")
            store.save_document(doc)
            batch.append(signature_row(doc.as_dict()))
            if len(batch) >= 1000:
                store.save_story_signatures(batch)
                batch = []
    store.save_story_signatures(batch)
    return time.perf_counter() - started


class _Timed:
    """Wall time spent in the store calls an update makes, by name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.loaded = 0

    @contextmanager
    def patched(self, store: Store) -> Iterator[None]:
        originals = {name: getattr(store, name) for name in
                     ("unsigned_documents", "story_signatures", "save_stories",
                      "save_story_signatures", "get_record")}

        def timed(name: str) -> Any:
            original = originals[name]

            def call(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                result = original(*args, **kwargs)
                if name == "story_signatures":
                    result = list(result)
                    self.loaded += len(result)
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
                return result
            return call

        for name in originals:
            setattr(store, name, timed(name))
        try:
            yield
        finally:
            for name in originals:
                delattr(store, name)


def measure(size: int, new: int, folder: Path) -> dict[str, Any]:
    db = folder / f"stories-{size}.db"
    with open_store(db) as store:
        fill_s = _fill(store, size)
        last_day = (size - 1) // PER_DAY
        # the new articles: dated on the database's last days, some joining its stories
        fresh = list(_articles(size, new, last_day - 1, seed=size + 1))
        with store.write_batch(articles=1000, seconds=5.0):
            for doc in fresh:
                store.save_document(doc)
        timed = _Timed()
        started = time.perf_counter()
        with timed.patched(store):
            summary = update_stories(store)
        total = time.perf_counter() - started
        db_mb = db.stat().st_size / 1e6
    parts = timed.seconds
    match = total - sum(parts.values())
    return {"size": size, "fill_s": fill_s, "db_mb": db_mb, "new": summary.signed,
            "per_article_ms": 1000 * total / max(new, 1),
            "unsigned_ms": 1000 * parts.get("unsigned_documents", 0.0) / max(new, 1),
            "load_ms": 1000 * parts.get("story_signatures", 0.0) / max(new, 1),
            "records_ms": 1000 * parts.get("get_record", 0.0) / max(new, 1),
            "match_ms": 1000 * match / max(new, 1),
            "write_ms": 1000 * (parts.get("save_stories", 0.0)
                                + parts.get("save_story_signatures", 0.0)) / max(new, 1),
            "loaded": timed.loaded, "stories_changed": summary.changed}


ROWS = [("stored articles", "size", "{:,}"), ("fill (s)", "fill_s", "{:.1f}"),
        ("database (MB)", "db_mb", "{:.0f}"), ("new articles", "new", "{:,}"),
        ("update per new article (ms)", "per_article_ms", "{:.2f}"),
        ("  find unsigned (ms)", "unsigned_ms", "{:.2f}"),
        ("  load nearby signatures (ms)", "load_ms", "{:.2f}"),
        ("  read new records (ms)", "records_ms", "{:.2f}"),
        ("  match (ms)", "match_ms", "{:.2f}"),
        ("  write stories + signatures (ms)", "write_ms", "{:.2f}"),
        ("signatures loaded", "loaded", "{:,}"), ("stories written", "stories_changed", "{:,}")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--new", type=int, default=100, help="new articles per update")
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for size in args.sizes:
            results.append(measure(size, args.new, folder))
            print(f"  {size:,} stored: {results[-1]['per_article_ms']:.2f} ms per new article",
                  file=sys.stderr, flush=True)
    print(f"{PER_DAY} articles a day; {args.new} new articles per update"
          f" (window: {build.DATE_WINDOW_DAYS} + {build.MAX_STORY_DAYS} days either side)")
    width = max(len(label) for label, _, _ in ROWS)
    for label, key, fmt in ROWS:
        cells = "".join(f"{fmt.format(r[key]):>12}" for r in results)
        print(f"{label:<{width}}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
