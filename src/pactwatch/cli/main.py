"""The ``pactwatch`` command: a thin layer over the library.

Commands live in ``pactwatch/cli/cmd_*.py``; each module exposes ``register(cli)``
and is discovered here, so adding a command never edits this file.
"""

from __future__ import annotations

import importlib
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


def main() -> None:
    try:
        cli(standalone_mode=True)
    except PactwatchError as exc:  # numbered errors explain themselves; no traceback
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
