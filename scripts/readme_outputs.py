"""Regenerate the outputs the README shows, by running the commands it shows.

    python scripts/readme_outputs.py           # rewrite README.md in place
    python scripts/readme_outputs.py --check   # exit 1 and show a diff when it drifted

A shown output is a fenced block right after a marker line::

    <!-- output: pactwatch obligations --attacked FIN --on 2023-04-05 | keep ^(If|- ) -->

The command runs as a user types it (``pactwatch`` is ``python -m pactwatch.cli.main``
of this checkout), in a fresh folder holding ``examples/`` and, beside it, ``shared``
(``../shared`` of this checkout), one command after another, so a later command reads the
``pactwatch.db`` an earlier one built. Filters after ``|``: ``keep REGEX`` (only the lines
matching it), ``head N`` (the first N lines, then ``  ...``), ``2>&1`` (stderr too). When
the block starts with ``$ ``, the command is written there. A command that needs
``../shared`` is skipped when it is absent (its block is left as it is). Timing figures
(the ``seconds`` column of an ingest run) are masked when comparing.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
SHARED = REPO.parent / "shared"
MARKER = re.compile(r"^<!-- output: (?P<spec>.+?) -->$")
FENCE = "```"
# the seconds column of `pactwatch ingest`'s run table: the last cell of its one row
TIMING = re.compile(r" *\d+\.\d{2}(?= │$)")
WIDTH = "100"


@dataclass
class Shown:
    """One marker and the block after it: lines [start, end) of the README are the block."""

    command: str
    filters: list[str]
    start: int
    end: int
    with_prompt: bool


def find_blocks(lines: list[str]) -> list[Shown]:
    blocks: list[Shown] = []
    for i, line in enumerate(lines):
        m = MARKER.match(line.strip())
        if not m:
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith(FENCE):
            raise SystemExit(f"README.md:{i + 1}: an output marker must be followed by a block")
        end = next(j for j in range(i + 2, len(lines)) if lines[j].startswith(FENCE))
        command, *filters = [part.strip() for part in m.group("spec").split(" | ")]
        first = lines[i + 2] if i + 2 < end else ""
        blocks.append(Shown(command, filters, i + 2, end, first.startswith("$ ")))
    return blocks


def workspace(folder: Path) -> Path:
    """A fresh place to run in: ``main/examples`` and ``shared`` beside ``main``."""
    main = folder / "main"
    main.mkdir()
    (main / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    (main / "eval_baseline.json").symlink_to(REPO / "eval_baseline.json")
    if SHARED.exists():
        (folder / "shared").symlink_to(SHARED, target_is_directory=True)
    return main


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PACTWATCH_DB", "FORCE_COLOR")}
    env.update({"COLUMNS": WIDTH, "LINES": "50", "NO_COLOR": "1", "TERM": "dumb",
                "PYTHONPATH": os.pathsep.join(
                    [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])})
    return env


def run(shown: Shown, cwd: Path, env: dict[str, str]) -> list[str] | None:
    argv = shlex.split(shown.command)
    if argv[0] != "pactwatch":
        raise SystemExit(f"{shown.command!r}: only pactwatch commands are run")
    if any("../shared" in a for a in argv) and not SHARED.exists():
        return None
    done = subprocess.run([sys.executable, "-m", "pactwatch.cli.main", *argv[1:]], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    # stderr first: its notes are written before the answer, as a terminal shows them
    text = (done.stderr if "2>&1" in shown.filters else "") + done.stdout
    out = [line.rstrip() for line in text.splitlines()]
    for f in shown.filters:
        name, _, arg = f.partition(" ")
        if name == "keep":
            out = [line for line in out if re.search(arg, line)]
        elif name == "head" and len(out) > int(arg):
            out = [*out[: int(arg)], "  ..."]
        elif name != "2>&1":
            raise SystemExit(f"{shown.command!r}: unknown filter {f!r}")
    return ([f"$ {shown.command}"] if shown.with_prompt else []) + out


def regenerate(text: str) -> str:
    lines = text.split("\n")
    env = environment()
    with tempfile.TemporaryDirectory() as folder:
        cwd = workspace(Path(folder))
        replaced: list[tuple[Shown, list[str]]] = []
        for shown in find_blocks(lines):
            out = run(shown, cwd, env)
            if out is not None:
                replaced.append((shown, out))
    for shown, out in reversed(replaced):  # bottom-up: earlier line numbers stay valid
        lines[shown.start:shown.end] = out
    return "\n".join(lines)


def masked(text: str) -> list[str]:
    return [TIMING.sub(" #.##", line) for line in text.split("\n")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    fresh = regenerate(current)
    if args.check:
        if masked(fresh) != masked(current):
            sys.stdout.writelines(difflib.unified_diff(
                [line + "\n" for line in current.split("\n")],
                [line + "\n" for line in fresh.split("\n")], "README.md", "regenerated"))
            print("README.md: shown outputs drifted; run python scripts/readme_outputs.py",
                  file=sys.stderr)
            sys.exit(1)
        return
    if fresh != current:
        README.write_text(fresh, encoding="utf-8")
        print("README.md: shown outputs regenerated")


if __name__ == "__main__":
    main()
