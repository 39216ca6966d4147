"""The pieces of a line, cut the way pypdf cuts its runs.

Used by :mod:`.runorder`: a line is cut into pieces (words, and the parts of a word where the
script changes), each with its kind of script and the space before it. :mod:`.runevidence`
scores how pieces join; :mod:`.runsearch` finds the cut of the pieces into runs.

>>> [p.text for p in line_pieces("دربارهCiRMکند؟ کنیم")]
['درباره', 'CiRM', 'کند؟', 'کنیم']
>>> [p.carry for p in line_pieces(".پرسش: سلام")]
['.', '']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .lines import LATIN_LABEL

__all__ = ["DIGITS", "LETTER", "PERSIAN_LETTER", "STOPS", "TANWIN", "Piece", "line_pieces"]

LETTER = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff"
PERSIAN_LETTER = re.compile(f"[{LETTER}]")
DIGITS = "\u0660-\u0669\u06f0-\u06f9"
_MARKS = "«»"
STOPS = ".!"



def _kind(ch: str) -> str:
    """``R`` Arabic script, ``D`` Persian digit, ``L`` Latin letter or ASCII digit, ``M``
    guillemet, ``N`` anything else (spaces, punctuation, brackets: neutral for pypdf)."""
    if "\u06f0" <= ch <= "\u06f9" or "\u0660" <= ch <= "\u0669":
        return "D"
    if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" or "\u0750" <= ch <= "\u08ff":
        return "N" if ch in "\u066a\u066b\u066c\u066d" else "R"
    if ch in _MARKS:
        return "M"
    if ch.isalnum():
        return "L"
    return "N"


@dataclass(slots=True)
class Piece:
    """A word, or the part of a word on one side of a change of script."""

    text: str
    kind: str  # R, D, L, M, or N (punctuation only)
    space_before: bool  # whitespace separates it from the previous piece
    wide: bool = False  # two or more spaces separate it from the previous piece
    carry: str = ""  # a full stop that belongs at the end of this piece's run
    cut_before: bool = False  # a run certainly starts here (a tanwin out of place)


#: A bracketed speaker's label (``[P04]``, or mirrored ``]I1[``): one Latin piece with its
#: brackets, which pypdf gives with the label wherever it puts it.
_BRACKET_LABEL = re.compile(rf"[\[\]]{LATIN_LABEL}[\[\]]")


@functools.lru_cache(maxsize=1 << 16)
def _split_token(token: str) -> tuple[tuple[str, str], ...]:
    """Cut a whitespace token where the script changes: ``(text, kind)`` parts.

    >>> _split_token("در]I1[")
    (('در', 'R'), (']I1[', 'L'))
    """
    label = _BRACKET_LABEL.search(token)
    if label is not None and token != label.group():
        before, after = token[:label.start()], token[label.end():]
        if all(_kind(ch) == "N" for ch in after):  # marks after the label stay with it
            return (*(_split_token(before) if before else ()), (label.group() + after, "L"))
        return (*(_split_token(before) if before else ()), (label.group(), "L"),
                *_split_token(after))
    parts: list[list[str]] = []
    lead = ""
    for ch in token:
        kind = _kind(ch)
        if kind == "N":
            if parts:
                parts[-1][0] += ch
            else:
                lead += ch
            continue
        if parts and parts[-1][1] == kind:
            parts[-1][0] += ch
        else:
            parts.append([lead + ch, kind])
            lead = ""
    if not parts:
        return ((lead, "N"),)
    return tuple((text, kind) for text, kind in parts)


_LABEL_STOP = re.compile(r"([A-Za-z]{1,3})([.!?؟]+)(:?)")


def line_pieces(line: str) -> list[Piece]:
    pieces: list[Piece] = []
    for m in re.finditer(r"\S+", line):
        wide = m.start() >= 2 and line[m.start() - 2:m.start()].isspace()
        parts = _split_token(m.group())
        if len(parts) == 1 and parts[0][1] == "R" and pieces and pieces[-1].kind == "R":
            pieces.append(Piece(parts[0][0], "R", True, wide))  # a word after a word
            continue
        for k, (text, kind) in enumerate(parts):
            piece = Piece(text, kind, k == 0, k == 0 and wide)
            prev = pieces[-1] if pieces else None
            if prev is not None and prev.kind == "L" and not piece.space_before \
                    and kind == "R":
                # ``CRM.های``: the stop after the Latin word closes the Persian run after it
                core = prev.text.rstrip(STOPS)
                if core and core != prev.text:
                    piece.carry, prev.text = prev.text[len(core):], core
            if prev is not None and prev.kind == "M" and kind == "R" and piece.space_before \
                    and text[:1] in ":.":
                # ``» :پاسخ``: the colon went with the guillemet before it
                n = len(text) - len(text.lstrip(":."))
                if n < len(text):
                    prev.text += " " + text[:n]
                    piece.text = text[n:]
            if prev is not None and len(pieces) == 1 and kind == "R" and piece.space_before:
                # ``Q. اول …``, ``Q.: هنوز …``: a speaker's label written in order at the line's
                # start (LibreOffice) with the stop that ends the line's right-to-left run
                label = _LABEL_STOP.fullmatch(prev.text)
                if label and prev.kind == "L" and ":" in line:  # the label's colon, somewhere
                    prev.text = label.group(1) + label.group(3)
                    piece.carry += label.group(2)
            if kind == "R" and (prev is None or prev.kind in "LDM" or (prev.kind == "N"
                                and len(pieces) == 1)):
                # a stop at the start of a Persian run: ``.پرسش: …`` (the run's last mark)
                n = len(piece.text) - len(piece.text.lstrip(STOPS + "،"))
                if 0 < n < len(piece.text) and PERSIAN_LETTER.match(piece.text[n]):
                    piece.carry += piece.text[:n]
                    piece.text = piece.text[n:]
            if kind == "R" and prev is not None and prev.kind == "N" and len(pieces) == 1 \
                    and set(prev.text) <= set(STOPS + ":") and prev.text.endswith(":"):
                # ``.: سلام …Q``: the stop before a label's colon at the line's start (a stop
                # standing alone, ``. اگر …``, may open its run: it follows a closing mark)
                stops = prev.text.rstrip(":")
                if stops:
                    piece.carry = stops + piece.carry
                    prev.text = prev.text[len(stops):]
            pieces.append(piece)
    return _split_at_tanwin([p for p in pieces if p.text])


TANWIN = "\u064b"


def _split_at_tanwin(pieces: list[Piece]) -> list[Piece]:
    """A tanwin not after its alef starts a run and belongs at that run's end.

    LibreOffice draws ``ً`` of ``معمولاً`` as the last glyph of its run; pypdf gives the run
    back turned round, so the tanwin opens it, glued to the run before: ``همهًشود … معمولا``.
    """
    out: list[Piece] = []
    for piece in pieces:
        i = piece.text.find(TANWIN)
        if piece.kind != "R" or i < 0 or (i > 0 and piece.text[i - 1] in "اةء"):
            out.append(piece)
            continue
        if i > 0:
            out.append(Piece(piece.text[:i], "R", piece.space_before, piece.wide, piece.carry))
            piece = Piece(piece.text[i + 1:], "R", False, False, TANWIN, cut_before=True)
        else:
            piece = Piece(piece.text[1:], "R", piece.space_before, piece.wide,
                          piece.carry + TANWIN, cut_before=True)
        if piece.text:
            out.append(piece)
    return out
