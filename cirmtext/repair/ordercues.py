"""Grammatical cues to word order, and the words they are read from.

Persian puts a preposition before its complement, ``را`` after its object, an auxiliary after
its participle and the verb at the end of its sentence; punctuation is written against the word
before it. :func:`pair_score`, :func:`start_score` and :func:`end_score` turn these into
scores for two adjacent words and for a line's edges (positive: natural as written).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from ..resources import verb_forms
from .lines import CLAUSE_END, SENTENCE_END, WordClass, strip_word, token_units, word_class

__all__ = ["MARKS", "Tok", "end_score", "has_mark", "pair_score", "sentence_ends_inside",
           "sentence_tok", "start_score", "tok", "unmatched_marks"]

P, RA, CONJ, AUX, PART, VERB = (WordClass.PREP, WordClass.RA, WordClass.CONJ, WordClass.AUX,
                                WordClass.PART, WordClass.VERB)


@dataclass(frozen=True, slots=True)
class Tok:
    """A word with the punctuation around it."""

    raw: str
    bare: str
    cls: str
    head: str  # punctuation before the word
    tail: str  # punctuation after the word
    first_unit: str  # class units (see token_units) at each edge
    last_unit: str

    @classmethod
    def of(cls, raw: str) -> Tok:
        return tok(raw)


@functools.lru_cache(maxsize=1 << 16)
def tok(raw: str) -> Tok:
    """The :class:`Tok` of a raw word (cached: documents repeat their words)."""
    bare = strip_word(raw)
    left = raw.find(bare) if bare else len(raw)
    head = raw[:left]
    tail = raw[left + len(bare):]
    units = token_units(raw) or ("",)
    return Tok(raw, bare, word_class(bare), head, tail, units[0], units[-1])


@functools.lru_cache(maxsize=1 << 16)
def sentence_tok(raw: str) -> Tok:
    """:func:`tok`, with a conjugated verb form that ends a sentence taken as a verb.

    ``کنند.`` is a verb even where :func:`~.lines.word_class` leaves ``کنند`` open because
    hazm's word list also holds the form as a word: Persian puts the verb last in its sentence.
    Used where whole lines are judged (:mod:`.wordorder`).

    >>> sentence_tok("کنند.").cls, tok("کنند.").cls, sentence_tok("کنند").cls
    ('verb', 'other', 'other')
    """
    word = tok(raw)
    if word.cls == WordClass.OTHER and not word.head and has_mark(word.tail, SENTENCE_END) \
            and word.bare in verb_forms():
        return dataclasses.replace(word, cls=WordClass.VERB)
    return word


def has_mark(chars: str, marks: frozenset[str]) -> bool:
    return any(c in marks for c in chars)


_STOPS = SENTENCE_END | CLAUSE_END


def sentence_ends_inside(toks: list[Tok]) -> bool:
    """Whether a sentence ends inside a line's words, not only at its end as written.

    A reversed line shows its sentence's end at the end of its first chunk (each chunk keeps
    its own order) or inside it; a mark the extractor turned round (``.)88-89``) counts too.
    A forward sentence (its only end its last word's) or a fragment (none) shows none.

    >>> sentence_ends_inside([tok(w) for w in "آرامش هستند. این".split()])
    True
    >>> sentence_ends_inside([tok(w) for w in "این آرامش هستند.".split()])
    False
    """
    return (any(has_mark(t.head[:1], SENTENCE_END) for t in toks)
            or any(has_mark(t.tail, SENTENCE_END) for t in toks[:-1]))


#: Simple prepositions that never open a preposition's complement (``بر با``, ``در به``):
#: ``بر`` and ``در`` are left out (``در بر گرفتن``, ``از در``: a door), and so is ``جز``
#: before them (``جز به``).
_SIMPLE_PREPS = frozenset("به از با برای".split())


def pair_score(a: Tok, b: Tok) -> float:
    """How natural ``a b`` is as written (positive) against ungrammatical (negative)."""
    score = 0.0
    if a.cls == P:
        if has_mark(a.tail, _STOPS) or b.cls in (VERB, AUX, RA, CONJ) or has_mark(b.head, _STOPS):
            score -= 2.0
        elif b.bare in _SIMPLE_PREPS and a.bare != "جز" and not a.tail:
            score -= 1.5
    elif b.cls == RA and (a.cls in (VERB, AUX, CONJ) or has_mark(a.tail, _STOPS)):
        score -= 2.0
    if a.cls == PART and b.cls == AUX and not a.tail:
        score += 1.5
    elif a.cls == AUX and b.cls == PART and not a.tail:
        score -= 1.0
    if a.cls == CONJ and (has_mark(a.tail, SENTENCE_END) or b.cls == AUX):
        score -= 1.5
    if b.head and has_mark(b.head[:1], _STOPS):
        score -= 2.0
    return score


def start_score(t: Tok) -> float:
    """Cues at the start of a line."""
    score = 0.0
    if t.head and has_mark(t.head[:1], _STOPS):
        score -= 3.0
    if has_mark(t.tail, SENTENCE_END):
        score -= 3.5 if t.cls in (AUX, VERB) else 3.0
    elif t.cls == RA:
        score -= 1.0
    elif t.cls == AUX and not t.tail:
        score -= 0.7
    return score


def end_score(t: Tok) -> float:
    """Cues at the end of a line."""
    if has_mark(t.tail, SENTENCE_END):
        return 1.7 if t.cls in (VERB, AUX) else 0.7  # Persian sentences end with their verb
    if not t.tail and t.cls == P:
        return -0.7
    if not t.tail and t.cls == CONJ:
        return -0.5
    return 0.0


#: Paired marks: parentheses, square brackets and guillemets.
MARKS = frozenset("()[]«»")
_KIND = {"(": 0, ")": 0, "[": 1, "]": 1, "«": 2, "»": 2}
_AFTER_CLOSING = frozenset(".!؟?…،؛:,;") | MARKS


def _roles(t: Tok) -> list[tuple[int, bool]]:
    """The paired marks of a word as ``(kind, opens)``, each read by where it is glued.

    A mark glued to the start of a word opens, one glued to its end closes, whatever its
    glyph: a line read backwards by an extractor has its marks mirrored (``»حکمرانی خوب«``),
    so the glyph alone would tell the wrong way round in one reading. A mark standing alone
    before punctuation (``(،``) closes; any other mark standing alone is left out.
    """
    if t.bare:
        return ([(_KIND[c], True) for c in t.head if c in _KIND]
                + [(_KIND[c], False) for c in t.tail if c in _KIND])
    raw = t.raw
    return [(_KIND[c], False) for k, c in enumerate(raw)
            if c in _KIND and k + 1 < len(raw) and raw[k + 1] in _AFTER_CLOSING]


def unmatched_marks(toks: list[Tok]) -> int:
    """How many paired marks of the words, in this order, have no partner.

    Marks are read by the side they are glued to (see :func:`_roles`), so the count is the
    same for a line and its mirrored glyphs. A line with one mark of a kind, or marks that
    pair up either way, counts the same in both orders; a closing mark before an opening
    one of its kind (``خوب» برای «حکمرانی``) counts two where the other order pairs them.

    >>> unmatched_marks([tok(w) for w in "«حکمرانی خوب» برای".split()])
    0
    >>> unmatched_marks([tok(w) for w in "خوب« »حکمرانی".split()])
    2
    >>> unmatched_marks([tok(w) for w in "»حکمرانی خوب«".split()])
    0
    """
    depth = [0, 0, 0]
    unmatched = 0
    for t in toks:
        if not (t.head or t.tail):
            continue
        for kind, opens in _roles(t):
            if opens:
                depth[kind] += 1
            elif depth[kind]:
                depth[kind] -= 1
            else:
                unmatched += 1
    return unmatched + sum(depth)
