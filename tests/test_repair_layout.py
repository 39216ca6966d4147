"""Layout stage: page furniture, visual-order lines, hard line breaks.

All Persian text here is written for these tests; PerDT and the seed paper are read in place.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cirmtext.repair import RepairConfig, apply_plan, repair
from cirmtext.repair.cutlines import split_line_changes
from cirmtext.repair.furniture import furniture_changes
from cirmtext.repair.paragraphs import upside_down
from cirmtext.repair.visual import ltr_base_line, to_logical_order, visual_line_changes

LINES = [
    "مدیران دولتی می‌گویند شهروندان باید در تصمیم‌گیری‌ها مشارکت کنند.",
    "این گزارش با هدف شناخت نظر کارکنان نوشته شد.",
    "سازمان‌های دولتی باید به نیازهای شهروندان پاسخ دهند.",
    "مصاحبه‌ها در سال گذشته در دفتر کار مدیران انجام شد.",
    "نتایج نشان می‌دهد که فرهنگ سازمانی اهمیت زیادی دارد.",
]


def _visual(line: str) -> str:
    """What a reshaper + bidi PDF gives back: the line drawn left to right (no ligatures)."""
    return to_logical_order(line)  # reversing pieces and mirroring is its own inverse


# -- page furniture ---------------------------------------------------------------------------


def _pages(numbers: bool = True, head: str | None = None) -> str:
    pages = []
    for k, body in enumerate(LINES[:4], start=21):
        parts = [head + "\n\n"] if head else []
        parts.append(body + "\n")
        if numbers:
            parts.append(f"\n{k}\n")
        pages.append("".join(parts))
    return "\f".join(pages)


def test_page_numbers_next_to_page_breaks_are_dropped() -> None:
    out = apply_plan(_pages(), ["drop_page_furniture"])
    assert not any(ch.isdigit() for ch in out)
    assert out.count("\f") == 3
    for body in LINES[:4]:
        assert body in out



def test_a_lone_number_at_a_page_edge_is_text() -> None:
    # a year the extractor cut off its line, alone at the top of page 2: no page count
    pages = [LINES[0] + "\n", "۱۴۰۱\n\n" + LINES[1] + "\n", LINES[2] + "\n"]
    assert furniture_changes("\f".join(pages)) == []
    # the same among page numbers that count the pages: only the page numbers go
    numbered = [f"{body}\n\n{n}\n" for body, n in zip(pages, (5, 6, 7), strict=True)]
    out = apply_plan("\f".join(numbered), ["drop_page_furniture"])
    assert "۱۴۰۱" in out
    assert not any(str(n) in out for n in (5, 6, 7))


def test_page_numbers_may_skip_pages() -> None:
    # a page without its number (a chapter's first page) does not break the count
    pages = [f"{LINES[0]}\n\n3\n", f"{LINES[1]}\n", f"{LINES[2]}\n\n5\n"]
    out = apply_plan("\f".join(pages), ["drop_page_furniture"])
    assert not any(ch.isdigit() for ch in out)
    assert furniture_changes("\f".join(pages[:2])) == []  # one number: no count

def test_running_heads_are_dropped() -> None:
    head = "فصلنامه مدیریت دولتی، دوره ۱۰"
    out = apply_plan(_pages(head=head), ["drop_page_furniture"])
    assert head not in out
    assert all(body in out for body in LINES[:4])


def test_repeated_lines_without_page_breaks_stay() -> None:
    text = "\n\n".join(f"[نقل‌قول حذف شد]\n{line}" for line in LINES)
    assert furniture_changes(text) == []


def test_isolated_numbers_without_page_evidence() -> None:
    one = f"{LINES[0]}\n\n12\n\n{LINES[1]}"
    assert furniture_changes(one) == []  # one number alone is not enough evidence
    three = "\n\n".join(f"{line}\n\n{n}" for n, line in zip((7, 8, 9), LINES, strict=False))
    out = apply_plan(three, ["drop_page_furniture"])
    assert not any(ch.isdigit() for ch in out)


def test_column_fragments() -> None:
    rotated = "\n".join(["مه", "", "نا", "| ف", "", "۲ ـ", "صل"])
    text = f"{LINES[0]}\n\n{rotated}\n\n{LINES[1]}"
    assert apply_plan(text, ["drop_page_furniture"]).split() == (LINES[0] + " " + LINES[1]).split()


ROTATED = ["", "", "۱۵۴", "", "مه", "| ف", "", "نا", "ـ پ", "", "۲ ـ", "صل", ""]


@pytest.mark.parametrize("last", ["شد.", "شد .", "بود؟"])
def test_a_tiny_line_that_closes_a_sentence_is_not_a_fragment(last: str) -> None:
    # a table cell's text cut narrow, its last line tiny, then a rotated running head
    cell = ["نظر ما را", "", "می‌پرسند و", "گزارش", "", last]
    text = "\n".join([LINES[0], "", *cell, *ROTATED, LINES[1]])
    out = apply_plan(text, ["drop_page_furniture"])
    assert out.split() == [*LINES[0].split(), *" ".join(cell).split(), *LINES[1].split()]


@pytest.mark.parametrize(("before", "after"), [
    (["می‌پرسند و همین است", "که"], []),   # the cell's last line, right after a line of text
    ([], ["را", "گزارش می‌دهند."]),        # a cell's first line, right before its text
])
def test_a_tiny_line_against_a_line_of_text_is_not_a_fragment(
        before: list[str], after: list[str]) -> None:
    text = "\n".join([LINES[0], "", *before, *ROTATED, *after, "", LINES[1]])
    out = apply_plan(text, ["drop_page_furniture"])
    kept = [*LINES[0].split(), *" ".join(before + after).split(), *LINES[1].split()]
    assert out.split() == kept


def test_short_answers_in_a_transcript_stay() -> None:
    text = "س: موافق هستید؟\nج: نه\nس: چرا؟\nج: بله\nنه\nخب"
    assert furniture_changes(text) == []


def test_clean_text_has_no_furniture() -> None:
    assert furniture_changes("\n".join(LINES)) == []


# -- visual-order lines -----------------------------------------------------------------------


@pytest.mark.parametrize("line", LINES)
def test_visual_lines_are_turned_round(line: str) -> None:
    assert apply_plan(_visual(line), ["reverse_visual_lines"]) == line


def test_latin_and_digits_keep_their_order() -> None:
    line = "سامانه پیگیری درخواست‌ها (CRM) در سال 2014 آغاز شد."
    visual = _visual(line)
    assert "CRM" in visual and "2014" in visual
    assert apply_plan(visual, ["reverse_visual_lines"]) == line


def test_lam_alef_ligature_read_backwards() -> None:
    # "سلام" drawn as three glyphs م + ligature لا + س, given back in that order
    line = "سلام و احترام ما به مدیران و کارکنان سازمان"
    visual = to_logical_order(line, keep_lam_alef=True)
    assert visual.endswith("ملاس")
    assert apply_plan(visual, ["reverse_visual_lines"]) == line


def test_short_line_between_reversed_lines() -> None:
    text = "\n".join([_visual(LINES[0]), _visual("نتیجه‌گیری"), _visual(LINES[1])])
    assert apply_plan(text, ["reverse_visual_lines"]).split("\n") == \
        [LINES[0], "نتیجه‌گیری", LINES[1]]


def test_clean_lines_are_not_turned() -> None:
    assert visual_line_changes("\n".join(LINES)) == []
    # words split by spaces, not reversed
    assert visual_line_changes("کارکنان اد اره و مراجعه کنند گان") == []


@pytest.mark.shared_data
def test_perdt_visual(perdt_sentences: list[dict[str, Any]]) -> None:
    texts = [s["text"] for s in perdt_sentences]
    assert sum(1 for t in texts if visual_line_changes(t)) == 0
    restored = sum(1 for t in texts if apply_plan(_visual(t), ["reverse_visual_lines"]) == t)
    assert restored / len(texts) >= 0.95


@pytest.mark.shared_data
def test_seed_has_no_visual_lines_but_has_furniture(seed_text: str) -> None:
    assert visual_line_changes(seed_text) == []
    dropped = [seed_text[c.start:c.end] for c in furniture_changes(seed_text)]
    assert len(dropped) >= 40
    assert all(len(d.split()) <= 2 for d in dropped)
    assert not any("حذف شد" in d for d in dropped)


# -- hard line breaks ---------------------------------------------------------------------------


def test_join_broken_lines_is_off_by_default() -> None:
    text = "مدیریت ارتباط با\nشهروندان مهم است."
    assert repair(text).text == text
    assert repair(text, RepairConfig(join_broken_lines=True)).text == \
        "مدیریت ارتباط با شهروندان مهم است."


@pytest.mark.parametrize(("before", "after"), [
    ("مدیریت ارتباط با\nشهروندان مهم است.\nبعدی", "مدیریت ارتباط با شهروندان مهم است.\nبعدی"),
    ("پاسخ داد:\nبله", "پاسخ داد:\nبله"),
    ("فهرست موارد\n- اول\n- دوم", "فهرست موارد\n- اول\n- دوم"),
    ("گفت که\nس: چرا؟", "گفت که\nس: چرا؟"),
    ("بند اول\n\nبند دوم", "بند اول\n\nبند دوم"),
    ("citizen relation-\nship management", "citizen relationship management"),
])
def test_join_broken_lines(before: str, after: str) -> None:
    assert apply_plan(before, ["join_broken_lines"]) == after


# -- properties ------------------------------------------------------------------------------

WORDS = ["مدیران", "دولتی", "سلام", "شهروندان", "(CRM)", "2014", "می‌گویند", "«خوب»",
         "انجام", "شد.", "Karimi,", "لا"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_visual_turn_keeps_letters_and_is_stable(words: list[str]) -> None:
    line = " ".join(words)
    visual = _visual(line)
    out = apply_plan(visual, ["reverse_visual_lines"])
    letters = Counter(c for c in line if c not in "()«»")
    assert Counter(c for c in out if c not in "()«»") == letters
    assert apply_plan(out, ["reverse_visual_lines"]) == out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*LINES, "", "12", "مه", "\f", "| ف"]), max_size=25))
def test_layout_stage_is_idempotent_and_maps_back(parts: list[str]) -> None:
    text = "\n".join(parts)
    rules = ["drop_page_furniture", "reverse_visual_lines"]
    result = repair(text, RepairConfig.only(rules))
    assert repair(result.text, RepairConfig.only(rules)).text == result.text
    assert result.text.count("\f") == text.count("\f")  # page breaks stay as evidence
    if result.text:
        start, end = result.to_original(0, len(result.text))
        assert 0 <= start <= end <= len(text)


def test_numbers_split_off_sentences_stay() -> None:
    # pdfminer puts a number inside an RTL sentence on a line of its own
    body = "\n\n".join(f"{line}\n\n{n}" for line, n in zip(LINES, ("۴۲۰", "۱۹۰", "۱۵", "150"),
                                                        strict=False))
    assert furniture_changes(body) == []
    paged = f"{LINES[0]}\n{LINES[1]}\n\n۶۰\n\n{LINES[2]}\n{LINES[3]}\n\f{LINES[4]}\n\f"
    assert furniture_changes(paged) == []


# -- left-to-right visual lines, lines cut into blocks, cut tanwin ---------------------------


@pytest.mark.parametrize("line,label", [
    # python-bidi lays a line that starts with «Q:» out left to right: only the Persian run
    # is drawn backwards, the label stays at the left and the full stop at the right
    ("Q: سلام و ممنون از مدیران دولتی.", "Q: "),
    # «[P2]» is a label too: its first strong letter makes the line left to right
    ("[P2] سلام، ما از صبح منتظر پاسخ مدیران دولتی بودیم.", "[P2] "),
])
def test_line_laid_out_left_to_right_keeps_its_label_at_the_start(line: str, label: str) -> None:
    visual = label + _visual(line[len(label):-1]) + "."
    text = "\n".join([_visual(LINES[0]), visual, _visual(LINES[1])])
    assert apply_plan(text, ["reverse_visual_lines"]).split("\n") == [LINES[0], line, LINES[1]]


def test_left_to_right_line_with_a_latin_word_inside() -> None:
    line = "A: مدیران گفتند سامانه CRM برای شهروندان ساخته شد"
    runs = ["مدیران گفتند سامانه", "برای شهروندان ساخته شد"]
    visual = f"A: {_visual(runs[0])} CRM {_visual(runs[1])}"
    assert apply_plan(visual, ["reverse_visual_lines"]) == line


def test_bidi_line_with_a_bracketed_label_read_right_to_left() -> None:
    # poppler: the closing bracket takes the line's direction, the rest of the label is an
    # LTR embedding at the line's end, the full stop an embedding at its start
    raw = "\u202b\u202a.\u202cما از صبح منتظر بودیم ]\u202a[P2\u202c\u202c\n"
    assert apply_plan(raw, ["remove_bidi_controls"]) == "[P2] ما از صبح منتظر بودیم.\n"


@pytest.mark.parametrize("line", [
    "ند یدها ند که",          # «ندیده‌اند که»: the pieces of a split word read forwards
    "کارکنان ما آموزش ند یدها ند",
])
def test_pieces_of_split_words_are_no_evidence_of_a_backwards_line(line: str) -> None:
    assert visual_line_changes(line) == []
    assert visual_line_changes("\n".join([LINES[0], line, LINES[1]])) == []


@pytest.mark.parametrize(("line", "expected"), [
    ("[P04] مالس.", True),
    ("Q: مالس.", True),
    ("مالس :Q", False),           # a right-to-left line whose label is at its right end
    ("2014 لاس رد دش زاغآ", False),  # a number at the left end of a right-to-left line
    ("CRM هناماس هک دنتفگ", False),  # a Latin word at the left end, no stop at the right
])
def test_ltr_base_line(line: str, expected: bool) -> None:
    assert ltr_base_line(line) is expected


def _blocks(*parts: str) -> str:
    return "\n\n".join(parts)


def test_visual_line_cut_around_a_latin_word_is_joined_and_turned() -> None:
    line = "مدیران گفتند که سامانه CRM برای شهروندان ساخته شد."
    visual = _visual(line)
    cut = visual.index("CRM")
    text = _blocks(_visual(LINES[0]), visual[:cut], "CRM", visual[cut + 3:],
                   _visual(LINES[1]), _visual(LINES[2]))
    out = repair(text).text
    assert out.split("\n\n")[:4] == [LINES[0], line, LINES[1], LINES[2]]


def test_latin_word_cut_from_the_last_line_of_a_box_is_joined_back() -> None:
    # A wider font wraps the paragraph so that «CRM» starts its last line: pdfminer gives the
    # box of two lines, that last line ending with the space of the cut, then «CRM» alone.
    first = "مدیران این اداره گفتند که از سال گذشته سامانه تازه‌ای ساخته‌اند و"
    last = "CRM آن به شهروندان کمک می‌کند."
    visual_last = _visual(last)
    assert visual_last.endswith(" CRM")
    box = _visual(first) + "\n" + visual_last[:-3]
    text = _blocks(_visual(LINES[0]), box, "CRM", _visual(LINES[1]), _visual(LINES[2]))
    out = repair(text).text.split("\n\n")
    assert out[1] == first + "\n" + last
    assert out[2:4] == [LINES[1], LINES[2]]


def test_visual_line_cut_before_its_label_is_joined() -> None:
    # LibreOffice + pdfminer: «Q» comes as a block after the line it labels.
    line = "Q: پس به نظر شما شهروند با مشتری فرق دارد؟"
    visual = _visual(line)
    assert visual.endswith(":Q")
    text = _blocks(_visual(LINES[0]), visual[:-1], "Q", _visual(LINES[1]), _visual(LINES[2]))
    assert repair(text).text.split("\n\n")[:3] == [LINES[0], line, LINES[1]]


def test_visual_line_whose_bracketed_label_was_cut_off_is_mended() -> None:
    # LibreOffice + pdfminer: «[P2] …» drawn right to left; the line ends with « ]» and the
    # label comes after it as «[P2», or as «P2» then «[», each between blank lines
    turns = ["[P2] " + LINES[0], "[Q] " + LINES[1], "[P2] " + LINES[2]]
    pieces = [_visual(turns[0][5:]) + " ]", "[P2", _visual(turns[1][4:]) + " ]", "Q", "[",
              _visual(turns[2][5:]) + " ]", "[P2", _visual(LINES[3])]
    assert repair(_blocks(*pieces)).text.split("\n\n") == [*turns, LINES[3]]


def test_blocks_of_a_logical_text_are_never_joined() -> None:
    text = _blocks(LINES[0] + " ", "CRM", " " + LINES[1], "Q", LINES[2])
    assert split_line_changes(text) == []


def test_pieces_are_not_joined_past_the_length_of_a_line() -> None:
    # a Latin word at the start of a line (its right end in visual order) is followed by the
    # next line, which starts with a space: joining it would make a line twice too long
    first = _visual("CRM را مدیران دولتی برای شهروندان به کار می‌گیرند")
    cut = first.index("CRM")
    text = _blocks(*(_visual(line) for line in LINES), first[:cut], "CRM",
                   " " + _visual(LINES[2]), _visual(LINES[3]))
    joined = split_line_changes(text)
    assert len(joined) == 1  # only the Latin word goes back to its line


def test_tanwin_cut_from_its_alef_in_a_visual_text() -> None:
    line = "کارکنان عملاً نمی‌توانند پرسشنامه‌ها را جمع کنند."
    visual = _visual(line)
    cut = visual.index("\u064b") + 1
    text = _blocks(_visual(LINES[0]), visual[:cut], visual[cut:], _visual(LINES[1]))
    assert repair(text).text.split("\n\n")[:3] == [LINES[0], line, LINES[1]]
    # fpdf2 + pdfminer: the two pieces on consecutive lines, with no blank line between
    text = _blocks(_visual(LINES[0]), visual[:cut] + "\n" + visual[cut:], _visual(LINES[1]))
    assert repair(text).text.split("\n\n")[:3] == [LINES[0], line, LINES[1]]


@pytest.mark.parametrize(("text", "expected"), [
    ("کار ما عم \u064b\nلا متوقف شد.", "کار ما عملاً متوقف شد."),
    ("پاسخ داد\n\u064b\nتقریبا همه آمدند.", "پاسخ داد\nتقریباً همه آمدند."),
    # the part before the tanwin's word came out after it: put back before it, on one line
    ("\u064b\nواقعا با مردم تصمیم بگیریم.\nدر یک لایه شاید", "در یک لایه شاید واقعاً با مردم "
                                                         "تصمیم بگیریم."),
])
def test_tanwin_cut_in_reading_order(text: str, expected: str) -> None:
    assert apply_plan(text, ["rejoin_cut_tanwin"]) == expected


#: A paragraph of a document whose lines are about 50 characters long.
_WIDE = ["ما در این اداره هر سال گزارشی از شکایت‌های مردم را",
         "جمع می‌کنیم و به همه مدیران بخش‌ها می‌فرستیم و",
         "\u064b",
         "تقریبا همه آن‌ها را می‌خوانند ولی کمتر کسی به آن",
         "پاسخ می‌دهد.",
         "",
         "پرسش بعدی درباره آموزش کارکنان است که هنوز کم است",
         "و بعضی از کارکنان هرگز دوره‌ای ندیده‌اند."]


def test_tanwin_word_that_opened_its_line_keeps_the_next_line_after_it() -> None:
    """The next line is the paragraph's last (a sentence's end before a blank line) and the
    word's line goes on into it: the word opened its line, nothing was cut before it."""
    out = apply_plan("\n".join(_WIDE), ["rejoin_cut_tanwin"]).split("\n")
    assert out[2:4] == ["تقریباً همه آن‌ها را می‌خوانند ولی کمتر کسی به آن", "پاسخ می‌دهد."]


