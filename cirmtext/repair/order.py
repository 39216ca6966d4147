"""Order rules: reversed word order, mirrored brackets, punctuation spacing, runs of spaces.

They run after the spacing stage, so that word order is judged on repaired words, and in this
order: :func:`restore_word_order` first (it reads the runs of spaces that PDF extractors leave
between the words of a reversed line), then :func:`unmirror_brackets`,
:func:`fix_punctuation_spacing` and, last, :func:`collapse_spaces`.
"""

from __future__ import annotations

import re

from .base import Change, RepairContext, Rule
from .wordorder import reorder_lines

__all__ = [
    "RULES",
    "collapse_spaces",
    "fix_punctuation_spacing",
    "restore_word_order",
    "unmirror_brackets",
]


def restore_word_order(text: str, context: RepairContext) -> list[Change]:
    """Put back in order the lines whose words came out last-to-first.

    PDF extractors read some justified right-to-left lines word by word from the left, so the
    line's words (or groups of words, which they separate with runs of spaces) come out in
    reverse. A line is turned round only when the evidence for it is strong: grammar (a
    preposition needs a complement after it, ``را`` never follows a verb, an auxiliary follows
    its participle, punctuation never starts a word), the line's neighbours, and how often the
    document's own lines put the same two words in one order or the other.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("است.  کرده  پیشرفت  تدریجی  صورت  به  سوئد  در  خدمت‌گرا  فرهنگ",
    ...            ["restore_word_order"])
    'فرهنگ  خدمت‌گرا  در  سوئد  به  صورت  تدریجی  پیشرفت  کرده  است.'
    """
    stats = context.stats()
    padded = frozenset(c for c in stats.single if stats.always_breaks_after(c))
    return reorder_lines(text, padded)


_OPENERS = "([{«"
_CLOSERS = ")]}»"
_MIRROR = dict(zip(_OPENERS + _CLOSERS, _CLOSERS + _OPENERS, strict=True))
_BRACKET = re.compile(r"[()\[\]{}«»]")
_LINE = re.compile(r"[^\n\r\f\v\u2028\u2029]+")


def unmirror_brackets(text: str, context: RepairContext) -> list[Change]:
    """Turn round brackets and guillemets that came out mirrored: ``)Xavier, 2002(``.

    Only a closing mark that closes nothing, followed later on the same line by an opening
    mark that is never closed, is taken as a mirrored pair; balanced text is left alone.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("محقق می‌شود )Xavier, 2002(. »حکمرانی خوب«", ["unmirror_brackets"])
    'محقق می‌شود (Xavier, 2002). «حکمرانی خوب»'
    """
    changes: list[Change] = []
    for line in _LINE.finditer(text):
        if _BRACKET.search(line.group()) is None:
            continue
        changes.extend(_unmirror_line(line.group(), line.start()))
    return changes


def _unmirror_line(line: str, offset: int) -> list[Change]:
    flips: list[int] = []
    marks = [(m.start(), m.group()) for m in _BRACKET.finditer(line)]
    for opener, closer in zip(_OPENERS, _CLOSERS, strict=True):
        normal = 0  # depth of correctly ordered pairs
        mirrored: list[int] = []  # positions of closers that open a mirrored pair
        for i, ch in marks:
            if ch == opener:
                if mirrored:
                    flips.extend((mirrored.pop(), i))
                else:
                    normal += 1
            elif ch == closer:
                if normal:
                    normal -= 1
                else:
                    mirrored.append(i)
    return [Change(offset + i, offset + i + 1, _MIRROR[line[i]]) for i in sorted(flips)]


_ARABIC = "\u0600-\u06ff"
_LETTER = "\u0621-\u065f\u066e-\u06d3\u06fa-\u06ff"
_PUNCT_SPACING = re.compile(
    # a space (not a line break) before Persian or Latin punctuation closing a word
    rf"(?<=[{_ARABIC}\w)\]»]) +(?=[،؛:.!؟](?:\s|$))"
    # a space just inside a bracket or guillemet
    rf"|(?<=[(\[«]) +(?=\S)|(?<=\S) +(?=[)\]»])"
    # no space after a Persian comma or semicolon before a Persian letter
    rf"|(?<=[{_LETTER}][،؛])(?=[{_LETTER}])",
    re.MULTILINE,
)


def fix_punctuation_spacing(text: str, context: RepairContext) -> list[Change]:
    """Persian punctuation spacing: none before ، ؛ : . ! ؟ or inside brackets, one after ،.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("شهروندان صدای ملت شود ، ( متن ) تمام شد .", ["fix_punctuation_spacing"])
    'شهروندان صدای ملت شود، (متن) تمام شد.'
    >>> apply_plan("دولت،شهروند", ["fix_punctuation_spacing"])
    'دولت، شهروند'
    """
    changes = []
    for m in _PUNCT_SPACING.finditer(text):
        changes.append(Change(m.start(), m.end(), "" if m.end() > m.start() else " "))
    return changes


_SPACE_RUNS = re.compile(r" {2,}| (?=[\n\r\f]|\Z)|(?<![^\n\r\f]) ")


def collapse_spaces(text: str, context: RepairContext) -> list[Change]:
    """One space between words of a line; none at the start or end of a line.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan(" مدیران   دولتی  \\nشهروندان", ["collapse_spaces"])
    'مدیران دولتی\\nشهروندان'
    """
    changes = []
    for m in _SPACE_RUNS.finditer(text):
        at_edge = m.start() == 0 or text[m.start() - 1] in "\n\r\f" or m.end() == len(text) \
            or text[m.end()] in "\n\r\f"
        changes.append(Change(m.start(), m.end(), "" if at_edge else " "))
    return changes


RULES: tuple[Rule, ...] = (
    Rule("restore_word_order", restore_word_order, "evidence", True,
         "turn round lines whose words came out last-to-first"),
    Rule("unmirror_brackets", unmirror_brackets, "evidence", True,
         "turn round mirrored brackets and guillemets: )Xavier, 2002( -> (Xavier, 2002)"),
    Rule("fix_punctuation_spacing", fix_punctuation_spacing, "safe", True,
         "no space before ، . : ؛ ؟ or inside brackets; a space after ، before a word"),
    Rule("collapse_spaces", collapse_spaces, "safe", True,
         "runs of spaces inside a line to one; none at line ends"),
)
