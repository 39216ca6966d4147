"""Lines of a page set in two fonts, whose spaces and marks came out apart from their words.

When a Persian document is laid out with a font that lacks Latin glyphs or Arabic ones (CSS
``sans-serif`` in LibreOffice: Noto Sans for Latin, DejaVu Sans for the Persian letters), the
spaces and the ASCII marks (``. : ( )``) are drawn in the Latin font, the letters in the other.
pypdf then gives each line's Latin glyphs first, in reading order, and its Persian letters after
them glued into one run::

    ":   .     " + "جسلام،اشکالیندارداینساعت "

The line keeps all that is needed to put it back: each space of the leading run is a gap
between two words, each mark sits where it stood among those gaps, so the run tells how many
words the glued letters hold and after which word each mark comes. :func:`two_font_changes`
cuts the glued letters into exactly that many words, the split the lexicon scores best
(:func:`~.wordscore.word_scorer`, with the Persian marks «،؛؟» and the guillemets as fixed
word ends), and puts the spaces and marks back between them::

    "ج: سلام، اشکالی ندارد. این ساعت"

A run of Persian letters the extractor cut at a tanwin or a guillemet comes out last piece
first (``"اول ًلطفا ًسحتما"``): the pieces are put back in reading order first, the tanwin at
the end of its word. A Latin word or a number inside the line (``CRM``, ``1,200``) takes a
gap of its own and parts the line into segments, each with its own leading run.

Only a line that shows the layout is changed: a leading run of spaces and marks holding at
least :data:`MIN_SPACES` spaces, followed by Persian letters glued with no space between
them for :data:`MIN_GLUED` letters or more, and a split whose words the lexicon mostly knows
(at most one word in :data:`MAX_UNKNOWN_SHARE` unknown). Persian text set in one font never
starts a line with a run of spaces and marks before its words.
"""

from __future__ import annotations

import functools
import re

from .base import Change, RepairContext
from .chardata import DIACRITICS, PERSIAN_LETTERS, ZWNJ
from .wordscore import UNKNOWN, listed, word_scorer

__all__ = ["MAX_UNKNOWN_SHARE", "MIN_GLUED", "MIN_LINES", "MIN_SPACES", "restore_two_font_lines",
           "two_font_changes", "two_font_line"]

#: The fewest spaces a line's leading run must hold.
MIN_SPACES = 2
#: The fewest Persian letters glued together (no space) somewhere in the line.
MIN_GLUED = 12
#: The fewest lines of the layout that let a document's short lines be read the same way.
MIN_LINES = 3
#: The largest share of words of the split that the lexicon may not know.
MAX_UNKNOWN_SHARE = 0.25
#: The cost of a cut into one word more or fewer than the leading run's gaps tell (a space
#: the extractor lost or added).
OFF_COUNT = 1.0
#: The cost of a word the web lists know but hazm's dictionary does not («هرچیزی»).
UNLISTED = 1.5
#: The cost of a function word glued to a common word (``درواقع``).
GLUED = 1.0
#: The score of a one-letter speaker's label before a colon at the start of a line.
LABEL = -3.0
#: The longest word tried when cutting a glued run.
MAX_WORD = 24

_TANWIN = "\u064b"
#: The ASCII marks drawn in the Latin font, with the spaces.
_MARKS = ".,:;!?()[]-\"'"
_OPENING = "(["
#: Marks drawn in the Persian font that always end a word.
_WORD_END = "،؛؟!»"
_LEAD = re.compile(r"[ .,:;!?()\[\]\-\"']*")
_LINE = re.compile(r"[^\n]+")
#: Where a glued run is cut into pieces besides its spaces: before a tanwin followed by a
#: letter (a tanwin ends its word, so the letters after it were drawn before it), before an
#: opening guillemet and after a closing one (as drawn, mirrored: «»» opens, «««» closes).
_PIECE_CUT = re.compile(r"(?<=.)(?=\u064b[^ \u064b])|(?<=.)(?=»)|(?<=«)(?=.)")
#: A Latin word or number at the end of a piece of Persian letters.
_LTR_TAIL = re.compile(r"(?<=[^\x00-\x7f])[A-Za-z0-9]+(?:[.,:/\-][A-Za-z0-9]+)*$")
#: A piece of a line that is no Persian: a Latin word or a number.
_LTR = re.compile(r"[A-Za-z0-9]+(?:[.,:/%\-][A-Za-z0-9]+)*")


def _persian(ch: str) -> bool:
    return ch in PERSIAN_LETTERS


