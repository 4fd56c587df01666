"""Compiled data (knowledge base, lexicons, automata) kept on disk between runs.

Reading the YAML and CSV under ``data/`` and compiling it costs about a second; a
process that analyses one article would spend most of its life there. :func:`cached`
builds a value once per content of the files it comes from (and of the code that
builds it) and keeps it, pickled, in a cache folder:

- ``$PACTWATCH_CACHE_DIR`` when set (``off``, ``0`` or empty: no cache at all);
- else ``$XDG_CACHE_HOME/pactwatch``, else ``~/.cache/pactwatch``.

The key is a hash of the files' bytes, so an edited file is never served stale, and a
cache that cannot be read or written (a read-only home, a full disk, a truncated
file) only means the value is built again: the cache never makes a run fail.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

CACHE_ENV = "PACTWATCH_CACHE_DIR"
_OFF = frozenset({"", "0", "off", "none", "no"})
# bumped when what is stored changes shape in a way the hashed code does not show
FORMAT = 1

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where compiled data is kept (None: the cache is turned off)."""
    given = os.environ.get(CACHE_ENV)
    if given is not None:
        return None if given.strip().lower() in _OFF else Path(given).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base.strip() else Path.home() / ".cache"
    return root / "pactwatch"


def digest(paths: Iterable[str | os.PathLike[str]], extra: Iterable[object] = ()) -> str:
    """A hash of the files' names and bytes (a missing file counts as missing)."""
    from pactwatch import __version__

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    for path in paths:
        h.update(b"\0" + os.fsencode(path) + b"\0")
        try:
            h.update(Path(path).read_bytes())
        except OSError:
            h.update(b"\1missing")
    for item in extra:
        h.update(b"\0" + (item.encode() if isinstance(item, str) else repr(item).encode()))
    return h.hexdigest()


def cached(name: str, paths: Iterable[str | os.PathLike[str]], build: Callable[[], T], *,
           code: Iterable[str | os.PathLike[str]] = (), extra: Iterable[object] = ()) -> T:
    """``build()``, or what it returned last time for the same files.

    ``paths`` are the data files the value is made from, ``code`` the source files of
    the code that makes it (hashed too, so a changed class or rule rebuilds), ``extra``
    any other argument the value depends on.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    key = digest([*paths, *code], extra)
    target = folder / f"{name}-{key}.pickle"
    with suppress(FileNotFoundError):
        value = _load(target)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
    value = build()
    _store(folder, name, target, value)
    return value


_MISSING = object()


def safe_loader() -> Any:
    """PyYAML's safe loader, libyaml's (C, several times faster) when it is installed."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, name: str) -> Any:
    """``yaml.safe_load(text)`` kept on disk by the text's hash (``name``: which data file,
    so each keeps one cached copy). Raises what ``yaml.safe_load`` raises."""
    import yaml

    tag = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
    return cached(f"yaml.{tag}", [], lambda: yaml.load(text, Loader=safe_loader()),
                  extra=[text])


def _load(target: Path) -> Any:
    try:
        with target.open("rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        raise
    except Exception:  # unreadable, truncated, or from a class since renamed: rebuild
        with suppress(OSError):
            target.unlink()
        return _MISSING


def _store(folder: Path, name: str, target: Path, value: object) -> None:
    """Write ``target`` atomically (a reader never sees half a file); old keys go."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
    except OSError:
        return  # unwritable: the next run builds again
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except Exception:  # a full disk, or a value that cannot be pickled
        with suppress(OSError):
            os.unlink(tmp)
        return
    for old in folder.glob(f"{name}-*.pickle"):
        if old != target:
            with suppress(OSError):
                old.unlink()
