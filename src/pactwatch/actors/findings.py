"""What the recognisers hand to the linker: spans tied to an actor entry."""

from __future__ import annotations

from dataclasses import dataclass

from pactwatch.actors.kb import KBEntry


@dataclass
class Finding:
    start: int
    end: int
    entry: KBEntry  # a KB entry, or one made from the text (``in_kb`` False)
    as_: str  # name|alias|metonym|role
    in_kb: bool = True
    # the title seen with a person ("Thủ tướng Anh") and the country it names
    role_text: str | None = None
    country: str | None = None
    from_metadata: bool = False
    # how sure the recogniser is (1.0 for the KB's; less for names made from the text)
    confidence: float = 1.0

    @property
    def actor_id(self) -> str:
        return self.entry.id


class Coverage:
    """Which characters of the text are already claimed by a finding."""

    def __init__(self, size: int) -> None:
        self._taken = bytearray(size)
        self.starts: set[int] = set()

    def claim(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)
        self.starts.add(start)

    def free(self, start: int, end: int) -> bool:
        # find() scans in place; slicing would copy the span on every call
        return self._taken.find(1, start, end) < 0

    def union(self, other: Coverage | None) -> bytearray:
        """The characters either coverage claims (one byte each: 1 = claimed)."""
        if other is None or len(other._taken) != len(self._taken):
            return self._taken
        size = len(self._taken)
        # OR both maps as big integers: one C-level pass instead of a Python loop
        merged = int.from_bytes(self._taken, "big") | int.from_bytes(other._taken, "big")
        return bytearray(merged.to_bytes(size, "big"))

    def taken(self, pos: int) -> bool:
        return 0 <= pos < len(self._taken) and bool(self._taken[pos])
