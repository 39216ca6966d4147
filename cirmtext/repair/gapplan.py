"""The per-line plan of the spacing stage: which gaps of a line to close, and how.

:func:`plan_gaps` splits a text into lines and each line into pieces at single spaces (runs of
two or more spaces are word boundaries and never close). Pieces linked by gaps that may close
(:func:`~.gaps._gap`) form clusters; in each cluster a dynamic programme over spans of at most
:data:`MAX_PIECES` pieces picks the segmentation with the best total of word scores
(:mod:`.wordscore`) less closing costs (:func:`~.gapjoin.best_join`). Plans are memoised per
line, per gap and per span, so repeated lines, pairs and spans (and the second rule of the
stage, which asks the same question) cost a dictionary lookup; so do a token's pieces, and the
gap between two pieces and what it becomes between them alone (one entry per pair).
"""

from __future__ import annotations

import math
import re
from typing import Any

from .align import apply_changes
from .base import Change, RepairContext
from .chardata import ZWNJ
from .detect import FRAGMENTS, DocumentStats, Lexicon
from .gapjoin import best_join
from .gaps import (
    COSTS_ALWAYS,
    COSTS_BREAKS,
    GAP_MEMO_SIZE,
    MISSING,
    SHORT_PIECE,
    Gap,
    document_facts,
    intern_gap,
    shared_gap,
)
from .wordscore import UNKNOWN, WordScorer, word_scorer

__all__ = ["JOIN_MEMO_SIZE", "MAX_PIECES", "plan_gaps"]

_LETTERS = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc"
#: The options of a gap that can only close (no ZWNJ).
_CLOSE = ("",)
#: The most pieces one word may be joined from (``د اد ه ها`` is four).
MAX_PIECES = 5


#: Scores of joined spans, shared across calls: a span's score depends only on its pieces and
#: the options and costs of its gaps, which are part of the key. Cleared when it grows past
#: ``JOIN_MEMO_SIZE`` entries, so memory stays bounded.
_JOIN_MEMO: dict[Any, Any] = {}
JOIN_MEMO_SIZE = 50_000
#: The memos kept with the document: per pair of pieces, its gap and what that gap becomes
#: between these two pieces alone (filled on first use); and the shared span scores
#: (:data:`_JOIN_MEMO`).
_Caches = tuple[dict[tuple[str, str], list[Any]], dict[Any, Any]]
#: A Change made without the keyword handling of its constructor (the planner makes many).
_new = tuple.__new__


def plan_gaps(text: str, context: RepairContext) -> list[Change]:
    """The gaps to close in ``text``: ``Change(start, end, "")`` or ``Change(..., ZWNJ)``.

    >>> plan_gaps("مد یریت", RepairContext.from_text("مد یریت"))
    [Change(start=2, end=3, after='')]
    """
    cached = context.cache.get("spacing")
    if cached is not None and cached[0] == text:
        return list(cached[1])
    stats = context.stats()
    scorer = word_scorer()
    lex = scorer.lex
    previous: dict[str, tuple[Change, ...]] = context.cache.get("spacing_lines", {})
    if len(_JOIN_MEMO) > JOIN_MEMO_SIZE:
        _JOIN_MEMO.clear()
    caches: _Caches = context.cache.setdefault("spacing_memo", ({}, _JOIN_MEMO))
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
                changes.extend([_new(Change, (start + offset, end + offset, after))
                                for start, end, after in plan])
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


