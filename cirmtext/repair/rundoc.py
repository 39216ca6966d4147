"""Facts about a whole document that :mod:`.runorder` uses to judge its lines.

Two renderers' habits, read through pypdf, can be recognised from the text itself:

- :func:`fragment_cut`: the runs were cut at every ZWNJ, which was lost (LibreOffice), so a
  prefix standing alone (``می``) ends a run and a suffix standing alone (``ها``) starts one;
- :func:`leading_space_marks`: a width of space at the start of a line marks a line whose runs
  changed direction and came back in visual order (Chromium, fpdf2, reportlab).

and one habit of a line: :func:`label_at_end`, a speaker's label whose colon was left behind.
"""

from __future__ import annotations

import re

from .chardata import ZWNJ
from .lines import strip_word
from .runevidence import PREFIX_FRAGMENTS, known_join
from .runpieces import DIGITS, Piece

__all__ = ["FRAGMENT_CUT_MIN", "LABEL_MIN", "LEADING_MIN", "RUN_START_SUFFIXES", "fragment_cut",
           "fragment_edge", "label_at_end", "leading_space_marks", "leading_width",
           "other_direction", "pypdf_left_to_right", "speaker_labels",
           "visual_direction_lines"]

#: Suffixes written after a ZWNJ: where an extractor cut its runs at every ZWNJ (LibreOffice
#: read by pypdf), such a piece standing alone always starts a run.
RUN_START_SUFFIXES = frozenset("ها های هایی هایم هایت هایش هایمان هایتان هایشان ای ام ات اش "
                               "ایم اید اند تر ترین تان شان مان".split())


def fragment_edge(a: Piece, b: Piece) -> bool:
    """Whether a run surely ends between ``a`` and ``b`` in a :func:`fragment_cut` document:
    ``a`` is a prefix standing alone (``می``) or ``b`` a suffix standing alone (``ها``)."""
    if not b.space_before or a.kind != "R" or b.kind != "R":
        return False
    return a.text in PREFIX_FRAGMENTS or b.text in RUN_START_SUFFIXES


#: A document needs this many prefixes standing alone before :func:`fragment_cut` judges it.
FRAGMENT_CUT_MIN = 5


def fragment_cut(text: str) -> bool:
    """Whether the extractor cut the runs of ``text`` at every ZWNJ and lost the ZWNJ.

    In text as written, or with its ZWNJs turned into spaces, a prefix standing alone
    (``می``, ``نمی``) is followed by the rest of its verb (``می کنم``). When runs were cut
    at every ZWNJ and put back last-to-first (LibreOffice read by pypdf), the piece after
    it is the start of another run, which seldom makes a verb with it. So: at least
    :data:`FRAGMENT_CUT_MIN` such prefixes, fewer than half of them followed by a word they
    make a known verb with, and no ZWNJ in the text.

    >>> fragment_cut("ما هر روز کار می کنیم و می رویم. " * 3)
    False
    >>> fragment_cut("گوش می کشند. که پزشک می پزشک را به چالش می آن مدل\\n" * 3)
    True
    """
    if ZWNJ in text:
        return False
    seen = joined = 0
    for m in _PREFIX_PAIR.finditer(text):
        seen += 1
        joined += known_join(m.group(1), strip_word(m.group(2)))
    return seen >= FRAGMENT_CUT_MIN and joined * 2 < seen


_PREFIX_PAIR = re.compile(r"(?<!\S)(نمی|می)[ ]+(?=(\S+))")


#: A word a document uses this often with a colon after it, and at least once every
#: LABEL_SPACING characters, is a speaker's label.
LABEL_MIN = 4
LABEL_SPACING = 2000
_LABEL_WORD = re.compile(f"(?<!\\S)[.!؟]*([^\\s:.!؟،؛«»()A-Za-z0-9{DIGITS}]{{1,12}}:)(?!\\S)")


def speaker_labels(text: str) -> frozenset[str]:
    """The speaker labels of a transcript: Arabic-script words written with a colon after
    them (``پرسش:``, ``پاسخ:``) at least :data:`LABEL_MIN` times and once every
    :data:`LABEL_SPACING` characters.

    Each opens a paragraph, so in a document whose runs were cut at every ZWNJ a label starts
    a run, and the line that holds one starts with it. A label always written after the same
    word is that word and the label (``دکتر رضایی:``); one that follows a lost ZWNJ
    (``گر:`` of ``مصاحبه‌گر:``) is given with the word that ends the lines that hold it.

    >>> sorted(speaker_labels("پرسش: خوب است؟\\nپاسخ: بله.\\n" * 4 + "نکته این است: نه."))
    ['پاسخ:', 'پرسش:']
    >>> sorted(speaker_labels("دکتر رضایی: خوب است؟ بله. دکتر رضایی: نه.\\n" * 2))
    ['دکتر رضایی:']
    """
    counts: dict[str, int] = {}
    before: dict[str, dict[str, int]] = {}
    for m in _LABEL_WORD.finditer(text):
        label = m.group(1)
        counts[label] = counts.get(label, 0) + 1
        previous = text[text.rfind("\n", 0, m.start()) + 1:m.start()].split()[-1:] or [""]
        seen = before.setdefault(label, {})
        seen[previous[0]] = seen.get(previous[0], 0) + 1
    found = set()
    for label, n in counts.items():
        if n < LABEL_MIN or n * LABEL_SPACING < len(text):
            continue
        word, times = max(before[label].items(), key=lambda item: item[1])
        if times * 4 >= n * 3 and _PERSIAN_WORD.fullmatch(word):
            found.add(f"{word} {label}")  # ``دکتر رضایی:``
            continue
        head = _zwnj_head(text, label)
        found.add(f"{head}{ZWNJ}{label}" if head else label)
    return frozenset(found)


