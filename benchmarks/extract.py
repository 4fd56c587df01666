"""Speed of the extraction stages (everything after "times": the clause layer,
quotes, events, commitments), in KB/s of text per core — this tree beside a
baseline commit, on the same texts, in the same run.

Documents are prepared once per tree (reader parts, segmentation, actors,
times) so the timing covers only the extraction stages. The baseline is checked
out from git into a temporary folder and measured in its own process with the
same script, so both figures share the machine's state. Text comes from the
seed and Dân trí articles in ../shared when present, else from sentences
written here. Nothing is asserted.

    python benchmarks/extract.py [--baseline 55b7a94] [--repeat 3] [--articles 100]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
SHARED = REPO.parent / "shared" / "corpus"
# the last commit before the clause layer: quotes, events and commitments read
# their clauses each on their own there
DEFAULT_BASELINE = "55b7a94"
FALLBACK = [
    "Ngày 6/4, ông Lukashenko hội đàm với ông Putin tại Moskva để thảo luận về hợp tác quốc phòng.",
    '"Chúng tôi sẽ tiếp tục hỗ trợ Ukraine", Thủ tướng Anh cho biết.',
    "Các quan chức Mỹ cho biết đàm phán đã đạt tiến triển đáng kể.",
    "Nga đã nhiều lần phản đối việc quân đội phương Tây hiện diện tại Ukraine.",
]


def _texts(limit: int) -> list[str]:
    files = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("dantri/*"))[:limit]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files if f.is_file()]
    return texts or ["\n\n".join(FALLBACK * 50)]


def measure(limit: int, repeat: int) -> dict[str, object]:
    """Time the stages after "times" of the tree this process imports."""
    from pactwatch.ingest.build import document_from_parts
    from pactwatch.pipeline import build_pipeline
    from pactwatch.stages import DEFAULT_PIPELINE

    names = list(DEFAULT_PIPELINE)
    cut = names.index("times") + 1
    prepare, extract = build_pipeline(names[:cut]), names[cut:]
    docs = []
    for text in _texts(limit):
        parts = [("body", p) for p in text.split("\n\n") if p.strip()]
        docs.append(prepare(document_from_parts(parts)))
    stages = [build_pipeline(names[: cut + i + 1]).stages[-1] for i in range(len(extract))]
    size_kb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024
    best = {s.name: float("inf") for s in stages}
    batch = docs
    for _ in range(repeat):
        batch = [copy.deepcopy(d) for d in docs]
        spent = dict.fromkeys(best, 0.0)
        # article by article, as ingest runs them (stages may share work on one text)
        for i, d in enumerate(batch):
            for info in stages:
                t0 = time.process_time()
                d = info.fn(d)
                spent[info.name] += time.process_time() - t0
            batch[i] = d
        for name, seconds in spent.items():
            best[name] = min(best[name], seconds)
    return {
        "documents": len(docs),
        "kb": size_kb,
        "stages": {name: size_kb / max(s, 1e-9) for name, s in best.items()},
        "together": size_kb / max(sum(best.values()), 1e-9),
        "found": {
            "quotes": sum(len(d.quotes) for d in batch),
            "events": sum(len(d.events) for d in batch),
            "commitments": sum(len(d.commitments) for d in batch),
        },
    }


def _baseline(ref: str, limit: int, repeat: int) -> dict[str, object] | None:
    """Run this script's measurement on ``ref``'s source, in its own process."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", ref, "src"], check=True, capture_output=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"baseline {ref}: cannot be checked out ({exc})", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = dict(os.environ, PYTHONPATH=str(Path(tmp) / "src"))
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure",
                "--articles",
                str(limit),
                "--repeat",
                str(repeat),
            ],
            env=env,
            capture_output=True,
            text=True,
            cwd=tmp,
        )
    if out.returncode != 0:
        print(f"baseline {ref}: {out.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--articles", type=int, default=100, help="Dân trí articles to add")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git ref to compare with")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.articles, args.repeat)))
        return
    base = _baseline(args.baseline, args.articles, args.repeat)
    here = measure(args.articles, args.repeat)
    print(
        f"documents {here['documents']}, text {here['kb']:.0f} KB, best of {args.repeat}, per core"
    )
    print(f"{'':24} {'this tree':>12} {'baseline ' + args.baseline:>18}")
    names = list(here["stages"]) + [  # type: ignore[call-overload]
        n
        for n in (base or {}).get("stages", {})
        if n not in here["stages"]  # type: ignore[union-attr,operator]
    ]
    for name in names:
        mine = here["stages"].get(name)  # type: ignore[union-attr]
        theirs = (base or {}).get("stages", {}).get(name)  # type: ignore[union-attr]
        print(
            f"{name:24} {f'{mine:.0f} KB/s' if mine else '-':>12} "
            f"{f'{theirs:.0f} KB/s' if theirs else '-':>18}"
        )
    theirs_all = f"{base['together']:.0f} KB/s" if base else "-"
    print(f"{'all extraction stages':24} {here['together']:>7.0f} KB/s {theirs_all:>18}")
    print(f"{'found (q/e/c)':24} {json.dumps(here['found']):>12}")
    if base:
        print(f"{'baseline found (q/e/c)':24} {json.dumps(base['found']):>12}")


if __name__ == "__main__":
    main()
