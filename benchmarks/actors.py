"""Speed of the actor stage, side by side with underthesea's NER on the same text.

Run from the repository root: ``python benchmarks/actors.py [--repeat N] [--sample N]``.
Reads the seed articles (repeated) and a sample of the dantri corpus from
../shared; prints MB/s (UTF-8 bytes) and chars/s for both, and the ratio.
Printed, never asserted: speed depends on the machine and its load.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pactwatch.actors.kb import default_kb
from pactwatch.actors.stage import recognise
from pactwatch.document import Document
from pactwatch.ingest.readers import read_path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load(paths: list[Path]) -> list[Document]:
    docs: list[Document] = []
    for path in paths:
        docs.extend(read_path(path))
    return docs


def timed(run: Callable[[Document], object], docs: list[Document]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (CPU time is the per-core figure on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        run(doc)
    return time.perf_counter() - wall, time.process_time() - cpu


def report(label: str, docs: list[Document], seconds: tuple[float, float]) -> tuple[float, float]:
    chars = sum(len(d.text) for d in docs)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    wall, cpu = seconds
    mb_s, chars_s = size / cpu / 1e6, chars / cpu
    print(
        f"  {label:<14} {size / 1e6:6.2f} MB, {cpu:6.2f} s CPU ({wall:6.2f} s wall):"
        f" {mb_s:6.3f} MB/s per core, {chars_s:11,.0f} chars/s"
    )
    return mb_s, chars_s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="times the seeds are repeated")
    parser.add_argument("--sample", type=int, default=120, help="dantri articles to read")
    parser.add_argument("--ner-docs", type=int, default=15, help="articles given to underthesea")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED} is absent: nothing to measure", file=sys.stderr)
        return 1
    kb = default_kb()
    seeds = load(sorted((SHARED / "corpus" / "seeds").glob("*.txt")))
    dantri = load(sorted((SHARED / "corpus" / "dantri").glob("*.txt"))[: args.sample])
    recognise(seeds[0], kb)  # build the automata once, outside the timing

    def actors(doc: Document) -> object:
        return recognise(doc, kb)

    print("actor stage (pactwatch)")
    sets = {f"seeds x{args.repeat}": seeds * args.repeat, f"dantri {len(dantri)}": dantri}
    ours = {name: report(name, docs, timed(actors, docs)) for name, docs in sets.items()}

    try:
        from underthesea import ner
    except ImportError:
        print("underthesea is not installed: no comparison")
        return 0

    def underthesea_ner(doc: Document) -> object:
        return [ner(line) for line in doc.text.split("\n") if line.strip()]

    print("underthesea.ner (same text, fewer articles: it is slow)")
    ner(seeds[0].text[:200])  # load its model outside the timing
    for name, docs in (("seeds", seeds), (f"dantri {args.ner_docs}", dantri[: args.ner_docs])):
        theirs = report(name, docs, timed(underthesea_ner, docs))
        ours_name = next(k for k in ours if k.split()[0] == name.split()[0])
        print(f"  ratio on {name.split()[0]}: {ours[ours_name][1] / theirs[1]:,.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
