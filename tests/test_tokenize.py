"""Tokens with offsets, sentences, lemmas, stopwords and the vectorizer analyzer."""

from __future__ import annotations

import itertools
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cirmtext.records import Lemma
from cirmtext.tokenize import (
    Analyzer,
    is_stopword,
    lemma,
    lemmatize,
    sentences,
    tokenize,
    word_tokenize,
)

PERSIAN = st.text(
    alphabet=st.sampled_from(list("سازمانهایمردکتبیشوندخپ‌ ،؛؟«»!.۱۲٣0123CiRM٫%\n")),
    max_size=80,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("می‌خواهند", ["می‌خواهند"]),
        ("سازمان‌های مردم‌نهاد", ["سازمان‌های", "مردم‌نهاد"]),
        ("چرا؟ «شهروند» گفت؛ بله،", ["چرا", "؟", "«", "شهروند", "»", "گفت", "؛", "بله", "،"]),
        ("CiRM و CRM", ["CiRM", "و", "CRM"]),
        ("۱۴۰۲ 1402 ١٤٠٢ 30% ۳٫۵ ۳۰٪", ["۱۴۰۲", "1402", "١٤٠٢", "30%", "۳٫۵", "۳۰٪"]),
        ("سال ۱۴۰۰.", ["سال", "۱۴۰۰", "."]),
        ("واقعاً!!!", ["واقعاً", "!!!"]),
        ("کتاب\u200c ها", ["کتاب", "ها"]),
    ],
)
def test_word_tokenize(text: str, expected: list[str]) -> None:
    assert word_tokenize(text) == expected
    assert [t.text for t in tokenize(text, lemmas=False)] == expected


def test_kinds_and_lemmas() -> None:
    tokens = tokenize("CiRM در ۱۴۰۲ می‌خواهند؟")
    assert [t.kind for t in tokens] == ["latin", "word", "number", "word", "punct"]
    assert tokens[3].lemma == Lemma("خواست", "خواه")
    assert tokens[-1].lemma is None
    assert all(t.lemma is None for t in tokenize("می‌خواهند", lemmas=False))


@settings(max_examples=150, deadline=None)
@given(PERSIAN, st.booleans())
def test_token_offsets_slice_the_text(text: str, join: bool) -> None:
    for token in tokenize(text, join_verb_parts=join):
        assert text[token.start:token.end] == token.text
        assert token.text.strip() == token.text and token.text


@settings(max_examples=150, deadline=None)
@given(PERSIAN)
def test_no_character_is_lost(text: str) -> None:
    """Every character but whitespace and invisible format marks (ZWNJ at a word's edge) lies
    in exactly one token, and tokens come in text order without overlapping."""
    tokens = tokenize(text, lemmas=False)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))
    covered = {i for t in tokens for i in range(t.start, t.end)}
    for i, char in enumerate(text):
        if i not in covered:
            assert char.isspace() or char == "\u200c", (text, i)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("سازمانهایمردکتبیشوندخپعقلفگ‌ءئأ")), min_size=1,
               max_size=12))
def test_lemma_of_any_word(word: str) -> None:
    """Any string of Persian letters gets a non-empty lemma without error."""
    found = lemma(word)
    assert isinstance(found, Lemma) and found.text
    assert lemmatize(word) == found.text


