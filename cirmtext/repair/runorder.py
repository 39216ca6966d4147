"""Runs of a line that an extractor gave back in the wrong order.

pypdf reads a right-to-left line as the PDF stores it, glyph run by glyph run from the left, and
turns round only the Arabic-script letters inside each run: the line comes back as its runs in
visual order (last run first), each run in reading order. Runs end where the direction changes
(Latin words, ASCII digits and guillemets are left-to-right for pypdf), where the renderer
changed font and, in LibreOffice PDFs, at every ZWNJ (which is lost)::

    as extracted:  کنم. اش را توصیه نمی جا چای خوبی داریم، قهوه دارید؟ این
    in order:      دارید؟ این‌جا چای خوبی داریم، قهوه‌اش را توصیه نمی‌کنم.

Persian digits, which pypdf treats as neutral, come out reversed inside their run (``۰۲۴`` for
``۴۲۰``), and a full stop at the end of a right-to-left run can come out at its start.

A line is cut into *pieces*: words, and the parts of a word where the script changes
(``دربارهCiRMکند؟`` is three pieces). A dynamic programme finds the cut of the pieces into runs
whose reversal scores best against the line as it stands. Two shapes are tried: all runs
reversed (pypdf on most PDFs), and runs reversed only between the Latin words and numbers, which
keep their places (LibreOffice, and reportlab lines that start with a Latin letter, write a
line's direction runs in reading order). The score reuses the word-order cues of
:mod:`.ordercues` (grammar; a sentence's end at a line's end, never at its start) and adds the
evidence that matters here: a verbal prefix (``می``), a suffix (``اش``, ``ها``) or the halves of
a frequent compound (``این`` + ``جا``) that the new order joins into a known word, against the
pieces the line as written leaves stranded, and Persian letters glued to Latin letters or digits.
A line is reordered only when the gain is large and rests on such a joint or glue.

Digits are turned round only in a document where lines were reordered and where numbers written
with a leading zero (``۰۲۴``) outnumber those ending in one.

A justified document whose every line pypdf read word by word from the left (runs of spaces
between its words) is turned round whole by :mod:`.runvisual` instead of the run search.
"""

from __future__ import annotations

import functools
import itertools
import re

from .align import Change
from .base import RepairContext, Rule
from .chardata import ZWNJ
from .lines import SENTENCE_END, iter_lines, strip_word
from .runassemble import MARK, assemble, pair_marks, quote_open
from .rundigits import reversed_numbers, turn_numbers
from .rundoc import (
    RUN_START_SUFFIXES,
    fragment_cut,
    label_at_end,
    leading_space_marks,
    leading_width,
    other_direction,
    pypdf_left_to_right,
    speaker_labels,
    visual_direction_lines,
)
from .runevidence import (
    PREFIX_FRAGMENTS,
    frequent_compound,
    glue_weight,
    joinable,
    known_join,
    suffix_piece,
)
from .runpage import stranded_block
from .runpieces import DIGITS, LETTER, PERSIAN_LETTER, STOPS, Piece, line_pieces
from .runsearch import Plan, best_reversal, direction_cut, no_evidence, one_run, strong_plan
from .runvisual import visual_lines

__all__ = [
    "RULE",
    "RUN_THRESHOLD",
    "line_run_order",
    "restore_run_order",
    "reversed_numbers",
    "run_layouts",
    "run_order_changes",
]

#: The gain a reordering needs (in the units of :mod:`.ordercues`).
RUN_THRESHOLD = 3.0
#: How much less gain the reading that keeps Latin words and numbers in place may have and
#: still be preferred, in a line that shows LibreOffice's runs or starts with a Latin word.
PREFER_IN_PLACE = 3.0
#: Lines with more pieces are not judged (the search grows with the cube of the pieces).
MAX_PIECES = 70
#: The gain enough in a relaxed document for a plan that joins a word the lexicon knows.
RELAXED_THRESHOLD = 1.5
#: The same in a document whose runs were cut at every ZWNJ (:func:`.rundoc.fragment_cut`).
FRAGMENT_THRESHOLD = 1.0

# --- the line --------------------------------------------------------------------------------


_GLUE = re.compile(f"[{LETTER}][.!؟،؛:]?[A-Za-z0-9{DIGITS}]|[A-Za-z0-9{DIGITS}][{LETTER}]"
                   f"|[{LETTER}]«|»[{LETTER}]|[«»] [:.][{LETTER}]")
_LEADING_STOP = re.compile(f"[{STOPS}][:\\s]*«?[{LETTER}]|[A-Za-z]+:\\s+[.،]")


