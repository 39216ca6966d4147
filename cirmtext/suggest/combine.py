"""One ranked list per segment from keyword, topic, similarity and dataless evidence.

For each segment and each candidate code :class:`CombinedSuggester` computes four parts:

* ``keywords``: the :class:`~cirmtext.suggest.keywords.KeywordSuggester` score (calibrated);
* ``topics``: the :class:`~cirmtext.suggest.topics.TopicSuggester` score;
* ``similarity``: TF-IDF cosine (over cirmtext's lemmatised analyzer) between the segment and
  the code's label, description, keywords and examples;
* ``dataless``: the posterior of :class:`~cirmtext.suggest.dataless.BootstrapSuggester`, a naive
  Bayes model whose seeds were grown from the corpus by EM (it finds a code from words that
  keep company with its seeds, where no keyword occurs);

and, for each part, its value relative to the best code of the same segment (``x / max x``), so
the model can tell "strong for this code" from "strong for every code"; and the keyword
confidence ``keywords_top``: the keyword score of the segment's best code by keywords (0 for
the other codes), so a confident keyword favourite keeps its place unless the other parts
clearly disagree. The nine features (:data:`FEATURES`) go through a logistic model,
``score = 1 / (1 + exp(-(b + Σ w_i x_i)))``.

**What a score means.** It is a calibrated probability: among (segment, code) pairs of the
development set (``corpora/devset``) that scored about ``p``, a share of about ``p`` carried the
code (``benchmarks/topics/run.py`` reports the cross-validated reliability table and expected
calibration error). The default weights :data:`DEFAULT_WEIGHTS` were fitted on that set by
``python benchmarks/topics/run.py --calibrate`` (logistic regression, C=1); ``fit(segments, y)``
refits them on your own confirmed codes. A part that cannot be fitted (too little text for a
topic model, no keyword to seed the dataless model) contributes 0, so a single segment still
gets a ranking. Evidence keeps every part's provenance: the keyword hits (``kind="keyword"``,
note ``keywords: ...``), the topics (``"topic"``), the similarity with the shared terms
(``"similarity"``), the dataless model's words (``"word"``, note ``dataless: seed|grown``) and
one ``"combined"`` item giving each part's contribution to ``z``.

**Higher levels.** The parts always score the codable leaves (the codes the weights were fitted
on). With ``level="phase1"`` each element's score is the noisy-OR of its codes' scores,
``1 - Π(1 - p_c)`` (the chance that at least one of its codes applies, if they were
independent); its evidence is theirs, each item noted ``via <code>``, and a last
``"combined"`` item (``term="noisy-or"``) lists the codes and their scores. On the development
set this beat scoring the elements directly (P1 top-1 0.703 vs 0.667 on an earlier tree,
shipped weights).

>>> from cirmtext.codebook import Codebook
>>> cb = Codebook.from_dict({"codes": [
...     {"id": "C1", "label": "فناوری", "keywords": ["سامانه", "پیامک"]},
...     {"id": "C2", "label": "مشارکت", "keywords": ["محله", "داوطلب"]}]})
>>> texts = ["سامانهٔ پیامک شکایت‌ها را ثبت می‌کند", "داوطلبان محله در شورا همیاری می‌کنند"]
>>> model = CombinedSuggester(cb).fit(texts)
>>> [row[0].code_id for row in model.suggest(texts)]
['C1', 'C2']
>>> best = model.suggest(texts)[0][0]
>>> 0.0 <= best.score <= 1.0, sorted({e.kind for e in best.evidence})
(True, ['combined', 'keyword', 'similarity', 'topic', 'word'])
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
from .dataless import BootstrapSuggester
from .expand import content_lemmas
from .keywords import KeywordSuggester
from .topics import TopicSuggester

__all__ = ["DEFAULT_WEIGHTS", "FEATURES", "FEATURE_PART", "PARTS", "CombinedSuggester"]

#: The parts, in feature order.
PARTS = ("keywords", "topics", "similarity", "dataless")
#: Feature names, in the order of the weights: each part, each part relative to the
#: segment's best code, then the keyword confidence (the keyword score of the segment's best
#: code by keywords, 0 for the other codes).
FEATURES = (*PARTS, *(f"{p}_rel" for p in PARTS), "keywords_top")
#: The part each feature belongs to (for the contributions in the evidence).
FEATURE_PART = {f: next(p for p in PARTS if f.startswith(p)) for f in FEATURES}

#: Intercept and weights fitted on corpora/devset (cirm_phenomenography, 177 segments, 165
#: with codes) by ``python benchmarks/topics/run.py --calibrate`` (logistic regression, C=1,
#: one example per (segment, candidate code)); refit with ``fit(segments, y)``.
DEFAULT_WEIGHTS: dict[str, float] = {
    "intercept": -5.344, "keywords": 2.651, "topics": 0.807, "similarity": 2.037,
    "dataless": 0.405, "keywords_rel": 0.348, "topics_rel": -0.036, "similarity_rel": 2.899,
    "dataless_rel": 0.305, "keywords_top": 1.135,
}


class CombinedSuggester(BaseEstimator):  # type: ignore[misc]
    """Keywords + topics + similarity + dataless, combined into one calibrated ranking.

    Args:
        codebook: a :class:`~cirmtext.codebook.Codebook`, a codebook file or a bundled name.
        level: ``None`` (codable leaves) or a level name such as ``"phase1"`` (the leaves'
            scores lifted to that level by noisy-OR).
        keyword_params, topic_params, dataless_params: keyword arguments for the parts.
        context: passed to the dataless part: weight of the other segments of a segment's
            document (``Segment.document_id``) in its posterior; 0 (default) for interviews,
            whose turns carry different codes; about 0.5 for categorised text, where the
            paragraphs of one document share a category.
        weights: intercept and feature weights (default :data:`DEFAULT_WEIGHTS`); replaced by
            a fitted logistic model when ``fit`` is given ``y``.
        c: inverse regularisation of that logistic model.
        min_score, top_k: drop suggestions below ``min_score``; default suggestions per segment.
        random_state: seed for the topic model.

    Attributes:
        keywords_, topics_, dataless_: the fitted parts (``topics_`` is ``None`` when the
        corpus had too little text for a topic model, ``dataless_`` when no code had a seed
        word); vectorizer_, code_matrix_: the similarity part; codes_: candidate code ids
        (the level's codes with ``level``); leaves_: the codable leaves the parts score;
        weights_: the weights in use; codebook_, fingerprint_: the codebook; lift_ (with
        ``level``): codable leaf → its ancestor at that level.
    """

    method = "combined"

    def __init__(self, codebook: Codebook | str | os.PathLike[str] | None = None, *,
                 level: str | None = None, keyword_params: Mapping[str, Any] | None = None,
                 topic_params: Mapping[str, Any] | None = None,
                 dataless_params: Mapping[str, Any] | None = None, context: float = 0.0,
                 weights: Mapping[str, float] | None = None, c: float = 1.0,
                 min_score: float = 0.0, top_k: int | None = None,
                 random_state: int | None = 0) -> None:
        self.codebook = codebook
        self.level = level
        self.keyword_params = keyword_params
        self.topic_params = topic_params
        self.dataless_params = dataless_params
        self.context = context
        self.weights = weights
        self.c = c
        self.min_score = min_score
        self.top_k = top_k
        self.random_state = random_state

    def fit(self, segments: Iterable[Segment | str],
            y: Sequence[Iterable[str]] | None = None) -> Self:
        """Fit the parts on the corpus; with ``y`` (codes per segment), fit the weights too.

        ``y`` gives codable-leaf codes (others are ignored), also when ``level`` is set.
        """
        if self.codebook is None:
            msg = "CombinedSuggester needs a codebook"
            raise ValueError(msg)
        codebook = self.codebook if isinstance(self.codebook, Codebook) else \
            load_codebook(self.codebook)
        items = as_segments(segments)
        self.codebook_ = codebook
        self.fingerprint_ = codebook.fingerprint
        if self.level is not None:
            self.lift_ = self._lift_map(codebook)
        self.keywords_ = KeywordSuggester(codebook, **(self.keyword_params or {})).fit(items)
        tp = {"random_state": self.random_state, **(self.topic_params or {})}
        try:
            self.topics_: TopicSuggester | None = TopicSuggester(codebook, **tp).fit(items)
        except ConfigError:  # too little text for a topic model: rank without topics
            self.topics_ = None
        dp = {"context": self.context, **(self.dataless_params or {})}
        try:
            self.dataless_: BootstrapSuggester | None = BootstrapSuggester(
                codebook, **dp).fit(items)
        except ConfigError:  # no code has a seed word: rank without the dataless part
            self.dataless_ = None
        codes = self._candidates(codebook)
        self.leaves_ = [c.id for c in codes]
        self.codes_ = self.leaves_ if self.level is None else \
            list(dict.fromkeys(self.lift_[c] for c in self.leaves_ if c in self.lift_))
        docs = [_code_text(codebook, c) for c in codes]
        self.vectorizer_ = SegmentVectorizer().fit([s.text for s in items] + docs)
        self.code_matrix_ = self.vectorizer_.transform(docs)
        self.weights_ = dict(self.weights or DEFAULT_WEIGHTS)
        if y is not None:
            self.weights_ = self.fit_weights(items, y)
        return self

    @staticmethod
    def _candidates(codebook: Codebook) -> tuple[Code, ...]:
        return tuple(c for c in codebook.leaves() if c.codable)

    def _lift_map(self, codebook: Codebook) -> dict[str, str]:
        """Candidate code → its ancestor at ``level`` (codes without one are left out)."""
        codebook.at_level(self.level)  # an unknown level is an error
        out = {}
        for code in self._candidates(codebook):
            up = codebook.ancestor_at(code.id, self.level)
            if up is not None:
                out[code.id] = up.id
        return out

    def features(self, segments: Iterable[Segment | str],
                 ) -> tuple[np.ndarray, dict[str, Any]]:
        """Segment × code × feature array (features as in :data:`FEATURES`) and the parts.

        The parts are ``{"keywords": rows, "topics": rows, "words": analysed words,
        "tfidf": segment matrix}`` (rows of :class:`Suggestion` per segment; the words are what
        the dataless part read; the matrix is the similarity part's TF-IDF of the segments).
        """
        check_is_fitted(self, "weights_")
        items = as_segments(segments)
        kw = self.keywords_.suggest(items, top_k=None)
        tp = self.topics_.suggest(items, top_k=None) if self.topics_ is not None else \
            [[] for _ in items]
        col = {c: j for j, c in enumerate(self.leaves_)}
        n, m, k = len(items), len(self.leaves_), len(PARTS)
        x = np.zeros((n, m, len(FEATURES)))
        for i, (row_kw, row_tp) in enumerate(zip(kw, tp, strict=True)):
            for part, row in ((0, row_kw), (1, row_tp)):
                for s in row:
                    if s.code_id in col:
                        x[i, col[s.code_id], part] = s.score
        words: list[list[str]] = [[] for _ in items]
        seg = self.vectorizer_.transform([s.text for s in items]) if n else None
        if seg is not None:
            x[:, :, 2] = (seg @ self.code_matrix_.T).toarray()
        if n and self.dataless_ is not None:
            words = [content_lemmas(s.text) for s in items]
            post = self.dataless_.predict_proba(items, words)
            # A segment none of whose words the model knows gets only the prior: no evidence.
            known = np.array([any(w in self.dataless_.vocabulary_ for w in doc)
                              for doc in words])
            for c, code in enumerate(self.dataless_.codes_):
                if code in col:
                    x[:, col[code], 3] = np.where(known, post[:, c], 0.0)
        best = x[:, :, :k].max(axis=1, keepdims=True)
        x[:, :, k:2 * k] = np.divide(x[:, :, :k], best, out=np.zeros_like(x[:, :, :k]),
                                     where=best > 0)
        kw_top = (x[:, :, 0] == best[:, :, 0]) & (x[:, :, 0] > 0)
        x[:, :, 2 * k] = np.where(kw_top, x[:, :, 0], 0.0)
        return x, {"keywords": kw, "topics": tp, "words": words, "tfidf": seg}

    def targets(self, y: Sequence[Iterable[str]]) -> np.ndarray:
        """Segment × code 0/1 matrix of known codes (candidate codes only, others ignored)."""
        check_is_fitted(self, "codes_")
        col = {c: j for j, c in enumerate(self.leaves_)}
        rows = list(y)
        target = np.zeros((len(rows), len(self.leaves_)))
        for i, codes in enumerate(rows):
            for code in codes:
                if code in col:
                    target[i, col[code]] = 1.0
        return target

    def fit_weights(self, segments: Iterable[Segment | str],
                    y: Sequence[Iterable[str]]) -> dict[str, float]:
        """Logistic weights from known codes: one example per (segment, candidate code)."""
        x, _ = self.features(as_segments(segments))
        return self.fit_weights_from(x, self.targets(y))

    def fit_weights_from(self, x: np.ndarray, target: np.ndarray) -> dict[str, float]:
        """Logistic weights from a :meth:`features` array and a :meth:`targets` matrix."""
        flat_x, flat_y = x.reshape(-1, x.shape[2]), target.ravel()
        if flat_y.size == 0 or flat_y.min() == flat_y.max():
            return dict(self.weights_)
        model = LogisticRegression(C=self.c, max_iter=1000).fit(flat_x, flat_y)
        out = {"intercept": float(model.intercept_[0])}
        out.update({f: float(w) for f, w in zip(FEATURES, model.coef_[0], strict=True)})
        return out

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Calibrated scores of a :meth:`features` array (0 where no part has evidence)."""
        w = self._w()
        z = self.weights_["intercept"] + x @ w
        prob = 1.0 / (1.0 + np.exp(-np.clip(z, -700, 700)))
        return np.where(x[:, :, :len(PARTS)].any(axis=2), prob, 0.0)

    def _w(self) -> np.ndarray:
        """Weights in :data:`FEATURES` order (a feature missing from ``weights`` counts 0)."""
        return np.array([self.weights_.get(f, 0.0) for f in FEATURES])

    def suggest(self, segments: Iterable[Segment | str],
                top_k: int | None = None) -> list[list[Suggestion]]:
        """One calibrated, explained ranking per segment, best first."""
        items = as_segments(segments)
        x, parts = self.features(items)
        prob = self.scores(x)
        w = self._w()
        k = top_k if top_k is not None else self.top_k
        col = {c: j for j, c in enumerate(self.leaves_)}
        terms = self.vectorizer_.get_feature_names_out() if items else None
        cm = self.code_matrix_.tocsr()
        code_rows = [dict(zip(cm.indices[cm.indptr[j]:cm.indptr[j + 1]].tolist(),
                              cm.data[cm.indptr[j]:cm.indptr[j + 1]].tolist(), strict=True))
                     for j in range(cm.shape[0])]
        seg = parts["tfidf"].tocsr() if items else None
        out = []
        for i, segment in enumerate(items):
            by_code: dict[str, list[Evidence]] = {}
            for row in (parts["keywords"][i], parts["topics"][i]):
                for s in row:
                    by_code.setdefault(s.code_id, []).extend(
                        Evidence(e.kind, e.term, e.weight, e.start, e.end,
                                 f"{s.method}: {e.note}" if e.note else s.method)
                        for e in s.evidence)
            found = [Suggestion(segment.id, code, float(prob[i, j]), self.method)
                     for j, code in enumerate(self.leaves_) if x[i, j, :len(PARTS)].any()]

            def evidence(code: str, i: int = i, by_code: dict[str, Any] = by_code,
                         ) -> list[Evidence]:
                j = col[code]
                return self._evidence(i, j, x, w, prob, by_code, parts["words"],
                                      _shared(seg, i, code_rows[j], terms))

            if self.level is None:
                out.append([Suggestion(s.segment_id, s.code_id, s.score, s.method,
                                       tuple(evidence(s.code_id)))
                            for s in truncate(found, k, self.min_score)])
            else:
                out.append(self._lifted(found, evidence, k))
        return out

    def _lifted(self, found: list[Suggestion], evidence: Any, k: int | None,
                ) -> list[Suggestion]:
        """Codes lifted to ``level``: noisy-OR of their codes' scores, their evidence."""
        members: dict[str, list[Suggestion]] = {}
        for s in found:
            if s.code_id in self.lift_:
                members.setdefault(self.lift_[s.code_id], []).append(s)
        scored = [Suggestion(found[0].segment_id, up, 1.0 - float(np.prod(
            [1.0 - s.score for s in row])), self.method) for up, row in members.items()]
        out = []
        for top in truncate(scored, k, self.min_score):
            row = sorted(members[top.code_id], key=lambda s: (-s.score, s.code_id))
            items = [Evidence(e.kind, e.term, e.weight, e.start, e.end,
                              f"{e.note}; via {s.code_id}")
                     for s in row for e in evidence(s.code_id)]
            items.append(Evidence("combined", "noisy-or", round(top.score, 4), note=(
                "1 - Π(1 - p) over " + ", ".join(f"{s.code_id} {s.score:.2f}" for s in row))))
            out.append(Suggestion(top.segment_id, top.code_id, top.score, self.method,
                                  tuple(items)))
        return out

    def _evidence(self, i: int, j: int, x: np.ndarray, w: np.ndarray, prob: np.ndarray,
                  by_code: dict[str, list[Evidence]], words: list[list[str]],
                  shared: list[str]) -> list[Evidence]:
        code = self.leaves_[j]
        evidence = list(by_code.get(code, []))
        if x[i, j, 2] > 0:
            evidence.append(Evidence("similarity", " ".join(shared), round(float(x[i, j, 2]), 4),
                                     note="TF-IDF cosine to the code's label, description, "
                                          "keywords and examples"))
        if x[i, j, 3] > 0 and self.dataless_ is not None:
            evidence.extend(Evidence(e.kind, e.term, e.weight, e.start, e.end,
                                     f"dataless: {e.note}")
                            for e in self.dataless_.word_evidence(words[i], code))
        share = dict.fromkeys(PARTS, 0.0)
        for f, name in enumerate(FEATURES):
            share[FEATURE_PART[name]] += w[f] * x[i, j, f]
        contrib = ", ".join(f"{part} {share[part]:+.2f}"
                            for p, part in enumerate(PARTS) if x[i, j, p])
        evidence.append(Evidence("combined", "logistic", round(float(prob[i, j]), 4),
                                 note=f"z = {self.weights_['intercept']:+.2f} (intercept), "
                                      f"{contrib}"))
        return evidence


def _shared(seg: Any, i: int, code_row: dict[int, float], terms: Any, n: int = 3) -> list[str]:
    """The ``n`` terms adding most to segment ``i``'s cosine with a code (its TF-IDF row)."""
    lo, hi = seg.indptr[i], seg.indptr[i + 1]
    both = [(-v * code_row[t], str(terms[t])) for t, v in
            zip(seg.indices[lo:hi].tolist(), seg.data[lo:hi].tolist(), strict=True)
            if t in code_row]
    return [term for _, term in sorted(both)[:n]]


def _code_text(codebook: Codebook, code: Code) -> str:
    family = [code, *codebook.descendants(code.id)]
    return " ".join(" ".join([m.label, m.description, *m.keywords, *m.examples])
                    for m in family)
