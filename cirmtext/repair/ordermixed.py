"""Lines mixing Persian and Latin (or number) runs whose runs came out left to right.

Some extractors give a right-to-left line that holds a Latin word or a number as its
direction runs in the order they stand on the page, from the left: each run reads forward, but
the run that ends the line comes first. ``مفهوم CRM بخش خصوصی … شهروند (CiRM)`` comes out as
``)CiRM( بخش خصوصی … شهروند CRM مفهوم``, and a table cell's last line ``به CiRM`` as
``CiRM به``. Such a line starts with a Latin or number run and ends with a Persian one.

A Latin word also starts many lines written in order (a wrapped sentence that goes on with
``CRM که …``, a speaker's label ``A:``, a citation that closes the previous line's sentence
``2005). ایده …``, a numbered item ``1. …``), so a line is turned round only on evidence: the
word-order cues of :mod:`.ordercues` at its edges and at the junctions of its runs, the
document's own word pairs (:mod:`.orderevidence`), its neighbours, and cues of this damage:

- a preposition or ``و`` cannot end a paragraph or a table cell (``CiRM به`` before a blank
  line);
- two Latin runs do not meet across a line break (``… CRM`` then ``CiRM`` on the next line);
- a line whose space at its end came out first (it starts with a space and does not end
  with one) was read from the left.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .align import Change
from .lines import LATIN_LABEL, WordClass
from .ordercues import Tok, end_score, pair_score, start_score, tok

__all__ = [
    "FROM_LEFT_MIN",
    "MIXED_THRESHOLD",
    "MixedJudgement",
    "judge_mixed_lines",
    "open_end",
    "reorder_mixed_lines",
]

#: The gain (in the units of :mod:`.ordercues`) a line needs to have its runs turned round,
#: with the cue that makes it worth judging.
MIXED_THRESHOLD = 1.0
#: A line that starts with a space is judged only in a document with at least this many
#: lines known to have come out from the left.
FROM_LEFT_MIN = 2
#: A line with more runs than this is not judged (a garbled line, or a table row)...
MAX_RUNS = 6
#: ...nor one with more words than a printed line holds (a paragraph kept on one line).
MAX_WORDS = 40
#: A preposition or conjunction ending a paragraph or a cell.
OPEN_END = 2.0
#: A Latin run at a line's edge meeting a Latin run across the line break.
LATIN_MEETS_LATIN = 1.5
#: A line that starts with a space (the space at its end, read from the left, came first).
SPACE_FIRST = 1.0

_PERSIAN = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")
_LTR = re.compile("[A-Za-z0-9\u06f0-\u06f9\u0660-\u0669]")
_LATIN_LETTER = re.compile("[A-Za-z]")
#: A line whose first word has a Latin letter or a digit (possibly after brackets or marks).
_CANDIDATE = re.compile(r"^[ \t]*[^\s\u0600-\u06ff]*[A-Za-z0-9][^\n]*$", re.MULTILINE)
#: A speaker's label in brackets, written in order: ``[P04]``, ``[I1]``.
_BRACKET_LABEL = re.compile(rf"\[{LATIN_LABEL}\]")
#: A list or heading number: ``1.``, ``2)``, ``3-``, ``۴.``.
_LIST_NUMBER = re.compile("[0-9\u06f0-\u06f9]{1,2}[.)\\-]")
#: Marks that close a sentence or clause, or a label: a Latin run followed by one of them
#: closes what the previous line began (``2005(.``, ``A:``) and stays first.
_CLOSING = frozenset(".!؟?…:؛;،,")
#: A stop an extractor put before a run read from the left: ``.)Pellicano et al., 2015(``.
_LEADING_STOP = re.compile(r"^([.،,:;؛]+)(?=[()])")
_OPEN = frozenset({WordClass.PREP, WordClass.CONJ})


@dataclass(frozen=True, slots=True)
class _Run:
    words: tuple[str, ...]
    latin: bool

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _runs(words: list[str]) -> list[_Run]:
    """The line's words grouped into direction runs; punctuation joins the run before it."""
    groups: list[tuple[str, list[str]]] = []
    for word in words:
        kind = "r" if _PERSIAN.search(word) else "l" if _LTR.search(word) else ""
        if groups and (not kind or kind == groups[-1][0]):
            groups[-1][1].append(word)
        elif groups and not groups[-1][0]:
            groups[-1] = (kind, [*groups[-1][1], word])
        else:
            groups.append((kind, [word]))
    return [_Run(tuple(ws), kind == "l") for kind, ws in groups]


