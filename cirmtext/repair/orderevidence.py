"""How often the document puts two words, or two word classes, next to each other.

:mod:`.wordorder` judges a line's order partly by the document's own habits: how often its
paragraphs put the same two words (or two class units, see :func:`~.lines.token_units`) next
to each other in one order or the other. This module counts those pairs in one sweep
(:func:`count_pairs`), recounts them when some lines are replaced by a *view* (the lines turned
round, or left out; :func:`recount`), and scores a pair against the counts less the judged
line's own pairs (:class:`Evidence`).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator

from .lines import BLOCKS, EDGE_PUNCT, token_units
from .ordercues import Tok
from .orderstats import shipped_class_pairs

__all__ = [
    "CLASS_SMOOTHING",
    "CLASS_WEIGHT",
    "DOC_CAP",
    "RECOUNT_SHARE",
    "Counts",
    "Evidence",
    "count_pairs",
    "doc_score",
    "evidence_from",
    "recount",
]

#: A single document word pair counts at most this much either way.
DOC_CAP = 2.0
#: Weight of the class-pair evidence against the word-pair evidence.
CLASS_WEIGHT = 0.7
#: Added to both counts of a class pair (its order as written and the other) before their
#: ratio is taken. Stronger smoothing (3) was measured in session 6: it cut the noise of
#: sparse pairs in lines cut by runs of spaces, but weakened the evidence of reversed
#: sentences and let more forward lines that start with a sentence's end be turned alone.
CLASS_SMOOTHING = 1.0

_log = math.log
_EDGE_TO_SPACE = str.maketrans(dict.fromkeys(".!؟?…،؛:,;()[]{}«»\"'“”‘’<>-ـ", " "))


class Evidence:
    """Word-pair and class-pair counts, less the judged line's own pairs.

    A line is no evidence for itself: its own pairs are taken out of the document's counts.
    """

    __slots__ = ("classes", "own_classes", "own_words", "shipped", "words")

    def __init__(self, words: Counter[tuple[str, str]], classes: Counter[tuple[str, str]],
                 shipped: Counter[tuple[str, str]]) -> None:
        self.words = words
        self.classes = classes
        self.shipped = shipped
        self.own_words: Counter[tuple[str, str]] = Counter()
        self.own_classes: Counter[tuple[str, str]] = Counter()

    def for_line(self, text: str) -> Evidence:
        local = Evidence(self.words, self.classes, self.shipped)
        words = text.translate(_EDGE_TO_SPACE).split()
        local.own_words = Counter(itertools.pairwise(words))
        units = [u for w in text.split() for u in token_units(w)]
        local.own_classes = Counter(itertools.pairwise(units))
        return local

    def with_own(self, other: Evidence) -> Evidence:
        """This evidence less the own pairs ``other`` (a :meth:`for_line` result) takes out."""
        local = Evidence.__new__(Evidence)
        local.words, local.classes, local.shipped = self.words, self.classes, self.shipped
        local.own_words, local.own_classes = other.own_words, other.own_classes
        return local

    def word_score(self, a: Tok, b: Tok) -> float:
        forward = self.words.get((a.bare, b.bare), 0) - self.own_words.get((a.bare, b.bare), 0)
        backward = self.words.get((b.bare, a.bare), 0) - self.own_words.get((b.bare, a.bare), 0)
        if forward <= 0 and backward <= 0:
            return 0.0
        value = math.log((max(forward, 0) + 0.5) / (max(backward, 0) + 0.5))
        return max(-DOC_CAP, min(DOC_CAP, value))

    def class_score(self, a: Tok, b: Tok) -> float:
        pair, rev = (a.last_unit, b.first_unit), (b.first_unit, a.last_unit)
        forward = (self.classes.get(pair, 0) + self.shipped.get(pair, 0)
                   - self.own_classes.get(pair, 0))
        backward = (self.classes.get(rev, 0) + self.shipped.get(rev, 0)
                    - self.own_classes.get(rev, 0))
        value = math.log((max(forward, 0) + CLASS_SMOOTHING)
                         / (max(backward, 0) + CLASS_SMOOTHING))
        return CLASS_WEIGHT * max(-DOC_CAP, min(DOC_CAP, value))

    def pair(self, a: Tok, b: Tok) -> float:
        """``word_score(a, b) + class_score(a, b)``, the same sums in one call (the hot path
        of :mod:`.wordorder`)."""
        words, own = self.words, self.own_words
        ab, ba = (a.bare, b.bare), (b.bare, a.bare)
        forward = words.get(ab, 0) - own.get(ab, 0)
        backward = words.get(ba, 0) - own.get(ba, 0)
        if forward <= 0 and backward <= 0:
            word = 0.0
        else:
            word = max(-DOC_CAP, min(DOC_CAP, _log(((forward if forward > 0 else 0) + 0.5)
                                                    / ((backward if backward > 0 else 0) + 0.5))))
        classes, shipped, own_c = self.classes, self.shipped, self.own_classes
        pair, rev = (a.last_unit, b.first_unit), (b.first_unit, a.last_unit)
        forward = classes.get(pair, 0) + shipped.get(pair, 0) - own_c.get(pair, 0)
        backward = classes.get(rev, 0) + shipped.get(rev, 0) - own_c.get(rev, 0)
        value = _log(((forward if forward > 0 else 0) + CLASS_SMOOTHING)
                     / ((backward if backward > 0 else 0) + CLASS_SMOOTHING))
        return word + CLASS_WEIGHT * max(-DOC_CAP, min(DOC_CAP, value))


def doc_score(a: Tok, b: Tok, evidence: Evidence) -> float:
    """The document's evidence (word pair and class pair) that ``a b`` is written in order."""
    return evidence.pair(a, b)


