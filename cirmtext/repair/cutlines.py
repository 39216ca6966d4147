"""Visual-order lines an extractor cut into pieces, and tanwins cut from their words.

pdfminer reads each run of a visual-order line as a text box of its own when the runs are drawn
apart (a Latin word or a number inside a Persian line), and extractors that build lines from
glyph positions may start a new line at a tanwin (``ً``), which is drawn above the line.
:func:`split_line_changes` and :func:`tanwin_changes` put the pieces back together before the
lines are judged and turned round (:mod:`.visual`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .align import Change
from .chardata import FATHATAN
from .detect import lexicon
from .lines import CLAUSE_END, LATIN_LABEL, SENTENCE_END
from .visual import LETTER_RANGES, LTR_RANGES, mostly_visual

__all__ = ["split_line_changes", "tanwin_changes"]

#: A piece of a line that holds no Persian letter: Latin words, numbers, a label.
_LTR_PIECE = re.compile(rf"[{LTR_RANGES}][{LTR_RANGES}.,:;/%&'@_\-+ ()]{{0,38}}")
#: Where a line was cut next to an LTR piece: a space, or punctuation that a bidi algorithm
#: leaves next to the Latin run (``:`` of a label, brackets, quotes, the ``،`` or ``.`` after a
#: Latin word that starts a sentence: the right end of a visual line is where it starts, and
#: hardly ever holds punctuation).
_CUT_EDGE = frozenset(" :()«»\"'-،؛.؟!")
_CONTINUES = frozenset(" ()«»")
#: A numbered speaker label cut around its number (``:`` + ``۲`` + `` هدنوش هبحاصم``, that is
#: «مصاحبه‌شونده ۲:») has at most this many words after the number.
MAX_LABEL_WORDS = 3
#: An LTR run's continuation cut after a comma or a bracket: ``, 2007``.
_LTR_TAIL = re.compile(rf"[,;:(]\s?[{LTR_RANGES}][{LTR_RANGES}.,:;/%&'@_\-+ ()]{{0,30}}")
#: A lone bracket or mark between LTR pieces: ``(``, ``)``.
_PUNCT_PIECE = re.compile(r"[()\[\]«»]")
_WORD_PART = f"[{LETTER_RANGES}\u200c]+"
#: Reading order: «عم ً» ending a line, «لا» starting the next (the word's start, its rest).
_TANWIN_SPLIT = re.compile(
    f"(?<![{LETTER_RANGES}\u200c])({_WORD_PART})[ \\t]+\u064b[ \\t]*\\n[ \\t]*(\u0644?\u0627)"
    f"(?![{LETTER_RANGES}])")
#: Reading order: a tanwin alone on a line, then a word ending with the alef that carries it.
_TANWIN_ALONE = re.compile(
    "(?:^|(?<=\\n))[ \\t]*\u064b[ \\t]*\\n([^\\n]*[^\\s][^\\n]*)(?:\\n([^\\n]*[^\\s][^\\n]*))?")
_FIRST_WORD = re.compile(f"[ \\t]*{_WORD_PART}\u0627(?![{LETTER_RANGES}\u064b])")
_TANWIN_AT_BREAK = re.compile("\u064b[ \\t]*\\n")
#: The next line that holds something.
_NEXT_LINE = re.compile(r"\n([^\n]*[^\s][^\n]*)")
#: The end of a paragraph: a blank line or the end of the text.
_PARAGRAPH_END = re.compile(r"[ \t]*(?:\n[ \t]*(?:\n|\Z)|\Z)")
#: A line ending with a tanwin (after a space) and, next or past a blank line, a line starting
#: with the alef it sits on: in visual order «ًالمع» is «عملاً».
_TANWIN_CUT = re.compile("(?<=\\s\u064b)[ \\t]*\\n(?:[ \\t]*\\n)*[ \\t]*(?=\u0627)")
#: A joined line may be this much longer than the document's long lines (its 90th percentile).
LINE_SLACK = 1.15
#: A text needs this many lines before the length of its lines says how long a line may be.
WIDTH_LINES = 5
#: What any join needs (read on the text after two blank lines, so that its first line counts
#: as one after a blank line): a line after a blank line and either a second line with a blank
#: line after it (two pieces in one box), or blank lines and a next line that stands alone or
#: starts a box of two. Texts without one (paragraphs of several lines) are passed over quickly.
_MAY_JOIN = re.compile(
    r"\n\n[^\n]+(?:\n[^\n]+\n(?:\n|\Z)|\n\n+[^\n]+(?:\Z|\n(?:\n|\Z)|\n[^\n]+\n(?:\n|\Z)))")


def split_line_changes(text: str) -> list[Change]:
    """Changes that put back together visual-order lines an extractor cut into blocks.

    pdfminer reads each run of a visual-order line as its own text box when the runs are drawn
    apart: a Latin word or a number in a Persian line, or a tanwin (``ً``) drawn above the
    line, and gives the boxes of one line left to right, separated by blank lines. The pieces
    show where they were cut: a Persian piece ends with a space (or a label's colon, or a
    bracket) right where a Latin piece follows, and the Persian piece that continues the line
    after a Latin piece starts with a space; a tanwin piece ends with ``ً`` and the next one
    starts with the alef that carries it. Pieces are joined only in a document whose judged
    lines are mostly in visual order, only when every piece stands alone between blank lines,
    and only while the joined line is no longer than the document's long lines.
    """
    if _MAY_JOIN.search("\n\n" + text) is None or not mostly_visual(text):
        return []
    lines: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n"):
        lines.append((pos, pos + len(part)))
        pos += len(part) + 1
    limit = line_limit(e - s for s, e in lines)
    if not limit:
        return []
    alone = [s < e and (i == 0 or lines[i - 1][0] == lines[i - 1][1])
             and (i + 1 == len(lines) or lines[i + 1][0] == lines[i + 1][1])
             for i, (s, e) in enumerate(lines)]
    for i in range(len(lines) - 2):
        # two pieces in one box (one line break between them): a piece and the LTR piece cut
        # from it («... :» then «۲»), or an LTR or bracket piece and the piece that goes on
        # after it («(» then « یروانف دوخ»)
        (s0, e0), (s1, e1) = lines[i], lines[i + 1]
        if (s0 < e0 and s1 < e1 and (i == 0 or lines[i - 1][0] == lines[i - 1][1])
                and lines[i + 2][0] == lines[i + 2][1]
                and ((text[e0 - 1] in _CUT_EDGE and _LTR_PIECE.fullmatch(text[s1:e1]))
                     or (_piece_kind(text[s0:e0]) != "rtl" and text[s1] in _CONTINUES))):
            alone[i] = alone[i + 1] = True
    nxt: list[int | None] = [None] * len(lines)
    following: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        nxt[i] = following
        if lines[i][0] < lines[i][1]:
            following = i
    changes: list[Change] = []
    i = 0
    previous_end = ""  # the last character of the piece before line i
    while i < len(lines):
        j = nxt[i]
        if j is not None and alone[j] and not alone[i] and _box_end_cut(text, lines, i, j):
            alone[i] = True  # the last line of a box of several, cut before a Latin piece
        if not alone[i] or j is None or not alone[j]:
            if lines[i][0] < lines[i][1]:
                previous_end = text[lines[i][1] - 1]
            i += 1
            continue
        joined = _pieces_of_one_line(text, lines, nxt, alone, i, limit, previous_end)
        for a, b in itertools.pairwise(joined):
            changes.append(Change(lines[a][1], lines[b][0], ""))
        previous_end = text[lines[joined[-1]][1] - 1]
        i = joined[-1] + 1
    labels = _bracket_label_changes(text)
    if labels:
        changes = sorted(labels + [c for c in changes
                                   if not any(c.start < b.end and b.start < c.end for b in labels)])
    return changes


def _box_end_cut(text: str, lines: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether line ``i`` ends a box of several lines where the extractor cut it before the
    Latin or number piece ``j`` that stands alone after it.

    A wider font wraps a line so that the Latin word drawn inside it falls on the last line of
    its paragraph's box: pdfminer gives that box whole and the Latin word after it
    (``… تکرش رد `` / ``CRM``). The line ends with the space of the cut, and the piece after it
    is no longer than a Latin run.
    """
    s, e = lines[i]
    return (s < e and i > 0 and lines[i - 1][0] < lines[i - 1][1] and text[e - 1] == " "
            and j == i + 2 and _piece_kind(text[lines[j][0]:lines[j][1]]) == "ltr")


