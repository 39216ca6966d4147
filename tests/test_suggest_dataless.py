"""BootstrapSuggester: seeds grown by naive Bayes EM from a codebook and unlabelled text."""

import pytest

from cirmtext.codebook import Codebook
from cirmtext.errors import ConfigError
from cirmtext.records import Segment
from cirmtext.suggest.dataless import BootstrapSuggester

CB = Codebook.from_dict({"codes": [
    {"id": "A", "label": "سلامت", "keywords": ["بیمارستان"]},
    {"id": "B", "label": "آموزش", "keywords": ["مدرسه"]}]})

TEXTS = ["بیمارستان پزشک دارو پرستار", "پزشک دارو پرستار درمانگاه", "پرستار درمانگاه",
         "مدرسه معلم کتاب کلاس", "معلم کتاب کلاس امتحان", "کلاس امتحان"]


def test_grows_seeds_to_segments_without_them():
    model = BootstrapSuggester(CB).fit(TEXTS)
    top = [rows[0].code_id for rows in model.suggest(TEXTS)]
    assert top == ["A", "A", "A", "B", "B", "B"]
    assert model.n_seeded_ == 2
    row = model.suggest(["پرستار درمانگاه"])[0]
    assert 0.5 < row[0].score <= 1.0
    assert {e.note for e in row[0].evidence} == {"grown"}


def test_scores_are_probabilities_and_deterministic():
    a = BootstrapSuggester(CB).fit(TEXTS).predict_proba(TEXTS)
    b = BootstrapSuggester(CB).fit(TEXTS).predict_proba(TEXTS)
    assert (a == b).all()
    assert a.sum(axis=1) == pytest.approx([1.0] * len(TEXTS))


def test_context_uses_the_document():
    segs = [Segment(f"p{i}", "d1" if i < 3 else "d2", 0, len(t), t) for i, t in enumerate(TEXTS)]
    segs.append(Segment("x", "d1", 0, 5, "کتاب"))
    plain = BootstrapSuggester(CB).fit(segs).predict_proba(segs)
    ctx = BootstrapSuggester(CB, context=0.5).fit(segs).predict_proba(segs)
    assert ctx[-1, 0] > plain[-1, 0]


def test_bad_context_and_no_keywords():
    with pytest.raises(ConfigError):
        BootstrapSuggester(CB, context=1.5).fit(TEXTS)
    bare = Codebook.from_dict({"codes": [{"id": "A", "label": "x"}]})
    with pytest.raises(ConfigError):
        BootstrapSuggester(bare).fit(TEXTS)


def test_codes_without_keywords_are_seeded_by_their_label():
    names = Codebook.from_dict({"codes": [
        {"id": "A", "label": "بیمارستان"}, {"id": "B", "label": "مدرسه"}]})
    model = BootstrapSuggester(names).fit(TEXTS)
    assert model.seeds_ == {"A": ["بیمارستان"], "B": ["مدرسه"]}
    assert [rows[0].code_id for rows in model.suggest(TEXTS)] == ["A"] * 3 + ["B"] * 3
    mixed = Codebook.from_dict({"codes": [
        {"id": "A", "label": "سلامت", "keywords": ["بیمارستان"]}, {"id": "B", "label": "مدرسه"}]})
    assert BootstrapSuggester(mixed).fit(TEXTS).seeds_ == {"A": ["بیمارستان", "سلامت"],
                                                          "B": ["مدرسه"]}


def test_registered_and_works_at_a_level():
    from cirmtext.suggest.base import get_suggester

    cb = Codebook.from_dict({"levels": ["group", "code"], "codes": [
        {"id": "G", "label": "خدمات", "level": "group"},
        {"id": "A", "label": "سلامت", "parent": "G", "keywords": ["بیمارستان"]},
        {"id": "H", "label": "فرهنگ", "level": "group"},
        {"id": "B", "label": "آموزش", "parent": "H", "keywords": ["مدرسه"]}]})
    model = get_suggester("dataless", cb, level="group").fit(TEXTS)
    assert [rows[0].code_id for rows in model.suggest(TEXTS, top_k=1)] == ["G"] * 3 + ["H"] * 3


def test_confirmations_are_kept_as_labels():
    texts = ["بیمارستان پزشک", "مدرسه معلم", "ورزش باشگاه", "ورزش باشگاه مسابقه"]
    plain = BootstrapSuggester(CB).fit(texts)
    taught = BootstrapSuggester(CB).fit(texts, {"s3": {"B"}, "s2": {"Z"}})
    assert taught.n_confirmed_ == 1
    assert plain.n_confirmed_ == 0
    row = taught.suggest(["باشگاه مسابقه"])[0]
    assert row[0].code_id == "B"
    assert row[0].score > 0.5
    before = {s.code_id: s.score for s in plain.suggest(["باشگاه مسابقه"])[0]}
    assert row[0].score > before["B"]
