"""Ingest throughput on the 517 Dân trí articles: whole processes, beside underthesea.

Prints, on ``../shared/corpus/dantri`` (skipped without it), medians of ``--runs``:

* the pipeline in memory (read + stages, data already loaded), sentences/s;
* the warm start: a fresh process building the pipeline and analysing one article,
  with the compiled data in the disk cache (pactwatch.datacache);
* ``pactwatch ingest DIR --db fresh.db --jobs N`` as a whole process (start-up,
  reading, analysis, the store, stories), for each N of ``--jobs``: wall-clock
  sentences/s and the peak memory of the process and its workers together (the sum
  of their RSS, sampled every 20 ms: shared pages count once per process, so this
  overstates);
* underthesea's ``ner`` over sentences of the same text in the same run, as
  sentences/s at the corpus's mean sentence length, and each figure's ratio to it.

Goals printed beside the figures: ≥ 3,000 sentences/s with ``--jobs 1``, ≥ 1.8× that
with ``--jobs 2``, ≥ 50× underthesea, peak < 1 GiB. Nothing is asserted.

With ``--baseline REF`` the whole-process figures (warm start, each ``--jobs``) are also
measured for the source of a git commit (``git archive REF src``, its own cache folder),
runs of the two trees taking turns so both meet the same machine, and printed side by
side with the CPU seconds (user + system, workers included): on a shared machine the
wall clock says more about the neighbours than about the code.

    python benchmarks/throughput.py [--runs 3] [--jobs 1,2] [--baseline dea5513]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
CORPUS = BENCHMARKS.parents[1] / "shared" / "corpus" / "dantri"
GOAL_SENTENCES_PER_S = 3_000
GOAL_SPEEDUP = 1.8
GOAL_NER_RATIO = 50
GOAL_PEAK_MIB = 1_024
UNDERTHESEA_BUDGET_CHARS = 40_000
MIB = 1024 * 1024
WARM_START = """
import time, sys
started = time.perf_counter()
from pactwatch.ingest.readers import read_path
from pactwatch.pipeline import build_pipeline
doc = read_path(sys.argv[1])[0]
build_pipeline()(doc)
print(time.perf_counter() - started)
"""


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and its children (Linux /proc; 0 elsewhere)."""
    pids = [root]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # the field after the parenthesised name: state, then the parent's pid
            if int(stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()[1]) == root:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            pass
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            pass
    return total


