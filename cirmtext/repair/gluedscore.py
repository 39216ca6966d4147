"""How :func:`~.glued.split_glued_words` reads a token: its segmentations, cues and scores.

Every way to cut a part into two to :data:`MAX_PIECES` pieces that may stand as words
(:func:`segmentations`); each piece's *strength* (:func:`piece_strength`: its Zipf frequency,
more when the document writes it, less when it has two letters); the most likely segmentation
under a unigram model (:data:`ZIPF_BILLION` per piece) against the token as an unknown word
(:data:`UNKNOWN_ZIPF`) or as a word with a stray letter (:func:`stray_letter_likelihood`); and
the score of its weakest gap (:func:`weakest_gap_score`): the cue of a lost space there
(:func:`gap_cue`) plus the strength of the weaker piece, less :data:`THRESHOLD`.
"""

from __future__ import annotations

import itertools
from collections import Counter

from .affixes import PREVERBS
from .chardata import DUAL_JOINING, NON_JOINING, ZWNJ
from .detect import FRAGMENTS, SOLID_ZIPF, Lexicon, lexicon
from .gluedwords import (
    DERIVATIONAL_PREFIXES,
    FUNCTION_WORDS,
    SOLID_TAIL,
    ends_compound,
    is_infinitive,
    solid_tails,
    strip_inflection,
    word_like,
)

__all__ = ["CUE_DOCUMENT", "CUE_FUNCTION", "CUE_HEH", "CUE_JOINING", "CUE_VERB",
           "DOCUMENT_BONUS", "INFLECTED_PENALTY", "MAX_PIECES", "PLURAL_START", "SHORT_PENALTY",
           "STRAY_PENALTY", "THRESHOLD", "UNKNOWN_ZIPF", "ZIPF_BILLION",
           "compound_reading", "compound_zipf", "cue_name", "gap_cue", "piece_strength",
           "segmentations", "stray_letter_likelihood", "weakest_gap_score", "zwnj_gap"]

#: A gap is split when its score (cue + strength of the weaker piece - THRESHOLD) is >= 0.
THRESHOLD = 6.3
#: Cues: after «ه»; after another letter that joins forward; a function word next to a gap
#: after a letter that never joins; a verb after a word; two pieces the document writes, in a
#: token with another gap that has a cue.
CUE_HEH = 1.5
CUE_JOINING = 1.0
CUE_FUNCTION = 1.0
CUE_VERB = 0.5
CUE_DOCUMENT = 0.5
#: Strength added to a piece the document writes as a word of its own, and taken from a piece
#: of two letters (short pieces fit by chance: ``چیکل`` is no «چی» + «کل»).
DOCUMENT_BONUS = 1.5
SHORT_PENALTY = 1.0
#: Strength taken from a piece the lexicon knows only as a word with an inflection.
INFLECTED_PENALTY = 1.0
#: Zipf of a word seen once per billion words: a piece's log probability is its strength minus
#: this (so that every extra piece costs, as in a unigram language model).
ZIPF_BILLION = 9.0
#: The strength of the token as it stands, a word the lexicon does not know: a segmentation
#: must be more likely than that (three pieces must be common words to beat it).
UNKNOWN_ZIPF = 1.0
#: Log-probability cost of a stray letter left on a word by a break (see
#: :func:`stray_letter_likelihood`).
STRAY_PENALTY = 2.0
#: At most this many pieces per token.
MAX_PIECES = 4

#: Plural suffixes that may start a token: the suffix of the word before it, then a lost space.
PLURAL_START = ("هایی", "های", "ها")


def stray_letter_likelihood(part: str, words: Counter[str], lex: Lexicon) -> float:
    """The likelihood that ``part`` is one word with a stray letter (``رفتاره``, ``شهرون``).

    Such a token is a word broken at a line or a cell, not two words glued; this reading
    competes with the segmentations (``-inf`` when there is no such word).
    """
    best = float("-inf")
    for word in (part[:-1], part[1:] if part[0] != "و" else ""):
        if len(word) >= 3 and lex.known(word):
            best = max(best, piece_strength(word, words, lex) - ZIPF_BILLION - STRAY_PENALTY)
    return best


