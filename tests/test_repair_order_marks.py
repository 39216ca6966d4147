"""Paired marks (brackets, guillemets) as evidence of word order, read by the side each mark
is glued to so that an extractor's mirrored glyphs tell the same as upright ones; and a short
forward line that starts with the end of the sentence before it, left as it is when alone.
All sentences are written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cirmtext.repair import normalize, ordergain, repair
from cirmtext.repair import wordorder as wo
from cirmtext.repair.ordercues import tok, unmatched_marks
from cirmtext.repair.orderlines import chunk_line

_MIRROR = str.maketrans("()[]«»", ")(][»«")


def _order_edits(text: str) -> list[str]:
    return [e.rule for e in repair(text).edits
            if e.rule in ("restore_word_order", "restore_mixed_line_order")]


def _gain(line: str) -> float:
    judged = list(wo.judge_lines(line))
    assert len(judged) == 1
    return judged[0][1]


def _toks(line: str) -> list:
    return [tok(w) for w in line.split()]


@pytest.mark.parametrize(("line", "expected"), [
    ("«دولت باز» اعتماد را بیشتر می‌کند.", 0),
    ("باز» اعتماد «دولت", 2),  # a closing mark before the opening one
    ("»دولت باز« اعتماد", 0),  # mirrored glyphs, read by the side they are glued to
    ("باز« اعتماد »دولت", 2),
    ("پژوهش (۱۴۰۱) نشان داد", 0),
    ("خدمات (، دولت )به", 2),  # a mark standing before a comma closes
    ("مدیران «دولت", 1),  # a quotation that goes on in the next line
    ("( متن", 0),  # a mark standing alone is not read
])
def test_unmatched_marks(line: str, expected: int) -> None:
    assert unmatched_marks(_toks(line)) == expected


_WORDS = ["دولت", "شهروندان", "اعتماد", "خدمات", "۱۴۰۱"]
_token = st.tuples(st.text(alphabet="([«)]»", max_size=2), st.sampled_from(_WORDS),
                   st.text(alphabet="([«)]»", max_size=2))


@given(st.lists(_token, min_size=1, max_size=8))
def test_marks_are_read_by_side_not_glyph(parts: list[tuple[str, str, str]]) -> None:
    """Mirroring every glyph (what an extractor does to a line it reads backwards) leaves the
    count as it is; so does reading the words backwards with each mark moved to the other
    side of its word (a balanced line stays balanced)."""
    raw = [head + word + tail for head, word, tail in parts]
    count = unmatched_marks([tok(w) for w in raw])
    assert unmatched_marks([tok(w.translate(_MIRROR)) for w in raw]) == count
    turned = [tail[::-1].translate(_MIRROR) + word + head[::-1].translate(_MIRROR)
              for head, word, tail in reversed(parts)]
    assert unmatched_marks([tok(w) for w in turned]) == count


#: A sentence with a quoted term, and the same line as an extractor gives it read backwards:
#: its groups in reverse order and its guillemets mirrored.
QUOTED = "کارشناسان معتقدند که «دولت باز» اعتماد شهروندان را بیشتر می‌کند."
QUOTED_REVERSED = "می‌کند.  بیشتر  را  شهروندان  اعتماد  باز«  »دولت  که  معتقدند  کارشناسان"


def test_mirrored_quotation_is_evidence_for_the_reversed_reading() -> None:
    plain = QUOTED_REVERSED.replace("«", "").replace("»", "")
    assert _gain(QUOTED_REVERSED) == pytest.approx(_gain(plain) + 2 * ordergain.MARK_WEIGHT)
    forward = "  ".join(QUOTED.split())
    assert _gain(forward) == pytest.approx(_gain(forward.replace("«", "").replace("»", ""))
                                           - 2 * ordergain.MARK_WEIGHT)


def test_reversed_line_with_mirrored_quotation_alone_is_restored() -> None:
    assert _order_edits(QUOTED_REVERSED) == ["restore_word_order"]
    assert normalize(QUOTED_REVERSED) == normalize(QUOTED)


def test_fragment_with_mirrored_quotation_gains_but_stays_below_the_lone_bar() -> None:
    # Without a sentence end the line is a fragment: it needs LONE_FRAGMENT_GAIN, which the
    # marks alone do not give.
    fragment = QUOTED_REVERSED.split("  ", 1)[1]
    assert 0 < _gain(fragment) < ordergain.LONE_FRAGMENT_GAIN
    assert _order_edits(fragment) == []


@pytest.mark.parametrize("line", [
    "کارشناسان  معتقدند  که  «دولت  باز»  اعتماد  شهروندان  را  بیشتر  می‌کند.",
    "کارشناسان  معتقدند  که  »دولت  باز«  اعتماد  شهروندان  را  بیشتر  می‌کند.",
    "گزارش  سال  گذشته  (۱۴۰۱)  نشان  داد  که  خدمات  برخط  گسترش  یافت.",
])
def test_forward_line_with_marks_is_left(line: str) -> None:
    assert _gain(line) < 0
    assert _order_edits(line) == []


#: Forward lines as a PDF wraps them, cut by runs of spaces into three groups: the first word
#: ends the sentence before, and the line goes on with the next one.
WRAPPED = [
    "شد. با توجه به شمار  پاسخ‌های گردآوری شده و دیدگاه‌های گوناگون  در گفت‌وگوهای نخست، "
    "مرحله دوم آغاز",
    "است. پس از بررسی  گزارش‌های رسیده از شهرداری‌ها  در جلسه بعدی، طرح تازه",
]


@pytest.mark.parametrize("line", WRAPPED, ids=["wrapped0", "wrapped1"])
def test_wrapped_line_starting_with_the_sentence_before_is_a_fragment(line: str) -> None:
    judged = list(wo.judge_lines(line))
    assert len(judged) == 1 and judged[0][0].wide
    assert not ordergain.inner_end(judged[0][0])
    assert _order_edits(line) == []
    assert normalize(line).split() == normalize(" ".join(line.split())).split()


def test_reversed_line_whose_first_group_ends_a_sentence_keeps_its_inner_end() -> None:
    line = "بیشتر شد.  نهادهای محلی  به  شهروندان  اعتماد"
    judged = list(wo.judge_lines(line))
    assert ordergain.inner_end(judged[0][0])


#: Wrapped lines of an academic text that open with the citation closing the sentence before
#: (its bracket upright or mirrored), each pasted alone.
CITATION_OPENED = [
    "2016). رویکرد تازه در خدمات عمومی، بیش‌تر پاسخ‌گو کردن سازمان‌ها و تاکید بر شهروندمداری",
    "2018(. پژوهشگران این حوزه، گسترش سامانه‌های برخط و کاهش مراجعه حضوری را",
    "Rahimi, 2020). از نگاه مدیران شهری، پاسخ‌گویی سریع و پیگیری شکایت‌ها مهم‌ترین",
]


@pytest.mark.parametrize("line", CITATION_OPENED, ids=["year", "mirrored", "author-year"])
def test_line_alone_opening_with_a_citation_end_is_left(line: str) -> None:
    assert ordergain.opens_with_citation_end(chunk_line(line, 0, len(line), every=True))
    assert _order_edits(line) == []
    assert " ".join(normalize(line).split()[1:]) == " ".join(line.split()[1:])


@pytest.mark.parametrize("sentence", [
    "شمار شکایت‌های ثبت شده در سامانه شهرداری در سال گذشته رسید به ۱۲۰۰.",
    "کارشناسان شمار مراجعه‌کنندگان این دفتر را در ماه گذشته برآورد کردند ۱۲۰۰.",
])
def test_reversed_sentence_ending_with_a_number_alone_is_restored(sentence: str) -> None:
    """A number that ends a sentence has no bracket: not a citation's end."""
    broken = " ".join(reversed(sentence.split()))
    judged = list(wo.judge_lines(broken))
    assert not ordergain.opens_with_citation_end(judged[0][0])
    assert normalize(broken) == sentence
