"""Run every benchmark script in benchmarks/, each in its own process with a time limit.

    python benchmarks/run_all.py                  # run them all, print as they finish
    python benchmarks/run_all.py --only pipeline,times
    python benchmarks/run_all.py --report         # also write benchmarks/REPORT.md

Scripts are the ``*.py`` files here other than helpers (``corpus_gen.py``, this
file, names starting with ``_``). A script that fails or runs out of time is
reported and the others still run. Not part of CI: figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
HELPERS = {"run_all.py", "corpus_gen.py", "__init__.py"}
REPORT = BENCHMARKS / "REPORT.md"


@dataclass
class Outcome:
    name: str
    status: str  # ok | failed (exit N) | timed out after N s
    seconds: float
    output: str


def benchmark_scripts(only: set[str] | None = None) -> list[Path]:
    scripts = [
        p
        for p in sorted(BENCHMARKS.glob("*.py"))
        if p.name not in HELPERS and not p.name.startswith("_")
    ]
    if only is not None:
        unknown = only - {p.stem for p in scripts}
        if unknown:
            sys.exit(f"run_all: no benchmark script named {', '.join(sorted(unknown))}")
        scripts = [p for p in scripts if p.stem in only]
    return scripts


def run_script(script: Path, timeout: float) -> Outcome:
    """Run one script; on timeout its whole process group is killed (it may have children)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        # unbuffered all the way down, so a script killed on timeout still shows its output
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        output, _ = process.communicate(timeout=timeout)
        status = "ok" if process.returncode == 0 else f"failed (exit {process.returncode})"
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        status = f"timed out after {timeout:.0f} s"
    return Outcome(script.stem, status, time.perf_counter() - started, output or "")


def machine_summary() -> str:
    return (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()},"
        f" {os.cpu_count()} CPU cores"
    )


def write_report(outcomes: list[Outcome], path: Path) -> None:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark report",
        "",
        f"Written by `python benchmarks/run_all.py --report` on {when}; {machine_summary()}.",
        "Figures are per core unless a script says otherwise; nothing here is asserted.",
        "",
        "| script | status | seconds |",
        "| --- | --- | ---: |",
    ]
    lines += [f"| {o.name} | {o.status} | {o.seconds:.1f} |" for o in outcomes]
    for o in outcomes:
        lines += ["", f"## {o.name}", "", "```text", o.output.rstrip(), "```"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated script names (without .py)")
    parser.add_argument(
        "--timeout", type=float, default=3600.0, help="seconds allowed per script (default 3600)"
    )
    parser.add_argument("--report", action="store_true", help=f"write {REPORT.relative_to(REPO)}")
    args = parser.parse_args()
    only = {n.strip().removesuffix(".py") for n in args.only.split(",")} if args.only else None
    outcomes = []
    for script in benchmark_scripts(only):
        print(f"== {script.name} ==", flush=True)
        outcome = run_script(script, args.timeout)
        print(outcome.output.rstrip())
        print(f"-- {script.name}: {outcome.status} in {outcome.seconds:.1f} s\n", flush=True)
        outcomes.append(outcome)
    if args.report:
        write_report(outcomes, REPORT)
        print(f"wrote {REPORT}")
    sys.exit(0 if all(o.status == "ok" for o in outcomes) else 1)


if __name__ == "__main__":
    main()
