"""Evidence that a line's words came out in reverse order, and the reordering itself.

A line is cut into *chunks* (:mod:`.orderlines`): when it has two or more runs of 2+ spaces
(what PDF extractors leave between the words of a justified line they read backwards), the
chunks are the pieces between those runs, each kept in its own order (a word broken by a single
space stays whole); otherwise every word is a chunk, and a run of Latin words or digits (a
citation) stays one.

The line is scored in its order and in the reverse chunk order by ``E`` (:mod:`.ordergain`),
a sum over adjacent chunks of a directional pair score plus cues at the line's start and end.
The pair score adds grammatical evidence (see :func:`~.ordercues.pair_score`) and, where the
document uses the same two words next to each other elsewhere, how often it does so in each
order. The line is turned round only when ``E(reversed) - E(as is)`` reaches
:data:`~.ordergain.THRESHOLD` (more for some kinds of line, :func:`~.ordergain.needed`); this
module gathers the document's evidence, judges each line in two rounds and decides what the
document allows (word-by-word turns, systematic reversal). The document's pair counts are those
of :mod:`.orderevidence`; :func:`move_leading_citations` (of :mod:`.leadingruns`) is exported
here too, as the other half of :func:`~.order.restore_word_order`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .align import Change
from .leadingruns import chunk_in_reading_order, move_leading_citations
from .lines import SENTENCE_END, iter_lines
from .ordercues import Tok, has_mark, sentence_tok
from .orderdoc import label_first, reversed_as_rule, rule_lines
from .orderevidence import Evidence, count_pairs, evidence_from, recount
from .ordergain import (
    FEW_LINES,
    LONE_GAIN,
    MANY_CHUNKS,
    PRESCREEN,
    STRONG_WIDE_GAIN,
    THRESHOLD,
    WORD_MODE_SHARE,
    line_gain,
    line_reversal_score,
    needed,
    pairs_of,
    too_short,
)
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

#: Word and class pairs are counted in at most this many characters at a document's start.
EVIDENCE_CHARS = 200_000

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
        wanted |= pairs_of(line)
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
    first = {i: needed(lines[i], gain, few) for i, gain in gains.items()}  # type: ignore[arg-type]
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
        if flips_only and (not wide_mode if line.wide else not word_mode or too_short(line)):
            continue  # cannot be turned, whatever its gain
        before = _edge(text, spans, lines, first, i, i - 1)
        after = _edge(text, spans, lines, first, i, i + 1)
        local = evidence.for_line(views[i] if inside[i] else "") if i in views else own[i]
        gain = line_gain(line, before, after, local)
        flip = needed(line, gain, few) and (wide_mode if line.wide else word_mode)
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
