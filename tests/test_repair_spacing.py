"""The spacing stage of the repair (cirmtext.repair.spacing): split words, ZWNJ, evidence."""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cirmtext.repair import RepairConfig, repair
from cirmtext.repair import chars as chars_stage
from cirmtext.repair import spacing as spacing_stage
from cirmtext.repair.base import RepairContext
from cirmtext.repair.chardata import PERSIAN_LETTERS
from cirmtext.repair.detect import document_stats, known_share, lexicon
from cirmtext.repair.gaps import document_facts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "repair"))
import corrupt
import metrics

ZWNJ = "\u200c"
STAGE_RULES = [r.name for r in (*chars_stage.RULES, *spacing_stage.RULES) if r.default]
STAGES = RepairConfig.only(STAGE_RULES)

#: Share of clean PerDT tokens the chars + spacing stages change, measured at 0.08% (19 of
#: 22,451 tokens, mostly PerDT's own «میجستند» written without ZWNJ); the issue's target is 0.2%.
CLEAN_CHANGE_GUARD = 0.0012


def fix(text: str, context_text: str | None = None) -> str:
    context = RepairContext.from_text(context_text) if context_text else None
    return repair(text, STAGES, context=context).text.replace(ZWNJ, "+")


# --- joins ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("broken", "expected"), [
    ("مد یریت", "مدیریت"),
    ("د ر", "در"),
    ("د اد ه ها", "داده+ها"),
    ("شهروند ان", "شهروندان"),
    ("راهبرد ی", "راهبردی"),
    ("توج ه به مردم", "توجه به مردم"),
    ("ب ه خانه", "به خانه"),
    ("مد یر ان اد ار ه", "مدیران اداره"),
    ("پرد ازش د اد ه ها", "پردازش داده+ها"),
    ("جمهوری اسلا می ایران", "جمهوری اسلامی ایران"),  # «می» ends a word after a non-word piece
    ("کار نظا می", "کار نظامی"),
    ("آنها می روند", "آنها می+روند"),  # but begins the verb after a word
])
def test_split_words_are_joined(broken: str, expected: str) -> None:
    assert fix(broken) == expected


def test_document_evidence_joins_what_a_lone_line_cannot() -> None:
    # Alone, «پدید ارنگاری» might be two words; in a document whose «د» always breaks it is one.
    doc = "\n".join(["مد یریت د ولتی د ر سازمان  د اد ه ها  خد مات  شهروند ان  مد یران"] * 8
                    + ["پد ید ارنگاری"])
    assert fix("پد ید ارنگاری", doc) == "پدیدارنگاری"
    assert fix("پد ید ارنگاری") != "پد ید ارنگاری"


@pytest.mark.parametrize(("broken", "expected"), [
    ("اد راک مد یران د ر سازمان", "ادراک مدیران در سازمان"),
    ("ناد رست بود ن اد راک کارکنان د ر اد اره", "نادرست بودن ادراک کارکنان در اداره"),
    ("پد ید ارنگاری، مد یران د ولتی", "پدیدارنگاری، مدیران دولتی"),
    ("د ید گاه شهروند ان د ر باره خد مات", "دیدگاه شهروندان در باره خدمات"),
    ("چشم اند از، اد راک و د ید گاه", "چشم+انداز، ادراک و دیدگاه"),
])
def test_a_lone_line_is_its_own_evidence(broken: str, expected: str) -> None:
    # A line that never writes «د» joined to a next letter and shows sure splits after it
    # («د ر», «مد یران») is broken by the same font at every «د», however short it is.
    assert fix(broken) == expected


def test_a_letter_counts_as_always_breaking_only_when_never_joined() -> None:
    def level(text: str) -> int:
        return document_facts(document_stats(text))[0].get("د", (0, None))[0]

    assert level("اد راک مد یران د ر سازمان") == 2
    assert level("د ر اد اره") == 0  # one sure split, one gap more: no habit shown
    assert level("ادراک مدیران د ر سازمان د ولتی") < 2  # «د» written joined: not every time
    assert level("ادراک مدیران در سازمان دولتی کار کردند") == 0  # a clean line