def test_two_cut_tanwins_in_one_line_put_the_start_of_the_line_back_before_them() -> None:
    """pdftotext cut the printed line «س: ما واقعاً نمی‌دانستیم. مثلاً کسی که شکایت داشت» at both
    tanwins: the first word's line, the rest of the second word, then the line's start."""
    lines = [*_WIDE[:2], "\u064b", "واقعا نمی‌دانستیم. مث \u064b", "لا کسی که شکایت داشت", "س: ما",
             "هم نمی‌دانست کجا برود.", *_WIDE[5:]]
    out = repair("\n".join(lines)).text.split("\n")
    assert out[2] == "س: ما واقعاً نمی‌دانستیم. مثلاً کسی که شکایت داشت"
    assert out[3] == "هم نمی‌دانست کجا برود."


def test_tanwin_next_line_too_long_to_share_the_words_line() -> None:
    """Together the two lines would be twice as long as the document's lines."""
    lines = [*_WIDE[:4], "و این را هر سال در جلسه پایان سال به همه می‌گوییم", *_WIDE[4:]]
    out = apply_plan("\n".join(lines), ["rejoin_cut_tanwin"]).split("\n")
    assert out[2:4] == ["تقریباً همه آن‌ها را می‌خوانند ولی کمتر کسی به آن", lines[4]]