#: A visual-order line whose label in brackets pdfminer cut off: the line ends with the bracket
#: on its side of the label (`` ]``), then, each between blank lines, the label with its other
#: bracket (``[I1``), or the label and that bracket (``P04`` / ``[``).
_BRACKET_LABEL_CUT = re.compile(
    rf"(?<= )\]([ \t]*\n(?:[ \t]*\n)+)(?:\[({LATIN_LABEL})"
    rf"|({LATIN_LABEL})[ \t]*\n(?:[ \t]*\n)+\[)[ \t]*(?=\n[ \t]*\n|\Z)")


def _bracket_label_changes(text: str) -> list[Change]:
    """Put a speaker's label in brackets (``[P04]``) that pdfminer cut off a visual-order line
    back at the line's end, where the line is turned round from (``… ملاس [P04]`` reads
    ``[P04] سلام …``)."""
    if "]" not in text:
        return []
    return [Change(m.start(), m.end(), f"[{m.group(2) or m.group(3)}]")
            for m in _BRACKET_LABEL_CUT.finditer(text)]


def _piece_kind(piece: str) -> str:
    """``ltr`` (a Latin run or a number, maybe after a comma: ``, 2007``), ``punct`` (a lone
    bracket or mark), or ``rtl`` (Persian)."""
    if _LTR_PIECE.fullmatch(piece) or _LTR_TAIL.fullmatch(piece):
        return "ltr"
    if _PUNCT_PIECE.fullmatch(piece):
        return "punct"
    return "rtl"