_PERSIAN_WORD = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]+")


def _zwnj_head(text: str, label: str) -> str | None:
    """The word that, in ``text``, ends two lines in three that hold ``label`` before their
    end: the label's part before a lost ZWNJ (``مصاحبه`` of ``مصاحبه‌گر:``), which the
    line's runs put back last-to-first leave at its end."""
    ends: dict[str, int] = {}
    lines = 0
    for line in text.split("\n"):
        words = line.split()
        if len(words) > 2 and label in words[:-1]:
            lines += 1
            ends[words[-1]] = ends.get(words[-1], 0) + 1
    if not ends:
        return None
    word, times = max(ends.items(), key=lambda item: item[1])
    return word if times * 3 >= lines * 2 and _PERSIAN_WORD.fullmatch(word) else None


_OTHER_DIRECTION = re.compile(f"[A-Za-z0-9{DIGITS}«»]")


def other_direction(line: str) -> bool:
    """Whether the line holds a Latin letter, a digit or a guillemet (a change of direction)."""
    return _OTHER_DIRECTION.search(line) is not None


def leading_space_marks(text: str) -> frozenset[int]:
    """The widths of leading space that, in ``text``, mark a line whose runs were moved.

    Some renderers' PDFs, read by pypdf, give back a line whose runs changed direction
    (a Latin word, a number, guillemets) in visual order, starting with the space that stood
    before its last run. A width of leading space marks such lines when at least
    :data:`LEADING_MIN` lines start with exactly that much space and all but one of them
    hold a Latin word, a number or a guillemet (a renderer that starts lines written in
    order with a space, as reportlab does, starts many without them).

    >>> sorted(leading_space_marks(" بیمارستان‌های CRM بعد از ترخیص\\nما کار می‌کنیم.\\n" * 3))
    [1]
    >>> sorted(leading_space_marks(" ما هر روز کار می‌کنیم.\\n CRM و ما\\n" * 3))
    []
    """
    lines: dict[int, list[bool]] = {}
    for line in text.split("\n"):
        width = len(line) - len(line.lstrip(" "))
        if width and line.strip():
            lines.setdefault(width, []).append(other_direction(line))
    return frozenset(width for width, other in lines.items()
                     if len(other) >= LEADING_MIN and sum(other) >= len(other) - 1)


def visual_direction_lines(fragments: bool, marks: frozenset[int]) -> bool:
    """Whether a relaxed document gives back every line whose direction changes in visual order.

    Chromium, fpdf2 and reportlab PDFs read by pypdf give back any line that holds a Latin
    word, an ASCII number or a guillemet (which pypdf reads left to right) with its runs in
    visual order, whether or not the line shows it by a leading space: the space that stood
    before the line's last run may as well end the run before it (``… همه‌چیز را ``, with
    ``«عالی»`` moved to the front). Such a document is known by its :func:`leading_space_marks`
    in a text whose runs were not cut at every ZWNJ (LibreOffice, :func:`fragment_cut`, keeps
    a line's direction runs in reading order); the caller asks only in a relaxed document,
    where lines were reordered on strong evidence.
    """
    return bool(marks) and not fragments


_PYPDF_LTR = re.compile("[A-Za-z0-9«»]")


def pypdf_left_to_right(line: str) -> bool:
    """Whether pypdf cut the line into runs of both directions, and gave them back in visual
    order: it holds a Latin letter, an ASCII digit or a guillemet, and does not start with a
    Latin letter (a line that does is laid out left to right, its runs in reading order).

    >>> pypdf_left_to_right("»عالی« اعتماد ندارم، همه‌چیز را ")
    True
    >>> pypdf_left_to_right("A: بله، من هم همین را گفتم.")
    False
    >>> pypdf_left_to_right("ما ۲۰ سال است این کار را می‌کنیم.")
    False
    """
    stripped = line.lstrip()
    return _PYPDF_LTR.search(stripped) is not None and not ("A" <= stripped[:1].upper() <= "Z")


def leading_width(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


#: Lines that start with the same width of space a document needs before
#: :func:`leading_space_marks` trusts them.
LEADING_MIN = 3


_LABEL = re.compile(r"[A-Za-z]{1,3}[0-9]*")
_LABEL_COLON = re.compile(r"[.!?؟]*:")


def label_at_end(pieces: list[Piece]) -> list[Piece]:
    """A speaker's label (``Q``, ``A``) that a reversed line ends with gets its colon back.

    A line that opens with a label in Latin letters (``A: راستش …``) comes back from pypdf with
    the label last, glued to the word before it (``… آمدهA``), and the label's colon standing
    alone before the first run that follows it (``.: راستش``, where the full stop is the end
    of that run's sentence). The colon goes back after the label and the stop to the end of
    its run (the piece's ``carry``); a line with no such colon, or more than one, is left as
    it is.
    """
    if len(pieces) < 3:
        return pieces
    last = pieces[-1]
    if last.kind != "L" or last.space_before or not _LABEL.fullmatch(last.text) \
            or pieces[-2].kind != "R":
        return pieces
    colons = [i for i in range(1, len(pieces) - 1)
              if pieces[i].kind == "N" and pieces[i].space_before
              and _LABEL_COLON.fullmatch(pieces[i].text)
              and pieces[i + 1].kind == "R" and pieces[i + 1].space_before]
    if len(colons) != 1:
        return pieces
    i = colons[0]
    stops, after = pieces[i].text[:-1], pieces[i + 1]
    out = list(pieces)
    out[i + 1] = Piece(after.text, "R", after.space_before, after.wide, stops + after.carry,
                       after.cut_before)
    out[-1] = Piece(last.text + ":", "L", False, last.wide, last.carry, last.cut_before)
    del out[i]
    return out
