"""restore_run_order on a justified document whose words pypdf gave back one by one from the left.

The document is written for this test (no text from corpora or fixtures) and laid out here as
pypdf reads a justified Chromium page in two fonts: each line's words in reverse, two spaces
between them (one after a number or a Latin word), the ASCII marks on the word after theirs in
reading order (at a line's left end, before the word), the digits of numbers reversed.
"""

from __future__ import annotations

import itertools
import re

from cirmtext.repair import apply_plan, repair
from cirmtext.repair.ordergain import THRESHOLD, line_reversal_score
from cirmtext.repair.runvisual import marks_shifted, spread, turn_line, visual_lines

RULE = ["restore_run_order"]

#: Lines of paragraphs, in reading order; a blank line between paragraphs.
DOCUMENT = [
    "پژوهشگر: سلام، روز شما به خیر. از اینکه امروز وقت گذاشتید سپاسگزاریم. لطفاً از",
    "تجربه خودتان در این اداره بگویید.",
    "",
    "کارشناس: سلام، من از سال ۱۴۰۲ در این بخش کار کردم. پیش از آن در یک شرکت",
    "خصوصی بودم و کارهای CRM را انجام دادم. همکاران من را «کارشناس ارشد» صدا زدند.",
    "",
    "پژوهشگر: مردم بیشتر درباره چه موضوعی پرسیدند و پاسخ شما چه بود؟ این",
    "پرسش را همه همکاران شنیدند. شما هم گفتید که کار سختی است.",
    "",
    "کارشناس: هر روز حدود ۱۲۰ نفر آمدند. بیشترشان از زمان پرداخت پرسیدند. ما",
    "همه را پاسخ دادیم و نامه‌ها را هم فرستادیم.",
]

_LTR = re.compile(r"[A-Za-z0-9۰-۹]+")


def _pypdf_line(line: str, shifted: bool = True) -> str:
    """The line as pypdf reads it from the left: see the module's docstring."""
    words = line.split()
    if shifted:
        marks = [re.search(r"[.:]+$", word) for word in words]
        words = [w[:m.start()] if m else w for w, m in zip(words, marks, strict=True)]
        for k, mark in enumerate(marks):
            if mark is not None and k + 1 < len(words):
                words[k + 1] += mark.group()
            elif mark is not None:
                words[k] = mark.group() + words[k]
    # guillemets are read left to right: they come apart from their word, mirrored
    tokens = []
    for word in words:
        opens, closes = word.startswith("«"), "»" in word
        core = word.strip("«»")
        tail = word[word.index("»") + 1:] if closes else ""
        core = core.removesuffix(tail) if tail else core
        tokens += ["«"] * opens + [core + tail] + ["»"] * closes
    out = prev = ""
    for token in reversed(tokens):
        token = {"«": "»", "»": "«"}.get(token, token)
        if out:
            out += " " if _LTR.fullmatch(prev) or prev in "«»" else "  "
        out += token[::-1] if re.fullmatch("[۰-۹]+", token) else token
        prev = token
    return out


def _layout(lines: list[str], shifted: bool = True) -> str:
    return "\n".join(_pypdf_line(line, shifted) if line else "" for line in lines)


def test_builder_gives_the_layout() -> None:
    assert _pypdf_line("از اینکه امروز وقت گذاشتید. لطفاً از") == \
        "از  لطفاً.  گذاشتید  وقت  امروز  اینکه  از"
    assert _pypdf_line("در این اداره بگویید.") == ".بگویید  اداره  این  در"
    assert _pypdf_line("من از سال ۱۴۰۲ در") == "در  ۲۰۴۱ سال  از  من"


def test_the_document_is_put_back_in_reading_order() -> None:
    out = apply_plan(_layout(DOCUMENT), RULE)
    assert out == "\n".join(DOCUMENT)


def test_marks_left_on_their_own_words_stay_there() -> None:
    # one font for letters and marks: the marks come back on their words, nothing to move
    out = apply_plan(_layout(DOCUMENT, shifted=False), RULE)
    assert out == "\n".join(DOCUMENT)


def test_marks_shifted_reads_the_verbs() -> None:
    assert marks_shifted([_pypdf_line(line) for line in DOCUMENT if line])
    assert not marks_shifted([_pypdf_line(line, shifted=False) for line in DOCUMENT if line])


def test_full_pipeline_reads_the_document() -> None:
    out = repair(_layout(DOCUMENT)).text
    assert out.splitlines()[0] == DOCUMENT[0]
    assert "سال ۱۴۰۲" in out and "CRM را" in out and "«کارشناس ارشد»" in out


def test_a_forward_document_with_runs_of_spaces_is_left_alone() -> None:
    forward = ["  ".join(line.split()) for line in DOCUMENT]
    assert visual_lines(forward) == {}
    assert apply_plan("\n".join(forward), RULE) == "\n".join(forward)


def test_too_few_spread_lines_show_no_layout() -> None:
    lines = [_pypdf_line(DOCUMENT[0]), DOCUMENT[1], DOCUMENT[3], DOCUMENT[4], DOCUMENT[6]]
    assert visual_lines(lines) == {}


def test_spread_counts_gaps_between_persian_words_only() -> None:
    assert spread("در  ۲۰۴۱ سال  از  من") == (2, True)
    assert spread("CRM را انجام دادم") == (2, False)
    assert spread("یک") == (0, False)


def test_turn_line_keeps_a_latin_run_in_order() -> None:
    assert turn_line("کرد  اشاره  Open Data Charter به  او", shift=False) == \
        "او به Open Data Charter اشاره کرد"


def test_turn_line_puts_a_mark_left_of_a_latin_word_after_it() -> None:
    assert turn_line("اولین  ،CiRM همان", shift=False) == "همان CiRM، اولین"
    assert turn_line(".« کاغذی  رضایت » گویم", shift=False) == "گویم «رضایت کاغذی»."


def test_turn_line_reads_brackets_where_the_page_has_them() -> None:
    # a bracket glued to a Persian word's edge stands where the page draws it
    assert turn_line("فرستادیم  برای(  API) یک  با", shift=False) == "با یک (API) برای فرستادیم"
    # a citation keeps its words in order, «&» included
    assert turn_line("(Ahmadi & Karimi, 2020) نوشتند  همکاران", shift=False) == \
        "همکاران نوشتند (Ahmadi & Karimi, 2020)"


def _chunks_reversed(line: str, cut: list[int]) -> str:
    """The line cut into chunks of words at ``cut``, the chunks last to first, two spaces apart."""
    words = line.split()
    bounds = [0, *cut, len(words)]
    chunks = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
    return "  ".join(reversed(chunks))


def test_a_chunked_line_next_to_turned_lines_has_its_chunks_turned() -> None:
    lines = [_pypdf_line(line) for line in DOCUMENT]
    # the paragraph's last line as three chunks last to first: weak evidence on its own
    lines[7] = _chunks_reversed(DOCUMENT[7], [2, 5])
    assert 0 < line_reversal_score(lines[7]) < THRESHOLD
    out = apply_plan("\n".join(lines), RULE).split("\n")
    assert out[7] == DOCUMENT[7]
    # the same line as a paragraph of its own: no turned neighbour, not evidence enough
    lines[6:8] = [lines[6], "", lines[7]]
    out = apply_plan("\n".join(lines), RULE).split("\n")
    assert out[8] == lines[8]
