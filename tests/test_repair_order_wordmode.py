"""restore_word_order in documents: when may a document's lines be turned round.

Lines without runs of spaces (judged word by word): a sentence standing alone in its paragraph
that reads far better backwards may be turned even when it is the document's only such line;
short lines wrapped inside a paragraph (a table's cells) are too short to be judged so; a line
that goes on with a sentence begun before it stays; lines with runs of spaces turned round do
not open word-by-word judging for the rest. Lines with runs of spaces: turned only in a
document where one of them shows the extractor's reversal beyond doubt.

All Persian lines here are written for these tests.
"""

from __future__ import annotations

import pytest

from cirmtext.repair.ordergain import LONE_GAIN, MIN_WRAPPED_BOUNDARIES
from cirmtext.repair.wordorder import judge_lines, line_reversal_score, reorder_lines

FORWARD = [
    "مدیران دولتی می‌گویند شهروندان باید در تصمیم‌گیری‌ها مشارکت کنند.",
    "این گزارش با هدف شناخت نظر کارکنان درباره ساعت کاری نوشته شد.",
    "در جلسه‌ی دوم از کارکنان خواستیم که تجربه‌های خود را بنویسند.",
    "نتایج نشان می‌دهد که بیشتر پاسخ‌ها مثبت بود.",
    "سامانه تازه زمان انتظار در اداره‌ها را کاهش داد.",
]

LONE_SENTENCES = [
    "مدیران سازمان دولتی در مصاحبه نظر خود را درباره این طرح بیان کردند.",
    "کارکنان شهرداری از سامانه تازه برای پاسخ به شهروندان استفاده می‌کنند.",
    "او گفت که شهروندان باید پیش از اجرای طرح از آن آگاه شوند.",
    "ما در این پژوهش با بیست مدیر دولتی در مشهد مصاحبه کردیم.",
]

#: Lines with runs of spaces, as a justified PDF line comes out reversed.
WIDE = [
    "است.  شده  بیشتر  آرامی  به  شهر  این  در  شهروندان  اعتماد",
    "دهد.  کاهش  را  اداره‌ها  در  انتظار  زمان  تازه  سامانه",
    "کردند.  بیان  را  خود  نظر  مصاحبه  در  دولتی  سازمان  مدیران",
    "شد.  انجام  مشهد  در  پژوهش  این  مصاحبه‌های  بیشتر  گذشته  سال",
]

#: A table cell: a quote wrapped into short lines, some starting with a sentence's end.
CELL = [
    "به نظر من مدیران باید به شهروندان گوش ",
    "کنند. ما در این شهر ",
    "خواستیم که نظر خود را ",
    "بگویند. اما هیچ کس از ",
    "ما نپرسید.",
]


def _document(middle: str) -> str:
    return "\n\n".join([*FORWARD[:3], middle, *FORWARD[3:]]) + "\n"


@pytest.mark.parametrize("sentence", LONE_SENTENCES)
def test_lone_reversed_sentence_in_a_forward_document_is_turned(sentence: str) -> None:
    reversed_line = " ".join(reversed(sentence.split()))
    assert line_reversal_score(reversed_line) >= LONE_GAIN
    changes = reorder_lines(_document(reversed_line))
    assert [c.after for c in changes] == [sentence]


def test_lone_line_needs_the_strong_gain() -> None:
    # Four words: the evidence is below LONE_GAIN and the document shows no other line read
    # backwards, so the line stays as it is there; on its own (a text of at most three lines,
    # judged without a document-level prior) it is turned.
    line = "رسید. پایان به کار"
    assert line_reversal_score(line) < LONE_GAIN
    assert reorder_lines(_document(line)) == []
    assert [c.after for c in reorder_lines(line)] == ["کار به پایان رسید."]


def test_short_wrapped_lines_stay_beside_turned_wide_lines() -> None:
    text = "\n\n".join(WIDE[:2]) + "\n\n" + "\n".join(CELL) + "\n\n" + "\n\n".join(WIDE[2:]) + "\n"
    changes = reorder_lines(text)
    assert len(changes) == len(WIDE)  # every wide line is turned round...
    assert all("  " in c.after for c in changes)  # ...and no line of the cell


def test_short_wrapped_line_is_too_short_to_judge() -> None:
    # Three lines of one paragraph: the middle one starts with a sentence's end and reads
    # better backwards on its own, but a wrapped line needs MIN_WRAPPED_BOUNDARIES.
    middle = "گفتند. بیشتر مدیران"
    assert line_reversal_score(middle) > 0
    text = f"این طرح را همه کارکنان شهرداری پذیرفتند و درباره آن\n{middle}\nبا شهروندان سخن گفتند."
    assert len(middle.split()) - 1 < MIN_WRAPPED_BOUNDARIES
    assert reorder_lines(text) == []


