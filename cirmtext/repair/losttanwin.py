"""The tanwin a PDF dropped from every adverb of a document, put back.

Some PDF makers never draw the tanwin (``ً``): text shaped by arabic-reshaper (reportlab)
loses it, so ``مثلاً`` and ``واقعاً`` come out as ``مثلا`` and ``واقعا`` in every line. A document
that writes no tanwin anywhere, yet holds words that hazm's lexicon knows only with one
(:func:`~cirmtext.resources.tanwin_adverbs`), gets it back on those words. A document that
writes a tanwin anywhere keeps its spelling as it is: its writer chose it, or an extractor moved
the mark (:mod:`.tanwin` puts that back). ``جدا``, ``فردا``, ``حالا`` are words without a
tanwin too, and stay.
"""

from __future__ import annotations

import re

from ..resources import tanwin_adverbs
from .base import Change, RepairContext, Rule
from .chardata import FATHATAN

__all__ = ["RULE", "restore_lost_tanwin"]

#: A word ending in alef, standing alone (no letter, ZWNJ or mark touching it).
_ALEF_WORD = re.compile("(?<![\u0600-\u06ff\u200c])[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af"
                        "\u06cc]+\u0627(?![\u0600-\u06ff\u200c])")


def restore_lost_tanwin(text: str, context: RepairContext) -> list[Change]:
    """Put a tanwin on the adverbs of a document whose PDF dropped every tanwin.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("من مثلا دیروز واقعا خسته بودم ولی فردا جدا می‌آیم.", ["restore_lost_tanwin"])
    'من مثلاً دیروز واقعاً خسته بودم ولی فردا جدا می‌آیم.'
    >>> apply_plan("من مثلا دیروز واقعاً خسته بودم.", ["restore_lost_tanwin"])  # writes one
    'من مثلا دیروز واقعاً خسته بودم.'
    """
    if FATHATAN in text or FATHATAN in context.source:
        return []
    adverbs = tanwin_adverbs()
    return [Change(m.end(), m.end(), FATHATAN) for m in _ALEF_WORD.finditer(text)
            if m.group() in adverbs]


RULE = Rule("restore_lost_tanwin", restore_lost_tanwin, "evidence", True,
            "puts back the tanwin on adverbs (`مثلا` → `مثلاً`) in a document that writes none")
