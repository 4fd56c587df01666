"""How long the command line takes to answer what needs no analysis, next to Python itself.

    python benchmarks/cli_startup.py            # best of 5 for each command
    python benchmarks/cli_startup.py --runs 9

Every command runs as a user types it, in a fresh process (``python -m
pactwatch.cli.main``, as the ``pactwatch`` script does), and the same run times
``python -c pass``, so a loaded machine shows in both columns. The goal printed beside
``--help`` is the one the CLI is held to: under 0.3 s. ``analyze`` of one short example
article is timed too (start-up, the knowledge base and the pipeline, once). Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHORT_ARTICLE = REPO / "examples" / "2025-09-ba-lan-drone.txt"
HELP_GOAL_S = 0.3


def best_of(argv: list[str], runs: int, env: dict[str, str]) -> tuple[float, int]:
    """The fastest of ``runs`` wall-clock times of ``argv``, and its last exit status."""
    best, status = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, cwd=env["PWD"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - started)
        status = done.returncode
    return best, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (best is kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # an empty folder: no ./pactwatch.db, so nothing reads a database by accident
        env = {**os.environ, "PWD": folder}
        env.pop("PACTWATCH_DB", None)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
        cli = [sys.executable, "-m", "pactwatch.cli.main"]
        commands: list[tuple[str, list[str], float | None]] = [
            ("python -c pass", [sys.executable, "-c", "pass"], None),
            ("pactwatch --help", [*cli, "--help"], HELP_GOAL_S),
            ("pactwatch --version", [*cli, "--version"], None),
            ("pactwatch docuemnts (a typo)", [*cli, "docuemnts"], None),
            ("pactwatch documents --db missing.db", [*cli, "documents", "--db", "missing.db"],
             None),
            ("pactwatch obligations --attacked FIN --on 2023-04-05",
             [*cli, "obligations", "--attacked", "FIN", "--on", "2023-04-05"], None),
            ('pactwatch kb show "Điện Kremlin"', [*cli, "kb", "show", "Điện Kremlin"], None),
            (f"pactwatch analyze examples/{SHORT_ARTICLE.name}",
             [*cli, "analyze", str(SHORT_ARTICLE)], None),
        ]
        print(f"best of {args.runs} runs, wall clock, one fresh process each"
              f" ({sys.executable}, {os.cpu_count()} cores)")
        print(f"{'command':<62} {'seconds':>8} {'- python':>9} {'exit':>5}  goal")
        baseline = 0.0
        for name, argv, goal in commands:
            seconds, status = best_of(argv, args.runs, env)
            if name == "python -c pass":
                baseline = seconds
            verdict = "" if goal is None else (
                f"< {goal} s: {'met' if seconds < goal else 'NOT met'}")
            print(f"{name:<62} {seconds:8.3f} {seconds - baseline:9.3f} {status:5d}  {verdict}")


if __name__ == "__main__":
    main()
