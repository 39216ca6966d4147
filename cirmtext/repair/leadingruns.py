"""Number and Latin runs that an extractor put first: on a line, or in a chunk of a turned line.

An RTL paragraph's last line often comes out with its end first: ``.)Karimi, 2016( این طرح
اجرا نشد`` for ``این طرح اجرا نشد (Karimi, 2016).``; :func:`move_leading_citations` puts the
citation and its full stop back at the line's end.

Extractors that emit a line's direction runs from the left of the page (pdfminer on some
PDFs, pypdf) put a citation or acronym that closes the line, its leftmost run on the page,
first: ``)King, 2007( شکل ۱: مدیریت ارتباط`` for ``شکل ۱: مدیریت ارتباط (King, 2007)``. A
citation never opens a paragraph and never follows a word that needs its complement after
it (a preposition, a conjunction, ``را``), so there the run is moved back to the line's end.
Inside a line read backwards chunk by chunk, a chunk's number or Latin run comes out before the
Persian words it follows (``،)2010( ردیک``); :func:`chunk_in_reading_order` puts it back.
"""

from __future__ import annotations

import itertools
import re

from .align import Change
from .lines import WordClass, is_persian_word
from .ordercues import tok

__all__ = ["chunk_in_reading_order", "move_leading_citations", "move_leading_ltr_runs"]

#: A line that starts with a bracketed run of Latin words, digits and punctuation (its
#: brackets either way round), then a space and the rest of the line.
_LEADING_RUN = re.compile(
    r"^(?P<lead>[ \t]*)(?P<run>[()][A-Za-z][^()\n\u0600-\u06ff]*[()])[ \t]+"
    r"(?P<rest>[^\n]*?\S)(?P<trail>[ \t]*)$",
    re.MULTILINE,
)
_LATIN = re.compile(r"[A-Za-z]")
_PERSIAN = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")
#: Marks that end a sentence or clause: a run followed by one closes the sentence before it,
#: and a rest ending in one would put the run after the full stop.
_ENDS = frozenset(".!؟?…:؛;،,")
#: Words after which a citation cannot stand: they need what follows them.
_OPEN_CLASSES = frozenset({WordClass.PREP, WordClass.CONJ, WordClass.RA})


def move_leading_ltr_runs(text: str) -> list[Change]:
    """Move a bracketed Latin run from the start of a line to its end, where it belongs.

    Only when the line opens a paragraph or the line before it ends with a word that needs a
    complement, the run is not followed by punctuation, the rest of the line is Persian with
    no other Latin word (whose order the run's move could not settle) and does not end with a
    full stop.

    >>> move_leading_ltr_runs(")King, 2007( شکل ۱: مدیریت ارتباط با شهروند")[0].after
    'شکل ۱: مدیریت ارتباط با شهروند )King, 2007('
    >>> move_leading_ltr_runs("گفتند که\\n)Karimi, 2016( این طرح اجرا نشد")[0].after
    'این طرح اجرا نشد )Karimi, 2016('
    >>> move_leading_ltr_runs("این را نوشته بود\\n)Karimi, 2016( و طرح اجرا نشد")
    []
    >>> move_leading_ltr_runs(")Karimi, 2016(. این طرح اجرا نشد")
    []
    """
    changes = []
    for m in _LEADING_RUN.finditer(text):
        rest = m.group("rest")
        if rest[0] in _ENDS or rest[-1] in _ENDS or _LATIN.search(rest):
            continue
        if not any(is_persian_word(w) for w in rest.split()):
            continue
        if not _opens_or_continues(text, m.start()):
            continue
        moved = f"{m.group('lead')}{rest} {m.group('run')}"
        changes.append(Change(m.start(), m.end() - len(m.group("trail")), moved))
    return changes


def _opens_or_continues(text: str, start: int) -> bool:
    """Whether the line at ``start`` opens a paragraph or follows a word that needs more."""
    if start == 0:
        return True
    end = start - 1  # the newline before the line
    begin = text.rfind("\n", 0, end) + 1
    before = text[begin:end].split()
    if not before or "\f" in text[begin:end]:
        return True
    return tok(before[-1]).cls in _OPEN_CLASSES and not tok(before[-1]).tail


