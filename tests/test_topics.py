"""Seeded topic models, topic -> code mapping, the topic suggester, and model files."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from cirmtext.codebook import Codebook
from cirmtext.errors import ConfigError, ModelError
from cirmtext.records import Suggestion
from cirmtext.suggest.base import Suggester, get_suggester
from cirmtext.suggest.persist import load_model, read_header, save_model
from cirmtext.suggest.topics import (
    GensimLDA,
    SeededMixture,
    SeededNMF,
    TopicSuggester,
    coherence,
    seed_terms,
)
from cirmtext.tokenize import Analyzer

THEMES = {
    "C1": ["سامانه", "پیامک", "اینترنت", "نرم‌افزار", "رایانه"],
    "C2": ["محله", "داوطلب", "همیاری", "شورا", "همسایه"],
    "C3": ["بودجه", "هزینه", "درآمد", "مالیات", "اعتبار"],
    "new": ["ورزش", "فوتبال", "باشگاه", "مسابقه", "تیم"],
}
CODEBOOK = Codebook.from_dict({"id": "toy", "codes": [
    {"id": "C1", "label": "فناوری", "keywords": THEMES["C1"][:2]},
    {"id": "C2", "label": "مشارکت", "keywords": THEMES["C2"][:2]},
    {"id": "C3", "label": "پول", "keywords": THEMES["C3"][:2]}]})


def make_corpus(n: int = 15, seed: int = 0) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for label, words in THEMES.items():
        for _ in range(n):
            other = rng.choice([w for k, ws in THEMES.items() if k != label for w in ws])
            texts.append(" ".join([*rng.sample(words, 4), other]))
            labels.append(label)
    return texts, labels


TEXTS, LABELS = make_corpus()
DOCS = [Analyzer()(t) for t in TEXTS]
SEEDS = [THEMES[c][:2] for c in ("C1", "C2", "C3")]


@pytest.mark.parametrize("model", [
    SeededNMF(5, seeds=SEEDS, min_df=1),
    GensimLDA(5, seeds=SEEDS, min_df=1, passes=3, iterations=30),
    SeededMixture(5, seeds=SEEDS, min_df=1),
])
def test_seeded_topics_keep_their_seeds(model: SeededNMF | GensimLDA | SeededMixture) -> None:
    model.fit(DOCS)
    assert model.seed_binding(5) == [True, True, True]
    top = [{t for t, _ in terms} for terms in model.top_terms(5)]
    for i, code in enumerate(("C1", "C2", "C3")):
        assert len(top[i] & set(THEMES[code])) >= 3


def test_lda_seeding_modes_and_streaming() -> None:
    warm = GensimLDA(4, seeds=SEEDS, min_df=1, passes=2, iterations=20).fit(DOCS)
    again = GensimLDA(4, seeds=SEEDS, min_df=1, passes=2, iterations=20).fit(DOCS)
    np.testing.assert_allclose(warm.components_, again.components_)
    streamed = GensimLDA(4, seeds=SEEDS, min_df=1, passes=2, iterations=20,
                         stream=True).fit(iter(TEXTS))
    assert streamed.vocabulary_ == warm.vocabulary_
    np.testing.assert_allclose(streamed.components_, warm.components_, atol=1e-6)
    theta = warm.transform(TEXTS[:3])
    np.testing.assert_allclose(theta.sum(axis=1), 1.0)
    plain = GensimLDA(4, seeds=SEEDS, seeding="none", min_df=1, passes=2).fit(DOCS)
    assert sum(plain.seed_binding(3)) <= sum(warm.seed_binding(3))
    with pytest.raises(ConfigError, match="seeding"):
        GensimLDA(4, seeds=SEEDS, seeding="magic").fit(DOCS)
    with pytest.raises(ConfigError, match="fewer than"):
        GensimLDA(2, seeds=SEEDS).fit(DOCS)


def test_nmf_is_reproducible_and_sklearn_like() -> None:
    a = SeededNMF(4, seeds=SEEDS, min_df=1, random_state=3).fit(TEXTS)
    b = clone(a).fit(TEXTS)
    np.testing.assert_allclose(a.components_, b.components_)
    assert clone(a).get_params() == a.get_params()
    with pytest.raises(NotFittedError):
        SeededNMF(4).transform(TEXTS)


def test_mixture_gives_each_segment_one_topic_and_is_deterministic() -> None:
    a = SeededMixture(4, seeds=SEEDS, min_df=1).fit(TEXTS)
    b = clone(a).fit(TEXTS)
    np.testing.assert_allclose(a.components_, b.components_)
    theta = a.transform(TEXTS)
    np.testing.assert_allclose(theta.sum(axis=1), 1.0)
    best = theta.argmax(axis=1)
    for i, code in enumerate(("C1", "C2", "C3")):
        mine = [b for b, label in zip(best, LABELS, strict=True) if label == code]
        assert mine.count(i) >= 13  # of 15
    assert a.n_iter_ >= 1 and np.isclose(a.weights_.sum(), 1.0)


def test_coherence_measures() -> None:
    good = [THEMES["C1"][:4], THEMES["C2"][:4]]
    mixed = [[THEMES["C1"][0], THEMES["C2"][1], THEMES["C3"][2], THEMES["new"][3]]] * 2
    for measure in ("u_mass", "c_npmi"):
        assert coherence(good, DOCS, measure=measure)[0] > coherence(mixed, DOCS,
                                                                     measure=measure)[0]
    with pytest.raises(ConfigError):
        coherence(good, DOCS, measure="c_xyz")


def test_seed_terms_are_analysed_and_shared_terms_dropped() -> None:
    cb = Codebook.from_dict({"codes": [
        {"id": "A", "label": "a", "keywords": ["سامانه‌ها", "مردم"]},
        {"id": "B", "label": "b", "keywords": ["پیامک", "مردم"]},
        {"id": "C", "label": "c", "keywords": ["محله", "مردم"]}]})
    assert seed_terms(cb) == {"A": ["سامانه"], "B": ["پیامک"], "C": ["محله"]}


@pytest.fixture(scope="module")
def suggester() -> TopicSuggester:
    return TopicSuggester(CODEBOOK, n_free="auto", free_candidates=(0, 1), max_iter=60,
                          min_df=1).fit(TEXTS)


def test_topics_map_to_codes_and_new_theme_is_flagged(suggester: TopicSuggester) -> None:
    assert isinstance(suggester, Suggester)
    assert [n for n, _ in suggester.coherence_curve_] == [0, 1]
    assert suggester.n_free_ in (0, 1)
    seeded = [t for t in suggester.topics_ if t.seed_code]
    assert [(t.code_id, t.bound) for t in seeded] == [("C1", True), ("C2", True), ("C3", True)]
    for t in seeded:
        assert t.label and t.segments and len(t.terms) == len(t.weights)
    fixed = TopicSuggester(CODEBOOK, n_free=1, max_iter=60, min_df=1).fit(TEXTS)
    new = fixed.new_topics()
    assert len(new) == 1 and new[0].code_id is None
    assert set(new[0].terms[:3]) <= set(THEMES["new"])


def test_topic_suggestions_rank_the_right_code(suggester: TopicSuggester) -> None:
    results = suggester.suggest(TEXTS)
    right = sum(bool(row) and row[0].code_id == label
                for row, label in zip(results, LABELS, strict=True) if label != "new")
    assert right >= 40  # of 45
    best = results[0][0]
    assert isinstance(best, Suggestion) and best.method == "topics"
    assert 0 <= best.score <= 1
    assert best.evidence[0].kind == "topic" and best.evidence[0].term
    assert all(len(row) <= 1 for row in suggester.suggest(TEXTS[:5], top_k=1))


def test_registered_methods_and_bad_params() -> None:
    assert type(get_suggester("topics", CODEBOOK)).__name__ == "TopicSuggester"
    with pytest.raises(ConfigError, match="topic model"):
        TopicSuggester(CODEBOOK, model="pca").fit(TEXTS)
    with pytest.raises(ConfigError, match="n_free"):
        TopicSuggester(CODEBOOK, n_free=-1).fit(TEXTS)
    with pytest.raises(NotFittedError):
        TopicSuggester(CODEBOOK).suggest(TEXTS)


def test_model_files_carry_and_check_the_codebook(suggester: TopicSuggester, tmp_path) -> None:
    path = tmp_path / "topics.model"
    save_model(suggester, path)
    header = read_header(path)
    assert header["codebook_fingerprint"] == CODEBOOK.fingerprint
    assert header["params"]["n_free"] == "auto"
    loaded = load_model(path, codebook=CODEBOOK, expected=TopicSuggester)
    assert [t.terms for t in loaded.topics_] == [t.terms for t in suggester.topics_]
    other = CODEBOOK.replace_code(CODEBOOK["C1"].__class__(id="C1", label="دیگر"))
    with pytest.raises(ModelError, match="fitted with codebook"):
        load_model(path, codebook=other)
    with pytest.raises(ModelError, match="holds a TopicSuggester"):
        load_model(path, expected=SeededNMF)
    foreign = tmp_path / "foreign.pkl"
    foreign.write_bytes(b"\x80\x04not ours")
    with pytest.raises(ModelError, match="not a cirmtext model file"):
        load_model(foreign)
    broken = tmp_path / "broken.model"
    broken.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ModelError):
        load_model(broken)
    with pytest.raises(ModelError, match="not fitted"):
        save_model(TopicSuggester(CODEBOOK), tmp_path / "x.model")


def test_grown_and_expanded_seeds_extend_the_codebook_seeds() -> None:
    grown = TopicSuggester(CODEBOOK, n_free=1, grow=3, max_iter=40, min_df=1).fit(TEXTS)
    for code in ("C1", "C2", "C3"):
        assert grown.seeds_[code][:2] == THEMES[code][:2]
        assert set(grown.seeds_[code][2:]) <= set(THEMES[code])  # grown within its theme
    assert sum(len(grown.seeds_[c]) - 2 for c in ("C1", "C2", "C3")) >= 3
    expanded = TopicSuggester(CODEBOOK, n_free=0, expand=3, max_iter=40, min_df=1).fit(TEXTS)
    assert all(expanded.seeds_[c][:2] == THEMES[c][:2] for c in ("C1", "C2", "C3"))
    assert any(len(expanded.seeds_[c]) > 2 for c in ("C1", "C2", "C3"))


def test_topics_command_writes_json_and_prints_topics(tmp_path, capsys) -> None:
    import json

    from cirmtext.cli import main

    source = tmp_path / "segments.jsonl"
    source.write_text("".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(TEXTS)), encoding="utf-8")
    book = tmp_path / "toy.json"
    book.write_text(json.dumps(CODEBOOK.to_dict(), ensure_ascii=False), encoding="utf-8")
    out, model = tmp_path / "topics.json", tmp_path / "topics.model"
    assert main(["topics", str(source), "-o", str(out), "--codebook", str(book), "--k", "1",
                 "--save-model", str(model)]) == 0
    printed = capsys.readouterr().out
    assert "C1" in printed and "NEW" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["n_free"] == 1 and len(report["topics"]) == 4
    assert report["codebook"]["fingerprint"] == CODEBOOK.fingerprint
    new = [t for t in report["topics"] if t["is_new"]]
    assert len(new) == 1 and new[0]["segments"] and new[0]["examples"]
    assert read_header(model)["class"].endswith("TopicSuggester")
    assert main(["topics", str(source), "--codebook", str(book), "--k", "many"]) == 1
    assert "--k must be" in capsys.readouterr().err


@pytest.mark.parametrize("model", [SeededNMF, SeededMixture])
def test_too_few_terms_is_a_clear_error(model: type) -> None:
    with pytest.raises(ConfigError, match="no terms left to model") as info:
        model(n_topics=2, min_df=5).fit(["شهروند راضی است", "مدیر پاسخ داد"])
    assert "lower min_df" in str(info.value)
