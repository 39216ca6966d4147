"""ZWNJ rules: compounds and plurals whose ZWNJ was lost (cirmtext.repair.compounds)."""

from __future__ import annotations

import pytest

from cirmtext.repair import apply_plan, normalize

Z = "\u200c"


@pytest.mark.parametrize(("text", "expected"), [
    # a document that writes ZWNJs as spaces: compounds with a bound tail get theirs back
    ("کتاب ها و مصاحبه گر و می گویند", f"کتاب{Z}ها و مصاحبه{Z}گر و می{Z}گویند"),
    ("کتاب ها و تصمیم گیری و می روند", f"کتاب{Z}ها و تصمیم{Z}گیری و می{Z}روند"),
    # two words side by side stay apart, letters that join are joined without ZWNJ
    ("کتاب ها و حقوق بشر و می گویند", f"کتاب{Z}ها و حقوق بشر و می{Z}گویند"),
    ("کتاب ها و صد ای و می گویند", f"کتاب{Z}ها و صد ای و می{Z}گویند"),
    # a solid word the lexicon does not know that is a compound it knows with ZWNJ
    ("کتاب ها و برنامهریزی و می گویند", f"کتاب{Z}ها و برنامه{Z}ریزی و می{Z}گویند"),
    # «می» before a verb hazm does not list, in a document that writes ZWNJs as spaces
    ("کتاب ها و می نکوهیم", f"کتاب{Z}ها و می{Z}نکوهیم"),
    # the possessive after «ه»/«ی»
    ("کتاب ها و زندگی شان", f"کتاب{Z}ها و زندگی{Z}شان"),
    # a solid word the lexicon knows but hazm never counts, whose ZWNJ form it counts often
    ("کتاب ها و بیشک", f"کتاب{Z}ها و بی{Z}شک"),
    # «می» that ends a split word before a noun is left to the spacing plan
    ("کتاب ها و می سال", f"کتاب{Z}ها و می سال"),
    # a plural with the copula, a comparative with a personal ending or a plural
    ("کتاب ها و سال هاست", f"کتاب{Z}ها و سال{Z}هاست"),
    ("کتاب ها و راحت ترند و ضعیف ترها", f"کتاب{Z}ها و راحت{Z}ترند و ضعیف{Z}ترها"),
    # but «ترند» (trend) after a function word is a word of its own
    ("کتاب ها و این ترند", f"کتاب{Z}ها و این ترند"),
    # an Arabic compound the lexicon knows; a name after «تیم» stays apart
    ("کتاب ها و علیه السلام و بیت المال", f"کتاب{Z}ها و علیه{Z}السلام و بیت{Z}المال"),
    ("کتاب ها و تیم الریان", f"کتاب{Z}ها و تیم الریان"),
    # a compound with a bound tail, inflected
    ("کتاب ها و علاقه مندان و دروازه بانی", f"کتاب{Z}ها و علاقه{Z}مندان و دروازه{Z}بانی"),
    # a known compound with a productive tail, inflected (the lexicon lacks the plural)
    ("کتاب ها و سرمایه داران", f"کتاب{Z}ها و سرمایه{Z}داران"),
])
def test_damaged_document(text: str, expected: str) -> None:
    assert apply_plan(text, ["insert_zwnj"]) == expected


@pytest.mark.parametrize("text", [
    f"سالها و کتاب{Z}ها",  # a known solid plural in a text that shows no ZWNJ damage
    f"مصاحبه گر و شب{Z}ها",  # no sign that this document writes ZWNJs as spaces
])
def test_clean_text_unchanged(text: str) -> None:
    assert normalize(text) == text


def test_glued_compound_in_a_clean_text() -> None:
    # a glued word the lexicon does not know whose ZWNJ form it knows: cut in any text
    assert normalize("برنامهریزی و صاحبنظران") == f"برنامه{Z}ریزی و صاحب{Z}نظران"


def test_plural_habit_follows_the_document() -> None:
    marked = f"کتاب ها و درخت ها و گل ها و شب{Z}ها و برگ{Z}ها و "
    assert f"سال{Z}ها" in apply_plan(marked + "سالها", ["insert_zwnj"])
    solid = "کتابها و درختها و گلها و شبها و برگها و دستها و می گویند "
    assert "جناحها" in apply_plan(solid + "جناحها", ["insert_zwnj"])


def test_shahrvandan_joins_without_zwnj() -> None:
    assert normalize("شهروند ان") == "شهروندان"


def test_light_verb_agent_in_any_document() -> None:
    assert normalize("مصاحبه شونده: سلام") == f"مصاحبه{Z}شونده: سلام"
    assert normalize("مصرف کنندگان و سال آینده") == f"مصرف{Z}کنندگان و سال آینده"


def test_plural_after_a_compound_written_with_zwnj() -> None:
    # «هم‌پوشانی» is «همپوشانی» written with ZWNJ: a word, so «های» after it is its plural
    text = f"کتاب ها و هم{Z}پوشانی های آن"
    assert normalize(text) == f"کتاب{Z}ها و هم{Z}پوشانی{Z}های آن"
    # a pair the lexicon knows only as two words is not made one by its suffix
    assert normalize(f"کتاب ها و راه انداخته{Z}اند") == f"کتاب{Z}ها و راه انداخته{Z}اند"


def test_a_word_the_document_always_writes_solid_stays() -> None:
    # a document that writes ZWNJs, and «گروهها» solid twice and never otherwise
    text = f"گروهها آمدند و گروهها رفتند و می{Z}گویند می{Z}روند می{Z}آیند می{Z}خوانند می{Z}دانند"
    assert normalize(text) == text
    # once is no habit: a lost ZWNJ
    once = f"گروهها آمدند و می{Z}گویند می{Z}روند می{Z}آیند می{Z}خوانند می{Z}دانند"
    assert normalize(once).startswith(f"گروه{Z}ها آمدند")


def test_plural_of_an_adjective_the_lexicon_lacks() -> None:
    # «ویلچری» is «ویلچر» and «ی»: its plural gets a ZWNJ in a damaged document
    damaged = "کتاب ها و درس ها را می بینیم و می خوانیم و می گویند "
    out = normalize(damaged + "ویلچری ها آمدند")
    assert out.endswith(f"ویلچری{Z}ها آمدند")


@pytest.mark.parametrize(("text", "expected"), [
    # «بی» standing alone is no word: before a word it is the prefix (web lists count it
    # alone only because the web writes «بی معنا» with a space)
    ("این کار بی معنا است.", f"این کار بی{Z}معنا است."),
    ("کار بی تأثیر بود.", f"کار بی{Z}تأثیر بود."),
])
def test_prefix_bi_before_a_word(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_perfect_after_a_participle() -> None:
    # web lists hold «کردهاند» solid; the treebanks write the perfect with ZWNJ
    assert normalize("آنها کار کردهاند.") == f"آنها کار کرده{Z}اند."
