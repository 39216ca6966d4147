"""The per-line plan of the spacing stage: which gaps of a line to close, and how.

:func:`plan_gaps` splits a text into lines and each line into pieces at single spaces (runs of
two or more spaces are word boundaries and never close). Pieces linked by gaps that may close
(:func:`~.gaps._gap`) form clusters; in each cluster a dynamic programme over spans of at most
:data:`MAX_PIECES` pieces picks the segmentation with the best total of word scores
(:mod:`.wordscore`) less closing costs (:func:`~.gaps._best_join`). Plans are memoised per
line, per gap and per span, so repeated lines, pairs and spans (and the second rule of the
stage, which asks the same question) cost a dictionary lookup.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from .align import apply_changes
from .base import Change, RepairContext
from .detect import DocumentStats, Lexicon
from .gaps import _MISSING, GAP_MEMO_SIZE, _best_join, _Gap, _shared_gap
from .wordscore import _Scorer, _scorer

__all__ = ["JOIN_MEMO_SIZE", "MAX_PIECES", "plan_gaps"]

#: A token's leading non-letters, its letters (and ZWNJs), and its trailing non-letters.
_CORE = re.compile("^([^\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc]*)"
                   "([\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u200c]+)"
                   "([^\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u200c]*)$")
#: The most pieces one word may be joined from (``د اد ه ها`` is four).
MAX_PIECES = 5


@functools.lru_cache(maxsize=131072)
def _token_core(token: str) -> tuple[str, bool, bool]:
    """The run of letters of a token, and whether nothing but letters is at its start/end."""
    c = _CORE.match(token)
    if c is None:
        return "", False, False
    return c.group(2), not c.group(1), not c.group(3)


#: Scores of joined spans, shared across calls: a span's score depends only on its pieces and
#: the options and costs of its gaps, which are part of the key. Cleared when it grows past
#: ``JOIN_MEMO_SIZE`` entries, so memory stays bounded.
_JOIN_MEMO: dict[Any, Any] = {}
JOIN_MEMO_SIZE = 50_000


def plan_gaps(text: str, context: RepairContext) -> list[Change]:
    """The gaps to close in ``text``: ``Change(start, end, "")`` or ``Change(..., ZWNJ)``.

    >>> plan_gaps("مد یریت", RepairContext.from_text("مد یریت"))
    [Change(start=2, end=3, after='')]
    """
    cached = context.cache.get("spacing")
    if cached is not None and cached[0] == text:
        return list(cached[1])
    stats = context.stats()
    scorer = _scorer()
    lex = scorer.lex
    previous: dict[str, tuple[Change, ...]] = context.cache.get("spacing_lines", {})
    if len(_JOIN_MEMO) > JOIN_MEMO_SIZE:
        _JOIN_MEMO.clear()
    caches: tuple[dict[Any, Any], dict[Any, Any]] = context.cache.setdefault(
        "spacing_memo", ({}, _JOIN_MEMO))
    if len(caches[0]) > GAP_MEMO_SIZE:
        caches[0].clear()
    memo: dict[str, tuple[Change, ...]] = {}
    changes: list[Change] = []
    offset = 0
    for line in text.split("\n"):
        if " " in line:
            plan = memo.get(line)
            if plan is None:
                plan = previous.get(line)
                if plan is None:
                    plan = tuple(_plan_line(line, stats, lex, scorer, caches))
                    _foresee(line, plan, memo)
                memo[line] = plan
            if offset:
                changes.extend(Change(c.start + offset, c.end + offset, c.after) for c in plan)
            else:
                changes.extend(plan)
        offset += len(line) + 1
    context.cache["spacing"] = (text, tuple(changes))
    context.cache["spacing_lines"] = memo
    return changes


def _foresee(line: str, plan: tuple[Change, ...], memo: dict[str, tuple[Change, ...]]) -> None:
    """Remember the ZWNJ part of ``plan`` for the line as it will be once the joins are made.

    The driver runs :func:`join_split_words` then :func:`insert_zwnj` on the joined text; this
    saves planning that line again. (The next pass plans the repaired line afresh, so the
    fixed point is still checked.)
    """
    joins = [c for c in plan if c.after == ""]
    if not joins or len(joins) == len(plan):
        return
    shifted = []
    removed = 0
    j = 0
    for c in plan:
        while j < len(joins) and joins[j].start < c.start:
            removed += joins[j].end - joins[j].start
            j += 1
        if c.after:
            shifted.append(Change(c.start - removed, c.end - removed, c.after))
    memo[apply_changes(line, joins)] = tuple(shifted)


def _plan_line(line: str, stats: DocumentStats, lex: Lexicon, scorer: _Scorer,
               caches: tuple[dict[Any, Any], dict[Any, Any]]) -> list[Change]:
    gap_memo, join_memo = caches
    tokens = line.split(" ")
    # Pieces: (end offset, core) of the non-empty tokens, and the gap after each.
    ends: list[int] = []
    cores: list[str] = []
    gaps: list[_Gap | None] = []
    pos = 0
    previous_open = False
    single = False
    for token in tokens:
        if not token:
            pos += 1
            single = False
            continue
        core, open_left, open_right = _token_core(token)
        if cores:
            gap = None
            if single and previous_open and open_left and core:
                key = (cores[-1], core)
                gap = gap_memo.get(key, _MISSING)
                if gap is _MISSING:
                    gap = gap_memo[key] = _shared_gap(cores[-1], core, stats, lex)
            gaps.append(gap)
        cores.append(core)
        pos += len(token)
        ends.append(pos)
        pos += 1
        previous_open = open_right and bool(core)
        single = True
    out: list[Change] = []
    n = len(cores)
    k = 0
    while k < n - 1:
        if gaps[k] is None:
            k += 1
            continue
        m = k + 1
        while m < n - 1 and gaps[m] is not None:
            m += 1
        out.extend(_plan_cluster(cores[k:m + 1], gaps[k:m], ends[k:m + 1], scorer, lex,
                                 join_memo))
        k = m
    return out


def _plan_cluster(cores: list[str], gaps: list[_Gap | None], ends: list[int], scorer: _Scorer,
                  lex: Lexicon, join_memo: dict[Any, Any]) -> list[Change]:
    """Dynamic programme over pieces linked by candidate gaps."""
    n = len(cores)
    if n == 2:  # the common case, without the tables
        key = ((cores[0], cores[1]), (gaps[0],))
        result = join_memo.get(key)
        if result is None:
            result = join_memo[key] = _best_join(list(key[0]), list(key[1]), scorer, lex)
        score, seps = result
        if score > scorer.piece(cores[0]) + scorer.piece(cores[1]):
            return [Change(ends[0], ends[0] + 1, seps[0])]
        return []
    best = [0.0] + [-math.inf] * n
    back: list[tuple[int, tuple[str, ...]]] = [(0, ())] * (n + 1)
    for k in range(n):
        single = best[k] + scorer.piece(cores[k])
        if single > best[k + 1]:
            best[k + 1], back[k + 1] = single, (k, ())
        for m in range(k + 2, min(n, k + MAX_PIECES) + 1):
            key = (tuple(cores[k:m]), tuple(gaps[k:m - 1]))
            result = join_memo.get(key)
            if result is None:
                result = join_memo[key] = _best_join(list(key[0]), list(key[1]), scorer, lex)
            score, seps = result
            if best[k] + score > best[m]:
                best[m], back[m] = best[k] + score, (k, seps)
    out: list[Change] = []
    m = n
    while m > 0:
        k, seps = back[m]
        for j, sep in enumerate(seps):
            end = ends[k + j]
            out.append(Change(end, end + 1, sep))
        m = k
    out.sort()
    return out