def _plan_line(line: str, stats: DocumentStats, lex: Lexicon, scorer: WordScorer,
               caches: _Caches) -> list[Change]:
    entries, join_memo = caches
    entry_get = entries.get
    shape_get = _SHAPES.get
    out: list[Change] = []
    # Runs of consecutive candidate gaps (pieces linked by gaps that may close) are clusters.
    # The pieces are the tokens between single spaces: ``a`` is the letters that end the
    # token before the gap (None if it does not end in them), ``b`` those that start the token
    # after it; ``start`` is where the token before starts, ``pos`` where the one after does.
    first: list[Any] | None = None  # the entry of the cluster's first gap
    pair: tuple[str, str] = ("", "")  # and its two pieces
    space = 0  # and where it is
    cores: list[str] | None = None  # the pieces of a cluster of two gaps or more
    gaps: list[Gap] = []  # its gaps
    spaces: list[int] = []  # and where they are
    joint = -1  # where the piece after the cluster's last gap starts
    a = None
    start = pos = 0
    tokens = line.split(" ")
    for token, shape in zip(tokens, map(shape_get, tokens), strict=True):
        if shape is None:
            shape = _shape(token)
        b = shape[1]
        if a is not None and b is not None:
            key = (a, b)
            entry = entry_get(key)
            if entry is None:
                entry = entries[key] = [_gap_of(a, b, stats, lex), MISSING]
            gap = entry[0]
            if gap is not None:
                if start == joint:  # the cluster goes on
                    if cores is None:
                        cores, gaps, spaces = [*pair], [first[0]], [space]  # type: ignore[index]
                    cores.append(b)
                    gaps.append(gap)
                    spaces.append(pos - 1)
                else:  # a new cluster: decide the one before
                    if first is not None:
                        _decide(first, pair, space, cores, gaps, spaces, scorer, lex,
                                join_memo, out)
                    first, pair, space, cores = entry, key, pos - 1, None
                joint = pos
        a = shape[0]
        start = pos
        pos += len(token) + 1
    if first is not None:
        _decide(first, pair, space, cores, gaps, spaces, scorer, lex, join_memo, out)
    return out


def _gap_of(a: str, b: str, stats: DocumentStats, lex: Lexicon) -> Gap | None:
    """The gap between the pieces ``a`` and ``b`` in this document."""
    gap = shared_gap(a, b, document_facts(stats), stats.words, lex)
    wide = stats.wide
    if gap is not None and wide and "" in gap[0] and (
            a.rpartition(ZWNJ)[2], b.partition(ZWNJ)[0]) in wide:
        # two spaces in the source, collapsed since by another rule: a word boundary
        # (a lost ZWNJ may still be written there)
        gap = _without_join(gap)
    return gap


#: A token (the text between single spaces) whose letters reach its end: non-letters, then
#: letters and ZWNJs (group 1, starting with a letter); and one whose letters start it: a
#: letter then letters and ZWNJs, or a ZWNJ (group 1), then non-letters other than ZWNJ.
_LEFT = re.compile(f"[^ {_LETTERS}]*+([{_LETTERS}\u200c]++)")
_RIGHT = re.compile(f"([{_LETTERS}][{_LETTERS}\u200c]*+|\u200c)[^ {_LETTERS}\u200c]*+")
#: Each token's pieces as the piece before a gap and the piece after one (None where it is
#: none), shared across calls; cleared past SHAPES_SIZE entries.
_SHAPES: dict[str, tuple[str | None, str | None]] = {}
SHAPES_SIZE = 200_000


def _shape(token: str) -> tuple[str | None, str | None]:
    if len(_SHAPES) >= SHAPES_SIZE:
        _SHAPES.clear()
    left = _LEFT.fullmatch(token)
    right = _RIGHT.fullmatch(token)
    shape = _SHAPES[token] = (left.group(1) if left else None,
                              right.group(1) if right else None)
    return shape


def _without_join(gap: Gap) -> Gap | None:
    """``gap`` with closing into one word taken from its options (None if nothing is left)."""
    if ZWNJ not in gap[0]:
        return None
    return intern_gap(((ZWNJ,), *gap[1:4]))


def _decide(first: list[Any], pair: tuple[str, str], space: int, cores: list[str] | None,
            gaps: list[Gap], spaces: list[int], scorer: WordScorer, lex: Lexicon,
            join_memo: dict[Any, Any], out: list[Change]) -> None:
    """Add to ``out`` the gaps of one cluster that close.

    ``first``: the entry of its first gap (its gap, and what it becomes in a cluster of two
    pieces, filled on first use), with its ``pair`` of pieces and ``space``; ``cores``,
    ``gaps`` and ``spaces``: the pieces, gaps and their places of a longer cluster (``cores``
    is None for two pieces).
    """
    if cores is None:  # two pieces, the common case: decided once per pair
        sep = first[1]
        if sep is MISSING:
            sep = first[1] = _join_pair(pair, first[0], scorer, lex, join_memo)
        if sep is not None:
            out.append(_new(Change, (space, space + 1, sep)))
    else:
        out.extend(_plan_cluster(cores, gaps, [*spaces, 0], scorer, lex, join_memo))


