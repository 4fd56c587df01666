"""MinHash signatures of normalised word shingles (datasketch).

Text is folded to NFC lower case and split into words (Vietnamese syllables count
as words); a shingle is three consecutive words. Signatures are stored as text so
that every back end keeps them in a plain column, and new articles can be matched
against stored ones without reading their text again.
"""

from __future__ import annotations

import base64
import re
import unicodedata
import zlib

import numpy as np
from datasketch import LeanMinHash, MinHash

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 3
# datasketch's hashing scheme, pinned: its default may change between releases
SCHEME = "affine32"
# the version of the recipe (shingling, permutations): a stored signature of another
# version cannot be compared with ours and is recomputed
VERSION = "v2"
_WORD = re.compile(r"\w+")
# CRC-32 rather than datasketch's SHA-1: as stable across processes and runs (signatures
# are stored), and a third faster; the permutations spread its values anyway
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)


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


def signature(text: str) -> LeanMinHash:
    """The MinHash of the text's shingles (an empty text has the empty signature)."""
    m = _TEMPLATE.copy()
    found = shingles(text)
    if found:
        m.update_batch(list(found))
    return LeanMinHash(m)


def to_text(sig: LeanMinHash) -> str:
    """``v2:`` and the base64 of the signature's 32-bit values (little-endian)."""
    values = np.asarray(sig.hashvalues, dtype="<u4")
    return f"{VERSION}:" + base64.b64encode(values.tobytes()).decode("ascii")


def from_text(text: str) -> LeanMinHash | None:
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
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def similarity(a: LeanMinHash, b: LeanMinHash) -> float:
    """Estimated Jaccard similarity of the two articles' shingle sets."""
    return float(a.jaccard(b))
