"""The combined ranking: beats its parts on a toy corpus, calibrated, explained."""

from __future__ import annotations

import math
import random

import pytest
from sklearn.base import clone

from cirmtext.codebook import Codebook
from cirmtext.suggest.base import evaluate, get_suggester
from cirmtext.suggest.combine import DEFAULT_WEIGHTS, FEATURES, CombinedSuggester

THEMES = {
    "C1": ["سامانه", "پیامک", "اینترنت", "نرم‌افزار", "رایانه"],
    "C2": ["محله", "داوطلب", "همیاری", "شورا", "همسایه"],
    "C3": ["بودجه", "هزینه", "درآمد", "مالیات", "اعتبار"],
    "new": ["ورزش", "فوتبال", "باشگاه", "مسابقه", "تیم"],
}
RNG = random.Random(1)
TEXTS = [" ".join(RNG.sample(words, 3)) for words in THEMES.values() for _ in range(15)]
LABELS = [label for label in THEMES for _ in range(15)]

CODEBOOK = Codebook.from_dict({"id": "toy", "codes": [
    {"id": "C1", "label": "فناوری", "keywords": THEMES["C1"][:1]},
    {"id": "C2", "label": "مشارکت", "keywords": THEMES["C2"][:1]},
    {"id": "C3", "label": "پول", "keywords": THEMES["C3"][:1]}]})
GOLD = [set() if label == "new" else {label} for label in LABELS]
FAST = {"n_free": 0, "max_iter": 60}


@pytest.fixture(scope="module")
def model() -> CombinedSuggester:
    return CombinedSuggester(CODEBOOK, topic_params=FAST).fit(TEXTS)


def test_features_and_scores(model: CombinedSuggester) -> None:
    x, parts = model.features(TEXTS[:4])
    assert x.shape == (4, 3, len(FEATURES)) and len(parts) == 2
    assert ((x >= 0) & (x <= 1 + 1e-9)).all()
    results = model.suggest(TEXTS)
    for row in results:
        assert all(0 <= s.score <= 1 for s in row)
        assert [s.score for s in row] == sorted((s.score for s in row), reverse=True)
    assert set(model.weights_) == {"intercept", *FEATURES}
    assert model.weights_ == DEFAULT_WEIGHTS


def test_combined_beats_keywords_alone(model: CombinedSuggester) -> None:
    combined = evaluate([[s.code_id for s in r] for r in model.suggest(TEXTS)], GOLD)
    keywords = evaluate([[s.code_id for s in r] for r in model.keywords_.suggest(TEXTS)], GOLD)
    assert combined["top1"] > keywords["top1"]
    assert combined["mrr"] > keywords["mrr"]


def test_evidence_names_every_part(model: CombinedSuggester) -> None:
    text = "سامانه پیامک اینترنت رایانه"
    best = model.suggest([text])[0][0]
    assert best.code_id == "C1" and best.method == "combined"
    kinds = {e.kind for e in best.evidence}
    assert {"keyword", "topic", "similarity", "combined"} <= kinds
    keyword = next(e for e in best.evidence if e.kind == "keyword")
    assert text[keyword.start:keyword.end] == keyword.term
    assert keyword.note.startswith("keywords")
    final = next(e for e in best.evidence if e.kind == "combined")
    assert "intercept" in final.note and math.isclose(final.weight, round(best.score, 4))


def test_fitted_weights_are_a_calibrated_logistic_model() -> None:
    fitted = CombinedSuggester(CODEBOOK, topic_params=FAST).fit(TEXTS, GOLD)
    assert fitted.weights_ != DEFAULT_WEIGHTS
    assert fitted.weights_["keywords"] > 0
    results = fitted.suggest(TEXTS)
    scores = [s.score for row in results for s in row]
    hits = [s.code_id in g for row, g in zip(results, GOLD, strict=True) for s in row]
    # calibration in the large: mean predicted probability near the observed rate
    assert abs(sum(scores) / len(scores) - sum(hits) / len(hits)) < 0.1


def test_tiny_input_ranks_without_topics_and_sklearn_conventions() -> None:
    tiny = CombinedSuggester(CODEBOOK).fit(["سامانه"])
    assert tiny.topics_ is None
    assert tiny.suggest(["سامانه"])[0][0].code_id == "C1"
    assert clone(tiny).get_params() == tiny.get_params()
    assert type(get_suggester("all", CODEBOOK)).__name__ == "CombinedSuggester"