@pytest.mark.parametrize("text", [
    "ما در خانه بودیم",  # not «مادر»
    "بر اساس این گزارش",  # «بر» before a word stays
    "خود را دید",  # «را» is never glued
    "و از به با در که",
    "کار و زندگی",
    "قرار داد و رفت",  # «قرارداد» is a word, but so are «قرار» and «داد»
    "پمپ بنزین",
    "میز و میان",
])
def test_real_word_sequences_stay_apart(text: str) -> None:
    assert fix(text) == text


def test_double_spaces_are_never_touched() -> None:
    assert fix("شهروند  گفت") == "شهروند  گفت"
    assert fix("مد  یریت") == "مد  یریت"


# --- ZWNJ ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("broken", "expected"), [
    ("می گویند", "می+گویند"),
    ("نمی شود", "نمی+شود"),
    ("سازمان ها", "سازمان+ها"),
    ("سازمان های دولتی", "سازمان+های دولتی"),
    ("خانه ای", "خانه+ای"),
    ("رفته اند", "رفته+اند"),
    ("تصمیم گیری", "تصمیم+گیری"),
    ("جمع آوری", "جمع+آوری"),
    ("بی نتیجه", "بی+نتیجه"),
    ("میگویند", "می+گویند"),
    ("شیشههای", "شیشه+های"),
])
def test_zwnj_is_written(broken: str, expected: str) -> None:
    assert fix(broken) == expected


@pytest.mark.parametrize(("broken", "expected"), [
    ("شهروند ان", "شهروندان"),  # letters that simply join get no ZWNJ
    ("صد ای شهروند", "صدای شهروند"),
    ("دیوار ها", "دیوارها"),
    ("شهروند\u200cان", "شهروندان"),  # a ZWNJ typed inside a word goes
    ("صد\u200cای", "صدای"),
    ("کتاب\u200cی خوب", "کتابی خوب"),
])
def test_no_zwnj_where_letters_simply_join(broken: str, expected: str) -> None:
    assert fix(broken) == expected


@pytest.mark.parametrize("word", ["میز", "میان", "میوه", "تنها", "آنها", "میلیون"])
def test_words_that_start_like_prefixes_stay(word: str) -> None:
    assert fix(word) == word


@pytest.mark.parametrize("text", ["کشور\u200cها", "خانه\u200cای", "خانه\u200cی ما", "می\u200cروم",
                                  "صندلی\u200cام", "دوستی\u200cاش",
                                  "تصمیم\u200cگیری", "بی\u200cشک", "هم\u200cاکنون"])
def test_zwnj_that_belongs_stays(text: str) -> None:
    assert repair(text, STAGES).text == text


# --- correct text that looks suspicious (false positives found on real corpora) ----------


@pytest.mark.parametrize("text", [
    # a word written solid that is a word as written (میدان + ی), not «می» + a verb
    "گزارش کار میدانی و یافته‌های میدانی آماده است.",
    "عشق میهنی او را به این کار کشاند.",
    # a ZWNJ after a compound's first part or prefix
    "نظر ذی‌صلاحان و ذی‌نفع‌ها و هم‌میهنان را پرسیدیم.",
    "کارگران غیر‌ماهر و نا‌امیدان هم آمدند.",
    # function words take no suffix
    "گفت که ای وای، نه ای کاش زودتر گفته بودی.",
    "چه ها که نکردیم تا به اینجا رسیدیم.",
    # initials are not suffixes
    "خانم ن و آقای ک در جلسه بودند.",
    # «تر» is the adjective «wet» after a noun
    "پسماند تر و زباله خشک را جدا کنید.",
])
def test_correct_text_that_looks_broken_stays(text: str) -> None:
    assert repair(text).text == text
    assert repair(text, STAGES).text == text


def test_solid_mi_word_is_split_where_the_document_writes_mi_verbs_solid() -> None:
    # the document's own spelling: its «می» verbs are written without ZWNJ throughout
    document = "میگویند میدانی که او میخواهد بیاید و میرود و میآید"
    assert fix("تو میدانی", document) == "تو می+دانی"
    assert fix("تو میدانی") == "تو میدانی"  # alone, the word stays as written