def segmentations(part: str, after_word: bool, lex: Lexicon) -> list[tuple[str, ...]]:
    """Every way to cut ``part`` into 2..MAX_PIECES pieces that may stand as words."""
    found: list[tuple[str, ...]] = []

    def extend(pos: int, pieces: tuple[str, ...]) -> None:
        if pos == len(part):
            if len(pieces) >= 2:
                found.append(pieces)
            return
        if len(pieces) == MAX_PIECES:
            return
        for end in range(pos + 1, len(part) + 1):
            piece = part[pos:end]
            if _piece_ok(piece, first=not pieces, after_word=after_word, lex=lex):
                extend(end, (*pieces, piece))

    extend(0, ())
    return found


def _piece_ok(piece: str, *, first: bool, after_word: bool, lex: Lexicon) -> bool:
    if first and after_word and piece in PLURAL_START:
        return True
    if piece == "و":
        return True  # split only at the start of a token (see weakest_gap_score)
    if len(piece) < 2 or piece in FRAGMENTS:
        return False
    return lex.is_word(piece) or (len(piece) >= 4 and _inflected_zipf(piece, lex) > 0)


def _inflected_zipf(piece: str, lex: Lexicon) -> float:
    """The Zipf of the commonest lexicon word ``piece`` inflects (``تصرفمان``), 0.0 if none."""
    return max((lex.zipf(stem) for stem in strip_inflection(piece)
                if len(stem) >= 3 and lex.is_word(stem)), default=0.0)


def piece_strength(piece: str, words: Counter[str], lex: Lexicon) -> float:
    """How sure ``piece`` is as a word of its own: its Zipf, adjusted for the document."""
    if piece in PLURAL_START:
        return 7.0  # a suffix left behind: as sure as its cue
    zipf = lex.zipf(piece) if piece in lex else _inflected_zipf(piece, lex) - INFLECTED_PENALTY
    if len(piece) <= 2 and piece not in FUNCTION_WORDS:
        return zipf - SHORT_PENALTY  # a broken document is full of short pieces: no bonus
    if words.get(piece, 0):
        zipf += DOCUMENT_BONUS
    return zipf


def weakest_gap_score(pieces: tuple[str, ...], words: Counter[str], lex: Lexicon) -> float | None:
    """The weakest gap's score, or ``None`` if some gap may not be split."""
    if "و" in pieces[1:]:
        return None  # «و» inside a token is more often part of a name (پتروپارس) than glued
    if len(pieces) > 2 and all(p[-1] in NON_JOINING for p in pieces[:-1]):
        return None  # no final form anywhere: two lost spaces need more than function words
    pairs = list(itertools.pairwise(pieces))
    cues = [gap_cue(a, b, first=i == 0) for i, (a, b) in enumerate(pairs)]
    if any(c is None for c in cues):
        return None
    glued = any(cues)
    scores = []
    for (a, b), cue in zip(pairs, cues, strict=True):
        if not cue:
            if not (glued and words.get(a, 0) and words.get(b, 0)):
                return None
            cue = CUE_DOCUMENT
        right = piece_strength(b, words, lex)
        if a in PLURAL_START and len(b) <= 2 and b not in FUNCTION_WORDS:
            # a plural suffix that starts a token after a word (``مصاحبه هاکد``) marks the
            # glue: the short word after it fits by no chance
            right += SHORT_PENALTY
        scores.append(cue + min(piece_strength(a, words, lex), right) - THRESHOLD)
    worst = min(scores)
    return worst if worst >= 0 else None


def gap_cue(left: str, right: str, *, first: bool) -> float | None:
    """Evidence of a lost space between ``left`` and ``right``.

    ``None``: the two make a compound, never split; ``0.0``: no evidence of its own.
    """
    if word_like(left + right) or ends_compound(right):
        return None
    if first and left in DERIVATIONAL_PREFIXES and left not in FUNCTION_WORDS:
        return None
    if left in PLURAL_START:
        return CUE_HEH  # after a word, a token that starts with «ها» starts with its suffix
    last = left[-1]
    if last == "ه":
        return CUE_HEH
    if last not in NON_JOINING:
        if (right not in FUNCTION_WORDS and right not in lexicon().verb_forms
                and solid_tails().get(right, 0) >= SOLID_TAIL):
            return None  # a tail of many solid compounds (وزارتخونه, کتابخانه)
        return CUE_JOINING
    if left in FUNCTION_WORDS or right in FUNCTION_WORDS:
        return CUE_FUNCTION if "و" in (left, right) else CUE_HEH
    if left not in PREVERBS and is_infinitive(right):
        return CUE_VERB
    return 0.0


