"""Speed of the commitments stage alone, and of `who_is_obliged`, on the shared corpus.

    python benchmarks/commitments_speed.py [N]

Runs the earlier stages once per article, then times only the commitments stage.
Prints figures; asserts nothing. Needs ../shared (skips otherwise).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pactwatch.extract.commitments import extract_commitments
from pactwatch.ingest.readers import read_path
from pactwatch.pipeline import build_pipeline
from pactwatch.system.obligations import who_is_obliged

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    if not SHARED.exists():
        print("../shared is absent: nothing to measure")
        return 0
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    before = build_pipeline(["segment", "actors", "times", "quotes"])
    paths = sorted((SHARED / "corpus").rglob("*.txt"))[:limit]
    docs = [before(doc) for path in paths for doc in read_path(path)]
    chars = sum(len(d.text) for d in docs)
    start = time.perf_counter()
    found = sum(len(extract_commitments(doc).commitments) for doc in docs)
    spent = time.perf_counter() - start
    print(f"commitments stage: {len(docs)} articles, {chars / 1e6:.2f} M chars in {spent:.2f} s"
          f" ({len(docs) / spent:.0f} articles/s); {found} commitments")
    who_is_obliged("FIN", "2023-04-05")  # load the KB once
    start = time.perf_counter()
    for _ in range(100):
        who_is_obliged("FIN", "2023-04-05")
    print(f"who_is_obliged: {(time.perf_counter() - start) * 10:.2f} ms per question")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
