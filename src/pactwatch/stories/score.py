"""Score stories against a stories gold set (``gold/stories/*.json``): pairwise.

Every pair of annotated files is one judgement: the gold says *same story* or not, and
so does the system. Precision is the share of the system's same-story pairs the gold
agrees with, recall the share of the gold's it finds. Pairs whose two files come from
different outlets are also scored apart (``cross_outlet``), since linking reports of
one outlet is the easy case.

``python -m pactwatch.stories.score GOLD.json [...]`` ingests each set's files (from
``--corpus``, default ``../shared/corpus``) into a fresh database, builds its stories
and prints the scores (``pactwatch stories score`` is the same).
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class PairScore:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "true_pos": self.true_pos,
                "false_pos": self.false_pos, "false_neg": self.false_neg}


def gold_files(gold: Mapping[str, Any]) -> list[str]:
    """Every annotated file of a gold set (each appears once)."""
    files = [f for story in gold["stories"] for f in story] + list(gold["singletons"])
    if len(files) != len(set(files)):
        raise ValueError("a file appears twice in the gold set")
    return files


def score_pairs(gold: Mapping[str, Any], predicted: Mapping[str, str | None],
                outlets: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    """Pairwise scores of ``predicted`` (file -> story id, None: in no story) against
    ``gold``; with ``outlets``, also over the pairs across outlets. The wrong pairs
    are listed (``false_pos``, ``false_neg``) to read."""
    gold_story = {f: i for i, story in enumerate(gold["stories"]) for f in story}
    every, across = PairScore(), PairScore()
    wrong: dict[str, list[list[str]]] = {"false_pos": [], "false_neg": []}
    for a, b in itertools.combinations(sorted(gold_files(gold)), 2):
        in_gold = a in gold_story and gold_story.get(a) == gold_story.get(b)
        found = predicted.get(a) is not None and predicted.get(a) == predicted.get(b)
        scores = [every]
        if outlets is not None and outlets.get(a) != outlets.get(b):
            scores.append(across)
        for s in scores:
            if in_gold and found:
                s.true_pos += 1
            elif found:
                s.false_pos += 1
            elif in_gold:
                s.false_neg += 1
        if in_gold != found:
            wrong["false_pos" if found else "false_neg"].append([a, b])
    result: dict[str, Any] = {"set": gold.get("set"), "files": len(gold_files(gold)),
                              "all": every.as_dict()}
    if outlets is not None:
        result["cross_outlet"] = across.as_dict()
    result["wrong"] = wrong
    return result


def score_store(gold: Mapping[str, Any], store: Any) -> dict[str, Any]:
    """Score the stories a store holds (its documents named by their file names)."""
    names = set(gold_files(gold))
    by_doc: dict[str, str] = {}
    outlets: dict[str, str | None] = {}
    for doc_id, path, outlet in store.document_paths():
        name = Path(path or "").name
        if name in names:
            by_doc[doc_id] = name
            outlets[name] = outlet
    members = store.story_memberships()
    predicted = {name: (members.get(doc_id) or {}).get("story_id")
                 for doc_id, name in by_doc.items()}
    result = score_pairs(gold, predicted, outlets)
    result["not_stored"] = sorted(names - set(by_doc.values()))
    return result


def score_gold_file(gold_path: Path, corpus: Path, *, keep: Path | None = None) -> dict[str, Any]:
    """Ingest the set's files into a fresh database, build stories, score them."""
    from pactwatch.ingest.batch import ingest_paths
    from pactwatch.store import open_store
    from pactwatch.stories.build import update_stories

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    folder = corpus / gold["corpus"]
    paths = [folder / name for name in gold_files(gold)]
    with tempfile.TemporaryDirectory() as tmp:
        db = keep or Path(tmp) / "stories.db"
        with open_store(db) as store:
            ingest_paths(paths, store)
            update_stories(store)
            return score_store(gold, store)


def main(argv: Iterable[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pactwatch.stories.score")
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    for gold_path in args.gold:
        result = score_gold_file(gold_path, args.corpus)
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
            continue
        print(format_result(result))


def format_result(result: Mapping[str, Any]) -> str:
    lines = [f"{result['set']}: {result['files']} files"]
    for key in ("all", "cross_outlet"):
        if key in result:
            s = result[key]
            lines.append(f"  {key:<12} P {s['precision']:.3f}  R {s['recall']:.3f}"
                         f"  F1 {s['f1']:.3f}  (tp {s['true_pos']}, fp {s['false_pos']},"
                         f" fn {s['false_neg']})")
    for kind in ("false_pos", "false_neg"):
        for a, b in result["wrong"][kind]:
            lines.append(f"  {kind.replace('_', ' ')}: {a} ~ {b}")
    if result.get("not_stored"):
        lines.append(f"  not stored: {', '.join(result['not_stored'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
