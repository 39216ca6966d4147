"""Offset maps between a repaired text and the text it was repaired from.

A repair runs as a sequence of stages (one per rule application). Each stage replaces some
non-overlapping spans of its input; :class:`StageMap` records them, and :class:`OffsetMap`
chains the stages so that any position or span of the final text can be taken back to the
original, e.g. to export a coded segment at its place in the file the researcher gave us.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["Change", "OffsetMap", "StageMap", "apply_changes"]


class Change(NamedTuple):
    """Replace ``text[start:end]`` with ``after`` (``start == end`` inserts)."""

    start: int
    end: int
    after: str


def apply_changes(text: str, changes: Sequence[Change]) -> str:
    """Apply sorted, non-overlapping changes to ``text``.

    >>> apply_changes("مد یریت", [Change(2, 3, "")])
    'مدیریت'
    """
    out: list[str] = []
    pos = 0
    for start, end, after in changes:
        out.append(text[pos:start])
        out.append(after)
        pos = end
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class StageMap:
    """The spans one stage replaced: parallel lists in input and output coordinates."""

    in_starts: tuple[int, ...]
    in_ends: tuple[int, ...]
    out_starts: tuple[int, ...]
    out_ends: tuple[int, ...]

    @classmethod
    def from_changes(cls, changes: Iterable[Change]) -> StageMap:
        """Build the map of a stage from its sorted, non-overlapping changes."""
        in_s: list[int] = []
        in_e: list[int] = []
        out_s: list[int] = []
        out_e: list[int] = []
        delta = 0
        for start, end, after in changes:
            in_s.append(start)
            in_e.append(end)
            out_s.append(start + delta)
            delta += len(after) - (end - start)
            out_e.append(end + delta)
        return cls(tuple(in_s), tuple(in_e), tuple(out_s), tuple(out_e))

    def to_input(self, pos: int, *, side: str = "start") -> int:
        """Map an output position back to the input.

        A position inside replaced text goes to the replaced span's start (``side="start"``)
        or end (``side="end"``), so a mapped span always covers what it came from.
        """
        if side == "start":
            # the last change starting at or before pos
            i = bisect.bisect_right(self.out_starts, pos) - 1
            if i >= 0 and pos < self.out_ends[i]:
                return self.in_starts[i]
        else:
            # the last change starting strictly before pos (one starting at pos lies after the end)
            i = bisect.bisect_left(self.out_starts, pos) - 1
            if i >= 0 and pos <= self.out_ends[i]:
                return self.in_ends[i]
        if i < 0:
            return pos
        return self.in_ends[i] + (pos - self.out_ends[i])


@dataclass(slots=True)
class OffsetMap:
    """Maps positions and spans of a repaired text back to the original input.

    >>> from cirmtext.repair.align import Change, OffsetMap, StageMap
    >>> m = OffsetMap([StageMap.from_changes([Change(2, 3, "")])])  # "مد یریت" -> "مدیریت"
    >>> m.span_to_input(0, 6)
    (0, 7)
    """

    stages: list[StageMap] = field(default_factory=list)

    def to_input(self, pos: int, *, side: str = "start") -> int:
        """Map one position of the final text to the original text."""
        for stage in reversed(self.stages):
            pos = stage.to_input(pos, side=side)
        return pos

    def span_to_input(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the final text to the input span it came from."""
        new_start = self.to_input(start, side="start")
        new_end = self.to_input(end, side="end") if end > start else new_start
        return new_start, max(new_start, new_end)
