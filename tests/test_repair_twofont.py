"""restore_two_font_lines: lines whose spaces and marks came out before their glued words.

The broken lines are written here the way pypdf gives a LibreOffice page set in two fonts
(the spaces and ASCII marks in the Latin font first, in reading order, then the Persian
letters glued): the sentences are our own.
"""

from __future__ import annotations

import pytest

from cirmtext.repair import RepairConfig, normalize, repair
from cirmtext.repair.twofont import two_font_changes, two_font_line

ZWNJ = "\u200c"
TANWIN = "\u064b"


def broken(line: str) -> str:
    """``line`` as the extractor gives it: its spaces and ASCII marks first, letters glued."""
    marks = "".join(ch for ch in line if ch in " .:()")
    letters = "".join(ch for ch in line if ch not in " .:()")
    return marks + " " + letters + " "


@pytest.mark.parametrize("line", [
    "ج: سلام، امروز هوا خیلی خوب است. ما به پارک رفتیم",
    "کتاب را روی میز گذاشتم. بعد از آن به خانه برگشتم",
    "س: شما در کدام شهر زندگی می‌کنید؟ من در تهران هستم",
])
def test_line_is_rebuilt(line: str) -> None:
    assert two_font_line(broken(line)) == line


def test_counts_place_the_marks() -> None:
    # the same letters, the marks after another word: the leading run decides
    text = two_font_line(".     " + "کتابراخواندمبعدبهخانهرفتم ")
    assert text is not None
    assert text.split()[0].endswith(".")


def test_pieces_cut_at_a_tanwin_come_back_in_order() -> None:
    # «حتماً» and «لطفاً»: each tanwin starts the piece after its word, pieces last first
    line = ": .       . " + "اینکتابرابرایمنبیاورید " + TANWIN + "لطفا " + TANWIN + "سحتما "
    assert two_font_line(line) == f"س: حتما{TANWIN}. لطفا{TANWIN} این کتاب را برای من بیاورید."


def test_a_latin_word_takes_its_own_gap() -> None:
    line = ":     " + "جمابرایمشتریانسامانه" + " CRM   " + "راساختیم "
    assert two_font_line(line) == "ج: ما برای مشتریان سامانه CRM را ساختیم"


@pytest.mark.parametrize("line", [
    "ج: سلام، امروز هوا خیلی خوب است.",  # ordinary text
    "     کتاب‌ها",  # an indented word
    ". " + "مدیریتارتباطباشهروند",  # one space: too little evidence
    " ... " + "قققققققققققققققق ",  # letters no split makes words of
])
def test_ordinary_lines_are_left(line: str) -> None:
    assert two_font_line(line) is None


def test_document_with_ordinary_lines_is_unchanged() -> None:
    text = "س: امروز به دفتر رفتم.\n\nج: کار ما ثبت شکایت‌های مردم است، نه چیز دیگری.\n"
    assert two_font_changes(text) == []
    assert normalize(text) == text


def test_rule_in_the_driver_with_offsets() -> None:
    line = "ج: سلام، امروز هوا خیلی خوب است. ما به پارک رفتیم"
    text = "عنوان\n" + broken(line) + "\n"
    result = repair(text)
    assert "restore_two_font_lines" in result.plan
    assert line in result.text
    start = result.text.index("پارک")
    original = result.to_original(start, start + 4)
    assert "پارک" in text[original[0]:original[1] + 4]
    # and it can be switched off
    off = normalize(text, RepairConfig(restore_two_font_lines=False))
    assert line not in off


def test_a_glued_latin_word_ends_its_segment() -> None:
    line = ":  " + "پاسخماHIS" + "      " + "داریمکههمهچیزرادارد"
    assert two_font_line(line) == "پاسخ: ما HIS داریم که همه چیز را دارد"


def test_never_fails_on_odd_lines() -> None:
    import itertools

    leads = ["", " ", ":   ", ".  .  ", "   (", " :  ."]
    bodies = ["ماHIS", "CRM  ", "«", "»", "ً", "سلامخوبی ", "ERP.  ", "۱۲۳", "  "]
    for lead, first, second in itertools.product(leads, bodies, bodies):
        line = lead + "کتابرابرایمنبیاورید" + first + second
        result = two_font_line(line)
        assert result is None or isinstance(result, str)
        two_font_line(line, document=True)


def test_a_label_written_with_zwnj_before_the_colon() -> None:
    # the run as drawn (last mark first); the label «مصاحبه‌کننده» is no lexicon word, but
    # both its parts are
    line = "  .     :" + f"مصاحبه{ZWNJ}کنندهسلامخیلیممنونکهآمدیدبفرمایید "
    assert two_font_line(line) == f"مصاحبه{ZWNJ}کننده: سلام خیلی ممنون که آمدید. بفرمایید"