#: Word-pair counts and class-unit-pair counts of a text.
Counts = tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]
#: The words of :func:`~.lines.pair_counts`: runs between spaces and edge punctuation.
_PAIR_WORD = re.compile(f"[^\\s{re.escape(EDGE_PUNCT)}]+")


def evidence_from(counts: Counts, wanted: set[tuple[str, str]]) -> Evidence:
    """The evidence of :func:`count_pairs` counts, keeping the word pairs ``wanted``."""
    words, classes = counts
    kept: Counter[tuple[str, str]] = Counter()
    for pair in wanted:
        n = words.get(pair)
        if n:
            kept[pair] = n
    return Evidence(kept, classes, shipped_class_pairs())


def count_pairs(text: str) -> Counts:
    """Every adjacent word pair and class-unit pair of ``text``'s paragraphs.

    The counts of :func:`~.lines.pair_counts` (unfiltered) and
    :func:`~.lines.class_pair_counts`, in one sweep, counted by ``Counter`` in C.
    """
    words: Counter[tuple[str, str]] = Counter()
    classes: Counter[tuple[str, str]] = Counter()
    for block in BLOCKS.split(text):
        classes.update(itertools.pairwise(_units_of(block.split())))
        found = _PAIR_WORD.findall(block)
        words.update(itertools.pairwise(found))
    return words, classes


def recount(text: str, spans: list[tuple[int, int]], views: dict[int, str],
            counts: Counts) -> Counts:
    """``count_pairs`` of ``text`` with the lines ``views`` names replaced by their views.

    ``counts`` are those of ``text``. Paragraphs are counted apart, so when the replaced lines
    lie in a small part of the text only the paragraphs holding them are counted again (their
    counts taken out, those of their view put in); otherwise the whole view is counted.
    """
    found = list(BLOCKS.finditer(text))
    breaks = [m.start() for m in found]
    ends = [m.end() for m in found]
    by_block: dict[int, list[int]] = {}
    for i in views:
        by_block.setdefault(bisect.bisect_right(ends, spans[i][0]), []).append(i)
    blocks = [(ends[b - 1] if b else 0, breaks[b] if b < len(breaks) else len(text), changed)
              for b, changed in by_block.items()]
    if RECOUNT_SHARE * len(text) < sum(end - start for start, end, _ in blocks):
        return count_pairs(_with_views(text, 0, len(text), spans, list(views), views))
    words, classes = counts[0].copy(), counts[1].copy()
    for start, end, changed in blocks:
        old_words, old_classes = count_pairs(text[start:end])
        new_words, new_classes = count_pairs(_with_views(text, start, end, spans, changed,
                                                         views))
        words.subtract(old_words)
        words.update(new_words)
        classes.subtract(old_classes)
        classes.update(new_classes)
    return words, classes


#: Paragraphs holding more than this share of the text are recounted with the whole text.
RECOUNT_SHARE = 0.25


def _with_views(text: str, start: int, end: int, spans: list[tuple[int, int]],
                changed: list[int], views: dict[int, str]) -> str:
    """``text[start:end]`` with the lines ``changed`` (inside it) replaced by their views."""
    pieces = []
    pos = start
    for i in sorted(changed):
        pieces.append(text[pos:spans[i][0]])
        pieces.append(views[i])
        pos = spans[i][1]
    pieces.append(text[pos:end])
    return "".join(pieces)


def _units_of(tokens: list[str]) -> Iterator[str]:
    return itertools.chain.from_iterable(map(token_units, tokens))
