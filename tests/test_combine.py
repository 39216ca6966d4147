"""The combined ranking: beats its parts, calibrated, explained, reproducible, robust."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from sklearn.base import clone

from cirmtext.codebook import Codebook, load_codebook
from cirmtext.records import Segment
from cirmtext.suggest.base import evaluate, get_suggester
from cirmtext.suggest.combine import (
    DEFAULT_WEIGHTS,
    FEATURE_PART,
    FEATURES,
    PARTS,
    CombinedSuggester,
)

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

#: Categorised complaints written for these tests: one seed word per code; the corpus links
#: the seeds to other words (پزشک, معلم, راننده...) that the dataless part learns to read.
SERVICES = Codebook.from_dict({"id": "services", "codes": [
    {"id": "H", "label": "سلامت", "keywords": ["بیمارستان"]},
    {"id": "E", "label": "آموزش", "keywords": ["مدرسه"]},
    {"id": "T", "label": "حمل‌ونقل", "keywords": ["اتوبوس"]}]})
COMPLAINTS = [
    "بیمارستان شهر پزشک و پرستار کافی ندارد.",
    "پزشک‌ها در بیمارستان شیفت شب می‌مانند و پرستار کم است.",
    "صف بیماران پشت در بیمارستان طولانی است و پزشک دیر می‌آید.",
    "دارو در بیمارستان کمیاب شده و پرستارها نگران بیماران‌اند.",
    "مدرسهٔ محله معلم ریاضی ندارد و کلاس‌ها شلوغ است.",
    "معلم‌ها در مدرسه کلاس فوق‌العاده گذاشتند.",
    "دانش‌آموزان مدرسه کتاب درسی را دیر گرفتند و معلم گله کرد.",
    "کلاس‌های مدرسه سرد است و دانش‌آموزان بیمار می‌شوند.",
    "اتوبوس خط ده همیشه دیر به ایستگاه می‌رسد.",
    "رانندهٔ اتوبوس ایستگاه را جا انداخت و مسافران پیاده ماندند.",
    "ایستگاه اتوبوس سقف ندارد و مسافران زیر باران می‌مانند.",
    "بلیت اتوبوس گران شده و مسافران و راننده‌ها گله دارند.",
]
#: No seed word, label or description occurs in these: only grown words tell the code.
UNSEEDED = {
    "پزشک و پرستار برای بیماران وقت نداشتند.": "H",
    "معلم کلاس را زود تعطیل کرد و دانش‌آموزان رفتند.": "E",
    "راننده در ایستگاه منتظر مسافران نماند.": "T",
}


@pytest.fixture(scope="module")
def model() -> CombinedSuggester:
    return CombinedSuggester(CODEBOOK, topic_params=FAST).fit(TEXTS)


@pytest.fixture(scope="module")
def services() -> CombinedSuggester:
    return CombinedSuggester(SERVICES, topic_params=FAST).fit([*COMPLAINTS, *UNSEEDED])


def test_features_and_scores(model: CombinedSuggester) -> None:
    x, parts = model.features(TEXTS[:4])
    assert x.shape == (4, 3, len(FEATURES)) and len(FEATURES) == 2 * len(PARTS) + 1
    assert set(parts) == {"keywords", "topics", "words", "tfidf"}
    assert ((x >= 0) & (x <= 1 + 1e-9)).all()
    results = model.suggest(TEXTS)
    for row in results:
        assert all(0 <= s.score <= 1 for s in row)
        assert [s.score for s in row] == sorted((s.score for s in row), reverse=True)
    assert set(model.weights_) == {"intercept", *FEATURES}
    assert model.weights_ == DEFAULT_WEIGHTS


def test_keyword_confidence_marks_the_keyword_favourite(model: CombinedSuggester) -> None:
    """``keywords_top`` is the keyword score of the segment's best code(s) by keywords only."""
    texts = ["سامانه و محله", "سامانه پیامک اینترنت", "ورزش فوتبال باشگاه"]
    x, _ = model.features(texts)
    kw, top = x[:, :, FEATURES.index("keywords")], x[:, :, FEATURES.index("keywords_top")]
    for i in range(len(texts)):
        best = kw[i].max()
        expected = np.where((kw[i] == best) & (kw[i] > 0), kw[i], 0.0)
        assert np.array_equal(top[i], expected)
    assert top[1].max() > 0 and np.count_nonzero(top[1]) == 1  # one keyword favourite
    assert not top[2].any()  # no keyword evidence, no favourite
    assert set(FEATURE_PART) == set(FEATURES) and set(FEATURE_PART.values()) == set(PARTS)
    assert FEATURE_PART["keywords_top"] == "keywords"


