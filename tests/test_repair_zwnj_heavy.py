"""Compounds written with a space in a document that writes all its ZWNJs as spaces
(cirmtext.repair.compound_evidence)."""

from __future__ import annotations

import pytest

from cirmtext.repair import apply_plan, normalize
from cirmtext.repair.base import RepairContext
from cirmtext.repair.compound_evidence import document_tails, heavily_damaged, heavy_compound
from cirmtext.repair.compounds import zwnj_space_share, zwnj_space_signs
from cirmtext.repair.detect import lexicon

Z = "\u200c"
#: A start that shows the document writes its ZWNJs as spaces (five sure places, none with
#: ZWNJ).
DAMAGED = "کتاب ها و درس ها را می بینیم و می خوانیم و می گویند "
REPAIRED = f"کتاب{Z}ها و درس{Z}ها را می{Z}بینیم و می{Z}خوانیم و می{Z}گویند "


@pytest.mark.parametrize(("text", "expected"), [
    # the lexicon sees the pair as one word far more often than chance
    ("این درس پیش نیاز آن درس است.", f"این درس پیش{Z}نیاز آن درس است."),
    ("نظر صاحب نظران را پرسیدیم.", f"نظر صاحب{Z}نظران را پرسیدیم."),
    # a bound tail after a common word, even a word of hazm's stopword list
    ("روش شناسی این پژوهش کیفی است.", f"روش{Z}شناسی این پژوهش کیفی است."),
    ("نسبی گرایی خطر دارد.", f"نسبی{Z}گرایی خطر دارد."),
    # after a letter that does not join, the compound is written solid
    ("کاربرد پذیری این روش کم است.", "کاربردپذیری این روش کم است."),
    ("گزارش تایید کننده بود.", "گزارش تاییدکننده بود."),
    # a productive head before a derived word the lexicon does not know
    ("مصاحبه نیمه ساختارمند بود.", f"مصاحبه نیمه{Z}ساختارمند بود."),
    # a piece that is no word alone, after «هم»
    ("دو دسته هم پوشانی دارند.", f"دو دسته هم{Z}پوشانی دارند."),
    # a compound whose second part is inflected; «آموزش» is no «آموز» with «ش»
    ("آنان آسیب پذیرترند و آموزش دیدند.", f"آنان آسیب{Z}پذیرترند و آموزش دیدند."),
])
def test_heavily_damaged_document(text: str, expected: str) -> None:
    out = apply_plan(DAMAGED + text, ["insert_zwnj"])
    assert out == REPAIRED + expected


def test_a_tail_the_document_writes_joined() -> None:
    text = DAMAGED + "طرح شهروندمحور است و نگاه فلسفه محور و رویکرد شخص محوری دارد."
    out = apply_plan(text, ["insert_zwnj"])
    assert f"فلسفه{Z}محور" in out
    assert f"شخص{Z}محوری" in out


@pytest.mark.parametrize("phrase", [
    "حقوق بشر",  # an ezafe phrase the web often joins: hazm does not list it
    "یک بار",  # two common words that meet by chance
    "قرار گرفته",  # a light verb's participle
    "ما روزی",  # a pronoun, and a tail that is a common word plus «ی»
    "برای کاری",  # a preposition
    "او هم کار",  # «هم» the adverb before a word of its own
    "سخن تودروف",  # a name after a productive head
    "این که",  # demonstrative compounds only by strong association
])
def test_words_that_stay_apart(phrase: str) -> None:
    out = apply_plan(DAMAGED + phrase + " را گفتند.", ["insert_zwnj"])
    assert phrase in out


def test_partly_damaged_document_is_stricter() -> None:
    # half its ZWNJs written: a space may be the writer's own, so «پیش نیاز» stays in a
    # document long enough to show its own spelling (a short text: test_repair_lone_compound)
    text = (f"کتاب{Z}ها و می{Z}گویند و کتاب ها و می روند و این درس پیش نیاز است. "
            + "او آن روز به خانه رفت و نامه را خواند. " * 8)
    assert "پیش نیاز" in apply_plan(text, ["insert_zwnj"])


def test_clean_text_unchanged() -> None:
    # a text that writes its ZWNJs (کتاب‌ها) writes these spaces on purpose
    text = f"روش شناسی و پیش نیاز و نیمه ساختارمند در کتاب{Z}ها"
    assert normalize(text) == text


def test_share_and_threshold() -> None:
    text = f"کتاب ها و می گویند و کتاب{Z}ها"
    share = zwnj_space_share(text, RepairContext.from_text(text))
    assert share == pytest.approx(2 / 3)
    assert not heavily_damaged(share, 5)
    context = RepairContext.from_text(DAMAGED)
    assert heavily_damaged(zwnj_space_share(DAMAGED, context), zwnj_space_signs(DAMAGED, context))


def test_a_short_text_is_no_habit() -> None:
    # two sure places written with a space are too few to call every ZWNJ lost in a text that
    # also writes one (see test_repair_compound_alone for a text that writes none): only what
    # the lexicon alone says is one word is closed (lone_compound), not an ezafe phrase
    text = f"کتاب ها و می گویند و می{Z}روند؛ این درس پیش نیاز حقوق بشر است."
    context = RepairContext.from_text(text)
    assert zwnj_space_signs(text, context) == 2
    assert not heavily_damaged(zwnj_space_share(text, context), 2)
    out = apply_plan(text, ["insert_zwnj"])
    assert f"پیش{Z}نیاز" in out
    assert "حقوق بشر" in out


def test_document_tails_need_a_common_head() -> None:
    lex = lexicon()
    assert "محور" in document_tails({"شهروندمحور": 1}, lex)
    assert not document_tails({"کتاب": 3, "محور": 2}, lex)


def test_heavy_compound_reads_the_document() -> None:
    context = RepairContext.from_text("طرح شهروندمحور")
    assert heavy_compound("فلسفه", "محور", context)
    assert not heavy_compound("فلسفه", "محور", RepairContext.from_text("طرح نو"))
