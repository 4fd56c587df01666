"""Our times stage against ``dateparser.search.search_dates(languages=['vi'])`` on the dev set.

For each seed article: the distinct time values each one finds, scored against the
gold ``times`` values (precision, recall, F1), and the speed of each on the same
sentences. dateparser returns datetimes, so its values are days; it is given the
same anchor date as our stage (the stated date, else our estimate). Also scores
our published-date estimate against the gold windows, and our stage alone on the
517 unannotated dantri articles for speed. Speeds are CPU time of this process
(time.process_time), so other work on the machine does not skew them. Needs
../shared (exits otherwise).

    python benchmarks/times.py
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime
from pathlib import Path

from pactwatch.document import Document, PublishedEstimate
from pactwatch.ingest.readers import read_path
from pactwatch.pipeline import build_pipeline, get_stage
from pactwatch.times.dates import parse_iso_day

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEGMENT = build_pipeline(["segment"])
TIMES = get_stage("times").fn


def prf(found: set[str], gold: set[str]) -> tuple[float, float, float]:
    hit = len(found & gold)
    p = hit / len(found) if found else 1.0
    r = hit / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def our_values(doc: Document) -> tuple[set[str], float]:
    start = time.process_time()
    TIMES(doc)
    elapsed = time.process_time() - start
    return {t.value for t in doc.times if t.value}, elapsed


def dateparser_values(doc: Document, anchor: date | None) -> tuple[set[str], float]:
    from dateparser.search import search_dates

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    values: set[str] = set()
    start = time.process_time()
    for span in doc.sentences:
        found = search_dates(doc.text[span.start : span.end], languages=["vi"], settings=settings)
        for _text, moment in found or []:
            values.add(moment.date().isoformat())
    return values, time.process_time() - start


def in_window(estimate: PublishedEstimate, window: list[str] | None) -> bool | None:
    if not window or not estimate.earliest or not estimate.latest:
        return None if not window else False
    return estimate.earliest <= window[1] and window[0] <= estimate.latest


def main() -> int:
    seeds, gold_dir = SHARED / "corpus" / "seeds", SHARED / "gold" / "dev"
    if not seeds.exists():
        print("../shared is absent: nothing to measure")
        return 0
    totals = {"ours": [0, 0, 0], "dateparser": [0, 0, 0]}  # hit, predicted, gold
    seconds = {"ours": 0.0, "dateparser": 0.0}
    sentences = 0
    print(f"{'article':26} {'ours P/R/F1':>18} {'dateparser P/R/F1':>20}  published / estimate")
    for path in sorted(seeds.glob("*.txt")):
        gold = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))
        gold_values = {t["value"] for t in gold["times"]}
        doc = SEGMENT(read_path(path)[0])
        sentences += len(doc.sentences)
        ours, t_ours = our_values(doc)
        anchor = parse_iso_day(doc.published or doc.published_estimate.value)
        theirs, t_theirs = dateparser_values(doc, anchor)
        seconds["ours"] += t_ours
        seconds["dateparser"] += t_theirs
        row = []
        for name, values in (("ours", ours), ("dateparser", theirs)):
            hit = len(values & gold_values)
            totals[name][0] += hit
            totals[name][1] += len(values)
            totals[name][2] += len(gold_values)
            row.append("{:.2f}/{:.2f}/{:.2f}".format(*prf(values, gold_values)))
        est = doc.published_estimate
        window_ok = in_window(est, gold.get("published_window"))
        published = "right" if doc.published == gold.get("published") else "WRONG"
        print(
            f"{path.name[:26]:26} {row[0]:>18} {row[1]:>20}  {published}; "
            f"{est.earliest}..{est.latest} ({est.basis}) vs gold "
            f"{gold.get('published_window')}: {'in' if window_ok else 'OUT'}"
        )
    print()
    for name in ("ours", "dateparser"):
        hit, predicted, gold_n = totals[name]
        p = hit / predicted if predicted else 0.0
        r = hit / gold_n if gold_n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rate = sentences / seconds[name] if seconds[name] else float("inf")
        print(
            f"{name:10} values P {p:.3f} R {r:.3f} F1 {f1:.3f}   "
            f"{sentences} sentences in {seconds[name] * 1000:.1f} ms = {rate:,.0f} sentences/s"
        )
    corpus = SHARED / "corpus" / "dantri"
    if corpus.exists():
        docs = [SEGMENT(read_path(p)[0]) for p in sorted(corpus.glob("*.txt"))]
        n = sum(len(d.sentences) for d in docs)
        start = time.process_time()
        for d in docs:
            TIMES(d)
        elapsed = time.process_time() - start
        found = sum(len(d.times) for d in docs)
        print(
            f"ours on dantri: {len(docs)} articles, {n} sentences, {found} expressions in "
            f"{elapsed:.2f} s = {n / elapsed:,.0f} sentences/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