def test_weights_without_keyword_confidence_still_rank(model: CombinedSuggester) -> None:
    """Weights saved before ``keywords_top`` existed score it 0 (the earlier model exactly)."""
    old = {f: w for f, w in DEFAULT_WEIGHTS.items() if f != "keywords_top"}
    legacy = CombinedSuggester(CODEBOOK, topic_params=FAST, weights=old).fit(TEXTS)
    same = CombinedSuggester(CODEBOOK, topic_params=FAST,
                             weights={**old, "keywords_top": 0.0}).fit(TEXTS)
    assert legacy.suggest(TEXTS[:5]) == same.suggest(TEXTS[:5])
    # and the keyword favourite's weight does change scores when it is not 0
    x, _ = model.features(TEXTS[:5])
    assert not np.allclose(legacy.scores(x), model.scores(x))


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
    assert {"keyword", "topic", "similarity", "word", "combined"} <= kinds
    keyword = next(e for e in best.evidence if e.kind == "keyword")
    assert text[keyword.start:keyword.end] == keyword.term
    assert keyword.note.startswith("keywords")
    words = [e for e in best.evidence if e.kind == "word"]
    assert words and all(e.note in {"dataless: seed", "dataless: grown"} for e in words)
    assert any(e.term == "سامانه" and e.note == "dataless: seed" for e in words)
    final = next(e for e in best.evidence if e.kind == "combined")
    assert "intercept" in final.note and math.isclose(final.weight, round(best.score, 4))
    for part in PARTS:
        assert f"{part} " in final.note


def test_contributions_add_up_to_the_score(model: CombinedSuggester) -> None:
    best = model.suggest(["محله داوطلب همسایه"])[0][0]
    note = next(e for e in best.evidence if e.kind == "combined").note
    z = sum(float(term.rsplit(" ", 1)[1]) for term in note.split(" (intercept), ")[1]
            .split(", ")) + model.weights_["intercept"]
    assert math.isclose(1 / (1 + math.exp(-z)), best.score, abs_tol=0.01)


def test_dataless_part_finds_codes_without_keywords(services: CombinedSuggester) -> None:
    rows = services.suggest(list(UNSEEDED))
    keywords = services.keywords_.suggest(list(UNSEEDED))
    assert all(not row for row in keywords)  # no keyword evidence at all
    for (text, code), row in zip(UNSEEDED.items(), rows, strict=True):
        assert row[0].code_id == code, text
        grown = [e for e in row[0].evidence if e.kind == "word"]
        assert grown and all(e.note == "dataless: grown" for e in grown)
        assert all(e.term in text or e.term[:3] in text for e in grown)
    # a keyword still wins where one occurs
    assert services.suggest(["اتوبوس امروز نیامد."])[0][0].code_id == "T"


def test_fitted_weights_are_a_calibrated_logistic_model() -> None:
    fitted = CombinedSuggester(CODEBOOK, topic_params=FAST).fit(TEXTS, GOLD)
    assert fitted.weights_ != DEFAULT_WEIGHTS
    assert fitted.weights_["keywords"] > 0
    results = fitted.suggest(TEXTS)
    scores = [s.score for row in results for s in row]
    hits = [s.code_id in g for row, g in zip(results, GOLD, strict=True) for s in row]
    # calibration in the large: mean predicted probability near the observed rate
    assert abs(sum(scores) / len(scores) - sum(hits) / len(hits)) < 0.1


def test_default_weights_are_calibrated_on_the_toy_corpus(model: CombinedSuggester) -> None:
    """Shipped weights (fitted elsewhere): high scores are mostly right, low ones mostly not."""
    pairs = [(s.score, s.code_id in g) for row, g in
             zip(model.suggest(TEXTS), GOLD, strict=True) for s in row if g]
    high = [right for p, right in pairs if p >= 0.5]
    low = [right for p, right in pairs if p < 0.1]
    assert high and sum(high) / len(high) >= 0.8
    assert low and sum(low) / len(low) <= 0.2


def test_same_seed_same_ranking() -> None:
    corpus = [*COMPLAINTS, *UNSEEDED]
    a = CombinedSuggester(SERVICES, random_state=3).fit(corpus).suggest(corpus)
    b = CombinedSuggester(SERVICES, random_state=3).fit(corpus).suggest(corpus)
    assert a == b


