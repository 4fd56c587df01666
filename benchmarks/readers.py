"""Reader benchmark: files -> Documents (decode, layout rules, normalisation), no stages.

    python benchmarks/readers.py              # each input set read 3 times
    python benchmarks/readers.py --rounds 10

Prints articles/s and MB/s per input set: the 517 real Dân trí articles of
../shared (skipped without it), and each file of examples/ (every format and
encoding we read). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pactwatch.ingest.readers import read_bytes

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _measure(label: str, files: list[Path], rounds: int) -> None:
    payloads = [(p.name, p.read_bytes()) for p in files]
    size = sum(len(data) for _, data in payloads)
    articles = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for name, data in payloads:
            articles += len(read_bytes(data, name))
    seconds = time.perf_counter() - start
    print(
        f"{label:<40} {articles / seconds:10.1f} articles/s "
        f"{size * rounds / seconds / 1e6:8.2f} MB/s  ({articles} articles in {seconds:.2f}s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    dantri = sorted((SHARED / "corpus" / "dantri").glob("*.txt"))
    if dantri:
        _measure("dantri (517 .txt, utf-8)", dantri, args.rounds)
    else:
        print("dantri: skipped (../shared is absent)")
    for path in sorted(p for p in (REPO / "examples").iterdir() if p.is_file()):
        _measure(f"examples/{path.name}", [path], args.rounds * 20)


if __name__ == "__main__":
    main()
