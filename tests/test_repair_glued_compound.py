"""split_glued_words: a glued compound the lexicon knows with ZWNJ is cut with a ZWNJ.

A token such as ``سهشنبه`` is no word, and both its readings, «سه شنبه» and «سه‌شنبه», cut it
at the same place; the cut is a ZWNJ where the lexicon knows the compound so and it is at
least as likely as the two words side by side (:func:`~cirmtext.repair.gluedscore.zwnj_gap`),
else a space. The sentences are our own.
"""

from __future__ import annotations

import pytest

import cirmtext
from cirmtext.repair import repair
from cirmtext.repair.base import RepairContext
from cirmtext.repair.detect import lexicon
from cirmtext.repair.glued import explain, split_glued_words
from cirmtext.repair.gluedscore import ZIPF_BILLION, compound_reading, zwnj_gap

ZWNJ = "\u200c"


def marks(text: str) -> list[tuple[int, str]]:
    """The rule's insertions in ``text`` (alone, context from the text itself)."""
    changes = split_glued_words(text, RepairContext(source=text))
    assert all(c.start == c.end for c in changes)
    return [(c.start, c.after) for c in changes]


@pytest.mark.parametrize(("raw", "compound"), [
    ("جلسه روز سهشنبه برگزار شد", "سه‌شنبه"),
    ("نخستوزیر کشور سخن گفت", "نخست‌وزیر"),
    ("این قتلعام را محکوم کردند", "قتل‌عام"),
    ("مسافر نیمهشب رسید", "نیمه‌شب"),
    ("برنامه کوتاهمدت و میانمدت دارند", "کوتاه‌مدت"),
    ("برنامه کوتاهمدت و میانمدت دارند", "میان‌مدت"),
])
def test_glued_compound_gets_its_zwnj(raw: str, compound: str) -> None:
    out = cirmtext.normalize(raw)
    assert compound in out.split()
    assert compound.replace(ZWNJ, " ") not in out
    assert cirmtext.normalize(out) == out


def test_the_rule_itself_writes_the_zwnj() -> None:
    text = "روز سهشنبه آمد"
    assert marks(text) == [(text.index("شنبه"), ZWNJ)]
    assert "a compound the lexicon knows with ZWNJ" in explain("سهشنبه")


@pytest.mark.parametrize(("raw", "words"), [
    ("کارمند ادارهبرای جلسه آمد", "اداره برای"),  # no compound «اداره‌برای»
    ("بهاین کار علاقه داشت", "به این"),  # «این» is a function word
    ("او بهسرعت رفت", "به سرعت"),  # «به‌سرعت» is rarer than «به» + «سرعت»
])
def test_two_words_still_get_a_space(raw: str, words: str) -> None:
    out = cirmtext.normalize(raw)
    assert words in out
    assert words.replace(" ", ZWNJ) not in out and words.replace(" ", "") not in out


def test_mixed_token_marks_each_gap_on_its_own() -> None:
    # Two glued tokens in one text: one a compound, one two words.
    text = "روز سهشنبه کارمند ادارهبرای جلسه آمد"
    assert sorted(marks(text)) == [(text.index("شنبه"), ZWNJ), (text.index("برای"), " ")]


def test_words_the_lexicon_knows_glued_are_not_cut() -> None:
    text = "کتابخانه و همچنین دانشگاه"
    assert marks(text) == []
    assert cirmtext.normalize(text) == text


def test_clean_text_with_compounds_is_unchanged() -> None:
    text = "روز سه‌شنبه نخست‌وزیر درباره قتل‌عام سخن گفت."
    assert marks(text) == []
    assert repair(text).text == text


def test_zwnj_gap_follows_the_unigram_model() -> None:
    lex = lexicon()
    for left, right in (("سه", "شنبه"), ("قتل", "عام"), ("نخست", "وزیر")):
        compound = lex.zipf(left + ZWNJ + right)
        assert compound >= lex.zipf(left) + lex.zipf(right) - ZIPF_BILLION
        assert zwnj_gap(left, right, lex)
    known = lex.zipf("به" + ZWNJ + "سرعت")
    assert 0 < known < lex.zipf("به") + lex.zipf("سرعت") - ZIPF_BILLION  # rarer: a space
    assert not zwnj_gap("به", "سرعت", lex)
    assert lex.zipf("به" + ZWNJ + "این") > 0 and not zwnj_gap("به", "این", lex)
    assert not zwnj_gap("اداره", "برای", lex)  # no such compound
    assert not zwnj_gap("داده", "است", lex)  # never before a function word
    assert not zwnj_gap("کار", "شنبه", lex)  # «ر» never joins: no ZWNJ after it


def test_repair_records_the_zwnj_edit() -> None:
    result = repair("روز سهشنبه آمد")
    edits = [e for e in result.edits if e.rule == "split_glued_words"]
    assert [(e.before, e.after) for e in edits] == [("", ZWNJ)]
    assert result.text == "روز سه‌شنبه آمد"


def test_compound_reading_beats_a_split_elsewhere() -> None:
    # «چشماند» + «از» is a segmentation, but «چشم‌انداز» is the likelier reading.
    lex = lexicon()
    likelihood, cut = compound_reading("چشمانداز", lex)
    assert cut == len("چشم") and likelihood == lex.zipf("چشم‌انداز") - ZIPF_BILLION
    text = "این چشمانداز زیبا بود"
    assert marks(text) == [(text.index("انداز"), ZWNJ)]
    assert "چشم‌انداز" in cirmtext.normalize(text).split()
    assert compound_reading("ادارهبرای", lex) is None
