"""The character stage of the repair (cirmtext.repair.chars): one test per rule, and properties."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cirmtext.repair import RepairConfig, apply_plan, repair
from cirmtext.repair import chars as chars_stage
from cirmtext.repair.chardata import NON_JOINING, PERSIAN_LETTERS, PRESENTATION_FORMS

ZWNJ = "\u200c"
CHAR_RULES = [rule.name for rule in chars_stage.RULES if rule.default]
CHARS_ONLY = RepairConfig.only(CHAR_RULES)


def run(text: str, *rules: str) -> str:
    return apply_plan(text, list(rules))


# --- letters -------------------------------------------------------------------------------

def test_arabic_yeh_and_kaf_become_persian() -> None:
    assert run("كتاب يك مي‌شود", "unify_arabic_letters") == "کتاب یک می‌شود"
    assert run("مصطفى", "unify_arabic_letters") == "مصطفی"


def test_arabic_indic_digits_become_persian_but_latin_digits_stay() -> None:
    assert run("سال ١٣٩٩ و 2020", "unify_arabic_digits") == "سال ۱۳۹۹ و 2020"


def test_style_rules_are_off_by_default() -> None:
    text = "مُدیر سال 1399"
    assert repair(text, CHARS_ONLY).text == text
    assert run(text, "persian_digits") == "مُدیر سال ۱۳۹۹"
    assert run(text, "remove_diacritics") == "مدیر سال 1399"
    assert not RepairConfig().enabled("persian_digits")
    assert not RepairConfig().enabled("remove_diacritics")


def test_ezafe_hamza_survives_diacritics_removal() -> None:
    assert run("خانهٔ من", "remove_diacritics") == "خانهٔ من"


# --- presentation forms --------------------------------------------------------------------

def _form(letter: str, shape: str) -> str:
    for char, (base, form) in PRESENTATION_FORMS.items():
        if base == letter and form == shape:
            return char
    raise LookupError(letter + shape)


def test_presentation_forms_fold_to_base_letters() -> None:
    shaped = _form("ک", "I") + _form("ت", "m") + _form("ا", "f") + _form("ب", "i")
    assert run(shaped, "fold_presentation_forms") == "کتاب"


def test_every_table_entry_is_a_positional_form_of_its_base() -> None:
    for char, (base, shape) in PRESENTATION_FORMS.items():
        assert shape in "ifIm"
        decomposition = unicodedata.decomposition(char).split()
        letters = "".join(chr(int(h, 16)) for h in decomposition[1:])
        folded = letters.replace("\u064a", "ی").replace("\u0649", "ی").replace("\u0643", "ک")
        assert folded == base, char


def test_lam_alef_ligatures_expand_in_logical_order() -> None:
    assert run("\ufefbزم", "fold_presentation_forms") == "لازم"
    assert run("ک\ufefc", "fold_presentation_forms") == "کلا"
    assert run("\ufef7", "fold_presentation_forms") == "لأ"


def test_final_form_before_initial_form_restores_the_lost_zwnj() -> None:
    # «می‌روم» shaped with its ZWNJ, the ZWNJ then dropped (as arabic-reshaper PDFs do).
    shaped = _form("م", "I") + _form("ی", "f") + _form("ر", "i") + _form("و", "i") + _form("م", "i")
    assert run(shaped, "fold_presentation_forms") == "می" + ZWNJ + "روم"


def test_non_joining_letter_before_initial_form_needs_no_zwnj() -> None:
    # «دانش»: د and ا never join forward, so isolated/final then initial is ordinary shaping.
    shaped = _form("د", "i") + _form("ا", "i") + _form("ن", "I") + _form("ش", "f")
    assert run(shaped, "fold_presentation_forms") == "دانش"


def test_a_zwnj_already_there_is_not_doubled() -> None:
    shaped = _form("م", "I") + _form("ی", "f") + ZWNJ + _form("ر", "i")
    assert repair(shaped, CHARS_ONLY).text == "می" + ZWNJ + "ر"


# --- invisible characters and spaces -------------------------------------------------------

def test_bom_zero_width_space_and_soft_hyphen_are_removed() -> None:
    assert run("\ufeffمدیریت\u200b شهری\u00ad", "remove_invisible_marks") == "مدیریت شهری"


def test_stray_zwj_is_removed_but_emoji_sequences_keep_theirs() -> None:
    emoji = "\U0001f469\u200d\U0001f4bb"
    assert run("مد\u200dیر " + emoji, "remove_invisible_marks") == "مدیر " + emoji


def test_odd_spaces_become_plain_spaces_and_runs_are_kept() -> None:
    text = "مدیریت\u00a0شهری\u2009و\u202fشهروند  گفت"
    assert run(text, "normalize_spaces") == "مدیریت شهری و شهروند  گفت"


def test_kashida_is_removed() -> None:
    assert run("مدیـــریت ارتبـاط", "remove_kashida") == "مدیریت ارتباط"


@pytest.mark.parametrize(("text", "expected"), [
    ("توسعه ـ پایداری ـ عدالت", "توسعه ـ پایداری ـ عدالت"),  # a dash between spaces stays
    ("ـ نخست این‌که", "ـ نخست این‌که"),  # at the start of a line too
    ("(ـ)", "(ـ)"),
    # one tatweel between a word and a space: a dash that lost a space, no join to stretch
    ("هزینه ـفایده برای شهروندان", "هزینه ـفایده برای شهروندان"),
    ("رابطه دولتـ شهروند", "رابطه دولتـ شهروند"),
    ("هزینه\nـفایده", "هزینه\nـفایده"),  # at a line's start
    ("پایداریــ و ــعدالت", "پایداری و عدالت"),  # a run at a word's edge is kashida
    ("پایداریـ، عدالتـ.", "پایداری، عدالت."),  # next to punctuation too
    ("شهـر ـمدیـریت", "شهر ـمدیریت"),  # inside a word always
])
def test_standalone_tatweel_is_a_dash_not_kashida(text: str, expected: str) -> None:
    assert run(text, "remove_kashida") == expected
    assert repair(text).text == expected


def test_bidi_controls_are_removed() -> None:
    assert run("\u200fمدیریت\u200e \u2067شهری\u2069", "remove_bidi_controls") == "مدیریت شهری"


# --- ZWNJ hygiene --------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after"), [
    ("می\u200c\u200cروم", "می\u200cروم"),  # doubled
    ("\u200cخانه", "خانه"),  # at the start
    ("خانه\u200c", "خانه"),  # at the end
    ("خانه\u200c ها", "خانه ها"),  # next to a space
    ("خانه\u200c،", "خانه،"),  # before punctuation
    ("خانه\u200c12", "خانه12"),  # before a digit
])
def test_useless_zwnj_is_dropped(before: str, after: str) -> None:
    assert run(before, "clean_zwnj") == after


@pytest.mark.parametrize("text", ["می\u200cروم", "خانه\u200cها", "تصمیم\u200cگیری", "کتاب\u200cها",
                                  "کشور\u200cها"])  # harmless after a non-joining letter: kept
def test_useful_zwnj_is_kept(text: str) -> None:
    assert run(text, "clean_zwnj") == text


# --- spaces written as ZWNJs ---------------------------------------------------------------

_TURNS = [
    "پرسشگر: از کار روزانه‌تان در دفتر بگویید.",
    "پاسخگو: هر روز صبح نامه‌ها را می‌خوانیم و به شکایت‌های شهروندان پاسخ می‌دهیم.",
    "پرسشگر: چه چیزی کار را سخت‌تر می‌کند؟",
    "پاسخگو: کمبود نیرو، و این‌که سامانه‌ها با هم حرف نمی‌زنند.",
]


def test_a_document_that_writes_its_spaces_as_zwnjs_gets_them_back() -> None:
    # A font that draws the space and the ZWNJ with one glyph, mapped back to U+200C.
    clean = "\n".join(_TURNS * 3)
    broken = clean.replace(" ", ZWNJ)
    assert chars_stage.spaces_written_as_zwnj(broken)
    spaced = run(broken, "restore_zwnj_spaces")
    assert ZWNJ not in spaced
    assert spaced == clean.replace(ZWNJ, " ")
    # The whole repair reads the words again (a ZWNJ written where a compound needs one).
    out = repair(broken).text
    assert out.replace(ZWNJ, " ").split() == clean.replace(ZWNJ, " ").split()


def test_spaces_on_lines_in_another_script_do_not_hide_spaces_written_as_zwnjs() -> None:
    abstract = "This study asks how public managers see citizen relationship management. " * 4
    broken = "\n".join(_TURNS * 3).replace(" ", ZWNJ)
    assert chars_stage.spaces_written_as_zwnj(abstract + "\n" + broken)
    assert not chars_stage.spaces_written_as_zwnj(abstract + "\n" + "\n".join(_TURNS * 3))


@pytest.mark.parametrize("text", [
    "\n".join(_TURNS * 3),  # ordinary text: spaces and ZWNJs
    "نمی‌خواسته‌اند\nکتاب‌ها\nمی‌شود",  # words with ZWNJs, one a line, no spaces: too few
    ("می‌" + "\n") * 30,  # many ZWNJs, no spaces, but a short list of one word
])
def test_zwnjs_of_ordinary_text_are_not_taken_for_spaces(text: str) -> None:
    assert run(text, "restore_zwnj_spaces") == text


# --- properties ----------------------------------------------------------------------------

_ALPHABET = sorted(PERSIAN_LETTERS - set("\u0643\u064a\u0649\u0629\u0623\u0625\u0624\u0671"))
_NOISE = ["\u200c", "\u200c\u200c", "\u0640", "\u200f", "\ufeff", "\u00a0", " ", "  ", "\n"]
_persian_like = st.lists(
    st.one_of(st.text(alphabet=_ALPHABET, min_size=1, max_size=7), st.sampled_from(_NOISE)),
    max_size=25,
).map("".join)


def _letters(text: str) -> Counter[str]:
    return Counter(ch for ch in text if ch in PERSIAN_LETTERS)


@settings(max_examples=150, deadline=None)
@given(_persian_like)
def test_chars_stage_is_idempotent_and_keeps_every_letter(text: str) -> None:
    once = repair(text, CHARS_ONLY)
    assert repair(once.text, CHARS_ONLY).text == once.text
    assert _letters(once.text) == _letters(text)


@settings(max_examples=150, deadline=None)
@given(_persian_like)
def test_chars_edits_map_back_to_the_original(text: str) -> None:
    result = repair(text, CHARS_ONLY)
    for edit in result.edits:
        assert 0 <= edit.start <= edit.end <= len(text)
    # Every letter of the output comes from the same letter of the input.
    for i, ch in enumerate(result.text):
        if ch in PERSIAN_LETTERS:
            start, end = result.to_original(i, i + 1)
            assert text[start:end] == ch


def test_the_non_joining_table_is_a_subset_of_the_letters() -> None:
    assert NON_JOINING - {"\u06d5"} <= PERSIAN_LETTERS | {"\u06c0"}


def test_lost_zwnj_is_read_mirrored_in_a_line_stored_in_visual_order() -> None:
    # «با وجود مشغله وقت می‌روم» drawn left to right (glyphs in visual order, ZWNJ dropped).
    visual = "ﻡﻭﺭﯽﻣ ﺖﻗﻭ ﻪﻠﻐﺸﻣ ﺩﻮﺟﻭ ﺎﺑ"
    folded = run(visual, "fold_presentation_forms")
    assert folded == "مور" + ZWNJ + "یم تقو هلغشم دوجو اب"
    assert ZWNJ not in run("ﺖﻗﻭ ﻪﻠﻐﺸﻣ ﺩﻮﺟﻭ ﺎﺑ", "fold_presentation_forms")


@pytest.mark.parametrize(("raw", "expected"), [
    # laid out left to right (it starts with «Q:»), read by poppler right to left
    ("\u202b\u202a.\u202cسلام و ممنون\u202a .\u202cلطفاً شروع کنید \u202aQ:\u202c\u202c",
     "Q: سلام و ممنون. لطفاً شروع کنید."),
    ("\u202bرا می‌شنوید\u202a ،\u202cچه برداشتی دارید؟ \u202a CiRM\u202cوقتی اصطلاح یا "
     "\u202aQ:\u202c\u202c", "Q: وقتی اصطلاح یا CiRM را می‌شنوید، چه برداشتی دارید؟"),
    ("\u202bبرای این است که \u202a. CRM\u202cراستش را بخواهید \u202aA:\u202c\u202c",
     "A: راستش را بخواهید. CRM برای این است که"),
    # a page break before the line stays where it is
    ("پایان\f\u202b\u202a.\u202cپس مهم شد \u202aQ:\u202c\u202c\nبعد",
     "پایان\fQ: پس مهم شد.\nبعد"),
])
def test_ltr_line_read_right_to_left_is_put_in_reading_order(raw: str, expected: str) -> None:
    assert run(raw, "remove_bidi_controls") == expected


@pytest.mark.parametrize(("raw", "expected"), [
    # the label first: a right-to-left line, read as before
    ("\u202b\u202a :Q\u202cسلام و ممنون\u202a .\u202c\u202c", "Q: سلام و ممنون. "),
    # a label in visual order at the end is not a left-to-right line's label
    ("\u202bسلام و ممنون \u202a :Q\u202c\u202c", "سلام و ممنون Q: "),
])
def test_right_to_left_lines_are_not_taken_for_left_to_right_ones(raw: str, expected: str) -> None:
    assert run(raw, "remove_bidi_controls") == expected


def test_lam_alef_ligature_in_a_visual_line_is_lam_then_alef() -> None:
    # «با وجود مشغله وقت سلام» drawn left to right: «سلام» is س + ligature لا + م, stored
    # م ﻼ س. The ligature means lam then alef whatever the order of the line, so it is
    # folded the other way round and the layout stage's turn gives «سلام», never «سالم».
    visual = "ﻡﻼﺳ ﺖﻗﻭ ﻪﻠﻐﺸﻣ ﺩﻮﺟﻭ ﺎﺑ"
    assert run(visual, "fold_presentation_forms") == "مالس تقو هلغشم دوجو اب"
    assert repair(visual).text == "با وجود مشغله وقت سلام"
    # «مثلاً» without its tanwin: the ligature decides «مثلا» over the commoner «مثال» (and,
    # in a text that writes no tanwin, restore_lost_tanwin puts the dropped tanwin back)
    assert repair("ﻼﺜﻣ ﺖﻗﻭ ﻪﻠﻐﺸﻣ ﺩﻮﺟﻭ ﺎﺑ").text == "با وجود مشغله وقت مثلاً"
    # in a line in reading order the ligature stays lam then alef
    assert run("ﺳﻼﻡ ﻭ ﻣﺜﻼ", "fold_presentation_forms") == "سلام و مثلا"


@pytest.mark.parametrize(("raw", "expected"), [
    ("پرسش\u202a :\u202cسلام", "پرسش: سلام"),  # pdftotext: punctuation in visual order
    ("\u202b\u202a :Q\u202cسلام\u202a .\u202c\u202c", "Q: سلام. "),
    ("یا \u202a CiRM\u202cرا", "یا  CiRMرا"),  # a Latin word alone: only the controls go
])
def test_ltr_embeddings_of_punctuation_are_put_in_reading_order(raw: str, expected: str) -> None:
    assert run(raw, "remove_bidi_controls") == expected


def test_reversed_lam_alef_is_turned_with_lexicon_evidence() -> None:
    assert run("اصالح الزم است", "fix_reversed_lam_alef") == "اصلاح لازم است"
    assert run("البته حال سالم است", "fix_reversed_lam_alef") == "البته حال سالم است"
