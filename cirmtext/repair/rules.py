"""The ordered registry of repair rules: the only place their order lives.

Order matters: characters are cleaned before words are judged, words are joined before lines
are reordered by word statistics. Each entry's function lives in the module for its kind of
damage (:mod:`.chars`, ...).
"""

from __future__ import annotations

from .base import Rule
from .chars import remove_bidi_controls, unify_arabic_letters

__all__ = ["RULES", "RULES_BY_NAME"]

RULES: tuple[Rule, ...] = (
    Rule("remove_bidi_controls", remove_bidi_controls, "safe", True,
         "delete invisible bidi controls (LRM, RLM, embeddings, isolates)"),
    Rule("unify_arabic_letters", unify_arabic_letters, "safe", True,
         "Arabic ي ى ك to Persian ی ک"),
)

RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
