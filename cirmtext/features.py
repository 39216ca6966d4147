"""Segment × term matrices over cirmtext's own tokens, for scikit-learn and gensim models.

scikit-learn's default analyzers split «می‌خواهند» at the ZWNJ and know nothing of Persian
plurals or verb stems. :class:`SegmentVectorizer` always analyses text with
:class:`cirmtext.tokenize.Analyzer` (or any callable you give it), so no model of cirmtext ever
falls back to default splitting. It accepts segments, strings, ``{"text": ...}`` mappings or
already analysed token lists (so a corpus is tokenised once and shared by several models).

>>> vec = SegmentVectorizer(weighting="count").fit(["سامانه‌ها کار نمی‌کنند", "سامانه پیامک"])
>>> vec.get_feature_names_out().tolist()
['سامانه', 'پیامک', 'کار']
>>> vec.transform(["سامانه‌های قدیمی"]).toarray().tolist()
[[1, 0, 0]]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Self

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from .records import Segment
from .tokenize import Analyzer

__all__ = ["SegmentVectorizer", "analyze_all", "text_of"]


def text_of(item: Any) -> str:
    """The text of a segment, a string or a ``{"text": ...}`` mapping.

    >>> text_of({"id": "a", "text": "سلام"})
    'سلام'
    """
    if isinstance(item, Segment):
        return item.text
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping) and isinstance(item.get("text"), str):
        return str(item["text"])
    msg = f"expected a Segment, a string or a mapping with 'text', got {item!r:.80}"
    raise TypeError(msg)


def _is_tokens(item: Any) -> bool:
    return isinstance(item, list | tuple) and all(isinstance(t, str) for t in item)


def analyze_all(items: Iterable[Any], analyzer: Callable[[str], list[str]] | None = None,
                ) -> Iterator[list[str]]:
    """Analysed terms of each item, lazily; token lists pass through unchanged.

    >>> list(analyze_all(["شهروندان راضی بودند", ["از", "پیش"]]))
    [['شهروند', 'راضی'], ['از', 'پیش']]
    """
    analyze = analyzer if analyzer is not None else Analyzer()
    for item in items:
        yield list(item) if _is_tokens(item) else analyze(text_of(item))


def _ngrams(terms: list[str], lo: int, hi: int) -> list[str]:
    out = list(terms) if lo <= 1 else []
    for n in range(max(lo, 2), hi + 1):
        out.extend(" ".join(terms[i:i + n]) for i in range(len(terms) - n + 1))
    return out


class SegmentVectorizer(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """TF-IDF or count vectors of segments, always over cirmtext's analyzer.

    Args:
        analyzer: text → terms callable (default: :class:`~cirmtext.tokenize.Analyzer`, lemmas
            without stopwords).
        weighting: ``"tfidf"`` or ``"count"``.
        ngram_range: n-grams of analysed terms, e.g. ``(1, 2)``.
        min_df, max_df, max_features: vocabulary pruning, as in scikit-learn.
        sublinear_tf: ``1 + log(tf)`` instead of ``tf`` (TF-IDF only).
        norm: row normalisation (TF-IDF only): ``"l2"``, ``"l1"`` or ``None``.

    Attributes:
        vectorizer_: the fitted scikit-learn vectorizer.
        vocabulary_: term → column.
    """

    def __init__(self, analyzer: Callable[[str], list[str]] | None = None, *,
                 weighting: str = "tfidf", ngram_range: tuple[int, int] = (1, 1),
                 min_df: float | int = 1, max_df: float | int = 1.0,
                 max_features: int | None = None, sublinear_tf: bool = True,
                 norm: str | None = "l2") -> None:
        self.analyzer = analyzer
        self.weighting = weighting
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.norm = norm

    def _prepared(self, segments: Iterable[Any]) -> list[list[str]]:
        lo, hi = self.ngram_range
        docs = analyze_all(segments, self.analyzer)
        if (lo, hi) == (1, 1):
            return list(docs)
        return [_ngrams(d, lo, hi) for d in docs]

    def _make(self) -> CountVectorizer:
        common: dict[str, Any] = {"analyzer": _identity, "min_df": self.min_df,
                                  "max_df": self.max_df, "max_features": self.max_features}
        if self.weighting == "tfidf":
            return TfidfVectorizer(sublinear_tf=self.sublinear_tf, norm=self.norm, **common)
        if self.weighting == "count":
            return CountVectorizer(**common)
        from .errors import ConfigError

        msg = f"unknown weighting {self.weighting!r}"
        raise ConfigError(msg, hint="choose tfidf or count")

    def fit(self, segments: Iterable[Any], y: Any = None) -> Self:
        """Learn the vocabulary (and idf) from segments, strings or token lists."""
        self.fit_transform(segments)
        return self

    def fit_transform(self, segments: Iterable[Any], y: Any = None) -> sparse.csr_matrix:
        """Fit and return the segment × term matrix in one pass over the analysis."""
        vectorizer = self._make()
        matrix = vectorizer.fit_transform(self._prepared(segments))
        self.vectorizer_ = vectorizer
        self.vocabulary_ = vectorizer.vocabulary_
        return matrix.tocsr()

    def transform(self, segments: Iterable[Any]) -> sparse.csr_matrix:
        """The segment × term matrix of new segments (unknown terms are ignored)."""
        check_is_fitted(self, "vectorizer_")
        docs = self._prepared(segments)
        if not docs:
            return sparse.csr_matrix((0, len(self.vocabulary_)))
        return self.vectorizer_.transform(docs).tocsr()

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The terms, in column order."""
        check_is_fitted(self, "vectorizer_")
        return np.asarray(self.vectorizer_.get_feature_names_out(), dtype=object)


def _identity(terms: Sequence[str]) -> Sequence[str]:
    return terms
