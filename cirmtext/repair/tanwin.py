"""A tanwin (``ً``) that the extractor left away from its word, put back on it.

pypdf reads a LibreOffice PDF's right-to-left lines as runs, and the tanwin, drawn above its
alef as a glyph of its own, comes out where two runs meet: glued to another word
(``می‌پرسمً کیست``, ``ندارد.ًحذفی``) while its word lacks it (``دقیقا``). Persian writes the
tanwin (fathatan) on a word's final alef only (the Arabic ``ةً`` and ``ءً`` aside), so a tanwin
after any other letter is out of place. When a line holds exactly one such tanwin and exactly
one word ending with alef that the lexicon knows with a tanwin (``دقیقاً``, ``مثلاً``), the
tanwin goes onto that word; with two candidates or two stray tanwins on the line nothing is
guessed.

The rule runs last, after the order stage: a stray tanwin marks where two runs were glued,
which :mod:`.runorder` reads while it puts the runs back.
"""

from __future__ import annotations

import re

from .base import Change, RepairContext, Rule
from .detect import lexicon
from .lines import LINE

__all__ = ["RULE", "move_stray_tanwin"]

FATHATAN = "\u064b"
_LETTERS = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
#: What a tanwin may sit on: alef, teh marbuta, hamza and alef maksura, or another mark (a
#: fully vowelled word).
_CARRIERS = frozenset("\u0627\u0629\u0621\u0623\u0649\u0626" + "".join(
    map(chr, range(0x064C, 0x0660))))
#: A tanwin after a character that cannot carry it (the search skips to each tanwin first).
_STRAY = re.compile(f"{FATHATAN}(?<![{''.join(sorted(_CARRIERS))}]{FATHATAN})")
#: What ends a line (:data:`~.lines.LINE`).
_LINE_BREAKS = "\n\r\f\v\u2028\u2029"
#: A word that ends with alef and has no mark after it.
_ALEF_WORD = re.compile(
    f"(?<![{_LETTERS}\u200c])[{_LETTERS}\u200c]*\u0627(?![{_LETTERS}\u200c\u064b-\u065f])")


def move_stray_tanwin(text: str, context: RepairContext) -> list[Change]:
    """Put a tanwin that stands after a letter which cannot carry it on the line's one word
    the lexicon knows with it (see the module docstring).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مشتری ما دقیقا، من همیشه می‌پرسم\\u064b کیست؟", ["move_stray_tanwin"])
    'مشتری ما دقیقاً، من همیشه می‌پرسم کیست؟'
    >>> apply_plan("مثلا من\\u064b واقعا نمی‌دانم", ["move_stray_tanwin"])  # two candidates
    'مثلا من\\u064b واقعا نمی\\u200cدانم'
    """
    if FATHATAN not in text:
        return []
    lines: dict[int, list[int]] = {}  # the stray tanwins of each line, by the line's start
    for m in _STRAY.finditer(text):
        start = max(text.rfind(brk, 0, m.start()) for brk in _LINE_BREAKS) + 1
        lines.setdefault(start, []).append(m.start())
    lex = lexicon()
    changes: list[Change] = []
    for start, strays in lines.items():
        if len(strays) != 1:
            continue
        line = LINE.match(text, start)
        if line is None:
            continue
        words = [w for w in _ALEF_WORD.finditer(line.group())
                 if lex.zipf(w.group() + FATHATAN) > 0]
        if len(words) != 1:
            continue
        alef = start + words[0].end() - 1
        moved = [Change(strays[0], strays[0] + 1, ""), Change(alef, alef + 1, "\u0627" + FATHATAN)]
        changes += sorted(moved)
    return changes


RULE = Rule("move_stray_tanwin", move_stray_tanwin, "evidence", True,
            "a tanwin the extractor left after another letter goes onto the line's alef word")
