"""Spoken Persian in transcripts: broken spoken forms are joined, correct speech is left alone."""

from __future__ import annotations

import pytest

from cirmtext import normalize
from cirmtext.repair.detect import FRAGMENTS, lexicon
from cirmtext.repair.spoken import analyses, spoken_zipf


@pytest.mark.parametrize(("broken", "fixed"), [
    # spoken pronoun clitics split off their word, after «د» and as a lost ZWNJ after «ه»
    ("اعتماد شون بیشتر شد.", "اعتمادشون بیشتر شد."),
    ("بودجه مون کمه.", "بودجه‌مون کمه."),
    ("نظر شون چیه؟", "نظرشون چیه؟"),
    # after a vowel the clitic takes «ا»; the spoken plural «ا» before a clitic
    ("صد اشون شنیده شد.", "صداشون شنیده شد."),
    ("همکا رامون موافقن.", "همکارامون موافقن."),
    # the plural with a spoken clitic
    ("کتاب هامون رو بردن.", "کتاب‌هامون رو بردن."),
    ("خونه هاشون دوره.", "خونه‌هاشون دوره."),
    # a spoken verb form: a lost ZWNJ after «نمی», and «نمی» written apart
    ("اینجوری کار پیش نمیره.", "اینجوری کار پیش نمی‌ره."),
    ("رئیس نمی ذاره بریم.", "رئیس نمی‌ذاره بریم."),
    ("اون موقع کسی نمی دونست.", "اون موقع کسی نمی‌دونست."),
    # a written plural split after «د», with a second piece no word can start with
    ("مد یرها معمولاً موافقن.", "مدیرها معمولاً موافقن."),
])
def test_broken_spoken_forms_are_joined(broken: str, fixed: str) -> None:
    assert normalize(broken) == fixed


@pytest.mark.parametrize("text", [
    "کارشونه که جواب بدن، ولی مشتری برای ما فقط یه عدد نیست.",
    "همکارامون می‌گن این سامانه خیلی کنده و مردم حوصله‌شون سر می‌ره.",
    "بازخوردهاش رو هر ماه می‌خونیم؛ این کار براشون مهمه.",
    # «ای» before a word is the vocative, not a spoken plural with ezafe
    "ای مهربان، به ما رحم کن.",
    # a written verb form that a spoken one would also spell: «ن» + «میرم»
    "تا نمیرم این راه را ادامه می‌دهم.",
    # a function word after a suffix piece stays a word
    "چه ها که نکردیم تا به اینجا رسیدیم.",
    # a rare verb form after a common word is no broken word
    "ما قدم به قدم جلو آمده‌ایم.",
])
def test_correct_speech_stays(text: str) -> None:
    assert normalize(text) == text


def test_spoken_clitics_standing_alone_are_fragments() -> None:
    assert {"شون", "مون", "هاش", "اشون"} <= FRAGMENTS


def test_analyses_read_stem_and_endings() -> None:
    assert ("بودجه", 1) in analyses("بودجه\u200cمون")
    assert ("کار", 2) in analyses("کارشونه")  # clitic + copula
    assert ("آدم", 2) in analyses("آدماست")  # spoken plural + copula
    # the spoken plural «ا» alone is no reading: a piece in «ا» is mostly a split word
    assert ("عبد", 1) not in analyses("عبدا")


def test_spoken_zipf_needs_a_common_stem() -> None:
    lex = lexicon()
    assert spoken_zipf("اعتمادشون", lex) > 0
    assert spoken_zipf("قثفشون", lex) == 0.0
    assert spoken_zipf("اعتماد", lex) == 0.0  # no spoken ending
