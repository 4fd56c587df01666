"""Speed of the quotes + events + commitments stages, in KB/s of text per core, printed.

Documents are prepared once (reader parts, segmentation, actors, times) so the
timing covers only the three extraction stages (goal: at least 500 KB/s per core). Text comes from the seed and
Dân trí articles in ../shared when present, else from sentences written here.

    python benchmarks/extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import copy
import time
from pathlib import Path

from pactwatch.document import Document
from pactwatch.extract.commitments import extract_commitments
from pactwatch.extract.events import extract_events
from pactwatch.extract.quotes import extract_quotes
from pactwatch.ingest.build import document_from_parts
from pactwatch.segment import segment

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FALLBACK = [
    "Ngày 6/4, ông Lukashenko hội đàm với ông Putin tại Moskva để thảo luận về hợp tác quốc phòng.",
    '"Chúng tôi sẽ tiếp tục hỗ trợ Ukraine", Thủ tướng Anh cho biết.',
    "Các quan chức Mỹ cho biết đàm phán đã đạt tiến triển đáng kể.",
    "Nga đã nhiều lần phản đối việc quân đội phương Tây hiện diện tại Ukraine.",
]


def _prepared(texts: list[str]) -> list[Document]:
    from pactwatch.actors.stage import recognise_actors
    from pactwatch.times.stage import resolve_times

    docs = []
    for text in texts:
        parts = [("body", p) for p in text.split("\n\n") if p.strip()]
        doc = document_from_parts(parts)
        doc = resolve_times(recognise_actors(segment(doc)))
        docs.append(doc)
    return docs


def _texts(limit: int) -> list[str]:
    files = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("dantri/*"))[:limit]
    texts = []
    for f in files:
        if f.is_file():
            texts.append(f.read_text(encoding="utf-8", errors="replace"))
    return texts or ["\n\n".join(FALLBACK * 50)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--articles", type=int, default=100, help="Dân trí articles to add")
    args = parser.parse_args()
    docs = _prepared(_texts(args.articles))
    size_kb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024
    best = float("inf")
    best_commit = float("inf")
    for _ in range(args.repeat):
        batch = [copy.deepcopy(d) for d in docs]
        t0 = time.process_time()
        for d in batch:
            extract_events(extract_quotes(d))
        t1 = time.process_time()
        for d in batch:
            extract_commitments(d)
        t2 = time.process_time()
        best = min(best, t1 - t0)
        best_commit = min(best_commit, t2 - t1)
    quotes = sum(len(d.quotes) for d in batch)
    events = sum(len(d.events) for d in batch)
    commitments = sum(len(d.commitments) for d in batch)
    print(f"documents          {len(docs)}")
    print(f"text               {size_kb:.0f} KB")
    print(f"quotes / events / commitments  {quotes} / {events} / {commitments}")
    print(f"quotes+events      {size_kb / best:.0f} KB/s per core (best of {args.repeat})")
    print(f"commitments        {size_kb / best_commit:.0f} KB/s per core")
    together = size_kb / (best + best_commit)
    print(f"all three          {together:.0f} KB/s per core (goal 500)")


if __name__ == "__main__":
    main()