@pytest.mark.parametrize("text", [
    "کار ما خوب \u064b\nلا متوقف شد.",       # «خوبلا» is not a word
    "پاسخ داد\n\u064b\nکتاب همه آمدند.",      # «کتاب» does not end with the alef
    "کار ما عملاً متوقف شد.\nپایان",
])
def test_tanwin_without_evidence_stays(text: str) -> None:
    assert apply_plan(text, ["rejoin_cut_tanwin"]) == text


VISUAL_PARTS = [_visual(line) for line in LINES] + [
    "", "CRM", "Q", "۴۲۰", " دحاو ", "یارب ار ", " ام :", "\u064b", "ًالمع", "Q: مالس."]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(VISUAL_PARTS), max_size=14), st.sampled_from(["\n", "\n\n"]))
def test_layout_rules_keep_letters_and_are_idempotent(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    rules = ["rejoin_cut_tanwin", "join_split_visual_lines", "reverse_visual_lines",
             "restore_upside_down_paragraphs"]
    out = repair(text, RepairConfig.only(rules)).text
    assert repair(out, RepairConfig.only(rules)).text == out

    def letters(s: str) -> Counter[str]:
        return Counter(c for c in s if not c.isspace() and c not in "()«»")
    assert letters(out) == letters(text)


# -- paragraphs whose lines came out last-to-first --------------------------------------------


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from([*LINES, "و نتیجه را گزارش کردند", "مدیران گفتند که با",
                                 "پرسش: چرا؟", ""]), min_size=1, max_size=8))