def _glued_run(text: str) -> int:
    """The most Persian letters glued together in ``text`` whose parts (between ZWNJs) are not
    all words the lexicon knows: a run of :data:`MIN_GLUED` letters holds several words when
    the layout glued them, but an indented line set in one font may hold one long word
    (``    label: مصاحبه‌شونده ۱``)."""
    lex = word_scorer().lex
    return max((len(run) for run in _RUN.findall(text)
                if not all(lex.known(part) or listed(part, lex)
                           for part in run.split(ZWNJ) if part)), default=0)


_RUN = re.compile(f"[{''.join(sorted(PERSIAN_LETTERS | DIACRITICS))}\u200c]+")


def two_font_line(line: str, *, document: bool = False) -> str | None:
    """The line put back together, or ``None`` if it does not show the two-font layout.

    >>> two_font_line(":   .     جسلام،اشکالیندارداینساعتهمیشه ")
    'ج: سلام، اشکالی ندارد. این ساعت همیشه'
    >>> two_font_line("ج: سلام، اشکالی ندارد.") is None
    True

    ``document``: the document has other lines of this layout (:data:`MIN_LINES`), so a short
    line needs only a mark or a space before its letters, and every word known:

    >>> two_font_line(" . کلداریم "), two_font_line(" . کلداریم ", document=True)
    (None, 'کل داریم.')
    """
    lead = _LEAD.match(line).group(0)
    if document:
        if not lead or line[len(lead):].strip(" ") == "" or " " in line[len(lead):].strip(" "):
            return None
    elif lead.count(" ") < MIN_SPACES or _glued_run(line) < MIN_GLUED:
        return None
    best: tuple[int, float, str] | None = None
    for reading in _readings(line, lead):
        rebuilt = _rebuild(reading)
        if rebuilt is not None and document and rebuilt[0]:
            continue  # a short line: every word known
        if rebuilt is not None and (best is None or rebuilt[:2] > best[:2]):
            best = rebuilt
    return None if best is None else best[2]


def _readings(line: str, lead: str) -> list[str]:
    """The line as given, and with its leading run turned round if it may have come out as
    drawn (last mark first, each gap of several spaces one space too long)."""
    readings = [line]
    if any(ch != " " for ch in lead) and _LTR.search(line[len(lead):]) is None:
        turned = re.sub(r"  +", lambda m: m.group(0)[1:], lead.rstrip(" ")[::-1])
        readings.append(turned + " " + line[len(lead):])
    return readings


def _rebuild(line: str) -> tuple[int, float, str] | None:
    """``(-unknown words, mean word score, text)`` of the line rebuilt from its segments, or
    ``None`` (readings compare by the words the lexicon does not know, then by the mean)."""
    segments = _segments(line)
    if segments is None:
        return None
    out: list[str] = []
    total = 0.0
    words_total = unknown = 0
    after_ltr = False
    for lead_run, pieces, ltr in segments:
        glued = _reading_order(pieces)
        label = False
        chunks = lead_run.split(" ")
        first = 1 if after_ltr and not chunks[0] else 0
        dropped = len(chunks) > 1 and not chunks[-1]
        slots = list(range(first, len(chunks) - dropped))
        if glued and not slots:
            return None
        if glued:
            label = not out and first == 0 and chunks[0].startswith(":")
            cut = _best_cut(glued, len(slots), spare=dropped, label=label)
            if cut is None:
                return None
            score, words = cut
            slots = _placement(chunks, slots, words, spare=dropped)
        else:
            score, words, slots = 0.0, [], []
        total += score
        words_total += len(words)
        unknown += sum(_score(w) <= -UNKNOWN
                       for w in words[int(label and _label_score(words[0]) > -UNKNOWN):])
        out.append(_interleave(chunks, slots, words))
        if ltr:
            out.append(ltr)
        after_ltr = bool(ltr)
    if not words_total or unknown > MAX_UNKNOWN_SHARE * words_total:
        return None
    return -unknown, total / words_total, "".join(out).strip(" ")


def _segments(line: str) -> list[tuple[str, list[str], str]] | None:
    """``(leading run, Persian pieces, Latin piece after them)`` for each segment of the line."""
    segments: list[tuple[str, list[str], str]] = []
    rest = line
    while rest:
        lead = _LEAD.match(rest).group(0)
        rest = rest[len(lead):]
        if segments and not rest and not lead.strip(" "):
            break  # spaces at the end of the line
        pieces: list[str] = []
        ltr = ""
        while rest:
            rest = rest.lstrip(" ")
            if not rest:
                break
            match = _LTR.match(rest)
            if match:
                ltr = match.group(0)
                # a Latin phrase: its words with the spaces between them
                rest = rest[match.end():]
                while (more := re.match(r" ([A-Za-z0-9]+(?:[.,:/%\-][A-Za-z0-9]+)*)", rest)):
                    ltr += more.group(0)
                    rest = rest[more.end():]
                break
            piece = re.match(r"[^ ]+", rest).group(0)
            rest = rest[len(piece):]
            tail = _LTR_TAIL.search(piece)
            if tail:
                # a Latin word drawn right after the segment's last piece, with no space
                piece, ltr = piece[:tail.start()], tail.group(0)
            if _LTR.search(piece) or any(ch in _MARKS for ch in piece):
                return None  # Latin letters or ASCII marks inside Persian: another layout
            pieces.extend(part for part in _PIECE_CUT.split(piece) if part)
            if ltr:
                break
            if rest.startswith(" ") and _LEAD.match(rest).group(0).count(" ") > 1:
                break  # the next segment's leading run
        segments.append((lead, pieces, ltr))
        if not pieces and not ltr:
            return None
    return segments


