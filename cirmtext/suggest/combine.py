"""One ranked list per segment from keyword evidence, topic evidence and similarity.

For each segment and each candidate code :class:`CombinedSuggester` computes three parts:

* ``keywords``: the :class:`~cirmtext.suggest.keywords.KeywordSuggester` score;
* ``topics``: the :class:`~cirmtext.suggest.topics.TopicSuggester` score;
* ``similarity``: TF-IDF cosine (over cirmtext's lemmatised analyzer) between the segment and
  the code's label, description, keywords and examples (its descendants' too, at higher levels);

and, for each part, its value relative to the best code of the same segment (``x / max x``), so
the model can tell "strong for this code" from "strong for every code". The six features go
through a logistic model, ``score = 1 / (1 + exp(-(b + Σ w_i x_i)))``.

**What a score means.** It is a calibrated probability: among (segment, code) pairs of the
development set (``corpora/devset``) that scored about ``p``, a share of about ``p`` carried the
code. The default weights :data:`DEFAULT_WEIGHTS` were fitted on that set by
``python benchmarks/topics/run.py --calibrate`` (logistic regression, C=1); ``fit(segments, y)``
refits them on your own confirmed codes. ``benchmarks/topics`` reports the cross-validated
ranking and a reliability table. Evidence keeps every part's provenance: the keyword hits
(``kind="keyword"``), the topics (``"topic"``), the similarity with the shared terms
(``"similarity"``) and one ``"combined"`` item giving each part's contribution ``w_i x_i``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Self

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..codebook import Codebook, load_codebook
from ..errors import ConfigError
from ..features import SegmentVectorizer
from ..records import Code, Evidence, Segment, Suggestion
from .base import as_segments, truncate
from .keywords import KeywordSuggester
from .topics import TopicSuggester

__all__ = ["DEFAULT_WEIGHTS", "FEATURES", "CombinedSuggester"]

#: Feature names, in the order of the weights.
FEATURES = ("keywords", "topics", "similarity", "keywords_rel", "topics_rel", "similarity_rel")

#: Intercept and weights fitted on corpora/devset (cirm_phenomenography, 177 segments) by
#: ``python benchmarks/topics/run.py --calibrate``; refit with ``fit(segments, y)``.
DEFAULT_WEIGHTS: dict[str, float] = {
    "intercept": -5.387, "keywords": 3.673, "topics": 0.778, "similarity": 2.161,
    "keywords_rel": 0.616, "topics_rel": 0.070, "similarity_rel": 3.045,
}


class CombinedSuggester(BaseEstimator):  # type: ignore[misc]
    """Keywords + topics + similarity, combined into one calibrated, explained ranking.

    Args:
        codebook: a :class:`~cirmtext.codebook.Codebook`, a codebook file or a bundled name.
        level: ``None`` (codable leaves) or a level name such as ``"phase1"``.
        keyword_params, topic_params: keyword arguments for the two suggesters.
        weights: intercept and feature weights (default :data:`DEFAULT_WEIGHTS`); replaced by
            a fitted logistic model when ``fit`` is given ``y``.
        c: inverse regularisation of that logistic model.
        min_score, top_k: drop suggestions below ``min_score``; default suggestions per segment.
        random_state: seed for the topic model.

    Attributes:
        keywords_, topics_: the fitted suggesters (``topics_`` is ``None`` when the corpus had
        too little text for a topic model); vectorizer_, code_matrix_: the similarity
        part; codes_: candidate code ids; weights_: the weights in use; codebook_,
        fingerprint_: the codebook.
    """

    method = "combined"

    def __init__(self, codebook: Codebook | str | os.PathLike[str] | None = None, *,
                 level: str | None = None, keyword_params: Mapping[str, Any] | None = None,
                 topic_params: Mapping[str, Any] | None = None,
                 weights: Mapping[str, float] | None = None, c: float = 1.0,
                 min_score: float = 0.0, top_k: int | None = None,
                 random_state: int | None = 0) -> None:
        self.codebook = codebook
        self.level = level
        self.keyword_params = keyword_params
        self.topic_params = topic_params
        self.weights = weights
        self.c = c
        self.min_score = min_score
        self.top_k = top_k
        self.random_state = random_state

    def fit(self, segments: Iterable[Segment | str],
            y: Sequence[Iterable[str]] | None = None) -> Self:
        """Fit the parts on the corpus; with ``y`` (codes per segment), fit the weights too."""
        if self.codebook is None:
            msg = "CombinedSuggester needs a codebook"
            raise ValueError(msg)
        codebook = self.codebook if isinstance(self.codebook, Codebook) else \
            load_codebook(self.codebook)
        items = as_segments(segments)
        self.codebook_ = codebook
        self.fingerprint_ = codebook.fingerprint
        kw = dict(self.keyword_params or {})
        kw.setdefault("level", self.level)
        self.keywords_ = KeywordSuggester(codebook, **kw).fit(items)
        tp = {"random_state": self.random_state, **(self.topic_params or {})}
        tp.setdefault("by", "code" if self.level is None else self.level)
        try:
            self.topics_: TopicSuggester | None = TopicSuggester(codebook, **tp).fit(items)
        except ConfigError:  # too little text for a topic model: rank without topics
            self.topics_ = None
        codes = self._candidates(codebook)
        self.codes_ = [c.id for c in codes]
        docs = [_code_text(codebook, c) for c in codes]
        self.vectorizer_ = SegmentVectorizer().fit([s.text for s in items] + docs)
        self.code_matrix_ = self.vectorizer_.transform(docs)
        self.weights_ = dict(self.weights or DEFAULT_WEIGHTS)
        if y is not None:
            self.weights_ = self.fit_weights(items, y)
        return self

    def _candidates(self, codebook: Codebook) -> tuple[Code, ...]:
        if self.level is None:
            return tuple(c for c in codebook.leaves() if c.codable)
        return codebook.at_level(self.level)

    def features(self, segments: Iterable[Segment | str],
                 ) -> tuple[np.ndarray, list[list[list[Suggestion]]]]:
        """Segment × code × feature array (features as in :data:`FEATURES`) and the parts."""
        check_is_fitted(self, "weights_")
        items = as_segments(segments)
        kw = self.keywords_.suggest(items, top_k=None)
        tp = self.topics_.suggest(items, top_k=None) if self.topics_ is not None else \
            [[] for _ in items]
        col = {c: j for j, c in enumerate(self.codes_)}
        n, m = len(items), len(self.codes_)
        x = np.zeros((n, m, len(FEATURES)))
        for i, (row_kw, row_tp) in enumerate(zip(kw, tp, strict=True)):
            for part, row in ((0, row_kw), (1, row_tp)):
                for s in row:
                    if s.code_id in col:
                        x[i, col[s.code_id], part] = s.score
        if n:
            seg = self.vectorizer_.transform([s.text for s in items])
            x[:, :, 2] = (seg @ self.code_matrix_.T).toarray()
        best = x[:, :, :3].max(axis=1, keepdims=True)
        x[:, :, 3:] = np.divide(x[:, :, :3], best, out=np.zeros_like(x[:, :, :3]),
                                where=best > 0)
        return x, [kw, tp]

    def fit_weights(self, segments: Iterable[Segment | str],
                    y: Sequence[Iterable[str]]) -> dict[str, float]:
        """Logistic weights from known codes: one example per (segment, candidate code)."""
        items = as_segments(segments)
        x, _ = self.features(items)
        col = {c: j for j, c in enumerate(self.codes_)}
        target = np.zeros(x.shape[:2])
        for i, codes in enumerate(y):
            for code in codes:
                up = code if code in col else self._lift(code)
                if up in col:
                    target[i, col[up]] = 1.0
        flat_x, flat_y = x.reshape(-1, x.shape[2]), target.ravel()
        if flat_y.min() == flat_y.max():
            return dict(self.weights_)
        model = LogisticRegression(C=self.c, max_iter=1000).fit(flat_x, flat_y)
        out = {"intercept": float(model.intercept_[0])}
        out.update({f: float(w) for f, w in zip(FEATURES, model.coef_[0], strict=True)})
        return out

    def _lift(self, code: str) -> str | None:
        if self.level is None or code not in self.codebook_:
            return None
        up = self.codebook_.ancestor_at(code, self.level)
        return None if up is None else up.id

    def suggest(self, segments: Iterable[Segment | str],
                top_k: int | None = None) -> list[list[Suggestion]]:
        """One calibrated, explained ranking per segment, best first."""
        items = as_segments(segments)
        x, (kw, tp) = self.features(items)
        w = np.array([self.weights_[f] for f in FEATURES])
        z = self.weights_["intercept"] + x @ w
        prob = 1.0 / (1.0 + np.exp(-z))
        k = top_k if top_k is not None else self.top_k
        terms = self.vectorizer_.get_feature_names_out()
        seg_m = self.vectorizer_.transform([s.text for s in items]) if items else None
        out = []
        for i, segment in enumerate(items):
            parts = {s.code_id: list(s.evidence) for row in (kw[i], tp[i]) for s in row}
            by_code: dict[str, list[Evidence]] = {}
            for row in (kw[i], tp[i]):
                for s in row:
                    by_code.setdefault(s.code_id, []).extend(
                        Evidence(e.kind, e.term, e.weight, e.start, e.end,
                                 f"{s.method}: {e.note}" if e.note else s.method)
                        for e in s.evidence)
            found = []
            for j, code in enumerate(self.codes_):
                if not x[i, j, :3].any():
                    continue
                evidence = by_code.get(code, []) if code in parts else []
                if x[i, j, 2] > 0 and seg_m is not None:
                    shared = seg_m[i].multiply(self.code_matrix_[j]).toarray().ravel()
                    top = [str(terms[t]) for t in np.argsort(-shared)[:3] if shared[t] > 0]
                    evidence.append(Evidence("similarity", " ".join(top),
                                             round(float(x[i, j, 2]), 4), note=(
                                                 "TF-IDF cosine to the code's label, "
                                                 "description, keywords and examples")))
                contrib = ", ".join(f"{f} {w[f_i] * x[i, j, f_i]:+.2f}"
                                    for f_i, f in enumerate(FEATURES) if x[i, j, f_i])
                evidence.append(Evidence("combined", "logistic", round(float(prob[i, j]), 4),
                                         note=f"z = {self.weights_['intercept']:+.2f} "
                                              f"(intercept), {contrib}"))
                found.append(Suggestion(segment.id, code, float(prob[i, j]), self.method,
                                        tuple(evidence)))
            out.append(truncate(found, k, self.min_score))
        return out


def _code_text(codebook: Codebook, code: Code) -> str:
    family = [code, *codebook.descendants(code.id)]
    return " ".join(" ".join([m.label, m.description, *m.keywords, *m.examples])
                    for m in family)