def _worth_judging(line: str, words: list[str], next_first: str | None) -> bool:
    """A cheap test: does the line show any sign of runs out of order?"""
    if _LEADING_STOP.match(line.lstrip()) or _GLUE.search(line):
        return True
    bares = [strip_word(w) for w in words]
    for i, bare in enumerate(bares):
        if bare in PREFIX_FRAGMENTS:
            nxt = bares[i + 1] if i + 1 < len(bares) else (next_first and strip_word(next_first))
            if not nxt or words[i] != bare or not known_join(bare, nxt):
                return True
        elif suffix_piece(bare):
            if i == 0 or words[i - 1] != bares[i - 1] or not known_join(bares[i - 1], bare):
                return True
    return len(bares) > 2 and joinable(bares[-1], bares[0]) \
        and frequent_compound(bares[-1], bares[0])


@functools.lru_cache(maxsize=1 << 14)
def line_run_order(line: str, next_first: str | None = None, *, sentence_start: bool = True,
                   relaxed: bool = False, fragments: bool = False,
                   moved: bool = False, visual: bool = False,
                   labels: frozenset[str] = frozenset()) -> tuple[str, float] | None:
    """The line with its runs put back in order, and the gain; ``None`` if it stays as it is.

    Args:
        line: one line of text.
        next_first: the first word of the next line of the same paragraph, if any.
        sentence_start: whether the line starts a sentence (it starts a paragraph, or the line
            before it ends with a full stop or a question mark).
        relaxed: accept a Persian word glued to a Latin word or a number as evidence enough
            (for documents where other lines showed strong evidence).
        fragments: the document's runs were cut at every ZWNJ (:func:`.rundoc.fragment_cut`).
        labels: the document's speaker labels (:func:`.rundoc.speaker_labels`), in a document
            whose runs were cut at every ZWNJ: each starts a run, and a line that holds one
            starts with it.
        moved: the line's leading space marks it as a line whose runs were moved (see
            :func:`.rundoc.leading_space_marks`): without a better plan, its runs are put back in
            reverse order at each change of direction.
        visual: the document gives back every line whose direction changes in visual order
            (:func:`.rundoc.visual_direction_lines`): a line with a Latin letter, an ASCII
            digit or a guillemet that does not start with a Latin letter is treated as a
            ``moved`` line, and its runs are all reversed (none keeps its place).

    >>> line_run_order("کنیم. کنیم و نتیجه را اعلام می ما هر روز کارها را بررسی می")[0]
    'ما هر روز کارها را بررسی می\u200cکنیم و نتیجه را اعلام می\u200cکنیم.'
    >>> line_run_order("ما هر روز کار می‌کنیم.") is None
    True
    """
    words = line.split()
    if len(words) < 2 or not PERSIAN_LETTER.search(line):
        return None
    turned = visual and pypdf_left_to_right(line)
    if turned or (moved and line[:1].isspace() and other_direction(line)):
        found = _line_search(line, words, next_first, sentence_start, relaxed, fragments,
                             labels, all_reversed=turned)
        return found if found is not None else _reverse_at_direction_changes(line)
    return _line_search(line, words, next_first, sentence_start, relaxed, fragments, labels)


def _line_search(line: str, words: list[str], next_first: str | None, sentence_start: bool,
                 relaxed: bool, fragments: bool, labels: frozenset[str],
                 all_reversed: bool = False) -> tuple[str, float] | None:
    """:func:`line_run_order`'s search; ``all_reversed``: only readings that reverse all runs."""
    cut = fragments and (_has_fragment(words) or _holds_label(words, labels))
    if not cut and (one_run(line, words, relaxed)
                    or not (relaxed or _worth_judging(line, words, next_first))):
        return None
    pieces = label_at_end(line_pieces(line))
    if len(pieces) < 2 or len(pieces) > MAX_PIECES or (not cut
                                                        and no_evidence(pieces, relaxed)):
        return None
    best: tuple[float, list[tuple[int, int, Plan]]] | None = None
    candidates = run_layouts(pieces, next_first, sentence_start, relaxed, fragments, labels)
    if all_reversed:
        candidates = [c for c in candidates if len(c[1]) == 1]
    for gain, layout in candidates:
        if best is None or gain > best[0]:
            best = (gain, layout)
    if not all_reversed and best is not None and len(best[1]) == 1 \
            and any(p.kind in "LD" for p in pieces):
        # LibreOffice (runs cut at spaces, where a ZWNJ was lost) and lines that start with
        # a Latin word keep their Latin words and numbers in place: prefer that reading
        whole = best[1][0][2]
        portions = any(not _forced_cut(pieces, c) for c in whole.cuts)
        if portions or pieces[0].kind == "L":
            for gain, layout in candidates:  # the last within reach of the best
                if gain >= best[0] - PREFER_IN_PLACE:
                    best = (gain, layout)
    if best is None or best[0] < _threshold(best[1], relaxed, fragments):
        return None
    out = assemble(pieces, best[1], relaxed, labels)
    if out == " ".join(words):
        return None
    return out, best[0]


