"""A seeded mixture of unigrams (one topic per segment), the default topic model.

Re-exported by :mod:`cirmtext.suggest.topics`; see there and ``docs/topics.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Self

import numpy as np
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from ._topicmodels import TopicModel

__all__ = ["SeededMixture"]


class SeededMixture(TopicModel):
    """A seeded mixture of unigrams (one topic per segment), fitted by EM: for short segments.

    LDA spreads a segment over several topics; a short interview segment is usually about one
    thing. This model (Nigam et al.'s multinomial mixture, as in semi-supervised naive Bayes)
    gives each segment one topic: ``p(k | d) ∝ π_k Π_w φ_kw^x_dw``. The M-step keeps a
    Dirichlet prior of ``seed_strength × tokens / (n_topics × len(seeds[k]))`` pseudo-counts on
    each of topic ``k``'s seed words at every iteration (so seeds bind, as in keyATM), plus
    ``smoothing`` on every word. EM starts from the seed words: a segment containing seed words
    starts in their topics (in proportion to its hits), any other segment spread evenly over
    all topics (with 10 % random jitter, which separates the free topics); so the seeds grow
    into the words that co-occur with them.

    Args:
        n_topics: total topics (seeded + free).
        seeds: term lists for the first ``len(seeds)`` topics.
        seed_strength: the seed prior's mass as a share of an average topic's tokens (0: an
            unseeded mixture; seeds then do not steer the start either).
        smoothing: pseudo-count added to every word of every topic.
        max_iter: EM iterations; tol: stop when responsibilities change less than this.
        temperature: ``transform`` divides log-likelihoods by ``temperature × sqrt(length)``
            (1 with ``sqrt`` off would be the raw, very peaked posterior).
        min_df, max_df: vocabulary pruning; analyzer: text → terms.
        random_state: seed for the random start of segments without seed words.

    Attributes:
        components_: topic × term probabilities φ; weights_: topic priors π;
        vectorizer_: the count :class:`SegmentVectorizer`; vocabulary_, seeds_, n_iter_.
    """

    def __init__(self, n_topics: int = 10, *, seeds: Sequence[Sequence[str]] | None = None,
                 seed_strength: float = 0.3, smoothing: float = 0.1, max_iter: int = 30,
                 tol: float = 1e-4, temperature: float = 1.0, min_df: int = 2,
                 max_df: float = 0.5, analyzer: Callable[[str], list[str]] | None = None,
                 random_state: int | None = 0) -> None:
        self.n_topics = n_topics
        self.seeds = seeds
        self.seed_strength = seed_strength
        self.smoothing = smoothing
        self.max_iter = max_iter
        self.tol = tol
        self.temperature = temperature
        self.min_df = min_df
        self.max_df = max_df
        self.analyzer = analyzer
        self.random_state = random_state

    def fit(self, segments: Iterable[Any], y: Any = None) -> Self:
        """Count terms and run EM from the seeded start."""
        seeds = self._check_seeds()
        vectorizer, counts, vocab = self._vectorize(segments, weighting="count")
        counts = counts.astype(float)
        index = {t: i for i, t in enumerate(vocab)}
        kept = [[t for t in s if t in index] for s in seeds]
        k, (n, v) = self.n_topics, counts.shape
        prior = np.zeros((k, v))
        mass = self.seed_strength * counts.sum() / k
        for i, terms in enumerate(kept):
            if terms:
                prior[i, [index[t] for t in terms]] = mass / len(terms)
        rng = check_random_state(self.random_state)
        seed_matrix = np.zeros((len(kept), v))
        for i, terms in enumerate(kept):
            seed_matrix[i, [index[t] for t in terms]] = 1.0
        hits = np.asarray(counts @ seed_matrix.T).reshape(n, len(kept))
        resp = 0.9 / k + 0.1 * rng.dirichlet(np.ones(k), size=n)  # no seed words: anywhere
        has = hits.sum(axis=1) > 0 if self.seed_strength > 0 else np.zeros(n, dtype=bool)
        resp[has] = 0.0
        resp[has, :len(kept)] = hits[has] / hits[has].sum(axis=1, keepdims=True)
        n_iter, change = 0, np.inf
        while n_iter < max(1, self.max_iter) and change >= self.tol:
            weighted = np.asarray((counts.T @ resp).T) + prior + self.smoothing
            phi = weighted / weighted.sum(axis=1, keepdims=True)
            pi = (resp.sum(axis=0) + 1.0) / (n + k)
            new = self._posterior(counts, phi, pi, 1.0)
            change = float(np.abs(new - resp).max()) if n else 0.0
            resp = new
            n_iter += 1
        self.vectorizer_ = vectorizer
        self.vocabulary_ = vocab
        self.components_ = phi
        self.weights_ = pi
        self.seeds_ = kept
        self.n_iter_ = n_iter
        return self

    @staticmethod
    def _posterior(counts: Any, phi: np.ndarray, pi: np.ndarray, scale: Any) -> np.ndarray:
        loglik = np.asarray(counts @ np.log(phi).T) / scale + np.log(pi)
        loglik -= loglik.max(axis=1, keepdims=True)
        post = np.exp(loglik)
        return post / post.sum(axis=1, keepdims=True)

    def transform(self, segments: Iterable[Any]) -> np.ndarray:
        """Segment × topic posteriors, tempered by segment length (rows sum to 1)."""
        check_is_fitted(self, "components_")
        counts = self.vectorizer_.transform(segments).astype(float)
        if counts.shape[0] == 0:
            return np.zeros((0, self.n_topics))
        length = np.asarray(counts.sum(axis=1)).reshape(-1, 1)
        scale = self.temperature * np.sqrt(np.maximum(length, 1.0))
        return self._posterior(counts, self.components_, self.weights_, scale)
