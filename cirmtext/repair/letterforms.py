"""Arabic presentation forms and lam-alef: letter shapes as evidence.

:func:`fold_presentation_forms` writes presentation forms as base letters and reads their
shapes as evidence for the ZWNJs the PDF dropped; :func:`fix_reversed_lam_alef` turns round a
lam-alef ligature that an extractor gave backwards (``اصالح``), judged by the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from . import chardata
from .base import Change, RepairContext
from .detect import lexicon
from .visual import shaped_backwards

__all__ = ["fix_reversed_lam_alef", "fold_presentation_forms"]


def _charclass(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_AL = re.compile("\u0627\u0644")
#: The letters of a word whose «ال» may be a lam-alef written backwards.
_AL_WORD_LETTERS = frozenset([*map(chr, range(0x0621, 0x064B)),
                              *"\u067e\u0686\u0698\u06a9\u06af\u06cc"])
_LAM_ALEF_LIGATURE = re.compile("[\ufef5-\ufefc]")


def _fold_tables() -> tuple[dict[int, str], str, str, str]:
    """The base letters of every presentation form, and classes of forms: those after which a
    following initial or isolated form shows a lost ZWNJ, those initial or isolated forms, and
    the lam-alef ligatures."""
    table = chardata.PRESENTATION_FORMS
    fold = {ord(ch): base for ch, (base, _shape) in table.items()}
    open_forms = "".join(ch for ch, (base, shape) in table.items()
                         if shape in "fi" and base[-1] in chardata.DUAL_JOINING)
    starts = "".join(ch for ch, (_base, shape) in table.items() if shape in "Ii")
    lam_alef = "".join(ch for ch, (base, _shape) in table.items()
                       if len(base) == 2 and base[0] == "\u0644")
    return fold, _charclass(open_forms), _charclass(starts), _charclass(lam_alef)


_FOLD, _OPEN_FORM, _START_FORM, _LAM_ALEF_CLASS = _fold_tables()
#: Two adjacent forms with a lost ZWNJ between them, in reading order and stored backwards.
_LOST_ZWNJ = re.compile(_OPEN_FORM + _START_FORM)
_LOST_ZWNJ_REVERSED = re.compile(_START_FORM + _OPEN_FORM)
_LAM_ALEF_FORM = re.compile(_LAM_ALEF_CLASS)


def fold_presentation_forms(text: str, context: RepairContext) -> list[Change]:
    """Write Arabic presentation forms (and lam-alef ligatures) as the base letters.

    The shapes are evidence: a forward-joining letter in its final or isolated shape directly
    followed by a letter in its initial or isolated shape did not join, so the text had a ZWNJ
    there that the PDF dropped (as PDFs shaped by arabic-reshaper do); it is put back. In a
    line stored in visual order (:func:`~cirmtext.repair.visual.shaped_backwards`) the same
    evidence reads mirrored, and the ZWNJ goes where the layout stage will need it when it
    turns the line round.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("ﻣﺪﯾﺮﯾﺖ", ["fold_presentation_forms"])
    'مدیریت'
    >>> apply_plan("ﻣﯽﺭﻭﺩ ﻻﺯﻡ", ["fold_presentation_forms"]) == "می\\u200cرود لازم"
    True
    """
    table = chardata.PRESENTATION_FORMS
    joining = chardata.DUAL_JOINING
    changes = []
    backwards: dict[int, bool] = {}
    for m in _PRESENTATION.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if line_start not in backwards:
            line_end = text.find("\n", m.start())
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            backwards[line_start] = shaped_backwards(line)
        reverse = backwards[line_start]
        run = m.group()
        if (_LOST_ZWNJ_REVERSED if reverse else _LOST_ZWNJ).search(run) is None and not (
                reverse and _LAM_ALEF_FORM.search(run)):
            changes.append(Change(m.start(), m.end(), run.translate(_FOLD)))
            continue  # no ZWNJ to put back, no ligature to turn: the base letters
        out: list[str] = []
        prev_shape = ""
        prev_open = False  # (reading order) previous form could have joined forward, did not
        for ch in m.group():
            entry = table.get(ch)
            if entry is None:
                out.append(ch)
                prev_open, prev_shape = False, ""
                continue
            base, shape = entry
            if reverse:
                # Stored left to right: the letter after a lost ZWNJ comes first.
                if prev_shape in ("I", "i") and shape in "fi" and base[-1] in joining:
                    out.append(chardata.ZWNJ)
            elif prev_open and shape in "Ii":
                out.append(chardata.ZWNJ)
            if reverse and len(base) == 2 and base[0] == "\u0644":
                base = base[::-1]  # a lam-alef ligature: lam then alef, whatever the line's order
            out.append(base)
            prev_open = shape in "fi" and base[-1] in joining
            prev_shape = shape
        changes.append(Change(m.start(), m.end(), "".join(out)))
    return changes


def _al_words(text: str) -> Iterator[tuple[int, str]]:
    """``(start, word)`` for each word (a run of :data:`_AL_WORD_LETTERS`) holding «ال».

    Found from each «ال» outwards (a fast search for two letters), not by a pattern that
    tries every position of the text.

    >>> list(_al_words("سال ۱۴۰۲ حالا"))
    [(0, 'سال'), (9, 'حالا')]
    """
    letters = _AL_WORD_LETTERS
    end = 0
    found = text.find("ال")
    while found >= 0:
        start = found
        while start > end and text[start - 1] in letters:
            start -= 1
        end = found + 2
        while end < len(text) and text[end] in letters:
            end += 1
        yield start, text[start:end]
        found = text.find("ال", end)


def fix_reversed_lam_alef(text: str, context: RepairContext) -> list[Change]:
    """Turn round a lam-alef that an extractor wrote backwards (``اصالح`` → ``اصلاح``).

    Some extractors (poppler's pdftotext among them) write the lam-alef ligature as «ال»
    instead of «لا». A word changes only with lexicon evidence: the turned word must be a
    common word (Zipf ≥ 4) clearly more frequent than the word as written, which must not be a
    common word itself. When the document shows the fault throughout (several such sure cases
    and almost no «لا» anywhere), a turned word that is about as frequent as the written one
    wins too (``سالم`` → ``سلام``), since in such a document no «لا» survives.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("اصالح الزم است", ["fix_reversed_lam_alef"])
    'اصلاح لازم است'
    >>> apply_plan("البته حال سالم است", ["fix_reversed_lam_alef"])
    'البته حال سالم است'
    """
    if "ال" not in text:
        return []
    lex = lexicon()
    reversed_doc = context.cache.get("lam_alef")
    if reversed_doc is None:
        reversed_doc = context.cache["lam_alef"] = _lam_alef_reversed(context.source or text)
    changes = []
    for start, word in _al_words(text):
        z_word = lex.zipf(word)
        if z_word >= 3.0 and not reversed_doc:
            continue
        turned = word.replace("ال", "لا")
        z_turned = lex.zipf(turned)
        if reversed_doc:
            ok = z_turned >= 3.0 and z_turned > z_word - 0.5
        else:
            ok = z_turned >= 4.0 and z_turned >= z_word + 1.5
        if ok:
            changes.extend(Change(start + i.start(), start + i.end(), "لا")
                           for i in _AL.finditer(word))
    return changes


def _lam_alef_reversed(text: str) -> bool:
    """Whether ``text`` shows lam-alef written backwards throughout (see the rule)."""
    lex = lexicon()
    sure = 0
    for _start, word in _al_words(text):
        if lex.zipf(word) < 3.0 and lex.zipf(word.replace("ال", "لا")) >= 4.0:
            sure += 1
    intact = text.count("لا") + len(_LAM_ALEF_LIGATURE.findall(text))
    return sure >= 3 and intact <= 0.2 * sure
