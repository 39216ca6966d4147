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
import itertools
import math
import re
from typing import Any

from .align import apply_changes
from .base import Change, RepairContext
from .detect import DocumentStats, Lexicon
from .gaps import (
    _MISSING,
    GAP_MEMO_SIZE,
    _best_join,
    _document_facts,
    _Gap,
    _shared_gap,
)
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
#: The memos kept with the document: gap decisions by pair of pieces, the shared span scores
#: (:data:`_JOIN_MEMO`), and the decisions of two-piece clusters by pair.
_Caches = tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]]


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
    caches: _Caches = context.cache.setdefault("spacing_memo", ({}, _JOIN_MEMO, {}))
    if len(caches[0]) > GAP_MEMO_SIZE:
        caches[0].clear()
        caches[2].clear()
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
               caches: _Caches) -> list[Change]:
    gap_memo, join_memo, pair_memo = caches
    memo_get = gap_memo.get
    core_of = _token_core
    tokens = line.split(" ")
    cores: list[str] = []  # the letters of each non-empty token
    where: list[int] = []  # and the token's index in ``tokens``
    gaps: dict[int, _Gap] = {}  # core index -> the candidate gap after that core
    previous = ""  # the core before this token, if nothing but a single space is between
    facts = _document_facts(stats)
    i = -1
    for token in tokens:
        i += 1
        if not token:
            previous = ""
            continue
        core, open_left, open_right = core_of(token)
        if previous and open_left:
            key = (previous, core)
            gap = memo_get(key, _MISSING)
            if gap is _MISSING:
                gap = gap_memo[key] = _shared_gap(previous, core, facts, stats.words, lex)
            if gap is not None:
                gaps[len(cores) - 1] = gap
        cores.append(core)
        where.append(i)
        previous = core if open_right else ""
    if not gaps:
        return []
    # Letters up to the end of each token; token i ends that many letters and i spaces in.
    lengths = list(itertools.accumulate(map(len, tokens)))
    out: list[Change] = []
    first = last = -2
    for k in [*gaps, -2]:  # runs of consecutive candidate gaps are clusters
        if k == last + 1:
            last = k
            continue
        if first < 0:
            pass  # before the first gap
        elif first == last:  # two pieces, the common case: decided once per pair
            pair = (cores[first], cores[first + 1])
            sep = pair_memo.get(pair, _MISSING)
            if sep is _MISSING:
                sep = pair_memo[pair] = _join_pair(pair, gaps[first], scorer, lex, join_memo)
            if sep is not None:
                i = where[first]
                end = lengths[i] + i
                out.append(Change(end, end + 1, sep))
        else:
            out.extend(_plan_cluster(cores[first:last + 2],
                                     [gaps[j] for j in range(first, last + 1)],
                                     [lengths[i] + i for i in where[first:last + 2]],
                                     scorer, lex, join_memo))
        first = last = k
    return out


def _join_pair(pair: tuple[str, str], gap: _Gap, scorer: _Scorer, lex: Lexicon,
               join_memo: dict[Any, Any]) -> str | None:
    """What the gap between two pieces alone becomes (``""``, ZWNJ), or None if it stays.

    The two-piece case of :func:`_plan_cluster`: one word if it scores better than the two
    pieces standing alone.
    """
    key = (pair, (gap,))
    result = join_memo.get(key)
    if result is None:
        result = join_memo[key] = _best_join(list(pair), [gap], scorer, lex)
    score, seps = result
    if score > scorer.piece(pair[0]) + scorer.piece(pair[1]):
        return seps[0]
    return None


def _plan_cluster(cores: list[str], gaps: list[_Gap], ends: list[int], scorer: _Scorer,
                  lex: Lexicon, join_memo: dict[Any, Any]) -> list[Change]:
    """Dynamic programme over three pieces or more linked by candidate gaps."""
    n = len(cores)
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

