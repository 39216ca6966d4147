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

__all__ = ["Change", "OffsetMap", "StageMap", "apply_changes", "join_maps", "map_sorted"]


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


def map_sorted(stage: StageMap, positions: list[int], side: str) -> list[int]:
    """:meth:`StageMap.to_input` for ascending ``positions``, in one sweep.

    Stage maps are monotone, so ascending positions stay ascending and one pointer over the
    stage's spans serves them all: ``O(len(positions) + len(spans))`` instead of a bisection
    per position.

    >>> stage = StageMap.from_changes([Change(2, 3, ""), Change(5, 5, "x")])
    >>> map_sorted(stage, [0, 2, 4, 5], "start") == [stage.to_input(p) for p in (0, 2, 4, 5)]
    True
    """
    out_starts, out_ends, in_starts, in_ends = (stage.out_starts, stage.out_ends,
                                                 stage.in_starts, stage.in_ends)
    n = len(out_starts)
    mapped: list[int] = []
    i = -1  # the last span counted as "before" the current position
    if side == "start":
        for pos in positions:
            while i + 1 < n and out_starts[i + 1] <= pos:
                i += 1
            if i < 0:
                mapped.append(pos)
            elif pos < out_ends[i]:
                mapped.append(in_starts[i])
            else:
                mapped.append(in_ends[i] + (pos - out_ends[i]))
    else:
        for pos in positions:
            while i + 1 < n and out_starts[i + 1] < pos:
                i += 1
            if i < 0:
                mapped.append(pos)
            elif pos <= out_ends[i]:
                mapped.append(in_ends[i])
            else:
                mapped.append(in_ends[i] + (pos - out_ends[i]))
    return mapped


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

    def spans_to_input(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`span_to_input` for many spans whose starts and ends are both ascending.

        This is the case of the changes of one stage (sorted and non-overlapping); each stage
        map is swept once instead of bisected once per position.

        >>> m = OffsetMap([StageMap.from_changes([Change(2, 3, "")])])
        >>> m.spans_to_input([(0, 2), (2, 2), (2, 6)]) == [m.span_to_input(0, 2),
        ...     m.span_to_input(2, 2), m.span_to_input(2, 6)]
        True
        """
        starts = [start for start, _ in spans]
        ends = [end for _, end in spans]
        for stage in reversed(self.stages):
            if not stage.out_starts:
                continue
            starts = map_sorted(stage, starts, "start")
            ends = map_sorted(stage, ends, "end")
        out: list[tuple[int, int]] = []
        for (start, end), new_start, new_end in zip(spans, starts, ends, strict=True):
            if end <= start:
                out.append((new_start, new_start))
            else:
                out.append((new_start, max(new_start, new_end)))
        return out


def join_maps(parts: Sequence[tuple[int, OffsetMap]]) -> OffsetMap:
    """The map of texts repaired apart and joined, from each part's input length and map.

    Stage ``j`` of the joined map holds stage ``j`` of every part, shifted by the lengths the
    parts before it have at that stage, so that a position of one part's output maps back
    through that part's stages alone.

    >>> a = OffsetMap([StageMap.from_changes([Change(2, 3, "")])])  # "مد یریت" -> "مدیریت"
    >>> b = OffsetMap([StageMap.from_changes([Change(0, 0, "x")]),
    ...                StageMap.from_changes([Change(1, 2, "")])])  # "دو" -> "xدو" -> "xو"
    >>> joined = join_maps([(8, a), (2, b)])  # 8 characters (with a line break), then 2
    >>> joined.span_to_input(0, 7), joined.span_to_input(7, 9), joined.span_to_input(8, 9)
    ((0, 8), (8, 10), (9, 10))
    """
    depth = max((len(m.stages) for _, m in parts), default=0)
    lengths = [length for length, _ in parts]
    stages: list[StageMap] = []
    for level in range(depth):
        in_s: list[int] = []
        in_e: list[int] = []
        out_s: list[int] = []
        out_e: list[int] = []
        in_shift = out_shift = 0
        for k, (_, offsets) in enumerate(parts):
            length = lengths[k]
            if level < len(offsets.stages):
                stage = offsets.stages[level]
                in_s.extend(p + in_shift for p in stage.in_starts)
                in_e.extend(p + in_shift for p in stage.in_ends)
                out_s.extend(p + out_shift for p in stage.out_starts)
                out_e.extend(p + out_shift for p in stage.out_ends)
                length += sum(stage.out_ends) - sum(stage.out_starts) - (
                    sum(stage.in_ends) - sum(stage.in_starts))
            in_shift += lengths[k]
            out_shift += length
            lengths[k] = length
        stages.append(StageMap(tuple(in_s), tuple(in_e), tuple(out_s), tuple(out_e)))
    return OffsetMap(stages)