def test_paragraphs_that_close_a_sentence_are_never_reordered(lines: list[str]) -> None:
    # every block whose last line closes a sentence is in reading order by our evidence
    blocks = "\n".join(lines).split("\n\n")
    text = "\n\n".join(b + "." if not b.endswith(".") else b for b in blocks)
    assert apply_plan(text, ["restore_upside_down_paragraphs"]) == text


def test_upside_down_paragraph_among_others() -> None:
    upside = "و نتیجه را در جلسه بعد گزارش کردند.\nکارکنان هر هفته پرسشنامه‌ها را جمع می‌کردند"
    right = "کارکنان هر هفته پرسشنامه‌ها را جمع می‌کردند\nو نتیجه را در جلسه بعد گزارش کردند."
    text = f"{LINES[0]}\n{LINES[1]}\n\n{upside}\n\n{LINES[2]}"
    assert repair(text).text == f"{LINES[0]}\n{LINES[1]}\n\n{right}\n\n{LINES[2]}"


def test_block_cut_out_of_a_paragraph_by_a_blank_line_is_not_turned() -> None:
    """pdftotext on fpdf2's PDFs puts blank lines inside paragraphs: a block that ends with a
    line running on into the next block is a piece of a paragraph, not one upside down."""
    piece = ("و یک دلیل دیگر هم هست که شاید از همه مهم‌تر باشد.\n"
             "اگر یک فرم کاغذی سه امضا داشت، حالا هم")
    text = (f"{LINES[0]}\n\nمدیران ما هر ماه گزارش می‌دهند ولی کسی آن را\nنمی‌خواند و"
            f"\n\nهمه چیز مثل قبل می‌ماند.\n\n{piece}\n\nسه امضای الکترونیکی دارد.\n")
    assert apply_plan(text, ["restore_upside_down_paragraphs"]) == text


