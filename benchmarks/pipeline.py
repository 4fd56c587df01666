"""Pipeline throughput: each stage and the whole pipeline, in memory and into SQLite.

Prints articles/s, sentences/s, MB/s and peak RSS on

* ``seeds``: the five seed articles of ../shared, read N times (skipped without ../shared);
* ``generated``: a generated corpus of 10,000+ articles (benchmarks/corpus_gen.py)
  in every format the readers take, analysed in memory, then ingested into a
  fresh SQLite database;

and, in the same run, underthesea's ``ner`` over sentences of the same text, with
the ratio. Each corpus runs in its own process so each peak RSS is its own.
Figures are per core: one process, one thread. Nothing here is asserted.

    python benchmarks/pipeline.py [--articles 10000] [--seed-repeat 200] [--corpus seeds|generated]
"""

from __future__ import annotations

import argparse
import importlib
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pactwatch.errors import PactwatchError
from pactwatch.ingest.batch import RunSummary, ingest_paths
from pactwatch.ingest.readers import read_path
from pactwatch.pipeline import build_pipeline
from pactwatch.store import open_store

BENCHMARKS = Path(__file__).resolve().parent
SEEDS = BENCHMARKS.parents[1] / "shared" / "corpus" / "seeds"

GOAL_SENTENCES_PER_S = 3_000  # whole pipeline into SQLite, per core
GOAL_PEAK_RSS_MIB = 1_024
UNDERTHESEA_ANCHOR_CHARS_PER_S = 6_000  # underthesea ner, per core, on this machine
UNDERTHESEA_BUDGET_CHARS = 40_000  # enough for a stable figure in a few seconds
MIB = 1024 * 1024


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Totals:
    """Work done and time spent by one step (reading, a stage, or everything)."""

    seconds: float = 0.0
    articles: int = 0
    sentences: int = 0
    chars: int = 0
    bytes: int = 0

    def rates(self) -> str:
        s = self.seconds or float("nan")
        return (
            f"{self.articles / s:10.1f} art/s {self.sentences / s:11.0f} sent/s"
            f" {self.bytes / MIB / s:8.2f} MB/s {self.chars / s:12.0f} chars/s"
        )


@dataclass
class Measurement:
    steps: dict[str, Totals] = field(default_factory=dict)
    sample_sentences: list[str] = field(default_factory=list)
    refused: int = 0

    def step(self, name: str) -> Totals:
        return self.steps.setdefault(name, Totals())


WHOLE = "whole (read + stages)"


def analyse_files(paths: list[Path]) -> Measurement:
    """Read and analyse each file in turn, timing the reader and every stage apart.

    A file may hold several articles (.jsonl); files the readers refuse are
    counted and left out of the rates.
    """
    pipeline = build_pipeline()
    measured = Measurement()
    sample_chars = 0
    for path in paths:
        seconds = dict.fromkeys(["read", *pipeline.names], 0.0)
        started = time.perf_counter()
        try:
            docs = read_path(path)
        except PactwatchError:
            measured.refused += 1
            continue
        seconds["read"] = time.perf_counter() - started
        analysed = []
        for doc in docs:
            for info in pipeline.stages:
                started = time.perf_counter()
                doc = info.fn(doc)
                seconds[info.name] += time.perf_counter() - started
                doc.stages_run.append(info.name)
            analysed.append(doc)
        seconds[WHOLE] = sum(seconds.values())
        size = path.stat().st_size
        for name, elapsed in seconds.items():
            totals = measured.step(name)
            totals.seconds += elapsed
            totals.articles += len(analysed)
            totals.sentences += sum(len(d.sentences) for d in analysed)
            totals.chars += sum(len(d.text) for d in analysed)
            totals.bytes += size
        for doc in analysed:
            for span in doc.sentences:
                if sample_chars >= UNDERTHESEA_BUDGET_CHARS:
                    break
                sentence = doc.text[span.start : span.end]
                measured.sample_sentences.append(sentence)
                sample_chars += len(sentence)
    return measured


def underthesea_chars_per_s(sentences: list[str]) -> float | None:
    """underthesea's ner over the sample sentences, chars/s (None when not installed)."""
    try:
        from underthesea import ner
    except ImportError:
        return None
    ner("Khởi động mô hình.")  # the first call loads the model; not part of the rate
    chars = sum(len(s) for s in sentences)
    started = time.perf_counter()
    for sentence in sentences:
        ner(sentence)
    return chars / (time.perf_counter() - started)


def ingest_into_sqlite(corpus_dir: Path, db_path: Path) -> RunSummary:
    """The whole pipeline into SQLite through the batch runner (reading included)."""
    store = open_store(db_path)
    try:
        return ingest_paths([corpus_dir], store)
    finally:
        store.close()


# -- corpora ------------------------------------------------------------------
def seed_paths(repeat: int) -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt"))
    return seeds * repeat


