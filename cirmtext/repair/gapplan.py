"""The per-line plan of the spacing stage: which gaps of a line to close, and how.

:func:`plan_gaps` splits a text into lines and each line into pieces at single spaces (runs of
two or more spaces are word boundaries and never close). Pieces linked by gaps that may close
(:func:`~.gaps._gap`) form clusters; in each cluster a dynamic programme over spans of at most
:data:`MAX_PIECES` pieces picks the segmentation with the best total of word scores
(:mod:`.wordscore`) less closing costs (:func:`~.gapjoin._best_join`). Plans are memoised per
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
from .chardata import ZWNJ
from .detect import FRAGMENTS, DocumentStats, Lexicon
from .gapjoin import _best_join
from .gaps import (
    _ALWAYS,
    _BREAKS,
    _MISSING,
    GAP_MEMO_SIZE,
    SHORT_PIECE,
    _document_facts,
    _Gap,
    _intern,
    _shared_gap,
)
from .wordscore import UNKNOWN, _Scorer, _scorer

__all__ = ["JOIN_MEMO_SIZE", "MAX_PIECES", "plan_gaps"]

_LETTERS = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc"
#: A token's leading non-letters, its letters (and ZWNJs), and its trailing non-letters.
_CORE = re.compile(f"^([^{_LETTERS}]*)([{_LETTERS}\u200c]+)([^{_LETTERS}\u200c]*)$")
#: The options of a gap that can only close (no ZWNJ).
_CLOSE = ("",)
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


#: A single space between two tokens whose letters reach it: group 1 the letters (and ZWNJs)
#: that end the token before it, group 2 those that begin the token after it; each token is
#: non-letters, one run of letters and ZWNJs, non-letters (see :func:`_token_core`), and the
#: token before ends in its run, the token after begins with it. The token after a match is
#: where the next match starts when the two gaps share it.
_PAIR = re.compile(
    f"(?<![^ ])[^ {_LETTERS}]*+([{_LETTERS}\u200c]++) "
    f"(?=([{_LETTERS}][{_LETTERS}\u200c]*+|\u200c)[^ {_LETTERS}\u200c]*+(?: |\\Z))")


def _plan_line(line: str, stats: DocumentStats, lex: Lexicon, scorer: _Scorer,
               caches: _Caches) -> list[Change]:
    gap_memo, join_memo, pair_memo = caches
    memo_get = gap_memo.get
    facts = _document_facts(stats)
    words = stats.words
    wide = stats.wide
    out: list[Change] = []
    # runs of consecutive candidate gaps (pieces linked by gaps that may close) are clusters
    cores: list[str] = []  # the pieces of the current cluster
    gaps: list[_Gap] = []  # its gaps
    spaces: list[int] = []  # and where they are
    joint = -1  # where the piece after the cluster's last gap starts
    for m in _PAIR.finditer(line):
        key = m.groups()  # the two pieces
        gap = memo_get(key, _MISSING)
        if gap is _MISSING:
            a, b = key
            gap = _shared_gap(a, b, facts, words, lex)
            if gap is not None and wide and "" in gap[0] and (
                    a.rpartition(ZWNJ)[2], b.partition(ZWNJ)[0]) in wide:
                # two spaces in the source, collapsed since by another rule: a word boundary
                # (a lost ZWNJ may still be written there)
                gap = _without_join(gap)
            gap_memo[key] = gap
        if gap is None:
            continue
        if m.start() != joint:  # a new cluster: decide the one before
            if gaps:
                _decide(cores, gaps, spaces, scorer, lex, join_memo, pair_memo, out)
            cores = [key[0]]
            gaps = []
            spaces = []
        cores.append(key[1])
        gaps.append(gap)
        spaces.append(m.end(1))
        joint = m.end()
    if gaps:
        _decide(cores, gaps, spaces, scorer, lex, join_memo, pair_memo, out)
    return out


def _without_join(gap: _Gap) -> _Gap | None:
    """``gap`` with closing into one word taken from its options (None if nothing is left)."""
    if ZWNJ not in gap[0]:
        return None
    return _intern(((ZWNJ,), *gap[1:4]))


def _decide(cores: list[str], gaps: list[_Gap], spaces: list[int], scorer: _Scorer,
            lex: Lexicon, join_memo: dict[Any, Any], pair_memo: dict[Any, Any],
            out: list[Change]) -> None:
    """Add to ``out`` the gaps of one cluster that close (``spaces``: where its gaps are)."""
    if len(gaps) == 1:  # two pieces, the common case: decided once per pair
        pair = (cores[0], cores[1])
        sep = pair_memo.get(pair, _MISSING)
        if sep is _MISSING:
            sep = pair_memo[pair] = _join_pair(pair, gaps[0], scorer, lex, join_memo)
        if sep is not None:
            end = spaces[0]
            out.append(Change(end, end + 1, sep))
    else:
        out.extend(_plan_cluster(cores, gaps, [*spaces, 0], scorer, lex, join_memo))


def _join_pair(pair: tuple[str, str], gap: _Gap, scorer: _Scorer, lex: Lexicon,
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
        if costs is not _ALWAYS and costs is not _BREAKS:
            return None
        if not any(not lex.is_word(c) and (costs is _ALWAYS or len(c) <= SHORT_PIECE)
                   for c in pair):
            return None
    key = (pair, gap[4])
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
            out.append(Change(end, end + 1, sep))
        m = k
    out.sort()
    return out


def _cluster_plan(cores: list[str], gaps: list[_Gap], ids: tuple[int, ...], scorer: _Scorer,
                  lex: Lexicon, join_memo: dict[Any, Any]) -> list[tuple[int, tuple[str, ...]]]:
    """The dynamic programme of :func:`_plan_cluster`: for each piece boundary, where the best
    plan's last word starts and how its gaps close."""
    n = len(cores)
    best = [0.0] + [-math.inf] * n
    back: list[tuple[int, tuple[str, ...]]] = [(0, ())] * (n + 1)
    # Most spans close into no word at all. Where every gap of a span can only close
    # (no ZWNJ), that is seen from the one word it makes, and from whether one of its pieces is
    # a fragment (as :func:`~.gapjoin._fragment_like` asks, read off these flags): such a span
    # scores -inf in :func:`~.gapjoin._best_join` and is skipped without it.
    plain = [gap[0] == _CLOSE for gap in gaps]
    evidence = [gap[1] is _ALWAYS or gap[1] is _BREAKS for gap in gaps]
    always = [gap[1] is _ALWAYS for gap in gaps]
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
                result = join_memo[key] = _best_join(cores[k:m], gaps[k:m - 1], scorer, lex)
            score, seps = result
            if best[k] + score > best[m]:
                best[m], back[m] = best[k] + score, (k, seps)
    return back

