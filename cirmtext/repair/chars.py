"""Character-level rules: letters, invisible controls and odd spaces.

These cannot lose meaning: each maps a character (or deletes an invisible one) by a table in
:mod:`cirmtext.repair.chardata`.
"""

from __future__ import annotations

import re

from . import chardata
from .base import Change, RepairContext, Rule

__all__ = ["RULES", "remove_bidi_controls", "unify_arabic_letters"]

_ARABIC_LETTERS = re.compile("[" + "".join(chardata.ARABIC_TO_PERSIAN) + "]")
_BIDI = re.compile("[" + "".join(chardata.BIDI_CONTROLS) + "]")


def unify_arabic_letters(text: str, context: RepairContext) -> list[Change]:
    """Write Arabic yeh and kaf (ي ى ك) as the Persian letters (ی ک).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مشاركت شهروندي", ["unify_arabic_letters"])
    'مشارکت شهروندی'
    """
    table = chardata.ARABIC_TO_PERSIAN
    return [Change(m.start(), m.end(), table[m.group()]) for m in _ARABIC_LETTERS.finditer(text)]


def remove_bidi_controls(text: str, context: RepairContext) -> list[Change]:
    """Delete bidi embedding/override/isolate marks, which PDF extractors scatter through text.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("\\u202bمدیریت\\u202c", ["remove_bidi_controls"])
    'مدیریت'
    """
    return [Change(m.start(), m.end(), "") for m in _BIDI.finditer(text)]


RULES: tuple[Rule, ...] = (
    Rule("remove_bidi_controls", remove_bidi_controls, "safe", True,
         "delete invisible bidi controls (LRM, RLM, embeddings, isolates)"),
    Rule("unify_arabic_letters", unify_arabic_letters, "safe", True,
         "Arabic ي ى ك to Persian ی ک"),
)
