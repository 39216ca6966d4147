"""How much better a line reads backwards, and how much it needs before it is turned round.

``E`` scores a line's chunks (:mod:`.orderlines`) in one order: a directional pair score
(:func:`~.ordercues.pair_score`) plus the document's own evidence for each pair of adjacent
chunks (:mod:`.orderevidence`), cues at the line's edges and its neighbours' words.
:func:`line_gain` is ``E(reversed) - E(as is)``; :func:`needed` says whether that is enough
for the kind of line (cut by runs of spaces, or judged word by word) and for the text it
stands in (:data:`FEW_LINES`: a short text shows no extractor's habit).
:mod:`.wordorder` gathers the evidence and decides, line by line and for the document.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from .lines import SENTENCE_END
from .ordercues import (
    MARKS,
    Tok,
    end_score,
    has_mark,
    pair_score,
    sentence_ends_inside,
    start_score,
    unmatched_marks,
)
from .orderevidence import Evidence, doc_score
from .orderlines import OrderLine, chunk_line
from .orderstats import shipped_class_pairs

__all__ = [
    "FEW_CHUNKS_THRESHOLD",
    "FEW_LINES",
    "JUSTIFIED_CHUNKS",
    "JUSTIFIED_SHARE",
    "LONE_FRAGMENT_GAIN",
    "LONE_GAIN",
    "MANY_CHUNKS",
    "MARK_WEIGHT",
    "MIN_MEAN_GAIN",
    "MIN_WORD_MODE_BOUNDARIES",
    "MIN_WRAPPED_BOUNDARIES",
    "PRESCREEN",
    "STRONG_WIDE_GAIN",
    "THRESHOLD",
    "WORD_MODE_FACTOR",
    "WORD_MODE_SHARE",
    "inner_end",
    "justified",
    "line_gain",
    "line_reversal_score",
    "needed",
    "opens_with_citation_end",
    "pairs_of",
    "too_short",
]

#: The evidence a line needs before it is turned round. Set so that no clean PerDT sentence
#: and no clean line of our samples is turned (see benchmarks/repair/order_rules.py).
THRESHOLD = 2.5
#: A line cut by runs of spaces into fewer than this many chunks needs more evidence...
MANY_CHUNKS = 5
#: ...this much (a few runs of spaces also come from fonts that pad some letters).
FEW_CHUNKS_THRESHOLD = 3.5
#: Lines without runs of spaces between their words need this many times more evidence...
WORD_MODE_FACTOR = 1.2
#: ...need at least this many word boundaries (three words are too few to judge, unless the
#: line starts with the end of a sentence)...
MIN_WORD_MODE_BOUNDARIES = 3
#: ...(a line wrapped inside a paragraph, this many)...
MIN_WRAPPED_BOUNDARIES = 4
#: ...and at least this much evidence per word boundary on average.
MIN_MEAN_GAIN = 0.2
#: A text of at most this many lines is judged line by line without a document-level prior.
FEW_LINES = 3
#: In a longer text, lines are judged word by word only if this share of the lines that start
#: with a sentence's end read better backwards (or a line with runs of spaces was turned).
WORD_MODE_SHARE = 0.3
#: Evidence a line judged word by word must show on its own to be judged with the document.
PRESCREEN = 1.0
#: A line judged word by word that stands alone in its paragraph (a sentence of its own: no
#: wrapped line of a forward paragraph) and shows this much evidence counts twice towards
#: the document's lines read better backwards (see :func:`_word_mode_allowed`).
LONE_GAIN = 2 * WORD_MODE_FACTOR * THRESHOLD
#: A line cut by runs of spaces into at least MANY_CHUNKS chunks that reads better backwards
#: by this much shows that the document's extractor reverses such lines; without one, a text of
#: more than FEW_LINES lines has its lines cut by runs of spaces left as they are (runs of
#: spaces also come from fonts and justified lines, and a few chunks read either way).
STRONG_WIDE_GAIN = 8.0
#: In a text of at most FEW_LINES lines (no other line to show the extractor's habit), a line
#: cut by runs of spaces in which no sentence ends before its last word (a fragment cut out of
#: its paragraph, or a forward sentence) needs this much evidence: 3 of 2,323 forward treebank
#: fragments alone reach it (80 reach THRESHOLD), 473 of the 2,323 reversed ones do
#: (PerDT and Seraji sentences; the fragments are 6-14 word windows, double spaces at random).
LONE_FRAGMENT_GAIN = 6.5
#: A line cut by runs of spaces into at least this many chunks...
JUSTIFIED_CHUNKS = 8
#: ...this share of them single words is *justified* (:func:`justified`).
JUSTIFIED_SHARE = 0.8

def _sequence_score(line: OrderLine, order: list[int], before: Tok | None, after: Tok | None,
                    doc: Evidence) -> float:
    """``E`` of the line's chunks in ``order``, with its neighbours' words as context."""
    toks = line.toks
    first, last = toks[order[0]][0], toks[order[-1]][-1]
    score = start_score(first) + end_score(last)
    for i, j in itertools.pairwise(order):
        a, b = toks[i][-1], toks[j][0]
        score += pair_score(a, b) + doc.pair(a, b)
    if before is not None:
        score += 0.5 * (pair_score(before, first) + doc_score(before, first, doc))
    if after is not None:
        score += 0.5 * (pair_score(last, after) + doc_score(last, after, doc))
    return score


#: Evidence against a reading, for each paired mark it leaves without a partner (read by the
#: side each mark is glued to: :func:`~.ordercues.unmatched_marks`). A pair of marks the other
#: reading matches is worth twice this.
MARK_WEIGHT = 0.75


def pairs_of(line: OrderLine) -> set[tuple[str, str]]:
    out = set()
    for left, right in zip(line.toks, line.toks[1:], strict=False):
        a, b = left[-1].bare, right[0].bare
        out.add((a, b))
        out.add((b, a))
    return out


def line_reversal_score(line_text: str) -> float:
    """``E(reversed) - E(as is)`` for one line on its own, with the shipped statistics only.

    >>> line_reversal_score("شد. کشور در تازه‌ای برنامه اجرای با اصلاحات") > THRESHOLD
    True
    >>> line_reversal_score("اصلاحات با اجرای برنامه تازه‌ای در کشور شد.") < 0
    True
    """
    line = chunk_line(line_text, 0, len(line_text), every=True)
    if line is None:
        return 0.0
    evidence = Evidence(Counter(), Counter(), shipped_class_pairs()).for_line("")
    return line_gain(line, None, None, evidence)


def line_gain(line: OrderLine, before: Tok | None, after: Tok | None, evidence: Evidence
              ) -> float:
    """``E(reversed) - E(as is)`` of the line, with its neighbours' edge words and ``evidence``,
    and the paired marks each reading leaves without a partner (:data:`MARK_WEIGHT`)."""
    order = list(range(len(line.chunks)))
    gain = (_sequence_score(line, order[::-1], before, after, evidence)
            - _sequence_score(line, order, before, after, evidence))
    if any(c in MARKS for c in line.text):
        as_is = [t for chunk in line.toks for t in chunk]
        turned = [t for chunk in reversed(line.toks) for t in chunk]
        gain += MARK_WEIGHT * (unmatched_marks(as_is) - unmatched_marks(turned))
    return gain


def needed(line: OrderLine, gain: float, few_lines: bool = False) -> bool:
    """Whether the gain is enough: lines cut by runs of spaces need less than word lines.

    With ``few_lines`` (a text of at most :data:`FEW_LINES` lines), a line cut by runs of
    spaces in which no sentence ends before its last word needs :data:`LONE_FRAGMENT_GAIN`
    unless it is :func:`justified`, and a line judged word by word that opens with a
    citation's end is not turned (:func:`opens_with_citation_end`).
    """
    boundaries = len(line.chunks) - 1
    if line.wide:
        if few_lines and not inner_end(line) and not justified(line):
            return gain >= LONE_FRAGMENT_GAIN
        return gain >= (THRESHOLD if boundaries >= MANY_CHUNKS - 1 else FEW_CHUNKS_THRESHOLD)
    if too_short(line) or (few_lines and opens_with_citation_end(line)):
        return False
    return gain >= WORD_MODE_FACTOR * THRESHOLD and gain / boundaries >= MIN_MEAN_GAIN


def justified(line: OrderLine) -> bool:
    """Whether a line has a run of spaces between nearly every two words: at least
    :data:`JUSTIFIED_CHUNKS` chunks, :data:`JUSTIFIED_SHARE` of them one word each.

    That is the layout of a justified line whose words the PDF placed one by one and the
    extractor read from left to right, so backwards: in the paper's text every such line
    (41 of 41 outside its garbled page) is reversed, while its forward lines with runs of
    spaces have them after the letters its font pads, between a few multi-word chunks (at
    most 6 chunks; none with more than 75% single words). Such a line alone needs only
    :data:`THRESHOLD`, as in a document: of 8-14 word PerDT windows with two spaces between
    all their words, 1.2% of the forward ones reach it and 88% of the reversed ones.
    """
    chunks = line.toks
    return (len(chunks) >= JUSTIFIED_CHUNKS
            and sum(1 for chunk in chunks if len(chunk) == 1) >= JUSTIFIED_SHARE * len(chunks))


def opens_with_citation_end(line: OrderLine) -> bool:
    """Whether a line judged word by word opens with a number or Latin run closed by a
    bracket and a sentence's end (``2005(. ایده بنیادین …``, ``Smith, 2005). در …``).

    That is a citation closing the sentence the line before began: a wrapped line of an
    academic text, read in order (:mod:`.ordermixed` leaves such a line as it is for the same
    reason). A sentence read backwards word by word rarely opens so: none of 2,646 PerDT and
    Seraji sentences (a year or number that ends a sentence, ``۱۸۹۳.``, has no bracket).
    """
    chunk = line.toks[0]
    return (not any(_PERSIAN.search(t.raw) for t in chunk)
            and any(c.isdigit() or (c.isascii() and c.isalpha()) for t in chunk for c in t.bare)
            and has_mark(chunk[-1].tail, SENTENCE_END) and has_mark(chunk[-1].tail, _BRACKETS))


#: Brackets that close a citation (or, mirrored, came out in its place: ``2005(.``).
_BRACKETS = frozenset("()")


_PERSIAN = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


def inner_end(line: OrderLine) -> bool:
    """Whether a sentence ends inside a line cut by runs of spaces (see
    :func:`~.ordercues.sentence_ends_inside`), leaving out a first word that ends a sentence
    when more words follow it in its chunk (``شد. با توجه به تعدد  …``): that is the end of the
    sentence before a forward wrapped line; a reversed line's first chunk ends with its end.
    """
    toks = [t for chunk in line.toks for t in chunk]
    if len(line.toks[0]) > 1 and has_mark(toks[0].tail, SENTENCE_END):
        toks = toks[1:]
    return sentence_ends_inside(toks)


def too_short(line: OrderLine) -> bool:
    """A line judged word by word with too few words to be turned round.

    A line wrapped inside a paragraph needs :data:`MIN_WRAPPED_BOUNDARIES` word boundaries
    whatever its start: a short wrapped line (a table cell's) that starts with the end of the
    sentence before it reads as well backwards as forwards.
    """
    boundaries = len(line.chunks) - 1
    if line.wrapped:
        return boundaries < MIN_WRAPPED_BOUNDARIES
    return (boundaries < MIN_WORD_MODE_BOUNDARIES
            and not has_mark(line.toks[0][0].tail, SENTENCE_END))