def _join_pair(pair: tuple[str, str], gap: Gap, scorer: WordScorer, lex: Lexicon,
               join_memo: dict[Any, Any]) -> str | None:
    """What the gap between two pieces alone becomes (``""``, ZWNJ), or None if it stays.

    The two-piece case of :func:`_plan_cluster`: one word if it scores better than the two
    pieces standing alone.
    """
    a, b = pair
    if (gap[0] == _CLOSE and scorer.word(a + b) <= -UNKNOWN
            and not (len(a) == 1 and a in FRAGMENTS) and not (len(b) == 1 and b in FRAGMENTS)):
        # no word, and no lone letter: a fragment only where the gap shows breaks (as in
        # :func:`_cluster_plan`)
        costs = gap[1]
        if costs is not COSTS_ALWAYS and costs is not COSTS_BREAKS:
            return None
        if not any(not lex.is_word(c) and (costs is COSTS_ALWAYS or len(c) <= SHORT_PIECE)
                   for c in pair):
            return None
    key = (pair, gap[4])
    result = join_memo.get(key)
    if result is None:
        result = join_memo[key] = best_join(list(pair), [gap], scorer, lex)
    score, seps = result
    if score > scorer.piece(pair[0]) + scorer.piece(pair[1]):
        return seps[0]
    return None


def _plan_cluster(cores: list[str], gaps: list[Gap], ends: list[int], scorer: WordScorer,
                  lex: Lexicon, join_memo: dict[Any, Any]) -> list[Change]:
    """Dynamic programme over three pieces or more linked by candidate gaps."""
    n = len(cores)
    ids = tuple(gap[4] for gap in gaps)
    # the same cluster again (a repeated phrase) is decided once; three items, so that the key
    # is no span's (pieces, gap numbers) nor pair's (pieces, gap number)
    whole = (tuple(cores), ids, n)
    back = join_memo.get(whole)
    if back is None:
        back = join_memo[whole] = _cluster_plan(cores, gaps, ids, scorer, lex, join_memo)
    out: list[Change] = []
    m = n
    while m > 0:
        k, seps = back[m]
        for j, sep in enumerate(seps):
            end = ends[k + j]
            out.append(_new(Change, (end, end + 1, sep)))
        m = k
    out.sort()
    return out


def _cluster_plan(cores: list[str], gaps: list[Gap], ids: tuple[int, ...], scorer: WordScorer,
                  lex: Lexicon, join_memo: dict[Any, Any]) -> list[tuple[int, tuple[str, ...]]]:
    """The dynamic programme of :func:`_plan_cluster`: for each piece boundary, where the best
    plan's last word starts and how its gaps close."""
    n = len(cores)
    best = [0.0] + [-math.inf] * n
    back: list[tuple[int, tuple[str, ...]]] = [(0, ())] * (n + 1)
    # Most spans close into no word at all. Where every gap of a span can only close
    # (no ZWNJ), that is seen from the one word it makes, and from whether one of its pieces is
    # a fragment (as :func:`~.gapjoin._fragment_like` asks, read off these flags): such a span
    # scores -inf in :func:`~.gapjoin.best_join` and is skipped without it.
    plain = [gap[0] == _CLOSE for gap in gaps]
    evidence = [gap[1] is COSTS_ALWAYS or gap[1] is COSTS_BREAKS for gap in gaps]
    always = [gap[1] is COSTS_ALWAYS for gap in gaps]
    lone = [len(c) == 1 and c in FRAGMENTS for c in cores]
    word_score = scorer.word
    nonword: list[bool] | None = None
    for k in range(n):
        single = best[k] + scorer.piece(cores[k])
        if single > best[k + 1]:
            best[k + 1], back[k + 1] = single, (k, ())
        for m in range(k + 2, min(n, k + MAX_PIECES) + 1):
            if (all(plain[k:m - 1]) and word_score("".join(cores[k:m])) <= -UNKNOWN
                    and not any(lone[k:m])):
                if not all(evidence[k:m - 1]):
                    continue
                if nonword is None:
                    nonword = [not lex.is_word(c) for c in cores]
                every = all(always[k:m - 1])
                if not any(nonword[i] and (every or len(cores[i]) <= SHORT_PIECE)
                           for i in range(k, m)):
                    continue
            key = (tuple(cores[k:m]), ids[k:m - 1])
            result = join_memo.get(key)
            if result is None:
                result = join_memo[key] = best_join(cores[k:m], gaps[k:m - 1], scorer, lex)
            score, seps = result
            if best[k] + score > best[m]:
                best[m], back[m] = best[k] + score, (k, seps)
    return back