#: A line that starts with a full stop and a citation, which belong at its end: extractors put
#: the end of an RTL paragraph's last line (``… هستند (Karimi, 2016).``) first.
_LEADING_CITATION = re.compile(
    r"^(?P<lead>[ \t]*)\.[ \t]*(?P<cite>[()][^()\n]*\d{4}[^()\n]*[()])[ \t]*"
    r"(?P<mark>[»«()](?=[ \t]))?[ \t]*(?P<rest>[^\n]*?[^\s.!؟?…:؛])(?P<trail>[ \t]*)$",
    re.MULTILINE,
)


def move_leading_citations(text: str) -> list[Change]:
    """Move a citation and full stop from the start of a line to its end.

    Only when the rest of the line does not end a sentence itself (then the citation closes
    the previous line's sentence and stays where it is). A bracketed Latin run without a full
    stop put first on a line is moved too when the line opens a paragraph or follows a word
    that needs its complement (see :func:`move_leading_ltr_runs`).

    >>> move_leading_citations(".)Tehrani, 2011( این موضوع بررسی شد")[0].after
    'این موضوع بررسی شد )Tehrani, 2011(.'
    >>> move_leading_citations(".(Karimi, 2016) این تعریف روشن است.")
    []
    """
    changes = []
    for m in _LEADING_CITATION.finditer(text):
        if not _PERSIAN.search(m.group("rest")):
            continue
        moved = f"{m.group('lead')}{m.group('rest')}{m.group('mark') or ''} {m.group('cite')}."
        changes.append(Change(m.start(), m.end() - len(m.group("trail")), moved))
    taken = {c.start for c in changes}
    changes += [c for c in move_leading_ltr_runs(text) if c.start not in taken]
    return sorted(changes)


_RTL_WORD = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LTR_WORD = re.compile("[A-Za-z0-9\u06f0-\u06f9\u0660-\u0669]")
#: A number with punctuation before it and no letters: ``،1389``, ``.)88-89``, ``،)2010(``.
_PUNCT_FIRST_NUMBER = re.compile(
    "[.،,:;؛)\\]»]+[0-9\u06f0-\u06f9\u0660-\u0669][0-9\u06f0-\u06f9\u0660-\u0669\\-–/.]*[^\\w\\s]*")
_DIGITS = re.compile("[0-9\u06f0-\u06f9\u0660-\u0669]+(?:[-–/.][0-9\u06f0-\u06f9\u0660-\u0669]+)*")


def chunk_in_reading_order(chunk: str) -> str:
    """A chunk of a turned line that starts with a number or Latin run, put in reading order.

    An extractor that reads a line's runs from the left of the page gives a chunk that ends
    with a number or Latin run after Persian words (``ردیک (2010)،``, ``پذیرش CiRM``) with
    the number or Latin run first, as they stand on the page; each run's own words are in
    reading order. That run is put back at the chunk's end, and a number whose punctuation
    came out before it (``،1389``, ``.)88-89``) gets it back after it. A chunk that starts
    with Persian words is left as it is (``ریچر و همکاران (2004) نشان می‌دهند``).

    >>> chunk_in_reading_order("،1389 )هومن،")
    ')هومن، 1389،'
    >>> chunk_in_reading_order(".)88-89 ص")
    'ص 88-89).'
    >>> chunk_in_reading_order("CiRM پذیرش")
    'پذیرش CiRM'
    >>> chunk_in_reading_order("با شهروندان")
    'با شهروندان'
    >>> chunk_in_reading_order("ریچر و همکاران )2004( نشان می‌دهند")
    'ریچر و همکاران )2004( نشان می‌دهند'
    """
    if _LTR_WORD.search(chunk) is None:
        return chunk  # no number or Latin run: nothing to move (the common case)
    words = chunk.split()
    groups: list[tuple[str, list[str]]] = []
    for word in words:
        kind = "r" if _RTL_WORD.search(word) else "l" if _LTR_WORD.search(word) else ""
        if groups and (not kind or kind == groups[-1][0]):
            groups[-1][1].append(word)
        elif not groups and not kind:
            groups.append(("", [word]))
        elif groups and not groups[-1][0]:
            groups[-1] = (kind, [*groups[-1][1], word])
        else:
            groups.append((kind, [word]))
    if len(groups) < 2 or groups[0][0] != "l":
        return chunk
    return " ".join([*itertools.chain.from_iterable(group for _, group in groups[1:]),
                     *map(_number_in_order, groups[0][1])])


def _number_in_order(word: str) -> str:
    """``،1389`` -> ``1389،``: a number's punctuation read from the left, put after it."""
    if not _PUNCT_FIRST_NUMBER.fullmatch(word):
        return word
    return _DIGITS.sub(lambda m: m.group()[::-1], word[::-1])