@pytest.mark.parametrize(("broken", "expected"), [
    ("بر ای شهروندان", "برای شهروندان"),  # a function word's letters still join
    ("بزرگ تر و دور تر", "بزرگ+تر و دورتر"),  # adjectives take «تر»
    ("خانه ی ما", "خانه+ی ما"),  # the ezafe after «ه» is a suffix, not an initial
    ("کتاب قبلی ام و دوستی اش", "کتاب قبلی+ام و دوستی+اش"),  # clitics after a final «ی»
    ("بی دقتی\u200cها", "بی+دقتی+ها"),  # «بی» before a word that carries a suffix
    ("ذی\u200cنفع و شهروند\u200cان", "ذی+نفع و شهروندان"),  # the bound «ان» still joins
])
def test_broken_text_is_still_repaired_next_to_these_guards(broken: str, expected: str) -> None:
    assert fix(broken) == expected


@pytest.mark.parametrize(("glued", "expected"), [
    ("درباره CiRMصحبت", "درباره CiRM صحبت"),
    ("این بیمارستان ۴۲۰تخت دارد", "این بیمارستان ۴۲۰ تخت دارد"),
    ("مشتریCRM", "مشتری CRM"),
    ("فرسیس1 گفته است", "فرسیس1 گفته است"),  # a footnote mark stays
])
def test_scripts_are_separated(glued: str, expected: str) -> None:
    assert repair(glued, STAGES).text == expected


# --- evidence ------------------------------------------------------------------------------

def test_document_stats_find_the_letter_that_breaks() -> None:
    stats = document_stats("مد یریت و مد یران  د ر سازمان  د ولتی  مد یریت خد مات")
    assert stats.breaks_after("د")
    assert not stats.breaks_after("ن")
    assert not document_stats("مدیران دولتی در سازمان‌ها کار می‌کنند").breaks_after("د")


def test_known_share_rises_after_repair() -> None:
    broken = "مد یر ان اد اره با شهروند ان د ر شهر های کوچک گفتگو کرد ند"
    assert known_share(broken) < 0.7
    assert known_share(repair(broken, STAGES).text) == 1.0


def test_lexicon_treats_affixes_standing_alone_as_fragments() -> None:
    lex = lexicon()
    assert lex.is_word("مدیریت")
    assert not lex.is_word("ها")
    assert not lex.is_word("د")
    assert lex.is_word("و")


# --- word pairs: the document's split rate against two independent words ------------------

#: A document (written for these tests) whose font breaks some words after «ر», «ا», «و» and
#: «د»: «مر دم», «کشا ورزان», «مسئو لان» are sure splits (a piece is no word).
BREAKS_AFTER_R = "\n".join([
    "مر دم شهر ستان به کار گر ان و کشا ورزان گفتند",
    "این ر وش د ر مد ارس و بیمار ستان ها اجر ا شد",
    "کار شنا سان با مر دم و مسئو لان گفت وگو کرد ند",
    "ادا ره ها و سازما ن ها به گزار ش ها پاسخ دادند",
] * 3)


def in_document(line: str, document: str) -> str:
    return fix(line, document + "\n" + line)


def test_split_rate_counts_sure_splits_against_letters_written_joined() -> None:
    stats = document_stats(BREAKS_AFTER_R)
    assert stats.split_rate("ر") > 0.2
    assert stats.split_rate("ز") == 0.0
    assert document_stats("مردم شهرستان به کارگران گفتند").split_rate("ر") == 0.0
    assert document_stats("مر دم").split_rate("ر") == 0.0  # one gap of a lone line: no evidence