def _in_reading_order(run: _Run) -> _Run:
    """A Latin run read from the left keeps a stop that closed it at its start: put it last."""
    if not run.latin:
        return run
    m = _LEADING_STOP.match(run.words[0])
    if m is None:
        return run
    words = [run.words[0][m.end():], *run.words[1:]]
    words[-1] += m.group(1)
    return _Run(tuple(words), True)


@dataclass(slots=True)
class _Mixed:
    start: int
    end: int
    runs: list[_Run]
    lead: str
    space_first: bool  # starts with a space
    block_end: bool  # the last line of its paragraph (or table cell)
    before: Tok | None  # the previous line's last word, in the same paragraph
    after: Tok | None  # the next line's first word, in the same paragraph
    latin_before: bool  # the line before ends with a Latin run (across at most a blank line)
    latin_after: bool  # the line after starts with one

    def turned(self) -> list[_Run]:
        return [_in_reading_order(run) for run in reversed(self.runs)]

    def turned_text(self) -> str:
        return self.lead + " ".join(run.text for run in self.turned())


def _mixed_runs(line: str) -> list[_Run] | None:
    """The runs of a line that may have come out left to right, else ``None``."""
    if not _PERSIAN.search(line):
        return None
    words = line.split()
    if not words or len(words) > MAX_WORDS or _LIST_NUMBER.fullmatch(words[0]):
        return None
    if len(words) > 1 and words[0][-1] in _CLOSING and _PERSIAN.search(words[1]):
        return None  # a label (``A:``) or a citation's end, followed by Persian: as below
    if _BRACKET_LABEL.fullmatch(words[0]):
        return None  # a speaker's label in brackets (``[P04] تعرفه …``): a turn starts here
    runs = _runs(words)
    if len(runs) < 2 or len(runs) > MAX_RUNS or not runs[0].latin or runs[-1].latin:
        return None
    if runs[0].words[-1][-1] in _CLOSING or runs[1].words[0][0] in _CLOSING:
        return None  # a label or the end of the previous line's sentence
    return runs


def _candidates(text: str) -> Iterator[_Mixed]:
    for m in _CANDIDATE.finditer(text):
        line = m.group()
        runs = _mixed_runs(line)
        if runs is None:
            continue
        start = m.start() + len(line) - len(line.lstrip())
        end = m.start() + len(line.rstrip())
        yield _Mixed(start, end, runs, "", line[:1].isspace(),
                     *_surroundings(text, m.start(), m.end()))


def _surroundings(text: str, start: int, end: int
                  ) -> tuple[bool, Tok | None, Tok | None, bool, bool]:
    """``block_end``, ``before``, ``after``, ``latin_before``, ``latin_after`` of a line."""
    prev_end = start - 1
    prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
    previous = text[prev_start:prev_end] if start > 0 else ""
    next_start = end + 1
    next_end = text.find("\n", next_start)
    following = text[next_start:next_end if next_end >= 0 else len(text)] if end < len(text) else ""
    block_end = not following.strip() or "\f" in following
    before = tok(previous.split()[-1]) if previous.strip() and "\f" not in previous else None
    after = tok(following.split()[0]) if not block_end else None
    # Across a blank line, the nearest non-blank line.
    if not previous.strip() and prev_start > 0:
        k = text.rfind("\n", 0, prev_start - 1) + 1
        previous = text[k:prev_start - 1]
    if not following.strip() and next_end >= 0:
        k = text.find("\n", next_end + 1)
        following = text[next_end + 1:k if k >= 0 else len(text)]
    latin_before = bool(previous.split()) and _ends_latin(previous.split()[-1])
    # A line after that starts with a Latin run may be one whose runs came out left to right
    # itself: that run is then no neighbour.
    latin_after = (bool(following.split()) and _ends_latin(following.split()[0])
                   and _mixed_runs(following) is None)
    return block_end, before, after, latin_before, latin_after


