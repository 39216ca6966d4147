"""Learning from confirmations: a re-ranker that follows what the coder confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sklearn.exceptions import NotFittedError

from cirmtext.codebook import Codebook
from cirmtext.records import Segment
from cirmtext.suggest.keywords import KeywordSuggester
from cirmtext.suggest.persist import load_model, save_model
from cirmtext.suggest.supervised import ConfirmationRanker

# Both codes share the keyword; only confirmations tell which wording belongs to which.
CODEBOOK = Codebook.from_dict({"codes": [
    {"id": "A", "label": "الف", "keywords": ["سامانه"]},
    {"id": "B", "label": "ب", "keywords": ["سامانه"]}]})
A_WORDS = ["پیامک شکایت سامانه", "سامانه پیامک ثبت شکایت", "شکایت از سامانه با پیامک"]
B_WORDS = ["سامانه بودجه مالیات", "بودجه سامانه درآمد", "مالیات و بودجه سامانه"]
SEGMENTS = [Segment(f"s{i}", "d", 0, len(t), t) for i, t in enumerate(A_WORDS + B_WORDS)]


def test_confirmations_reorder_the_base_ranking() -> None:
    base = KeywordSuggester(CODEBOOK).fit(SEGMENTS)
    confirmed = {"s0": {"A"}, "s1": {"A"}, "s3": {"B"}, "s4": {"B"}}
    ranker = ConfirmationRanker(base, min_confirmed=1).fit(SEGMENTS, confirmed)
    assert ranker.model_ is not None and ranker.codes_ == ["A", "B"]
    rest = ranker.suggest([SEGMENTS[2], SEGMENTS[5]])
    assert [row[0].code_id for row in rest] == ["A", "B"]
    best = rest[0][0]
    assert best.method == "supervised" and 0 <= best.score <= 1
    near = next(e for e in best.evidence if e.kind == "supervised")
    assert near.term in {"s0", "s1"} and near.weight > 0


def test_without_confirmations_the_base_ranking_is_kept() -> None:
    base = KeywordSuggester(CODEBOOK).fit(SEGMENTS)
    ranker = ConfirmationRanker(base).fit(SEGMENTS, {})
    assert ranker.model_ is None
    plain = [[(s.code_id, s.score) for s in row] for row in base.suggest(SEGMENTS)]
    assert [[(s.code_id, s.score) for s in row] for row in ranker.suggest(SEGMENTS)] == plain
    one_class = ConfirmationRanker(base, min_confirmed=1).fit(SEGMENTS, {"s0": {"A", "B"}})
    assert one_class.model_ is None
    too_few = ConfirmationRanker(base).fit(SEGMENTS, {"s0": {"A"}, "s3": {"B"}})  # default 20
    assert too_few.model_ is None


def test_unfitted_base_is_fitted_and_unfitted_ranker_refuses(tmp_path: Path) -> None:
    ranker = ConfirmationRanker(KeywordSuggester(CODEBOOK), min_confirmed=1).fit(
        SEGMENTS, {"s0": {"A"}})
    assert hasattr(ranker.base_, "patterns_")
    save_model(ranker, tmp_path / "ranker.model")
    again = load_model(tmp_path / "ranker.model", codebook=CODEBOOK)
    assert [s.code_id for s in again.suggest(SEGMENTS[:1])[0]] == \
        [s.code_id for s in ranker.suggest(SEGMENTS[:1])[0]]
    with pytest.raises(NotFittedError):
        ConfirmationRanker(KeywordSuggester(CODEBOOK)).suggest(SEGMENTS)