def _pieces_of_one_line(text: str, lines: list[tuple[int, int]], nxt: list[int | None],
                        alone: list[bool], i: int, limit: float, previous_end: str) -> list[int]:
    """The pieces, from line ``i`` on, that make one visual-order line (see
    :func:`split_line_changes`)."""
    start, end = lines[i]
    piece = text[start:end]
    kind = _piece_kind(piece)
    # where the LTR run began: after a Persian piece cut next to it, or at the line's start
    # (a number drawn at the visual line's left end comes out before the rest of the line)
    rtl_end = piece[-1] if kind == "rtl" else ("" if previous_end in _CUT_EDGE else "^")
    if kind != "rtl" and (rtl_end != "^" or kind != "ltr"):
        return [i]
    joined = [i]
    width = end - start
    run = "" if kind == "rtl" else piece  # the LTR run since the last Persian piece
    k = nxt[i]
    while k is not None and alone[k]:
        nxt_text = text[lines[k][0]:lines[k][1]]
        nxt_kind = _piece_kind(nxt_text)
        if kind == "rtl":
            ok = piece[-1] in _CUT_EDGE and nxt_kind != "rtl"
        elif nxt_kind == "punct":
            ok = True
        elif nxt_kind == "ltr":  # after a Latin piece only its tail (``, 2007``)
            ok = kind == "punct" or _LTR_TAIL.fullmatch(nxt_text) is not None
        elif rtl_end == "^":
            ok = nxt_text[0] == " " and len(joined) == 1
        elif rtl_end == ":":  # a numbered label: «:» + «۲» + the label's words
            ok = (run.strip().isdigit() and nxt_text[0] == " "
                  and len(nxt_text.split()) <= MAX_LABEL_WORDS)
        else:  # not after a label's colon: «Q» ends its line (``… :`` / ``Q``)
            ok = rtl_end in _CUT_EDGE and nxt_text[0] in _CONTINUES
        if not ok or width + len(nxt_text) > limit:
            break
        if nxt_kind == "rtl":
            rtl_end, run = nxt_text[-1], ""
        else:
            run += nxt_text
        width += len(nxt_text)
        joined.append(k)
        piece, kind = nxt_text, nxt_kind
        k = nxt[k]
    return joined


def line_limit(lengths: Iterable[int]) -> float:
    """How long a line of the document may be: :data:`LINE_SLACK` times its long lines' length
    (the 90th percentile of its non-empty lines' lengths; 0 for a text without one)."""
    ordered = sorted(n for n in lengths if n > 0)
    return LINE_SLACK * ordered[int(0.9 * (len(ordered) - 1))] if ordered else 0.0


