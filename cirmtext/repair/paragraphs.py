"""Paragraph rules of the layout stage: a paragraph's printed lines, their order and the blank
lines between them.

* :func:`restore_upside_down_paragraphs`: a paragraph whose lines came out last-to-first
  (:func:`upside_down`);
* :func:`restore_moved_last_lines`: a paragraph's short last line that the extractor gave after
  the next turn;
* :func:`rejoin_paragraph_lines`: the blank line an extractor put between a paragraph's printed
  lines.

The last two act only on a document with pdfminer's habit of a blank line after every printed
line, judged on the whole input (:func:`printed_width`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .base import Change, RepairContext
from .lines import CONJUNCTIONS, PREPOSITIONS, iter_lines, strip_word
from .turns import Turns

__all__ = [
    "printed_width",
    "rejoin_paragraph_lines",
    "restore_moved_last_lines",
    "restore_upside_down_paragraphs",
    "upside_down",
]


#: A line that closes a sentence: final punctuation, maybe inside closing quotes or brackets.
_CLOSES_SENTENCE = re.compile("[.!؟?…][»)\"'”]*\\s*$")
#: Words that start a line inside a paragraph, hardly ever a paragraph: they join the line to
#: the one before (``اما``, ``چون``, ``تا`` often open a paragraph, so they are not here).
_CONTINUATIONS = frozenset({"و", "که", "یا", "را"})
#: A speaker's label or a list marker: a line that starts a turn or an item.
_TURN_START = re.compile(r"\s*(?:[^\s:]{1,12}\s?:\s|[-•*–]\s|[\d\u06f0-\u06f9]{1,3}[.)]\s)")
#: What separates two blocks: a blank line (the spaces around it too), or a page break. The
#: spaces before the first line break are added by :func:`_block_breaks` (a pattern that
#: starts with a line break or a page break lets the search skip through the text fast).
_BLOCK_BREAK = re.compile(r"\n(?:[ \t]*\n)+|\f")
#: The most lines a block may have to be judged (upside-down blocks are a paragraph's lines).
MAX_BLOCK_LINES = 8


def _first_word(line: str) -> str:
    words = line.split()
    return strip_word(words[0]) if words else ""


def _last_word(line: str) -> str:
    words = line.split()
    return strip_word(words[-1]) if words else ""


def upside_down(lines: list[str], *, runs_on: bool = False) -> bool:
    """Whether a paragraph's lines (in the order they came) read last-to-first.

    The lines came out upside down when the paragraph's last line does not close a sentence
    while its first line does (so the first line is where the paragraph ends), and at least
    one more cue agrees (both for a paragraph of three lines or more, or when the text
    ``runs_on`` after the block: see :func:`restore_upside_down_paragraphs`): the first line
    starts with a word that only continues a sentence (``و``, ``که``, ``یا``, ``را``), or the
    last line ends with a preposition or a conjunction (so a line must follow it). A block in
    which a line other than the first starts with a speaker's label or a list marker holds
    several turns or items, not one paragraph, and is not judged.

    >>> upside_down(["و نتیجه را گزارش کردند.", "کارکنان پرسشنامه‌ها را جمع می‌کردند"])
    True
    >>> upside_down(["کارکنان پرسشنامه‌ها را جمع می‌کردند", "و نتیجه را گزارش کردند."])
    False
    """
    if not 2 <= len(lines) <= MAX_BLOCK_LINES:
        return False
    first, last = lines[0], lines[-1]
    if _CLOSES_SENTENCE.search(last) or not _CLOSES_SENTENCE.search(first):
        return False
    if any(_TURN_START.match(line) for line in lines[1:]):
        return False  # a turn or an item that starts inside the block: not one paragraph
    cues = sum((
        _first_word(first) in _CONTINUATIONS,
        _last_word(last) in PREPOSITIONS | CONJUNCTIONS,
    ))
    return cues >= (1 if len(lines) == 2 and not runs_on else 2)


def restore_upside_down_paragraphs(text: str, context: RepairContext) -> list[Change]:
    """Put back in order a paragraph whose lines came out last-to-first.

    A paragraph is a block of lines between blank lines (or the text's edges; a page break
    ends a block without being an edge, so a paragraph cut by a page is not judged). See
    :func:`upside_down` for the evidence. Every line of the block but its first (the
    paragraph's last line) must also fill the document's printed width (:data:`FULL_LINE` of
    :func:`printed_width`), as a paragraph's lines do: the short lines of a table cell cut
    narrow (``ضرورت`` / ``مشارکت`` / ``مردم در``) are never turned round. In a document that
    shows blank lines inside its paragraphs (a block of several lines that neither starts nor
    ends at a sentence's end, with more text after it: pdftotext gives them on fpdf2's PDFs),
    a block that more text follows, not starting a new turn or item, may be such a piece too:
    its last line may go on in the next block, so it needs both cues whatever its length.

    >>> from cirmtext.repair import apply_plan
    >>> text = "و نتیجه را گزارش کردند.\\nکارکنان پرسشنامه‌ها را جمع می‌کردند\\n\\nپایان."
    >>> apply_plan(text, ["restore_upside_down_paragraphs"]).splitlines()
    ['کارکنان پرسشنامه‌ها را جمع می‌کردند', 'و نتیجه را گزارش کردند.', '', 'پایان.']
    """
    if "\n" not in text:
        return []
    blocks: list[tuple[int, str, list[str], bool]] = []  # start, body, its lines, text goes on
    pos = 0
    last = len(text.rstrip())  # text[pos:] holds more than white space while pos < last
    for brk in (*_block_breaks(text), None):
        start, end = pos, (len(text) if brk is None else brk[0])
        after_page = start > 0 and text[start - 1] == "\f"
        pos = 0 if brk is None else brk[1]
        if brk is not None and text[brk[0]] == "\f":
            continue  # a block that ends at a page break may go on on the next page
        if after_page or text.find("\n", start, end) < 0:
            continue
        block = text[start:end]
        if "\n" not in block.strip():
            continue
        goes_on = brk is not None and pos < last and not _TURN_START.match(
            text, pos)
        blocks.append((start + len(block) - len(block.lstrip()), block.strip(),
                       [line.strip() for line in block.strip().split("\n")], goes_on))
    # Blank lines inside paragraphs: a block of several lines that neither starts nor ends at a
    # sentence's end, with more text after it, is a piece cut out of a longer paragraph.
    cut = any(goes_on and not _CLOSES_SENTENCE.search(lines[0])
              and not _CLOSES_SENTENCE.search(lines[-1]) for _, _, lines, goes_on in blocks)
    return [Change(start, start + len(body), "\n".join(reversed(body.split("\n"))))
            for start, body, lines, goes_on in blocks
            if upside_down(lines, runs_on=cut and goes_on)
            and _printed_lines(lines[1:], context.source or text)]


def _blank_after(text: str) -> Iterator[tuple[int, int]]:
    """The first blank line after each line that is not blank: ``(start, end)`` from the end
    of the line's last visible character (the spaces after it included) to the end of the
    blank line's break (``\f`` is not crossed; a section of a long input may end there)."""
    for m in _NEWLINE_PAIR.finditer(text):
        start = m.start()
        while start and text[start - 1] in " \t":
            start -= 1
        if start and not text[start - 1].isspace():
            yield start, m.end()


def _block_breaks(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each block break of ``text`` (:data:`_BLOCK_BREAK` with the spaces
    and tabs before a blank line's first line break)."""
    pos = 0
    for m in _BLOCK_BREAK.finditer(text):
        start = m.start()
        if text[start] == "\n":
            while start > pos and text[start - 1] in " \t":
                start -= 1
        yield start, m.end()
        pos = m.end()


def _printed_lines(lines: list[str], source: str) -> bool:
    """Whether every one of ``lines`` fills the printed width of the document ``source``."""
    width = _document_lines(source)[0]
    return all(len(line) >= FULL_LINE * width for line in lines)


#: Two line breaks with only spaces or tabs between them: a blank line (found by its first
#: character, a line break, so that the search skips through the text fast).
_NEWLINE_PAIR = re.compile(r"\n[ \t]*\n")
#: Spaces or tabs, then something else: what follows a blank line on the next line.
_SPACES = re.compile(r"[ \t]*")
#: Lines ending with one of these close a sentence (or introduce what follows): never joined.
_CLOSING = frozenset(".!؟?…:؛;»)\"'”]")
_SENTENCE_END = frozenset(".!؟?…")
#: Share of a document's pairs of consecutive lines that must have one blank line between
#: them for the blank lines to be the extractor's habit rather than the author's paragraphs.
ALTERNATING_SHARE = 0.6
#: A line at least this share of the document's printed width (see :func:`printed_width`)
#: was filled by the renderer, so its paragraph goes on.
FULL_LINE = 0.75
#: Lines longer than the printed width by this factor mean the text was not laid out in
#: printed lines (its lines are paragraphs): at most :data:`LONG_LINE_SHARE` of them.
LONG_LINE = 1.25
LONG_LINE_SHARE = 0.05
#: Fewest line pairs a document needs before its habit is judged.
MIN_PAIRS = 4


def printed_width(lengths: list[int]) -> int:
    """The printed line width of a text laid out in lines: the 80th percentile of its lengths.

    In justified text most lines are full, so the upper part of the lengths is the page's
    width in characters; short lines (last lines of paragraphs, one-line questions) fall below.

    >>> printed_width([120, 118, 40, 125, 119, 60, 122, 121, 117, 30])
    121
    """
    ordered = sorted(lengths)
    return ordered[int(0.8 * (len(ordered) - 1))] if ordered else 0


@functools.lru_cache(maxsize=2)
def _document_lines(source: str) -> tuple[int, list[int]]:
    """A document's printed width and line lengths: facts of the whole input, so that a long
    input repaired in sections is judged as a whole (cached: each pass and section asks)."""
    lengths = [n for n in (len(m.group().strip()) for m in iter_lines(source)) if n]
    return printed_width(lengths), lengths


@functools.lru_cache(maxsize=2)
def _document_habit(source: str) -> bool:
    """Whether the document shows the extractor's habit of a blank line after every printed
    line (see :func:`rejoin_paragraph_lines`)."""
    if "\n\n" not in source:
        return False
    width, lengths = _document_lines(source)
    if not width or sum(n > LONG_LINE * width for n in lengths) > LONG_LINE_SHARE * len(lengths):
        return False
    gaps = 0  # two printed lines with one blank line between them (on one page)
    for _start, end in _blank_after(source):
        after = _SPACES.match(source, end).end()
        gaps += after < len(source) and not source[after].isspace()
    pairs = len(lengths) - 1 - source.count("\f")
    return gaps >= MIN_PAIRS and gaps >= ALTERNATING_SHARE * pairs


#: What separates blocks (lines between blank lines, on one page): blank lines, a page break.
_BLOCK_SEPARATOR = re.compile(r"\n(?:[ \t\r\v]*\n)+|\f")


def _blocks(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each block of ``text`` that holds more than spaces."""
    out = []
    pos = 0
    for m in _BLOCK_SEPARATOR.finditer(text):
        if not text[pos:m.start()].isspace() and m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text) and not text[pos:].isspace():
        out.append((pos, len(text)))
    return out


def restore_moved_last_lines(text: str, context: RepairContext) -> list[Change]:
    """Put back a paragraph's short last line that the extractor gave after the next turn.

    pdfminer groups a paragraph's lines into one text box but may leave its last, shorter
    line out as a box of its own, and then give that box after the next one: a question
    comes between an answer and the answer's last line. The line ``C`` is put back after the
    line ``A`` when ``A`` fills the printed width (see :func:`printed_width`) and ends
    mid-sentence (so a line must follow it), the single line between them starts a speaker's
    turn and closes its sentence, ``C`` has no label, is shorter than a full line and closes
    its sentence (a paragraph's last line), and what follows ``C`` starts another turn (or
    the page or text ends). Lines are only moved within a page, and only in a text with
    pdfminer's blank line after every printed line (see :func:`rejoin_paragraph_lines`).

    pdfminer may also give the first lines of a turn before the one-line turn that came
    before it: ``A`` then opens a turn itself. Which line was moved is told by the speakers,
    who take turns: the single line is put *before* ``A`` (and ``C`` after ``A``) when that
    breaks the alternation of labels less (the turns before ``A`` and after ``C`` compared:
    ``ج A`` / ``س Q`` / ``C`` / ``س …`` is ``س Q`` / ``ج A C`` / ``س …``). The same holds at
    the end of a page whose ``A`` goes on at the top of the next page (no ``C``, and the next
    page opens with no label, or there is none; ``A`` may close its sentence there): ``A`` and
    the single line change places when that breaks the alternation less. Labels may be ``X:``
    or ``[X]`` (see :mod:`.turns`).

    >>> from cirmtext.repair import apply_plan
    >>> answer = "پاسخ: ما یک برنامه آموزشی برای دستیاران گذاشتیم که در آن با بیمارنما کار"
    >>> question = "پرسش: آیا بیماران یا نمایندگانشان در سیاست‌گذاری بیمارستان نقشی دارند؟"
    >>> reply = "پاسخ: این کاری است که تازه شروع کرده‌ایم و هنوز نتیجه‌اش را نمی‌دانیم."
    >>> blocks = [answer, question, "می‌کنند.", reply, "پرسش: چه چیزی مانع آن بود؟"]
    >>> out = apply_plan("\\n\\n".join(blocks), ["restore_moved_last_lines"]).split("\\n\\n")
    >>> out[0] == answer + "\\nمی‌کنند.", out[1:] == [question, *blocks[3:]]
    (True, True)
    """
    if "\n\n" not in text or not _document_habit(context.source or text):
        return []
    blocks = _blocks(text)
    if len(blocks) < 3:
        return []
    full = FULL_LINE * _document_lines(context.source or text)[0]
    turns: Turns | None = None  # read in this text: the input may still be in visual order
    changes: list[Change] = []
    for k in range(len(blocks) - 1):
        (a_start, a_end), (q_start, q_end) = blocks[k:k + 2]
        # the cheap tests first: most blocks fail them, and the labels are read only after
        question = text[q_start:q_end].strip()
        if question[-1] not in _SENTENCE_END or "\n" in question or "\f" in text[a_end:q_start]:
            continue
        if changes and changes[-1].end > a_end:
            continue
        # the page's last block: pdfminer may have given the turn before the one it answers
        # (see below); otherwise the block after the question is ``C``
        nxt = blocks[k + 2][0] if k + 2 < len(blocks) else len(text)
        page_end = "\f" in text[q_end:nxt]
        last = text[a_start:a_end].rsplit("\n", 1)[-1].strip()
        if not page_end and (not last or last[-1] in _CLOSING or len(last) < full):
            continue
        orphan = ""
        if not page_end:
            if k + 2 >= len(blocks):
                continue
            c_start, c_end = blocks[k + 2]
            orphan = text[c_start:c_end].strip()
            if orphan[-1] not in _SENTENCE_END or len(orphan) >= full or "\n" in orphan:
                continue
        if turns is None:
            turns = Turns(text)
        asked = turns.label(question)
        if asked is None:
            continue
        if page_end:
            if k + 2 < len(blocks) and turns.label(text[slice(*blocks[k + 2])]) is not None:
                continue  # the next page opens a turn: nothing is cut across the break
            if turns.prefers_swap(text[a_start:a_end], asked, a_start, q_end):
                changes.append(Change(a_start, q_end, question + text[a_end:q_start]
                                      + text[a_start:a_end]))
            continue
        if turns.label(orphan) is not None:
            continue
        if k + 3 < len(blocks):
            d_start, d_end = blocks[k + 3]
            if ("\f" not in text[c_end:d_start]
                    and turns.label(text[d_start:d_end]) is None):
                continue
        gap = text[a_end:q_start]
        if turns.prefers_swap(text[a_start:a_end], asked, a_start, c_end):
            changes.append(Change(a_start, c_end, question + gap + text[a_start:a_end]
                                  + "\n" + orphan))
        else:
            changes.append(Change(a_end, c_end, "\n" + orphan + gap + text[q_start:q_end]))
    return changes


def rejoin_paragraph_lines(text: str, context: RepairContext) -> list[Change]:
    """Remove the blank line an extractor put between two printed lines of one paragraph.

    pdfminer gives every printed line of a PDF as a block of its own, between blank lines,
    so a paragraph's lines look like as many paragraphs. Acts only on a document that shows
    this habit: most pairs of consecutive lines (:data:`ALTERNATING_SHARE`) have one blank
    line between them, and the lines are printed lines (hardly any longer than the printed
    width, see :func:`printed_width`); both are judged on the whole input
    (``context.source``), so that a long input repaired in sections is judged as a whole.
    There the first blank line after a line is removed (the line break stays) when the line
    is filled to the printed width (:data:`FULL_LINE`) and ends mid-sentence (no final
    punctuation, colon or closing quote): a line must follow it in its paragraph. A
    paragraph's last line is short or closes its sentence, so real paragraph breaks and turns
    stay. Only the line before the blank line is looked at, so a section that ends there is
    repaired as the whole text is; a speaker's label after it still opens a turn (turns are
    found by their labels, see :mod:`cirmtext.segment`), and a page break after it stays.

    >>> from cirmtext.repair import apply_plan
    >>> full = "مرکز ما شبانه‌روزی است و در هر شیفت حدود چهل کارشناس پاسخگو داریم و"
    >>> rest = "روزانه هزاران تماس دریافت می‌کنیم."
    >>> turn = ["مصاحبه‌گر: چرا؟", full, rest, "مصاحبه‌گر: بله.", full, rest]
    >>> out = apply_plan("\\n\\n".join(turn), ["rejoin_paragraph_lines"])
    >>> [len(paragraph.splitlines()) for paragraph in out.split("\\n\\n")]
    [1, 2, 1, 2]
    """
    source = context.source or text
    if "\n\n" not in text or not _document_habit(source):
        return []
    width = _document_lines(source)[0]
    changes: list[Change] = []
    for start, end in _blank_after(text):
        if text[start - 1] in _CLOSING:
            continue
        line_start = text.rfind("\n", 0, start - 1) + 1
        line_start = max(line_start, text.rfind("\f", 0, start - 1) + 1)
        if len(text[line_start:start].strip()) < FULL_LINE * width:
            continue
        changes.append(Change(start, end, "\n"))
    return changes
