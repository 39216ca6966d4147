"""Keyword suggestions: codebook terms found in segments, weighted by how specific they are.

Every code contributes terms from its own entry (``keywords`` at full weight, the words and the
whole phrase of its ``label``, the words of its ``description`` and ``examples`` at lower
weights), from its ancestors (weaker still) and, when suggesting at a higher level such as the
element level ``phase1``, from its descendants. Terms are matched on folded, lemmatised tokens
(see :mod:`cirmtext.suggest._match`), so spelling variants, plurals, clitics and verb forms
match. Each hit of term ``t`` for code ``c`` adds

``w(c, t) = source weight × code specificity(t) × corpus specificity(t) × phrase bonus(t)``

times a saturating count ``tf (1 + k1) / (tf + k1)``. *Code specificity* is
``log(1 + C / n_t) / log(1 + C)`` for ``C`` candidate codes of which ``n_t`` have the term (1 for
a term only one code has); *corpus specificity* is a BM25-style idf over the segments given to
``fit``, mixed in with weight ``corpus_weight × N / (N + 50)`` so that a handful of segments
barely moves it. An exclusion term found in the segment multiplies the code's sum by
``exclusion_factor`` (0 vetoes the code).

**What a score means.** By default a score estimates the probability that a coder would
confirm the code for the segment: ``score = σ(a + b·ln S + c·S / S_max)``, a logistic
calibration over the evidence sum ``S`` and its share of the segment's strongest ``S_max``,
with ``(a, b, c)`` = :data:`DEFAULT_CALIBRATION` fitted on the project's development set
(``benchmarks/suggest/run.py`` refits it and reports its cross-validated calibration error).
:func:`fit_calibration` refits it on a project's own confirmed codes. With
``calibration=None`` the score is ``1 - exp(-S / scale)``: one full-weight keyword that only this
code has gives ``S ≈ 1`` and 0.63, two such keywords 0.86. Either way the order of codes within
a segment is the order of ``S``.

>>> from cirmtext.codebook import Codebook
>>> cb = Codebook.from_dict({"codes": [
...     {"id": "C1", "label": "مشارکت مردم", "keywords": ["مشارکت کردن", "نظرسنجی"]},
...     {"id": "C2", "label": "فناوری اطلاعات", "keywords": ["سامانه", "اپلیکیشن"]}]})
>>> model = KeywordSuggester(cb).fit([])
>>> [[(s.code_id, round(s.score, 2)) for s in row] for row in model.suggest(
...     ["شهروندان در نظرسنجی‌ها مشارکت می‌کنند", "سامانه‌ها را به‌روز کردیم"])]
[[('C1', 0.8)], [('C2', 0.59)]]
"""

from __future__ import annotations

import itertools
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Self

from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from ..codebook import Codebook, load_codebook
from ..records import Code, Evidence, Segment, Suggestion
from ..tokenize import tokenize
from ._match import Matcher, Pattern, TextKeys, compile_term, content_words, text_keys
from .base import as_segments, truncate

__all__ = ["DEFAULT_CALIBRATION", "KeywordSuggester", "fit_calibration"]

#: ``(a, b, c)`` of ``score = σ(a + b·ln S + c·S / S_max)``: fitted with
#: ``benchmarks/suggest/run.py --calibrate`` on ``corpora/devset/cirm_dev.jsonl`` (177 segments,
#: 2,496 scored (segment, code) pairs; codebook ``cirm_phenomenography``). 5-fold cross-validation
#: grouped by segment there gave an expected calibration error of 0.014-0.016, against 0.134 for
#: ``1 - exp(-S)``.
DEFAULT_CALIBRATION = (-2.89, 1.07, 3.26)

#: Sources of an ancestor's terms that its descendants inherit.
_INHERITED = frozenset({"keyword", "label"})
#: Shrinks the corpus part of a term's weight when the corpus is small: N / (N + this).
_CORPUS_PRIOR = 50


@dataclass(frozen=True, slots=True)
class _Term:
    code: str
    weight: float
    source: str
    via: str


@dataclass(slots=True)
class _Level:
    """The candidate codes of one level with their weighted terms, ready to score."""

    codes: tuple[str, ...]
    by_pattern: dict[int, list[_Term]]
    exclusions: dict[int, list[str]]


