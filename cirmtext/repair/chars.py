"""Character-level rules: letters, invisible controls, odd spaces, ZWNJ hygiene.

These cannot lose meaning: each maps a character (or deletes an invisible one) by a table in
:mod:`cirmtext.repair.chardata`. The one rule that inserts something,
:func:`fold_presentation_forms`, reads the shapes of the presentation forms it folds as evidence
for the ZWNJs that the PDF dropped.

ZWNJ hygiene (:func:`clean_zwnj`) is decided as follows: a ZWNJ only ever matters between two
letters. A doubled ZWNJ is one ZWNJ; a ZWNJ next to a space, punctuation, a digit or the edge
of the text does nothing and is removed. A ZWNJ after a letter that never joins forward
(ا آ د ذ ر ز ژ و) changes nothing visible either, but some writers put one before «ها» on
purpose (``کشور‌ها``), so it is harmless and stays; the spacing stage's ``drop_wrong_zwnj``
removes it only where it sits inside a word the lexicon knows whole (``شهروند‌ان``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import chardata
from .base import Change, RepairContext, Rule
from .detect import lexicon
from .visual import shaped_backwards

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
    "unify_arabic_digits",
    "unify_arabic_letters",
]


def _charclass(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


_ARABIC_LETTERS = re.compile(_charclass(chardata.ARABIC_TO_PERSIAN))
_BIDI = re.compile(_charclass(chardata.BIDI_CONTROLS))
_PUNCT = " \u060c\u061b\u061f.,:;!?«»()\\[\\]\"'-"
# An LTR embedding holding punctuation, or punctuation around one short Latin label («Q», «A1»).
_NEUTRAL_LTR_RUN = re.compile(
    f"[\u202a\u202d]([{_PUNCT}]+|(?=[^\u202c]*[^ A-Za-z0-9\u202c])"
    f"[{_PUNCT}]*[A-Za-z0-9]{{1,4}}[{_PUNCT}]*)\u202c"
)
#: A line poppler read right to left although it was laid out left to right (its first strong
#: letter is Latin): it ends with a speaker's label in reading order (``…\u202aQ:\u202c``).
_LTR_LINE_READ_RTL = re.compile(
    "(?:^|(?<=[\n\f]))[^\n\f]*\u202a[A-Za-z][A-Za-z0-9]{0,3}:\u202c[\u202c \t]*(?=[\n\f]|$)")
_LTR_EMBEDDING = re.compile("\u202a([^\u202c\n]*)\u202c")
#: An LTR embedding: neutrals, a run that starts and ends with a Latin letter or a digit (any
#: script's), neutrals.
_STRONG_LTR = "A-Za-z0-9\u06f0-\u06f9\u0660-\u0669\u00c0-\u024f"
_EDGED_LTR_RUN = re.compile(
    f"\u202a([{_PUNCT}]*)([{_STRONG_LTR}](?:[^\u202a-\u202e\n]{{0,60}}[{_STRONG_LTR}])?)"
    f"([{_PUNCT}]*)\u202c")
_LATIN = re.compile("[A-Za-z0-9]")
_NO_BIDI = str.maketrans(dict.fromkeys(chardata.BIDI_CONTROLS))
_PUNCT_NO_SPACE = frozenset(".,:;!?\u060c\u061b\u061f")
_LATIN_LABEL = re.compile(f"[{_PUNCT}]*[A-Za-z0-9]{{1,4}}[{_PUNCT}]*$")
_LTR_UNIT = re.compile("[A-Za-z0-9]+|.", re.DOTALL)
_INVISIBLE = re.compile(_charclass(chardata.INVISIBLE))
_ODD_SPACES = re.compile(_charclass(chardata.ODD_SPACES))
_KASHIDA = re.compile(chardata.KASHIDA + "+")
_ARABIC_DIGITS = re.compile(_charclass(chardata.ARABIC_INDIC_DIGITS))
_DIGITS_TO_PERSIAN = re.compile(_charclass(chardata.ARABIC_INDIC_DIGITS + chardata.LATIN_DIGITS))
_DIACRITICS = re.compile(_charclass(chardata.DIACRITICS) + "+")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
# A ZWJ is kept only inside runs of other scripts (emoji sequences such as 👩‍💻): next to an
# Arabic-script letter, a space or the edge of the text it is a stray from PDF extraction.
_STRAY_ZWJ = re.compile(
    "\u200d+(?=[\u0600-\u06ff\\s]|$)|(?<=[\u0600-\u06ff\\s])\u200d+|^\u200d+"
)
_LETTER_JOINING = _charclass(chardata.DUAL_JOINING)
_ZWNJ_RUN = re.compile("\u200c+")
_LETTERS_BEFORE = chardata.PERSIAN_LETTERS
_LETTER_AFTER = frozenset(chr(c) for c in [*range(0x0621, 0x064B), *range(0x0671, 0x06D4),
                                           *range(0x06FA, 0x0700)])
_AL = re.compile("\u0627\u0644")
_AL_WORD = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]*\u0627\u0644"
                      "[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]*")
_LAM_ALEF_LIGATURE = re.compile("[\ufef5-\ufefc]")
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


def remove_bidi_controls(text: str, context: RepairContext) -> list[Change]:
    """Delete bidi embedding/override/isolate marks, which PDF extractors scatter through text.

    A left-to-right embedding holding only spaces and punctuation (poppler's pdftotext wraps
    `` :`` that way), or punctuation around a short Latin label (`` :Q``), holds them in
    visual order; they are put back in reading order (the label keeps its own order).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("\\u202bمدیریت\\u202c", ["remove_bidi_controls"])
    'مدیریت'
    >>> apply_plan("پرسش\\u202a :\\u202cسلام", ["remove_bidi_controls"])
    'پرسش: سلام'
    >>> apply_plan("\\u202a :Q\\u202cسلام", ["remove_bidi_controls"])
    'Q: سلام'

    Inside a right-to-left line (``\\u202b``), so are the spaces and punctuation at the edges
    of any Latin or digit run (see :func:`_edged_run_changes`):

    >>> apply_plan("\\u202bمصاحبه‌شونده \\u202a :۱\\u202cسلام\\u202c", ["remove_bidi_controls"])
    'مصاحبه‌شونده ۱: سلام'
    >>> apply_plan("\\u202bمرحله‌ای می‌دانند (\\u202a)King, 2007\\u202c؛\\u202c",
    ...            ["remove_bidi_controls"])
    'مرحله‌ای می‌دانند (King, 2007)؛'

    A line that ends with a speaker's label in reading order (``…\\u202aQ:\\u202c``) was laid
    out left to right (its first strong letter is Latin) and read right to left: its runs
    are put back left to right (see :func:`_ltr_line_in_reading_order`).

    >>> apply_plan("\\u202b\\u202a.\\u202cسلام\\u202a ،\\u202cخوش آمدید \\u202aQ:\\u202c\\u202c",
    ...            ["remove_bidi_controls"])
    'Q: سلام، خوش آمدید.'
    """
    if "\u202a" in text and _LTR_LINE_READ_RTL.search(text):
        changes = []
        pos = 0
        for m in _LTR_LINE_READ_RTL.finditer(text):
            changes.extend(Change(c.start + pos, c.end + pos, c.after)
                           for c in _bidi_changes(text[pos:m.start()]))
            changes.append(Change(m.start(), m.end(), _ltr_line_in_reading_order(m.group())))
            pos = m.end()
        changes.extend(Change(c.start + pos, c.end + pos, c.after)
                       for c in _bidi_changes(text[pos:]))
        return changes
    return _bidi_changes(text)


def _bidi_changes(text: str) -> list[Change]:
    changes = []
    for m in _NEUTRAL_LTR_RUN.finditer(text):
        content = m.group(1)
        if _LATIN_LABEL.match(content):
            # « :Q» → «Q: »: the punctuation moves round the Latin run, which keeps its order.
            content = "".join(reversed(_LTR_UNIT.findall(content)))
        else:
            content = content[::-1]
        changes.append(Change(m.start(), m.end(), content))
    if "\u202b" in text:
        changes = _edged_run_changes(text, changes)
    if changes:
        covered = [(c.start, c.end) for c in changes]
        out = []
        i = 0
        for m in _BIDI.finditer(text):
            while i < len(covered) and covered[i][1] <= m.start():
                i += 1
            if i < len(covered) and covered[i][0] <= m.start() < covered[i][1]:
                continue
            out.append(Change(m.start(), m.end(), ""))
        return sorted(out + changes)
    return [Change(m.start(), m.end(), "") for m in _BIDI.finditer(text)]


def _edged_run_changes(text: str, changes: list[Change]) -> list[Change]:
    """Add to ``changes`` the LTR embeddings inside a right-to-left line whose edges hold
    neutrals: ``\u202a :۱\u202c`` is ``۱: ``, ``\u202a)King, 2007\u202c`` is ``King, 2007)``.

    The spaces and punctuation at the edges of a Latin or digit run take the line's direction,
    so poppler gives them in visual order around the run: read right to left, those on the
    run's right come first and those on its left last, while the run keeps its own order.
    """
    taken = [(c.start, c.end) for c in changes]  # sorted, not overlapping
    added = []
    k = 0
    for m in _EDGED_LTR_RUN.finditer(text):
        left, core, right = m.groups()
        while k < len(taken) and taken[k][1] <= m.start():
            k += 1
        if not (left or right) or (k < len(taken) and taken[k][0] < m.end()):
            continue
        if "\u202b" not in text[text.rfind("\n", 0, m.start()) + 1:m.start()]:
            continue  # not inside a right-to-left line
        added.append(Change(m.start(), m.end(), right[::-1] + core + left[::-1]))
    return sorted(changes + added) if added else changes


def _ltr_line_in_reading_order(line: str) -> str:
    """A left-to-right line that poppler read as right-to-left, in reading order.

    poppler gives the runs of such a line from right to left: the runs are put back left to
    right (each keeps its own order), joined by single spaces, with no space before
    punctuation. Neutral embeddings inside a Persian run are read as elsewhere.
    """
    segments: list[str] = []
    current: list[str] = []
    pos = 0
    for m in _LTR_EMBEDDING.finditer(line):
        current.append(line[pos:m.start()])
        content = m.group(1)
        inside = ("".join(current).translate(_NO_BIDI).strip() != ""
                  and _LATIN.search(content) is None)
        if inside:
            current.append(content[::-1])  # punctuation in visual order, as elsewhere
        else:
            segments.append("".join(current))
            segments.append(content)
            current = []
        pos = m.end()
    current.append(line[pos:])
    segments.append("".join(current))
    parts = [p for p in (seg.translate(_NO_BIDI).strip() for seg in reversed(segments)) if p]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += part if part[0] in _PUNCT_NO_SPACE else " " + part
    return out


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


def _fold_tables() -> tuple[dict[int, str], str, str, str]:
    """The base letters of every presentation form, and classes of forms: those after which a
    following initial or isolated form shows a lost ZWNJ, those initial or isolated forms, and
    the lam-alef ligatures."""
    table = chardata.PRESENTATION_FORMS
    fold = {ord(ch): base for ch, (base, _shape) in table.items()}
    open_forms = "".join(ch for ch, (base, shape) in table.items()
                         if shape in "fi" and base[-1] in chardata.DUAL_JOINING)
    starts = "".join(ch for ch, (_base, shape) in table.items() if shape in "Ii")
    lam_alef = "".join(ch for ch, (base, _shape) in table.items()
                       if len(base) == 2 and base[0] == "\u0644")
    return fold, _charclass(open_forms), _charclass(starts), _charclass(lam_alef)


_FOLD, _OPEN_FORM, _START_FORM, _LAM_ALEF_CLASS = _fold_tables()
#: Two adjacent forms with a lost ZWNJ between them, in reading order and stored backwards.
_LOST_ZWNJ = re.compile(_OPEN_FORM + _START_FORM)
_LOST_ZWNJ_REVERSED = re.compile(_START_FORM + _OPEN_FORM)
_LAM_ALEF_FORM = re.compile(_LAM_ALEF_CLASS)


def fold_presentation_forms(text: str, context: RepairContext) -> list[Change]:
    """Write Arabic presentation forms (and lam-alef ligatures) as the base letters.

    The shapes are evidence: a forward-joining letter in its final or isolated shape directly
    followed by a letter in its initial or isolated shape did not join, so the text had a ZWNJ
    there that the PDF dropped (as PDFs shaped by arabic-reshaper do); it is put back. In a
    line stored in visual order (:func:`~cirmtext.repair.visual.shaped_backwards`) the same
    evidence reads mirrored, and the ZWNJ goes where the layout stage will need it when it
    turns the line round.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("ﻣﺪﯾﺮﯾﺖ", ["fold_presentation_forms"])
    'مدیریت'
    >>> apply_plan("ﻣﯽﺭﻭﺩ ﻻﺯﻡ", ["fold_presentation_forms"]) == "می\\u200cرود لازم"
    True
    """
    table = chardata.PRESENTATION_FORMS
    joining = chardata.DUAL_JOINING
    changes = []
    backwards: dict[int, bool] = {}
    for m in _PRESENTATION.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if line_start not in backwards:
            line_end = text.find("\n", m.start())
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            backwards[line_start] = shaped_backwards(line)
        reverse = backwards[line_start]
        run = m.group()
        if (_LOST_ZWNJ_REVERSED if reverse else _LOST_ZWNJ).search(run) is None and not (
                reverse and _LAM_ALEF_FORM.search(run)):
            changes.append(Change(m.start(), m.end(), run.translate(_FOLD)))
            continue  # no ZWNJ to put back, no ligature to turn: the base letters
        out: list[str] = []
        prev_shape = ""
        prev_open = False  # (reading order) previous form could have joined forward, did not
        for ch in m.group():
            entry = table.get(ch)
            if entry is None:
                out.append(ch)
                prev_open, prev_shape = False, ""
                continue
            base, shape = entry
            if reverse:
                # Stored left to right: the letter after a lost ZWNJ comes first.
                if prev_shape in ("I", "i") and shape in "fi" and base[-1] in joining:
                    out.append(chardata.ZWNJ)
            elif prev_open and shape in "Ii":
                out.append(chardata.ZWNJ)
            if reverse and len(base) == 2 and base[0] == "\u0644":
                base = base[::-1]  # a lam-alef ligature: lam then alef, whatever the line's order
            out.append(base)
            prev_open = shape in "fi" and base[-1] in joining
            prev_shape = shape
        changes.append(Change(m.start(), m.end(), "".join(out)))
    return changes


def remove_kashida(text: str, context: RepairContext) -> list[Change]:
    """Delete kashida (tatweel, ـ), the stretching stroke of justified lines.

    Only a tatweel inside a word or at its edge (next to a letter) is kashida. One standing
    alone between spaces, punctuation or the ends of the text is a dash that the writer typed
    (``اجتماعی ـ فنی``) and stays.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مدیـــریت و فنیـ", ["remove_kashida"])
    'مدیریت و فنی'
    >>> apply_plan("اجتماعی ـ فنی", ["remove_kashida"])
    'اجتماعی ـ فنی'
    """
    out = []
    for m in _KASHIDA.finditer(text):
        start, end = m.start(), m.end()
        if ((start > 0 and text[start - 1] in _LETTER_AFTER)
                or (end < len(text) and text[end] in _LETTER_AFTER)):
            out.append(Change(start, end, ""))
    return out


def fix_reversed_lam_alef(text: str, context: RepairContext) -> list[Change]:
    """Turn round a lam-alef that an extractor wrote backwards (``اصالح`` → ``اصلاح``).

    Some extractors (poppler's pdftotext among them) write the lam-alef ligature as «ال»
    instead of «لا». A word changes only with lexicon evidence: the turned word must be a
    common word (Zipf ≥ 4) clearly more frequent than the word as written, which must not be a
    common word itself. When the document shows the fault throughout (several such sure cases
    and almost no «لا» anywhere), a turned word that is about as frequent as the written one
    wins too (``سالم`` → ``سلام``), since in such a document no «لا» survives.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("اصالح الزم است", ["fix_reversed_lam_alef"])
    'اصلاح لازم است'
    >>> apply_plan("البته حال سالم است", ["fix_reversed_lam_alef"])
    'البته حال سالم است'
    """
    if "ال" not in text:
        return []
    lex = lexicon()
    reversed_doc = context.cache.get("lam_alef")
    if reversed_doc is None:
        reversed_doc = context.cache["lam_alef"] = _lam_alef_reversed(context.source or text)
    changes = []
    for m in _AL_WORD.finditer(text):
        word = m.group()
        z_word = lex.zipf(word)
        if z_word >= 3.0 and not reversed_doc:
            continue
        turned = word.replace("ال", "لا")
        z_turned = lex.zipf(turned)
        if reversed_doc:
            ok = z_turned >= 3.0 and z_turned > z_word - 0.5
        else:
            ok = z_turned >= 4.0 and z_turned >= z_word + 1.5
        if ok:
            start = m.start()
            changes.extend(Change(start + i.start(), start + i.end(), "لا")
                           for i in _AL.finditer(word))
    return changes


def _lam_alef_reversed(text: str) -> bool:
    """Whether ``text`` shows lam-alef written backwards throughout (see the rule)."""
    lex = lexicon()
    sure = 0
    for m in _AL_WORD.finditer(text):
        word = m.group()
        if lex.zipf(word) < 3.0 and lex.zipf(word.replace("ال", "لا")) >= 4.0:
            sure += 1
    intact = text.count("لا") + len(_LAM_ALEF_LIGATURE.findall(text))
    return sure >= 3 and intact <= 0.2 * sure


#: A tanwin (fathatan) written before the alef that carries it, at a word's end: ``واقعًا``,
#: or before a lam-alef ligature's letters: ``مثًلا``.
_TANWIN_BEFORE_ALEF = re.compile(
    "(?<=[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc])\u064b(\u0644?\u0627)"
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


def clean_zwnj(text: str, context: RepairContext) -> list[Change]:
    """Drop ZWNJs that do nothing (see the module docstring for the policy).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("می\\u200c\\u200cروند \\u200cخانه\\u200c دیوار\\u200cها", ["clean_zwnj"])
    'می\\u200cروند خانه دیوار\\u200cها'
    """
    out = []
    for m in _ZWNJ_RUN.finditer(text):
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
