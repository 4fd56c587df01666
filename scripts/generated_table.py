"""Writing, or checking, a CSV table that a script generates from a data package
(scripts/build_subdivisions.py, scripts/build_cities.py): one header line saying
where it comes from, the columns, the rows; ``--check`` says when it is stale."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path


def render(header: str, columns: list[str], data: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    buf.write(f"# {header}; do not edit.\n")
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return buf.getvalue()


def main(
    out: Path, make: Callable[[], str], script: str, noun: str, argv: list[str] | None = None
) -> int:
    """Write ``make()`` to ``out``, or with --check exit 1 when ``out`` differs."""
    parser = argparse.ArgumentParser(description=f"Generate {out.name} ({noun}).")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = make()
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} is stale: run python scripts/{script}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({text.count(chr(10)) - 2} {noun})")
    return 0