@pytest.mark.parametrize("lines", [
    ["مدیران گفتند که با", "شهروندان بهتر گفتگو کنند."],  # already in order
    ["این بخش درباره مدیریت است.", "یادداشت دوم"],        # no second cue
    ["و گزارش خوانده شد.", "پرسشنامه‌ها را جمع کردند", "کارکنان هر هفته"],  # one cue, 3 lines
    ["و گزارش خوانده شد.", "پاسخ: ما جلسه گذاشتیم و"],  # a turn inside the block
])
def test_upside_down_needs_its_evidence(lines: list[str]) -> None:
    assert upside_down(lines) is False


def test_short_line_that_leans_backwards_follows_its_neighbours() -> None:
    # «یمن» is a word too, so the line's own evidence is one word forwards, two backwards
    short = "اصلاً نمی دانستیم."
    assert visual_line_changes(_visual(short)) == []
    text = "\n".join([_visual(LINES[0]), _visual(short), _visual(LINES[1])])
    assert apply_plan(text, ["reverse_visual_lines"]).split("\n") == [LINES[0], short, LINES[1]]


def test_short_line_that_reads_forwards_stays_among_visual_lines() -> None:
    short = "اصلاً نمی‌دانستیم."
    text = "\n".join([_visual(LINES[0]), short, _visual(LINES[1])])
    assert apply_plan(text, ["reverse_visual_lines"]).split("\n") == [LINES[0], short, LINES[1]]


