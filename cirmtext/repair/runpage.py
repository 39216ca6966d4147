"""A block of lines (a page) whose runs came back last-to-first in an otherwise sound document.

An extractor may read one page of a PDF in visual order while it reads the others in reading
order (a page with a figure, say). The document as a whole then shows too few reordered lines
for :func:`.runorder.run_order_changes` to judge it *relaxed*, and the lines of that page keep
their runs last-to-first. The page gives itself away by its verbal prefixes: in the rest of
the document a prefix standing alone (``می``, ``نمی``, where a ZWNJ became a space) is
followed by the rest of its verb (``می کنند``); on such a page the run after it is another
part of the sentence (``بهبود می قلب``), and a prefix may even end a line whose next line does
not go on with its verb.

:func:`stranded_block` finds the lines of such a block: a stretch of consecutive text lines with
at least :data:`BLOCK_MIN` prefixes standing alone, at most one in :data:`BLOCK_SHARE` of them
followed by a word they make a known verb with and no ZWNJ, in a document whose other prefixes
standing alone (at least :data:`BLOCK_MIN` of them) are mostly followed by their verb.
"""

from __future__ import annotations

import bisect
import itertools
import re

from .chardata import ZWNJ
from .lines import strip_word
from .runevidence import known_join

__all__ = ["BLOCK_LINES", "BLOCK_MIN", "BLOCK_SHARE", "PAGE_LINES", "stranded_block"]

#: How many consecutive text lines a block spans at most (about a page of a paper).
BLOCK_LINES = 24
#: How many lines the block may grow to, around its stranded prefixes (a page).
PAGE_LINES = 48
#: A block, and the rest of its document, need this many prefixes standing alone.
BLOCK_MIN = 5
#: At most one in this many of a block's prefixes standing alone may be followed by their verb.
BLOCK_SHARE = 5

_PAGE_NUMBER = re.compile(r"\s*[0-9۰-۹]{1,4}\s*")
# «می» where a prefix standing alone may end, and what follows it: a word after spaces, or
# the line's end; a lookahead, so that every «می» is seen (see _prefixes)
_PREFIX_TAIL = re.compile(r"می(?=[ ]+(\S+)|([ ]*)$)", re.MULTILINE)


def _prefixes(lines: list[str]) -> list[tuple[int, bool]]:
    """``(line index, followed by its verb)`` for each prefix standing alone; a prefix ending a
    line is judged with the first word of the next line. A prefix followed by a letter
    standing alone (``می د هد``) is left out: that word was split, not moved."""
    # One search of the whole text for the literal «می» (fast), each hit then taken as «می» or
    # «نمی» standing alone after a space or a line's start; like a search for
    # (?<!\S)(نمی|می)(?:[ ]+(\S+)|[ ]*$), a prefix and the word after it are passed over
    # before the next prefix is looked for.
    text = "\n".join(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    found = []
    free = 0  # where the next prefix may start
    for m in _PREFIX_TAIL.finditer(text):
        at = m.start()
        if at == 0 or text[at - 1].isspace():
            prefix = "می"
        elif text[at - 1] == "ن" and (at == 1 or text[at - 2].isspace()):
            prefix, at = "نمی", at - 1
        else:
            continue
        if at < free:
            continue
        after = m.group(1)
        free = m.end(1) if after is not None else m.end(2)
        i = bisect.bisect_right(starts, at) - 1
        if after is None:
            following = lines[i + 1].split(maxsplit=1) if i + 1 < len(lines) else []
            after = following[0] if following else ""
        after = strip_word(after)
        if len(after) < 2 and after != "و":  # a letter alone: a word split, not moved
            continue
        found.append((i, known_join(prefix, after)))
    return found


def stranded_block(lines: list[str]) -> tuple[int, int] | None:
    """The first and last index (into ``lines``, the document's text lines) of the block whose
    prefixes standing alone are stranded, or ``None``.

    >>> sound = "ما هر روز کار می کنیم و نتیجه را می گوییم."
    >>> stranded = "و پاسخ آنها  دهند کارکنان به پرسش شهروندان پاسخ می"
    >>> stranded_block([sound] * 6 + [stranded] * 5 + [sound] * 6)
    (6, 10)
    >>> stranded_block([stranded] * 10) is None
    True
    """
    found = _prefixes(lines)
    total, joined = len(found), sum(ok for _, ok in found)
    if total < 2 * BLOCK_MIN:
        return None
    zwnj = list(itertools.accumulate((ZWNJ in line for line in lines), initial=0))
    best = None
    for k, (first, first_held) in enumerate(found):
        if first_held:  # a block starts and ends with a stranded prefix
            continue
        seen = held = 0
        for last, ok in itertools.islice(found, k, None):
            if last - first >= BLOCK_LINES:
                break
            seen, held = seen + 1, held + ok
            if (ok or seen < BLOCK_MIN or held * BLOCK_SHARE > seen
                    or (best and seen - held <= best[2])):
                continue
            out_seen, out_held = total - seen, joined - held
            if out_seen < BLOCK_MIN or out_held * 2 < out_seen:
                continue
            if zwnj[last + 1] == zwnj[first]:
                best = (first, last, seen - held)
    if best is None:
        return None
    return _widen(lines, found, best[0], best[1])


def _widen(lines: list[str], found: list[tuple[int, bool]], first: int,
           last: int) -> tuple[int, int]:
    """The block grown, a line at a time, to the lines around it that hold no ZWNJ and no
    prefix followed by its verb, up to :data:`PAGE_LINES` lines in all; a page number (a line
    of digits alone) ends the page."""
    held = {i for i, ok in found if ok}

    def sound(i: int) -> bool:
        return i in held or ZWNJ in lines[i] or _PAGE_NUMBER.fullmatch(lines[i]) is not None

    while last - first + 1 < PAGE_LINES:
        if first > 0 and not sound(first - 1):
            first -= 1
        elif last + 1 < len(lines) and not sound(last + 1):
            last += 1
        else:
            break
    return first, last
