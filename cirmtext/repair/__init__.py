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

import os
import pickle
import re
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..records import Edit
from .align import OffsetMap, StageMap, apply_changes, join_maps
from .base import SECTION_FACTS, RepairContext, Rule
from .config import RepairConfig
from .rules import RULES, RULES_BY_NAME

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

#: A safety net: a set of rules that has not reached a fixed point after this many passes
#: over the registry has a cycle, which is a bug; the driver stops rather than loop forever.
MAX_PASSES = 6

#: Inputs longer than this many characters are repaired in sections of about this size, cut
#: at paragraph breaks (see :func:`sections`). It is the size of the window in which the word
#: order rule counts its evidence, so a section holds as much evidence as a whole document did.
SECTION_CHARS = 200_000

#: With ``jobs=None`` (the default), the sections left after the first are repaired in worker
#: processes only when they hold at least this many characters: below that, starting the
#: workers costs about what they save.
PARALLEL_CHARS = 400_000


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
    sections left hold at least :data:`PARALLEL_CHARS` characters and workers can be forked
    from this process (Linux, no other Python thread running, not itself a daemon worker),
    else 1.
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
        yield 0, _run(text, rules, document, explain=explain)
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
        pool = _pool(jobs, spans[1:], state)
        if pool is not None:
            started.append(pool)
            for span in spans[1:1 + 2 * pool[1]]:
                pending.append((*span, pool[0].apply_async(_work, (span,))))

    try:  # leaving (also on an error or an abandoned generator) stops the workers
        start, end = spans[0]
        yield start, _run_section(text[start:end], rules, document, explain=explain,
                                  ready=launch if len(spans) > 2 else None)
        done = 1
        if not started:
            # No workers yet (none wanted, or the facts are not known after the first section):
            # the sections are repaired here until the facts are known, then perhaps in workers.
            while done < len(spans) and not SECTION_FACTS <= document.cache.keys():
                start, end = spans[done]
                yield start, _run_section(text[start:end], rules, document, explain=explain)
                done += 1
            rest = spans[done:]
            pool = _pool(jobs, rest, state) if len(rest) > 1 else None
            if pool is None:
                for start, end in rest:
                    yield start, _run_section(text[start:end], rules, document,
                                              explain=explain)
                return
            started.append(pool)
        pool, workers = started[0]
        for span in spans[done + len(pending):]:
            pending.append((*span, pool.apply_async(_work, (span,))))
            if len(pending) >= 2 * workers:
                yield _collect(text, *pending.popleft())
        while pending:
            yield _collect(text, *pending.popleft())
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


def _run_section(text: str, rules: list[Rule], document: RepairContext, *, explain: bool,
                 ready: Callable[[RepairContext], None] | None = None) -> Repaired:
    """One section, with the document's facts and scratch space of its own (``ready``: see
    :func:`_run`)."""
    context = document.for_section()
    result = _run(text, rules, context, explain=explain, ready=ready)
    document.keep_facts(context)
    return result


def cpu_count() -> int:
    """How many cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _pool(jobs: int | None, rest: list[tuple[int, int]],
          state: tuple[str, list[Rule], RepairContext, bool]) -> tuple[Any, int] | None:
    """A pool of worker processes for the sections ``rest`` and its size, or None to repair
    them here."""
    import multiprocessing

    chars = rest[-1][1] - rest[0][0]
    wanted = cpu_count() if jobs in (None, -1) else jobs
    workers = min(wanted or 1, len(rest))
    if workers <= 1 or multiprocessing.current_process().daemon:
        return None  # a daemon (e.g. a pool's worker) may not start processes
    if jobs is None and chars < PARALLEL_CHARS:
        return None
    if not state[2].source:
        return None  # rules read the facts from the sections' own texts: order matters
    if _fork_is_safe():
        method = "fork"  # the workers inherit the document, its facts and loaded lexicons
    elif jobs is None:
        # A fresh worker loads everything again, and re-imports the caller's main module,
        # which a script without ``if __name__ == "__main__":`` cannot survive: only on request.
        return None
    else:  # a fresh interpreter per worker (or a fresh server forking them), never this one
        methods = multiprocessing.get_all_start_methods()
        method = "forkserver" if "forkserver" in methods else "spawn"
    text, rules, context, explain = state
    if method != "fork":
        state = (text, rules, context.for_worker(), explain)
    try:
        return multiprocessing.get_context(method).Pool(
            workers, initializer=_start_worker, initargs=state), workers
    except (OSError, ImportError):  # no semaphores or no processes here (some sandboxes)
        return None
    except (AttributeError, TypeError, pickle.PicklingError):  # a rule a fresh worker can't get
        return None


def _fork_is_safe() -> bool:
    """Whether worker processes may be forked: Linux, and no other Python thread running.

    A thread of this interpreter may hold a lock (logging, a file's buffer) at the moment of
    the fork, which the child would then wait on for ever. Threads that libraries start
    outside Python (numpy's BLAS pool) guard their own state across a fork and are never
    used by the repair rules, so they do not prevent it (Python 3.12+ then issues its
    DeprecationWarning about forking a multi-threaded process, hidden by default).
    """
    import multiprocessing
    import threading

    return (sys.platform.startswith("linux")
            and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


#: A worker process's document, rules, facts and whether to explain (set by _start_worker).
_WORKER: tuple[str, list[Rule], RepairContext, bool] | None = None


def _start_worker(text: str, rules: list[Rule], context: RepairContext, explain: bool) -> None:
    import signal

    global _WORKER  # one per worker process, set once at its start
    _WORKER = (text, rules, context, explain)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _work(span: tuple[int, int]) -> tuple[str, list[Edit], OffsetMap]:
    """Repair one section in a worker process (the section's text is not sent back)."""
    assert _WORKER is not None
    text, rules, context, explain = _WORKER
    result = _run_section(text[span[0]:span[1]], rules, context, explain=explain)
    return result.text, result.edits, result.offsets


def _collect(text: str, start: int, end: int, done: Any) -> tuple[int, Repaired]:
    repaired, edits, offsets = done.get()
    return start, Repaired(repaired, text[start:end], edits, offsets)


def _run(text: str, rules: list[Rule], context: RepairContext, *, explain: bool = True,
         ready: Callable[[RepairContext], None] | None = None) -> Repaired:
    """Run ``rules`` on ``text`` to a fixed point.

    ``ready``: called once with ``context``, after the first rule call that leaves every key of
    :data:`~.base.SECTION_FACTS` in its cache (the first section of a long input starts the
    workers on the others then).
    """
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
