"""Seeded topic models as scikit-learn estimators: :class:`GensimLDA` and :class:`SeededNMF`.

Both take ``seeds``, a list of term lists: topic ``i`` (for ``i < len(seeds)``) is seeded with
``seeds[i]``; the remaining ``n_topics - len(seeds)`` topics are free. Both accept segments,
strings or already analysed token lists, and expose ``components_`` (topic × term),
``vocabulary_`` (terms in column order), ``transform`` (segment × topic, rows summing to 1 or 0)
and ``top_terms(k)``. Public names are re-exported by :mod:`cirmtext.suggest.topics`.

How seeding works:

* LDA, ``seeding="warm"``: before the first pass, each seeded topic's sufficient statistics
  (``state.sstats``, the expected word counts behind λ) get pseudo-counts on its seed words:
  ``seed_strength × (tokens / n_topics) / len(seeds[i])`` each, so the first E-step already
  assigns seed-bearing segments to the seeded topic; each free topic gets the same mass spread
  over the words of a few random segments, so that it starts from something too.
  ``seeding="eta"`` instead raises the Dirichlet prior ``eta`` on the seed words to
  ``eta_boost`` (the textbook way; it binds weakly, see ``benchmarks/topics``); ``"none"`` is
  plain LDA.
* NMF: a custom initialisation. ``H`` (topic × term) starts small and random with the seeded
  topic's seed words raised to ``seed_strength`` × the largest initial value; ``W`` (segment ×
  topic) starts from how much of each seed set a segment contains. scikit-learn's solver then
  refines both.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Self

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from ..errors import ConfigError
from ..features import SegmentVectorizer, analyze_all

__all__ = ["GensimLDA", "SeededNMF", "TopicModel", "coherence"]


class _TopicBase(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """Shared parts: seed bookkeeping, top terms."""

    n_topics: int
    seeds: Sequence[Sequence[str]] | None
    analyzer: Callable[[str], list[str]] | None
    min_df: float | int
    max_df: float | int
    components_: np.ndarray
    vocabulary_: list[str]

    def _check_seeds(self) -> list[list[str]]:
        seeds = [list(s) for s in (self.seeds or [])]
        if self.n_topics < max(1, len(seeds)):
            msg = f"n_topics={self.n_topics} is fewer than the {len(seeds)} seeded topics"
            raise ConfigError(msg, hint="raise n_topics or give fewer seeds")
        return seeds

    def _vectorize(self, segments: Iterable[Any], weighting: str = "tfidf",
                   ) -> tuple[SegmentVectorizer, Any, list[str]]:
        """A fitted vectoriser of the segments' terms, their matrix and its vocabulary."""
        vectorizer = SegmentVectorizer(self.analyzer, weighting=weighting, min_df=self.min_df,
                                       max_df=self.max_df)
        try:
            matrix = vectorizer.fit_transform(segments)
        except ValueError as exc:
            msg = f"no terms left to model: {exc}"
            raise ConfigError(msg, hint="give more segments or lower min_df") from None
        return vectorizer, matrix, vectorizer.get_feature_names_out().tolist()

    def top_terms(self, n: int = 10) -> list[list[tuple[str, float]]]:
        """Each topic's ``n`` heaviest terms with their weights (normalised per topic)."""
        check_is_fitted(self, "components_")
        comp = self.components_ / np.maximum(self.components_.sum(axis=1, keepdims=True), 1e-12)
        out = []
        for row in comp:
            order = np.argsort(-row, kind="stable")[:n]
            out.append([(self.vocabulary_[i], float(row[i])) for i in order if row[i] > 0])
        return out

    def seed_binding(self, n: int = 10) -> list[bool]:
        """For each seeded topic, whether one of its seed words is among its ``n`` top terms."""
        top = self.top_terms(n)
        return [bool(set(s) & {t for t, _ in top[i]}) for i, s in enumerate(self.seeds_)]


#: What every topic model of this module provides (used by the topic suggester).
TopicModel = _TopicBase