#: Forward paragraphs wrapped into short lines, some cut by blank lines an extractor put in:
#: lines that start with the end of the sentence before them (``بود. …``, ``شد. …``).
WRAPPED_FORWARD = [
    "نتایج نشان می‌دهد که بیشتر پاسخ‌ها مثبت\nبود. مدیران دولتی می‌گویند شهروندان باید در\n"
    "تصمیم‌گیری‌ها مشارکت کنند. ما در این پژوهش\nبا بیست مدیر دولتی در مشهد مصاحبه\n"
    "کردیم. سامانه تازه زمان انتظار در اداره‌ها\nرا کاهش داد. ج: حدود ده سال\n"
    "است که اینجا هستم و پیش از\nآن در شهرداری بودم. این گزارش با\n"
    "هدف شناخت نظر کارکنان درباره ساعت کاری\nنوشته شد.\n",
    "مدیران سازمان دولتی در مصاحبه\nنظر خود را درباره این\nطرح بیان کردند. اعتماد شهروندان"
    "\n\nدر این شهر به آرامی\nبیشتر شده است. نتایج نشان\nمی‌دهد که بیشتر پاسخ‌ها مثبت\n\n"
    "بود. سال گذشته بیشتر مصاحبه‌های\nاین پژوهش در مشهد انجام\n\nشد. این گزارش با هدف\n"
    "شناخت نظر کارکنان درباره ساعت\nکاری نوشته شد.\n",
]


@pytest.mark.parametrize("text", WRAPPED_FORWARD)
def test_wrapped_forward_lines_starting_with_a_sentence_end_stay(text: str) -> None:
    # Each such line goes on with a sentence begun before it (across a blank line, if any):
    # it does not open a paragraph after a finished sentence, nor follow a turned line.
    assert any(gain > 0 for line, gain, _ in judge_lines(text) if not line.wide)
    assert reorder_lines(text) == []


def test_reversed_sentences_of_one_paragraph_are_turned_in_a_document() -> None:
    # The paragraph's first line opens it after a finished sentence; each next line follows
    # a turned line.
    paragraph = "\n".join(" ".join(reversed(s.split())) for s in LONE_SENTENCES[:3])
    text = "\n\n".join([*FORWARD[:3], paragraph, *FORWARD[3:]]) + "\n"
    assert [c.after for c in reorder_lines(text)] == LONE_SENTENCES[:3]


def test_sentence_closing_a_quote_starts_a_judged_line() -> None:
    # ``.».``: the stop inside the guillemet and the one after it; such a line is judged.
    line = "کنید.». را خود کار این از پس و بمانید منتظر گفت او"
    judged = [(line.text, flip) for line, _, flip in judge_lines(line)]
    assert judged == [(line, True)]
    assert reorder_lines(line)[0].after == "او گفت منتظر بمانید و پس از این کار خود را کنید.»."


#: Forward lines with a few runs of two spaces (a font's or a justified line's gaps), some
#: starting with the end of the sentence before them.
PADDED_FORWARD = [
    "نتایج نشان می‌دهد  که  بیشتر  پاسخ‌ها مثبت بود. ما در\nاین  پژوهش با بیست مدیر دولتی در "
    "مشهد مصاحبه کردیم.\nدر جلسه‌ی  دوم  از کارکنان خواستیم که تجربه‌های خود  را\nبنویسند. "
    "این  گزارش با هدف  شناخت نظر  کارکنان  درباره  ساعت\nکاری  نوشته شد. مدیران سازمان  دولتی "
    "در مصاحبه نظر خود\nرا بیان کردند. اعتماد شهروندان در این شهر به آرامی\nبیشتر شده  است.\n",
    "مدیران دولتی  می‌گویند  شهروندان  باید در تصمیم‌گیری‌ها مشارکت\nکنند. این  گزارش  با هدف  "
    "شناخت  نظر  کارکنان\nدرباره ساعت کاری  نوشته  شد. ج: حدود ده\nسال است که اینجا هستم و "
    "پیش از\nآن  در شهرداری بودم. سامانه تازه زمان انتظار\nدر اداره‌ها را کاهش  دهد.\n",
]


@pytest.mark.parametrize("text", PADDED_FORWARD)
def test_forward_lines_with_a_few_runs_of_spaces_stay(text: str) -> None:
    assert any(line.wide and gain > 0 for line, gain, _ in judge_lines(text))
    assert reorder_lines(text) == []


def test_short_wide_line_is_turned_beside_a_clearly_reversed_one() -> None:
    # WIDE[0] (ten chunks) shows the extractor's reversal; the three-chunk line is turned too.
    short = "کردند.  بیان  را خود نظر مصاحبه در دولتی سازمان مدیران"
    text = "\n\n".join([FORWARD[0], WIDE[0], FORWARD[1], short, FORWARD[2]]) + "\n"
    assert len(reorder_lines(text)) == 2
    alone = "\n\n".join([FORWARD[0], FORWARD[3], FORWARD[1], short, FORWARD[2]]) + "\n"
    assert reorder_lines(alone) == []
