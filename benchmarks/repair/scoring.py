"""Score one repaired document against its gold, and sum scores over documents.

Whole documents are compared: ``metrics.word_error_rate`` aligns the word sequences of the gold
and of the output with an edit distance, so it does not matter that extraction moved line breaks
or dropped blank lines. Skeleton-based metrics (ZWNJ, splits) align letters the same way. Line
orientation comes from :mod:`orientation`. *Splits* are gaps inside a gold word that the input
broke with a space (``split_stats``' letter splits; a ZWNJ written as a space is scored by ZWNJ
recall instead). *Clean tokens changed* are gold words that the input
already had right (inside a block the input shares with the gold, by
:class:`difflib.SequenceMatcher` over words) and that the output no longer has right.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import metrics
from orientation import GoldIndex, ReorderStats, reorder_stats

ZWNJ = "\u200c"


def _matched_ref_words(ref: list[str], other: list[str]) -> set[int]:
    matcher = difflib.SequenceMatcher(None, ref, other, autojunk=False)
    return {i + k for i, _, size in matcher.get_matching_blocks() for k in range(size)}


@dataclass(frozen=True)
class Score:
    """Scores of one document, or sums over several (rates weighted by their denominators)."""

    words: int
    chars: int
    wer: float
    wer_zwnj: float
    cer: float
    zwnj_p: float | None
    zwnj_r: float | None
    zwnj_f1: float | None
    splits: int
    splits_repaired: int
    word_boundaries: int
    false_merges: int
    clean_tokens: int
    clean_changed_tokens: int
    reorder: ReorderStats = field(default_factory=lambda: ReorderStats(0, 0, 0, 0))
    # Weights for micro-averaging ZWNJ precision and recall over documents.
    hyp_zwnj: int = 0
    ref_zwnj: int = 0

    @property
    def splits_rate(self) -> float | None:
        return self.splits_repaired / self.splits if self.splits else None

    @property
    def false_merge_rate(self) -> float | None:
        return self.false_merges / self.word_boundaries if self.word_boundaries else None

    @property
    def clean_changed(self) -> float | None:
        return self.clean_changed_tokens / self.clean_tokens if self.clean_tokens else None

    @classmethod
    def total(cls, scores: list[Score]) -> Score:
        """Sum over documents: error rates weighted by gold words/characters, ZWNJ precision
        by the output's ZWNJs and recall by the gold's (micro averages)."""
        words = sum(s.words for s in scores) or 1
        chars = sum(s.chars for s in scores) or 1
        hyp_z = sum(s.hyp_zwnj for s in scores)
        ref_z = sum(s.ref_zwnj for s in scores)
        p = (sum((s.zwnj_p or 0) * s.hyp_zwnj for s in scores) / hyp_z) if hyp_z else None
        r = (sum((s.zwnj_r or 0) * s.ref_zwnj for s in scores) / ref_z) if ref_z else None
        if p is None and r is None:
            f1 = None
        else:
            pp, rr = (1.0 if p is None else p), (1.0 if r is None else r)
            f1 = 2 * pp * rr / (pp + rr) if pp + rr else 0.0
        return cls(
            words=words, chars=chars,
            wer=sum(s.wer * s.words for s in scores) / words,
            wer_zwnj=sum(s.wer_zwnj * s.words for s in scores) / words,
            cer=sum(s.cer * s.chars for s in scores) / chars,
            zwnj_p=p, zwnj_r=r, zwnj_f1=f1,
            splits=sum(s.splits for s in scores),
            splits_repaired=sum(s.splits_repaired for s in scores),
            word_boundaries=sum(s.word_boundaries for s in scores),
            false_merges=sum(s.false_merges for s in scores),
            clean_tokens=sum(s.clean_tokens for s in scores),
            clean_changed_tokens=sum(s.clean_changed_tokens for s in scores),
            reorder=ReorderStats(*(sum(getattr(s.reorder, f) for s in scores) for f in (
                "reversed_lines", "restored", "forward_lines", "false_reorders"))),
            hyp_zwnj=hyp_z, ref_zwnj=ref_z)


def score_document(gold: str, broken: str, out: str, index: GoldIndex | None = None) -> Score:
    """Every metric of the benchmark for one document (``broken`` repaired into ``out``)."""
    p, r, f1 = metrics.zwnj_prf(gold, out)
    splits = metrics.split_stats(gold, broken, out)
    ref_words, raw_words, out_words = gold.split(), broken.split(), out.split()
    clean = _matched_ref_words(ref_words, raw_words)
    kept = _matched_ref_words(ref_words, out_words) if out_words != raw_words else clean
    return Score(
        words=len(ref_words), chars=len(" ".join(ref_words)),
        wer=metrics.word_error_rate(gold, out),
        wer_zwnj=metrics.word_error_rate(gold, out, zwnj_as_space=True),
        cer=metrics.char_error_rate(gold, out),
        zwnj_p=p, zwnj_r=r, zwnj_f1=f1,
        splits=int(splits["splits"]), splits_repaired=int(splits["repaired"]),
        word_boundaries=int(splits["word_boundaries"]),
        false_merges=int(splits["false_merges"]),
        clean_tokens=len(clean), clean_changed_tokens=len(clean - kept),
        reorder=reorder_stats(gold, broken, out, index),
        hyp_zwnj=out.count(ZWNJ), ref_zwnj=gold.count(ZWNJ))
