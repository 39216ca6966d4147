"""Bidi controls: the embeddings, overrides and isolates that PDF extractors scatter through text.

poppler's pdftotext marks the direction of each run with embeddings (``\u202a`` … ``\u202c``
around a left-to-right run, ``\u202b`` around a right-to-left line). They are deleted; where an
embedding shows that the neutrals inside or around it (spaces, punctuation) came out in visual
order, they are put back in reading order first (see :func:`remove_bidi_controls`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import chardata
from .base import Change, RepairContext
from .lines import LATIN_LABEL

__all__ = ["remove_bidi_controls"]


def _charclass(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


_BIDI = re.compile(_charclass(chardata.BIDI_CONTROLS))
_PUNCT = " \u060c\u061b\u061f.,:;!?«»()\\[\\]\"'-"
# An LTR embedding holding punctuation, or punctuation around one short Latin label («Q», «A1»).
_NEUTRAL_LTR_RUN = re.compile(
    f"[\u202a\u202d]([{_PUNCT}]+|(?=[^\u202c]*[^ A-Za-z0-9\u202c])"
    f"[{_PUNCT}]*[A-Za-z0-9]{{1,4}}[{_PUNCT}]*)\u202c"
)
#: A line poppler read right to left although it was laid out left to right (its first strong
#: letter is Latin): it ends with a speaker's label in reading order (``…\u202aQ:\u202c``).
#: A label in brackets (``[I1]``) comes as its closing bracket, which takes the right-to-left
#: line's direction, then the embedding of the rest (``]\u202a[I1\u202c``).
_LTR_LINE_READ_RTL = re.compile(
    f"(?:^|(?<=[\n\f]))[^\n\f]*(?:\u202a{LATIN_LABEL}:|\\]\u202a\\[{LATIN_LABEL})"
    "\u202c[\u202c \t]*(?=[\n\f]|$)")
_BRACKET_LABEL = re.compile(f"\\]\u202a\\[({LATIN_LABEL})\u202c")
_LTR_EMBEDDING = re.compile("\u202a([^\u202c\n]*)\u202c")
#: An LTR embedding: neutrals, a run that starts and ends with a Latin letter or a digit (any
#: script's), neutrals.
_STRONG_LTR = "A-Za-z0-9\u06f0-\u06f9\u0660-\u0669\u00c0-\u024f"
_EDGED_LTR_RUN = re.compile(
    f"\u202a([{_PUNCT}]*)([{_STRONG_LTR}](?:[^\u202a-\u202e\n]{{0,60}}[{_STRONG_LTR}])?)"
    f"([{_PUNCT}]*)\u202c")
_LATIN = re.compile("[A-Za-z0-9]")
_NO_BIDI = str.maketrans(dict.fromkeys(chardata.BIDI_CONTROLS))
_PUNCT_NO_SPACE = frozenset(".,:;!?\u060c\u061b\u061f")
_LATIN_LABEL = re.compile(f"[{_PUNCT}]*[A-Za-z0-9]{{1,4}}[{_PUNCT}]*$")
_LTR_UNIT = re.compile("[A-Za-z0-9]+|.", re.DOTALL)


def remove_bidi_controls(text: str, context: RepairContext) -> list[Change]:
    """Delete bidi embedding/override/isolate marks, which PDF extractors scatter through text.

    A left-to-right embedding holding only spaces and punctuation (poppler's pdftotext wraps
    `` :`` that way), or punctuation around a short Latin label (`` :Q``), holds them in
    visual order; they are put back in reading order (the label keeps its own order).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("\\u202bمدیریت\\u202c", ["remove_bidi_controls"])
    'مدیریت'
    >>> apply_plan("پرسش\\u202a :\\u202cسلام", ["remove_bidi_controls"])
    'پرسش: سلام'
    >>> apply_plan("\\u202a :Q\\u202cسلام", ["remove_bidi_controls"])
    'Q: سلام'

    Inside a right-to-left line (``\\u202b``), so are the spaces and punctuation at the edges
    of any Latin or digit run (see :func:`_edged_run_changes`):

    >>> apply_plan("\\u202bمصاحبه‌شونده \\u202a :۱\\u202cسلام\\u202c", ["remove_bidi_controls"])
    'مصاحبه‌شونده ۱: سلام'
    >>> apply_plan("\\u202bمرحله‌ای می‌دانند (\\u202a)King, 2007\\u202c؛\\u202c",
    ...            ["remove_bidi_controls"])
    'مرحله‌ای می‌دانند (King, 2007)؛'

    A line that ends with a speaker's label in reading order (``…\\u202aQ:\\u202c``) was laid
    out left to right (its first strong letter is Latin) and read right to left: its runs
    are put back left to right (see :func:`_ltr_line_in_reading_order`).

    >>> apply_plan("\\u202b\\u202a.\\u202cسلام\\u202a ،\\u202cخوش آمدید \\u202aQ:\\u202c\\u202c",
    ...            ["remove_bidi_controls"])
    'Q: سلام، خوش آمدید.'
    >>> apply_plan("\\u202b\\u202a.\\u202cسلام\\u202a ،\\u202cخوش آمدید ]\\u202a[P2\\u202c\\u202c",
    ...            ["remove_bidi_controls"])
    '[P2] سلام، خوش آمدید.'
    """
    if "\u202a" in text and _LTR_LINE_READ_RTL.search(text):
        changes = []
        pos = 0
        for m in _LTR_LINE_READ_RTL.finditer(text):
            changes.extend(Change(c.start + pos, c.end + pos, c.after)
                           for c in _bidi_changes(text[pos:m.start()]))
            changes.append(Change(m.start(), m.end(), _ltr_line_in_reading_order(m.group())))
            pos = m.end()
        changes.extend(Change(c.start + pos, c.end + pos, c.after)
                       for c in _bidi_changes(text[pos:]))
        return changes
    return _bidi_changes(text)


def _bidi_changes(text: str) -> list[Change]:
    changes = []
    for m in _NEUTRAL_LTR_RUN.finditer(text):
        content = m.group(1)
        if _LATIN_LABEL.match(content):
            # « :Q» → «Q: »: the punctuation moves round the Latin run, which keeps its order.
            content = "".join(reversed(_LTR_UNIT.findall(content)))
        else:
            content = content[::-1]
        changes.append(Change(m.start(), m.end(), content))
    if "\u202b" in text:
        changes = _edged_run_changes(text, changes)
    if changes:
        covered = [(c.start, c.end) for c in changes]
        out = []
        i = 0
        for m in _BIDI.finditer(text):
            while i < len(covered) and covered[i][1] <= m.start():
                i += 1
            if i < len(covered) and covered[i][0] <= m.start() < covered[i][1]:
                continue
            out.append(Change(m.start(), m.end(), ""))
        return sorted(out + changes)
    return [Change(m.start(), m.end(), "") for m in _BIDI.finditer(text)]


def _edged_run_changes(text: str, changes: list[Change]) -> list[Change]:
    """Add to ``changes`` the LTR embeddings inside a right-to-left line whose edges hold
    neutrals: ``\u202a :۱\u202c`` is ``۱: ``, ``\u202a)King, 2007\u202c`` is ``King, 2007)``.

    The spaces and punctuation at the edges of a Latin or digit run take the line's direction,
    so poppler gives them in visual order around the run: read right to left, those on the
    run's right come first and those on its left last, while the run keeps its own order.
    """
    taken = [(c.start, c.end) for c in changes]  # sorted, not overlapping
    added = []
    k = 0
    for m in _EDGED_LTR_RUN.finditer(text):
        left, core, right = m.groups()
        while k < len(taken) and taken[k][1] <= m.start():
            k += 1
        if not (left or right) or (k < len(taken) and taken[k][0] < m.end()):
            continue
        if "\u202b" not in text[text.rfind("\n", 0, m.start()) + 1:m.start()]:
            continue  # not inside a right-to-left line
        added.append(Change(m.start(), m.end(), right[::-1] + core + left[::-1]))
    return sorted(changes + added) if added else changes


def _ltr_line_in_reading_order(line: str) -> str:
    """A left-to-right line that poppler read as right-to-left, in reading order.

    poppler gives the runs of such a line from right to left: the runs are put back left to
    right (each keeps its own order), joined by single spaces, with no space before
    punctuation. Neutral embeddings inside a Persian run are read as elsewhere.
    """
    line = _BRACKET_LABEL.sub("\u202a[\\1]\u202c", line)
    segments: list[str] = []
    current: list[str] = []
    pos = 0
    for m in _LTR_EMBEDDING.finditer(line):
        current.append(line[pos:m.start()])
        content = m.group(1)
        inside = ("".join(current).translate(_NO_BIDI).strip() != ""
                  and _LATIN.search(content) is None)
        if inside:
            current.append(content[::-1])  # punctuation in visual order, as elsewhere
        else:
            segments.append("".join(current))
            segments.append(content)
            current = []
        pos = m.end()
    current.append(line[pos:])
    segments.append("".join(current))
    parts = [p for p in (seg.translate(_NO_BIDI).strip() for seg in reversed(segments)) if p]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += part if part[0] in _PUNCT_NO_SPACE else " " + part
    return out
