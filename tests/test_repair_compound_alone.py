"""Compounds written with a space in a short text that writes no ZWNJ at all: a lone line, a
table cell, one sentence (cirmtext.repair.compounds, cirmtext.repair.compound_evidence)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cirmtext.repair import normalize
from cirmtext.repair.base import RepairContext
from cirmtext.repair.compound_evidence import (
    HEAVY_SIGNS,
    UNMARKED_SIGNS,
    bound_tail_compound,
    unmarked,
    unmarked_damaged,
)
from cirmtext.repair.compounds import solid_signs
from cirmtext.repair.detect import lexicon

Z = "\u200c"


@pytest.mark.parametrize(("text", "expected"), [
    # a bound tail after a common word: one word whatever the writer's habit
    ("روش شناسی این طرح روشن است.", f"روش{Z}شناسی این طرح روشن است."),
    ("نسبی گرایی در اخلاق", f"نسبی{Z}گرایی در اخلاق"),
    ("نگاهی ذهنیت گرایانه داشتند.", f"نگاهی ذهنیت{Z}گرایانه داشتند."),
    # after a letter that does not join, written solid
    ("کد گذاری را دو نفر انجام دادند.", "کدگذاری را دو نفر انجام دادند."),
    # the tail inflected with a comparative
    ("آنان آسیب پذیرترند", f"آنان آسیب{Z}پذیرترند"),
    ("برنامه ریزی شهری", f"برنامه{Z}ریزی شهری"),
])
def test_a_lone_line_without_zwnj(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_two_signs_make_a_short_text_heavily_damaged() -> None:
    # «پرسش ها», «مصاحبه های»: two ZWNJ places written with a space, none with ZWNJ
    text = "پرسش ها را پیش از مصاحبه های نیمه ساختارمند فرستادیم."
    assert normalize(text) == (f"پرسش{Z}ها را پیش از مصاحبه{Z}های نیمه{Z}ساختارمند "
                               "فرستادیم.")


def test_one_sign_is_not_enough() -> None:
    # a productive head before a derived word is evidence only in a heavily damaged text
    text = "پرسش ها را در مصاحبه نیمه ساختارمند پرسیدیم."
    assert "نیمه ساختارمند" in normalize(text)


@pytest.mark.parametrize("text", [
    # one ZWNJ written is evidence that the writer's spaces are spaces
    f"روش شناسی این طرح در کتاب{Z}ها آمده است.",
    f"مصاحبه گر و می{Z}گویند",
    f"پرسش ها و مصاحبه ها و می{Z}گویند نیمه ساختارمند",
])
def test_a_written_zwnj_is_contrary_evidence(text: str) -> None:
    assert normalize(text) == text.replace("پرسش ها", f"پرسش{Z}ها").replace(
        "مصاحبه ها", f"مصاحبه{Z}ها")


def test_sure_places_written_solid_are_contrary_evidence() -> None:
    # an extractor that drops ZWNJs writes «میکنیم», «سالها» solid: its spaces are its own
    text = "ما کار را میکنیم و سالها روش شناسی خواندیم."
    assert solid_signs(RepairContext.from_text(text)) == 2
    assert "روش شناسی" in normalize(text)
    assert not unmarked(0, 2)
    assert unmarked(0, 0)


def test_a_bound_tail_split_by_the_font() -> None:
    # «شناس ی»: the tail split after a letter; the gap plan and the tail close it together
    assert normalize("رفتار شناس ی او") == "رفتارشناسی او"


@pytest.mark.parametrize("text", [
    "دفاع از حقوق بشر",  # an ezafe phrase
    "این درس پیش نیاز دارد.",  # association alone is too weak without signs
    "به نظر من درست است.",  # function words
    "هر کس به این که گفت",
    "کتابخانه ملی باز است.",
])
def test_words_that_stay_apart_alone(text: str) -> None:
    assert normalize(text) == text


def test_bound_tail_compound() -> None:
    lex = lexicon()
    assert bound_tail_compound("نسبی", "گرایی", lex)
    assert bound_tail_compound("آسیب", "پذیری", lex)
    assert not bound_tail_compound("کتاب", "خوب", lex)
    assert not bound_tail_compound("به", "شناسی", lex)  # a function word is no first part


def test_unmarked_damaged_by_length() -> None:
    assert not unmarked_damaged(1, 10)
    assert unmarked_damaged(2, 10)
    assert not unmarked_damaged(2, 120)  # a longer text must show more of its sure places
    assert unmarked_damaged(HEAVY_SIGNS, 10_000)  # never more than a document needs


@given(st.integers(0, 40), st.integers(0, 5000))
def test_unmarked_damaged_properties(signs: int, words: int) -> None:
    verdict = unmarked_damaged(signs, words)
    assert not verdict or signs >= UNMARKED_SIGNS
    assert verdict or signs < HEAVY_SIGNS
    # more signs never undo the verdict, more words never make it
    assert not verdict or unmarked_damaged(signs + 1, words)
    assert verdict or not unmarked_damaged(signs, words + 1)


#: Our own phrases, each written in standard orthography with the ZWNJs it needs.
_PHRASES = [f"کتاب{Z}ها را خواندیم", "روش شناسی", f"آنها می{Z}گویند", "نسبی گرایی",
            "در خانه ماندیم", "کد گذاری", f"پرسش{Z}ها روشن بود", "حقوق بشر",
            "این درس پیش نیاز دارد"]


@given(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=6))
def test_a_written_zwnj_keeps_every_space(phrases: list[str]) -> None:
    # with one ZWNJ in the text, the spaces of its compounds are the writer's own
    text = "، ".join([*phrases, f"شب{Z}ها"])
    assert normalize(text) == text