def zwnj_gap(left: str, right: str, lex: Lexicon) -> bool:
    """Whether a gap to be cut is a compound's lost ZWNJ rather than a lost space.

    So it is when the lexicon knows ``left`` + ZWNJ + ``right`` as a word (see
    :func:`compound_zipf`) at least as likely as the two words side by side under the unigram
    model the cut was chosen by (their Zipfs less :data:`ZIPF_BILLION`): ``سهشنبه`` →
    «سه‌شنبه», ``نخستوزیر`` → «نخست‌وزیر»; but ``بهسرعت`` → «به سرعت» (the lexicon's
    «به‌سرعت», Zipf 3.3, is rarer than «به» + «سرعت», 7.5 + 5.3 - 9), and never before a
    function word (``بهاین`` → «به این», ``گرفتهاست`` → «گرفته است»). Only the lexicon's
    frequencies count (not the document's), so the spelling of a compound does not change
    with the document around it.

    >>> from cirmtext.repair.detect import lexicon
    >>> [zwnj_gap(*pair, lexicon()) for pair in (("سه", "شنبه"), ("به", "سرعت"), ("به", "این"))]
    [True, False, False]
    """
    zipf = compound_zipf(left, right, lex)
    return zipf >= SOLID_ZIPF and zipf >= lex.zipf(left) + lex.zipf(right) - ZIPF_BILLION


def compound_zipf(left: str, right: str, lex: Lexicon) -> float:
    """The Zipf of ``left`` + ZWNJ + ``right`` as a compound, 0.0 if it cannot be one.

    ``left`` must be a common word (Zipf >= 3) that ends in a letter that joins forward (only
    there does a ZWNJ change the letters' shapes), ``right`` no function word and no plural
    suffix (a document's habit decides those: :func:`~.compounds.plural_habit`).
    """
    if (len(left) < 2 or len(right) < 2 or left[-1] not in DUAL_JOINING
            or left in PLURAL_START or right in FUNCTION_WORDS or right.startswith(PLURAL_START)
            or not lex.solid(left)):
        return 0.0
    return lex.zipf(left + ZWNJ + right)


def compound_reading(part: str, lex: Lexicon) -> tuple[float, int] | None:
    """``part`` read as one compound the lexicon knows with ZWNJ: its likelihood and cut.

    The likelihood is on the scale of the segmentations' (the compound's Zipf less
    :data:`ZIPF_BILLION`), of the most frequent such compound of Zipf >= 3; ``None`` if there is
    none (``چشمانداز`` is «چشم‌انداز», not «چشماند» + «از»).

    >>> from cirmtext.repair.detect import lexicon
    >>> compound_reading("چشمانداز", lexicon())[1], compound_reading("ادارهبرای", lexicon())
    (3, None)
    """
    best: tuple[float, int] | None = None
    for cut in range(2, len(part) - 1):
        zipf = compound_zipf(part[:cut], part[cut:], lex)
        if zipf >= SOLID_ZIPF and (best is None or zipf - ZIPF_BILLION > best[0]):
            best = (zipf - ZIPF_BILLION, cut)
    return best


def cue_name(left: str, right: str) -> str:
    """The cue between two pieces, in words (for :func:`explain`)."""
    cue = gap_cue(left, right, first=False)
    if left in PLURAL_START:
        return "plural «ها» of the word before"
    if left[-1] == "ه":
        return f"final «ه» before «{right}»"
    if left[-1] not in NON_JOINING:
        return f"final «{left[-1]}»"
    if cue in (CUE_FUNCTION, CUE_HEH):
        return "function word"
    return "infinitive" if cue == CUE_VERB else "both pieces in the document"
