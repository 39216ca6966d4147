"""Lines whose letters came out in visual order (right-to-left text stored left to right).

PDFs made with arabic-reshaper and python-bidi (and some LibreOffice and fpdf2 PDFs) draw each
line as glyphs laid out from left to right, and pdfminer returns them in that order: the line
reads backwards, letter by letter, while Latin words and numbers inside it read forwards.

A line is judged by the lexicon: how many of its Persian words are known as written and how
many are known read backwards (a lam-alef ligature, which an extractor gives as one glyph, may
come out as "لا" inside a reversed word; both readings are tried). It is turned round only when
the backwards reading wins clearly. Turning round reverses the order of the line's pieces,
keeps each run of Latin letters and digits in its own reading order, and mirrors brackets.

Visual-order lines that an extractor also cut into pieces (around a Latin run, at a tanwin) are
put back together first, by :mod:`.cutlines`.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from .align import Change
from .detect import lexicon
from .lines import LATIN_LABEL, LINE, iter_lines, strip_word

__all__ = [
    "LETTER_RANGES",
    "LTR_RANGES",
    "ltr_base_order",
    "mostly_visual",
    "reversed_reading",
    "shaped_backwards",
    "to_logical_order",
    "visual_line_changes",
]

#: The Arabic-script letters (a regex class body).
LETTER_RANGES = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0671-\u06d3"
_PERSIAN_WORD = re.compile(f"[{LETTER_RANGES}\u200c\u064b-\u065f]+")
_HARAKAT = re.compile("[\u064b-\u065f]")
#: Latin letters and digits of any script (a regex class body).
LTR_RANGES = "A-Za-z0-9\u0660-\u0669\u06f0-\u06f9\u00c0-\u024f"
#: A run that keeps its own (left-to-right) order: Latin words and numbers with what joins them.
_LTR_RUN = re.compile(rf"[{LTR_RANGES}](?:[{LTR_RANGES}.,:;/%&'@_\-+ ]*[{LTR_RANGES}])?")
_MIRROR = str.maketrans("()[]{}«»<>", ")(][}{»«><")
#: Strong right-to-left characters (bidi classes R and AL: letters, «؟», «؛») and what may sit
#: between them inside one right-to-left run of a left-to-right line (anything but Latin).
_RTL = "\u061b\u061f\u0621-\u064a\u066e-\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefe"
_RTL_RUN = re.compile(f"[{_RTL}](?:[^A-Za-z\u00c0-\u024f]*[{_RTL}])?")
#: A speaker's label at the start of a line (``Q: ``, ``A1: ``, ``[P04] ``).
_LABEL_START = re.compile(rf"\s*(?:{LATIN_LABEL}\s?:|\[{LATIN_LABEL}\])\s")
_LATIN_START = re.compile(r"\s*\[?[A-Za-z]")
#: Minimum number of words likelier backwards before a line is turned round.
MIN_BACKWARDS = 3
#: How much likelier (in Zipf units) one reading of a word must be to count for it.
ZIPF_MARGIN = 1.0


def _known(word: str) -> bool:
    return lexicon().is_word(word)


@functools.lru_cache(maxsize=1 << 16)
def reversed_reading(word: str) -> tuple[str, bool] | None:
    """The word read backwards if the lexicon knows that reading, and whether it kept lam-alef.

    Reshaping PDF tools draw lam followed by alef as one ligature glyph, which the extractor
    gives back as "لا" in reading order even inside a backwards word; so a word with "لا" is
    read both with it kept as one piece and plainly reversed, and the more frequent known
    reading wins.

    >>> reversed_reading("تیریدم"), reversed_reading("مدیریت")
    (('مدیریت', False), None)
    >>> reversed_reading("ملاس")  # "سلام" drawn as م + ligature لا + س
    ('سلام', True)
    """
    candidates = [(word[::-1], False)]
    if "لا" in word:
        candidates.append((word.replace("لا", "ال")[::-1], True))
    known = [(lexicon().zipf(c), c, kept) for c, kept in candidates if _known(c)]
    if not known:
        return None
    _zipf, best, kept = max(known)
    return best, kept


_PIECE = re.compile("لا|.", re.DOTALL)


def to_logical_order(line: str, *, keep_lam_alef: bool | None = False) -> str:
    """Turn a visual-order line round: pieces reversed, Latin/digit runs kept, brackets mirrored.

    ``keep_lam_alef``: keep every "لا" as one piece (``True``), never (``False``), or decide
    word by word with the lexicon (``None``: the reading :func:`reversed_reading` finds).

    >>> to_logical_order("2016 (تیریدم) Karimi")
    'Karimi (مدیریت) 2016'
    >>> to_logical_order("ملاس", keep_lam_alef=True)
    'سلام'
    >>> to_logical_order("اه‌لاس ملاس", keep_lam_alef=None)  # سال‌ها has no ligature, سلام has
    'سلام سال‌ها'
    """
    pieces: list[str] = []
    pos = 0
    for m in _LTR_RUN.finditer(line):
        pieces.extend(_pieces(line[pos:m.start()], keep_lam_alef))
        pieces.append(m.group())
        pos = m.end()
    pieces.extend(_pieces(line[pos:], keep_lam_alef))
    return "".join(reversed(pieces))


def ltr_base_line(line: str) -> bool:
    """Whether a visual-order line was laid out as a left-to-right line.

    A bidi algorithm takes a line's direction from its first strong letter: a line that starts
    with a Latin label (``Q: ...``) is laid out left to right, so the label stays at its left
    and only each right-to-left run inside it is drawn backwards. Such a line shows it by a
    speaker's label at its left end, or by a full stop at its right end after a Persian letter
    (which, read as a right-to-left line, would have to open the line).

    >>> ltr_base_line("Q: مالس."), ltr_base_line("مالس :Q"), ltr_base_line("[P2] مالس.")
    (True, False, True)
    """
    if not _LATIN_START.match(line):
        return False
    if _LABEL_START.match(line):
        return True
    end = line.rstrip()
    return len(end) >= 2 and end[-1] in ".!:" and _RTL_RUN.match(end[-2]) is not None


def ltr_base_order(line: str) -> str:
    """Put a left-to-right visual line in reading order: each right-to-left run is turned round
    in place (see :func:`ltr_base_line`), the Latin runs and what stands between them stay.

    >>> ltr_base_order("Q: ای تیریدم CiRM ؟دیراد ار")
    'Q: مدیریت یا CiRM را دارید؟'
    """
    out: list[str] = []
    pos = 0
    for m in _RTL_RUN.finditer(line):
        out.append(line[pos:m.start()])
        out.append(to_logical_order(m.group(), keep_lam_alef=None))
        pos = m.end()
    out.append(line[pos:])
    return "".join(out)


def _pieces(text: str, keep_lam_alef: bool | None) -> list[str]:
    if keep_lam_alef is None:
        pieces: list[str] = []
        pos = 0
        for m in _PERSIAN_WORD.finditer(text):
            pieces.extend(text[pos:m.start()].translate(_MIRROR))  # one piece per character
            reading = reversed_reading(m.group())
            pieces.append(reading[0] if reading else m.group()[::-1])
            pos = m.end()
        pieces.extend(text[pos:].translate(_MIRROR))
        return pieces
    if keep_lam_alef:
        return [p.translate(_MIRROR) for p in _PIECE.findall(text)]
    return list(text.translate(_MIRROR))


@functools.lru_cache(maxsize=1 << 16)
def _vote(word: str) -> int:
    """+1 if the word is clearly likelier as written, -1 if read backwards, else 0.

    >>> _vote("تیریدم"), _vote("مدیریت"), _vote("ند")
    (-1, 1, 0)
    """
    if len(word) < 2:
        return 0
    lex = lexicon()
    # A piece the lexicon knows as an affix split off a word (``ند``, ``ها``) counts with its
    # frequency in the reading that shows it: forward text broken by spaces shows such pieces
    # (``ند یدها ند که``), and read backwards they are not words to vote for.
    as_written = lex.zipf(word)
    reading = reversed_reading(word)
    backwards = lex.zipf(reading[0] if reading is not None else word[::-1])
    if backwards > as_written + ZIPF_MARGIN:
        return -1
    if as_written > backwards + ZIPF_MARGIN:
        return 1
    return 0


@functools.lru_cache(maxsize=1 << 17)
def _evidence(line: str) -> tuple[int, int]:
    """(words likelier as written, words likelier read backwards).

    Each word counts for the reading whose Zipf frequency is clearly higher (short words such
    as "هب" and "هک" are in web word lists too, so being known is not enough). Counting stops
    as soon as the backwards reading can no longer win. Cached: the repair driver reads the
    same lines again on each pass.
    """
    forward = backward = 0
    remaining = line.count(" ") + 1  # at least the number of words still to come
    words: list[str] = []
    for m in _PERSIAN_WORD.finditer(line):
        remaining -= 1
        if forward >= MIN_BACKWARDS and backward + remaining + 1 <= 2 * forward:
            return forward, backward  # the backwards reading can no longer win
        word = _HARAKAT.sub("", strip_word(m.group()))  # «ًالصا» is judged as «الصا»
        words.append(word)
        vote = _vote(word)
        forward += vote > 0
        backward += vote < 0
    if backward >= MIN_BACKWARDS and backward > 2 * forward:
        lex = lexicon()
        for left, right in itertools.pairwise(words):
            # a word broken by a space ("مد یریت") is evidence for the line as written
            if not (lex.is_word(left) and lex.is_word(right)) and lex.zipf(left + right) >= 3:
                forward += 1
    return forward, backward


def visual_line_changes(text: str) -> list[Change]:
    """Changes that turn round every line whose letters came out in visual order.

    A line with too few words to judge (a heading, a name) that do not lean forwards, or a
    short line (fewer than six judged words) whose words lean backwards without winning
    clearly (``.میتسناد یمن ًالصا``, where «یمن» is also a word), is turned round when the
    nearest judged lines before and after it were (or it has judged lines on one side only,
    and those were).
    """
    evidence = [_evidence(line) for line in LINE.findall(text)]
    if not any(b >= MIN_BACKWARDS and b > 2 * f for f, b in evidence):
        return []  # no line reads backwards clearly, so none follows its neighbours either
    spans: list[tuple[int, int]] = []
    verdicts: list[bool | None] = []
    for m, (forward, backward) in zip(iter_lines(text), evidence, strict=True):
        spans.append((m.start(), m.end()))
        if forward > backward and forward + backward < MIN_BACKWARDS:
            verdicts.append(False)  # few words, but they read forwards
        elif forward + backward < MIN_BACKWARDS or (
                backward > forward and forward + backward < 2 * MIN_BACKWARDS
                and not backward > 2 * forward):
            verdicts.append(None)  # too few words, or a short line that leans backwards
        else:
            verdicts.append(backward >= MIN_BACKWARDS and backward > 2 * forward)
    agree = _neighbours_agree(verdicts)
    changes = []
    for i, (start, end) in enumerate(spans):
        verdict = verdicts[i]
        if verdict is None:
            verdict = agree[i] and _PERSIAN_WORD.search(text[start:end]) is not None
        if not verdict:
            continue
        line = text[start:end]
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        body = line[lead:trail]
        turned = (ltr_base_order(body) if ltr_base_line(body)
                  else to_logical_order(body, keep_lam_alef=None))
        changes.append(Change(start + lead, start + trail, turned))
    return changes


def mostly_visual(text: str) -> bool:
    """Whether most of the lines of ``text`` that can be judged are in visual order."""
    visual = logical = 0
    for forward, backward in map(_evidence, LINE.findall(text)):
        if forward + backward < MIN_BACKWARDS:
            continue
        if backward >= MIN_BACKWARDS and backward > 2 * forward:
            visual += 1
        else:
            logical += 1
    return visual > logical


def _neighbours_agree(verdicts: list[bool | None]) -> list[bool]:
    """For each line: the nearest judged lines before and after it (those that exist) were
    turned round, and there is at least one."""
    n = len(verdicts)
    before: list[bool | None] = [None] * n
    after: list[bool | None] = [None] * n
    last: bool | None = None
    for i in range(n):
        before[i] = last
        if verdicts[i] is not None:
            last = verdicts[i]
    last = None
    for i in range(n - 1, -1, -1):
        after[i] = last
        if verdicts[i] is not None:
            last = verdicts[i]
    out = []
    for b, a in zip(before, after, strict=True):
        sides = [v for v in (b, a) if v is not None]
        out.append(bool(sides) and all(sides))
    return out


def _form_of(ch: str) -> str:
    """``initial``, ``medial``, ``final``, ``isolated`` for a presentation form, else ``""``."""
    return _FORMS.get(ch, "")


def _build_forms() -> dict[str, str]:
    forms = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        name = unicodedata.name(chr(code), "")
        for form in ("INITIAL", "MEDIAL", "FINAL", "ISOLATED"):
            if name.endswith(f"{form} FORM"):
                forms[chr(code)] = form.lower()
    return forms


_FORMS = _build_forms()
_SHAPED_WORD = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]{2,}")


def shaped_backwards(line: str) -> bool:
    """Whether a line's Arabic presentation forms show it was stored in visual order.

    In reading order a joined word starts with an initial form and ends with a final form; a
    line stored left to right shows them the other way round. Meant for the character stage,
    which folds these forms (and reads lost ZWNJs from them) before the layout stage runs.

    >>> shaped_backwards("ﺖﻗﻭ ﻪﻠﻐﺸﻣ ﺩﻮﺟﻭ ﺎﺑ")  # "وقت مشغله وجود با" drawn left to right
    True
    >>> shaped_backwards("ﻣﺸﻐﻠﻪ ﻭﻗﺖ")
    False
    """
    logical = visual = 0
    for m in _SHAPED_WORD.finditer(line):
        first, last = _form_of(m.group()[0]), _form_of(m.group()[-1])
        if first == "initial" and last == "final":
            logical += 1
        elif first == "final" and last == "initial":
            visual += 1
    return visual >= MIN_BACKWARDS - 1 and visual > 2 * logical
