"""Metrics for text repair: word and character error rates, ZWNJ precision/recall, split repair.

All functions compare a reference (gold) text with a hypothesis (a raw or repaired text).

* :func:`word_error_rate`: word-level edit distance over whitespace tokens, divided by the
  number of reference tokens; ``zwnj_as_space=True`` counts ZWNJ as a space first, so that
  ``می‌رود`` and ``می رود`` agree (the fairer view for tools that do not write ZWNJ).
* :func:`char_error_rate`: character edit distance divided by the reference length.
* :func:`zwnj_prf` and :func:`split_stats` judge the *gaps* between letters. Both texts are
  reduced to a skeleton (no whitespace, no ZWNJ, Arabic ي ى ك and presentation forms folded to
  Persian base letters, kashida and bidi controls dropped); each gap between two skeleton
  characters is ``""`` (letters join), ``" "`` (a space) or ``ZWNJ``. The skeletons are aligned
  with :class:`difflib.SequenceMatcher`, and only gaps inside matching blocks are compared, so a
  few changed letters do not spoil the gap statistics.

Edit distances are computed exactly on the differing stretches between the blocks that
:class:`difflib.SequenceMatcher` finds in common (fast on long texts; exact whenever the
matching blocks belong to an optimal alignment, which is the case for repair output).

>>> word_error_rate("مدیریت ارتباط با شهروند", "مد یریت ارتباط با شهروند")
0.5
>>> zwnj_prf("می‌رود", "می‌رود")
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence

__all__ = ["char_error_rate", "gaps", "split_stats", "word_error_rate", "zwnj_prf"]

ZWNJ = "\u200c"
_DROP = frozenset("\u0640\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                  "\u2066\u2067\u2068\u2069\ufeff")
_FOLD = {"ي": "ی", "ى": "ی", "ك": "ک"}


def _levenshtein(a: Sequence[object], b: Sequence[object]) -> int:
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def edit_distance(a: Sequence[object], b: Sequence[object]) -> int:
    """Levenshtein distance, exact on the stretches between common blocks."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    total = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            total += _levenshtein(a[i1:i2], b[j1:j2])
    return total


def word_error_rate(ref: str, hyp: str, zwnj_as_space: bool = False) -> float:
    """Word edit distance over whitespace tokens / number of reference tokens."""
    if zwnj_as_space:
        ref, hyp = ref.replace(ZWNJ, " "), hyp.replace(ZWNJ, " ")
    ref_words, hyp_words = ref.split(), hyp.split()
    if not ref_words:
        return float(bool(hyp_words))
    return edit_distance(ref_words, hyp_words) / len(ref_words)


def char_error_rate(ref: str, hyp: str) -> float:
    """Character edit distance / reference length (runs of whitespace count as one space)."""
    ref, hyp = " ".join(ref.split()), " ".join(hyp.split())
    if not ref:
        return float(bool(hyp))
    return edit_distance(ref, hyp) / len(ref)


def _fold(ch: str) -> str:
    ch = _FOLD.get(ch, ch)
    if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff":
        ch = unicodedata.normalize("NFKC", ch)
        ch = "".join(_FOLD.get(c, c) for c in ch)
    return ch


def gaps(text: str) -> tuple[str, list[str]]:
    """The skeleton of ``text`` and the gap after each skeleton character.

    >>> skeleton, seps = gaps("می‌رود به خانه")
    >>> skeleton, seps[:3]
    ('میرودبهخانه', ['', '\u200c', ''])
    """
    chars: list[str] = []
    seps: list[str] = []
    for ch in text:
        if ch in _DROP:
            continue
        if ch == ZWNJ or ch.isspace():
            if seps:
                kind = " " if ch.isspace() else ZWNJ
                if seps[-1] != " ":
                    seps[-1] = kind
            continue
        folded = _fold(ch)
        for c in folded:
            chars.append(c)
            seps.append("")
    return "".join(chars), seps


def _aligned_gaps(ref: str, hyp: str) -> list[tuple[str, str]]:
    """Pairs (reference gap, hypothesis gap) for gaps inside matching skeleton blocks."""
    ref_skel, ref_seps = gaps(ref)
    hyp_skel, hyp_seps = gaps(hyp)
    if ref_skel == hyp_skel:
        return list(zip(ref_seps[:-1], hyp_seps[:-1], strict=True))
    pairs = []
    matcher = difflib.SequenceMatcher(None, ref_skel, hyp_skel, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size - 1):
            pairs.append((ref_seps[i + k], hyp_seps[j + k]))
    return pairs


def zwnj_prf(ref: str, hyp: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the ZWNJs of ``hyp`` against those of ``ref``.

    With no ZWNJ in either text all three are 1.0.
    """
    tp = fp = fn = 0
    for r, h in _aligned_gaps(ref, hyp):
        if h == ZWNJ:
            if r == ZWNJ:
                tp += 1
            else:
                fp += 1
        elif r == ZWNJ:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def split_stats(ref: str, broken: str, hyp: str) -> dict[str, float]:
    """How many of the words that ``broken`` split were joined again in ``hyp``, and at what cost.

    A *split* is a gap where ``ref`` joins letters (no space, no ZWNJ) and ``broken`` has a space;
    it is *repaired* when ``hyp`` joins the letters there again. A *ZWNJ split* is a gap where
    ``ref`` has a ZWNJ and ``broken`` a space or nothing; it is repaired when ``hyp`` has a ZWNJ.
    A *false merge* is a gap where ``ref`` has a space (between two words) and ``hyp`` has none or a
    ZWNJ; its rate is per reference word boundary.

    Returns:
        ``splits``, ``repaired``, ``repaired_rate``, ``zwnj_splits``, ``zwnj_repaired``,
        ``zwnj_repaired_rate``, ``word_boundaries``, ``false_merges``, ``false_merge_rate``.
    """
    ref_skel, ref_seps = gaps(ref)
    brk_map = _gap_map(ref_skel, broken)
    hyp_map = _gap_map(ref_skel, hyp)
    stats = dict.fromkeys(("splits", "repaired", "zwnj_splits", "zwnj_repaired",
                           "word_boundaries", "false_merges"), 0)
    for k, r in enumerate(ref_seps[:-1]):
        b, h = brk_map.get(k), hyp_map.get(k)
        if r == " ":
            if h is not None:
                stats["word_boundaries"] += 1
                stats["false_merges"] += h != " "
        elif b is None or h is None:
            continue
        elif r == "" and b == " ":
            stats["splits"] += 1
            stats["repaired"] += h == ""
        elif r == ZWNJ and b != ZWNJ:
            stats["zwnj_splits"] += 1
            stats["zwnj_repaired"] += h == ZWNJ
    out: dict[str, float] = dict(stats)
    out["repaired_rate"] = stats["repaired"] / stats["splits"] if stats["splits"] else 1.0
    out["zwnj_repaired_rate"] = (stats["zwnj_repaired"] / stats["zwnj_splits"]
                                 if stats["zwnj_splits"] else 1.0)
    out["false_merge_rate"] = (stats["false_merges"] / stats["word_boundaries"]
                               if stats["word_boundaries"] else 0.0)
    return out


def _gap_map(ref_skel: str, other: str) -> dict[int, str]:
    """Reference gap index -> gap of ``other`` there, for gaps inside matching blocks."""
    skel, seps = gaps(other)
    if skel == ref_skel:
        return dict(enumerate(seps[:-1]))
    out = {}
    matcher = difflib.SequenceMatcher(None, ref_skel, skel, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size - 1):
            out[i + k] = seps[j + k]
    return out