class _Docs:
    """A re-iterable corpus of token lists: in memory, or spilled to a temporary file."""

    def __init__(self, items: Iterable[Any], analyzer: Callable[[str], list[str]] | None,
                 spill: bool) -> None:
        self._path: str | None = None
        self._docs: list[list[str]] = []
        self.n = 0
        if not spill:
            self._docs = list(analyze_all(items, analyzer))
            self.n = len(self._docs)
            return
        fd, self._path = tempfile.mkstemp(prefix="cirmtext-docs-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for doc in analyze_all(items, analyzer):
                fh.write(" ".join(t.replace(" ", "_") for t in doc) + "\n")
                self.n += 1

    def __iter__(self) -> Iterator[list[str]]:
        if self._path is None:
            yield from self._docs
            return
        with Path(self._path).open(encoding="utf-8") as fh:
            for line in fh:
                yield line.split()

    def close(self) -> None:
        if self._path is not None:
            Path(self._path).unlink()
            self._path = None


class _BowStream:
    def __init__(self, docs: _Docs, dictionary: Any) -> None:
        self.docs, self.dictionary = docs, dictionary

    def __len__(self) -> int:
        return self.docs.n

    def __iter__(self) -> Iterator[list[tuple[int, int]]]:
        for doc in self.docs:
            yield self.dictionary.doc2bow(doc)


class GensimLDA(_TopicBase):
    """gensim ``LdaModel`` over our tokens, as a scikit-learn estimator, with seeded topics.

    Args:
        n_topics: total topics (seeded + free).
        seeds: term lists for the first ``len(seeds)`` topics.
        seeding: ``"warm"`` (seed pseudo-counts in the sufficient statistics), ``"eta"``
            (raised prior on seed words), ``"both"`` or ``"none"``.
        seed_strength: pseudo-count mass of a seeded topic, as a share of an average topic's.
        eta_boost: the prior on a seeded topic's seed words (``"eta"``/``"both"``).
        passes, iterations, chunksize, alpha: as in gensim.
        min_df, max_df: drop terms in fewer than ``min_df`` segments or in more than this share.
        stream: spill the analysed corpus to a temporary file (bounded memory); ``None``: when
            the input is not a list or tuple.
        analyzer: text → terms (default :class:`~cirmtext.tokenize.Analyzer`).
        random_state: seed (an int) for gensim's initialisation.

    Attributes:
        model_: the gensim ``LdaModel``; dictionary_: its ``Dictionary``.
        components_: topic × term probabilities; vocabulary_: terms by column.
        seeds_: the seeds kept (terms outside the vocabulary dropped); n_docs_, n_tokens_.
    """

    def __init__(self, n_topics: int = 10, *, seeds: Sequence[Sequence[str]] | None = None,
                 seeding: str = "warm", seed_strength: float = 1.0, eta_boost: float = 1.0,
                 passes: int = 5, iterations: int = 50, chunksize: int = 2000,
                 alpha: str | float = "symmetric", min_df: int = 2, max_df: float = 0.5,
                 stream: bool | None = None,
                 analyzer: Callable[[str], list[str]] | None = None,
                 random_state: int | None = 0) -> None:
        self.n_topics = n_topics
        self.seeds = seeds
        self.seeding = seeding
        self.seed_strength = seed_strength
        self.eta_boost = eta_boost
        self.passes = passes
        self.iterations = iterations
        self.chunksize = chunksize
        self.alpha = alpha
        self.min_df = min_df
        self.max_df = max_df
        self.stream = stream
        self.analyzer = analyzer
        self.random_state = random_state

    def fit(self, segments: Iterable[Any], y: Any = None) -> Self:
        """Analyse the segments, build the dictionary and train the seeded model."""
        from gensim.corpora import Dictionary
        from gensim.models import LdaModel

        if self.seeding not in ("warm", "eta", "both", "none"):
            msg = f"unknown seeding {self.seeding!r}"
            raise ConfigError(msg, hint="choose warm, eta, both or none")
        seeds = self._check_seeds()
        spill = self.stream if self.stream is not None else not isinstance(segments, list | tuple)
        docs = _Docs(segments, self.analyzer, spill)
        try:
            dictionary = Dictionary(docs)
            dictionary.filter_extremes(no_below=self.min_df, no_above=self.max_df, keep_n=None)
            if len(dictionary) == 0:
                msg = "no terms left to model (too few or too short segments)"
                raise ConfigError(msg, hint="give more segments or lower min_df")
            corpus = _BowStream(docs, dictionary)
            n_tokens = sum(sum(c for _, c in bow) for bow in corpus)
            k, v = self.n_topics, len(dictionary)
            kept = [[t for t in s if t in dictionary.token2id] for s in seeds]
            eta = np.full((k, v), 1.0 / k)
            if self.seeding in ("eta", "both"):
                for i, terms in enumerate(kept):
                    eta[i, [dictionary.token2id[t] for t in terms]] = self.eta_boost
            model = LdaModel(id2word=dictionary, num_topics=k, alpha=self.alpha, eta=eta,
                             passes=self.passes, iterations=self.iterations,
                             chunksize=self.chunksize, random_state=self.random_state,
                             eval_every=None)
            if self.seeding in ("warm", "both"):
                mass = self.seed_strength * n_tokens / k
                for i, terms in enumerate(kept):
                    if terms:
                        ids = [dictionary.token2id[t] for t in terms]
                        model.state.sstats[i, ids] += mass / len(ids)
                self._warm_free(model, corpus, len(kept), mass)
                model.sync_state()
            model.update(corpus, passes=self.passes, iterations=self.iterations,
                         chunksize=self.chunksize, eval_every=None)
        finally:
            docs.close()
        self.model_ = model
        self.dictionary_ = dictionary
        self.vocabulary_ = [dictionary[i] for i in range(len(dictionary))]
        self.components_ = model.get_topics()
        self.seeds_ = kept
        self.n_docs_ = docs.n
        self.n_tokens_ = n_tokens
        return self

    def _warm_free(self, model: Any, corpus: _BowStream, n_seeded: int, mass: float) -> None:
        """Free topics start from the words of a few random segments each, with the same mass.

        Without this the seeded topics, already warm, take every segment in the first E-step
        and the free topics stay at their near-uniform random start.
        """
        free = self.n_topics - n_seeded
        n = corpus.docs.n
        if free <= 0 or n == 0:
            return
        rng = check_random_state(self.random_state)
        per = max(1, n // self.n_topics)
        owner = {int(d): n_seeded + t for t in range(free)
                 for d in rng.choice(n, size=min(per, n), replace=False)}
        counts = np.zeros((free, model.num_terms))
        for d, bow in enumerate(corpus):
            topic = owner.get(d)
            if topic is not None:
                for term, count in bow:
                    counts[topic - n_seeded, term] += count
        totals = counts.sum(axis=1, keepdims=True)
        counts = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
        model.state.sstats[n_seeded:] += mass * counts

    def transform(self, segments: Iterable[Any]) -> np.ndarray:
        """Segment × topic proportions (rows sum to 1; empty segments get 1/K each)."""
        check_is_fitted(self, "model_")
        rows = []
        batch: list[list[tuple[int, int]]] = []
        for doc in analyze_all(segments, self.analyzer):
            batch.append(self.dictionary_.doc2bow(doc))
            if len(batch) >= self.chunksize:
                rows.append(self._infer(batch))
                batch = []
        if batch:
            rows.append(self._infer(batch))
        if not rows:
            return np.zeros((0, self.n_topics))
        return np.vstack(rows)

    def _infer(self, bows: list[list[tuple[int, int]]]) -> np.ndarray:
        gamma, _ = self.model_.inference(bows)
        return gamma / gamma.sum(axis=1, keepdims=True)


class SeededNMF(_TopicBase):
    """scikit-learn NMF on TF-IDF over our tokens, initialised from seed words.

    Args:
        n_topics: total topics (seeded + free).
        seeds: term lists for the first ``len(seeds)`` topics.
        seed_strength: a seed word's initial weight relative to the largest random weight
            (0: plain random initialisation).
        max_iter, tol, alpha_w, alpha_h, l1_ratio: as in :class:`sklearn.decomposition.NMF`.
        min_df, max_df: vocabulary pruning.
        analyzer: text → terms (default :class:`~cirmtext.tokenize.Analyzer`).
        random_state: seed for the random part of the initialisation.

    Attributes:
        model_: the fitted ``NMF``; vectorizer_: the :class:`SegmentVectorizer`.
        components_: topic × term weights; vocabulary_: terms by column; seeds_: seeds kept.
    """

    def __init__(self, n_topics: int = 10, *, seeds: Sequence[Sequence[str]] | None = None,
                 seed_strength: float = 3.0, max_iter: int = 300, tol: float = 1e-4,
                 alpha_w: float = 0.0, alpha_h: float | str = "same", l1_ratio: float = 0.0,
                 min_df: int = 2, max_df: float = 0.5,
                 analyzer: Callable[[str], list[str]] | None = None,
                 random_state: int | None = 0) -> None:
        self.n_topics = n_topics
        self.seeds = seeds
        self.seed_strength = seed_strength
        self.max_iter = max_iter
        self.tol = tol
        self.alpha_w = alpha_w
        self.alpha_h = alpha_h
        self.l1_ratio = l1_ratio
        self.min_df = min_df
        self.max_df = max_df
        self.analyzer = analyzer
        self.random_state = random_state

    def fit(self, segments: Iterable[Any], y: Any = None) -> Self:
        """Vectorise the segments and factorise from the seeded initialisation."""
        seeds = self._check_seeds()
        vectorizer, matrix, vocab = self._vectorize(segments)
        index = {t: i for i, t in enumerate(vocab)}
        kept = [[t for t in s if t in index] for s in seeds]
        rng = check_random_state(self.random_state)
        k = self.n_topics
        n, v = matrix.shape
        avg = float(np.sqrt(matrix.mean() / k)) or 1e-3
        h0 = avg * rng.uniform(0.0, 1.0, (k, v))
        w0 = avg * rng.uniform(0.0, 1.0, (n, k))
        top = float(h0.max())
        for i, terms in enumerate(kept):
            if terms and self.seed_strength > 0:
                ids = [index[t] for t in terms]
                h0[i] *= 0.1
                h0[i, ids] = self.seed_strength * top
                w0[:, i] = 0.1 * avg + np.asarray(matrix[:, ids].sum(axis=1)).ravel() * avg \
                    * self.seed_strength
        model = NMF(n_components=k, init="custom", max_iter=self.max_iter, tol=self.tol,
                    alpha_W=self.alpha_w, alpha_H=self.alpha_h, l1_ratio=self.l1_ratio,
                    random_state=self.random_state)
        import warnings

        from sklearn.exceptions import ConvergenceWarning

        with warnings.catch_warnings():  # tiny corpora: no convergence / a perfect fit
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            model.fit(matrix, W=w0, H=h0)
        self.model_ = model
        self.vectorizer_ = vectorizer
        self.vocabulary_ = vocab
        self.components_ = model.components_
        self.seeds_ = kept
        return self

    def transform(self, segments: Iterable[Any]) -> np.ndarray:
        """Segment × topic weights, each row scaled to sum to 1 (0 for empty segments)."""
        check_is_fitted(self, "model_")
        import warnings

        from sklearn.exceptions import ConvergenceWarning

        matrix = self.vectorizer_.transform(segments)
        if matrix.shape[0] == 0:
            return np.zeros((0, self.n_topics))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            w = self.model_.transform(matrix)
        total = w.sum(axis=1, keepdims=True)
        return np.divide(w, total, out=np.zeros_like(w), where=total > 0)


def coherence(topics: Sequence[Sequence[str]], docs: Iterable[Sequence[str]], *,
              measure: str = "u_mass", dictionary: Any = None) -> tuple[float, list[float]]:
    """Mean and per-topic coherence of topics (lists of top terms) over analysed documents.

    ``measure`` is a gensim ``CoherenceModel`` measure: ``u_mass`` (fast, document
    co-occurrence, higher is better, ≤ 0), ``c_npmi`` or ``c_v`` (sliding windows; slower).
    Topics with fewer than two terms in the dictionary are scored ``nan`` and left out of the mean.
    """
    from gensim.corpora import Dictionary
    from gensim.models import CoherenceModel

    if measure not in ("u_mass", "c_npmi", "c_v", "c_uci"):
        msg = f"unknown coherence measure {measure!r}"
        raise ConfigError(msg, hint="choose u_mass, c_npmi, c_v or c_uci")
    texts = [list(d) for d in docs]
    dictionary = dictionary if dictionary is not None else Dictionary(texts)
    usable = [i for i, t in enumerate(topics)
              if sum(w in dictionary.token2id for w in t) >= 2]
    scores = [float("nan")] * len(topics)
    if usable:
        model = CoherenceModel(
            topics=[[w for w in topics[i] if w in dictionary.token2id] for i in usable],
            texts=texts, dictionary=dictionary, coherence=measure,
            corpus=[dictionary.doc2bow(t) for t in texts] if measure == "u_mass" else None,
            processes=1)
        for i, score in zip(usable, model.get_coherence_per_topic(), strict=True):
            scores[i] = float(score)
    valid = [s for s in scores if np.isfinite(s)]
    return (float(np.mean(valid)) if valid else float("nan")), scores
