"""Learning from confirmations: re-rank the suggestions for the rest once a coder confirms some.

:class:`ConfirmationRanker` wraps a base suggester (by default the
:class:`~cirmtext.suggest.combine.CombinedSuggester`). Its features describe a (segment, code)
pair without naming the code, so that a handful of confirmations trains weights shared by all
codes (:data:`FEATURES`):

* ``base_logit``: the base score as log-odds; ``base_inv_rank``: ``1 / rank`` of the code in
  the base list;
* ``word_max``: the highest TF-IDF cosine (cirmtext's lemmatised analyzer) between the segment
  and a segment confirmed with the code; ``word_max_rel``: the same relative to the segment's
  best code (``x / max x``);
* ``char_max``, ``char_max_rel``: the same over character 2-4-grams (robust to spelling,
  affixes and broken spacing).

A scikit-learn logistic regression is fitted on the reviewed segments (leave-one-out: a
confirmed segment is never compared with itself). Positives are confirmed codes; negatives are
the other candidates of a confirmed segment (all candidates of one confirmed as "no code") and
every **rejected** code. Rejected codes are also never suggested again for the segment they
were rejected on. With no confirmation, only one class to learn from, or fewer than
``min_shared`` confirmed codes that another confirmed segment shares (so that the similarity
weights can be learned at all), the base ranking is returned unchanged, scores and all. So it
is when the model does not beat the base ranking in cross-validation over the confirmed
segments (higher MRR of the first confirmed code, no lower top-3): ``validation_``.

What else was measured in ``benchmarks/topics/learning.py`` and left out because it did not
help on the development set: mean similarities, a count of confirmations per code, per-code
acceptance rates of shown suggestions, similarity to segments where the code was rejected, and
a vote of the nearest confirmed segments.

**What a score means.** The probability, under that logistic model, that the coder would
confirm the code; ``Evidence(kind="supervised")`` names the most similar segment confirmed
with it.

>>> from cirmtext.codebook import Codebook
>>> from cirmtext.suggest.keywords import KeywordSuggester
>>> cb = Codebook.from_dict({"codes": [{"id": "A", "label": "الف", "keywords": ["سامانه"]},
...                                    {"id": "B", "label": "ب", "keywords": ["سامانه"]}]})
>>> texts = ["شکایت از سامانه با پیامک", "سامانه بودجه و مالیات", "پیامک شکایت به سامانه",
...          "بودجه سامانه از مالیات", "ثبت شکایت با پیامک در سامانه"]
>>> ranker = ConfirmationRanker(KeywordSuggester(cb)).fit(
...     texts, {"s1": {"A"}, "s2": {"B"}, "s3": {"A"}, "s4": {"B"}})
>>> [s.code_id for s in ranker.suggest(texts)[4]]
['A', 'B']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Self

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..errors import InputError
from ..features import SegmentVectorizer
from ..records import Evidence, Segment, Suggestion
from .base import Suggester, as_segments, truncate

__all__ = ["FEATURES", "ConfirmationRanker", "check_decisions"]

#: The code-agnostic features of a (segment, code) pair, in the order of ``model_.coef_``.
FEATURES = ("base_logit", "base_inv_rank", "word_max", "word_max_rel", "char_max",
            "char_max_rel")

_EPS = 1e-6


class ConfirmationRanker(BaseEstimator):  # type: ignore[misc]
    """Re-rank a base suggester's output with what the coder has confirmed and rejected so far.

    Args:
        base: a suggester, fitted or not (fitted on the segments given to ``fit`` if not);
            ``None``: a :class:`~cirmtext.suggest.combine.CombinedSuggester` of ``codebook``.
        codebook: needed only when ``base`` is ``None``.
        c: inverse regularisation of the logistic model.
        min_confirmed: confirmed segments needed before the model is used (below: base ranking).
        folds: cross-validation groups of confirmed segments for the model-vs-base check.
        min_shared: confirmed (segment, code) pairs whose code shares words with another
            segment confirmed with it, needed before the model is used: below that the
            similarity weights cannot be learned and the base ranking is kept (rejected codes
            are still left out).
        top_k: default suggestions per segment; min_score: drop suggestions below it.
        random_state: seed of the default base (its topic model); the ranker itself is
            deterministic.

    Attributes:
        base_: the fitted base suggester (``codebook_``, ``fingerprint_``: its codebook, so the
        ranker can be saved with :func:`~cirmtext.suggest.persist.save_model`);
        model_: the logistic model (``None`` when there was nothing to learn from);
        shared_: confirmed pairs with similarity evidence (see ``min_shared``);
        validation_: cross-validated MRR and top-3 of the model and of the base ranking;
        confirmed_: segment id → confirmed codes; rejected_: segment id → rejected codes;
        codes_: codes with confirmations; example_ids_: segments confirmed with a code.
    """

    method = "supervised"

    def __init__(self, base: Suggester | None = None, *, codebook: Any = None,
                 c: float = 1.0, min_confirmed: int = 1, min_shared: int = 3,
                 folds: int = 5, top_k: int | None = None, min_score: float = 0.0,
                 random_state: int | None = 0) -> None:
        self.base = base
        self.codebook = codebook
        self.c = c
        self.min_confirmed = min_confirmed
        self.min_shared = min_shared
        self.folds = folds
        self.top_k = top_k
        self.min_score = min_score
        self.random_state = random_state

    def fit(self, segments: Iterable[Segment | str],
            confirmed: Mapping[str, Iterable[str]] | None = None,
            rejected: Mapping[str, Iterable[str]] | None = None) -> Self:
        """Fit the base (if needed) on ``segments`` and learn from the decisions.

        Args:
            segments: the corpus (reviewed segments among them).
            confirmed: segment id → the codes a coder confirmed on it (an empty set means
                "none of the candidate codes").
            rejected: segment id → suggested codes a coder turned down.

        Raises:
            InputError: ``confirmed`` or ``rejected`` is not a mapping of segment ids to
                collections of code ids.
        """
        items = as_segments(segments)
        confirmed_sets = check_decisions(confirmed, "confirmed")
        rejected_sets = check_decisions(rejected, "rejected")
        base = self.base
        if base is None:
            from .combine import CombinedSuggester

            base = CombinedSuggester(self.codebook, random_state=self.random_state).fit(items)
        elif not _is_fitted(base):
            base = base.fit(items)
        self.base_ = base
        self.codebook_ = getattr(base, "codebook_", None)
        self.fingerprint_ = getattr(base, "fingerprint_", None)
        ids = {s.id for s in items}
        self.confirmed_ = {k: v for k, v in confirmed_sets.items() if k in ids}
        self.rejected_ = {k: v - self.confirmed_.get(k, frozenset())
                          for k, v in rejected_sets.items() if k in ids}
        self.codes_ = sorted({c for codes in self.confirmed_.values() for c in codes})
        texts = [s.text for s in items]
        self.words_ = SegmentVectorizer().fit(texts)
        self.chars_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True,
                                      lowercase=False).fit(texts)
        examples = [s for s in items if self.confirmed_.get(s.id)]
        self.example_ids_ = [s.id for s in examples]
        self.example_words_ = _matrix(self.words_, [s.text for s in examples])
        self.example_chars_ = _matrix(self.chars_, [s.text for s in examples])
        self.model_: LogisticRegression | None = None
        self.shared_ = 0
        self.validation_: dict[str, float] = {}
        reviewed = [s for s in items if s.id in self.confirmed_ or self.rejected_.get(s.id)]
        if len(self.confirmed_) < max(1, self.min_confirmed) or not reviewed:
            return self
        x, pairs, _, _ = self._pairs(reviewed, exclude_self=True)
        keep, y = [], []
        for n, (seg, code) in enumerate(pairs):
            if seg in self.confirmed_:
                keep.append(n)
                y.append(code in self.confirmed_[seg])
            elif code in self.rejected_.get(seg, ()):
                keep.append(n)
                y.append(False)
        target = np.array(y, dtype=float)
        # the similarity weights can only be learned from confirmed codes that some other
        # confirmed segment shares (leave-one-out); until then the base ranking is kept
        shared = int(np.sum(target * (x[keep, 2] > 0))) if len(keep) else 0
        self.shared_ = shared
        if shared >= self.min_shared and 0 < target.sum() < len(target):
            groups = [pairs[n][0] for n in keep]
            self.validation_ = self._validate(x[keep], target, groups)
            check = self.validation_
            if check["model"] > check["base"] and check["model_top3"] >= check["base_top3"]:
                self.model_ = LogisticRegression(C=self.c, max_iter=1000).fit(x[keep], target)
        return self

    def _validate(self, x: np.ndarray, y: np.ndarray, groups: list[str]) -> dict[str, float]:
        """Cross-validated MRR and top-3 of the first confirmed code, model vs base ranking.

        The confirmed segments are split into up to ``folds`` groups (round robin over their
        ids); the model fitted on the others ranks each group's codes. The similarity features
        are already leave-one-out, so this tells whether the weights generalise.
        """
        segments = sorted({g for g, t in zip(groups, y, strict=True) if t})
        k = min(self.folds, len(segments))
        fold = {g: n % k for n, g in enumerate(segments)}
        member = np.array([fold.get(g, -1) for g in groups])
        where: dict[str, list[int]] = {}
        for n, g in enumerate(groups):
            where.setdefault(g, []).append(n)
        first: dict[str, list[int]] = {"model": [], "base": []}
        for f in range(k):
            train = member != f
            if k < 2 or not 0 < y[train].sum() < train.sum():
                return {"model": 0.0, "base": 1.0, "model_top3": 0.0, "base_top3": 1.0}
            z = LogisticRegression(C=self.c, max_iter=1000).fit(x[train], y[train]) \
                .decision_function(x)
            for g in (g for g in segments if fold[g] == f):
                rows = where[g]
                first["model"].append(_first_hit(-z[rows], y[rows]))
                first["base"].append(_first_hit(-x[rows, 1], y[rows]))
        out = {}
        for name, ranks in first.items():
            out[name] = float(np.mean([1.0 / (r + 1) for r in ranks]))
            out[f"{name}_top3"] = float(np.mean([r < 3 for r in ranks]))
        return out

    def _pairs(self, items: list[Segment], *, exclude_self: bool) -> tuple[
            np.ndarray, list[tuple[str, str]], list[list[Suggestion]], np.ndarray]:
        """Features of every (segment, candidate code) pair, the pairs, the base, word cosines."""
        base = self.base_.suggest(items, top_k=None)
        word = _cosines(_matrix(self.words_, [s.text for s in items]), self.example_words_)
        char = _cosines(_matrix(self.chars_, [s.text for s in items]), self.example_chars_)
        if exclude_self:
            position = {sid: j for j, sid in enumerate(self.example_ids_)}
            for i, s in enumerate(items):
                if s.id in position:
                    word[i, position[s.id]] = char[i, position[s.id]] = -1.0
        candidates = list(getattr(self.base_, "codes_", None) or [])
        column = {c: n for n, c in enumerate(self.codes_)}
        best = np.zeros((2, len(items), len(self.codes_)))
        for code, idx in self._members().items():
            best[0, :, column[code]] = np.maximum(word[:, idx].max(axis=1), 0.0)
            best[1, :, column[code]] = np.maximum(char[:, idx].max(axis=1), 0.0)
        rows, pairs = [], []
        for i, (segment, suggestions) in enumerate(zip(items, base, strict=True)):
            ranked = [s.code_id for s in suggestions]
            # a base that lists its candidates decides which codes can be suggested
            codes = candidates or list(dict.fromkeys([*ranked, *self.codes_]))
            score = {s.code_id: s.score for s in suggestions}
            rank = {c: r for r, c in enumerate(ranked, 1)}
            block = np.zeros((len(codes), len(FEATURES)))
            for n, code in enumerate(codes):
                p = min(max(score.get(code, 0.0), _EPS), 1 - _EPS)
                block[n, 0] = np.log(p / (1 - p))
                block[n, 1] = 1.0 / rank.get(code, len(codes))
                if code in column:
                    block[n, 2], block[n, 4] = best[:, i, column[code]]
                pairs.append((segment.id, code))
            for raw, rel in ((2, 3), (4, 5)):
                top = block[:, raw].max() if len(codes) else 0.0
                if top > 0:
                    block[:, rel] = block[:, raw] / top
            rows.append(block)
        x = np.vstack(rows) if rows else np.zeros((0, len(FEATURES)))
        return x, pairs, base, word

    def _members(self) -> dict[str, list[int]]:
        """Code → positions (in ``example_ids_``) of the segments confirmed with it."""
        out: dict[str, list[int]] = {c: [] for c in self.codes_}
        for j, sid in enumerate(self.example_ids_):
            for code in self.confirmed_[sid]:
                out[code].append(j)
        return out

    def suggest(self, segments: Iterable[Segment | str],
                top_k: int | None = None) -> list[list[Suggestion]]:
        """The base suggestions re-ranked by the confirmation model, best first.

        A code rejected on a segment is not suggested for that segment.
        """
        check_is_fitted(self, "base_")
        items = as_segments(segments)
        k = top_k if top_k is not None else self.top_k
        if self.model_ is None:
            return [truncate([s for s in row if s.code_id not in self.rejected_.get(s.segment_id,
                                                                                   ())],
                             k, self.min_score)
                    for row in self.base_.suggest(items, top_k=None)]
        x, pairs, base, word = self._pairs(items, exclude_self=False)
        prob = self.model_.predict_proba(x)[:, 1] if len(x) else np.zeros(0)
        index = {s.id: i for i, s in enumerate(items)}
        found: dict[str, list[Suggestion]] = {s.id: [] for s in items}
        evidence = {(s.segment_id, s.code_id): s.evidence for row in base for s in row}
        member = self._members()
        for (seg, code), p in zip(pairs, prob, strict=True):
            if code in self.rejected_.get(seg, ()):
                continue
            ev = list(evidence.get((seg, code), ()))
            idx = member.get(code)
            if not ev and not idx:
                continue  # neither the base nor a confirmation speaks for this code
            if idx:
                j = max(idx, key=lambda j: word[index[seg], j])
                ev.append(Evidence("supervised", self.example_ids_[j],
                                   round(float(word[index[seg], j]), 4),
                                   note=f"most similar of {len(idx)} segments confirmed "
                                        f"with {code}"))
            found[seg].append(Suggestion(seg, code, float(p), self.method, tuple(ev)))
        return [truncate(found[s.id], k, self.min_score) for s in items]


def check_decisions(decisions: Mapping[str, Iterable[str]] | None,
                    name: str) -> dict[str, frozenset[str]]:
    """Segment id → code ids as frozensets, refusing anything else with a clear error.

    >>> check_decisions({"s1": ["C01"]}, "confirmed")
    {'s1': frozenset({'C01'})}
    >>> check_decisions({"s1": "C01"}, "confirmed")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cirmtext.errors.InputError: confirmed codes of segment 's1' must be a collection ...
    """
    if decisions is None:
        return {}
    if not isinstance(decisions, Mapping):
        raise InputError(f"{name} decisions must map segment ids to code ids, "
                         f"not {type(decisions).__name__}")
    out: dict[str, frozenset[str]] = {}
    for key, codes in decisions.items():
        if isinstance(codes, str | bytes) or not isinstance(codes, Iterable):
            raise InputError(f"{name} codes of segment {key!r} must be a collection of code "
                             f"ids, not {_shown(codes)}")
        values = frozenset(codes)
        if not all(isinstance(c, str) and c for c in values):
            raise InputError(f"{name} codes of segment {key!r} must be non-empty strings")
        out[str(key)] = values
    return out


def _shown(value: Any) -> str:
    return f"the string {value!r}" if isinstance(value, str) else type(value).__name__


def _first_hit(order_key: np.ndarray, truth: np.ndarray) -> int:
    """Rank (0-based) of the first true item when sorted by ``order_key``."""
    hits = np.flatnonzero(truth[np.argsort(order_key, kind="stable")])
    return int(hits[0]) if len(hits) else len(truth)


def _matrix(vectorizer: Any, texts: list[str]) -> Any:
    if not texts:
        return sparse.csr_matrix((0, len(vectorizer.get_feature_names_out())))
    return vectorizer.transform(texts)


def _cosines(rows: Any, examples: Any) -> np.ndarray:
    if examples.shape[0] == 0:
        return np.zeros((rows.shape[0], 0))
    return np.asarray(sparse.csr_matrix(rows @ examples.T).toarray())


def _is_fitted(estimator: Any) -> bool:
    return any(name.endswith("_") and not name.startswith("_") for name in vars(estimator))
