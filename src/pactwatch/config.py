"""Settings shared by the command line and the library: where the database lives,
how large an input file may be, how sure a reported item must be to be shown."""

from __future__ import annotations

import os
import re
from fractions import Fraction

from pactwatch.errors import PactwatchError

DB_ENV_VAR = "PACTWATCH_DB"
DEFAULT_DB_PATH = "pactwatch.db"
# Matches the readers' own default, so `--max-size` and the library agree.
DEFAULT_MAX_BYTES = 20_000_000

# Reported items (quotes, events, commitments read from the news) below this confidence are
# hidden by default in obligations, changes, the board and the API lists; 0 shows them all.
DEFAULT_MIN_CONFIDENCE = 0.5

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*((?:[kmg]i?)?b?)\s*$", re.IGNORECASE | re.ASCII)
_EXPONENTS = {"k": 1, "m": 2, "g": 3}


def default_db() -> str:
    """The database to use when none is given: ``$PACTWATCH_DB``, else ./pactwatch.db."""
    return os.environ.get(DB_ENV_VAR) or DEFAULT_DB_PATH


def parse_size(text: str) -> int:
    """Parse a size such as ``20MB``, ``500k`` or ``1048576`` into bytes (KiB/MiB count 1024s)."""
    match = _SIZE.match(text)
    if not match:
        raise PactwatchError("E190", f"cannot read {text!r} as a size; write e.g. 20MB, 500KB or 1000000")
    number = Fraction(match.group(1))  # exact: 4611686019GB must not round
    unit = (match.group(2) or "").lower()
    base = 1024 if "i" in unit else 1000
    exponent = _EXPONENTS.get(unit[:1], 0)
    return int(number * base**exponent)