# -- blank lines between a paragraph's printed lines ----------------------------------------

FULL = [
    "مصاحبه‌شونده ۱: هر درخواست یک کد رهگیری می‌گیرد که با پیامک برای شهروند فرستاده می‌شود. بعد",
    "سامانه آن را بر اساس موضوع و محل به یکی از مناطق شهر یا سازمان‌های وابسته ارجاع می‌دهد و",
    "مصاحبه‌شونده ۲: ما هم برای هر نوع درخواست مهلتی تعریف کرده‌ایم که اگر بگذرد پرونده خودکار به",
]
SHORT = ["سطح بالاتر می‌رود.", "مصاحبه‌گر: چرا؟"]


def test_printed_lines_of_a_paragraph_lose_their_blank_lines() -> None:
    text = "\n\n".join([FULL[0], FULL[1], SHORT[0], FULL[2], SHORT[0], SHORT[1]])
    out = apply_plan(text, ["rejoin_paragraph_lines"])
    # numbered labels («مصاحبه‌شونده ۲:») open turns: the blank line before them stays
    assert out.split("\n\n") == ["\n".join([*FULL[:2], SHORT[0]]), FULL[2] + "\n" + SHORT[0],
                                 SHORT[1]]


def test_blank_lines_are_kept_without_the_extractors_habit() -> None:
    # most lines follow each other without a blank line: the blank lines are the author's
    text = "\n".join([FULL[0], FULL[1], SHORT[0]]) + "\n\n" + "\n".join([FULL[1], *SHORT])
    assert apply_plan(text, ["rejoin_paragraph_lines"]) == text


def test_page_breaks_are_not_crossed() -> None:
    text = "\n\n".join([FULL[0], FULL[1], SHORT[0]]) + "\n\n\f" + "\n\n".join(
        [FULL[1], FULL[1], SHORT[0]])
    out = apply_plan(text, ["rejoin_paragraph_lines"])
    assert out.count("\n\n") == 1
    assert out.endswith("\f" + FULL[1] + "\n" + FULL[1] + "\n" + SHORT[0])


@given(st.lists(st.sampled_from([*FULL, *SHORT, *LINES]), min_size=1, max_size=12),
       st.sampled_from(["\n\n", "\n", "\n\n\f"]))
