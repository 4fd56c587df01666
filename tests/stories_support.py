"""Made-up story articles for the clustering tests: features given directly, texts
that share no shingle (so only what they report can link them), and a month of
unrelated filler so that rarity means something."""

from __future__ import annotations

from typing import Any

from pactwatch.stories.cluster import StoryArticle
from pactwatch.stories.minhash import signature


def features(anchors: list[str], terms: list[str], day: str | None = None) -> dict[str, Any]:
    return {"anchors": anchors, "terms": {t: 1 for t in terms}, "salient": [], "places": [],
            "events": [], "quotes": [], "lead_day": day}


def article(doc_id: str, day: str, feats: dict[str, Any]) -> StoryArticle:
    return StoryArticle(doc_id, signature(f"{doc_id} {doc_id}a {doc_id}b {doc_id}c"),
                        earliest=day, latest=day, features=feats, language="vi")


FILLER = [article(f"z{i:02d}", f"2025-06-{i % 28 + 1:02d}",
                  features([f"tên{i}"], [f"chuyện {i}", f"việc {i}"])) for i in range(30)]