@pytest.mark.parametrize(("broken", "expected", "alone"), [
    ("خبر نگار", "خبرنگار", "خبر نگار"),
    ("سر گرم", "سرگرم", "سر گرم"),
    # a lone line shows no breaks, but «نابینا» is over 3.5 orders of magnitude likelier than
    # «نا» and «بینا» as two words (gapjoin.LONE_LOG_RATE)
    ("نا بینا", "نابینا", "نابینا"),
])
def test_two_words_that_make_a_common_word_join_where_the_document_breaks_there(
        broken: str, expected: str, alone: str) -> None:
    assert in_document(broken, BREAKS_AFTER_R) == expected
    assert fix(broken) == alone  # a lone line shows no breaks: two words unless far likelier


@pytest.mark.parametrize("text", [
    "ما در خانه",  # «مادر»: two common words beat it as a sequence
    "کار کرد",  # «کارکرد» is rarer than «کار» and «کرد» together
    "بر اساس",  # never after «بر», «هر», «و», «از» ...
    "هر چه",
    "مواد غذایی",  # «موادغذایی» is a glued phrase of web lists, far rarer than «غذایی»
    "قرار داد",
])
def test_word_pairs_stay_apart_even_where_the_document_breaks_after_the_letter(
        text: str) -> None:
    assert in_document(text, BREAKS_AFTER_R) == text


@pytest.mark.parametrize(("broken", "expected"), [
    ("را برنشانید ه است", "را برنشانیده است"),  # not «رابرنشانیده»
    ("به بازنمایاند ند", "به بازنمایاندند"),
])
def test_a_function_word_is_never_glued_into_an_unknown_word(broken: str, expected: str) -> None:
    assert in_document(broken, BREAKS_AFTER_R) == expected


def test_an_initial_stays_unless_the_document_breaks_after_its_letter() -> None:
    assert fix("دکتر م با ما آمد.") == "دکتر م با ما آمد."
    assert fix("خانم ر و آقای س آمدند.") == "خانم ر و آقای س آمدند."
    # where «ر» breaks words, «ر و» is most likely «رو» split by the font
    assert in_document("خانم ر و آقای س آمدند.", BREAKS_AFTER_R) == "خانم رو آقای س آمدند."


#: A document (written for these tests) whose font breaks words after «و».
BREAKS_AFTER_VAV = "\n".join([
    "مسئو لان و کارشناسان در مو رد قانو ن گفتند",
    "نیرو ها به سو ی شهر رفتند و گرو ه ها آمدند",
    "او نو شته ها را خو اند",
] * 3)


def test_a_function_word_joins_only_where_the_document_writes_the_word_intact() -> None:
    line = "این کار و جودی ندارد"
    assert in_document(line, BREAKS_AFTER_VAV) == line  # «و» + «جودی» may be two words
    assert in_document(line, BREAKS_AFTER_VAV + "\nوجودی گفتند") == "این کار وجودی ندارد"


def test_a_function_word_joins_without_the_word_intact_only_on_strong_odds() -> None:
    # «لی» is hardly a word of its own: «ولی» split by a font that breaks after «و» is far
    # likelier (PROTECTED_MARGIN); «زیر» is a common word, so «و زیر» stays two words
    assert in_document("او آمد و لی نماند", BREAKS_AFTER_VAV) == "او آمد ولی نماند"
    assert in_document("این و زیر است", BREAKS_AFTER_VAV) == "این و زیر است"
    assert fix("او آمد و لی نماند") == "او آمد و لی نماند"  # a lone line shows no breaks


#: A document (written for these tests) that writes every ZWNJ as a space.
ZWNJ_AS_SPACE = "\n".join([
    "مردم می گویند کتاب ها را خواندند و می روند",
    "دانشجو ها و استاد ها می آیند و درس ها را می خوانند",
] * 3)
ZWNJ_WRITTEN = "مردم می\u200cگویند کتاب\u200cها را خواندند"


def test_zwnj_space_rate() -> None:
    assert document_stats(ZWNJ_AS_SPACE).zwnj_space_rate() == 1.0
    assert document_stats(ZWNJ_WRITTEN).zwnj_space_rate() == 0.0


