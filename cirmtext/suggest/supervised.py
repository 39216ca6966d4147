"""Learning from confirmations: re-rank the suggestions for the rest once a coder confirms some.

:class:`ConfirmationRanker` wraps a base suggester (by default the
:class:`~cirmtext.suggest.combine.CombinedSuggester`). Given codes a human confirmed on some
segments, it describes every (segment, code) pair by

* ``base``: the base suggester's score, relative to the segment's best code (``x / max x``);
* ``confirmed``: the mean TF-IDF cosine (our analyzer) between the segment and the segments
  confirmed with the code (a confirmed segment is never compared with itself), relative to the
  segment's best code;

and fits a scikit-learn logistic regression on the confirmed segments (positives: their
confirmed codes; negatives: the other candidates). With fewer than ``min_confirmed``
confirmed segments, or confirmations of a single class, it returns the base ranking unchanged.
(Richer feature sets, with the highest cosine, raw scores, the base's own parts and a count of
confirmations, did no better in ``benchmarks/topics``; the count even learned a leave-one-out
artefact, so they were dropped.)

**What a score means.** The probability, under that logistic model, that the code is one the
coder would confirm; ``Evidence(kind="supervised")`` names the nearest confirmed segment.
``benchmarks/topics`` measures top-3 and MRR with 0, 10, 25, 50 and 100 confirmations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Self

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..features import SegmentVectorizer
from ..records import Evidence, Segment, Suggestion
from .base import Suggester, as_segments, truncate

__all__ = ["ConfirmationRanker"]


class ConfirmationRanker(BaseEstimator):  # type: ignore[misc]
    """Re-rank a base suggester's output with what the coder has confirmed so far.

    Args:
        base: a suggester, fitted or not (fitted on the segments given to ``fit`` if not);
            ``None``: a :class:`~cirmtext.suggest.combine.CombinedSuggester` of ``codebook``.
        codebook: needed only when ``base`` is ``None``.
        c: inverse regularisation of the logistic model.
        top_k: default suggestions per segment; min_score: drop suggestions below it.

    Attributes:
        base_: the fitted base suggester (``codebook_``, ``fingerprint_``: its codebook, so the
        ranker can be saved with :func:`~cirmtext.suggest.persist.save_model`);
        vectorizer_: TF-IDF over the corpus;
        model_: the logistic model (``None`` when there was nothing to learn from);
        confirmed_: segment id → confirmed codes; codes_: codes with confirmations.
    """

    method = "supervised"

    def __init__(self, base: Suggester | None = None, *, codebook: Any = None,
                 c: float = 1.0, min_confirmed: int = 20, top_k: int | None = None,
                 min_score: float = 0.0) -> None:
        self.base = base
        self.min_confirmed = min_confirmed
        self.codebook = codebook
        self.c = c
        self.top_k = top_k
        self.min_score = min_score

    def fit(self, segments: Iterable[Segment | str],
            confirmed: Mapping[str, Iterable[str]] | None = None) -> Self:
        """Fit the base (if needed) on ``segments`` and learn from ``confirmed`` codes.

        Args:
            segments: the corpus (confirmed segments among them).
            confirmed: segment id → the codes a coder confirmed on it (an empty set means
                "none of the suggested codes").
        """
        items = as_segments(segments)
        base = self.base
        if base is None:
            from .combine import CombinedSuggester

            base = CombinedSuggester(self.codebook).fit(items)
        elif not _is_fitted(base):
            base = base.fit(items)
        self.base_ = base
        self.codebook_ = getattr(base, "codebook_", None)
        self.fingerprint_ = getattr(base, "fingerprint_", None)
        self.vectorizer_ = SegmentVectorizer().fit([s.text for s in items])
        confirmed = {k: frozenset(v) for k, v in (confirmed or {}).items()}
        by_id = {s.id: s for s in items}
        known = [by_id[k] for k in confirmed if k in by_id]
        self.confirmed_ = {s.id: confirmed[s.id] for s in known}
        self.examples_ = self.vectorizer_.transform([s.text for s in known])
        self.example_ids_ = [s.id for s in known]
        self.codes_ = sorted({c for codes in self.confirmed_.values() for c in codes})
        self.model_: LogisticRegression | None = None
        if len(known) < max(1, self.min_confirmed):
            return self
        x, pairs, _ = self._pairs(known, exclude_self=True)
        y = np.array([code in self.confirmed_[seg] for seg, code in pairs], dtype=float)
        if len(y) and 0 < y.sum() < len(y):
            self.model_ = LogisticRegression(C=self.c, max_iter=1000).fit(x, y)
        return self

    def _pairs(self, items: list[Segment], *, exclude_self: bool,
               ) -> tuple[np.ndarray, list[tuple[str, str]], list[list[Suggestion]]]:
        base = self.base_.suggest(items, top_k=None)
        seg_m = self.vectorizer_.transform([s.text for s in items])
        sims = (seg_m @ self.examples_.T).toarray() if self.example_ids_ else \
            np.zeros((len(items), 0))
        if exclude_self:
            position = {sid: j for j, sid in enumerate(self.example_ids_)}
            for i, s in enumerate(items):
                if s.id in position:
                    sims[i, position[s.id]] = -1.0
        members = {c: [j for j, sid in enumerate(self.example_ids_) if c in self.confirmed_[sid]]
                   for c in self.codes_}
        rows, pairs = [], []
        for i, (segment, suggestions) in enumerate(zip(items, base, strict=True)):
            scores = {s.code_id: s.score for s in suggestions}
            codes = sorted(set(scores) | set(self.codes_))
            block = []
            for code in codes:
                idx = [j for j in members.get(code, []) if sims[i, j] >= 0]
                block.append([scores.get(code, 0.0), float(sims[i, idx].mean()) if idx else 0.0])
                pairs.append((segment.id, code))
            if block:
                arr = np.array(block)
                top = arr.max(axis=0)
                rows.extend(np.divide(arr, top, out=np.zeros_like(arr), where=top > 0).tolist())
        return np.array(rows).reshape(len(rows), 2), pairs, base

    def suggest(self, segments: Iterable[Segment | str],
                top_k: int | None = None) -> list[list[Suggestion]]:
        """The base suggestions re-ranked by the confirmation model, best first."""
        check_is_fitted(self, "base_")
        items = as_segments(segments)
        k = top_k if top_k is not None else self.top_k
        if self.model_ is None:
            return [truncate(row, k, self.min_score)
                    for row in self.base_.suggest(items, top_k=None)]
        x, pairs, base = self._pairs(items, exclude_self=False)
        prob = self.model_.predict_proba(x)[:, 1] if len(x) else np.zeros(0)
        seg_m = self.vectorizer_.transform([s.text for s in items])
        sims = (seg_m @ self.examples_.T).toarray()
        index = {s.id: i for i, s in enumerate(items)}
        found: dict[str, list[Suggestion]] = {s.id: [] for s in items}
        evidence = {(s.segment_id, s.code_id): s.evidence for row in base for s in row}
        for (seg, code), p in zip(pairs, prob, strict=True):
            ev = list(evidence.get((seg, code), ()))
            idx = [j for j, sid in enumerate(self.example_ids_) if code in self.confirmed_[sid]]
            if idx:
                j = max(idx, key=lambda j: sims[index[seg], j])
                ev.append(Evidence("supervised", self.example_ids_[j],
                                   round(float(sims[index[seg], j]), 4),
                                   note=f"nearest of {len(idx)} segments confirmed with {code}"))
            found[seg].append(Suggestion(seg, code, float(p), self.method, tuple(ev)))
        return [truncate(found[s.id], k, self.min_score) for s in items]


def _is_fitted(estimator: Any) -> bool:
    return any(name.endswith("_") and not name.startswith("_") for name in vars(estimator))