def tanwin_changes(text: str) -> list[Change]:
    """Changes that put back a tanwin (``ً``) that the extractor cut from its word.

    A tanwin is drawn above the line, and extractors that build lines from glyph positions
    may start a new line at it. In a document in visual order, a line ending with a lone
    tanwin goes on past a blank line with the alef that carries it (``ًالمع`` is ``عملاً``
    backwards). In reading order, the tanwin ends a line after the start of a word whose rest
    starts the next line (``عم ً`` / ``لا``), or stands alone on a line before the word it
    belongs to (``ً`` / ``واقعا``); the word is mended only when the lexicon knows it whole.
    In the second case the part of the line before the word may come out on the next line
    (``ً`` / ``واقعا به رأی آن‌ها گره بخورد.`` / ``است که بعضی تصمیم‌ها``) and is put back
    before it, unless the two would make a line longer than the document's lines
    (:func:`line_limit`, in a text of at least :data:`WIDTH_LINES` lines), or the next line
    ends its paragraph with a sentence's end while the word's line ends mid-sentence: then the
    word opened its line, and the next line is the paragraph's last (``ً`` / ``تقریبا هیچ …
    که نظرشان`` / ``تزئینی است.``).
    """
    if _TANWIN_AT_BREAK.search(text) is None:
        return []
    if mostly_visual(text):
        return [Change(m.start(), m.end(), "") for m in _TANWIN_CUT.finditer(text)]
    lex = lexicon()
    changes = []
    limit: float | None = None  # the document's line limit, measured when first needed
    for m in _TANWIN_SPLIT.finditer(text):
        if lex.is_word(m.group(1) + m.group(2)):
            changes.append(Change(m.end(1), m.end(2), m.group(2) + FATHATAN))
    for m in _TANWIN_ALONE.finditer(text):
        word = _FIRST_WORD.match(m.group(1))
        if word is None or not lex.is_word(word.group().strip()):
            continue
        mend = Change(m.start(), m.start(1) + word.end(), word.group() + FATHATAN)
        if m.group(2) is None:  # no line after it: mend the word
            changes.append(mend)
            continue
        if limit is None:
            lengths = [len(line) for line in text.split("\n") if line.strip()]
            limit = line_limit(lengths) if len(lengths) >= WIDTH_LINES else float("inf")
        mended = (word.group() + FATHATAN + m.group(1)[word.end():]).strip()
        if m.group(1).rstrip().endswith(FATHATAN):
            # a second cut tanwin: the line goes on on the next line, and the part of the line
            # before the word, if any, comes after that
            before = _NEXT_LINE.match(text, m.end())
            if before is not None and _before_the_word(
                    text, before.end(), m.group(1) + " " + m.group(2), before.group(1), limit):
                changes.append(Change(m.start(), before.end(), before.group(1).strip() + " "
                                      + mended + "\n" + m.group(2).strip()))
            else:
                changes.append(mend)
        elif _before_the_word(text, m.end(), m.group(1), m.group(2), limit):
            changes.append(Change(m.start(), m.end(), m.group(2).strip() + " " + mended))
        else:  # the word opened its line: mend it, leave the next line where it is
            changes.append(mend)
    kept: list[Change] = []
    for change in sorted(changes):
        if not kept or change.start >= kept[-1].end:
            kept.append(change)
    return kept


def _before_the_word(text: str, end: int, word_line: str, before: str, limit: float) -> bool:
    """Whether ``before``, the line that ends at ``end`` after a lone tanwin's word line
    (``word_line``), is the part of that line before the word, which the extractor gave after
    it: the two fit in one line of the document, and ``before`` is not the paragraph's finished
    last line while the word's line runs on into it."""
    word_line, before = word_line.strip(), before.strip()
    if len(before) + 1 + len(word_line) > limit:
        return False
    ends_paragraph = _PARAGRAPH_END.match(text, end) is not None
    return not (ends_paragraph and before[-1] in SENTENCE_END
                and word_line[-1] not in SENTENCE_END | CLAUSE_END)
