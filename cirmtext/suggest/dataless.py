"""Dataless code suggestion: seeds grown from the corpus by a bootstrapped naive Bayes model.

With only a label and a few seed words per code, counting the seeds finds a code only in the
segments that happen to use them. :class:`BootstrapSuggester` grows the seeds from the corpus
itself, the classic dataless recipe (semi-supervised naive Bayes with EM, Nigam et al. 2000):

1. each segment is scored by :class:`~cirmtext.suggest.keywords.KeywordSuggester` (keywords,
   labels, descriptions, examples, variant-insensitive); segments with evidence get soft first
   labels in proportion to each code's evidence sum;
2. a multinomial naive Bayes model over the analysed words of every segment is fitted on those
   labels, with the seeds as pseudo-counts in their code's word distribution;
3. EM: every segment is re-labelled with the model's posterior and the model refitted, so words
   that keep company with a code's seeds come to speak for the code;
4. optionally (``context > 0``), each segment's posterior is mixed with the mean posterior of the
   other segments of its document (paragraphs of one report usually share a category).

The score of a suggestion is the model's posterior probability of the code for the segment
(tempered, see ``temperature``), in [0, 1]; its evidence lists the segment's words that pull
most towards the code. It is **not calibrated**: naive Bayes is over-confident (with the default
``temperature=1`` the mean top score was 0.98-1.0 where top-1 accuracy was 0.68-0.92 in
``benchmarks/topics/categories.py``; ``temperature=3`` matched accuracy on six codes but was
far under-confident on the 50-code cirm codebook). Use it to rank codes within a segment.

>>> from cirmtext.codebook import Codebook
>>> cb = Codebook.from_dict({"codes": [
...     {"id": "A", "label": "سلامت", "keywords": ["بیمارستان"]},
...     {"id": "B", "label": "آموزش", "keywords": ["مدرسه"]}]})
>>> texts = ["بیمارستان پزشک دارو", "پزشک دارو پرستار", "مدرسه معلم کتاب", "معلم کتاب کلاس"]
>>> model = BootstrapSuggester(cb).fit(texts)
>>> [rows[0].code_id for rows in model.suggest(texts)]
['A', 'A', 'B', 'B']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Self

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from ..codebook import Codebook, load_codebook
from ..errors import ConfigError
from ..records import Evidence, Segment, Suggestion
from .base import as_segments, truncate
from .expand import content_lemmas
from .topics import seed_terms, target_codes

__all__ = ["BootstrapSuggester"]


class BootstrapSuggester(BaseEstimator):  # type: ignore[misc]
    """Suggest codes by a naive Bayes model bootstrapped from each code's seed words.

    Args:
        codebook: a :class:`~cirmtext.codebook.Codebook`, a codebook file or a bundled name.
        by: ``"code"`` (codable leaves with keywords) or a level name, as in
            :func:`~cirmtext.suggest.topics.seed_terms`.
        n_iter: EM rounds after the first fit from seed labels.
        alpha: additive smoothing of the word distributions.
        seed_weight: pseudo-counts given to each seed word in its own code's distribution.
        context: weight of the document's other segments in a segment's posterior (0: none;
            segments are grouped by ``Segment.document_id``).
        temperature: posterior log-odds are divided by ``1 + temperature * log(length)`` so
            that long segments do not get certainties of 1.0.
        min_score, top_k: drop suggestions below ``min_score``; default suggestions per segment.
        n_evidence: evidence words kept per suggestion.
        confirmed_weight: weight of a confirmed segment in the M-step (an unconfirmed
            segment weighs 1), when ``fit`` is given confirmations.
        level: if given, overrides ``by`` (the name the other suggesters and the CLI use).

    Attributes:
        codebook_, fingerprint_: the codebook used; seeds_: code → seed words (its keywords'
            and its label's content lemmas; a code without keywords is seeded by its label).
        codes_: code ids in model order; vocabulary_: word → column.
        log_word_: codes × words log-probabilities; log_prior_: per-code log-priors;
            pull_: ``log_word_`` minus its mean over codes (what :meth:`word_evidence` ranks).
        n_seeded_: segments with keyword evidence at the start; n_confirmed_: segments whose
            confirmed codes were kept fixed.
    """

    method = "dataless"

    def __init__(self, codebook: Codebook | str | os.PathLike[str] | None = None, *,
                 by: str = "code", n_iter: int = 10, alpha: float = 0.1,
                 seed_weight: float = 5.0, context: float = 0.0, temperature: float = 1.0,
                 min_score: float = 0.0, top_k: int | None = None,
                 n_evidence: int = 3, confirmed_weight: float = 3.0,
                 level: str | None = None) -> None:
        self.codebook = codebook
        self.by = by
        self.n_iter = n_iter
        self.alpha = alpha
        self.seed_weight = seed_weight
        self.context = context
        self.temperature = temperature
        self.min_score = min_score
        self.top_k = top_k
        self.n_evidence = n_evidence
        self.confirmed_weight = confirmed_weight
        self.level = level

    @property
    def _by(self) -> str:
        return self.level if self.level is not None else self.by

    def _counts(self, docs: list[list[str]]) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for i, doc in enumerate(docs):
            for word in doc:
                j = self.vocabulary_.get(word)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
                    vals.append(1.0)
        return sparse.csr_matrix((vals, (rows, cols)),
                                 shape=(len(docs), len(self.vocabulary_)))

    def fit(self, segments: Iterable[Segment | str],
            y: Mapping[str, Iterable[str]] | None = None) -> Self:
        """Label segments from their seeds, then fit naive Bayes by EM over all segments.

        Args:
            segments: the corpus (unlabelled).
            y: optional confirmations, segment id → confirmed codes: those segments keep their
                confirmed codes as fixed labels through EM (semi-supervised naive Bayes);
                confirmed codes outside the model's codes are ignored.
        """
        if self.codebook is None:
            msg = "BootstrapSuggester needs a codebook"
            raise ValueError(msg)
        if not 0.0 <= self.context < 1.0:
            msg = f"context must be in [0, 1), not {self.context!r}"
            raise ConfigError(msg)
        codebook = self.codebook if isinstance(self.codebook, Codebook) else \
            load_codebook(self.codebook)
        items = as_segments(segments)
        keyword_seeds = seed_terms(codebook, by=self._by, analyzer=content_lemmas)
        seeds: dict[str, list[str]] = {}
        for target in target_codes(codebook, self._by):  # codes without keywords: their label
            terms = list(keyword_seeds.get(target.id, []))
            terms += [w for w in content_lemmas(target.label) if w not in terms]
            if terms:
                seeds[target.id] = terms
        if not seeds:
            msg = f"codebook {codebook.id} has no keywords or label words to seed from"
            raise ConfigError(msg, hint="add keywords to the codes")
        docs = [content_lemmas(s.text) for s in items]
        vocab: dict[str, int] = {}
        for doc in docs:
            for word in doc:
                vocab.setdefault(word, len(vocab))
        for terms in seeds.values():
            for word in terms:
                vocab.setdefault(word, len(vocab))
        self.vocabulary_ = vocab
        self.codes_ = list(seeds)
        x = self._counts(docs)
        seed_m = np.zeros((len(self.codes_), len(vocab)))
        for c, code in enumerate(self.codes_):
            for word in seeds[code]:
                seed_m[c, vocab[word]] = 1.0
        from .keywords import KeywordSuggester
        sums = KeywordSuggester(codebook, level=None if self._by == "code" else self._by
                                ).fit(items).evidence_sums(items)
        hits = np.array([[row.get(code, 0.0) for code in self.codes_] for row in sums])
        hits = hits.reshape(len(items), len(self.codes_))
        seeded = hits.sum(axis=1) > 0
        resp = np.zeros_like(hits)
        resp[seeded] = hits[seeded] / hits[seeded].sum(axis=1, keepdims=True)
        groups = self._groups(items)
        self.n_seeded_ = int(seeded.sum())
        col = {c: j for j, c in enumerate(self.codes_)}
        fixed: dict[int, np.ndarray] = {}
        for i, s in enumerate(items):
            known = [col[c] for c in (y or {}).get(s.id, ()) if c in col]
            if known:
                fixed[i] = np.zeros(len(self.codes_))
                fixed[i][known] = 1.0 / len(known)
        self.n_confirmed_ = len(fixed)
        for _ in range(self.n_iter + 1):
            for i, row in fixed.items():
                resp[i] = row * self.confirmed_weight
            self._m_step(x, resp, seed_m)
            resp = self._posterior(x, docs, groups)
        self.pull_ = self.log_word_ - self.log_word_.mean(axis=0)
        self.codebook_ = codebook
        self.fingerprint_ = codebook.fingerprint
        self.seeds_ = seeds
        return self

    def _m_step(self, x: sparse.csr_matrix, resp: np.ndarray, seed_m: np.ndarray) -> None:
        counts = np.asarray((x.T @ resp).T) + self.alpha + self.seed_weight * seed_m
        self.log_word_ = np.log(counts / counts.sum(axis=1, keepdims=True))
        mass = resp.sum(axis=0) + 1.0
        self.log_prior_ = np.log(mass / mass.sum())

    def _posterior(self, x: sparse.csr_matrix, docs: list[list[str]],
                   groups: list[list[int]] | None) -> np.ndarray:
        length = np.asarray(x.sum(axis=1)).ravel()
        logit = np.asarray(x @ self.log_word_.T) + self.log_prior_
        logit /= (1.0 + self.temperature * np.log1p(length))[:, None]
        logit -= logit.max(axis=1, keepdims=True)
        post = np.exp(logit)
        post /= post.sum(axis=1, keepdims=True)
        if groups and self.context > 0:
            mixed = post.copy()
            for members in groups:
                if len(members) < 2:
                    continue
                total = post[members].sum(axis=0)
                for i in members:
                    others = (total - post[i]) / (len(members) - 1)
                    mixed[i] = (1 - self.context) * post[i] + self.context * others
            post = mixed
        return post

    @staticmethod
    def _groups(items: list[Segment]) -> list[list[int]]:
        by_doc: dict[str, list[int]] = {}
        for i, s in enumerate(items):
            if s.document_id:
                by_doc.setdefault(s.document_id, []).append(i)
        return list(by_doc.values())

    def predict_proba(self, segments: Iterable[Segment | str],
                      words: list[list[str]] | None = None) -> np.ndarray:
        """Segment × code posteriors (columns in ``codes_`` order).

        ``words``: the segments' analysed words, if already computed
        (:func:`~cirmtext.suggest.expand.content_lemmas` of each text).
        """
        check_is_fitted(self, "log_word_")
        items = as_segments(segments)
        docs = words if words is not None else [content_lemmas(s.text) for s in items]
        return self._posterior(self._counts(docs), docs, self._groups(items))

    def suggest(self, segments: Iterable[Segment | str],
                top_k: int | None = None) -> list[list[Suggestion]]:
        """Codes by posterior probability, best first, one list per segment."""
        check_is_fitted(self, "log_word_")
        items = as_segments(segments)
        docs = [content_lemmas(s.text) for s in items]
        post = self._posterior(self._counts(docs), docs, self._groups(items))
        k = top_k if top_k is not None else self.top_k
        out = []
        for segment, doc, row in zip(items, docs, post, strict=True):
            found = [Suggestion(segment.id, code, float(min(1.0, row[c])), self.method,
                                self.word_evidence(doc, code))
                     for c, code in enumerate(self.codes_)]
            found.sort(key=lambda s: -s.score)
            out.append(truncate(found, k, self.min_score))
        return out

    def word_evidence(self, words: Iterable[str], code: str) -> tuple[Evidence, ...]:
        """The ``n_evidence`` words of a segment that pull most towards ``code``.

        ``words`` are the segment's analysed words (:func:`~cirmtext.suggest.expand.
        content_lemmas`); a word's weight is its log-probability under the code minus its mean
        over all codes; ``note`` says whether it is one of the code's seeds or was grown.
        """
        check_is_fitted(self, "log_word_")
        if not hasattr(self, "pull_"):
            self.pull_ = self.log_word_ - self.log_word_.mean(axis=0)
        c = self.codes_.index(code)
        known = sorted({w for w in words if w in self.vocabulary_})
        pull = {w: float(self.pull_[c, self.vocabulary_[w]]) for w in known}
        ranked = sorted((w for w in known if pull[w] > 0), key=lambda w: -pull[w])
        return tuple(Evidence("word", w, round(pull[w], 4),
                              note="seed" if w in self.seeds_[code] else "grown")
                     for w in ranked[:self.n_evidence])