@pytest.mark.parametrize(("broken", "expected"), [
    ("دانش آموز", "دانش+آموز"),  # «آموز» ends many compounds of the lexicon
    ("بهره برداری", "بهره+برداری"),
    ("روان درمانی", "روان+درمانی"),
])
def test_compounds_with_a_productive_second_part_get_their_zwnj_back(
        broken: str, expected: str) -> None:
    assert in_document(broken, ZWNJ_AS_SPACE) == expected
    assert in_document(broken, ZWNJ_WRITTEN) == broken  # the author wrote two words


@pytest.mark.parametrize("text", [
    "حقوق بشر",  # «بشر» ends few compounds: a phrase
    "کار کرد",
])
def test_phrases_stay_apart_where_the_document_writes_zwnj_as_space(text: str) -> None:
    # (In a document that has lost every ZWNJ, compounds.py writes «همان‌طور», «هیچ‌کس»,
    # «تخم‌مرغ» with their standard ZWNJ on weaker evidence; that is the ZWNJ rules' call.)
    assert in_document(text, ZWNJ_AS_SPACE) == text


# --- properties ----------------------------------------------------------------------------

_WORDS = ["مدیریت", "شهروند", "داده", "سازمان", "دولتی", "می", "ها", "ای", "در", "و", "به",
          "را", "د", "ر", "یریت", "ان", "خانه", "کتاب", "گفت", "نمی", "شود", "تر", "است"]
_persian_like = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", " ", "  ", ZWNJ, "\n"])),
    max_size=20,
).map(lambda pairs: "".join(w + sep for w, sep in pairs))


def _letters(text: str) -> Counter[str]:
    return Counter(ch for ch in text if ch in PERSIAN_LETTERS)


@settings(max_examples=200, deadline=None)
@given(_persian_like)
def test_spacing_is_idempotent_and_keeps_every_letter(text: str) -> None:
    once = repair(text, STAGES)
    assert repair(once.text, STAGES).text == once.text
    assert _letters(once.text) == _letters(text)


@pytest.mark.xfail(strict=True, reason=(
    "found by the property test above in session 8 (the tree of session 7 fails it too): the "
    "first repair drops the stray ZWNJ of «ای‌می» and leaves «می اید»; the document facts "
    "read from that output differ from the input's, and the second repair adds «می‌اید»"))
def test_spacing_idempotent_when_a_stray_zwnj_is_dropped() -> None:
    text = "می ای د مدیریت\u200cمدیریت\u200cای\u200cمی\u200cمدیریت "
    once = repair(text, STAGES)
    assert repair(once.text, STAGES).text == once.text


@settings(max_examples=200, deadline=None)
@given(_persian_like)
def test_spacing_edits_map_back_to_the_original(text: str) -> None:
    result = repair(text, STAGES)
    for edit in result.edits:
        assert edit.before in (" ", ZWNJ, ZWNJ * 2, "") or edit.before.strip(ZWNJ) == ""
    for i, ch in enumerate(result.text):
        if ch in PERSIAN_LETTERS:
            start, end = result.to_original(i, i + 1)
            assert text[start:end] == ch


# --- corpus checks (read ../shared/data in place; skipped when absent) ---------------------

def test_clean_perdt_sentences_pass_through(perdt_sentences: list[dict[str, Any]]) -> None:
    total = changed = 0
    for sentence in perdt_sentences:
        text = sentence["text"]
        out = repair(text, STAGES).text
        ref = text.split()
        total += len(ref)
        if out != text:
            changed += metrics.edit_distance(ref, out.split())
    assert total > 20000
    assert changed / total <= CLEAN_CHANGE_GUARD, f"{changed} of {total} clean tokens changed"


def test_synthetic_corruption_is_mostly_repaired(perdt_sentences: list[dict[str, Any]]) -> None:
    rng = random.Random(7)
    texts = [s["text"] for s in perdt_sentences[:400]]
    docs = ["\n".join(texts[i:i + 20]) for i in range(0, len(texts), 20)]
    ref = "\n".join(docs)
    broken = "\n".join(corrupt.corrupt(doc, rng) for doc in docs)
    fixed = "\n".join(repair(b, STAGES).text for b in _split_like(broken, docs))
    stats = metrics.split_stats(ref, broken, fixed)
    assert metrics.word_error_rate(ref, broken, zwnj_as_space=True) > 0.5
    assert metrics.word_error_rate(ref, fixed, zwnj_as_space=True) < 0.06
    assert stats["repaired_rate"] > 0.92
    assert stats["false_merge_rate"] < 0.003
    assert metrics.zwnj_prf(ref, fixed)[2] > 0.9


