"""Latency of the API's timeline, search and actor endpoints on a large database.

Builds (or reuses) a SQLite database of synthetic rows — by default 1,000,000 events
in 100,000 documents — straight through ``Store.bulk_save`` (no analysis), then
times requests through the ASGI app in-process (no network) and prints p50/p95 per
request kind. Goal: p95 < 50 ms. Figures are printed, never asserted.

    python benchmarks/api.py                       # 1M events in a temporary database
    python benchmarks/api.py --events 200000 --runs 30
    python benchmarks/api.py --db /tmp/bench-api.db --keep   # reuse on the next run
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient

from pactwatch.api.app import create_app
from pactwatch.store import open_store
from pactwatch.store.fold import fold_key
from pactwatch.store.rows import DocumentRows, to_json

GOAL_P95_MS = 50.0
EVENTS_PER_DOC = 10
BATCH_DOCS = 2000
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = (None, "military", "diplomatic", "economic")
OUTLETS = ("VnExpress", "Tuổi Trẻ", "Thanh Niên", "VietnamPlus", "Dân trí", "VTC News", "PLO")
WORDS = ("hòa bình", "an ninh", "quốc phòng", "liên minh", "hiệp ước", "tập trận", "biển",
         "đối thoại", "căng thẳng", "hợp tác", "bảo đảm", "ngừng bắn", "cam kết", "đồng minh")
COMMITMENT_TYPES = ("security_guarantee", "collective_defense", "military_aid")
# ordinary words: about 3,000 made-up syllables, drawn with a Zipf-like skew as real text is
_SYLLABLES = [a + b + c for a in ("b", "c", "d", "g", "h", "k", "l", "m", "n", "ph", "t", "th",
                                  "tr", "v", "x")
              for b in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "uy")
              for c in ("", "n", "ng", "nh", "c", "t", "m", "p", "i", "u", "o", "y", "ch", "nh")]
FILLER = _SYLLABLES[:3000]
FILLER_WEIGHTS = [1 / (rank + 10) for rank in range(len(FILLER))]


def actor_ids(n: int) -> list[tuple[str, str, str]]:
    """(id, kind, name) for n synthetic actors: countries first, then organisations."""
    found = []
    for i in range(n):
        kind = "country" if i % 4 else "organization"
        code = f"X{i:03d}"
        found.append((f"{kind}:{code}", kind, f"Actor {code}"))
    return found


def synthetic_rows(n_docs: int, actors: list[tuple[str, str, str]], seed: int
                   ) -> Iterator[DocumentRows]:
    rng = random.Random(seed)
    start = 738000  # ordinal of a day in 2021
    for n in range(n_docs):
        doc_id = f"{n:016x}"
        day = _day(start + rng.randrange(0, 5 * 365))
        outlet = rng.choice(OUTLETS)
        # a few security phrases in ordinary text: "hòa bình" is in about one article in five
        words = [rng.choice(WORDS) for _ in range(3)] + rng.choices(FILLER, FILLER_WEIGHTS, k=40)
        rng.shuffle(words)
        text = f"Bài {n}: " + " ".join(words) + "."
        title = f"Tin {n}: {words[0]} và {words[1]}"
        cast = rng.sample(actors, 4)
        record = {"schema": "pactwatch.analysis/bench", "document": {
            "id": doc_id, "title": title, "text": text, "outlet": outlet, "published": day}}
        rows = DocumentRows(document=(
            doc_id, f"bench/{n}.txt", title, "vi", day, day, day, day, "stated", day, outlet,
            None, text, to_json(record), "bench", len(text), 1, len(cast), 0, 1,
            EVENTS_PER_DOC, 1 if n % 20 == 0 else 0, "2026-01-01T00:00:00+00:00", None))
        for actor_id, kind, name in cast:
            rows.actors.append((actor_id, kind, name, None, None, None, None, 1,
                                fold_key(f"{actor_id} {name}")))
            rows.document_actors.append((doc_id, actor_id, 2, 0, "[]", 1.0))
        quote_text = " ".join([rng.choice(WORDS), *rng.choices(FILLER, FILLER_WEIGHTS, k=11)])
        rows.quotes.append((doc_id, "q1", cast[0][0], "ông", 1, 0, len(quote_text), quote_text,
                            "nói", "[]", day, 0.8))
        for e in range(EVENTS_PER_DOC):
            source, target = rng.sample(cast, 2)
            rows.events.append((doc_id, f"e{e + 1}", rng.choice(PLOVER), rng.choice(MODES), day,
                                day, None, "reported", 0, 10, text[:10], None, 0.8, "ký"))
            rows.event_participants.append((doc_id, f"e{e + 1}", source[0], "source", 0))
            rows.event_participants.append((doc_id, f"e{e + 1}", target[0], "target", 0))
        if n % 20 == 0:
            rows.commitments.append((doc_id, "c1", rng.choice(COMMITMENT_TYPES), "proposed", day,
                                     day, "[]", "[]", 0, 10, text[:10], None, 0.7))
            rows.commitment_parties.append((doc_id, "c1", cast[0][0], "guarantor", 0))
            rows.commitment_parties.append((doc_id, "c1", cast[1][0], "beneficiary", 0))
        yield rows


def _day(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat()


def build(db: Path, n_events: int, n_actors: int) -> float:
    n_docs = max(1, n_events // EVENTS_PER_DOC)
    actors = actor_ids(n_actors)
    started = time.perf_counter()
    with open_store(str(db)) as store:
        rows = synthetic_rows(n_docs, actors, seed=7)
        done = 0
        while done < n_docs:
            batch = [next(rows) for _ in range(min(BATCH_DOCS, n_docs - done))]
            done += store.bulk_save(batch)
    return time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(client: TestClient, urls: list[str], runs: int, *, cold: bool
            ) -> tuple[float, float, int]:
    """p50, p95 (ms) and the answer's size. ``cold``: the app's answer cache is emptied
    before every request, so each is computed from the database (whose pages the OS
    has cached after the first request)."""
    for url in urls:  # the first read of a query's pages from disk is not timed
        client.get(url)
    cache = client.app.state.cache  # type: ignore[attr-defined]
    times = []
    for i in range(runs):
        url = urls[i % len(urls)]
        if cold:
            cache.invalidate()
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code} {response.text[:200]}")
    return percentile(times, 50), percentile(times, 95), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--runs", type=int, default=40, help="requests per kind")
    parser.add_argument("--db", type=Path, default=None, help="build here (reused if present)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()

    folder = None
    if args.db is not None:
        db = args.db
    elif args.keep:
        db = Path(tempfile.mkdtemp(prefix="pactwatch-bench-api-")) / "bench.db"
    else:
        folder = tempfile.TemporaryDirectory(prefix="pactwatch-bench-api-")
        db = Path(folder.name) / "bench.db"
    if db.exists():
        print(f"reusing {db}")
    else:
        seconds = build(db, args.events, args.actors)
        print(f"built {db}: {args.events:,} events in {seconds:.1f} s"
              f" ({args.events / seconds:,.0f} events/s through bulk_save)")
    app = create_app(str(db))
    with TestClient(app) as client:
        counts = client.get("/api/meta").json()["counts"]
        print(f"database: {json.dumps(counts)}; size {db.stat().st_size / 1e6:,.0f} MB")
        rng = random.Random(1)
        some = [a[0] for a in rng.sample(actor_ids(args.actors), 10)]
        kinds = {
            "timeline month (all)": ["/api/timeline?bucket=month"],
            "timeline month, one actor": [f"/api/timeline?actor={a}" for a in some],
            "timeline week, type + year": [
                f"/api/timeline?bucket=week&type={t}&since=2023&until=2023" for t in PLOVER[:5]],
            "timeline day, one month": ["/api/timeline?bucket=day&since=2024-03&until=2024-03"],
            "search 'hoa binh'": ["/api/search?q=hoa%20binh", "/api/search?q=ngung%20ban",
                                  "/api/search?q=dong%20minh"],
            "actor page": [f"/api/actors/{a}" for a in some],
            "events, one actor (page 1)": [f"/api/events?actor={a}" for a in some],
        }
        print(f"goal: p95 < {GOAL_P95_MS:.0f} ms; cold = computed from the database,"
              " warm = answered from the app's cache (valid until the data changes)")
        print(f"{'request':30} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9}"
              "  bytes")
        for name, urls in kinds.items():
            c50, c95, size = measure(client, urls, args.runs, cold=True)
            w50, w95, _ = measure(client, urls, args.runs, cold=False)
            mark = " ".join(f"{label}:{'ok' if p < GOAL_P95_MS else 'OVER'}"
                            for label, p in (("cold", c95), ("warm", w95)))
            print(f"{name:30} {c50:9.1f} {c95:9.1f} {w50:9.1f} {w95:9.1f}  {size:,} {mark}")
    if folder is not None:
        folder.cleanup()
    elif args.keep:
        print(f"kept {db}")


if __name__ == "__main__":
    main()
