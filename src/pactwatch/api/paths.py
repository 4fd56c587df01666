"""What the API says of where an article came from: its file name, never the server's folders."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\\/]")


def file_name(path: str | None) -> str | None:
    """The last part of a stored path (``/srv/news/a.txt`` -> ``a.txt``); None stays None."""
    if not path:
        return path
    return _SEPARATORS.split(path.rstrip("/\\"))[-1] or path
