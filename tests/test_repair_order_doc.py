"""Documents reversed as a rule (:mod:`cirmtext.repair.orderdoc`): nearly every line of the
document came out with its words last-to-first, continuation lines included.

The transcript below is written for these tests (a made-up interview, wrapped at about ten
words a line, speaker labels in brackets).
"""

from __future__ import annotations

from cirmtext.repair import apply_plan, repair
from cirmtext.repair.lines import iter_lines
from cirmtext.repair.orderdoc import label_first, reversed_as_rule
from cirmtext.repair.wordorder import judge_lines, line_gain, line_reversal_score, reorder_lines

#: Our own transcript: paragraphs wrapped over several lines, so most lines go on with a
#: sentence begun on the line before.
FORWARD = """\
[I1] سلام، ممنون که وقت گذاشتید. لطفاً از کار روزانه‌تان در کتابخانه
شهر برای ما بگویید و این‌که با مراجعه‌کنندگان چطور کار می‌کنید.
[P02] سلام، خواهش می‌کنم. من از هفت سال پیش در بخش امانت
کتاب کار می‌کنم و هر روز با صدها نفر سروکار دارم. بیشتر مراجعه‌کنندگان
دانشجو هستند، ولی در تابستان خانواده‌ها و بچه‌ها هم زیاد می‌آیند.
[I1] به نظر شما مراجعه‌کنندگان از خدمات کتابخانه راضی هستند یا نه؟
[P02] راستش بیشتر آن‌ها راضی هستند، اما از کمبود جای نشستن و ساعت
کار کوتاه گله دارند. ما چند بار این را به مدیر گزارش داده‌ایم
و قرار است از سال آینده کتابخانه تا ساعت ده شب باز بماند.
[I1] در این سال‌ها چه چیزی در کار شما بیشتر از همه تغییر کرده است؟
[P02] بیشترین تغییر این بود که فهرست کتاب‌ها را در سامانه گذاشتیم و مردم
حالا می‌توانند از خانه ببینند که کتاب در قفسه هست یا امانت رفته است.
"""


def _reverse_words(line: str) -> str:
    """The line as pypdf gives a LibreOffice line: its words last to first, the label's
    bracket and the sentence's last full stop where the reversal puts them."""
    if line.startswith("["):
        label, _, body = line.partition("] ")
        words = body.split()
        if words[-1].endswith("."):
            return f"{label}.{' '.join([words[-1][:-1], *words[-2::-1]])}]"
        return f"{label} {' '.join(words[::-1])}]"
    return " ".join(line.split()[::-1])


REVERSED = "".join(_reverse_words(line) + "\n" for line in FORWARD.splitlines())


def _rule(text: str) -> bool:
    spans = [(m.start(), m.end()) for m in iter_lines(text)]
    return reversed_as_rule(text, spans, frozenset(), line_gain)


def test_a_document_reversed_as_a_rule_is_turned_back_whole() -> None:
    assert _rule(REVERSED)
    assert apply_plan(REVERSED, ["restore_word_order"]) == FORWARD
    assert repair(REVERSED).text == FORWARD


def test_continuation_lines_are_turned_too() -> None:
    turned = {REVERSED[c.start:c.end] for c in reorder_lines(REVERSED)}
    continuation = [line for line in REVERSED.splitlines() if not line.startswith("[")]
    assert continuation and all(line in turned for line in continuation)


def test_the_forward_transcript_is_untouched() -> None:
    assert not _rule(FORWARD)
    assert reorder_lines(FORWARD) == []
    assert repair(FORWARD).text == FORWARD
    assert line_reversal_score(FORWARD.splitlines()[1]) < 0


def test_a_few_reversed_lines_do_not_make_a_rule() -> None:
    lines = FORWARD.splitlines()
    mixed = "\n".join(_reverse_words(line) if k in (2, 7) else line
                      for k, line in enumerate(lines)) + "\n"
    assert not _rule(mixed)
    # The usual gates keep wrapped continuation lines of a mostly forward document as they are.
    flipped = [line for line, _gain, flip in judge_lines(mixed, flips_only=True) if flip]
    assert all(line.text.strip() != lines[k] for line in flipped for k in range(len(lines)))


def test_label_split_over_the_line_ends_goes_first() -> None:
    def turn(body: str) -> str:
        return " ".join(body.split()[::-1])

    assert label_first("[P02 آمد او سلام،]", turn) == "[P02] سلام، او آمد"
    assert label_first("[I1.آمد او سلام،]", turn) == "[I1] سلام، او آمد."
    assert label_first("سلام، او آمد.", turn) is None
    assert label_first("[I1] سلام، او آمد.", turn) is None
    assert label_first("[1] سلام، او آمد [2]", turn) is None
