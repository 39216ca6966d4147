"""Evidence that a line's words came out in reverse order, and the reordering itself.

A line is cut into *chunks* (:mod:`.orderlines`): when it has two or more runs of 2+ spaces
(what PDF extractors leave between the words of a justified line they read backwards), the
chunks are the pieces between those runs, each kept in its own order (a word broken by a single
space stays whole); otherwise every word is a chunk, and a run of Latin words or digits (a
citation) stays one.

The line is scored in its order and in the reverse chunk order by ``E``, a sum over adjacent
chunks of a directional pair score plus cues at the line's start and end. The pair score adds
grammatical evidence (see :func:`pair_score`) and, where the document uses the same two words
next to each other elsewhere, how often it does so in each order. The line is turned round
only when ``E(reversed) - E(as is)`` reaches :data:`THRESHOLD`. The document's pair counts
are those of :mod:`.orderevidence`; :func:`move_leading_citations` (of :mod:`.leadingruns`)
is exported here too, as the other half of :func:`~.order.restore_word_order`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator

from .align import Change
from .leadingruns import chunk_in_reading_order, move_leading_citations
from .lines import SENTENCE_END, iter_lines
from .ordercues import (
    MARKS,
    Tok,
    end_score,
    has_mark,
    pair_score,
    sentence_ends_inside,
    sentence_tok,
    start_score,
    unmatched_marks,
)
from .orderdoc import label_first, reversed_as_rule, rule_lines
from .orderevidence import Evidence, count_pairs, doc_score, evidence_from, recount
from .orderlines import OrderLine, chunk_line
from .orderstats import shipped_class_pairs

__all__ = [
    "THRESHOLD",
    "judge_lines",
    "line_gain",
    "line_reversal_score",
    "move_leading_citations",
    "reorder_lines",
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
#: Word and class pairs are counted in at most this many characters at a document's start.
EVIDENCE_CHARS = 200_000

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


def _pairs_of(line: OrderLine) -> set[tuple[str, str]]:
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


def _needed(line: OrderLine, gain: float, few_lines: bool = False) -> bool:
    """Whether the gain is enough: lines cut by runs of spaces need less than word lines.

    With ``few_lines`` (a text of at most :data:`FEW_LINES` lines), a line cut by runs of
    spaces in which no sentence ends before its last word needs :data:`LONE_FRAGMENT_GAIN`,
    and a line judged word by word that opens with a citation's end is not turned
    (:func:`_opens_with_citation_end`).
    """
    boundaries = len(line.chunks) - 1
    if line.wide:
        if few_lines and not _inner_end(line):
            return gain >= LONE_FRAGMENT_GAIN
        return gain >= (THRESHOLD if boundaries >= MANY_CHUNKS - 1 else FEW_CHUNKS_THRESHOLD)
    if _too_short(line) or (few_lines and _opens_with_citation_end(line)):
        return False
    return gain >= WORD_MODE_FACTOR * THRESHOLD and gain / boundaries >= MIN_MEAN_GAIN


def _opens_with_citation_end(line: OrderLine) -> bool:
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


def _inner_end(line: OrderLine) -> bool:
    """Whether a sentence ends inside a line cut by runs of spaces (see
    :func:`~.ordercues.sentence_ends_inside`), leaving out a first word that ends a sentence
    when more words follow it in its chunk (``شد. با توجه به تعدد  …``): that is the end of the
    sentence before a forward wrapped line; a reversed line's first chunk ends with its end.
    """
    toks = [t for chunk in line.toks for t in chunk]
    if len(line.toks[0]) > 1 and has_mark(toks[0].tail, SENTENCE_END):
        toks = toks[1:]
    return sentence_ends_inside(toks)


def _too_short(line: OrderLine) -> bool:
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


def reorder_lines(text: str, padded: frozenset[str] = frozenset()) -> list[Change]:
    """The changes that turn round every line with enough evidence of reversed word order.

    Args:
        text: the text.
        padded: letters after which the document's font adds a space every time (a word
            ending in one is followed by two spaces where others have one), so two spaces
            after them are an ordinary gap, not a break between reversed pieces.
    """
    return [Change(line.start, line.end, (None if line.wide else label_first(line.text, _turn))
                   or _reversed_text(line, runs=line.wide))
            for line, _gain_value, flip in judge_lines(text, padded, flips_only=True) if flip]


def _turn(body: str) -> str:
    """A line's body (its bracketed label taken off) with its words in reverse order."""
    line = chunk_line(body, 0, len(body), every=True)
    return " ".join(body.split()[::-1]) if line is None else _reversed_text(line)