def _reverse_at_direction_changes(line: str) -> tuple[str, float] | None:
    """The line's runs, cut only where the direction changes, put back in reverse order."""
    pieces = line_pieces(line)
    cuts = [i for i in range(len(pieces) - 1) if _forced_cut(pieces, i)]
    if not cuts:
        return None
    plan = Plan(0.0, cuts, 0.0, 0.0)
    out = assemble(pieces, [(0, len(pieces), plan)], relaxed=True)
    return (out, 0.0) if out != " ".join(line.split()) else None


def _threshold(layout: list[tuple[int, int, Plan]], relaxed: bool,
               fragments: bool = False) -> float:
    if relaxed and any(plan.joints >= 1 or plan.tanwin for _lo, _hi, plan in layout):
        return FRAGMENT_THRESHOLD if fragments else RELAXED_THRESHOLD
    return RUN_THRESHOLD


def _holds_label(words: list[str], labels: frozenset[str]) -> bool:
    """Whether the line holds a speaker label (or its part after a lost ZWNJ, ``گر:``)."""
    tails = {label.split()[-1].split(ZWNJ)[-1] for label in labels}
    return any(w in tails for w in words)


def _has_fragment(words: list[str]) -> bool:
    return any(w in PREFIX_FRAGMENTS or w in RUN_START_SUFFIXES for w in words)


def run_layouts(pieces: list[Piece], next_first: str | None, sentence_start: bool,
                relaxed: bool = False, fragments: bool = False,
                labels: frozenset[str] = frozenset(),
                ) -> list[tuple[float, list[tuple[int, int, Plan]]]]:
    """Reorderings worth trying, each as (gain, [(lo, hi, plan), ...])."""
    n = len(pieces)
    plans = []
    whole = best_reversal(pieces, 0, n, None, next_first, at_start=True, at_end=True,
                          sentence_start=sentence_start, relaxed=relaxed,
                          fragments=fragments, labels=labels)
    if strong_plan(whole, relaxed):
        plans.append((whole.gain, [(0, n, whole)]))
    fixed = [i for i, p in enumerate(pieces) if p.kind in "LD"]
    if fixed:
        total = 0.0
        layout = []
        strong = False
        bounds = [-1, *fixed, n]
        for a, b in itertools.pairwise(bounds):
            lo, hi = a + 1, b
            if hi <= lo:
                continue
            before = pieces[a].text if a >= 0 else None
            after = pieces[b].text if b < n else next_first
            plan = best_reversal(pieces, lo, hi, before, after, at_start=a < 0, at_end=b >= n,
                                 sentence_start=sentence_start, relaxed=relaxed,
                                 fragments=fragments, labels=labels)
            if plan.cuts:  # the script changes at its edges are no longer glued
                edge_glue = [glue_weight(pieces, k - 1) for k in (lo, hi) if 0 < k < n]
                total += sum(edge_glue)
                plan.glue = max([plan.glue, *edge_glue])
            total += plan.gain
            layout.append((lo, hi, plan))
            strong = strong or strong_plan(plan, relaxed)
        if strong:
            plans.append((total, layout))
    return plans


def _forced_cut(pieces: list[Piece], i: int) -> bool:
    return direction_cut(pieces[i], pieces[i + 1])


# --- the rule --------------------------------------------------------------------------------


def _same_paragraph(text: str, end: int, start: int) -> bool:
    """Whether the gap between two lines is a single line break."""
    gap = text[end:start]
    return gap.count("\n") == 1 and "\f" not in gap and not gap.strip()


def run_order_changes(text: str) -> list[Change]:
    """Changes that put back in order the runs of every line with enough evidence."""
    spans = [(m.start(), m.end()) for m in iter_lines(text)]
    # whether each line runs on into the next in its paragraph, and the next line's first word
    runs_on = [_same_paragraph(text, a[1], b[0]) for a, b in itertools.pairwise(spans)]
    following = [None, *(_first_word(text[a:b]) for a, b in spans[1:]), None]
    context = [(following[i + 1] if i < len(runs_on) and runs_on[i] else None,
                i == 0 or not runs_on[i - 1]) for i in range(len(spans))]
    turned = visual_lines([text[a:b] for a, b in spans], [opens for _next, opens in context])
    if turned:  # a justified document read word by word from the left (:mod:`.runvisual`)
        return _finish(text, spans, turned, reversed_numbers(text, len(turned)))
    # the strict judgement is kept only when fewer than RELAX_AFTER lines are reordered
    lines = _judge_lines(text, spans, context, {}, relaxed=False, stop_after=RELAX_AFTER)
    marks = leading_space_marks(text) if lines else frozenset()
    # leading-space marks are pypdf's own evidence: fewer lines need to show it
    relaxed = len(lines) >= (RELAX_AFTER_MARKED if marks else RELAX_AFTER)
    if relaxed:  # judged afresh: a relaxed reading may beat a strict one
        fragments = fragment_cut(text)
        lines = _judge_lines(text, spans, context, {}, relaxed=True,
                             fragments=fragments, marks=marks,
                             visual=visual_direction_lines(fragments, marks),
                             labels=speaker_labels(text) if fragments else frozenset())
    else:
        block = stranded_block([text[a:b] for a, b in spans])
        if block is not None:  # one page came back last-to-first: judge it relaxed
            lines = _judge_lines(text, spans, context, lines, relaxed=True, within=block)
    numbers = reversed_numbers(text, len(lines))
    return _finish(text, spans, lines, numbers)