def _split_like(broken: str, docs: list[str]) -> list[str]:
    """Cut ``broken`` back into documents with as many lines as each of ``docs``."""
    lines = broken.split("\n")
    out = []
    for doc in docs:
        n = doc.count("\n") + 1
        out.append("\n".join(lines[:n]))
        lines = lines[n:]
    return out


def test_seed_text_known_word_share_rises(seed_text: str) -> None:
    # (0.9507 at b3430aa's parent, 0.9497 since: right spellings the lexicon lacks count as
    # unknown, «نقششان», «ایده‌آل‌ترین»; the paper's gold WER fell 0.0382 -> 0.0345 meanwhile)
    before = known_share(seed_text)
    after = known_share(repair(seed_text, STAGES).text)
    assert before < 0.7
    assert after > 0.945


# --- phrases and function words inside a span (session 3) ----------------------------------

@pytest.mark.parametrize(("pieces", "phrase"), [
    (["بعد", "از", "ظهر"], True),        # web lists hold «بعدازظهر»: still three words
    (["رو", "د", "ر", "روی"], True),      # «د ر» spells «در» inside a span: no «رودرروی»
    (["هسا", "د", "ر", "سال"], True),
    (["ب", "از", "ی"], False),            # «بازی»: «از» between two fragments
    (["د", "ر", "خواست"], False),        # «درخواست» is a common word
    (["کشا", "و", "رزی"], False),        # «کشاورزی» is commoner than «کشا» and «رزی»
    (["امید", "و", "ار"], False),
    (["دست", "به", "دست"], True),
])
def test_words_around_a_function_word_are_a_phrase(pieces: list[str], phrase: bool) -> None:
    from cirmtext.repair.gapjoin import _phrase

    assert _phrase(pieces, lexicon()) is phrase


@pytest.mark.parametrize(("pieces", "glues"), [
    (["سه\u200cشاخه", "ر", "ا"], True),   # «ر ا» at the end is «را», not part of the word
    (["و", "آتیکاس"], True),             # the conjunction is never the start of a new word
    (["ها", "دانه"], True),              # a plural suffix never starts a word
    (["پد", "ید", "ارنگاری"], False),
])
def test_an_unknown_word_is_never_made_from_a_function_word(pieces: list[str],
                                                            glues: bool) -> None:
    from cirmtext.repair.gapjoin import _glues_function_word

    assert _glues_function_word(pieces) is glues


def test_two_words_join_only_into_a_word_hazm_lists() -> None:
    from cirmtext.repair.wordscore import listed

    lex = lexicon()
    assert lex.solid("موادمخدر")  # the web list holds the phrase written solid ...
    assert not listed("موادمخدر", lex)  # ... hazm's lexicon does not
    assert listed("خبرنگاران", lex) and listed("باشد", lex)


def test_a_word_with_a_pronominal_clitic_scores_as_its_stem() -> None:
    from cirmtext.repair.wordscore import UNKNOWN, word_scorer

    scorer = word_scorer()
    assert lexicon().zipf("مادرمان") == 0.0  # the lexicon lacks it ...
    assert scorer.word("مادرمان") > -UNKNOWN  # ... but «مادر» + «مان» is a word
    assert scorer.word("مادرمان") < scorer.word("مادر")


def test_a_lone_letter_never_ends_a_word_where_no_font_breaks_after_its_letter() -> None:
    from cirmtext.repair.gaps import _gap

    lex = lexicon()
    # «گرفتن د یمونا»: «د» starts the next word; a split after «ن» needs a document whose
    # joining letters break (or that shows «ن» breaking)
    assert _gap("گرفتن", "د", 0, True, False, False, lex) is None
    assert _gap("گرفتن", "د", 0, True, True, False, lex) is not None  # joining letters break
    assert _gap("گرفتن", "د", 1, True, False, False, lex) is not None  # «ن» breaks here
    assert _gap("توج", "ه", 0, True, False, False, lex) is not None  # «توج» is no word


