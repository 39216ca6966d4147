"""The text of a line whose runs are put back in order (see :mod:`.runorder`).

:mod:`.runsearch` decides where a line's runs end; here the runs are written back
last-to-first: a ZWNJ where two runs' pieces make one word (the ZWNJ the extractor lost), a
space where one belongs, a full stop carried back to the end of its run, and guillemets
paired from the left once the runs are in order.

>>> from cirmtext.repair.runpieces import line_pieces
>>> from cirmtext.repair.runsearch import Plan
>>> assemble(line_pieces("کنم. نمی"), [(0, 2, Plan(3.0, [0], 1.0, 0.0))])
'نمی\u200cکنم.'
"""

from __future__ import annotations

import itertools
import re

from .chardata import ZWNJ
from .runevidence import junction
from .runpieces import LETTER, Piece
from .runsearch import Plan

__all__ = ["MARK", "assemble", "pair_brackets", "pair_marks", "quote_open"]


def assemble(pieces: list[Piece], layout: list[tuple[int, int, Plan]],
             relaxed: bool = False, labels: frozenset[str] = frozenset()) -> str:
    """The line's text with each range's runs in reverse order."""
    out = ""
    pos = 0
    for lo, hi, plan in layout:
        if pos < lo:
            out = _glue(out, _run_text(pieces, pos, lo, carry=False), pieces[pos])
        bounds = [lo - 1, *plan.cuts, hi - 1]
        runs = [(a + 1, b + 1) for a, b in itertools.pairwise(bounds)]
        for s, e in reversed(runs):
            out = _glue(out, _run_text(pieces, s, e, carry=True), pieces[s], relaxed, labels)
        pos = hi
    if pos < len(pieces):
        out = _glue(out, _run_text(pieces, pos, len(pieces), carry=False), pieces[pos])
    return pair_brackets(pair_marks(out.strip()))


# a Latin run (a citation) with a closing bracket after it and an opening one after that
_SWAPPED = re.compile(r"(?<![(\w])([A-Za-z][A-Za-z0-9 .,&;:'’\-]*?)\)[ ]*\([ ]*(?=\S)")


def pair_brackets(line: str) -> str:
    """Brackets around a Latin run of a reordered line put back on its two sides.

    In a right-to-left line the brackets around a Latin citation are drawn mirrored, and
    pypdf gives the opening one back glued to the end of the Latin run and the closing one
    at the start of the run that follows it (``Andrade, 2014) ( که``): once the runs are in
    order, they are the citation's brackets on the wrong sides.

    >>> pair_brackets("در یک مقاله خواندم Andrade & Camacho, 2014) ( که این کار")
    'در یک مقاله خواندم (Andrade & Camacho, 2014) که این کار'
    >>> pair_brackets("بند (a) (b) را ببینید")
    'بند (a) (b) را ببینید'
    """
    return _SWAPPED.sub(r"(\1) ", line)


MARK = re.compile("[«»]")


def pair_marks(line: str, opened: bool | None = None) -> str:
    """Guillemets of a reordered line paired from the left: «, », «, … glued inward.

    Renderers and extractors mirror them in different ways; once the runs are in order the
    first is an opening mark, the next a closing one, and so on. A line with an odd number
    of them keeps them as they are (a quotation runs on from another line) unless ``opened``
    says whether a quotation is open where the line starts: then the first is a closing mark
    if it is, an opening one if not.

    >>> pair_marks("رفت « ، » نگهبان گفت « بله", opened=True)
    'رفت» ، «نگهبان گفت» بله'
    """
    marks = [m.start() for m in MARK.finditer(line)]
    if not marks or (len(marks) % 2 and opened is None):
        return line
    chars = list(line)
    for k, i in enumerate(marks):
        chars[i] = "«" if (k + bool(opened)) % 2 == 0 else "»"
    out = "".join(chars)
    out = re.sub(r"«\s+", "«", out)
    out = re.sub(r"\s+»", "»", out)
    out = re.sub("(?<=[^\\s(«])«", " «", out)
    return re.sub(f"»(?=[{LETTER}A-Za-z0-9«])", "» ", out)


def quote_open(line: str, quoted: bool | None) -> bool | None:
    """Whether a quotation is open at the end of the line (``quoted``: open at its start)."""
    found = MARK.findall(line)
    if found and quoted is not None:
        return found[-1] == "«"
    return quoted


def _run_text(pieces: list[Piece], s: int, e: int, *, carry: bool) -> str:
    parts = []
    for k in range(s, e):
        p = pieces[k]
        if k > s and p.space_before:
            parts.append(" ")
        text = p.text
        if p.kind == "M" and e - s == 1:
            text = text[::-1]  # ``» :`` came out mirrored in order: ``: »``
        parts.append(text if carry else p.carry + text)  # in place: where it came
    if not carry:
        return "".join(parts)
    return "".join(parts) + "".join(p.carry for p in pieces[s:e]).strip()


def _glue(left: str, right: str, first: Piece, relaxed: bool = False,
          labels: frozenset[str] = frozenset()) -> str:
    """Put two runs next to each other: ZWNJ inside a word, else a space where one belongs."""
    if not left:
        return right
    if not right:
        return left
    lw, rw = left.split()[-1] if left.split() else "", right.split()[0] if right.split() else ""
    if (junction(lw, rw, relaxed)[1] or f"{lw}{ZWNJ}{rw}" in labels) \
            and left[-1] == lw[-1] and right[0] == rw[0]:
        return left + ZWNJ + right
    if left[-1].isspace() or right[0].isspace():
        return left + right
    return left + " " + right