def _reading_order(pieces: list[str]) -> str:
    """The Persian pieces of a segment joined in reading order.

    The extractor gives the pieces of a run cut at a tanwin or a guillemet last first, each
    tanwin at the start of the piece after its word, and each guillemet as drawn (mirrored).

    >>> _reading_order(["اول", "\u064bلطفا", "\u064bسحتما"]) == "سحتما\u064bلطفا\u064bاول"
    True
    """
    merged: list[str] = []
    for piece in pieces:
        if piece == "«" and merged:
            merged[-1] += piece  # a closing guillemet given after its words
        else:
            merged.append(piece)
    out = []
    for piece in reversed(merged):
        if piece.startswith(_TANWIN):
            piece = piece[1:] + _TANWIN
        piece = _DIGITS.sub(lambda m: m.group(0)[::-1], piece)
        out.append(piece.translate(_MIRROR))
    return "".join(out)


#: A number in Persian digits, which the extractor gives last digit first.
_DIGITS = re.compile(r"[۰-۹][۰-۹٫٬/]*[۰-۹]")


_MIRROR = str.maketrans("«»", "»«")


@functools.lru_cache(maxsize=1 << 16)
def _score(word: str) -> float:
    """A word's score (:meth:`~.wordscore.WordScorer.piece`, its hamza forms read also as
    the lexicon spells them), less :data:`UNLISTED` if hazm's dictionary lacks it (or knows it
    only as speech) and less :data:`GLUED` if it is a function word glued to a common word
    («درواقع», «هرچیزی»: in a line whose spaces were all lost, the two words are likelier).
    """
    bare = "".join(ch for ch in word if _persian(ch) or ch == ZWNJ)
    if not bare:
        return -UNKNOWN
    scorer = word_scorer()
    forms = (bare, bare.translate(_HAMZA)) if bare[-1] not in "ؤأ" else (bare,)
    score = max(scorer.piece(form) for form in forms)
    if not any(listed(form, scorer.lex) and form not in scorer.spoken for form in forms):
        score -= UNLISTED  # nor a form of speech (``مصاحبه‌شون``): a page set in type is written
    head = next((w for w in _FUNCTION_WORDS if bare.startswith(w)), "")
    if head and len(bare) > len(head) + 1 and scorer.lex.zipf(bare[len(head):]) >= 3.5:
        score -= GLUED
    return score


#: Function words that a line whose spaces were lost glues to the next word.
_FUNCTION_WORDS = ("در", "به", "با", "هر", "از", "را", "که")
_HAMZA = str.maketrans("ؤأإ", "واا")


def _label_score(word: str) -> float:
    """The score of the first word of a line where a colon follows it: a speaker's label of one
    letter scores :data:`LABEL`, one written with ZWNJ whose parts the lexicon knows
    («مصاحبه‌کننده») as its weakest part less one."""
    if len(word) == 1:
        return LABEL
    score = _score(word)
    parts = word.split(ZWNJ)
    if len(parts) > 1 and all(len(part) > 1 for part in parts):
        score = max(score, min(_score(part) for part in parts) - 1.0)
    return score


def _best_cut(glued: str, count: int, *, spare: bool,
              label: bool = False) -> tuple[float, list[str]] | None:
    """The best cut of ``glued`` into ``count`` words, or one fewer, or (``spare``: the
    leading run's last gap may hold a word) one more, each off count costing
    :data:`OFF_COUNT`: ``(score, words)``. ``label``: the first word is followed by a colon,
    so it may be a speaker's label of one letter («س:», «ج:»), scored :data:`LABEL`.

    >>> _best_cut("اشکالیندارد", 2, spare=False)[1]
    ['اشکالی', 'ندارد']
    """
    table = _cut_table(glued, count + 1, label=label)
    if table is None:
        return None
    best, back = table
    n = len(glued)
    options = [(best[n][count], count)]
    if count > 1:
        options.append((best[n][count - 1] - OFF_COUNT, count - 1))
    if spare:
        options.append((best[n][count + 1] - OFF_COUNT, count + 1))
    score, k = max(options)
    if score == _NEG:
        return None
    words = []
    end = n
    while k:
        start = back[end][k]
        words.append(glued[start:end])
        end, k = start, k - 1
    return score, words[::-1]