def test_a_preverb_and_a_past_participle_score_as_a_word() -> None:
    from cirmtext.repair.wordscore import UNKNOWN, word_scorer

    scorer = word_scorer()
    # «باز» + «فرستاد» (a past stem hazm lists) + «ه», then «‌اند»: words hazm lacks
    assert scorer.word("بازفرستاده") > -UNKNOWN
    assert scorer.word("بازفرستاده\u200cاند") > -UNKNOWN
    # «را» is no preverb: «رادیده‌ای» is no word
    assert scorer.word("رادیده\u200cای") < -UNKNOWN


def test_mi_ends_only_a_common_word_and_never_the_object_marker() -> None:
    from cirmtext.repair.gapjoin import best_join
    from cirmtext.repair.gaps import COSTS_ALWAYS, intern_gap
    from cirmtext.repair.wordscore import word_scorer

    lex = lexicon()
    gap = intern_gap((("",), COSTS_ALWAYS, -0.1, False))  # a letter after which words always break
    assert lex.solid("رامی")  # a name the web list knows ...
    # ... but pieces that spell «را» before «می» are the object marker and a verb's «می»
    assert best_join(["ر", "ا", "می"], [gap, gap], word_scorer(), lex)[0] == float("-inf")
    assert best_join(["تما", "می"], [gap], word_scorer(), lex)[1] == ("",)


# --- session 4: phrases, collapsed spaces -------------------------------------------------

#: A document whose font breaks words after «ر» and «د» (our own sentences, broken by hand).
BREAKS_AFTER_R_AND_D = "\n".join([
    "مر دم شهر ستان به کار گر ان و کشا ورزان گفتند",
    "این ر وش د ر مد ارس و بیمار ستان ها اجر ا شد",
    "کار شنا سان با مر دم و مسئو لان گفت وگو کرد ند",
    "ادا ره ها و سازما ن ها به گزار ش ها پاسخ د اد ند",
    "مد یر ان د ر این پژوهش مورد  بررسی قر ار گرفتند",
] * 3)


@pytest.mark.parametrize(("broken", "expected"), [
    ("پژوهش‌هایی که مورد بررسی قرار گرفته اند", "پژوهش+هایی که مورد بررسی قرار گرفته+اند"),
    ("این طرح قرار گرفته است", "این طرح قرار گرفته است"),
    ("مدارس ایجاد شد ه اند", "مدارس ایجاد شده+اند"),
])
def test_a_light_verb_after_a_word_is_a_phrase(broken: str, expected: str) -> None:
    # web word lists hold «قرارگرفته» and «ایجادشده» written solid; a light verb's participle
    # after a word is the verb of a phrase and stays apart
    assert in_document(broken, BREAKS_AFTER_R_AND_D) == expected


def test_light_verb_participles() -> None:
    from cirmtext.repair.gapjoin import _light_verb

    assert _light_verb("گرفته" + ZWNJ + "اند") and _light_verb("شده") and _light_verb("کرده")
    assert not _light_verb("کرد") and not _light_verb("زده") and not _light_verb("شدگان")


def test_pieces_the_source_kept_two_spaces_apart_are_not_joined_later() -> None:
    # «برنخواهند  تافت»: the source puts two spaces after the word-final «د» (a word
    # boundary); once collapse_spaces has made them one, the next pass must not join them
    from cirmtext.repair import normalize

    doc = BREAKS_AFTER_R_AND_D + "\nاین کار د رد  معد ه را بهبود  خواهد  د اد"
    assert normalize(doc).endswith("این کار درد معده را بهبود خواهد داد")
    stats = document_stats("درد  معده و سر  درد\nدرد  معده")
    assert ("درد", "معده") in stats.wide and ("سر", "درد") in stats.wide
    assert ("درد", "معده") not in document_stats("درد  معده و درد معده").wide


