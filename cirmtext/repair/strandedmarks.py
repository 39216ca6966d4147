"""ASCII marks that pdfminer gave on lines of their own, away from a two-font page's words.

On a page set in two fonts (a Persian font that has no Latin glyphs: LibreOffice with CSS
``sans-serif``, or a document that names no font), the spaces and the ASCII marks
(``. : !``) are drawn in the Latin font; pdfminer groups them apart from the words and gives
each mark, after the box of lines it belongs to, on a line of its own::

    ج سلام، اشکالی ندارد این ساعت همیشه همین‌طور است
     :

     .

The text keeps no trace of where each mark stood among the box's words, but two places are
sure: a colon after the first word of a box that starts a turn (a speaker's label, ``ج:``) and
a full stop at the end of the box's last line when it comes right under that line (the marks
from inside the lines come after a blank line). :func:`stranded_mark_changes` puts those back
and deletes the lines of lone marks (a run of them and of blank lines becomes one blank line);
the other marks are dropped, which reads better than a line of a lone mark between the lines
of a paragraph.

It acts only in a document that shows the layout: at least :data:`MIN_LINES` lines of one
lone ASCII mark, making at least :data:`MIN_SHARE` of its non-blank lines (Persian text in one
font has next to none: in the fixtures and the other-font renders, at most one).
"""

from __future__ import annotations

import re

from .base import Change, RepairContext
from .chardata import PERSIAN_LETTERS
from .visual import mostly_visual

__all__ = ["MIN_LINES", "MIN_SHARE", "place_stranded_marks", "stranded_mark_changes"]

#: The fewest lines of a lone mark a document must have.
MIN_LINES = 5
#: The smallest share of the document's non-blank lines they must make.
MIN_SHARE = 0.2

_LONE_MARK = re.compile(r" ?([.:!;,])")
_LINE = re.compile(r"[^\n]*\n?")
_ENDS = ".:!؟?،؛;,»)"


def stranded_mark_changes(text: str) -> list[Change]:
    """Put back a box's colon and full stop, delete the lines of lone marks.

    >>> from cirmtext.repair.align import apply_changes
    >>> text = "ج سلام، این ساعت همیشه شلوغ است\\n.\\n\\n :\\n\\n" * 3
    >>> print(apply_changes(text, stranded_mark_changes(text)))
    ج: سلام، این ساعت همیشه شلوغ است.
    <BLANKLINE>
    ج: سلام، این ساعت همیشه شلوغ است.
    <BLANKLINE>
    ج: سلام، این ساعت همیشه شلوغ است.
    <BLANKLINE>
    """
    lines = [(m.start(), m.group(0)) for m in _LINE.finditer(text) if m.group(0)]
    marks = sum(1 for _, line in lines if _LONE_MARK.fullmatch(line.rstrip("\n")))
    filled = sum(1 for _, line in lines if line.strip())
    if marks < MIN_LINES or marks < MIN_SHARE * filled:
        return []
    visual = mostly_visual(text)
    changes: list[Change] = []
    box: list[tuple[int, str]] = []  # the text lines of the current box
    run: list[tuple[int, str]] = []  # the lone-mark and blank lines after it
    for start, line in [*lines, (len(text), "")]:
        body = line.rstrip("\n")
        lone = _LONE_MARK.fullmatch(body)
        if line and (lone or not body.strip()):
            run.append((start, line))
            continue
        if any(_LONE_MARK.fullmatch(r.rstrip("\n")) for _, r in run):
            found = [_LONE_MARK.fullmatch(r.rstrip("\n")).group(1) for _, r in run
                     if _LONE_MARK.fullmatch(r.rstrip("\n"))]
            if run[0][1].strip() != ".":
                # only a full stop right under the box (no blank line between) is its end's
                found = [mark for mark in found if mark != "."]
            changes.extend(_placed(box, found, visual=visual))
            blank = any(not r.strip() for _, r in run)
            end = run[-1][0] + len(run[-1][1])
            changes.append(Change(run[0][0], end, "\n" if blank and line else ""))
        if run:
            box = []
        run = []
        if line:
            box.append((start, line))
    return changes


def _placed(box: list[tuple[int, str]], found: list[str], *,
            visual: bool) -> list[Change]:
    """The colon after the first word of a box that starts with a label, the full stop at the
    end of its last line (``visual``: the lines are still in visual order, read from the
    right: the first word is the line's last and the end is its start)."""
    if not box:
        return []
    changes = []
    start, first = box[0]
    body = first.rstrip("\n")
    if visual:
        cut = body.rstrip(" ").rfind(" ")
        word = body[cut + 1:].rstrip(" ")
        where = cut + 1  # the colon before the word: turned round, after it
    else:
        word = body.split(" ", 1)[0]
        cut = len(word)
        where = cut
    if ":" in found and 0 < cut < len(body.rstrip(" ")) and word and word[-1] not in _ENDS \
            and word[0] not in _ENDS and any(ch in PERSIAN_LETTERS for ch in word):
        changes.append(Change(start + where, start + where, ":"))
    start, last = box[-1]
    body = last.rstrip("\n")
    text = body.strip(" ")
    if "." in found and text and (text[0] if visual else text[-1]) not in _ENDS:
        if visual:
            lead = len(body) - len(body.lstrip(" "))
            changes.insert(0, Change(start + lead, start + lead, "."))
        else:
            end = start + len(body.rstrip(" "))
            changes.append(Change(end, start + len(body), "."))
    return sorted(changes)


def place_stranded_marks(text: str, context: RepairContext) -> list[Change]:
    """Rule: put back the marks pdfminer gave apart from a two-font page's words (see the
    module)."""
    del context
    return stranded_mark_changes(text)
