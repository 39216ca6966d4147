"""Speakers' turns in a transcript: the labels that open them and the order they take.

A turn opens with a speaker's label at the start of a line: one to three words and a colon
(``مصاحبه‌گر:``, ``Q:``) or a short name in square brackets (``[P04]``); digits are folded to
``#`` when labels are counted, so «مصاحبه‌شونده ۱:» and «مصاحبه‌شونده ۲:» are one label. A
prefix counts as a label only when it opens two or more lines of the text. List items (a
bullet, or a number with ``.`` or ``)``) open a turn of their own kind.

>>> turns = Turns("Q: سلام.\\nA: سلام.\\nQ: خوبید؟\\nA: بله.")
>>> sorted(turns.labels), turns.label("A: ممنون.")
(['A', 'Q'], 'A')
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

__all__ = ["ITEM_START", "LABEL_PREFIX", "LINE_START_LABEL", "Turns", "label_key",
           "speaker_labels"]

#: A line that starts a turn with a label of one to three words and a colon (digits folded to
#: ``#`` when labels are counted, so «مصاحبه‌شونده ۱:» and «مصاحبه‌شونده ۲:» are one label).
#: A label may also stand in square brackets without a colon (``[P04] ``, ``[مصاحبه‌گر] ``).
LABEL_PREFIX = re.compile(r"[ \t]*(?:([^\s:：.!؟?،,؛]{1,25}"
                          r"(?:[ \t\u200c][^\s:：.!؟?،,؛]{1,25}){0,2})[ \t]?[:：]"
                          r"|\[([^\]\s]{1,25})\])(?:\s|$)")
LINE_START_LABEL = re.compile(r"(?:^|(?<=\n)|(?<=\f))" + LABEL_PREFIX.pattern)
_FOLD_DIGITS = str.maketrans("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "#" * 30)
#: A list item: a bullet or a number with ``.`` or ``)``.
ITEM_START = re.compile(r"[ \t]*(?:[-•*–][ \t]|[\d\u06f0-\u06f9]{1,3}[.)][ \t])")


def speaker_labels(text: str) -> set[str]:
    """Speaker labels: line-start prefixes (``X:`` or ``[X]``) that open two or more lines."""
    counts: Counter[str] = Counter(
        label_key(m) for m in LINE_START_LABEL.finditer(text))
    return {label for label, n in counts.items() if n >= 2}


def label_key(m: re.Match[str]) -> str:
    """A label as counted: its words, digits folded to ``#``, brackets kept (``[P#]``)."""
    if m.group(2) is not None:
        return f"[{m.group(2).translate(_FOLD_DIGITS)}]"
    return " ".join(m.group(1).translate(_FOLD_DIGITS).split())


class Turns:
    """The speakers' labels of a text and where each turn starts (read by
    :func:`~cirmtext.repair.paragraphs.restore_moved_last_lines`)."""

    def __init__(self, text: str) -> None:
        self.labels = speaker_labels(text)
        self.starts: list[tuple[int, str]] = []
        for m in LINE_START_LABEL.finditer(text):
            if label_key(m) in self.labels:
                self.starts.append((m.start(), _speaker(m)))
        self.positions = [pos for pos, _ in self.starts]

    def label(self, line: str) -> str | None:
        """The speaker of the turn ``line`` starts (its label with its digits, so that
        «مصاحبه‌شونده ۱» and «مصاحبه‌شونده ۲» are two speakers; ``"-"`` for a list item), or
        ``None`` when the line opens no turn."""
        if ITEM_START.match(line):
            return "-"
        m = LABEL_PREFIX.match(line)
        if m is None or label_key(m) not in self.labels:
            return None
        return _speaker(m)

    def prefers_swap(self, block: str, asked: str, start: int, end: int) -> bool:
        """Whether a turn (speaker ``asked``) given right after ``block`` (``start`` to its
        continuation's ``end``) came before it: ``block`` opens a turn of another speaker,
        and putting ``asked`` first breaks the speakers' alternation less than keeping it
        after (the turns before ``start`` and after ``end`` are compared)."""
        own = self.label(block)
        if own is None or own == asked or own == "-" or asked == "-":
            return False
        i = bisect.bisect_left(self.positions, start)
        before = self.starts[i - 1][1] if i else None
        j = bisect.bisect_left(self.positions, end)
        after = self.starts[j][1] if j < len(self.starts) else None
        kept = (before == own) + (asked == after)
        swapped = (before == asked) + (own == after)
        return swapped < kept


def _speaker(m: re.Match[str]) -> str:
    """The speaker a label names: its words with their digits, brackets kept."""
    if m.group(2) is not None:
        return f"[{m.group(2)}]"
    return " ".join(m.group(1).split())