def test_tiny_input_ranks_without_topics_and_sklearn_conventions() -> None:
    tiny = CombinedSuggester(CODEBOOK).fit(["سامانه"])
    assert tiny.topics_ is None and tiny.dataless_ is not None
    best = tiny.suggest(["سامانه"])[0][0]
    assert best.code_id == "C1" and 0 < best.score <= 1
    assert clone(tiny).get_params() == tiny.get_params()
    assert type(get_suggester("all", CODEBOOK)).__name__ == "CombinedSuggester"
    unfitted_corpus = CombinedSuggester(CODEBOOK).fit([])
    assert unfitted_corpus.suggest([]) == []
    assert unfitted_corpus.suggest(["پیامک سامانه نرسید"])[0][0].code_id == "C1"


def test_unknown_words_and_codebook_without_keywords() -> None:
    model = CombinedSuggester(SERVICES).fit(COMPLAINTS[:2])
    assert model.suggest(["سلام، خسته نباشید."]) == [[]]  # small talk: no evidence, no codes
    bare = Codebook.from_dict({"id": "bare", "codes": [
        {"id": "A", "label": "بیمارستان"}, {"id": "B", "label": "مدرسه"}]})
    labels_only = CombinedSuggester(bare).fit(COMPLAINTS)
    assert labels_only.dataless_ is not None  # seeded by the labels
    rows = labels_only.suggest(["بیمارستان شلوغ بود", "پرستار و پزشک نبودند"])
    assert rows[0][0].code_id == "A" and 0 <= rows[0][0].score <= 1
    assert rows[1][0].code_id == "A"  # grown from the label's company
    nothing = Codebook.from_dict({"id": "nothing", "codes": [{"id": "A", "label": "از"}]})
    empty = CombinedSuggester(nothing).fit(COMPLAINTS)
    assert empty.dataless_ is None and empty.suggest(COMPLAINTS[:1]) == [[]]


def test_context_reaches_the_dataless_part() -> None:
    segments = [Segment(f"d{i // 4}-{i}", f"d{i // 4}", 0, len(t), t)
                for i, t in enumerate(COMPLAINTS)]
    plain = CombinedSuggester(SERVICES, topic_params=FAST).fit(segments)
    mixed = CombinedSuggester(SERVICES, topic_params=FAST, context=0.5).fit(segments)
    assert mixed.dataless_ is not None and mixed.dataless_.context == 0.5
    x_plain, _ = plain.features(segments)
    x_mixed, _ = mixed.features(segments)
    dataless = FEATURES.index("dataless")
    assert not np.allclose(x_plain[:, :, dataless], x_mixed[:, :, dataless])
    assert [r[0].code_id for r in mixed.suggest(segments)] == ["H"] * 4 + ["E"] * 4 + ["T"] * 4


def test_element_level_lifts_the_code_ranking() -> None:
    cb = load_codebook("cirm_phenomenography")
    texts = ["شهروندان از طریق سامانه شکایت خود را ثبت می‌کنند و پیامک پیگیری می‌گیرند.",
             "رضایت مردم برای ما مهم‌تر از سود مالی است."]
    codes = CombinedSuggester(cb, topic_params=FAST).fit(texts)
    model = CombinedSuggester(cb, level="phase1", topic_params=FAST).fit(texts)
    elements = {c.id for c in cb.at_level("phase1")}
    assert set(model.codes_) == elements and model.leaves_ == codes.codes_
    for coded, row in zip(codes.suggest(texts), model.suggest(texts, top_k=3), strict=True):
        assert row and {s.code_id for s in row} <= elements
        assert all(0 <= s.score <= 1 for s in row)
        # the element of the best code is suggested, at least as sure as that code
        best = coded[0]
        up = cb.ancestor_at(best.code_id, "phase1").id
        assert row[0].code_id == up and row[0].score >= best.score - 1e-12
        members = [s for s in coded if cb.ancestor_at(s.code_id, "phase1").id == up]
        assert math.isclose(row[0].score, 1 - math.prod(1 - s.score for s in members))
        final = row[0].evidence[-1]
        assert final.kind == "combined" and final.term == "noisy-or"
        assert best.code_id in final.note
        assert any(e.note.endswith(f"via {best.code_id}") for e in row[0].evidence
                   if e.kind == "keyword")


def test_saved_and_loaded_model_ranks_the_same(services: CombinedSuggester, tmp_path) -> None:
    from cirmtext.suggest.persist import load_model, save_model

    path = tmp_path / "combined.model"
    save_model(services, path)
    loaded = load_model(path, codebook=SERVICES)
    assert loaded.suggest(list(UNSEEDED)) == services.suggest(list(UNSEEDED))
