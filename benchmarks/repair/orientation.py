"""Which lines of a text run backwards, measured against a gold text, for the repair benchmark.

PDF extractors give some Persian lines in visual order: the letters of the whole line reversed
("ملاس" for "سلام"), or the words of a justified line in reverse order. This module classifies
every line of a text (a raw extraction or a repaired one) as ``forward``, ``letters`` (letters
reversed) or ``words`` (word order reversed) by comparing it with the gold:

* Each line and the gold are reduced to a *skeleton*: letters and digits only, Arabic and
  presentation-form letters folded to their Persian base letters (NFKC plus ي/ى→ی, ك→ک), no
  spaces, no ZWNJ, no punctuation. Spacing and ZWNJ damage therefore do not matter here.
* For each candidate reading of a line (as it is; its letters reversed; its words reversed) the
  score is the share of its character 6-grams that occur in the gold skeleton. The best reading
  wins if it scores at least 0.5 and beats the others clearly (by 0.15); short lines (fewer than
  4 words or 12 skeleton letters) are not classified.
* The line's place in the gold is the median gold offset of its matched 6-grams (first
  occurrence), so a line of the broken text and a line of the repaired text can be compared even
  when repair joined or split lines.

:func:`reorder_stats` compares a raw extraction with a repaired text through the gold: a gold
position covered by a reversed raw line is *restored* when the repaired line covering it reads
forward; a gold position covered by a forward raw line is a *false reorder* when the repaired
line covering it reads backwards.
"""

from __future__ import annotations

import bisect
import re
import statistics
import unicodedata
from dataclasses import dataclass

N = 6
MIN_WORDS = 4
MIN_LETTERS = 12
MIN_SCORE = 0.5
MARGIN = 0.15
CHUNK = 12

_FOLD = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
                       "\u06c0": "\u0647", "\u0629": "\u0647"})


def skeleton(text: str) -> str:
    """Letters and digits of ``text`` only, folded to base Persian letters.

    >>> skeleton("مدیریتِ  ارتباط‌ها، ﻣﺼﺎﺣﺒﻪ ١٢")
    'مدیریتارتباطهامصاحبه١٢'
    """
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return "".join(ch for ch in folded if ch.isalnum())


@dataclass(frozen=True, slots=True)
class LineReading:
    """How one line reads against the gold: orientation and place (gold skeleton offset)."""

    orientation: str  # "forward", "letters", "words" or "unknown"
    position: int  # median gold-skeleton offset of the matched n-grams, -1 if unknown
    letters: int


class GoldIndex:
    """The gold text's skeleton with the first offset of every character n-gram."""

    def __init__(self, gold: str) -> None:
        self.skeleton = skeleton(gold)
        self.first: dict[str, int] = {}
        sk = self.skeleton
        for i in range(len(sk) - N + 1):
            self.first.setdefault(sk[i:i + N], i)

    def _score(self, sk: str) -> tuple[float, list[int]]:
        grams = [sk[i:i + N] for i in range(len(sk) - N + 1)]
        hits = [self.first[g] for g in grams if g in self.first]
        return (len(hits) / len(grams) if grams else 0.0), hits

    def read(self, line: str) -> LineReading:
        """Classify ``line`` (see the module docstring)."""
        words = line.split()
        sk = skeleton(line)
        if len(words) < MIN_WORDS or len(sk) < MIN_LETTERS:
            return LineReading("unknown", -1, len(sk))
        readings = {
            "forward": sk,
            "letters": sk[::-1],
            "words": skeleton(" ".join(reversed(words))),
        }
        scored = {name: self._score(s) for name, s in readings.items()}
        ranked = sorted(scored.items(), key=lambda kv: kv[1][0], reverse=True)
        (best, (score, hits)), (_, (second, _)) = ranked[0], ranked[1]
        if score < MIN_SCORE or score - second < MARGIN:
            return LineReading("unknown", -1, len(sk))
        return LineReading(best, int(statistics.median(hits)), len(sk))


def split_lines(text: str) -> list[str]:
    """The non-blank lines of ``text``."""
    return [line for line in re.split(r"[\n\r\f\u2028\u2029]+", text) if line.strip()]


def read_lines(text: str, index: GoldIndex, chunk: int | None = None) -> list[LineReading]:
    """A :class:`LineReading` for every non-blank line of ``text``.

    With ``chunk``, long lines are read in pieces of at most ``chunk`` words, so a paragraph
    that repair joined from several lines is judged piece by piece.
    """
    readings = []
    for line in split_lines(text):
        words = line.split()
        step = chunk or max(len(words), 1)
        for i in range(0, len(words), step):
            piece = words[i:i + step]
            if chunk and len(piece) < MIN_WORDS and i:
                piece = words[max(0, len(words) - step):]
            readings.append(index.read(" ".join(piece)))
    return readings


@dataclass(frozen=True, slots=True)
class ReorderStats:
    """Reversed raw lines, how many the repair restored, and its false reorders."""

    reversed_lines: int
    restored: int
    forward_lines: int
    false_reorders: int

    @property
    def restored_rate(self) -> float | None:
        return self.restored / self.reversed_lines if self.reversed_lines else None

    @property
    def false_reorder_rate(self) -> float:
        return self.false_reorders / self.forward_lines if self.forward_lines else 0.0


def _lookup(readings: list[LineReading], position: int) -> str:
    """Orientation of the line in ``readings`` whose place is nearest to ``position``."""
    placed = sorted((r.position, r.orientation) for r in readings if r.position >= 0)
    if not placed:
        return "unknown"
    keys = [p for p, _ in placed]
    i = bisect.bisect_left(keys, position)
    best = min((j for j in (i - 1, i) if 0 <= j < len(placed)),
               key=lambda j: abs(keys[j] - position))
    # Farther than a long line's worth of letters away: that line was lost, not found.
    return placed[best][1] if abs(keys[best] - position) <= 120 else "unknown"


def reorder_stats(gold: str, raw: str, repaired: str, index: GoldIndex | None = None,
                  ) -> ReorderStats:
    """Count reversed lines in ``raw`` restored in ``repaired``, and false reorders."""
    index = index or GoldIndex(gold)
    raw_readings = [r for r in read_lines(raw, index) if r.orientation != "unknown"]
    fixed_readings = read_lines(repaired, index, chunk=CHUNK)
    reversed_lines = restored = forward_lines = false_reorders = 0
    for reading in raw_readings:
        after = _lookup(fixed_readings, reading.position)
        if reading.orientation == "forward":
            forward_lines += 1
            false_reorders += after in ("letters", "words")
        else:
            reversed_lines += 1
            restored += after == "forward"
    return ReorderStats(reversed_lines, restored, forward_lines, false_reorders)