def generated_paths(directory: Path, articles: int) -> list[Path]:
    """Write the generated corpus (benchmarks/corpus_gen.py, every format) into ``directory``."""
    sys.path.insert(0, str(BENCHMARKS))
    corpus_gen = importlib.import_module("corpus_gen")
    return [f.path for f in corpus_gen.generate_corpus(directory, articles, seed=1)]


# -- printing -------------------------------------------------------------------------
def print_measurement(title: str, measured: Measurement) -> Totals:
    print(f"\n== {title}: in memory, per stage ==")
    whole = measured.steps[WHOLE]
    for name, totals in measured.steps.items():
        share = 100 * totals.seconds / whole.seconds if whole.seconds else 0.0
        print(f"  {name:24} {totals.seconds:8.2f} s {share:5.1f}%  {totals.rates()}")
    print(
        f"  {whole.articles} articles, {whole.sentences} sentences,"
        f" {whole.bytes / MIB:.1f} MB, {whole.chars} chars; {measured.refused} files refused"
    )
    return whole


def print_underthesea(measured: Measurement, whole: Totals) -> None:
    rate = underthesea_chars_per_s(measured.sample_sentences)
    ours = whole.chars / whole.seconds if whole.seconds else 0.0
    if rate is None:
        print("  underthesea: not installed (pip install -e '.[bench]')")
        return
    sample = sum(len(s) for s in measured.sample_sentences)
    print(
        f"  underthesea ner on {len(measured.sample_sentences)} of these sentences"
        f" ({sample} chars): {rate:,.0f} chars/s (anchor ≈ {UNDERTHESEA_ANCHOR_CHARS_PER_S:,});"
        f" whole pipeline {ours:,.0f} chars/s = {ours / rate:,.1f}× underthesea ner"
    )


def print_goals(sentences_per_s: float | None, label: str) -> None:
    rss = peak_rss_mib()
    if sentences_per_s is not None:
        verdict = "meets" if sentences_per_s >= GOAL_SENTENCES_PER_S else "below"
        print(
            f"  {label}: {sentences_per_s:,.0f} sentences/s per core"
            f"  (goal ≥ {GOAL_SENTENCES_PER_S:,}: {verdict})"
        )
    verdict = "meets" if rss < GOAL_PEAK_RSS_MIB else "above"
    print(f"  peak RSS {rss:,.0f} MiB  (goal < {GOAL_PEAK_RSS_MIB:,} MiB: {verdict})")


def run_seeds(repeat: int) -> None:
    if not SEEDS.is_dir():
        print(f"\n== seeds: skipped ({SEEDS} is absent) ==")
        return
    paths = seed_paths(repeat)
    measured = analyse_files(paths)
    whole = print_measurement(f"seeds x{repeat}", measured)
    print_underthesea(measured, whole)
    print_goals(whole.sentences / whole.seconds, "whole pipeline in memory")


def run_generated(articles: int) -> None:
    with tempfile.TemporaryDirectory(prefix="pactwatch-bench-") as tmp:
        corpus_dir = Path(tmp) / "corpus"
        corpus_dir.mkdir()
        started = time.perf_counter()
        paths = generated_paths(corpus_dir, articles)
        size = sum(p.stat().st_size for p in paths)
        print(
            f"\n(generated {len(paths)} files, {size / MIB:.1f} MB"
            f" in {time.perf_counter() - started:.1f} s)"
        )
        measured = analyse_files(paths)
        whole = print_measurement("generated corpus", measured)
        print_underthesea(measured, whole)
        print_goals(whole.sentences / whole.seconds, "whole pipeline in memory")

        print("\n== generated corpus: whole pipeline into SQLite (ingest_paths) ==")
        db_path = Path(tmp) / "bench.db"
        started = time.perf_counter()
        summary = ingest_into_sqlite(corpus_dir, db_path)
        seconds = time.perf_counter() - started
        sentences = summary.sentences or whole.sentences
        print(
            f"  {seconds:.1f} s: {summary.stored / seconds:,.1f} articles/s stored,"
            f" {sentences / seconds:,.0f} sentences/s, {size / MIB / seconds:.2f} MB/s;"
            f" database {db_path.stat().st_size / MIB:.1f} MB"
        )
        print(f"  run summary: {summary.counts()}")
        print_goals(sentences / seconds, "whole pipeline into SQLite")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="generated corpus size")
    parser.add_argument("--seed-repeat", type=int, default=200, help="times the seeds are read")
    parser.add_argument("--corpus", choices=("seeds", "generated"), help="run one corpus only")
    args = parser.parse_args()
    if args.corpus == "seeds":
        run_seeds(args.seed_repeat)
    elif args.corpus == "generated":
        run_generated(args.articles)
    else:
        common = ["--articles", str(args.articles), "--seed-repeat", str(args.seed_repeat)]
        failed = 0
        for corpus in ("seeds", "generated"):
            failed += subprocess.call(
                [sys.executable, str(Path(__file__).resolve()), "--corpus", corpus, *common]
            )
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
