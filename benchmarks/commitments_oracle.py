"""Commitments on the dev set with actors placed from the gold names (an "oracle" actor stage).

Separates the commitments stage's own quality from the actor stage's: prints F1 and
status accuracy per article and in total. Needs ../shared (skips otherwise).

    python benchmarks/commitments_oracle.py [--show]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pactwatch.document import Actor, Mention
from pactwatch.evaluation.gold import load_gold_dir
from pactwatch.evaluation.score import score_document
from pactwatch.extract.commitments import extract_commitments
from pactwatch.ingest.readers import read_path
from pactwatch.pipeline import build_pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared"
# Countries of the people and bodies the dev gold names (harness data, not the KB's).
COUNTRY_OF = {
    "alexander-lukashenko": "BLR",
    "annalena-baerbock": "DEU",
    "antti-hakkanen": "FIN",
    "dan-driscoll": "USA",
    "dmitry-peskov": "RUS",
    "donald-trump": "USA",
    "elon-musk": "USA",
    "emmanuel-macron": "FRA",
    "keir-starmer": "GBR",
    "pal-jonson": "SWE",
    "sergei-shoigu": "RUS",
    "sergey-lavrov": "RUS",
    "steve-witkoff": "USA",
    "vladimir-putin": "RUS",
    "volodymyr-zelensky": "UKR",
    "yuri-ushakov": "RUS",
    "doge": "USA",
    "elysee-palace": "FRA",
    "kremlin": "RUS",
    "pentagon": "USA",
    "security-council-of-russia": "RUS",
    "us-congress": "USA",
    "us-state-department": "USA",
    "white-house": "USA",
    "donetsk": "UKR",
    "russian-aerospace-forces": "RUS",
    "kaja-kallas": None,
}


def oracle_actors(text: str, gold_actors: list) -> list[Actor]:
    actors = []
    for ga in gold_actors:
        kind, _, key = ga.id.partition(":")
        mentions = []
        for name in ga.names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                mentions.append(Mention(m.start(), m.end(), m.group(0)))
        if mentions:
            actors.append(
                Actor(
                    ga.id,
                    ga.names[0],
                    None,
                    kind,
                    mentions=mentions,
                    country=COUNTRY_OF.get(key) or (key if kind == "country" else None),
                )
            )
    return actors


def main() -> int:
    if not SHARED.exists():
        print("../shared is absent: nothing to measure")
        return 0
    show = "--show" in sys.argv
    golds = {g.file.rsplit(".", 1)[0]: g for g in load_gold_dir(SHARED / "gold" / "dev")}
    segment = build_pipeline(["segment"])
    total_tp = total_pred = total_found = total_gold = right = found = 0
    for path in sorted((SHARED / "corpus" / "seeds").glob("*.txt")):
        gold = golds[path.stem]
        doc = segment(read_path(path)[0])
        doc.actors = oracle_actors(doc.text, gold.actors)
        doc = extract_commitments(doc)
        score = score_document(gold, doc.as_dict())
        c = score.scores.commitments
        s = score.scores.commitment_status
        print(
            f"{path.stem}: P {c.predicted_matched}/{c.predicted} R {c.gold_found}/{c.gold} status {s.right}/{s.total}"
        )
        total_tp += c.predicted_matched
        total_pred += c.predicted
        total_found += c.gold_found
        total_gold += c.gold
        right += s.right
        found += s.total
        if show:
            for cm in doc.commitments:
                print(
                    "   ",
                    cm.type,
                    cm.guarantors,
                    cm.beneficiaries,
                    cm.status,
                    repr(cm.status_cue),
                    doc.text[cm.evidence.start : cm.evidence.end][:90].replace("\n", " "),
                )
    p = total_tp / total_pred if total_pred else 0.0
    r = total_found / total_gold if total_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"commitments P {p:.3f} R {r:.3f} F1 {f1:.3f}; status accuracy {right}/{found}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