def _lifted(sums: dict[str, float], evidence: dict[str, list[Evidence]],
            lift: dict[str, str]) -> tuple[dict[str, float], dict[str, list[Evidence]]]:
    """Evidence sums and evidence of codes moved up to their ancestors."""
    up_sums: dict[str, float] = {}
    up_evidence: dict[str, list[Evidence]] = {}
    for code, total in sums.items():
        target = lift[code]
        up_sums[target] = up_sums.get(target, 0.0) + total
        via = "" if target == code else f"via {code}"
        up_evidence.setdefault(target, []).extend(
            Evidence(e.kind, e.term, e.weight, e.start, e.end,
                     "; ".join(x for x in (e.note, via) if x)) for e in evidence[code])
    return up_sums, up_evidence


def _phrase_factor(pattern: Pattern) -> float:
    """Phrases of several content words are stronger evidence; stopword-only terms weaker."""
    if pattern.content == 0:
        return 0.5
    return min(2.0, 1.0 + 0.5 * (pattern.content - 1))


class KeywordSuggester(BaseEstimator):  # type: ignore[misc]
    """Suggest codes from codebook terms found in each segment, with the hits as evidence.

    Args:
        codebook: a :class:`~cirmtext.codebook.Codebook`, a codebook file or a bundled name.
        level: the level whose codes are scored (``"code"``, ``"phase1"``…; a higher level
            then uses its descendants' terms too); ``None`` means the codebook's codable
            leaves. ``suggest(level=...)`` lifts these scores to a higher level.
        keyword_weight, label_weight, description_weight, example_weight: weight of a term by
            where in the code's entry it comes from.
        ancestor_weight: factor for terms of a parent (squared for a grandparent…).
        descendant_weight: factor for terms of codes below a candidate (when ``level`` names
            a level with children).
        exclusion_factor: multiplies a code's evidence when one of its exclusions is present.
        corpus_weight: how much corpus idf (from ``fit``) modulates term weights, in [0, 1].
        k1: saturation of repeated hits (BM25's ``k1``).
        max_gap: words allowed between the words of a phrase.
        calibration: ``(a, b, c)`` of the logistic score (see the module docstring), or
            ``None`` for ``1 - exp(-S / scale)``.
        scale: see ``calibration``.
        min_score: drop suggestions scoring below this.
        top_k: default number of suggestions per segment (``None``: all with evidence).

    Attributes:
        codebook_: the codebook used; ``fingerprint_`` its fingerprint.
        patterns_: the compiled terms; ``df_``: in how many fitted segments each was found.
        n_segments_: the number of segments seen by ``fit``.
    """

    method = "keywords"

    def __init__(self, codebook: Codebook | str | os.PathLike[str] | None = None, *,
                 level: str | None = None, keyword_weight: float = 1.0,
                 label_weight: float = 0.6, description_weight: float = 0.25,
                 example_weight: float = 0.25, ancestor_weight: float = 0.3,
                 descendant_weight: float = 0.8, exclusion_factor: float = 0.2,
                 corpus_weight: float = 0.5, k1: float = 1.2, max_gap: int = 2,
                 calibration: tuple[float, float, float] | None = DEFAULT_CALIBRATION,
                 scale: float = 1.0, min_score: float = 0.0, top_k: int | None = None) -> None:
        self.codebook = codebook
        self.level = level
        self.keyword_weight = keyword_weight
        self.label_weight = label_weight
        self.description_weight = description_weight
        self.example_weight = example_weight
        self.ancestor_weight = ancestor_weight
        self.descendant_weight = descendant_weight
        self.exclusion_factor = exclusion_factor
        self.corpus_weight = corpus_weight
        self.k1 = k1
        self.max_gap = max_gap
        self.calibration = calibration
        self.scale = scale
        self.min_score = min_score
        self.top_k = top_k

    # ------------------------------------------------------------------------------ fitting

    def fit(self, segments: Iterable[Segment | str] = (), y: Any = None) -> Self:
        """Compile the codebook's terms and count how many segments contain each."""
        if self.codebook is None:
            msg = "KeywordSuggester needs a codebook"
            raise ValueError(msg)
        codebook = self.codebook if isinstance(self.codebook, Codebook) else \
            load_codebook(self.codebook)
        patterns: list[Pattern] = []
        index: dict[tuple[str, ...], int] = {}
        own: dict[str, list[tuple[int, str]]] = {}
        excl: dict[str, list[int]] = {}

        def add(term: str) -> int | None:
            pattern = compile_term(term)
            if pattern is None:
                return None
            if pattern.key not in index:
                index[pattern.key] = len(patterns)
                patterns.append(pattern)
            return index[pattern.key]

        for code in codebook.codes:
            terms: list[tuple[int, str]] = []
            for source, texts in self._sources(code):
                for text in texts:
                    p = add(text)
                    if p is not None:
                        terms.append((p, source))
            own[code.id] = terms
            excl[code.id] = [p for p in (add(t) for t in code.exclusions) if p is not None]
        self.codebook_ = codebook
        self.fingerprint_ = codebook.fingerprint
        self.patterns_ = tuple(patterns)
        self.matcher_ = Matcher(self.patterns_, self.max_gap)
        self.own_terms_ = own
        self.exclusion_terms_ = excl
        df: Counter[int] = Counter()
        n = 0
        for segment in as_segments(segments):
            n += 1
            df.update(self.matcher_.find_all(self._keys(segment.text)).keys())
        self.df_ = dict(df)
        self.n_segments_ = n
        self.levels_: dict[str | None, _Level] = {}
        return self

    def _sources(self, code: Code) -> list[tuple[str, Sequence[str]]]:
        words = content_words(code.label)
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)] if len(words) > 2 else []
        label = [*words, *pairs, code.label] if len(words) > 1 else [code.label]
        return [("keyword", code.keywords), ("label", label),
                ("description", content_words(code.description)),
                ("example", content_words(" ".join(code.examples)))]

    def _source_weight(self, source: str) -> float:
        weights = {"keyword": self.keyword_weight, "label": self.label_weight,
                   "description": self.description_weight, "example": self.example_weight}
        return weights[source]

    def _candidates(self, level: str | None) -> tuple[Code, ...]:
        cb = self.codebook_
        if level is None:
            return tuple(c for c in cb.leaves() if c.codable) or cb.leaves()
        try:
            return cb.at_level(level)
        except KeyError as exc:
            from ..errors import ConfigError

            raise ConfigError(str(exc.args[0]), hint=f"levels: {list(cb.levels)}") from None

    def _level(self, level: str | None) -> _Level:
        check_is_fitted(self, "patterns_")
        if level in self.levels_:
            return self.levels_[level]
        cb = self.codebook_
        candidates = self._candidates(level)
        best: dict[tuple[str, int], _Term] = {}
        for code in candidates:
            related = [(code, 1.0, False)]
            related += [(a, self.ancestor_weight ** (g + 1), True)
                        for g, a in enumerate(cb.ancestors(code.id))]
            related += [(d, self.descendant_weight, False) for d in cb.descendants(code.id)]
            for other, factor, inherited in related:
                for p, source in self.own_terms_[other.id]:
                    if inherited and source not in _INHERITED:
                        continue  # an ancestor's description is too broad to say much
                    weight = self._source_weight(source) * factor
                    key = (code.id, p)
                    if weight > 0 and (key not in best or best[key].weight < weight):
                        via = "" if other.id == code.id else other.id
                        best[key] = _Term(code.id, weight, source, via)
        holders = Counter(p for _, p in best)
        n_codes = len(candidates)
        by_pattern: dict[int, list[_Term]] = {}
        for (_, p), term in best.items():
            factor = self._specificity(holders[p], n_codes) * self._corpus(p) * \
                _phrase_factor(self.patterns_[p])
            by_pattern.setdefault(p, []).append(
                _Term(term.code, term.weight * factor, term.source, term.via))
        exclusions: dict[int, list[str]] = {}
        for code in candidates:
            for p in self.exclusion_terms_[code.id]:
                exclusions.setdefault(p, []).append(code.id)
        built = _Level(tuple(c.id for c in candidates), by_pattern, exclusions)
        self.levels_[level] = built
        return built

    @staticmethod
    def _specificity(holders: int, n_codes: int) -> float:
        if n_codes <= 1:
            return 1.0
        return math.log(1 + n_codes / holders) / math.log(1 + n_codes)

    def _corpus(self, p: int) -> float:
        n = self.n_segments_
        if n == 0:
            return 1.0
        share = self.corpus_weight * n / (n + _CORPUS_PRIOR)
        idf = math.log((n + 1) / (self.df_.get(p, 0) + 0.5)) / math.log((n + 1) / 0.5)
        return 1.0 - share + share * min(1.0, max(0.0, idf))

    def _score(self, total: float, strongest: float) -> float:
        if total <= 0:
            return 0.0
        if self.calibration is None:
            return 1.0 - math.exp(-total / self.scale) if self.scale > 0 else 0.0
        a, b, c = self.calibration
        z = a + b * math.log(total) + c * total / strongest
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def evidence_sums(self, segments: Iterable[Segment | str], *,
                      level: str | None = None) -> list[dict[str, float]]:
        """The evidence sum ``S`` of every code with evidence, per segment (for calibration)."""
        model = self._level(self.level)
        lift = self._lift(model, level) if level is not None and level != self.level else None
        if lift is None and level is not None and level != self.level:
            model = self._level(level)
        out = []
        for segment in as_segments(segments):
            sums, evidence = self._sums(segment, model)
            out.append(_lifted(sums, evidence, lift)[0] if lift is not None else sums)
        return out

    @staticmethod
    def _keys(text: str) -> TextKeys:
        return text_keys(tokenize(text))

    # ---------------------------------------------------------------------------- suggesting

    def suggest(self, segments: Iterable[Segment | str], top_k: int | None = None, *,
                level: str | None = None) -> list[list[Suggestion]]:
        """Candidate codes for each segment, best first, one list per segment in input order.

        Args:
            segments: segments, strings, or ``{"id", "text"}`` mappings.
            top_k: at most this many per segment (default: the ``top_k`` parameter).
            level: suggest at a higher level than the ``level`` parameter (``"phase1"``, the
                elements): a code's evidence sum is the sum of its codes' sums (which carry its
                own terms through ``ancestor_weight``), its evidence theirs, noted ``via C..``.
        """
        model = self._level(self.level)
        lift = self._lift(model, level) if level is not None and level != self.level else None
        if lift is None and level is not None and level != self.level:
            model = self._level(level)
        k = top_k if top_k is not None else self.top_k
        return [truncate(self._one(segment, model, lift), k, self.min_score)
                for segment in as_segments(segments)]

    def _lift(self, model: _Level, level: str) -> dict[str, str] | None:
        """``code -> its ancestor at level`` when every candidate has one, else ``None``."""
        self._candidates(level)  # an unknown level is an error
        out = {}
        for code in model.codes:
            up = self.codebook_.ancestor_at(code, level)
            if up is None:
                return None
            out[code] = up.id
        return out

    def _one(self, segment: Segment, model: _Level,
             lift: dict[str, str] | None = None) -> list[Suggestion]:
        sums, evidence = self._sums(segment, model)
        if lift is not None:
            sums, evidence = _lifted(sums, evidence, lift)
        out = []
        strongest = max(sums.values(), default=0.0)
        for code, total in sums.items():
            if total <= 0:  # vetoed by an exclusion
                continue
            items = sorted(evidence[code], key=lambda ev: (ev.kind != "keyword", -ev.weight))
            out.append(Suggestion(segment.id, code, self._score(total, strongest), self.method,
                                  tuple(items)))
        return out

    def _sums(self, segment: Segment,
              model: _Level) -> tuple[dict[str, float], dict[str, list[Evidence]]]:
        found = self.matcher_.find_all(self._keys(segment.text))
        sums: dict[str, float] = {}
        evidence: dict[str, list[Evidence]] = {}
        for p, spans in found.items():
            tf = len(spans)
            saturation = tf * (1 + self.k1) / (tf + self.k1)
            for term in model.by_pattern.get(p, ()):
                contribution = term.weight * saturation
                sums[term.code] = sums.get(term.code, 0.0) + contribution
                note = term.source + (f", via {term.via}" if term.via else "")
                shown = spans[:3]
                evidence.setdefault(term.code, []).extend(
                    Evidence("keyword", self.patterns_[p].term,
                             round(contribution / len(shown), 4), s, e, note)
                    for s, e in shown)
        for p, codes in model.exclusions.items():
            if p not in found:
                continue
            for code in codes:
                if code in sums:
                    sums[code] *= self.exclusion_factor
                    s, e = found[p][0]
                    evidence[code].append(Evidence(
                        "exclusion", self.patterns_[p].term, 0.0, s, e,
                        f"exclusion: evidence × {self.exclusion_factor:g}"))
        return sums, evidence


def fit_calibration(suggester: KeywordSuggester, segments: Sequence[Segment | str],
                    codes: Sequence[Iterable[str]], *,
                    level: str | None = None) -> tuple[float, float, float]:
    """Fit ``(a, b, c)`` of the logistic score on segments whose right codes are known.

    Every (segment, code with evidence) pair is an example, positive when the code is among the
    segment's ``codes``. Pass the result as ``calibration=`` to a new suggester.
    """
    from sklearn.linear_model import LogisticRegression

    features, labels = [], []
    for sums, truth in zip(suggester.evidence_sums(segments, level=level), codes, strict=True):
        wanted = set(truth)
        strongest = max(sums.values(), default=0.0)
        for code, total in sums.items():
            if total > 0:
                features.append([math.log(total), total / strongest])
                labels.append(code in wanted)
    if len(set(labels)) < 2:
        msg = "calibration needs both right and wrong suggestions among the examples"
        raise ValueError(msg)
    model = LogisticRegression().fit(features, labels)
    b, c = (float(x) for x in model.coef_[0])
    return (round(float(model.intercept_[0]), 4), round(b, 4), round(c, 4))