_NEG = float("-inf")


def _cut_table(glued: str, count: int, *,
               label: bool) -> tuple[list[list[float]], list[list[int]]] | None:
    """Best scores of ``glued[:i]`` cut into ``k`` words for every ``k <= count``, with the
    start of each one's last word."""
    n = len(glued)
    if count <= 0:
        return None
    # a cut may fall between i-1 and i: never at a ZWNJ or before a diacritic
    allowed = [True] * (n + 1)
    forced = [False] * (n + 1)
    for i in range(1, n):
        if glued[i - 1] == ZWNJ or glued[i] == ZWNJ or glued[i] in DIACRITICS:
            allowed[i] = False
        if glued[i - 1] in _WORD_END or glued[i - 1] == _TANWIN or glued[i] == "«":
            forced[i] = True
        if glued[i] in _WORD_END:
            allowed[i] = forced[i] = False
    best = [[_NEG] * (count + 1) for _ in range(n + 1)]
    back = [[0] * (count + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for end in range(1, n + 1):
        if not allowed[end] and end < n:
            continue
        for start in range(end - 1, max(-1, end - MAX_WORD - 1), -1):
            if start and not allowed[start]:
                continue
            if any(forced[k] for k in range(start + 1, end)):
                break
            score = _label_score(glued[:end]) if label and not start else _score(glued[start:end])
            row, out = best[start], best[end]
            for k in range(min(count, start + 1)):
                if row[k] != _NEG and row[k] + score > out[k + 1]:
                    out[k + 1] = row[k] + score
                    back[end][k + 1] = start
    return best, back


def _placement(chunks: list[str], slots: list[int], words: list[str], *,
               spare: bool) -> list[int]:
    """The chunk of each word. With one word fewer than slots (pypdf added a space), the slot
    left empty; with one more (it lost one), the chunk that holds two words, or the last gap
    (``spare``): where the most full stops follow a verb (the last such place on a tie)."""
    if len(words) == len(slots):
        return slots
    if len(words) > len(slots):
        options = [sorted([*slots, j]) for j in slots]
        if spare:
            options.append([*slots, len(chunks) - 1])
    else:
        options = [slots[:k] + slots[k + 1:] for k in range(len(slots))]
    return max(reversed(options), key=lambda option: _verb_stops(chunks, option, words))


def _verb_stops(chunks: list[str], slots: list[int], words: list[str]) -> int:
    """How many full stops of the chunks come right after a verb."""
    last: dict[int, str] = {}
    for slot, word in zip(slots, words, strict=True):
        last[slot] = word
    lex = word_scorer().lex
    count = 0
    for i, word in last.items():
        if "." in chunks[i].lstrip(_OPENING)[:1]:
            bare = "".join(ch for ch in word if _persian(ch) or ch == ZWNJ)
            count += bare in lex.verb_forms or bare in _COPULAS
    return count


#: The copula, which hazm's verb list lacks.
_COPULAS = frozenset({"است", "نیست", "هست"})


def _interleave(chunks: list[str], slots: list[int], words: list[str]) -> str:
    """The leading run's chunks (cut at its spaces) with its words in each slot."""
    filled: dict[int, list[str]] = {}
    for slot, word in zip(slots, words, strict=True):
        filled.setdefault(slot, []).append(word)
    out = []
    for i, chunk in enumerate(chunks):
        word = " ".join(filled.get(i, ()))
        opening = len(chunk) - len(chunk.lstrip(_OPENING))
        out.append(chunk[:opening] + word + chunk[opening:])
    return " ".join(out)


def two_font_changes(text: str) -> list[Change]:
    """One change for each line that shows the two-font layout (see the module docstring);
    in a document with :data:`MIN_LINES` such lines, short ones too."""
    changes = []
    short = []
    for match in _LINE.finditer(text):
        line = match.group(0)
        if not line.startswith(" ") and line[0] not in _MARKS:
            continue
        fixed = two_font_line(line)
        if fixed is None:
            short.append(match)
        elif fixed != line:
            changes.append(Change(match.start(), match.end(), fixed))
    if len(changes) >= MIN_LINES:
        for match in short:
            fixed = two_font_line(match.group(0), document=True)
            if fixed is not None and fixed != match.group(0):
                changes.append(Change(match.start(), match.end(), fixed))
        changes.sort()
    return changes


def restore_two_font_lines(text: str, context: RepairContext) -> list[Change]:
    """Rule: put back the spaces and marks of lines set in two fonts (see the module)."""
    del context
    return two_font_changes(text)
