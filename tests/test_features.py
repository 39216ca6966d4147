"""SegmentVectorizer: our analyzer everywhere, sklearn conventions, any input shape."""

from __future__ import annotations

import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from cirmtext.errors import ConfigError
from cirmtext.features import SegmentVectorizer, analyze_all, text_of
from cirmtext.records import Segment
from cirmtext.tokenize import Analyzer

TEXTS = ["سازمان‌های مردم‌نهاد می‌خواهند", "سازمانهای مردمنهاد آمدند", "سامانه پیامک فرستاد"]


def test_zwnj_words_stay_whole_and_variants_share_a_column() -> None:
    vec = SegmentVectorizer(weighting="count").fit(TEXTS)
    names = vec.get_feature_names_out().tolist()
    assert "مردم‌نهاد" in names
    assert "می" not in names and "خواهند" not in names
    row = vec.transform(["سازمان‌ها"]).toarray()[0]
    assert row[names.index("سازمان")] == 1


def test_inputs_segments_mappings_and_token_lists_agree() -> None:
    seg = Segment("a", "d", 0, len(TEXTS[2]), TEXTS[2])
    vec = SegmentVectorizer().fit(TEXTS)
    tokens = Analyzer()(TEXTS[2])
    rows = [vec.transform([x]).toarray().tolist() for x in
            (TEXTS[2], seg, {"id": "a", "text": TEXTS[2]}, tokens)]
    assert rows[0] == rows[1] == rows[2] == rows[3]
    assert list(analyze_all([tokens])) == [tokens]
    with pytest.raises(TypeError, match="expected a Segment"):
        text_of(3)


def test_tfidf_rows_are_l2_normalised_and_empty_input_has_the_right_width() -> None:
    vec = SegmentVectorizer().fit(TEXTS)
    matrix = vec.transform(TEXTS).toarray()
    assert matrix.shape == (3, len(vec.vocabulary_))
    assert all(abs((r ** 2).sum() - 1) < 1e-9 for r in matrix)
    assert vec.transform([]).shape == (0, len(vec.vocabulary_))


def test_ngrams_of_analysed_terms() -> None:
    vec = SegmentVectorizer(weighting="count", ngram_range=(1, 2)).fit(["سامانه پیامک فرستاد"])
    assert "سامانه پیامک" in vec.get_feature_names_out().tolist()


def test_sklearn_conventions() -> None:
    vec = SegmentVectorizer(min_df=1, weighting="count")
    assert clone(vec).get_params() == vec.get_params()
    with pytest.raises(NotFittedError):
        vec.transform(TEXTS)
    with pytest.raises(ConfigError, match="weighting"):
        SegmentVectorizer(weighting="bm25").fit(TEXTS)