#: A document with this many lines reordered on strong evidence is judged again with
#: :func:`strong_plan`'s relaxed test: its extractor evidently gives runs back last-to-first.
RELAX_AFTER = 3
#: The same in a document with :func:`.rundoc.leading_space_marks`.
RELAX_AFTER_MARKED = 2


def _first_word(line: str) -> str | None:
    words = line.split(maxsplit=1)
    return words[0] if words else None


def _judge_lines(text: str, spans: list[tuple[int, int]],
                 context: list[tuple[str | None, bool]], done: dict[int, str], *,
                 relaxed: bool, fragments: bool = False,
                 marks: frozenset[int] = frozenset(), visual: bool = False,
                 labels: frozenset[str] = frozenset(),
                 stop_after: int | None = None,
                 within: tuple[int, int] | None = None) -> dict[int, str]:
    """The new text of each line to reorder (those in ``done`` are kept as decided).

    ``context``: per line, the first word of the next line of its paragraph (or ``None``)
    and whether it starts a paragraph. ``stop_after``: stop once that many lines are to be
    reordered (the caller then judges the document afresh). ``within``: judge only the lines
    from the first to the last index given.
    """
    lines = dict(done)
    previous = ""
    # whether a quotation is open where the line starts: no at a paragraph's start; after a
    # line reordered here, as its guillemets say; else unknown (a line left as it stands may
    # show its guillemets mirrored)
    quoted: bool | None = False
    for i, (start, end) in enumerate(spans):
        line = text[start:end]
        next_first, opens = context[i]
        first = opens or previous.rstrip("»\")] ")[-1:] in SENTENCE_END
        quoted = False if opens else quoted
        skip = i in done or (within is not None and not within[0] <= i <= within[1])
        result = None if skip else line_run_order(line, next_first, sentence_start=first,
                                                       relaxed=relaxed,
                                                       fragments=fragments, labels=labels,
                                                       moved=bool(marks)
                                                       and leading_width(line) in marks,
                                                       visual=visual)
        previous = done.get(i, line)
        if result is not None:
            new = result[0]
            if len(MARK.findall(new)) % 2:  # a quotation runs on from or into another line
                new = pair_marks(new, opened=quoted)
            lines[i] = previous = new
            if stop_after is not None and len(lines) >= stop_after:
                break
        if result is None and ("«" in line or "»" in line):
            quoted = None
        if "«" in previous or "»" in previous:
            quoted = quote_open(previous, quoted)
    return lines


def _finish(text: str, spans: list[tuple[int, int]], lines: dict[int, str],
            numbers: list[tuple[int, int, str]]) -> list[Change]:
    changes: list[Change] = []
    for i, new in lines.items():
        start, end = spans[i]
        line = text[start:end]
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        if numbers:
            new = turn_numbers(new)
        changes.append(Change(start + lead, start + trail, new))
    taken = [(spans[i][0], spans[i][1]) for i in lines]
    for s, e, after in numbers:
        if not any(a <= s < b for a, b in taken):
            changes.append(Change(s, e, after))
    return sorted(changes)


def restore_run_order(text: str, context: RepairContext) -> list[Change]:
    """Put back in order the runs of lines that pypdf gave back last-to-first.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("کنیم. کنیم و نتیجه را اعلام می ما هر روز کارها را بررسی می",
    ...            ["restore_run_order"])
    'ما هر روز کارها را بررسی می\u200cکنیم و نتیجه را اعلام می\u200cکنیم.'
    >>> apply_plan(".مدیران گفتند که گزارش را خواندند", ["restore_run_order"])
    'مدیران گفتند که گزارش را خواندند.'
    """
    return run_order_changes(text)


RULE = Rule("restore_run_order", restore_run_order, "evidence", True,
            "put back in order the runs of a line that came out last-to-first (pypdf)")