@settings(max_examples=150, deadline=None)
@given(PERSIAN)
def test_sentence_offsets_slice_the_text(text: str) -> None:
    found = sentences(text)
    for s in found:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    # nothing but whitespace falls between sentences
    covered = set()
    for s in found:
        covered.update(range(s.start, s.end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_sentences() -> None:
    text = "سلام. ممنون که آمدید! «چرا؟» گفت.\nمورد ۱. نکته. دکتر م. رضایی آمد"
    assert [s.text for s in sentences(text)] == [
        "سلام.", "ممنون که آمدید!", "«چرا؟»", "گفت.", "مورد ۱.", "نکته.", "دکتر م. رضایی آمد",
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("می‌روند", Lemma("رفت", "رو")),
        ("نمی‌دانستم", Lemma("دانست", "دان")),
        ("بیاورند", Lemma("آورد", "آور")),
        ("کرده‌اند", Lemma("کرد", "کن")),
        ("کند", Lemma("کرد", "کن")),
        ("باشد", Lemma("بود", "باش")),
        ("نیست", Lemma("هست", "هست")),
        ("کتاب‌ها", Lemma("کتاب")),
        ("کتاب‌هایشان", Lemma("کتاب")),
        ("شهروندان", Lemma("شهروند")),
        ("دربارهٔ", Lemma("درباره")),
        ("بزرگ‌تر", Lemma("بزرگ")),
        ("صدای", Lemma("صدا")),
        ("کسی", Lemma("کس")),
        ("آنها", Lemma("آنها")),
        ("اسلامی", Lemma("اسلامی")),
        ("مانند", Lemma("مانند")),
        ("CRM", Lemma("CRM")),
        ("رفته", Lemma("رفت", "رو")),
        ("نکن", Lemma("کرد", "کن")),
        ("برمی‌گشت", Lemma("گشت", "گرد")),
        ("مشکلات", Lemma("مشکل")),
        ("تجربیات", Lemma("تجربه")),
        ("نویسندگان", Lemma("نویسنده")),
        ("تیم‌های", Lemma("تیم")),
        ("بیشتری", Lemma("بیش")),
        ("دکتر", Lemma("دکتر")),
        ("خودشان", Lemma("خودشان")),
        ("هزاران", Lemma("هزاران")),
        ("برداشتیم", Lemma("داشت", "دار")),
        ("سیستمش", Lemma("سیستم")),
        ("سیستم", Lemma("سیستم")),
        ("اسمش", Lemma("اسم")),
        ("آن‌ها", Lemma("آنها")),
    ],
)
def test_lemma(word: str, expected: Lemma) -> None:
    assert lemma(word) == expected
    assert lemmatize(word) == expected.text


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # Arabic broken plurals, by pattern, kept only when hazm lists the singular
        ("افکار", "فکر"), ("قوانین", "قانون"), ("مراکز", "مرکز"), ("عوامل", "عامل"),
        ("مسائل", "مسئله"), ("حقوق", "حق"), ("نتایج", "نتیجه"), ("مفاهیم", "مفهوم"),
        ("افکارشان", "فکر"), ("مواردی", "مورد"),
        ("کتاب", "کتاب"), ("اعلام", "اعلام"), ("حدود", "حدود"),
        # plurals in the older spelling without ZWNJ, the Arabic sound plural ین, یان, ات
        ("کتابها", "کتاب"), ("دیوارهای", "دیوار"), ("مسئولین", "مسئول"),
        ("متخصصین", "متخصص"), ("ماشین", "ماشین"), ("ایرانیان", "ایرانی"),
        ("دانشجویان", "دانشجو"), ("ضربات", "ضربه"), ("جنایات", "جنایت"), ("صدها", "صدها"),
        # a comparative only on an adjective; a copula clitic on an adjective
        ("کیلومتری", "کیلومتری"), ("سریع‌تر", "سریع"), ("معتقدند", "معتقد"),
        ("کافیست", "کافی"), ("نزد", "نزد"), ("دیگران", "دیگری"),
    ],
)
def test_lemma_plurals_and_clitics(word: str, expected: str) -> None:
    assert lemmatize(word) == expected


def test_noun_with_yeh_is_not_a_rare_verb() -> None:
    assert not lemma("نیازی").is_verb
    assert lemma("نمی‌رویم").is_verb


def test_broken_plural_singular_needs_a_plural() -> None:
    from cirmtext.tokenize.plurals import broken_plural_singular

    assert broken_plural_singular("عناصر") == "عنصر"
    assert broken_plural_singular("عنصر") is None
    assert broken_plural_singular("مدارس") == "مدرسه"


