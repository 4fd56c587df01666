"""MinHash signatures of normalised word shingles.

Text is folded to NFC lower case and split into words (Vietnamese syllables count
as words); a shingle is three consecutive words. Signatures are stored as text so
that every back end keeps them in a plain column, and new articles can be matched
against stored ones without reading their text again.

The recipe is datasketch's ``MinHash(num_perm=128, seed=1, scheme="affine32",
hashfunc=zlib.crc32)``, written out here in numpy (``tests/test_stories.py`` checks
the values against datasketch's when it is installed): importing datasketch loads
scipy, most of a second of every ingest for the four lines used.
"""

from __future__ import annotations

import base64
import re
import unicodedata
import zlib
from typing import Any

import numpy as np

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 3
# datasketch's hashing scheme, pinned: its default may change between releases
SCHEME = "affine32"
# the version of the recipe (shingling, permutations): a stored signature of another
# version cannot be compared with ours and is recomputed
VERSION = "v2"
_WORD = re.compile(r"\w+")
_EMPTY = np.uint32(0xFFFFFFFF)


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations h -> a * h + b (mod 2^32), a odd."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = _permutations(NUM_PERM, SEED)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, the pre-mix of the affine32 scheme (wrapping uint32)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


class Signature:
    """A MinHash signature: NUM_PERM 32-bit values (read-only)."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: Any) -> None:
        values = np.array(hashvalues, dtype=np.uint32)
        values.flags.writeable = False
        self.hashvalues: np.ndarray = values

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other: Signature) -> float:
        """The share of values the two signatures agree on."""
        if len(self) != len(other):
            raise ValueError("signatures of different lengths cannot be compared")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(len(self))


def words(text: str) -> list[str]:
    """The text's words, NFC and case-folded (so "Mỹ" in any encoding is one word)."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Every run of ``k`` consecutive words (the whole text when it is shorter)."""
    ws = words(text)
    if len(ws) < k:
        return {" ".join(ws).encode("utf-8")} if ws else set()
    grams = zip(*(ws[i:] for i in range(k)), strict=False)  # stops at the shortest
    return {" ".join(gram).encode("utf-8") for gram in grams}


def signature(text: str) -> Signature:
    """The MinHash of the text's shingles (an empty text has the empty signature).

    CRC-32 rather than datasketch's SHA-1: as stable across processes and runs
    (signatures are stored), and a third faster; the permutations spread its values."""
    found = shingles(text)
    if not found:
        return Signature(np.full(NUM_PERM, _EMPTY, dtype=np.uint32))
    hv = _fmix32(np.array([zlib.crc32(s) for s in found], dtype=np.uint32).reshape(-1, 1))
    return Signature(np.minimum(_EMPTY, (hv * _A + _B).min(axis=0)))


def to_text(sig: Signature) -> str:
    """``v2:`` and the base64 of the signature's 32-bit values (little-endian)."""
    values = np.asarray(sig.hashvalues, dtype="<u4")
    return f"{VERSION}:" + base64.b64encode(values.tobytes()).decode("ascii")


def from_text(text: str) -> Signature | None:
    """A stored signature, or None when it was made by another recipe (or is damaged)."""
    version, _, body = text.partition(":")
    if version != VERSION:
        return None
    try:
        values = np.frombuffer(base64.b64decode(body, validate=True), dtype="<u4")
    except ValueError:
        return None
    if len(values) != NUM_PERM:
        return None
    return Signature(values)


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two articles' shingle sets."""
    return float(a.jaccard(b))
