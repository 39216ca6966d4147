"""Repair broken Persian text and explain every change.

``repair(text)`` runs the enabled rules of :data:`~cirmtext.repair.rules.RULES` in order, again
and again until none changes anything (so ``repair(repair(x)) == repair(x)``), and returns the
text, the edits in the coordinates of the input, and an offset map back to the input.
``normalize(text)`` returns just the text; ``apply_plan(text, names)`` replays named rules.

An input longer than :data:`SECTION_CHARS` characters is repaired in sections cut at paragraph
breaks, each to its own fixed point: the work of one section is freed before the next, so
memory stays flat in the input's size, and :func:`normalize_sections` (:func:`repair_sections`)
yields each repaired section, in order, as soon as it is done. Facts about the whole document
(the statistics of broken words, the font's habits) still come from the whole input; evidence
that page furniture and reversed lines are judged by (page sequences, running heads, word-pair
counts) comes from the section. The sections after the first may be repaired in worker
processes on the machine's cores (``jobs``, see :func:`repair_sections`), with the same result.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ConfigError
from ..records import Edit
from . import workers
from .align import OffsetMap, join_maps
from .base import SECTION_FACTS, RepairContext, Rule
from .config import RepairConfig
from .fixedpoint import Repaired, run_rules, run_section
from .rules import RULES, RULES_BY_NAME
from .workers import cpu_count

__all__ = [
    "RULES",
    "SECTION_CHARS",
    "RepairConfig",
    "Repaired",
    "apply_plan",
    "cpu_count",
    "normalize",
    "normalize_sections",
    "repair",
    "repair_sections",
    "rule_names",
    "sections",
]

#: Inputs longer than this many characters are repaired in sections of about this size, cut
#: at paragraph breaks (see :func:`sections`). It is the size of the window in which the word
#: order rule counts its evidence, so a section holds as much evidence as a whole document did.
SECTION_CHARS = 200_000

def repair(text: str, config: RepairConfig | None = None, *,
           context: RepairContext | None = None, explain: bool = True,
           section_chars: int | None = None, jobs: int | None = None) -> Repaired:
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
        jobs: worker processes for the sections of a long input (see
            :func:`repair_sections`); the result is the same whatever the number.

    >>> r = repair("مدیریت ارتباط با شهروندي")
    >>> r.text, [(e.rule, e.start, e.before, e.after) for e in r.edits]
    ('مدیریت ارتباط با شهروندی', [('unify_arabic_letters', 23, 'ي', 'ی')])
    """
    parts = list(repair_sections(text, config, context=context, explain=explain,
                                 section_chars=section_chars, jobs=jobs))
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
                    section_chars: int | None = None,
                    jobs: int | None = None) -> Iterator[tuple[int, Repaired]]:
    """:func:`repair`, one section at a time: ``(where the section starts in text, its repair)``.

    Each :class:`Repaired` is that of the section alone (``original`` is the section, edits
    and offsets in its coordinates; add the start to reach ``text``'s). A caller that writes
    each section's text and reads its edits as they come (e.g. to count them) holds only a few
    sections' work at a time.

    The first section is repaired in this process (it fixes the document facts every section
    shares, see :data:`~.base.SECTION_FACTS`); the others may be repaired in ``jobs`` worker
    processes at once, at most two sections per worker in flight, and come back in order with
    the same result as one after another. ``jobs``: ``1`` repairs every section here; ``-1``
    uses every core this process may run on; ``None`` (the default) uses every core when the
    sections left hold at least :data:`~.workers.PARALLEL_CHARS` characters and workers can
    be forked from this process (Linux, no other Python thread running, not itself a daemon
    worker), else 1.
    Where worker processes cannot be started, the sections are repaired here.

    >>> text = "مد یریت شهري\\n\\nسازمان هاي دولتي\\n"
    >>> [(start, part.text, len(part.edits)) for start, part in
    ...  repair_sections(text, section_chars=14)]
    [(0, 'مدیریت شهری\\n\\n', 2), (14, 'سازمان‌های دولتی\\n', 3)]
    """
    if jobs is not None and (not isinstance(jobs, int) or jobs == 0 or jobs < -1):
        msg = f"jobs must be a positive number of processes, -1 (every core) or None, not {jobs!r}"
        raise ConfigError(msg)
    rules = _rules(config)
    _check(text)
    document = context or RepairContext(source=text)
    spans = list(sections(text, section_chars))
    if len(spans) <= 1:
        yield 0, run_rules(text, rules, document, explain=explain)
        return
    # The first section is repaired here; its rules fix the facts a section may read from its
    # own text (SECTION_FACTS). As soon as they are known, the workers are started on the
    # sections after it (forked then, they see what they would have seen after the first
    # section), while this process finishes the first.
    state = (text, rules, document, explain)
    pending: deque[tuple[int, int, Any]] = deque()
    started: list[tuple[Any, int]] = []

    def launch(section: RepairContext) -> None:
        document.keep_facts(section)
        pool = workers.start_pool(jobs, spans[1:], state)
        if pool is not None:
            started.append(pool)
            for span in spans[1:1 + 2 * pool[1]]:
                pending.append((*span, pool[0].apply_async(workers.work, (span,))))

    try:  # leaving (also on an error or an abandoned generator) stops the workers
        start, end = spans[0]
        yield start, run_section(text[start:end], rules, document, explain=explain,
                                  ready=launch if len(spans) > 2 else None)
        done = 1
        if not started:
            # No workers yet (none wanted, or the facts are not known after the first section):
            # the sections are repaired here until the facts are known, then perhaps in workers.
            while done < len(spans) and not SECTION_FACTS <= document.cache.keys():
                start, end = spans[done]
                yield start, run_section(text[start:end], rules, document, explain=explain)
                done += 1
            rest = spans[done:]
            pool = workers.start_pool(jobs, rest, state) if len(rest) > 1 else None
            if pool is None:
                for start, end in rest:
                    yield start, run_section(text[start:end], rules, document,
                                              explain=explain)
                return
            started.append(pool)
        pool, n_workers = started[0]
        for span in spans[done + len(pending):]:
            pending.append((*span, pool.apply_async(workers.work, (span,))))
            if len(pending) >= 2 * n_workers:
                yield workers.collect(text, *pending.popleft())
        while pending:
            yield workers.collect(text, *pending.popleft())
    finally:
        for pool, _ in started:
            pool.terminate()