@settings(max_examples=60, deadline=None)
def test_rejoin_paragraph_lines_only_removes_blank_lines(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    out = apply_plan(text, ["rejoin_paragraph_lines"])
    assert out.split() == text.split()
    assert out.count("\f") == text.count("\f")
    assert apply_plan(out, ["rejoin_paragraph_lines"]) == out


def _cut(visual: str, *runs: str) -> list[str]:
    """A visual-order line cut into pieces around each of ``runs``, as pdfminer gives it."""
    pieces = []
    for run in runs:
        at = visual.index(run)
        pieces += [visual[:at], run]
        visual = visual[at + len(run):]
    return [p for p in [*pieces, visual] if p]


#: Lines as long as a printed line, so that a joined line is no longer than its neighbours.
WIDE = [f"{LINES[k]} {LINES[k + 1]}" for k in range(4)]


@pytest.mark.parametrize(("line", "runs"), [
    # a numbered speaker label: «... :», «۲», « هدنوش‌هبحاصم»
    ("مصاحبه‌شونده ۲: سازمان‌های دولتی باید به نیازهای شهروندان پاسخ دهند.", ["۲"]),
    # a citation cut into its name, its year after a comma and a bracket (drawn mirrored)
    ("تجربه ما هم همین را نشان می‌دهد (King, 2007) و مدیران آن را پذیرفتند.",
     ["King", ", 2007", "("]),
    # a Latin word starting the line, next to its comma
    ("CiRM، اولین چیزی که مدیران از آن می‌گویند چیست؟", ["CiRM"]),
    # a Latin word inside the line, before a comma: the line goes on after it
    ("مصاحبه‌گر: وقتی می‌گوییم مدیریت ارتباط یا همان CiRM، اولین چیز چیست؟", ["CiRM"]),
    # a number at the line's end (its left end in visual order) comes before the rest
    ("مدیران دوره‌ای آموزشی برای کارکنان گذاشتند در سال ۱۴۰۱", ["۱۴۰۱"]),
])
def test_visual_line_pieces_are_joined_and_turned(line: str, runs: list[str]) -> None:
    visual = _visual(line).replace("(King, 2007)", ")King, 2007(")
    pieces = _cut(visual, *runs)
    assert len(pieces) > 1
    text = _blocks(_visual(WIDE[0]), *pieces, _visual(WIDE[1]), _visual(WIDE[2]))
    assert repair(text).text.split("\n\n")[:4] == [WIDE[0], line, WIDE[1], WIDE[2]]


def test_a_piece_and_its_number_in_one_box_are_joined() -> None:
    line = "مصاحبه‌شونده ۱: سازمان‌های دولتی باید به نیازهای شهروندان پاسخ دهند."
    first, number, label = _cut(_visual(line), "۱")
    text = _blocks(_visual(WIDE[0]), first + "\n" + number, label, _visual(WIDE[1]),
                   _visual(WIDE[2]))
    assert repair(text).text.split("\n\n")[:3] == [WIDE[0], line, WIDE[1]]


def test_a_latin_label_does_not_take_the_next_line() -> None:
    # «Q» ends its line (the label at the visual right end): the next line is another line
    line = "Q: پس به نظر شما شهروند با مشتری فرق دارد؟"
    visual = _visual(line)
    text = _blocks(_visual(WIDE[0]), visual[:-1], "Q", " " + _visual(LINES[1]),
                   _visual(WIDE[2]))
    assert repair(text).text.split("\n\n")[:3] == [WIDE[0], line, " " + LINES[1]]


# -- a paragraph's last line given after the next turn ---------------------------------------

ANSWER = "پاسخ: ما یک برنامه آموزشی برای دستیاران گذاشتیم که در آن با بیمارنما تمرین"
QUESTION = "پرسش: آیا بیماران یا نمایندگانشان در سیاست‌گذاری بیمارستان نقشی دارند؟"
@pytest.mark.parametrize("cell", [
    ["و همه گفتند.", "ما هم با"],                       # one cue, two lines
    ["و این بود.", "که گفتیم در", "جلسه بعد با"],       # two cues, three lines
])
def test_a_table_cell_cut_narrow_is_not_turned_upside_down(cell: list[str]) -> None:
    # short lines that look like a paragraph upside down, but far from the printed width
    assert upside_down(cell)
    text = "\n".join([*LINES, "", *cell, "", *LINES])
    assert apply_plan(text, ["restore_upside_down_paragraphs"]) == text


#: A paper's table in the seed's broken style (our own words): cells cut into short lines, a
#: quote cell cut narrow with blank lines here and there, a rotated running head after it.
TABLE_BODY = [
    "این پژوهش تلاش کرد ه است تا برد اشت های مد یران بخش د ولتی را نسبت به مفهوم شهر ",
    "به د ست آورد . بر اساس اطلاعات جمع آوری شد ه می توان د و نگاه کلی را د ر آن یافت ",
    "که د ر جد ول زیر با نمونه هایی از گفته های مشارکت کنند گان آمد ه است و نشان د اد ",
]
TABLE_CELLS = [
    "ضرورت ", "مشارکت ", "مرد م د ر ", "مد یریت ", "", "شهری", "",
    "ما د ر شهرد اری ", "هر ماه جلسه ای ", "", "با شهروند ان ", "د اریم و نظر ", "آنها را ",
    "", "می پرسیم و ", "همه گفتند .", "ما هم با", "", "آنها حرف ", "زد یم و خوب ", "", "شد .",
]


def test_table_cells_keep_every_letter_in_order() -> None:
    text = "\n".join([*TABLE_BODY, "", *TABLE_CELLS, *ROTATED, *TABLE_BODY]) + "\n"
    out = repair(text).text

    def letters(s: str) -> str:
        return "".join(c for c in s if "\u0621" <= c <= "\u06cc")
    assert letters(out) == letters("\n".join([*TABLE_BODY, *TABLE_CELLS, *TABLE_BODY]))


REPLY = "پاسخ: این کاری است که تازه شروع کرده‌ایم و هنوز نتیجه‌اش را نمی‌دانیم."
ASKED = "پرسش: چرا این کار را زودتر شروع نکردید و چه چیزی مانع آن بود؟"


def test_last_line_given_after_the_next_turn_is_put_back() -> None:
    # printed lines with a blank line after each (pdfminer); «پرسش» and «پاسخ» are labels
    text = "\n\n".join([ANSWER, QUESTION, "می‌کنند.", REPLY, ASKED])
    out = apply_plan(text, ["restore_moved_last_lines"])
    assert out.split("\n\n") == [ANSWER + "\nمی‌کنند.", QUESTION, REPLY, ASKED]


@pytest.mark.parametrize("blocks", [
    # the answer closes its sentence: the short line is the question's own paragraph
    [ANSWER + ".", QUESTION, "می‌کنند.", REPLY],
    # the line after the short one is no new turn: it goes on with the question's turn
    [ANSWER, QUESTION, "می‌کنند.", "و این کار ادامه دارد و هنوز نتیجه‌اش را نمی‌دانیم."],
    # the short line has a label of its own
    [ANSWER, QUESTION, "پاسخ: بله.", REPLY],
    # a page break between them
    [ANSWER, QUESTION + "\f", "می‌کنند.", REPLY],
])
def test_last_lines_stay_without_the_evidence(blocks: list[str]) -> None:
    text = "\n\n".join([*blocks, ASKED])
    assert apply_plan(text, ["restore_moved_last_lines"]) == text


def test_last_line_is_put_back_across_a_bracketed_label() -> None:
    def bracketed(line: str) -> str:
        return "[" + line.replace(": ", "] ", 1)
    answer, question, reply = bracketed(ANSWER), bracketed(QUESTION), bracketed(REPLY)
    text = "\n\n".join([answer, question, "می‌کنند.", reply, bracketed(ASKED)])
    out = apply_plan(text, ["restore_moved_last_lines"])
    assert out.split("\n\n") == [answer + "\nمی‌کنند.", question, reply, bracketed(ASKED)]


FIRST = "پاسخ: ما در این بیمارستان از سال گذشته یک دفتر ارتباط با بیماران راه انداختیم که"
LAST = "شکایت‌ها را ثبت می‌کند."


def test_a_turn_given_after_the_first_line_of_the_next_is_put_first() -> None:
    # pdfminer gave the answer's first line before the question it answers; the speakers
    # take turns, so the question goes first and the answer's last line after its first
    before = "پاسخ: بله، همین‌طور است."
    text = "\n\n".join([before, FIRST, QUESTION, LAST, ASKED])
    out = apply_plan(text, ["restore_moved_last_lines"])
    assert out.split("\n\n") == [before, QUESTION, FIRST + "\n" + LAST, ASKED]


def test_a_turn_given_before_a_page_break_is_put_before_the_cut_turn() -> None:
    before = ["پرسش: از کار دفتر بگویید.", "پاسخ: بله، همین‌طور است."]
    end = "\n\n\f" + LAST + "\n\n" + ASKED
    text = "\n\n".join([*before, FIRST, QUESTION]) + end
    out = apply_plan(text, ["restore_moved_last_lines"])
    assert out == "\n\n".join([*before, QUESTION, FIRST]) + end


def test_the_last_turn_of_a_page_given_after_the_turn_it_answers_is_put_first() -> None:
    # the answer closes its sentence; its speaker goes on at the top of the next page, and
    # its own speaker spoke just before it: the question came between them
    before = ["پرسش: از کار دفتر بگویید.", "پاسخ: بله، همین‌طور است."]
    answer = "پاسخ: دفتر ما شکایت‌ها را ثبت می‌کند."
    end = "\n\n\fو هر هفته گزارشی برای مدیر می‌فرستد.\n\n" + ASKED
    text = "\n\n".join([*before, answer, QUESTION]) + end
    out = apply_plan(text, ["restore_moved_last_lines"])
    assert out == "\n\n".join([*before, QUESTION, answer]) + end
    # in order already: the question follows the answer's turn and opens the next page's
    text = "\n\n".join([before[0], answer, QUESTION]) + "\n\n\fو دیگر هیچ؟\n\n" + REPLY
    assert apply_plan(text, ["restore_moved_last_lines"]) == text


@pytest.mark.parametrize("blocks", [
    # alternation kept either way: the existing reading (the last line moved up) stays
    ["پرسش: و بعد؟", FIRST, QUESTION, LAST, REPLY],
    # the first line opens no turn: the question cannot have come before it
    ["پاسخ: بله.", FIRST[6:], QUESTION, LAST, ASKED],
])
def test_turns_keep_their_order_without_the_alternation(blocks: list[str]) -> None:
    text = "\n\n".join(blocks)
    out = apply_plan(text, ["restore_moved_last_lines"]).split("\n\n")
    assert out[1:3] == [blocks[1] + "\n" + LAST, QUESTION]


def test_last_lines_stay_in_a_text_without_printed_lines() -> None:
    # one paragraph per line (a clean transcript): not pdfminer's habit, nothing moves
    text = "\n\n".join([ANSWER + " و " + ANSWER[6:], QUESTION, "می‌کنند.", REPLY, ASKED])
    assert apply_plan(text, ["restore_moved_last_lines"]) == text


# -- a tanwin left away from its word ---------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # pypdf glues the tanwin to the word where two runs meet; its word lacks it
    ("مشتری ما دقیقا، من همیشه می‌پرسمً کیست؟", "مشتری ما دقیقاً، من همیشه می‌پرسم کیست؟"),
    ("این کار اصلا معنی ندارد.ًحذفی در کار نیست.", "این کار اصلاً معنی ندارد.حذفی در کار نیست."),
    ("ًشود و برایش یک مهلت تعریف شده، مثلا", "شود و برایش یک مهلت تعریف شده، مثلاً"),
])
def test_stray_tanwin_goes_onto_its_word(text: str, expected: str) -> None:
    assert apply_plan(text, ["move_stray_tanwin"]) == expected


@pytest.mark.parametrize("text", [
    "مثلا منً واقعا نمی‌دانم",             # two words could take it: no guess
    "منً نمی‌دانمً که مثلا چه شد",          # two stray tanwins
    "ما واقعاً و کاملاً راضی هستیم.",       # every tanwin on its alef
    "این رحمةً للعالمین بود و مثلا",        # after teh marbuta it is in place
    "او گفتً که من نمی‌دانم",                # no word the lexicon knows with a tanwin
])
def test_stray_tanwin_stays_without_one_sure_word(text: str) -> None:
    assert apply_plan(text, ["move_stray_tanwin"]) == text


def test_stray_tanwin_on_another_line_is_not_moved() -> None:
    text = "مشتری ما دقیقا گفت.\nمن همیشه می‌پرسمً کیست؟"
    assert apply_plan(text, ["move_stray_tanwin"]) == text
