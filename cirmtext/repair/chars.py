"""Character-level rules: letters, invisible controls, odd spaces, ZWNJ hygiene.

These cannot lose meaning: each maps a character (or deletes an invisible one) by a table in
:mod:`cirmtext.repair.chardata`. Two rules of this stage live in modules of their own, because
they read evidence rather than a table: :mod:`.bidi` (bidi controls, and the neutrals that an
embedding shows in visual order) and :mod:`.letterforms` (presentation forms, whose shapes show
lost ZWNJs, and lam-alef written backwards, judged by the lexicon). :data:`RULES` holds the
stage's rules in order, those two included.

ZWNJ hygiene (:func:`clean_zwnj`) is decided as follows: a ZWNJ only ever matters between two
letters. A doubled ZWNJ is one ZWNJ; a ZWNJ next to a space, punctuation, a digit or the edge
of the text does nothing and is removed. A ZWNJ after a letter that never joins forward
(ا آ د ذ ر ز ژ و) changes nothing visible either, but some writers put one before «ها» on
purpose (``کشور‌ها``), so it is harmless and stays; the spacing stage's ``drop_wrong_zwnj``
removes it only where it sits inside a word the lexicon knows whole (``شهروند‌ان``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from . import chardata
from .base import Change, RepairContext, Rule
from .bidi import remove_bidi_controls
from .letterforms import fix_reversed_lam_alef, fold_presentation_forms

__all__ = [
    "RULES",
    "clean_zwnj",
    "fix_reversed_lam_alef",
    "fold_presentation_forms",
    "normalize_spaces",
    "persian_digits",
    "place_tanwin_on_alef",
    "remove_bidi_controls",
    "remove_diacritics",
    "remove_invisible_marks",
    "remove_kashida",
    "restore_zwnj_spaces",
    "spaces_written_as_zwnj",
    "unify_arabic_digits",
    "unify_arabic_letters",
]


def _charclass(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


_ARABIC_LETTERS = re.compile(_charclass(chardata.ARABIC_TO_PERSIAN))
_INVISIBLE = re.compile(_charclass(chardata.INVISIBLE))
_ODD_SPACES = re.compile(_charclass(chardata.ODD_SPACES))
_KASHIDA = re.compile(chardata.KASHIDA + "+")
_ARABIC_DIGITS = re.compile(_charclass(chardata.ARABIC_INDIC_DIGITS))
_DIGITS_TO_PERSIAN = re.compile(_charclass(chardata.ARABIC_INDIC_DIGITS + chardata.LATIN_DIGITS))
_DIACRITICS = re.compile(_charclass(chardata.DIACRITICS) + "+")
# A ZWJ is kept only inside runs of other scripts (emoji sequences such as 👩‍💻): next to an
# Arabic-script letter, a space or the edge of the text it is a stray from PDF extraction.
_STRAY_ZWJ = re.compile(
    "\u200d+(?=[\u0600-\u06ff\\s]|$)|(?<=[\u0600-\u06ff\\s])\u200d+|^\u200d+"
)
_LETTERS_BEFORE = chardata.PERSIAN_LETTERS
_LETTER_AFTER = frozenset(chr(c) for c in [*range(0x0621, 0x064B), *range(0x0671, 0x06D4),
                                           *range(0x06FA, 0x0700)])
#: A whole run of ZWNJs that :func:`clean_zwnj` changes: one not after a letter, two or more,
#: or one not before a letter (a single ZWNJ between letters, the common case, is skipped).
_ZWNJ_TO_CLEAN = re.compile(
    f"\u200c(?<!{_charclass(_LETTERS_BEFORE)}\u200c)\u200c*|\u200c\u200c+"
    f"|\u200c(?!{_charclass(_LETTER_AFTER | {chardata.ZWNJ})})")
_ZWNJ_RUN = re.compile(chardata.ZWNJ + "+")
_TO_PERSIAN_DIGIT = str.maketrans(chardata.ARABIC_INDIC_DIGITS + chardata.LATIN_DIGITS,
                                  chardata.PERSIAN_DIGITS * 2)


def unify_arabic_letters(text: str, context: RepairContext) -> list[Change]:
    """Write Arabic yeh and kaf (ي ى ك) as the Persian letters (ی ک).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مشاركت شهروندي", ["unify_arabic_letters"])
    'مشارکت شهروندی'
    """
    table = chardata.ARABIC_TO_PERSIAN
    return [Change(m.start(), m.end(), table[m.group()]) for m in _ARABIC_LETTERS.finditer(text)]


def remove_invisible_marks(text: str, context: RepairContext) -> list[Change]:
    """Delete the BOM, zero-width spaces, word joiners, soft hyphens and stray ZWJs.

    A ZWJ inside an emoji sequence is kept; next to Persian letters or spaces it is dropped.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("\\ufeffمدیر\\u200dیت", ["remove_invisible_marks"])
    'مدیریت'
    """
    changes = [Change(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]
    if chardata.ZWJ in text:
        changes += [Change(m.start(), m.end(), "") for m in _STRAY_ZWJ.finditer(text)]
        changes.sort()
    return changes


def normalize_spaces(text: str, context: RepairContext) -> list[Change]:
    """Write no-break, thin, hair, em and other odd spaces as a plain space.

    Runs of spaces are left alone: they mark lines whose word order came out reversed, which
    the order stage reads before it collapses them.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مدیریت\\u00a0شهری", ["normalize_spaces"])
    'مدیریت شهری'
    """
    return [Change(m.start(), m.end(), " ") for m in _ODD_SPACES.finditer(text)]


def remove_kashida(text: str, context: RepairContext) -> list[Change]:
    """Delete kashida (tatweel, ـ), the stretching stroke of justified lines.

    Kashida stretches the join between two letters, so only a tatweel inside a word, or a run
    of them at a word's edge, is kashida. A tatweel standing alone between spaces, punctuation
    or the ends of the text is a dash that the writer typed (``اجتماعی ـ فنی``) and stays; so
    does a single tatweel at a word's edge with a space (or a line's end) on its other side,
    where no join can be stretched: the dash of ``هزینه ـ فایده`` whose space the PDF lost
    (``هزینه ـفایده``).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مدیـــریت و شهـری ــاداره", ["remove_kashida"])
    'مدیریت و شهری اداره'
    >>> apply_plan("اجتماعی ـ فنی، هزینه ـفایده", ["remove_kashida"])
    'اجتماعی ـ فنی، هزینه ـفایده'
    """
    out = []
    for m in _KASHIDA.finditer(text):
        start, end = m.start(), m.end()
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        letter_before, letter_after = before in _LETTER_AFTER, after in _LETTER_AFTER
        if not (letter_before or letter_after):
            continue  # alone between spaces or punctuation: a dash
        if end - start == 1 and letter_before != letter_after and (
                before.isspace() or after.isspace()):
            continue  # one tatweel between a word and a space: a dash whose space was lost
        out.append(Change(start, end, ""))
    return out


#: A tanwin (fathatan) written before the alef that carries it, at a word's end: ``واقعًا``,
#: or before a lam-alef ligature's letters: ``مثًلا``.
#: (The tanwin comes first in the pattern, its letter in a lookbehind: the search skips to it.)
_TANWIN_BEFORE_ALEF = re.compile(
    "\u064b(?<=[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]\u064b)(\u0644?\u0627)"
    "(?![\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u064b-\u065f])")


def place_tanwin_on_alef(text: str, context: RepairContext) -> list[Change]:
    """Write a tanwin after the alef that carries it (``واقعًا`` → ``واقعاً``).

    Persian writes the tanwin on the word's final alef (``اً``); some PDF extractors
    (pdftotext on Chromium PDFs) give it before the alef, or before the two letters of a
    lam-alef ligature (``مثًلا``), which no orthography writes. Only a fathatan between a
    letter and a word-final alef (or lam-alef) moves.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مثًلا واقعًا کاملاً", ["place_tanwin_on_alef"])
    'مثلاً واقعاً کاملاً'
    """
    if "\u064b" not in text:
        return []
    return [Change(m.start(), m.end(), m.group(1) + "\u064b")
            for m in _TANWIN_BEFORE_ALEF.finditer(text)]


def unify_arabic_digits(text: str, context: RepairContext) -> list[Change]:
    """Write Arabic-Indic digits (٠-٩) as Persian digits (۰-۹); Latin digits stay.

    Both scripts mean the same digits, but ٤ ٥ ٦ have Arabic shapes and the two code points
    make the same number two different strings.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("سال ١٤٠٢", ["unify_arabic_digits"])
    'سال ۱۴۰۲'
    """
    return [Change(m.start(), m.end(), m.group().translate(_TO_PERSIAN_DIGIT))
            for m in _ARABIC_DIGITS.finditer(text)]


#: A document writes its spaces as ZWNJs when it has at least this many ZWNJs...
MIN_SPACE_ZWNJS = 20
#: ...and fewer spaces than this share of its ZWNJs (Persian prose has several spaces for
#: each ZWNJ: about five in our transcripts, more in news text).
MAX_SPACE_SHARE = 0.1
#: ...and its lines that hold a ZWNJ hold this many on average (lines of several words, not a
#: list of compound words one a line).
MIN_ZWNJS_PER_LINE = 3
#: A longer document is judged on slices of this many characters in all, spread over it (see
#: :func:`spaces_written_as_zwnj`).
SAMPLE_CHARS = 200_000


@functools.lru_cache(maxsize=2)
def spaces_written_as_zwnj(source: str) -> bool:
    """Whether a document writes every space as a ZWNJ (a fact of the whole input).

    A PDF font may draw the space and the ZWNJ with one glyph (an empty one); when the font's
    map back to text gives that glyph as U+200C, the extractor writes a ZWNJ for every space
    (LibreOffice's PDFs read by pdfminer and pypdf: ``سلام،‌وقت‌بخیر.``). Such a document has
    many ZWNJs (:data:`MIN_SPACE_ZWNJS`) and hardly any spaces (fewer than
    :data:`MAX_SPACE_SHARE` of its ZWNJs), which Persian text never has, in lines of several
    words (:data:`MIN_ZWNJS_PER_LINE`): a list of compound words, one a line, is not that.
    Only the lines that hold ZWNJs are read when the document has spaces elsewhere (lines in
    another script, such as a Latin abstract).

    >>> spaces_written_as_zwnj("\\u200c".join(["کار"] * 30))
    True
    >>> spaces_written_as_zwnj("می‌روند " * 30), spaces_written_as_zwnj("کتاب‌ها\\n" * 30)
    (False, False)
    """
    if len(source) > SAMPLE_CHARS:  # a long document is read in 20 slices spread over it
        step = len(source) // 20
        source = "\n".join(source[i:i + SAMPLE_CHARS // 20] for i in range(0, len(source), step))
    zwnjs = source.count(chardata.ZWNJ)
    if zwnjs < MIN_SPACE_ZWNJS:
        return False
    if source.count(" ") >= MAX_SPACE_SHARE * zwnjs:
        # the spaces may all be on lines in another script (a Latin abstract, references):
        # only the lines that hold ZWNJs count
        with_zwnj = [line for line in source.splitlines() if chardata.ZWNJ in line]
        spaces = sum(line.count(" ") for line in with_zwnj)
        return spaces < MAX_SPACE_SHARE * zwnjs and zwnjs >= MIN_ZWNJS_PER_LINE * len(with_zwnj)
    lines = sum(chardata.ZWNJ in line for line in source.splitlines())
    return zwnjs >= MIN_ZWNJS_PER_LINE * lines


def restore_zwnj_spaces(text: str, context: RepairContext) -> list[Change]:
    """Write the ZWNJs of a document that writes every space as a ZWNJ as spaces.

    Judged on the whole input (:func:`spaces_written_as_zwnj`). The real ZWNJs of such a
    document came out as the same ZWNJ and cannot be told from its spaces here, so every ZWNJ
    becomes a space; the spacing stage then writes ZWNJs where the words need them, as in a
    document whose ZWNJs were lost as spaces.

    >>> from cirmtext.repair import apply_plan
    >>> text = "\\n".join(["سلام،\\u200cوقت\\u200cبخیر.\\u200cمی\\u200cشنوید؟"] * 8)
    >>> apply_plan(text, ["restore_zwnj_spaces"]).splitlines()[0]
    'سلام، وقت بخیر. می شنوید؟'
    """
    if chardata.ZWNJ not in text or not spaces_written_as_zwnj(context.source or text):
        return []
    return [Change(m.start(), m.end(), " ") for m in _ZWNJ_RUN.finditer(text)]


def clean_zwnj(text: str, context: RepairContext) -> list[Change]:
    """Drop ZWNJs that do nothing (see the module docstring for the policy).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("می\\u200c\\u200cروند \\u200cخانه\\u200c دیوار\\u200cها", ["clean_zwnj"])
    'می\\u200cروند خانه دیوار\\u200cها'
    """
    out = []
    for m in _ZWNJ_TO_CLEAN.finditer(text):
        start, end = m.start(), m.end()
        useful = (start > 0 and text[start - 1] in _LETTERS_BEFORE
                  and end < len(text) and text[end] in _LETTER_AFTER)
        if not useful:
            out.append(Change(start, end, ""))
        elif end - start > 1:
            out.append(Change(start + 1, end, ""))
    return out


def persian_digits(text: str, context: RepairContext) -> list[Change]:
    """Style (off by default): write Latin and Arabic-Indic digits as Persian digits.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("سال 1402", ["persian_digits"])
    'سال ۱۴۰۲'
    """
    return [Change(m.start(), m.end(), m.group().translate(_TO_PERSIAN_DIGIT))
            for m in _DIGITS_TO_PERSIAN.finditer(text)]


def remove_diacritics(text: str, context: RepairContext) -> list[Change]:
    """Style (off by default): delete harakat (fatha, kasra, damma, tanvin, shadda, sukun).

    The hamza above of the ezafe (هٔ) is kept.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مُدیریَت", ["remove_diacritics"])
    'مدیریت'
    """
    return [Change(m.start(), m.end(), "") for m in _DIACRITICS.finditer(text)]


RULES: tuple[Rule, ...] = (
    Rule("remove_bidi_controls", remove_bidi_controls, "safe", True,
         "delete invisible bidi controls (LRM, RLM, embeddings, isolates)"),
    Rule("remove_invisible_marks", remove_invisible_marks, "safe", True,
         "delete BOM, zero-width spaces, word joiners, soft hyphens and stray ZWJ"),
    Rule("normalize_spaces", normalize_spaces, "safe", True,
         "no-break, thin and other odd spaces to a plain space"),
    Rule("restore_zwnj_spaces", restore_zwnj_spaces, "evidence", True,
         "a document that writes every space as a ZWNJ gets its spaces back"),
    Rule("fold_presentation_forms", fold_presentation_forms, "safe", True,
         "Arabic presentation forms and lam-alef ligatures to base letters, restoring lost ZWNJ"),
    Rule("remove_kashida", remove_kashida, "safe", True,
         "delete kashida (tatweel)"),
    Rule("unify_arabic_letters", unify_arabic_letters, "safe", True,
         "Arabic ي ى ك to Persian ی ک"),
    Rule("fix_reversed_lam_alef", fix_reversed_lam_alef, "evidence", True,
         "lam-alef written backwards by the extractor (اصالح → اصلاح), judged by the lexicon"),
    Rule("place_tanwin_on_alef", place_tanwin_on_alef, "safe", True,
         "a tanwin written before its word-final alef goes after it (واقعًا → واقعاً)"),
    Rule("unify_arabic_digits", unify_arabic_digits, "safe", True,
         "Arabic-Indic digits to Persian digits (Latin digits stay)"),
    Rule("clean_zwnj", clean_zwnj, "safe", True,
         "drop doubled ZWNJ and ZWNJ next to spaces, punctuation, digits or the text's edge"),
    Rule("persian_digits", persian_digits, "style", False,
         "Latin and Arabic-Indic digits to Persian digits"),
    Rule("remove_diacritics", remove_diacritics, "style", False,
         "delete harakat (short-vowel marks, tanvin, shadda)"),
)
