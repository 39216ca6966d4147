"""Repair broken Persian text and explain every change.

``repair(text)`` runs the enabled rules of :data:`~cirmtext.repair.rules.RULES` in order, again
and again until none changes anything (so ``repair(repair(x)) == repair(x)``), and returns the
text, the edits in the coordinates of the input, and an offset map back to the input.
``normalize(text)`` returns just the text; ``apply_plan(text, names)`` replays named rules.

An input longer than :data:`SECTION_CHARS` characters is repaired in sections cut at paragraph
breaks, one after the other, each to its own fixed point: the work of one section is freed
before the next, so memory stays flat in the input's size, and :func:`normalize_sections`
(:func:`repair_sections`) yields each repaired section as soon as it is done. Facts about the
whole document (the statistics of broken words, the font's habits) still come from the whole
input; evidence that page furniture and reversed lines are judged by (page sequences, running
heads, word-pair counts) comes from the section.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..records import Edit
from .align import OffsetMap, StageMap, apply_changes, join_maps
from .base import RepairContext, Rule
from .config import RepairConfig
from .rules import RULES, RULES_BY_NAME

__all__ = [
    "RULES",
    "SECTION_CHARS",
    "RepairConfig",
    "Repaired",
    "apply_plan",
    "normalize",
    "normalize_sections",
    "repair",
    "repair_sections",
    "rule_names",
    "sections",
]

#: A safety net: a set of rules that has not reached a fixed point after this many passes
#: over the registry has a cycle, which is a bug; the driver stops rather than loop forever.
MAX_PASSES = 6

#: Inputs longer than this many characters are repaired in sections of about this size, cut
#: at paragraph breaks (see :func:`sections`). It is the size of the window in which the word
#: order rule counts its evidence, so a section holds as much evidence as a whole document did.
SECTION_CHARS = 200_000


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
           context: RepairContext | None = None, explain: bool = True,
           section_chars: int | None = None) -> Repaired:
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
        section_chars: a text longer than this (default :data:`SECTION_CHARS`) is repaired
            in sections (see :func:`sections`); edits and offsets are in the coordinates of
            the whole input all the same.

    >>> r = repair("مدیریت ارتباط با شهروندي")
    >>> r.text, [(e.rule, e.start, e.before, e.after) for e in r.edits]
    ('مدیریت ارتباط با شهروندی', [('unify_arabic_letters', 23, 'ي', 'ی')])
    """
    parts = list(repair_sections(text, config, context=context, explain=explain,
                                 section_chars=section_chars))
    if len(parts) == 1:
        return parts[0][1]
    texts: list[str] = []
    edits: list[Edit] = []
    maps: list[tuple[int, OffsetMap]] = []
    for start, part in parts:
        texts.append(part.text)
        if explain:
            edits.extend(Edit(e.rule, e.start + start, e.end + start, e.before, e.after)
                         for e in part.edits)
            maps.append((len(part.original), part.offsets))
    offsets = join_maps(maps) if explain else OffsetMap()
    return Repaired("".join(texts), text, edits, offsets)


def repair_sections(text: str, config: RepairConfig | None = None, *,
                    context: RepairContext | None = None, explain: bool = True,
                    section_chars: int | None = None) -> Iterator[tuple[int, Repaired]]:
    """:func:`repair`, one section at a time: ``(where the section starts in text, its repair)``.

    Each :class:`Repaired` is that of the section alone (``original`` is the section, edits
    and offsets in its coordinates; add the start to reach ``text``'s). A caller that writes
    each section's text and reads its edits as they come (e.g. to count them) holds only one
    section's work at a time.

    >>> text = "مد یریت شهري\\n\\nسازمان هاي دولتي\\n"
    >>> [(start, part.text, len(part.edits)) for start, part in
    ...  repair_sections(text, section_chars=14)]
    [(0, 'مدیریت شهری\\n\\n', 2), (14, 'سازمان‌های دولتی\\n', 3)]
    """
    rules = _rules(config)
    _check(text)
    context = context or RepairContext(source=text)
    spans = list(sections(text, section_chars))
    if len(spans) <= 1:
        yield 0, _run(text, rules, context, explain=explain)
        return
    for start, end in spans:
        yield start, _run_section(text[start:end], rules, context, explain=explain)


def normalize(text: str, config: RepairConfig | None = None) -> str:
    """The default full repair, returning only the text.

    >>> normalize("مشاركت\\u200f")
    'مشارکت'
    """
    return "".join(normalize_sections(text, config))


def normalize_sections(text: str, config: RepairConfig | None = None, *,
                       context: RepairContext | None = None,
                       section_chars: int | None = None) -> Iterator[str]:
    """:func:`normalize`, one repaired section at a time (see :func:`sections`).

    Joined, the pieces are ``normalize(text)``; writing each as it comes (as ``cirmtext
    normalize`` does) keeps only one section's work in memory.

    >>> text = "مد یریت شهري\\n\\nسازمان هاي دولتي\\n"
    >>> list(normalize_sections(text, section_chars=14))
    ['مدیریت شهری\\n\\n', 'سازمان‌های دولتی\\n']
    """
    for _, part in repair_sections(text, config, context=context, explain=False,
                                   section_chars=section_chars):
        yield part.text


def apply_plan(text: str, plan: Iterable[str]) -> str:
    """Run exactly the named rules (e.g. a :attr:`Repaired.plan`) on ``text``."""
    return normalize(text, RepairConfig.only(plan))


#: A paragraph break: a blank line (possibly holding spaces) or a page break.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\v]*\n|\f")


def sections(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` spans, covering ``text``, in which a long input is repaired.

    Each section ends just after the last paragraph break (blank line or page break) that
    leaves it at most ``size`` characters (default :data:`SECTION_CHARS`) and at least half
    that; failing one, after the last line break; a longer line is not cut. A text of at most
    ``size`` characters is one section.

    >>> list(sections("الف\\n\\nب ب\\nج\\n\\nد", size=7))
    [(0, 5), (5, 12), (12, 13)]
    """
    size = size or SECTION_CHARS
    n = len(text)
    start = 0
    while n - start > size:
        limit = start + size
        low = start + size // 2
        cut = -1
        for m in _PARAGRAPH_BREAK.finditer(text, low, limit):
            cut = m.end()
        if cut < 0:
            line = text.rfind("\n", low, limit)
            cut = line + 1 if line >= 0 else text.find("\n", limit) + 1
        if cut <= 0:
            break  # one line to the end: not cut
        yield start, cut
        start = cut
    if start < n or not n:
        yield start, n


def _rules(config: RepairConfig | None) -> list[Rule]:
    config = config or RepairConfig()
    return [rule for rule in RULES if config.enabled(rule.name)]


def _check(text: object) -> None:
    if not isinstance(text, str):
        msg = (f"repair() takes str, not {type(text).__name__}; decode bytes first, e.g. with "
               "cirmtext.io.decode_bytes(data)")
        raise TypeError(msg)


def _run_section(text: str, rules: list[Rule], document: RepairContext, *,
                 explain: bool) -> Repaired:
    """One section, with the document's facts and scratch space of its own."""
    context = document.for_section()
    result = _run(text, rules, context, explain=explain)
    document.keep_facts(context)
    return result


def _run(text: str, rules: list[Rule], context: RepairContext, *,
         explain: bool = True) -> Repaired:
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