def _children_cpu() -> float:
    """User + system seconds of the waited-for children (and theirs) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_ingest(corpus: Path, jobs: int, workdir: Path,
               env: Mapping[str, str] | None = None) -> tuple[float, int, float]:
    """Seconds, peak RSS (bytes, process tree) and CPU seconds of one `pactwatch ingest`
    process (``env``: another tree's, see --baseline)."""
    db = workdir / f"ingest-{jobs}.db"
    for leftover in workdir.glob(f"{db.name}*"):
        leftover.unlink()
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pactwatch.cli.main", "ingest", str(corpus), "--db", str(db),
         "--quiet", "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"ingest --jobs {jobs} failed ({proc.returncode}): {err.decode()[-500:]}")
    return seconds, peak, _children_cpu() - cpu


def in_memory(corpus: Path) -> tuple[float, int, int, list[str]]:
    """Seconds, sentences and chars of the pipeline in memory, and a sample of sentences."""
    from pactwatch.ingest.readers import read_path
    from pactwatch.pipeline import build_pipeline

    pipeline = build_pipeline()
    paths = sorted(p for p in corpus.iterdir() if p.is_file())
    pipeline(read_path(paths[0])[0])  # data loaded before the clock starts
    started = time.perf_counter()
    docs = [pipeline(doc) for path in paths for doc in read_path(path)]
    seconds = time.perf_counter() - started
    sentences = [d.text[s.start:s.end] for d in docs for s in d.sentences]
    sample, chars = [], 0
    for sentence in sentences[:: max(1, len(sentences) // 400)]:
        if chars >= UNDERTHESEA_BUDGET_CHARS:
            break
        sample.append(sentence)
        chars += len(sentence)
    return seconds, len(sentences), sum(len(s) for s in sentences), sample


def underthesea_chars_per_s(sentences: list[str]) -> float | None:
    try:
        from underthesea import ner
    except ImportError:
        return None
    ner("Khởi động mô hình.")  # loading the model is not part of the rate
    started = time.perf_counter()
    for sentence in sentences:
        ner(sentence)
    return sum(len(s) for s in sentences) / (time.perf_counter() - started)


def warm_start(corpus: Path, env: Mapping[str, str] | None = None) -> tuple[float, float]:
    """Seconds (as the process counts them) and CPU seconds of a warm start."""
    first = sorted(p for p in corpus.iterdir() if p.is_file())[0]
    subprocess.run([sys.executable, "-c", WARM_START, str(first)], check=True,
                   capture_output=True, env=env)  # fills the cache
    cpu = _children_cpu()
    out = subprocess.run([sys.executable, "-c", WARM_START, str(first)], check=True,
                         capture_output=True, text=True, env=env).stdout
    return float(out.strip()), _children_cpu() - cpu


def baseline_env(ref: str, folder: Path) -> dict[str, str]:
    """An environment that runs the source of ``ref`` (and its own data cache: the cache
    keeps one copy per name, and two trees would rebuild each other's)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "src"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder / "src")],
                   check=False, capture_output=True)  # as an installed tree would be
    env = dict(os.environ, PYTHONPATH=str(folder / "src"),
               PACTWATCH_CACHE_DIR=str(folder / "cache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _median_of(runs: list[tuple[float, ...]], i: int) -> float:
    return statistics.median(r[i] for r in runs)


def verdict(ok: bool) -> str:
    return "meets" if ok else "below"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--baseline", default="",
                        help="git ref whose source is measured beside this tree's")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} is absent")
        return 0
    jobs = [int(j) for j in args.jobs.split(",")]
    print(f"corpus {args.corpus} on {os.cpu_count()} cores; medians of {args.runs}")

    memory = [in_memory(args.corpus) for _ in range(args.runs)]
    seconds = statistics.median(m[0] for m in memory)
    _, n_sentences, n_chars, sample = memory[0]
    chars_per_sentence = n_chars / n_sentences
    print(f"  {n_sentences:,} sentences, {n_chars:,} chars ({chars_per_sentence:.0f} per"
          " sentence)")
    ner = underthesea_chars_per_s(sample)
    ner_sps = ner / chars_per_sentence if ner else None
    if ner_sps:
        print(f"  underthesea ner on {len(sample)} of these sentences: {ner:,.0f} chars/s ="
              f" {ner_sps:,.0f} sentences/s")
    else:
        print("  underthesea: not installed (pip install -e '.[bench]')")

    def versus(rate: float) -> str:
        return f" = {rate / ner_sps:,.0f}× underthesea ner" if ner_sps else ""

    rate = n_sentences / seconds
    print(f"  pipeline in memory: {seconds:.2f} s, {rate:,.0f} sentences/s{versus(rate)}")

    rates: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="pactwatch-throughput-") as tmp:
        base = baseline_env(args.baseline, Path(tmp) / "baseline") if args.baseline else None
        own = dict(os.environ)
        own.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled, as an installed tree is

        def turns(measure: Callable[[Mapping[str, str]], tuple[float, ...]],
                  ) -> tuple[list[tuple[float, ...]], list[tuple[float, ...]]]:
            """Runs of this tree and the baseline, taking turns."""
            mine: list[tuple[float, ...]] = []
            theirs: list[tuple[float, ...]] = []
            for _ in range(args.runs):
                mine.append(measure(own))
                if base is not None:
                    theirs.append(measure(base))
            return mine, theirs

        mine, theirs = turns(lambda env: warm_start(args.corpus, env))
        print(f"  warm start (fresh process, cached data, one article):"
              f" {_median_of(mine, 0):.3f} s, {_median_of(mine, 1):.3f} s CPU"
              " (goal < 0.2 s for the data)"
              + (f"; baseline {args.baseline}: {_median_of(theirs, 0):.3f} s,"
                 f" {_median_of(theirs, 1):.3f} s CPU" if theirs else ""))
        for n in jobs:
            def ingest(env: Mapping[str, str], n: int = n) -> tuple[float, ...]:
                return run_ingest(args.corpus, n, Path(tmp), env)

            runs, theirs = turns(ingest)
            wall = _median_of(runs, 0)
            peak = max(r[1] for r in runs) / MIB
            rates[n] = n_sentences / wall
            line = (f"  pactwatch ingest --jobs {n} (whole process, fresh SQLite): {wall:.2f} s,"
                    f" {rates[n]:,.0f} sentences/s{versus(rates[n])}, peak {peak:,.0f} MiB,"
                    f" {_median_of(runs, 2):.2f} s CPU")
            if theirs:
                line += (f"; baseline {args.baseline}: {_median_of(theirs, 0):.2f} s,"
                         f" {n_sentences / _median_of(theirs, 0):,.0f} sentences/s,"
                         f" {_median_of(theirs, 2):.2f} s CPU")
            if n == 1:
                line += (f"  (goal ≥ {GOAL_SENTENCES_PER_S:,}:"
                         f" {verdict(rates[n] >= GOAL_SENTENCES_PER_S)})")
            elif 1 in rates:
                speedup = rates[n] / rates[1]
                line += (f"  ×{speedup:.2f} of --jobs 1 (goal ×{GOAL_SPEEDUP} at 2:"
                         f" {verdict(speedup >= GOAL_SPEEDUP)})")
            print(line, flush=True)
    if ner_sps and 1 in rates:
        ratio = rates[1] / ner_sps
        print(f"  --jobs 1 vs underthesea: {ratio:,.0f}× (goal ≥ {GOAL_NER_RATIO}×:"
              f" {verdict(ratio >= GOAL_NER_RATIO)}); peak goal < {GOAL_PEAK_MIB:,} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
