"""Story clustering benchmark: articles/s for MinHash signatures and for LSH clustering on
generated articles (no pipeline: clustering needs only text, dates and actor ids).

    python benchmarks/stories.py                 # 10,000 articles
    python benchmarks/stories.py -n 2000

The articles are ``corpus_gen`` texts (our template sentences), with every fifth one
rewritten from an earlier one (sentences dropped and reordered, a new first line) so
that there are stories to find. Template text makes unrelated articles more alike than
real news is, so the LSH answers more candidates here than it would on a real corpus.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time

from corpus_gen import COUNTRIES, _target_length, _Writer

from pactwatch.stories.cluster import StoryArticle, StoryIndex
from pactwatch.stories.minhash import signature

ACTOR_IDS = {name: f"country:{i:03d}" for i, name in enumerate(COUNTRIES)}


def _articles(n: int, seed: int) -> list[tuple[str, str, str, frozenset[str]]]:
    rng = random.Random(seed)
    found: list[tuple[str, str, str, frozenset[str]]] = []
    for i in range(n):
        if found and i % 5 == 4:
            _, text, day, actors = rng.choice(found)
            sentences = re.split(r"(?<=[.!?])\s+", text)
            kept = [s for s in sentences if rng.random() < 0.8]
            rng.shuffle(kept)
            found.append((f"{i:06d}", "Tin cập nhật. " + " ".join(kept), day, actors))
            continue
        art = _Writer(rng, i).article(_target_length(rng, 300, 4000))
        text = f"{art['title']}\n\n" + "\n\n".join(str(p) for p in art["paragraphs"])
        day = str(art["date"])
        actors = frozenset(ACTOR_IDS[c] for c in COUNTRIES if c in text)
        found.append((f"{i:06d}", text, day, actors))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    raw = _articles(args.articles, args.seed)
    chars = sum(len(t) for _, t, _, _ in raw)
    print(f"{len(raw)} generated articles, {chars / len(raw):,.0f} chars on average")

    started, cpu = time.perf_counter(), time.process_time()
    articles = [StoryArticle(doc_id, signature(text), earliest=day, latest=day, actors=actors)
                for doc_id, text, day, actors in raw]
    sign_s, sign_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"signatures : {len(articles) / sign_s:8,.0f} articles/s ({sign_s:.1f}s;"
          f" {len(articles) / sign_cpu:,.0f} per CPU-second)")

    started, cpu = time.perf_counter(), time.process_time()
    index = StoryIndex()
    for article in articles:
        index.add(article)
    stories = index.stories()
    cluster_s, cluster_cpu = time.perf_counter() - started, time.process_time() - cpu
    sample = articles[:: max(1, len(articles) // 200)]
    candidates = sum(len(index.lsh.query(a.signature)) for a in sample) / len(sample)
    print(f"clustering : {len(articles) / cluster_s:8,.0f} articles/s ({cluster_s:.1f}s;"
          f" {len(articles) / cluster_cpu:,.0f} per CPU-second; about {candidates:,.0f} LSH"
          " candidates per article once all are indexed)")
    total = sign_s + cluster_s
    print(f"together   : {len(articles) / total:8,.0f} articles/s"
          f" ({len(articles) / (sign_cpu + cluster_cpu):,.0f} per CPU-second; the wall-clock"
          " rate is lower when other work shares the cores)")
    grouped = sum(len(s.members) for s in stories)
    dups = sum(len(s.near_duplicate_of) for s in stories)
    print(f"found {len(stories)} stories holding {grouped} articles"
          f" ({len(raw) // 5} rewrites were planted), {dups} near-duplicates;"
          f" largest story {max((len(s.members) for s in stories), default=0)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
