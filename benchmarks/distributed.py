"""Distributed ingest benchmark: throughput on Dask at 1 and 2 workers, the speed-up, and
a paper estimate for one million articles on 32 workers.

    python benchmarks/distributed.py                 # 400 generated articles
    python benchmarks/distributed.py -n 1000 --workers 1,2

Each configuration gets a fresh local cluster (worker processes, one thread each) whose
workers build their pipeline before the clock starts, and a fresh SQLite database; the
single-process path (``ingest_paths``) runs on the same corpus for reference. The writer
(this process) is timed on its own by storing the same records again. Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from corpus_gen import generate_corpus

from pactwatch.document import Document
from pactwatch.ingest.batch import ingest_paths
from pactwatch.ingest.distributed import _worker_pipeline, dask_client, ingest_distributed
from pactwatch.pipeline import build_pipeline
from pactwatch.store import open_store

GOAL_SPEEDUP = 1.8
TARGET_ARTICLES = 1_000_000
TARGET_WORKERS = 32


def _single(folder: Path, db: Path) -> tuple[int, float]:
    pipeline = build_pipeline()
    with open_store(db) as store:
        started = time.perf_counter()
        summary = ingest_paths([folder], store, pipeline=pipeline)
        return summary.stored, time.perf_counter() - started


def _dask(folder: Path, db: Path, workers: int) -> tuple[int, float]:
    with dask_client(workers) as client:
        client.run(_worker_pipeline)  # every worker builds its pipeline before the clock
        with open_store(db) as store:
            started = time.perf_counter()
            summary = ingest_distributed([folder], store, client=client)
            return summary.stored, time.perf_counter() - started


def _writer_rate(source: Path, db: Path) -> float:
    """Articles/s the single writer stores (record -> Document -> one transaction)."""
    with open_store(source) as src:
        records = list(src.iter_records())
    with open_store(db) as store:
        started = time.perf_counter()
        for record in records:
            store.save_document(Document.from_dict(record))
        return len(records) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=400)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        generate_corpus(tmp / "corpus", args.articles, seed=args.seed, min_chars=300,
                        max_chars=4000)
        print(f"corpus: {args.articles} generated articles (300-4,000 chars);"
              f" {os.cpu_count()} CPU cores")
        stored, seconds = _single(tmp / "corpus", tmp / "single.db")
        single_rate = stored / seconds
        print(f"single process : {stored} stored in {seconds:6.1f}s = {single_rate:6.1f}"
              " articles/s")
        rates: dict[int, float] = {}
        for n in counts:
            stored, seconds = _dask(tmp / "corpus", tmp / f"dask{n}.db", n)
            rates[n] = stored / seconds
            print(f"dask {n} worker{'s' if n > 1 else ' '}: {stored} stored in {seconds:6.1f}s ="
                  f" {rates[n]:6.1f} articles/s")
        writer = _writer_rate(tmp / "single.db", tmp / "writer.db")
        print(f"writer alone   : {writer:6.1f} articles/s (records stored by one process)")
    if 1 in rates and 2 in rates:
        speedup = rates[2] / rates[1]
        verdict = "met" if speedup >= GOAL_SPEEDUP else "not met"
        print(f"speed-up 2 vs 1 worker: x{speedup:.2f} (goal x{GOAL_SPEEDUP}: {verdict});"
              f" 2 workers vs single process: x{rates[2] / single_rate:.2f}")
    _estimate(rates, writer)
    return 0


def _estimate(rates: dict[int, float], writer: float) -> None:
    per_worker = rates.get(1) or next(iter(rates.values()))
    top = max(rates)
    efficiency = min(1.0, rates[top] / (top * per_worker)) if top > 1 else 1.0
    analysis = TARGET_WORKERS * per_worker * efficiency
    overall = min(analysis, writer)
    hours = TARGET_ARTICLES / overall / 3600
    print(f"\npaper estimate: {TARGET_ARTICLES:,} articles on {TARGET_WORKERS} workers")
    print(f"  assumes: each worker on its own core analyses {per_worker:.1f} articles/s"
          " (measured here with 1 worker, articles like these: 300-4,000 chars)")
    print(f"  assumes: parallel efficiency stays at {efficiency:.0%} (measured at {top}"
          " workers; scheduler overhead per task is small at 8 files a task)")
    print(f"  assumes: one writer stores {writer:.0f} articles/s into SQLite on local disk"
          " (measured), the database grows without slowing it, and files are on a shared"
          " disk every worker reads")
    print(f"  analysis capacity {analysis:,.0f} articles/s, writer {writer:,.0f} articles/s:"
          f" the {'writer' if writer < analysis else 'analysis'} is the bottleneck")
    print(f"  => about {hours:.1f} hours ({overall:,.0f} articles/s)")


if __name__ == "__main__":
    sys.exit(main())
