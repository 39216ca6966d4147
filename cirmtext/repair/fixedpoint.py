"""Run a list of rules over a text until none changes anything, recording what each did.

The driver (:mod:`cirmtext.repair`) cuts a long input into sections and hands each to
:func:`run_section`; :func:`run_rules` is the loop itself. Every change is kept as an
:class:`~cirmtext.records.Edit` in the coordinates of the text given, with a map from the
repaired text back to it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..records import Edit
from .align import OffsetMap, StageMap, apply_changes
from .base import SECTION_FACTS, RepairContext, Rule

__all__ = ["MAX_PASSES", "Repaired", "gc_paused", "resume_gc_after_fork", "run_rules",
           "run_section"]

#: A safety net: a set of rules that has not reached a fixed point after this many passes
#: over the registry has a cycle, which is a bug; the driver stops rather than loop forever.
MAX_PASSES = 6


@dataclass(slots=True)
class Repaired:
    """The result of :func:`~cirmtext.repair.repair`.

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


def run_section(text: str, rules: list[Rule], document: RepairContext, *, explain: bool,
                ready: Callable[[RepairContext], None] | None = None) -> Repaired:
    """One section of a document, with the document's facts and scratch space of its own
    (``ready``: see :func:`run_rules`); facts the section fixes are kept for the next."""
    context = document.for_section()
    result = run_rules(text, rules, context, explain=explain, ready=ready)
    document.keep_facts(context)
    return result


def run_rules(text: str, rules: list[Rule], context: RepairContext, *, explain: bool = True,
              ready: Callable[[RepairContext], None] | None = None) -> Repaired:
    """Run ``rules`` on ``text`` to a fixed point.

    ``ready``: called once with ``context``, after the first rule call that leaves every key of
    :data:`~.base.SECTION_FACTS` in its cache (the first section of a long input starts the
    workers on the others then).
    """
    with gc_paused():
        return _run_rules(text, rules, context, explain=explain, ready=ready)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one fixed-point run (one section).

    The rules make few reference cycles (their garbage is freed by reference counting), but
    they fill memos with many small objects, and each full collection then walks every object
    of the process: on broken text about a tenth of the run went to collections that found
    next to nothing. Reference counting still frees everything else at once, and the collector
    is enabled again as soon as the section is done (a long input is repaired one section at a
    time, so what cycles there are are collected between sections and memory stays flat). A
    collector already paused (by the caller, or by another thread's repair) is left alone.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    _PAUSED[0] = True
    try:
        yield
    finally:
        _PAUSED[0] = False
        gc.enable()


#: Whether :func:`gc_paused` has the collector paused (copied into a process forked meanwhile).
_PAUSED = [False]


def resume_gc_after_fork() -> None:
    """In a worker forked while :func:`gc_paused` had the collector paused, enable it again
    (the worker pauses it itself around each section it repairs)."""
    if _PAUSED[0]:
        _PAUSED[0] = False
        gc.enable()


def _run_rules(text: str, rules: list[Rule], context: RepairContext, *, explain: bool,
               ready: Callable[[RepairContext], None] | None) -> Repaired:
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
            if ready is not None and SECTION_FACTS <= context.cache.keys():
                ready(context)
                ready = None
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
