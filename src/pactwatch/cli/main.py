"""The ``pactwatch`` command: a thin layer over the library.

Commands live in ``pactwatch/cli/cmd_*.py``; each module exposes ``register(cli)``
and is discovered here, so adding a command never edits this file. Those modules import
only click at module level (the store, Rich, the pipeline and the knowledge base inside
the commands), so ``--help``, ``--version`` and a mistyped command stay fast:
``benchmarks/cli_startup.py`` times it.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import click

import pactwatch
from pactwatch.errors import PactwatchError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(pactwatch.__version__, prog_name="pactwatch")
def cli() -> None:
    """Read international-security news into a model of who is bound to defend whom."""


def _register_commands() -> None:
    package = importlib.import_module("pactwatch.cli")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"pactwatch.cli.{info.name}")
            module.register(cli)


_register_commands()


def _stdout_closed() -> None:
    """The reader of our output went away (``| head -1``): say nothing more, exit 0."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main() -> None:
    code: int | str | None = 0
    try:
        cli(standalone_mode=True)
    except PactwatchError as exc:  # numbered errors explain themselves; no traceback
        click.echo(f"error: {exc}", err=True)
        code = 2
    except BrokenPipeError:
        _stdout_closed()
        code = 0
    except SystemExit as exc:
        code = exc.code
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # click pacifies the streams and exits 1 on EPIPE: we exit 0
        _stdout_closed()
        code = 0
    if isinstance(code, int) and code == 1 and _epipe_seen():
        code = 0
    sys.exit(code)


def _epipe_seen() -> bool:
    """Whether click caught a closed stdout (it wraps the streams when it does)."""
    return type(sys.stdout).__name__ == "_PacifyFlushWrapper"


if __name__ == "__main__":
    main()
