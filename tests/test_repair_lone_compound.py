"""A lone line with one sure ZWNJ place written as a space and no ZWNJ (a line of a PDF whose
extractor writes ZWNJs as spaces, repaired on its own): the pairs the lexicon alone says are
one word are closed (cirmtext.repair.compound_lone.lone_compound). The sentences are our
own.
"""

from __future__ import annotations

import pytest

from cirmtext.repair import normalize
from cirmtext.repair.compound_lone import lone_compound
from cirmtext.repair.detect import lexicon

Z = "\u200c"


@pytest.mark.parametrize(("text", "expected"), [
    # «کتاب ها»: the one sure sign; the lexicon's association closes the compound
    ("این نقل قول را در کتاب ها دیدیم", f"این نقل{Z}قول را در کتاب{Z}ها دیدیم"),
    ("درس آمار پیش نیاز این درس ها است", f"درس آمار پیش{Z}نیاز این درس{Z}ها است"),
    ("قاعده ای جهان شمول می یابیم", f"قاعده{Z}ای جهان{Z}شمول می{Z}یابیم"),
    # a prefix that starts compounds before a piece that is no word alone
    ("هم پوشانی گروه ها زیاد بود", f"هم{Z}پوشانی گروه{Z}ها زیاد بود"),
    # a light verb's agent noun after a letter that does not join: written solid
    ("سند تایید کننده را به دادگاه ها دادیم", "سند تاییدکننده را به دادگاه‌ها دادیم"),
    # «هم» before a word: a compound only where the lexicon sees it far above chance
    ("هم میهن ما کتاب ها را خواند", f"هم{Z}میهن ما کتاب{Z}ها را خواند"),
])
def test_one_sign_closes_what_the_lexicon_says(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize("text", [
    # a determiner or demonstrative before a word: as often apart as joined
    "همان طور که در کتاب ها آمده",
    "یک میلیون نفر در کتاب ها آمده",
    "این جا را در نقشه ها دیدیم",
    # a name or a title after a letter that does not join: not glued solid on one sign
    "دبیر کل نامه ها را خواند",
    # an ezafe phrase
    "از حقوق بشر در کتاب ها خواندیم",
    # «هم» the adverb before a word of its own
    "او هم کار کتاب ها را کرد",
    # a productive head before an unknown word needs more than one sign
    "پرسش ها را در مصاحبه نیمه ساختارمند پرسیدیم",
])
def test_one_sign_keeps_phrases_apart(text: str) -> None:
    out = normalize(text)
    kept = text.replace(" ها", f"{Z}ها")
    assert out == kept


@pytest.mark.parametrize("text", [
    # no sign at all: nothing says the spaces stand for ZWNJs
    "این نقل قول را دیدیم",
    # a ZWNJ written: the writer's spaces are spaces
    f"این نقل قول را در کتاب{Z}ها دیدیم",
])
def test_without_the_sign_the_spaces_stay(text: str) -> None:
    assert normalize(text) == text


def test_lone_compound() -> None:
    lex = lexicon()
    assert lone_compound("نقل", "قول", lex)
    assert lone_compound("تایید", "کننده", lex)
    assert lone_compound("هم", "پوشانی", lex)
    assert not lone_compound("همان", "طور", lex)  # a determiner
    assert not lone_compound("رضا", "شاه", lex)  # solid after «ا» on weak evidence
    assert not lone_compound("نیمه", "ساختارمند", lex)  # a productive head only
    assert not lone_compound("حقوق", "بشر", lex)


def test_a_short_text_that_writes_some_zwnjs_as_spaces() -> None:
    # half its sure places written with ZWNJ, half with a space, and too short to show its
    # own spelling of «پیش نیاز»: the lexicon's word is heard (a long document: see
    # test_repair_zwnj_heavy.test_partly_damaged_document_is_stricter)
    text = f"کتاب{Z}ها و می{Z}گویند و کتاب ها و می روند و این درس پیش نیاز است."
    assert normalize(text) == (f"کتاب{Z}ها و می{Z}گویند و کتاب{Z}ها و می{Z}روند و این درس "
                               f"پیش{Z}نیاز است.")


@pytest.mark.parametrize(("text", "expected"), [
    # the possessive after a letter that joins, other than «ه»/«ی», is written solid
    ("برای نتایج شان و کتاب ها", f"برای نتایجشان و کتاب{Z}ها"),
    ("کتاب تان را در کیف ها گذاشتید", f"کتابتان را در کیف{Z}ها گذاشتید"),
    # after «ه» it takes a ZWNJ, as before
    ("خانه شان و کتاب ها", f"خانه{Z}شان و کتاب{Z}ها"),
])
def test_a_possessive_written_apart(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_a_possessive_needs_a_damaged_text() -> None:
    # a text that writes its ZWNJs and no sure place with a space keeps its spaces
    text = f"برای نتایج شان و کتاب{Z}ها"
    assert normalize(text) == text
