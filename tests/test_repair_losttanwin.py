"""restore_lost_tanwin: the tanwin a PDF dropped from every adverb of a document, put back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cirmtext.repair import apply_plan, repair
from cirmtext.resources import tanwin_adverbs

RULE = ["restore_lost_tanwin"]


def test_adverbs_known_only_with_a_tanwin_get_it_back() -> None:
    text = "ما اصلا نمی‌دانستیم که مردم واقعا چه می‌خواهند و معمولا دیر می‌فهمیدیم."
    assert apply_plan(text, RULE) == (
        "ما اصلاً نمی‌دانستیم که مردم واقعاً چه می‌خواهند و معمولاً دیر می‌فهمیدیم.")


def test_words_that_are_words_without_a_tanwin_stay() -> None:
    text = "حالا فردا جدا از این دنیا، مثلا با خدا حرف بزنیم."
    assert apply_plan(text, RULE) == "حالا فردا جدا از این دنیا، مثلاً با خدا حرف بزنیم."


def test_a_document_that_writes_a_tanwin_keeps_its_spelling() -> None:
    text = "کارکنان ما حتماً آموزش می‌بینند.\n\nولی مثلا در شهرستان‌ها کمتر."
    assert apply_plan(text, RULE) == text
    assert repair(text).text == text


def test_only_whole_words_and_the_full_repair_explains_it() -> None:
    text = "نتیجه‌اش مثلا‌ها نبود، مثلاتی هم نداشت؛ دقیقا همین."
    result = repair(text)
    assert result.text == "نتیجه‌اش مثلا‌ها نبود، مثلاتی هم نداشت؛ دقیقاً همین."
    assert [(e.rule, e.before, e.after) for e in result.edits] == [
        ("restore_lost_tanwin", "", "\u064b")]
    assert text[result.edits[0].start - 5:result.edits[0].start] == "دقیقا"


def test_adverbs_come_from_the_lexicon_not_a_list() -> None:
    adverbs = tanwin_adverbs()
    assert {"مثلا", "واقعا", "تقریبا", "اصلا"} <= adverbs
    assert not {"جدا", "فردا", "حالا", "دنیا", "آنها"} & adverbs


_WORDS = ["مثلا", "واقعا", "فردا", "حالا", "مدیران", "شهروند", "دقیقا", "کار", "و", "،", "."]


@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_only_tanwins_are_added_and_twice_is_once(words: list[str]) -> None:
    text = " ".join(words)
    once = apply_plan(text, RULE)
    assert once.replace("\u064b", "") == text
    assert apply_plan(once, RULE) == once
