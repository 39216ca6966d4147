"""Repair broken Persian text and explain every change.

``repair(text)`` runs the enabled rules of :data:`~cirmtext.repair.rules.RULES` in order, again
and again until none changes anything (so ``repair(repair(x)) == repair(x)``), and returns the
text, the edits in the coordinates of the input, and an offset map back to the input.
``normalize(text)`` returns just the text; ``apply_plan(text, names)`` replays named rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..records import Edit
from .align import OffsetMap, StageMap, apply_changes
from .base import RepairContext, Rule
from .config import RepairConfig
from .rules import RULES, RULES_BY_NAME

__all__ = ["RULES", "RepairConfig", "Repaired", "apply_plan", "normalize", "repair", "rule_names"]

#: A safety net: a set of rules that has not reached a fixed point after this many passes
#: over the registry has a cycle, which is a bug; the driver stops rather than loop forever.
MAX_PASSES = 6


@dataclass(slots=True)
class Repaired:
    """The result of :func:`repair`.

    Attributes:
        text: the repaired text.
        original: the text that was given.
        edits: every change, in order, with ``start``/``end`` in ``original``.
        offsets: maps spans of ``text`` back to ``original``.
    """

    text: str
    original: str
    edits: list[Edit] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)

    @property
    def plan(self) -> list[str]:
        """The names of the rules that changed something, in the order they first did."""
        return list(dict.fromkeys(edit.rule for edit in self.edits))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` was repaired from."""
        return self.offsets.span_to_input(start, end)


def repair(text: str, config: RepairConfig | None = None, *,
           context: RepairContext | None = None, explain: bool = True) -> Repaired:
    """Repair ``text`` with the rules ``config`` enables (all default rules if ``None``).

    Args:
        text: the text to repair; ``bytes`` are refused (decode them with
            :func:`cirmtext.io.decode_bytes` first).
        config: which rules run.
        context: evidence gathered from a larger document this text belongs to; by default it
            is gathered from ``text`` itself.
        explain: record the edits and the offset map (the default); with ``False`` only the
            text is repaired (same text, faster): ``edits`` is empty and ``offsets`` maps
            nothing.

    >>> r = repair("مدیریت ارتباط با شهروندي")
    >>> r.text, [(e.rule, e.start, e.before, e.after) for e in r.edits]
    ('مدیریت ارتباط با شهروندی', [('unify_arabic_letters', 23, 'ي', 'ی')])
    """
    config = config or RepairConfig()
    rules = [rule for rule in RULES if config.enabled(rule.name)]
    return _run(text, rules, context, explain=explain)


def normalize(text: str, config: RepairConfig | None = None) -> str:
    """The default full repair, returning only the text.

    >>> normalize("مشاركت\\u200f")
    'مشارکت'
    """
    return repair(text, config, explain=False).text


def apply_plan(text: str, plan: Iterable[str]) -> str:
    """Run exactly the named rules (e.g. a :attr:`Repaired.plan`) on ``text``."""
    return repair(text, RepairConfig.only(plan), explain=False).text


def _run(text: str, rules: list[Rule], context: RepairContext | None, *,
         explain: bool = True) -> Repaired:
    if not isinstance(text, str):
        msg = (f"repair() takes str, not {type(text).__name__}; decode bytes first, e.g. with "
               "cirmtext.io.decode_bytes(data)")
        raise TypeError(msg)
    context = context or RepairContext(document_counts=count_words(text), source=text)
    result = Repaired(text=text, original=text)
    current = text
    # Rules are pure functions of (text, context): a rule that found nothing to change in a
    # text finds nothing again in the same text, so it is skipped until another rule changes
    # the text. ``version`` counts the changes applied; ``clean_at`` keeps, per rule, the
    # version of the text in which it last found nothing.
    version = 0
    clean_at: dict[str, int] = {}
    for _ in range(MAX_PASSES):
        changed = False
        for rule in rules:
            if clean_at.get(rule.name) == version:
                continue
            changes = rule.func(current, context)
            changes = [c for c in changes if current[c.start:c.end] != c.after]
            if not changes:
                clean_at[rule.name] = version
                continue
            changed = True
            if explain:
                spans = result.offsets.spans_to_input([(c.start, c.end) for c in changes])
                result.edits.extend(
                    Edit(rule.name, start, end, current[change.start:change.end], change.after)
                    for change, (start, end) in zip(changes, spans, strict=True)
                )
                result.offsets.stages.append(StageMap.from_changes(changes))
            current = apply_changes(current, changes)
            version += 1
        if not changed:
            break
    result.text = current
    return result


#: Words are counted in slices of about this many characters, so that counting a large input
#: does not hold a list of all its words at once.
COUNT_SLICE = 1 << 16


def count_words(text: str) -> Counter[str]:
    """``Counter(text.split())``, in the same order, without the list of every word.

    The text is cut after a whitespace character near every :data:`COUNT_SLICE` characters;
    splitting at whitespace does not change the words, so the counts are the same.

    >>> text = "د اد ه ها  و " * 10_000
    >>> count_words(text) == Counter(text.split())
    True
    """
    if len(text) <= COUNT_SLICE:
        return Counter(text.split())
    counts: Counter[str] = Counter()
    start = 0
    while start < len(text):
        end = min(start + COUNT_SLICE, len(text))
        while end < len(text) and not text[end - 1].isspace():
            end += 1
        counts.update(text[start:end].split())
        start = end
    return counts


def rule_names() -> list[str]:
    """All rule names in the order they run."""
    return list(RULES_BY_NAME)
