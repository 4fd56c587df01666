"""Compiled regular expressions kept on disk between runs (a warm start compiles none).

The stages build hundreds of patterns from the lexicons (alternations of thousands of
words) when they are imported or first used, and CPython's ``re`` spends about a second
of every process's start parsing them into the engine's code. That code depends only on
the pattern, its flags and the Python version, so it is kept, as ``re`` itself would
make it, in the cache folder of :mod:`pactwatch.datacache` (``regex-<python>-<magic>``)
and handed straight to ``_sre.compile`` the next time: the pattern object is the one
``re.compile`` returns, only made without the parsing.

Only patterns compiled by pactwatch's own modules are recorded (never a pattern built
from a search query), at most :data:`MAX_ENTRIES` of them. The cache works only on the
CPython versions whose ``re._compiler.compile`` this mirrors (3.11, checked); anywhere
else, or when the cache is off or unreadable, ``re`` works as it always does.
"""

from __future__ import annotations

import atexit
import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

MAX_ENTRIES = 4096
# the versions whose re._compiler.compile _make is checked against (tests/test_datacache.py)
_SUPPORTED = ((3, 11),)
_PACKAGE = str(Path(__file__).resolve().parent) + os.sep

# (pattern type, pattern, flags) -> the arguments of _sre.compile but the pattern
_Key = tuple[type, Any, int]
_Args = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_table: dict[_Key, _Args] = {}
_added = False
_installed = False
_target: Path | None = None
_original: Any = None  # re._compiler.compile as it was before install()


def install() -> None:
    """Serve pactwatch's patterns from the disk cache from now on (once per process)."""
    global _installed, _original
    if _installed or sys.implementation.name != "cpython" or sys.version_info[:2] not in _SUPPORTED:
        return
    _installed = True
    import _sre
    import re._compiler as compiler

    original = _original = compiler.compile
    loaded = False

    def compile(p: Any, flags: int = 0) -> Any:  # noqa: A001 - re._compiler's own name
        nonlocal loaded
        if not isinstance(p, str | bytes) or flags & compiler.SRE_FLAG_DEBUG:
            return original(p, flags)
        key = (type(p), p, int(flags))
        args = _table.get(key)
        if args is None:
            ours = _ours(sys._getframe(1))
            if ours and not loaded:
                # read on pactwatch's first pattern: a command that compiles none
                # (--help) does not pay for reading the table
                loaded = True
                _load()
                args = _table.get(key)
            if args is None:
                args = _make(compiler, p, flags)
                if ours and len(_table) < MAX_ENTRIES:
                    _remember(key, args)
        final, code, groups, groupindex, indexgroup = args
        return _sre.compile(p, final, code, groups, groupindex, indexgroup)

    compiler.compile = compile
    atexit.register(save)


def _load() -> None:
    """Find the cache file (none when the cache is off) and read what it holds; done on
    pactwatch's first pattern, so that importing pactwatch costs nothing."""
    global _target
    import _sre

    from pactwatch.datacache import cache_dir

    folder = cache_dir()
    if folder is None:
        return
    version = "".join(map(str, sys.version_info[:3]))
    _target = folder / f"regex-{version}-{_sre.MAGIC}-{_sre.CODESIZE}.pickle"
    import pickle

    with suppress(Exception):  # missing, truncated or foreign: compile as usual
        with _target.open("rb") as f:
            found = pickle.load(f)
        if isinstance(found, dict):
            for key, args in found.items():
                _table.setdefault(key, args)


def _make(compiler: Any, pattern: str | bytes, flags: int) -> _Args:
    """What ``re._compiler.compile`` hands ``_sre.compile`` (its own steps, in order)."""
    parsed = compiler._parser.parse(pattern, flags)
    # plain ints: the opcodes are named int constants, which do not pickle
    code = [int(op) for op in compiler._code(parsed, flags)]
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groupindex),
            tuple(indexgroup))


def _remember(key: _Key, args: _Args) -> None:
    global _added
    _table[key] = args
    _added = True


def _ours(frame: Any) -> bool:
    """Whether the first caller outside ``re`` is one of pactwatch's modules."""
    while frame is not None and os.sep + "re" + os.sep in frame.f_code.co_filename:
        frame = frame.f_back
    return frame is not None and frame.f_code.co_filename.startswith(_PACKAGE)


def save() -> None:
    """Write the table when this process compiled new patterns (atomically: a reader
    never sees half a file; a cache that cannot be written only means compiling again)."""
    global _added
    if not _added or _target is None:
        return
    _added = False
    import pickle
    import tempfile

    try:
        _target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".regex-", suffix=".tmp", dir=_target.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(dict(_table), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _target)
    except Exception:
        with suppress(OSError):
            os.unlink(tmp)