def _ends_latin(word: str) -> bool:
    return _PERSIAN.search(word) is None and _LATIN_LETTER.search(word) is not None


def _score(line: _Mixed, runs: list[_Run]) -> float:
    """``E`` of the line with its runs in this order (positive: natural as written).

    Grammar only: next to a Latin word or a number, a preposition, a noun or a verb reads as
    well in either order, so the document's word pairs say little here.
    """
    toks = [[tok(w) for w in run.words] for run in runs]
    first, last = toks[0][0], toks[-1][-1]
    score = start_score(first) + end_score(last)
    for left, right in itertools.pairwise(toks):
        score += pair_score(left[-1], right[0])
    if line.block_end and last.cls in _OPEN and not last.tail:
        score -= OPEN_END
    if line.latin_before and runs[0].latin:
        score -= LATIN_MEETS_LATIN
    if line.latin_after and runs[-1].latin:
        score -= LATIN_MEETS_LATIN
    if line.before is not None:
        score += 0.5 * pair_score(line.before, first)
    if line.after is not None:
        score += 0.5 * pair_score(last, line.after)
    return score


def open_end(line: _Mixed) -> bool:
    """Whether the line ends its paragraph with a word that needs a complement, which the
    line turned round would give it (and no Latin run opens the next paragraph instead)."""
    last = tok(line.runs[-1].words[-1])
    return line.block_end and last.cls in _OPEN and not last.tail and not line.latin_after


@dataclass(frozen=True, slots=True)
class MixedJudgement:
    """One judged line: its span, its runs turned round, the grammar's gain and its cues."""

    start: int
    end: int
    turned: str
    gain: float
    open_end: bool
    space_first: bool  # starts with a space and a run with a Latin letter (not a number)


def judge_mixed_lines(text: str) -> Iterator[MixedJudgement]:
    """Every line that starts with a Latin or number run and ends with a Persian one.

    ``gain`` is ``E(runs turned round) - E(as written)`` by grammar and the line's neighbours
    (including the open end of a paragraph, see :func:`open_end`; not the space first).
    """
    for line in _candidates(text):
        gain = _score(line, line.turned()) - _score(line, line.runs)
        latin = any(_LATIN_LETTER.search(word) for word in line.runs[0].words)
        yield MixedJudgement(line.start, line.end, line.turned_text(), gain, open_end(line),
                             line.space_first and latin)


def reorder_mixed_lines(text: str, read_from_left: Callable[[], int] = lambda: 0
                        ) -> list[Change]:
    """The changes that turn round the runs of every mixed line with enough evidence.

    A line is turned round when a cue says its runs came out left to right and the grammar
    does not say otherwise (the gain with the cue reaches :data:`MIXED_THRESHOLD`). The cues:
    the line ends its paragraph with a preposition or ``و`` (:func:`open_end`); or it starts
    with a space and a Latin word (numbers open many wrapped lines), in a document where at
    least :data:`FROM_LEFT_MIN` lines show runs read from the left (``read_from_left()``
    lines of the document, such as citations put first with their full stop, plus the lines
    with an open end turned here): an extractor that reads a line's runs from the left reads
    every line so.

    Args:
        text: the text.
        read_from_left: how many lines of the document are known to have come out from the
            left (called only when a line that starts with a space needs it).

    >>> reorder_mixed_lines("نگاه فلسفه محور\\nCiRM به\\n\\nمفهوم")[0].after
    'به CiRM'
    >>> reorder_mixed_lines("اصول\\nCRM در\\n\\nCiRM")
    []
    >>> reorder_mixed_lines("A: سلام، خواهش می‌کنم.")
    []
    """
    judged = list(judge_mixed_lines(text))
    turned = [j for j in judged if j.open_end and j.gain >= MIXED_THRESHOLD]
    spaced = [j for j in judged if j.space_first and not j.open_end
              and j.gain + SPACE_FIRST >= MIXED_THRESHOLD]
    if spaced and len(turned) + (0 if len(turned) >= FROM_LEFT_MIN else read_from_left()
                                 ) >= FROM_LEFT_MIN:
        turned += spaced
    return sorted(Change(j.start, j.end, j.turned) for j in turned)
