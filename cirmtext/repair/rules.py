"""The ordered registry of repair rules.

The order of the stages lives here and only here; the order of the rules inside a stage lives
in that stage's ``RULES`` tuple. Stages run in this order because each needs the previous one's
work: characters are cleaned before words are judged, lines whose letters came out reversed are
turned round before split words are joined, and words are joined before lines are reordered by
word statistics.

1. :mod:`.chars`: invisible controls, Arabic letters and presentation forms, odd spaces.
2. :mod:`.layout`: page furniture, lines in visual order, hard line breaks.
3. :mod:`.spacing`: spaces inside words, ZWNJ.
4. :mod:`.order`: reversed word order, mirrored brackets, punctuation spacing.
5. :mod:`.tanwin`: a tanwin an extractor left on the wrong word of its line, moved last, once
   the runs of the line are back in order (restore_run_order reads the stray tanwin as a clue).
6. :mod:`.losttanwin`: the tanwin a PDF dropped from every adverb, put back on words that are
   whole and in reading order by then.
"""

from __future__ import annotations

from . import chars, layout, losttanwin, order, spacing, tanwin
from .base import Rule

__all__ = ["RULES", "RULES_BY_NAME"]

RULES: tuple[Rule, ...] = (*chars.RULES, *layout.RULES, *spacing.RULES, *order.RULES, tanwin.RULE,
                           losttanwin.RULE)

RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
