"""Layout rules: page furniture, lines whose letters came out in visual order, hard line breaks.

They run after the character rules and before the spacing rules, so that a line whose letters
came out backwards is turned round before words are joined. In order:

1. :func:`drop_page_furniture` (page numbers, running heads, column fragments);
2. :func:`rejoin_cut_tanwin` (a tanwin cut from its word at a line break);
3. :func:`join_split_visual_lines` (visual-order lines cut into blocks around Latin runs);
4. :func:`reverse_visual_lines` (letters in visual order);
5. :func:`restore_upside_down_paragraphs` (a paragraph's lines last-to-first);
6. :func:`restore_moved_last_lines` (a paragraph's last line given after the next turn);
7. :func:`rejoin_paragraph_lines` (a blank line the extractor put between a paragraph's
   printed lines);
8. :func:`join_broken_lines` (off by default: hard line breaks inside paragraphs).

The rules of steps 5 to 7, which judge a paragraph's printed lines, are in :mod:`.paragraphs`;
the pieces of cut lines (steps 2 and 3) are found by :mod:`.cutlines`.
"""

from __future__ import annotations

import re

from .base import Change, RepairContext, Rule
from .cutlines import split_line_changes, tanwin_changes
from .furniture import furniture_changes
from .paragraphs import (
    rejoin_paragraph_lines,
    restore_moved_last_lines,
    restore_upside_down_paragraphs,
)
from .runorder import RULE as RUN_ORDER_RULE
from .strandedmarks import place_stranded_marks
from .twofont import restore_two_font_lines
from .visual import visual_line_changes

__all__ = [
    "RULES",
    "drop_page_furniture",
    "join_broken_lines",
    "join_split_visual_lines",
    "rejoin_cut_tanwin",
    "rejoin_paragraph_lines",
    "restore_moved_last_lines",
    "restore_upside_down_paragraphs",
    "reverse_visual_lines",
]


def drop_page_furniture(text: str, context: RepairContext) -> list[Change]:
    """Delete page numbers, running heads and column fragments.

    >>> from cirmtext.repair import apply_plan
    >>> pages = ["مدیران گفتند.\\n\\n12\\n", "شهروندان پرسیدند.\\n\\n13\\n", "پایان.\\n\\n14\\n"]
    >>> apply_plan("\\f".join(pages), ["drop_page_furniture"]).split("\\f")
    ['مدیران گفتند.\\n\\n', 'شهروندان پرسیدند.\\n\\n', 'پایان.\\n\\n']
    """
    return furniture_changes(text)


def rejoin_cut_tanwin(text: str, context: RepairContext) -> list[Change]:
    """Put back a tanwin (``ً``) that the extractor cut from its word at a line break.

    See :func:`~cirmtext.repair.cutlines.tanwin_changes`.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("کار ما عم \\u064b\\nلا متوقف شد.", ["rejoin_cut_tanwin"])
    'کار ما عملاً متوقف شد.'
    >>> apply_plan("پاسخ داد\\n\\u064b\\nتقریبا همه آمدند.", ["rejoin_cut_tanwin"])
    'پاسخ داد\\nتقریباً همه آمدند.'
    """
    return tanwin_changes(text)


def join_split_visual_lines(text: str, context: RepairContext) -> list[Change]:
    """Put back together visual-order lines that the extractor cut into blocks.

    See :func:`~cirmtext.repair.cutlines.split_line_changes`: pdfminer gives a Latin word or a
    number drawn inside a visual-order Persian line as a block of its own, between the pieces
    of the line, each piece between blank lines.

    >>> from cirmtext.repair import apply_plan
    >>> lines = ["دنتسه نادنورهش یارب اه‌هناماس نیا", "دنک یم هدافتسا اه‌هداد زا ناتسرامیب"]
    >>> text = "\\n\\n".join(lines) + "\\n\\nیارب ار \\n\\nCRM\\n\\n ام :\\n\\nQ\\n"
    >>> apply_plan(text, ["join_split_visual_lines"]).splitlines()[-1]
    'یارب ار CRM ام :Q'
    """
    return split_line_changes(text)


def reverse_visual_lines(text: str, context: RepairContext) -> list[Change]:
    """Turn round lines whose letters came out in visual order (read backwards).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("دنتسه نادنورهش یارب (CRM) نایرتشم تیریدم", ["reverse_visual_lines"])
    'مدیریت مشتریان (CRM) برای شهروندان هستند'
    """
    return visual_line_changes(text)


_END_OF_PARAGRAPH = ".!؟?:؛…»)\"'"
_LIST_OR_SPEAKER = re.compile(
    r"\s*(?:[-•*–]\s|\d{1,3}[.)]\s|[\u06f0-\u06f9]{1,3}[.)]\s|[^\s:]{1,25}\s?:\s)"
)
_BROKEN = re.compile(r"([^\n])[ \t]*\n[ \t]*(?=[^\s])")
_HYPHENATED = re.compile(r"(?<=[A-Za-z])-\n(?=[a-z])")


def join_broken_lines(text: str, context: RepairContext) -> list[Change]:
    """Join hard line breaks inside paragraphs (and Latin hyphenation at a line's end).

    A break is joined when the line before it does not end a sentence and the line after it
    does not start a list item or a speaker's turn. Off by default: line breaks can carry
    meaning (verse, lists, transcripts).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مدیریت ارتباط با\\nشهروندان مهم است.\\nس: چرا؟", ["join_broken_lines"])
    'مدیریت ارتباط با شهروندان مهم است.\\nس: چرا؟'
    """
    changes = [Change(m.start(), m.end(), "") for m in _HYPHENATED.finditer(text)]
    hyphens = {c.start for c in changes}
    for m in _BROKEN.finditer(text):
        if m.group(1) in _END_OF_PARAGRAPH or m.start(1) in hyphens:
            continue
        if _LIST_OR_SPEAKER.match(text, m.end()):
            continue
        changes.append(Change(m.start(1) + 1, m.end(), " "))
    return sorted(changes)


RULES: tuple[Rule, ...] = (
    Rule("restore_two_font_lines", restore_two_font_lines, "evidence", True,
         "put back the spaces and marks a two-font line gave apart from its glued words"),
    Rule("place_stranded_marks", place_stranded_marks, "evidence", True,
         "put back the colon and full stop pdfminer gave on lines of their own"),
    Rule("drop_page_furniture", drop_page_furniture, "evidence", True,
         "delete page numbers, running heads and column fragments"),
    Rule("rejoin_cut_tanwin", rejoin_cut_tanwin, "evidence", True,
         "put back a tanwin that the extractor cut from its word at a line break"),
    Rule("join_split_visual_lines", join_split_visual_lines, "evidence", True,
         "put back together visual-order lines cut into blocks around Latin runs"),
    Rule("reverse_visual_lines", reverse_visual_lines, "evidence", True,
         "turn round lines whose letters came out in visual order"),
    RUN_ORDER_RULE,
    Rule("restore_upside_down_paragraphs", restore_upside_down_paragraphs, "evidence", True,
         "put back in order a paragraph whose lines came out last-to-first"),
    Rule("restore_moved_last_lines", restore_moved_last_lines, "evidence", True,
         "put back a paragraph's last line that the extractor gave after the next turn"),
    Rule("rejoin_paragraph_lines", rejoin_paragraph_lines, "evidence", True,
         "remove the blank line an extractor put between a paragraph's printed lines"),
    Rule("join_broken_lines", join_broken_lines, "style", False,
         "join hard line breaks and hyphenation inside paragraphs"),
)