def normalize(text: str, config: RepairConfig | None = None, *,
              jobs: int | None = None) -> str:
    """The default full repair, returning only the text.

    ``jobs``: worker processes for the sections of a long input (see :func:`repair_sections`;
    ``1`` keeps the work in this process); the text is the same whatever the number.

    >>> normalize("مشاركت\\u200f")
    'مشارکت'
    """
    return "".join(normalize_sections(text, config, jobs=jobs))


def normalize_sections(text: str, config: RepairConfig | None = None, *,
                       context: RepairContext | None = None,
                       section_chars: int | None = None,
                       jobs: int | None = None) -> Iterator[str]:
    """:func:`normalize`, one repaired section at a time (see :func:`sections`).

    Joined, the pieces are ``normalize(text)``; writing each as it comes (as ``cirmtext
    normalize`` does) keeps only a few sections' work in memory. ``jobs``: as for
    :func:`repair_sections`.

    >>> text = "مد یریت شهري\\n\\nسازمان هاي دولتي\\n"
    >>> list(normalize_sections(text, section_chars=14))
    ['مدیریت شهری\\n\\n', 'سازمان‌های دولتی\\n']
    """
    for _, part in repair_sections(text, config, context=context, explain=False,
                                   section_chars=section_chars, jobs=jobs):
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


def rule_names() -> list[str]:
    """All rule names in the order they run."""
    return list(RULES_BY_NAME)