def judge_lines(text: str, padded: frozenset[str] = frozenset(), *, flips_only: bool = False
                ) -> Iterator[tuple[OrderLine, float, bool]]:
    """Every line that could be judged, with its gain and whether it is turned round.

    Two rounds: each line is first judged on its own with the whole document as evidence;
    then the evidence is counted again from a *clean view* of the document (lines turned round
    where the first round turned them, lines with some evidence of reversal left out), and
    each line is judged again with its neighbours' words as context. With ``flips_only``, the
    lines the second round cannot turn whatever their gain (judged word by word where the
    document allows no such turn, or too short to be judged so) are skipped, not yielded.
    A document whose lines nearly all read far better backwards is reversed as a rule
    (:mod:`.orderdoc`): there every line that reads better backwards is turned round.
    """
    spans = [(m.start(), m.end()) for m in iter_lines(text)]
    window = len(text) if len(text) <= EVIDENCE_CHARS else text.rfind("\n", 0, EVIDENCE_CHARS)
    if len(spans) > FEW_LINES and reversed_as_rule(text, spans, padded, line_gain):
        yield from rule_lines(text, spans, padded, line_gain, _reversed_text, window)
        return
    alone = Evidence(Counter(), Counter(), shipped_class_pairs())
    lines: list[OrderLine | None] = [chunk_line(text, s, e, padded) for s, e in spans]
    for i, line in enumerate(lines):
        if line is not None and not line.wide:
            line.wrapped = (_neighbour_tok(text, spans, i, i - 1) is not None
                            or _neighbour_tok(text, spans, i, i + 1) is not None)
    # A line judged word by word must first show some evidence on its own (grammar and the
    # shipped class pairs) before the document's counts are gathered for it.
    cue_lines = sum(1 for line in lines if line is not None and not line.wide)
    for i, line in enumerate(lines):
        if line is not None and not line.wide and line_gain(line, None, None, alone) < PRESCREEN:
            lines[i] = None
    if not any(lines):
        return
    lone_left = sum(1 for line in lines
                    if line is not None and not line.wide and not line.wrapped)
    if flips_only and _nothing_to_turn(lines, cue_lines, len(spans), lone_left):
        return
    wanted: set[tuple[str, str]] = set()
    for i, line in enumerate(lines):
        if line is None:
            continue
        wanted |= _pairs_of(line)
        for j in (i - 1, i + 1):
            neighbour = _neighbour_tok(text, spans, i, j)
            if neighbour is not None:
                edge = line.toks[0][0] if j < i else line.toks[-1][-1]
                wanted.add((neighbour.bare, edge.bare))
                wanted.add((edge.bare, neighbour.bare))
    # Evidence is counted in a window at the start of a long document: word and class pairs
    # settle long before 10 MB, and this keeps the work per line flat.
    inside = [end <= window for _, end in spans]
    counts = count_pairs(text[:window])
    evidence = evidence_from(counts, wanted)
    # A line's own pairs, taken out of the evidence for it, are the same in both rounds unless
    # the clean view replaces it: they are counted once.
    own = {i: evidence.for_line(line.text if inside[i] else "")
           for i, line in enumerate(lines) if line is not None}
    gains = {i: line_gain(line, None, None, own[i])
             for i, line in enumerate(lines) if line is not None}
    few = len(spans) <= FEW_LINES
    first = {i: _needed(lines[i], gain, few) for i, gain in gains.items()}  # type: ignore[arg-type]
    lone = {i for i, flip in first.items() if flip and gains[i] >= LONE_GAIN
            and not lines[i].wrapped and _opens_paragraph(text, spans, i)}  # type: ignore[union-attr]
    word_mode = _word_mode_allowed(lines, first, cue_lines, len(spans), lone)
    if not word_mode:
        first = {i: flip and lines[i].wide for i, flip in first.items()}  # type: ignore[union-attr]
    # Lines cut by runs of spaces are turned, in a text of more than a few lines, only when one
    # of them shows the extractor's reversal beyond doubt (see STRONG_WIDE_GAIN).
    wide_mode = len(spans) <= FEW_LINES or any(
        flip and lines[i].wide and gains[i] >= STRONG_WIDE_GAIN  # type: ignore[union-attr]
        and len(lines[i].chunks) >= MANY_CHUNKS for i, flip in first.items())  # type: ignore[union-attr]
    if flips_only and not wide_mode and not word_mode:
        return  # no line can be turned, whatever the second round finds
    views: dict[int, str] = {}
    for i, line in enumerate(lines):
        if not inside[i]:
            break
        if line is not None and first[i]:
            views[i] = _reversed_text(line)
        elif line is not None and gains[i] > 0:
            views[i] = ""
    if views:
        # The clean view differs from the text only in these lines: the counts of the
        # paragraphs that hold them are taken out and those of their clean view put in.
        evidence = evidence_from(recount(text[:window], spans, views, counts), wanted)
        own = {i: evidence.with_own(own[i]) for i in own if i not in views}
    systematic = _wide_reversal_systematic(lines, first, gains)
    turned: set[int] = set()
    for i, line in enumerate(lines):
        if line is None:
            continue
        if gains[i] <= -THRESHOLD:
            if not flips_only:
                yield line, gains[i], False  # clearly as written: context cannot turn it
            continue
        if flips_only and (not wide_mode if line.wide else not word_mode or _too_short(line)):
            continue  # cannot be turned, whatever its gain
        before = _edge(text, spans, lines, first, i, i - 1)
        after = _edge(text, spans, lines, first, i, i + 1)
        local = evidence.for_line(views[i] if inside[i] else "") if i in views else own[i]
        gain = line_gain(line, before, after, local)
        flip = _needed(line, gain, few) and (wide_mode if line.wide else word_mode)
        if flip and not line.wide and len(spans) > FEW_LINES:
            # A line judged word by word: only one that opens its paragraph after a finished
            # sentence, or follows a line turned round.
            flip = i - 1 in turned or _opens_paragraph(text, spans, i)
        if flip:
            turned.add(i)
        if not flip and systematic and line.wide and wide_mode:
            flip = gain >= _systematic_threshold(text, spans, lines, first, gains, i)
        yield line, gain, flip