def test_conllu_reader(tmp_path: Path) -> None:
    """The benchmark's CoNLL-U reader: multiword ranges, SpaceAfter=No, lemmas."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "tokenize"))
    from run import load_conllu, same_by_convention

    conllu = tmp_path / "mini.conllu"
    conllu.write_text(
        "# text = کتابش را خواندم.\n"
        "1-2\tکتابش\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "1\tکتاب\tکتاب\tNOUN\tN\t_\t4\tobj\t_\t_\n"
        "2\tش\tاو\tPRON\tPRO\t_\t1\tnmod\t_\t_\n"
        "3\tرا\tرا\tADP\tP\t_\t1\tcase\t_\t_\n"
        "4\tخواندم\tخواند\tVERB\tV\t_\t0\troot\t_\tSpaceAfter=No\n"
        "5\t.\t.\tPUNCT\tDELM\t_\t4\tpunct\t_\t_\n\n"
        "1\tسلام\tسلام\tINTJ\tINT\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t!\t!\tPUNCT\tDELM\t_\t1\tpunct\t_\t_\n",
        encoding="utf-8")
    first, second = load_conllu(conllu)
    assert first["tokens"] == ["کتابش", "را", "خواندم", "."]
    assert [w["lemma"] for w in first["groups"][0][1]] == ["کتاب", "او"]
    assert second["text"] == "سلام!"  # rebuilt from SpaceAfter=No when there is no # text
    verb = {"lemma": "کرد", "upos": "VERB"}
    assert same_by_convention("شد", verb, {})
    assert same_by_convention("گشت", {"lemma": "گردید", "upos": "AUX"}, {"گشت": {"گرد"}})
    assert same_by_convention("آن‌ها", {"lemma": "آن", "upos": "PRON"}, {})
    assert not same_by_convention("کتاب", {"lemma": "کتب", "upos": "NOUN"}, {})


def test_lemma_unifies_arabic_letters() -> None:
    assert lemma("كتاب‌ها") == lemma("کتاب‌ها")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("می‌گم", "گفت"), ("نمی‌دونم", "دانست"), ("بشه", "شد"), ("می‌کنن", "کرد"),
     ("میاد", "آمد"), ("داره", "داشت"), ("میان", "میان")],
)
def test_spoken_verb_forms(word: str, expected: str) -> None:
    assert lemmatize(word) == expected


def test_participle_with_ezafe_is_a_noun() -> None:
    assert lemma("گفتهٔ") == Lemma("گفته")
    assert lemma("گفته").is_verb


def test_join_verb_parts() -> None:
    text = "گفته شده است که او خواهد رفت و کار کرده بود."
    joined = [t.text for t in tokenize(text, join_verb_parts=True)]
    assert joined == ["گفته شده است", "که", "او", "خواهد رفت", "و", "کار", "کرده بود", "."]
    tokens = tokenize(text, join_verb_parts=True)
    assert tokens[0].lemma is not None and tokens[0].lemma.text == "گفت"
    assert tokens[3].lemma is not None and tokens[3].lemma.text == "رفت"
    assert "گفته شده است" not in word_tokenize(text)
    assert [t.text for t in tokenize("گفته\nشده", join_verb_parts=True)] == ["گفته", "شده"]


def test_stopwords_include_fillers() -> None:
    for word in ("یعنی", "خب", "حالا", "ببینید", "اصلاً", "است"):
        assert is_stopword(word), word
    assert not is_stopword("شهروند")
    assert [t.is_stopword for t in tokenize("خب شهروند")] == [True, False]


def test_analyzer_drops_punctuation_and_stopwords() -> None:
    assert Analyzer()("خب، شهروندان از سامانه‌ها راضی نبودند.") == ["شهروند", "سامانه", "راضی"]
    assert Analyzer(lemmas=False, stopwords=False)("خب، CRM!") == ["خب", "crm"]
    assert Analyzer(min_length=3)("سامانه ما") == ["سامانه"]


def test_analyzer_is_sklearn_and_pickle_friendly() -> None:
    from sklearn.base import clone
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = Analyzer(min_length=3)
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer
    assert analyzer.get_params() == {"lemmas": True, "stopwords": True, "min_length": 3}
    assert repr(analyzer.set_params(min_length=2)) == \
        "Analyzer(lemmas=True, stopwords=True, min_length=2)"
    with pytest.raises(ValueError, match="no parameter"):
        analyzer.set_params(colour=1)
    vectorizer = TfidfVectorizer(analyzer=Analyzer())
    vectorizer.fit(["سازمان‌ها می‌خواهند", "سازمان شهروند"])
    assert set(vectorizer.vocabulary_) == {"سازمان", "خواست", "شهروند"}
    assert clone(vectorizer).analyzer == Analyzer()


def test_analyzer_with_gensim_dictionary() -> None:
    from gensim.corpora import Dictionary

    docs = [Analyzer()(t) for t in ("سازمان‌های مردم‌نهاد", "سازمان‌ها و شهروندان")]
    dictionary = Dictionary(docs)
    assert dictionary.token2id.keys() == {"سازمان", "مردم‌نهاد", "شهروند"}


def test_bytes_are_refused() -> None:
    with pytest.raises(TypeError, match="str"):
        tokenize(b"abc")  # type: ignore[arg-type]


def test_import_does_not_load_hazm() -> None:
    code = ("import sys, cirmtext.tokenize as t; t.tokenize('می‌خواهند'); "
            "print('hazm' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.shared_data
def test_perdt_tokens_and_lemmas(perdt_sentences: list[dict[str, Any]]) -> None:
    """Against the PerDT gold on a slice: offsets hold, and F1/lemma accuracy stay high."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "tokenize"))
    from run import spans_of

    hit = pred = gold_n = 0
    for row in perdt_sentences[:300]:
        text = row["text"]
        gold = spans_of(text, row["tokens"])
        ours = {(t.start, t.end) for t in tokenize(text, lemmas=False)}
        hit += len(gold & ours)
        pred += len(ours)
        gold_n += len(gold)
    precision, recall = hit / pred, hit / gold_n
    assert 2 * precision * recall / (precision + recall) > 0.99


@pytest.mark.shared_data
def test_perdt_lemma_accuracy(perdt_sentences: list[dict[str, Any]]) -> None:
    """Lemma accuracy on the PerDT gold (tokens outside multiword tokens) stays above 0.93."""
    right = total = 0
    for row in perdt_sentences[:500]:
        for token, word in zip(row["tokens"], row["words"], strict=False):
            if word["in_mwt"]:
                break  # tokens and words no longer line up one to one
            if word["upos"] == "PUNCT":
                continue
            total += 1
            right += lemmatize(token) == word["lemma"]
    assert total > 3000
    assert right / total > 0.93
