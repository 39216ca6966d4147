"""Topic models that know the codebook: seeded topics, free topics, and a topic → code map.

:class:`TopicSuggester` fits one seeded topic per code that has keywords (``by="code"``, the
codable leaves) or per code of a higher level (``by="phase1"``: each element, seeded with its
own and its codes' keywords), plus ``n_free`` free topics that can surface themes no code
covers. The number of free topics is chosen by coherence when ``n_free="auto"`` (gensim
``CoherenceModel``; ``u_mass`` by default, ``c_npmi``/``c_v`` on request) and the curve is kept
in ``coherence_curve_``. Models: :class:`SeededMixture` (default: a seeded mixture of
unigrams, one topic per segment, which ranks short segments best in ``benchmarks/topics``),
:class:`GensimLDA` (warm-started; several topics per segment) or :class:`SeededNMF`.

Every topic is then mapped (:class:`TopicInfo`): a seeded topic that kept one of its seed words
in its top terms maps to its code; any other topic maps to the code whose profile (label,
description, keywords, examples) is most similar to the topic's term distribution (cosine), or
is flagged ``is_new`` when no code reaches ``new_threshold``: a candidate new code, with its top
terms, a suggested label (its three top terms) and its most representative segments.

**What a score means.** For segment ``d`` and code ``c``:
``score = Σ_k θ_dk × match_k`` over topics ``k`` mapped to ``c``, where ``θ_d`` are the
segment's topic proportions (summing to 1) and ``match_k`` the mapping's confidence (1 for a
seeded topic that kept its seeds, the cosine otherwise). It is the share of the segment that
the model attributes to the code, in ``[0, 1]``. Evidence: one ``Evidence(kind="topic")`` per
contributing topic, ``term`` its top words, ``weight`` ``θ_dk × match_k``.

>>> from cirmtext.codebook import Codebook
>>> cb = Codebook.from_dict({"codes": [
...     {"id": "C1", "label": "فناوری", "keywords": ["سامانه", "پیامک"]},
...     {"id": "C2", "label": "مشارکت", "keywords": ["محله", "داوطلب"]}]})
>>> texts = ["سامانه پیامک شکایت ثبت", "سامانه پیامک اینترنت", "محله داوطلب همیاری",
...          "داوطلب محله شورا", "سامانه اینترنت شکایت", "محله شورا همیاری"] * 2
>>> model = TopicSuggester(cb, n_free=0).fit(texts)
>>> [(t.code_id, t.terms[0]) for t in model.topics_]
[('C1', 'سامانه'), ('C2', 'محله')]
>>> [(s.code_id, round(s.score, 2)) for s in model.suggest(["پیامک سامانه"])[0]][0]
('C1', 1.0)
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Self

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from ..codebook import Codebook, load_codebook
from ..errors import ConfigError
from ..features import analyze_all
from ..records import Code, Evidence, Record, Segment, Suggestion
from ..tokenize import Analyzer
from ._mixture import SeededMixture
from ._topicmodels import GensimLDA, SeededNMF, TopicModel, coherence
from .base import as_segments, truncate

#: Below this many segments, terms seen once are kept (``min_df`` is ignored).
_SMALL = 20

__all__ = ["GensimLDA", "SeededMixture", "SeededNMF", "TopicInfo", "TopicSuggester",
           "coherence", "seed_terms", "target_codes"]


@dataclass(frozen=True, slots=True)
class TopicInfo(Record):
    """One fitted topic and what it means for the codebook.

    ``code_id`` is the mapped code (``None`` when ``is_new``); ``match`` the mapping's
    confidence; ``terms``/``weights`` the top terms; ``segments`` the ids of the segments where
    the topic is strongest; ``seed_code`` the code the topic was seeded with, if any.
    """

    topic: int
    code_id: str | None
    match: float
    is_new: bool
    label: str
    terms: tuple[str, ...]
    weights: tuple[float, ...]
    segments: tuple[str, ...] = ()
    seed_code: str | None = None
    bound: bool = False


def seed_terms(codebook: Codebook, *, by: str = "code", max_shared: int = 2,
               analyzer: Callable[[str], list[str]] | None = None) -> dict[str, list[str]]:
    """Seed words per code: the analysed terms of its keywords (and its descendants').

    ``by="code"`` seeds the codable leaves that have keywords; any other value is a level name
    (``"phase1"``) whose codes are seeded with their own and their descendants' keywords. A term
    shared by more than ``max_shared`` codes is dropped (it cannot tell them apart).

    >>> from cirmtext.codebook import Codebook
    >>> cb = Codebook.from_dict({"codes": [{"id": "C1", "label": "x", "keywords": ["سامانه‌ها"]}]})
    >>> seed_terms(cb)
    {'C1': ['سامانه']}
    """
    analyze = analyzer if analyzer is not None else Analyzer()
    codes = target_codes(codebook, by)
    raw: dict[str, list[str]] = {}
    for code in codes:
        family = [code] if by == "code" else [code, *codebook.descendants(code.id)]
        terms: list[str] = []
        for member in family:
            for keyword in member.keywords:
                terms.extend(t for t in analyze(keyword) if t not in terms)
        if terms:
            raw[code.id] = terms
    shared = Counter(t for terms in raw.values() for t in set(terms))
    out = {c: [t for t in terms if shared[t] <= max_shared] or terms for c, terms in raw.items()}
    return out


def target_codes(codebook: Codebook, by: str) -> tuple[Code, ...]:
    """The codes suggested at level ``by``: codable leaves for ``"code"``, else that level's."""
    if by == "code":
        return tuple(c for c in codebook.leaves() if c.codable)
    try:
        return codebook.at_level(by)
    except KeyError as exc:
        raise ConfigError(str(exc.args[0]), hint="give --by code or one of those levels") \
            from None


class TopicSuggester(BaseEstimator):  # type: ignore[misc]
    """Suggest codes from seeded topic models, and report topics that no code covers.

    Args:
        codebook: a :class:`~cirmtext.codebook.Codebook`, a codebook file or a bundled name.
        model: ``"mixture"`` (:class:`SeededMixture`, one topic per segment; default),
            ``"lda"`` (:class:`GensimLDA`, warm-started) or ``"nmf"`` (:class:`SeededNMF`).
        by: ``"code"`` (one topic per codable leaf with keywords) or a level name.
        n_free: free topics, or ``"auto"`` to choose among ``free_candidates`` by coherence.
        free_candidates: the free-topic counts tried when ``n_free="auto"``.
        coherence: ``u_mass`` (default), ``c_npmi`` or ``c_v``.
        seed_strength: passed to the model (``None``: the model's default).
        expand: add up to this many corpus-grown terms per code to its seeds (co-occurrence
            expansion of :mod:`cirmtext.suggest.expand`); 0 disables.
        grow: after a first fit, add up to this many words per code that concentrate in the
            segments of its seeded topic, then refit (0 disables); grow_share: the topic share
            a segment needs to count for its topic.
        new_threshold: a topic whose best code similarity is below this is flagged new.
        top_n: top terms kept per topic; n_segments: representative segments kept per topic.
        min_df, max_df: vocabulary pruning (``min_df`` applies from 20 segments on);
            max_iter: NMF iterations / LDA passes × 20.
        min_score, top_k: drop suggestions below ``min_score``; default suggestions per segment.
        level: if given, overrides ``by`` (the name the other suggesters use).
        random_state: seed.

    Attributes:
        codebook_, fingerprint_: the codebook used; seeds_: code → seed words used.
        model_: the fitted topic model; topics_: a :class:`TopicInfo` per topic.
        coherence_curve_: ``[(n_free, coherence), ...]`` when chosen automatically.
        n_free_: the free topics used.
    """

    method = "topics"

    def __init__(self, codebook: Codebook | str | os.PathLike[str] | None = None, *,
                 model: str = "mixture", by: str = "code", n_free: int | str = "auto",
                 free_candidates: Sequence[int] = (0, 2, 4, 8), coherence: str = "u_mass",
                 seed_strength: float | None = None, expand: int = 0, grow: int = 0,
                 grow_share: float = 0.5,
                 new_threshold: float = 0.15, top_n: int = 10, n_segments: int = 5,
                 min_df: int = 2, max_df: float = 0.5, max_iter: int = 300,
                 min_score: float = 0.0, top_k: int | None = None,
                 level: str | None = None, random_state: int | None = 0) -> None:
        self.codebook = codebook
        self.model = model
        self.by = by
        self.n_free = n_free
        self.free_candidates = free_candidates
        self.coherence = coherence
        self.seed_strength = seed_strength
        self.expand = expand
        self.grow = grow
        self.grow_share = grow_share
        self.new_threshold = new_threshold
        self.top_n = top_n
        self.n_segments = n_segments
        self.min_df = min_df
        self.max_df = max_df
        self.max_iter = max_iter
        self.min_score = min_score
        self.top_k = top_k
        self.level = level
        self.random_state = random_state

    @property
    def _by(self) -> str:
        return self.level if self.level is not None else self.by

    def _make(self, n_topics: int, seeds: list[list[str]]) -> TopicModel:
        extra: dict[str, Any] = {}
        min_df = self.min_df if self._n_docs >= _SMALL else 1
        if self.seed_strength is not None:
            extra["seed_strength"] = self.seed_strength
        if self.model == "nmf":
            return SeededNMF(n_topics, seeds=seeds, min_df=min_df, max_df=self.max_df,
                             max_iter=self.max_iter, random_state=self.random_state, **extra)
        if self.model == "lda":
            return GensimLDA(n_topics, seeds=seeds, min_df=min_df, max_df=self.max_df,
                             passes=max(1, self.max_iter // 20), random_state=self.random_state,
                             **extra)
        if self.model == "mixture":
            return SeededMixture(n_topics, seeds=seeds, min_df=min_df, max_df=self.max_df,
                                 max_iter=max(5, self.max_iter // 10),
                                 random_state=self.random_state, **extra)
        msg = f"unknown topic model {self.model!r}"
        raise ConfigError(msg, hint="choose lda, nmf or mixture")

    def fit(self, segments: Iterable[Segment | str], y: Any = None) -> Self:
        """Seed, choose the free topics, fit the model and map its topics to codes."""
        if self.codebook is None:
            msg = "TopicSuggester needs a codebook"
            raise ValueError(msg)
        codebook = self.codebook if isinstance(self.codebook, Codebook) else \
            load_codebook(self.codebook)
        items = as_segments(segments)
        docs = list(analyze_all([s.text for s in items]))
        self._n_docs = len(docs)
        seeds = seed_terms(codebook, by=self._by)
        if self.expand > 0:
            seeds = self._expanded(codebook, items, seeds)
        seed_codes = list(seeds)
        seed_lists = [seeds[c] for c in seed_codes]
        curve: list[tuple[int, float]] = []
        if self.n_free == "auto":
            best: tuple[float, int, TopicModel] | None = None
            for n_free in self.free_candidates:
                candidate = self._make(len(seed_lists) + n_free, seed_lists).fit(docs)
                top = [[t for t, _ in terms] for terms in candidate.top_terms(self.top_n)]
                score = coherence(top, docs, measure=self.coherence)[0]
                curve.append((int(n_free), score))
                if best is None or (np.isfinite(score) and score > best[0]):
                    best = (score, int(n_free), candidate)
            if best is None:
                msg = "free_candidates is empty"
                raise ConfigError(msg, hint="give at least one candidate count")
            _, n_free_used, fitted = best
        elif isinstance(self.n_free, int) and self.n_free >= 0:
            n_free_used = self.n_free
            fitted = self._make(len(seed_lists) + n_free_used, seed_lists).fit(docs)
        else:
            msg = f"n_free must be a non-negative int or 'auto', not {self.n_free!r}"
            raise ConfigError(msg)
        if self.grow > 0:
            seeds = self._grown(fitted, seed_codes, seeds, docs)
            fitted = self._make(len(seed_lists) + n_free_used,
                                [seeds[c] for c in seed_codes]).fit(docs)
        self.codebook_ = codebook
        self.fingerprint_ = codebook.fingerprint
        self.seeds_ = seeds
        self.model_ = fitted
        self.n_free_ = n_free_used
        self.coherence_curve_ = curve
        self.topics_ = self._map(codebook, seed_codes, items, docs)
        return self

    def _grown(self, model: TopicModel, seed_codes: list[str], seeds: dict[str, list[str]],
               docs: list[list[str]]) -> dict[str, list[str]]:
        """Seeds grown from the first fit: words concentrated in each seeded topic's segments.

        Each segment is assigned to its strongest seeded topic when that topic holds at least
        ``grow_share`` of it; a word joins code ``c``'s seeds when at least 3 segments assigned
        to ``c`` contain it and at least half of all segments containing it are assigned to
        ``c``. The ``grow`` words with most such segments are added per code.
        """
        theta = model.transform(docs)[:, :len(seed_codes)]
        best = theta.argmax(axis=1) if len(seed_codes) else np.zeros(len(docs), dtype=int)
        df: Counter[str] = Counter()
        by_code: dict[int, Counter[str]] = {i: Counter() for i in range(len(seed_codes))}
        for d, doc in enumerate(docs):
            terms = set(doc)
            df.update(terms)
            if len(seed_codes) and theta[d, best[d]] >= self.grow_share:
                by_code[int(best[d])].update(terms)
        out = {c: list(t) for c, t in seeds.items()}
        for i, code in enumerate(seed_codes):
            taken = {t for other in out.values() for t in other}
            ranked = sorted(((n, t) for t, n in by_code[i].items()
                             if n >= 3 and n / df[t] >= 0.5 and t not in taken),
                            key=lambda x: (-x[0], x[1]))
            out[code].extend(t for _, t in ranked[:self.grow])
        return out

    def _expanded(self, codebook: Codebook, items: list[Segment],
                  seeds: dict[str, list[str]]) -> dict[str, list[str]]:
        from .expand import expand_keywords

        codes = [c for c in seeds if codebook[c].codable and not codebook.children(c)]
        if not codes:
            return seeds
        proposals = expand_keywords(codebook, items, top_n=self.expand, codes=codes)
        out = {c: list(t) for c, t in seeds.items()}
        for code, found in proposals.items():
            out[code].extend(p.term for p in found if p.term not in out[code])
        return out

    def _profiles(self, codebook: Codebook, codes: Sequence[Code]) -> np.ndarray:
        """Each code's term profile over the model vocabulary (L2-normalised counts)."""
        index = {t: i for i, t in enumerate(self.model_.vocabulary_)}
        analyze = Analyzer()
        out = np.zeros((len(codes), len(index)))
        for row, code in enumerate(codes):
            family = [code, *codebook.descendants(code.id)]
            text = " ".join(" ".join([m.label, m.description, *m.keywords, *m.examples])
                            for m in family)
            for term in analyze(text):
                if term in index:
                    out[row, index[term]] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)

    def _map(self, codebook: Codebook, seed_codes: list[str], items: list[Segment],
             docs: list[list[str]]) -> list[TopicInfo]:
        model = self.model_
        targets = target_codes(codebook, self._by)
        profiles = self._profiles(codebook, targets)
        comp = model.components_ / np.maximum(
            np.linalg.norm(model.components_, axis=1, keepdims=True), 1e-12)
        sims = comp @ profiles.T
        bound = model.seed_binding(self.top_n)
        theta = model.transform(docs)
        infos = []
        for k, terms in enumerate(model.top_terms(self.top_n)):
            seed_code = seed_codes[k] if k < len(seed_codes) else None
            if seed_code is not None and bound[k]:
                code, match = seed_code, 1.0
            else:
                j = int(np.argmax(sims[k])) if sims.shape[1] else -1
                match = float(sims[k, j]) if j >= 0 else 0.0
                code = targets[j].id if j >= 0 and match >= self.new_threshold else None
            order = np.argsort(-theta[:, k], kind="stable")[:self.n_segments]
            top_segments = tuple(items[i].id for i in order if theta[i, k] > 0)
            words = tuple(t for t, _ in terms)
            infos.append(TopicInfo(k, code, round(match, 4), code is None, "، ".join(words[:3]),
                                   words, tuple(round(w, 4) for _, w in terms), top_segments,
                                   seed_code, bool(seed_code is not None and bound[k])))
        return infos

    def topic_distribution(self, segments: Iterable[Segment | str]) -> np.ndarray:
        """Segment × topic proportions under the fitted model."""
        check_is_fitted(self, "model_")
        return self.model_.transform([s.text for s in as_segments(segments)])

    def suggest(self, segments: Iterable[Segment | str],
                top_k: int | None = None) -> list[list[Suggestion]]:
        """Codes whose topics the segment is made of, best first, one list per segment."""
        check_is_fitted(self, "model_")
        items = as_segments(segments)
        theta = self.model_.transform([s.text for s in items])
        k = top_k if top_k is not None else self.top_k
        mapped = [(t, t.code_id) for t in self.topics_ if t.code_id is not None]
        out = []
        for row, segment in zip(theta, items, strict=True):
            scores: dict[str, float] = {}
            evidence: dict[str, list[Evidence]] = {}
            for info, code in mapped:
                part = float(row[info.topic]) * info.match
                if part <= 0:
                    continue
                scores[code] = scores.get(code, 0.0) + part
                how = "seeded, kept its seeds" if info.bound else f"mapped, cosine {info.match}"
                evidence.setdefault(code, []).append(Evidence(
                    "topic", " ".join(info.terms[:5]), round(part, 4),
                    note=f"topic {info.topic} ({how}); segment share {row[info.topic]:.3f}"))
            found = [Suggestion(segment.id, code, min(1.0, score), self.method,
                                tuple(sorted(evidence[code], key=lambda e: -e.weight)))
                     for code, score in scores.items()]
            out.append(truncate(found, k, self.min_score))
        return out

    def new_topics(self) -> list[TopicInfo]:
        """Topics that no code covers: candidates for new codes."""
        check_is_fitted(self, "topics_")
        return [t for t in self.topics_ if t.is_new]