#: A document reverses its lines cut by runs of spaces systematically when at least this many
#: of them read clearly better backwards on their own...
SYSTEMATIC_MIN = 5
#: ...and this many times more of them than read clearly better as written.
SYSTEMATIC_RATIO = 3.0
#: In such a document, a line cut by runs of spaces is turned round when the evidence leans
#: that way at all...
SYSTEMATIC_THRESHOLD = 0.0
#: ...and, when a line next to it in its paragraph was clearly turned round, unless it reads
#: clearly better as written (by the margin a line needs to be turned in the first place).
NEIGHBOUR_THRESHOLD = -THRESHOLD


def _wide_reversal_systematic(lines: list[OrderLine | None], first: dict[int, bool],
                              gains: dict[int, float]) -> bool:
    """Whether the document's lines cut by runs of spaces came out reversed as a rule.

    An extractor that reads a line's separately placed runs from the left does so on every
    such line of the document, so when most of the lines that could be judged on their own
    were turned round, the rest are reversed too unless their own evidence says otherwise.
    """
    turned = sum(1 for i, flip in first.items() if flip and lines[i].wide)  # type: ignore[union-attr]
    kept = sum(1 for i, gain in gains.items()
               if gain <= -THRESHOLD and lines[i].wide)  # type: ignore[union-attr]
    return turned >= SYSTEMATIC_MIN and turned >= SYSTEMATIC_RATIO * kept


def _systematic_threshold(text: str, spans: list[tuple[int, int]], lines: list[OrderLine | None],
                          first: dict[int, bool], gains: dict[int, float], i: int) -> float:
    """The evidence a line cut by runs of spaces needs in a systematically reversed document."""
    for j in (i - 1, i + 1):
        if (0 <= j < len(lines) and first.get(j) and gains[j] >= THRESHOLD
                and _neighbour_tok(text, spans, i, j) is not None):
            return NEIGHBOUR_THRESHOLD
    return SYSTEMATIC_THRESHOLD


