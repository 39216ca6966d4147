"""A single line repaired on its own: a reversed line cut by runs of spaces is turned round,
a forward line with runs of spaces is left as it is (texts of at most three lines are judged
line by line, with grammar and the shipped class pairs only; see docs/repair.md). A fragment
of a sentence (no sentence ends inside it) needs far more evidence there than a whole sentence,
unless it is justified (runs of spaces between nearly all its words)."""

from __future__ import annotations

import random

import pytest

from cirmtext.repair import normalize, ordergain, repair
from cirmtext.repair.ordergain import line_reversal_score

#: Sentences written for these tests (not taken from any corpus).
SENTENCES = [
    "پژوهشگران در این مطالعه نشان دادند که مشارکت شهروندان در تصمیم‌گیری‌های محلی "
    "اعتماد به نهادهای عمومی را افزایش می‌دهد.",
    "کارکنان سازمان پس از دوره‌های آموزشی با ابزارهای تازه آشنا شدند و کیفیت خدمات "
    "بهتر شد.",
    "مدیران شهری باید پیش از اجرای هر طرح بزرگ نظر ساکنان محله را بپرسند.",
    "در گفت‌وگوها بیشتر مصاحبه‌شوندگان از کمبود اطلاعات درباره خدمات دولت الکترونیک "
    "گلایه کردند.",
]


def _chunks(words: list[str], rng: random.Random) -> list[str]:
    """The words grouped into runs of one or two, as an extractor places them."""
    out, k = [], 0
    while k < len(words):
        size = rng.choice([1, 1, 2])
        out.append(" ".join(words[k:k + size]))
        k += size
    return out


def _order_edits(text: str) -> list[str]:
    return [e.rule for e in repair(text).edits
            if e.rule in ("restore_word_order", "restore_mixed_line_order")]


#: Known miss: this line, repaired alone, reads better backwards only by its last word (a
#: sentence ends with its verb); the shipped class pairs of its chunk edges lean the other way
#: (gain -1.6), and a text of one line has no word pairs of its own to count.
_WEAK = pytest.mark.xfail(strict=True, reason="a lone line's evidence is grammar and class pairs")


@pytest.mark.parametrize(("sentence", "seed"), [
    pytest.param(s, seed, id=f"sentence{k}-seed{seed}",
                 marks=[_WEAK] if (k, seed) == (1, 0) else [])
    for k, s in enumerate(SENTENCES) for seed in (0, 1)])
def test_reversed_line_alone_is_restored(sentence: str, seed: int) -> None:
    chunks = _chunks(sentence.split(), random.Random(seed))
    assert len(chunks) >= 5
    broken = "  ".join(reversed(chunks))
    assert _order_edits(broken) == ["restore_word_order"]
    assert " ".join(normalize(broken).split()) == " ".join(normalize(sentence).split())


@pytest.mark.parametrize("sentence", SENTENCES, ids=[f"sentence{k}" for k in range(len(SENTENCES))])
@pytest.mark.parametrize("share", [0.3, 1.0])
def test_forward_line_alone_with_runs_of_spaces_is_left(sentence: str, share: float) -> None:
    rng = random.Random(7)
    line = "".join(w + ("  " if rng.random() < share else " ") for w in sentence.split())
    assert _order_edits(line.rstrip()) == []
    assert " ".join(normalize(line).split()) == " ".join(normalize(sentence).split())


@pytest.mark.parametrize("sentence", SENTENCES[:2], ids=["sentence0", "sentence1"])
def test_reversed_line_in_a_text_of_two_lines(sentence: str) -> None:
    chunks = _chunks(sentence.split(), random.Random(3))
    text = SENTENCES[2] + "\n" + "  ".join(reversed(chunks)) + "\n"
    out = normalize(text).split("\n")
    assert " ".join(out[1].split()) == " ".join(normalize(sentence).split())
    assert out[0] == normalize(SENTENCES[2])


#: More sentences written for these tests, and windows of them (first word, end) that read
#: better backwards by THRESHOLD or more on their own: cut out of their sentence, with runs
#: of two spaces between pairs of words, or between all the words of a window too short to
#: look justified, they are left as they are.
FRAGMENT_SOURCES = [
    SENTENCES[1],
    "نویسنده در فصل دوم کتاب به تاریخ روابط دو کشور و پیامدهای آن برای منطقه می‌پردازد.",
]
FRAGMENTS = [(0, 4, 10), (1, 3, 14), (1, 4, 14), (1, 4, 15), (1, 6, 14), (1, 7, 14), (1, 8, 14)]


def _layouts(words: list[str]) -> dict[str, str]:
    paired = "  ".join(" ".join(words[k:k + 2]) for k in range(0, len(words), 2))
    return {"paired": paired, "every": "  ".join(words)}


@pytest.mark.parametrize("layout", ["paired", "every"])
@pytest.mark.parametrize(("source", "start", "end"), FRAGMENTS,
                         ids=[f"s{k}-{a}-{b}" for k, a, b in FRAGMENTS])
def test_forward_fragment_alone_is_left(source: int, start: int, end: int, layout: str,
                                        request: pytest.FixtureRequest) -> None:
    words = FRAGMENT_SOURCES[source].split()[start:end]
    if layout == "every" and len(words) >= ordergain.JUSTIFIED_CHUNKS:
        # The known cost of judging justified lines alone by THRESHOLD: about 1 forward
        # 14-word PerDT fragment in 80 with two spaces between all its words is turned.
        request.applymarker(pytest.mark.xfail(strict=True, reason="a justified forward "
                                              "fragment that reads better backwards"))
    line = _layouts(words)[layout]
    assert _order_edits(line) == []
    assert normalize(line).split() == normalize(" ".join(words)).split()


#: A forward fragment written for these tests that reads better backwards than as written by
#: more than THRESHOLD but less than LONE_FRAGMENT_GAIN.
JUSTIFIED = ("گزارش‌های ماهانه نشان می‌دهد که رضایت شهروندان از پاسخگویی سازمان در سال "
             "گذشته بیشتر")


def test_reversed_justified_fragment_alone_is_restored() -> None:
    words = JUSTIFIED.split()
    broken = "  ".join(reversed(words))
    assert ordergain.THRESHOLD <= line_reversal_score(broken) < ordergain.LONE_FRAGMENT_GAIN
    assert _order_edits(broken) == ["restore_word_order"]
    assert normalize(broken) == normalize(JUSTIFIED)


def test_reversed_fragment_in_few_chunks_alone_needs_the_fragment_gain() -> None:
    words = JUSTIFIED.split()[::-1]
    broken = _layouts(words)["paired"]
    assert line_reversal_score(broken) < ordergain.LONE_FRAGMENT_GAIN
    assert _order_edits(broken) == []


@pytest.mark.parametrize("start", range(6, 1, -1), ids=lambda k: f"end-{k}")
def test_reversed_fragment_with_a_sentence_end_inside_is_restored(start: int) -> None:
    first = SENTENCES[1].split()
    words = (SENTENCES[1] + " " + SENTENCES[2]).split()[len(first) - start:len(first) - start + 10]
    broken = "  ".join(reversed(words))
    assert _order_edits(broken) == ["restore_word_order"]
    assert " ".join(normalize(broken).split()) == " ".join(normalize(" ".join(words)).split())
