"""The error catalogue in pactwatch.errors lists every code the package raises."""

from __future__ import annotations

import re
from pathlib import Path

import pactwatch
from pactwatch import errors

SRC = Path(pactwatch.__file__).resolve().parent


def codes_used() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py":
            continue
        text = path.read_text(encoding="utf-8")
        # a code passed as its own string ("E101") or written into a message ("[E101] ...")
        for quoted, bracketed in re.findall(r"[\"'](E\d{3})[\"']|\[(E\d{3})\]", text):
            found.add(quoted or bracketed)
    return found


def codes_catalogued() -> set[str]:
    return set(re.findall(r"^(E\d{3})  ", errors.__doc__ or "", re.MULTILINE))


def test_every_code_raised_is_catalogued() -> None:
    missing = codes_used() - codes_catalogued()
    assert not missing, f"add these codes to the table in pactwatch/errors.py: {sorted(missing)}"


def test_catalogue_has_no_stale_codes() -> None:
    stale = codes_catalogued() - codes_used()
    assert not stale, f"these catalogued codes are raised nowhere: {sorted(stale)}"