def _nothing_to_turn(lines: list[OrderLine | None], cue_lines: int, n_lines: int,
                     alone: int) -> bool:
    """Whether no line can be turned, whatever the evidence: no line cut by runs of spaces is
    left, and too few lines judged word by word are left for the document to allow such
    turns (see :func:`_word_mode_allowed`; ``alone`` of them stand alone in their paragraph
    and may count twice)."""
    if n_lines <= FEW_LINES or any(line is not None and line.wide for line in lines):
        return False
    left = sum(1 for line in lines if line is not None)
    return left + alone < max(2, WORD_MODE_SHARE * cue_lines)



def _word_mode_allowed(lines: list[OrderLine | None], first: dict[int, bool], cue_lines: int,
                       n_lines: int, lone: set[int] = frozenset()) -> bool:  # type: ignore[assignment]
    """Whether lines without runs of spaces may be turned round in this document.

    Extractors reverse lines systematically, so in a document of more than a few lines a
    line judged word by word is turned round only when the document shows such reversal
    elsewhere: a good share of the lines that start with a sentence's end read better
    backwards, and at least two of them do, or one that stands alone in its paragraph reads
    far better backwards (``lone``: :data:`LONE_GAIN`). A forward paragraph has many lines
    that start with the end of the previous sentence (``شد. این …``); on its own grammar
    cannot always tell them from a reversed sentence. Lines cut by runs of spaces turned
    round say nothing of lines without them: their extractor marks the lines it reverses,
    and short wrapped lines (a table's cells) read backwards as well as forwards too often.
    """
    if n_lines <= FEW_LINES:
        return True
    word_flips = sum(1 for i, flip in first.items() if flip and not lines[i].wide)  # type: ignore[union-attr]
    word_flips += sum(1 for i in lone if not lines[i].wide)  # type: ignore[union-attr]
    return word_flips >= max(2, WORD_MODE_SHARE * cue_lines)


def _edge(text: str, spans: list[tuple[int, int]], lines: list[OrderLine | None],
          flips: dict[int, bool], i: int, j: int) -> Tok | None:
    """The word of line ``j`` next to line ``i``, with line ``j`` in its repaired order."""
    tok = _neighbour_tok(text, spans, i, j)
    other = lines[j] if 0 <= j < len(lines) else None
    if tok is None or other is None or not flips.get(j):
        return tok
    return other.toks[0][-1] if j < i else other.toks[-1][0]


def _opens_paragraph(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """Whether line ``i`` opens a paragraph after a finished sentence: no line of its paragraph
    before it, and the last line before it (across blank lines and page breaks) ends with a
    sentence's end or there is none. A forward line that starts with a sentence's end goes on
    with a sentence begun before it, across a blank line an extractor put in, if any."""
    if i == 0:
        return True
    if _neighbour_tok(text, spans, i, i - 1) is not None:
        return False
    words = text[spans[i - 1][0]:spans[i - 1][1]].split()
    return not words or has_mark(sentence_tok(words[-1]).tail, SENTENCE_END)


def _neighbour_tok(text: str, spans: list[tuple[int, int]], i: int, j: int) -> Tok | None:
    """The word of line ``j`` that touches line ``i``, if they are in one paragraph."""
    if j < 0 or j >= len(spans):
        return None
    lo, hi = (spans[j][1], spans[i][0]) if j < i else (spans[i][1], spans[j][0])
    if text[lo:hi].count("\n") != 1 or "\f" in text[lo:hi]:
        return None
    words = text[spans[j][0]:spans[j][1]].split()
    if not words:
        return None
    return sentence_tok(words[-1] if j < i else words[0])


def _reversed_text(line: OrderLine, *, runs: bool = False) -> str:
    """The line with its chunks in reverse order (with ``runs``, each chunk's runs in reading
    order: :func:`~.leadingruns.chunk_in_reading_order`)."""
    text = line.text
    pieces = [text[s:e] for s, e in line.chunks]
    if runs:
        pieces = [chunk_in_reading_order(piece) for piece in pieces]
    gaps = [text[e:s] for (_, e), (s, _) in zip(line.chunks, line.chunks[1:], strict=False)]
    lead = text[:line.chunks[0][0]]
    trail = text[line.chunks[-1][1]:]
    out = [lead]
    for k, piece in enumerate(reversed(pieces)):
        out.append(piece)
        if k < len(gaps):
            out.append(gaps[len(gaps) - 1 - k])
    out.append(trail)
    return "".join(out)
