"""Character tables used by the repair rules. Data only, no logic."""

from __future__ import annotations

__all__ = ["ARABIC_TO_PERSIAN", "BIDI_CONTROLS", "ZWNJ"]

ZWNJ = "\u200c"

#: Arabic letter forms that Persian writes with its own letters.
ARABIC_TO_PERSIAN = {
    "\u064a": "\u06cc",  # ي ARABIC LETTER YEH -> ی
    "\u0649": "\u06cc",  # ى ARABIC LETTER ALEF MAKSURA -> ی
    "\u0643": "\u06a9",  # ك ARABIC LETTER KAF -> ک
}

#: Invisible directional controls: LRM, RLM, ALM, embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
