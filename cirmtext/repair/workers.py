"""Worker processes that repair the sections of a long input on the machine's cores.

The driver (:func:`cirmtext.repair.repair_sections`) repairs a long input's first section
itself, then asks :func:`start_pool` for workers for the rest. Forked workers inherit the
document, its facts and the loaded lexicons; where forking is unsafe they are started afresh
only on request. Each worker repairs whole sections (:func:`work`) and sends back the text,
edits and offsets, never the section it was given.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any

from ..records import Edit
from .align import OffsetMap
from .base import RepairContext, Rule
from .fixedpoint import Repaired, resume_gc_after_fork, run_section

__all__ = ["PARALLEL_CHARS", "collect", "cpu_count", "fork_is_safe", "start_pool", "work"]

#: With ``jobs=None`` (the default), the sections left after the first are repaired in worker
#: processes only when they hold at least this many characters: below that, starting the
#: workers costs about what they save.
PARALLEL_CHARS = 400_000


def cpu_count() -> int:
    """How many cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def start_pool(jobs: int | None, rest: list[tuple[int, int]],
               state: tuple[str, list[Rule], RepairContext, bool]) -> tuple[Any, int] | None:
    """A pool of worker processes for the sections ``rest`` and its size, or None to repair
    them here.

    ``state`` is what every worker needs: the whole text, the rules, the document's context
    and whether to explain.
    """
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
    if fork_is_safe():
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


def fork_is_safe() -> bool:
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
    resume_gc_after_fork()  # forked from inside a section's run, where the collector is paused
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def work(span: tuple[int, int]) -> tuple[str, list[Edit], OffsetMap]:
    """Repair one section in a worker process (the section's text is not sent back)."""
    assert _WORKER is not None
    text, rules, context, explain = _WORKER
    result = run_section(text[span[0]:span[1]], rules, context, explain=explain)
    return result.text, result.edits, result.offsets


def collect(text: str, start: int, end: int, done: Any) -> tuple[int, Repaired]:
    """A worker's result for ``text[start:end]`` (waiting for it), as a :class:`Repaired`."""
    repaired, edits, offsets = done.get()
    return start, Repaired(repaired, text[start:end], edits, offsets)
