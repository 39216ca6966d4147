"""ZWNJ lost inside glued words, in a lone line as in a document (cirmtext.repair.compound_solid,
and the «ه» + «ای» reading of cirmtext.repair.zwnj)."""

from __future__ import annotations

import pytest

from cirmtext.repair import normalize
from cirmtext.repair.compound_solid import glued_cut
from cirmtext.repair.detect import lexicon

Z = "\u200c"


@pytest.mark.parametrize(("text", "expected"), [
    # a compound the lexicon knows with ZWNJ, glued, in one short line
    ("این پروژه با برنامهریزی دقیق پیش رفت", f"این پروژه با برنامه{Z}ریزی دقیق پیش رفت"),
    ("تصمیمگیری جمعی دشوار است", f"تصمیم{Z}گیری جمعی دشوار است"),
    ("بیتوجهی مسئولان آشکار بود", f"بی{Z}توجهی مسئولان آشکار بود"),
    # a common word and a bound tail the lexicon does not list together
    ("پژوهشگران از روایتشناسی سخن گفتند", f"پژوهشگران از روایت{Z}شناسی سخن گفتند"),
    ("نقد خانوادهگرایی", f"نقد خانواده{Z}گرایی"),
    # «ه» + «ای»/«ایم», not a plural «های»/«هایم» after the letters before the «ه»
    ("عدهای از دانشجویان آمدند", f"عده{Z}ای از دانشجویان آمدند"),
    ("به گونهای دیگر پاسخ دادند", f"به گونه{Z}ای دیگر پاسخ دادند"),
    ("ما این کار را بارها کردهایم", f"ما این کار را بارها کرده{Z}ایم"),
])
def test_lone_line_gets_its_zwnj(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize("text", [
    # glued forms the lexicon knows stay: older plural spellings, common words
    "کتابها و سازمانهای دولتی",
    "بهتر است همه آنها کهنه را کنار بگذارند",
    # a plural after a letter that does not join is written solid
    "ستادهای انتخاباتی فعال شدند",
    # a common word plus a plain suffix is no compound with a bound tail
    "طبیبان و پزشکان",
])
def test_known_glued_forms_stay(text: str) -> None:
    assert normalize(text) == text


def test_document_keeps_its_own_solid_spelling() -> None:
    # a document that writes its ZWNJs, and writes this compound solid twice, spells it so
    text = ("برنامهریزی شهری در این کتاب‌ها و مقاله‌ها بررسی می‌شود و برنامهریزی "
            "منطقه‌ای در گزارش‌ها می‌آید.")
    assert normalize(text).count("برنامهریزی") == 2


def test_glued_cut_needs_an_unknown_word() -> None:
    lex = lexicon()
    assert glued_cut("برنامهریزی", lex) == len("برنامه")
    assert glued_cut("روایتشناسی", lex) == len("روایت")
    # known words, plurals and short words are never cut here
    assert [glued_cut(w, lex) for w in ("کتابها", "سیاستهای", "همچنین", "بهتر", "همه")] == [
        None] * 5