def test_an_adverb_in_anah_is_scored_as_a_word() -> None:
    from cirmtext.repair.wordscore import UNKNOWN, word_scorer

    # «ناقدانه» is missing from the word lists: «ناقد» + «انه»
    assert word_scorer().word("ناقدانه") > -UNKNOWN
    assert in_document("نگاهی ناقد انه", BREAKS_AFTER_R_AND_D) == "نگاهی ناقدانه"


def test_document_stats_count_repeated_lines_once_each() -> None:
    from cirmtext.repair import detect

    text = "\n".join(["مد یریت د ولتی", "کار  د ر خانه", "مد یریت د ولتی"] * 5 + ["می شود"])
    grouped = document_stats(text)
    assert detect._repeated_lines(text)[0][0] == 10  # scanned once per distinct line
    plain = detect.DocumentStats()
    old_share, detect.REPEATED_SHARE = detect.REPEATED_SHARE, 0.0
    try:
        plain = document_stats(text)
    finally:
        detect.REPEATED_SHARE = old_share
    assert (grouped.single, grouped.sure, grouped.inner, grouped.words, grouped.wide,
            grouped.zwnj_spaces) == (plain.single, plain.sure, plain.inner, plain.words,
                                     plain.wide, plain.zwnj_spaces)


#: A document whose font breaks after «د» every time (word-final «د» takes two spaces).
ALWAYS_AFTER_D = "\n".join(["مد یران د ولتی د ر سازمان  مد یریت  شهری",
                            "پد ید ه مد یریت  د ر شهر  بررسی شد"] * 6)


@pytest.mark.parametrize(("broken", "expected"), [
    ("می خواهم پول را به او بد هم", "می+خواهم پول را به او بدهم"),
    ("این خود کار آبی است", "این خودکار آبی است"),
    ("او بد و بیراه گفت", "او بد و بیراه گفت"),
])
def test_where_every_single_space_after_the_letter_splits_two_words_may_join(
        broken: str, expected: str) -> None:
    # the odds of one word split by the font against two words: a joined word two Zipf below
    # the rarer part still wins where a single space after «د» always splits a word
    assert document_stats(ALWAYS_AFTER_D).always_breaks_after("د")
    assert in_document(broken, ALWAYS_AFTER_D) == expected


# A lone line split by a font after a letter that does not join: the line is too short to show
# the font's habit, so the lexicon's odds decide (gapjoin.LONE_LOG_RATE).
@pytest.mark.parametrize(("broken", "expected"), [
    ("جامعه مد نی امروز", "جامعه مدنی امروز"),  # «مدنی»: 3.8 orders of magnitude
    ("این جد ول را ببین", "این جدول را ببین"),  # «جدول»: 4.2
    # «متعاد» is no common word and «متعادلی» is «متعادل» + «ی», so the gap is scored at all
    # (gaps._plausible); «لی» alone would be a word
    ("رفتار متعاد لی با همکاران داشت", "رفتار متعادلی با همکاران داشت"),
])
def test_a_lone_line_joins_what_is_far_likelier_one_word(broken: str, expected: str) -> None:
    assert fix(broken) == expected


@pytest.mark.parametrize("text", [
    "آن مرد نیز آمد",  # «مردنیز» is no word
    "خود را دید",  # a function word after «د»
    "در آمد و رفت",  # «درآمد» is only 1.6 orders of magnitude likelier
    "سر گرم",  # 2 orders: two words in a line that shows no breaks
])
def test_a_lone_line_keeps_two_words(text: str) -> None:
    assert fix(text) == text


#: Our own words, many ending in a letter that does not join (د ر ز و ا).
_CLEAN_WORDS = ("مرد نیز آمد دیروز به خانه رفت او در کتاب را خواند کار بود سرد روز زود دور "
                "شهر ما نو دانشجو آزاد راه دو سه").split()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_CLEAN_WORDS), min_size=2, max_size=7))
def test_clean_words_side_by_side_stay_apart(words: list[str]) -> None:
    text = " ".join(words)
    assert fix(text) == text
