"""Ingest benchmark: generate N synthetic articles, ingest them into SQLite, print figures.

    python benchmarks/ingest.py            # 10,000 articles
    python benchmarks/ingest.py -n 1000 --hostile 0.05

Prints articles/s, MB/s, sentences/s, where the time went (read, analyse, store)
and peak RSS. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from corpus_gen import generate_corpus

from pactwatch.document import Document
from pactwatch.ingest.batch import ReadResult, default_file_reader, ingest_paths
from pactwatch.pipeline import Pipeline, build_pipeline
from pactwatch.store import open_store


class _Timer:
    def __init__(self) -> None:
        self.seconds = 0.0

    def __enter__(self) -> None:
        self._start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._start


class _TimedPipeline(Pipeline):
    def __init__(self, real: Pipeline, timer: _Timer) -> None:
        super().__init__(real.stages)
        self._timer = timer

    def __call__(self, doc: Document) -> Document:
        with self._timer:
            return super().__call__(doc)


def _peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run(n: int, seed: int, hostile: float, workdir: Path) -> None:
    folder = workdir / "corpus"
    started = time.perf_counter()
    files = generate_corpus(folder, n, seed=seed, hostile=hostile)
    print(f"generated {len(files)} files ({sum(f.articles for f in files)} articles)"
          f" in {time.perf_counter() - started:.1f}s")

    read_timer, analyse_timer = _Timer(), _Timer()

    def timed_reader(path: Path, max_bytes: int) -> ReadResult:
        with read_timer:
            return default_file_reader(path, max_bytes)

    pipeline = _TimedPipeline(build_pipeline(), analyse_timer)
    with open_store(workdir / "bench.db") as store:
        summary = ingest_paths([folder], store, read_file=timed_reader, pipeline=pipeline)
        db_bytes = sum(p.stat().st_size for p in workdir.glob("bench.db*"))
    seconds = summary.seconds
    store_seconds = seconds - read_timer.seconds - analyse_timer.seconds
    mb = summary.bytes_read / 1e6
    print(f"files {summary.files}  articles {summary.articles}  stored {summary.stored}"
          f"  duplicates {summary.duplicates}  failed {summary.failed}")
    print(f"total {seconds:.1f}s: {summary.articles / seconds:.1f} articles/s,"
          f" {mb / seconds:.2f} MB/s, {summary.sentences / seconds:.0f} sentences/s")
    for name, part in (("read", read_timer.seconds), ("analyse", analyse_timer.seconds),
                       ("store+other", store_seconds)):
        print(f"  {name:12s} {part:8.1f}s  {100 * part / seconds:5.1f}%"
              f"  {1000 * part / max(summary.articles, 1):7.2f} ms/article")
    print(f"database {db_bytes / 1e6:.1f} MB for {mb:.1f} MB of input")
    print(f"peak RSS {_peak_rss_mb():.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hostile", type=float, default=0.0, help="fraction of hostile files")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write corpus and database here instead of a temporary folder")
    args = parser.parse_args(argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.n, args.seed, args.hostile, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="pactwatch-bench-") as tmp:
            run(args.n, args.seed, args.hostile, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
