"""The evidence for putting a line's runs back in order.

Used by :mod:`.runsearch` and :mod:`.runorder`: each junction of two pieces of
:mod:`.runpieces`, each edge of a line and each change of script written without a space is
scored. Positive scores are natural as written; the units are those of :mod:`.ordercues`,
whose cues they reuse. A junction that makes a word (a verbal prefix and its verb, a word and
its suffix, the halves of a compound) is what the search rests on: the lexicon says which.

>>> junction("نمی", "کنم.")[1], junction("نمی", "جا")[0] < 0
(True, True)
>>> joins("این", "جا"), joins("کتاب", "خوب")
(True, False)
"""

from __future__ import annotations

import functools
import re

from ..resources import tagged_among, verb_forms
from .affixes import NO_SUFFIX, NON_TAILS
from .chardata import ZWNJ
from .detect import FRAGMENTS, PROTECTED, Lexicon, adjectives, lexicon
from .lines import strip_word
from .ordercues import end_score, pair_score, start_score, tok
from .runpieces import PERSIAN_LETTER, Piece
from .wordscore import word_scorer

#: Verbs and auxiliaries that never follow a ZWNJ (``شده است``, not ``شده‌است``).
_VERB_TAILS = NON_TAILS - PROTECTED

__all__ = ["COMPOUND", "FRAGMENT", "GLUE", "PREFIX_FRAGMENTS", "STOP", "STRONG_GLUE",
           "SUFFIX_FRAGMENTS", "bare_piece", "end_cue", "frequent_compound", "glue_weight",
           "joinable", "joins", "joins_before", "junction", "known_join", "known_joint",
           "start_cue", "suffix_piece"]

#: A prefix or suffix joined into a known word by the new order (or stranded by the old one).
FRAGMENT = 3.0
#: Two words that make a frequent compound when joined with ZWNJ (``این`` + ``جا``).
COMPOUND = 1.5
#: Persian letters glued to Latin letters or digits (``دربارهCiRM``, ``فاصله۵۱``).
GLUE = 1.0
#: A full stop put back at the end of its run (a line never starts with one).
STOP = 3.0

PREFIX_FRAGMENTS = frozenset(("می", "نمی", "بی"))
SUFFIX_FRAGMENTS = (FRAGMENTS - PREFIX_FRAGMENTS) | frozenset(("تان", "شان", "مان"))
#: Possessive suffixes: joined to any solid word (``فعلی‌تان``).
PRONOUN_SUFFIXES = frozenset(("تان", "شان", "مان"))
_COPULA = frozenset(("ند", "ید", "یم", "م", "ی", "ست"))


@functools.lru_cache(maxsize=1 << 16)
def bare_piece(piece: str) -> tuple[str, bool, bool]:
    """The piece without edge punctuation, and whether it had some before / after."""
    bare = strip_word(piece)
    if not bare:
        return "", bool(piece), bool(piece)
    left = piece.find(bare)
    return bare, left > 0, left + len(bare) < len(piece)


#: Personal endings of a conjugated verb (``کنند``, ``کنید``, ``کنیم``); a bare stem
#: (``بگیر``) may still end a compound that takes a plural (``حقوق‌بگیر‌ها``).
_PERSON_ENDINGS = ("ند", "ید", "یم")


@functools.cache
def _tagged_verb_forms() -> frozenset[str]:
    """The conjugated verb forms with a personal ending that hazm's lexicon also lists as a
    word with part-of-speech tags: forms that may be something else."""
    return tagged_among(frozenset(f for f in verb_forms() if f.endswith(_PERSON_ENDINGS)))


@functools.lru_cache(maxsize=1 << 16)
def _join_strength(a: str, b: str) -> float:
    """How surely ``a`` + ZWNJ + ``b`` is one word: 1 when the lexicon knows it, 0.5 when it
    is a known stem with an affix (spacing's word scorer), else 0."""
    if not (PERSIAN_LETTER.search(a) and PERSIAN_LETTER.search(b)) or a in NO_SUFFIX:
        return 0.0
    if b[:2] == "ها" and a.endswith(_PERSON_ENDINGS) and a in verb_forms() \
            and a not in _tagged_verb_forms():
        return 0.0  # a conjugated verb and nothing else (``کنند``) takes no plural
    joined = a + ZWNJ + b
    if lexicon().zipf(joined) > 0:
        return 1.0
    if b.startswith("تر") and a not in adjectives():
        return 0.0
    if b[2:] in _COPULA and b[:2] == "تر" and len(b) > 2:
        return 0.5  # ``نگران‌ترند``: a comparative with the copula
    if word_scorer().word(joined) > -9.0:
        return 0.5
    if b in PRONOUN_SUFFIXES and a[-1] in "هی" and lexicon().solid(a):
        return 0.5  # ``فعلی‌تان``
    return 0.0


def joinable(a: str, b: str) -> bool:
    return _join_strength(a, b) > 0


@functools.lru_cache(maxsize=1 << 16)
def known_join(a: str, b: str) -> bool:
    """``_join_strength(a, b) >= 1`` without the word scorer: the lexicon knows ``a‌b``."""
    return bool(PERSIAN_LETTER.search(a) and PERSIAN_LETTER.search(b)) \
        and a not in NO_SUFFIX and lexicon().zipf(a + ZWNJ + b) > 0


@functools.lru_cache(maxsize=1 << 16)
def frequent_compound(a: str, b: str) -> bool:
    """A frequent compound of two words that also stand alone (``این‌جا``, ``هیچ‌کدام``)."""
    return a not in NO_SUFFIX and lexicon().solid(a + ZWNJ + b)


def known_joint(x: str, y: str) -> bool:
    """Whether pieces ``x`` and ``y`` make a word the lexicon knows (strong evidence)."""
    xb, _h, x_tail = bare_piece(x)
    yb, y_head, _t = bare_piece(y)
    return not x_tail and not y_head and known_join(xb, yb)


#: What :func:`.ordercues.pair_score` takes off for a piece that opens with a stop; a stop
#: after a guillemet or a bracket (mirrored or not: runs may not be turned round yet) is as
#: written, so :func:`junction` gives it back to a comma or a semicolon there (a full stop
#: there is left to the end and start cues).
HEAD_STOP = 2.0
_CLOSERS = "«»()"
_AFTER_CLOSER = "،؛"


@functools.lru_cache(maxsize=1 << 17)
def junction(x: str, y: str, relaxed: bool = False) -> tuple[float, bool]:
    """How natural piece ``x`` followed by piece ``y`` is, and whether they make one word.

    ``relaxed`` (a document whose extractor evidently gives runs back last-to-first): any
    compound the lexicon knows counts, not only frequent ones, and a prefix joined to a word
    the word scorer accepts (``بی‌بیمه``) counts half.
    """
    score = pair_score(tok(x), tok(y))
    if x[-1:] in _CLOSERS and y[:1] in _AFTER_CLOSER:
        score += HEAD_STOP  # ``«مشتری‌مداری»``، : a stop after a closing mark is as written
    xb, _x_head, x_tail = bare_piece(x)
    yb, y_head, _y_tail = bare_piece(y)
    fx = xb in PREFIX_FRAGMENTS and not x_tail
    fy = suffix_piece(yb) and not y_head
    if x_tail or y_head:
        strength = 0.0
    elif fx:  # «می» + a word the lexicon does not know as a verb form does not count
        strength = 1.0 if known_join(xb, yb) else (
            0.5 if relaxed and _loose_prefix(xb, yb) else 0.0)
    elif fy:
        strength = _join_strength(xb, yb)
    else:  # the lexicon's compounds first: it rules out most pairs without the scorer
        if yb in _VERB_TAILS:  # ``پیچیده`` + ``است``: the copula is written apart
            return score, False
        if frequent_compound(xb, yb) and _join_strength(xb, yb) > 0:
            return score + COMPOUND, True
        if relaxed and (known_join(xb, yb) or _clitic_join(xb, yb)):
            return score + COMPOUND / 2, True
        return score, False
    joined = strength > 0
    if fx or fy:
        return score + (FRAGMENT * strength if joined else -FRAGMENT), joined
    return score, False


@functools.lru_cache(maxsize=1 << 16)
def _loose_prefix(xb: str, yb: str) -> bool:
    """``بی`` + a word the lexicon knows, which the word scorer accepts as one word."""
    return xb == "بی" and lexicon().zipf(yb) >= 3 and word_scorer().word(xb + ZWNJ + yb) > -9.0


@functools.lru_cache(maxsize=2)
def _zwnj_heads(lex: Lexicon) -> dict[str, frozenset[str]]:
    """For every part of a lexicon word after one of its ZWNJs, the parts before it.

    ``جا`` → {``این``, ``همه``, …}: the only pieces that can make a known word with it.
    """
    heads: dict[str, set[str]] = {}
    for word in lex.words_with_zwnj():
        i = word.find(ZWNJ)
        while i >= 0:
            heads.setdefault(word[i + 1:], set()).add(word[:i])
            i = word.find(ZWNJ, i + 1)
    return {tail: frozenset(before) for tail, before in heads.items()}


@functools.lru_cache(maxsize=1 << 16)
def _heads_before(y: str) -> frozenset[str] | None:
    """The bare pieces that can make a word with piece ``y`` after it; ``None``: any may.

    Outside the suffixes (which the word scorer judges) every joint makes a word the
    lexicon knows: its part before the ZWNJ is one of the lexicon's heads of ``y``.
    """
    yb, y_head, _y_tail = bare_piece(y)
    if y_head:
        return frozenset()
    if suffix_piece(yb):
        return None
    return _zwnj_heads(lexicon()).get(yb, frozenset())


#: Pronoun clitics written solid after a compound's last part (``کم‌رنگش``); ``م`` and ``ت``
#: are left out, since they also end verbs (``کم`` + ``توانیم`` is no word).
_CLITICS = ("شان", "تان", "مان", "ش")


def _clitic_stem(yb: str) -> str | None:
    if yb in verb_forms():
        return None
    for clitic in _CLITICS:
        if yb.endswith(clitic) and len(yb) - len(clitic) >= 2:
            return yb[: -len(clitic)]
    return None


@functools.lru_cache(maxsize=1 << 16)
def _clitic_join(xb: str, yb: str) -> bool:
    """A compound the lexicon knows with a pronoun clitic on its last part: ``کم`` +
    ``رنگش`` (``کم‌رنگ`` + ``ش``)."""
    stem = _clitic_stem(yb)
    return stem is not None and known_join(xb, stem)


@functools.lru_cache(maxsize=1 << 16)
def _clitic_heads(y: str) -> frozenset[str]:
    """The heads of the compounds ``y`` ends with a clitic on (see :func:`_clitic_join`)."""
    yb, y_head, _y_tail = bare_piece(y)
    stem = None if y_head else _clitic_stem(yb)
    return _zwnj_heads(lexicon()).get(stem, frozenset()) if stem else frozenset()


def joins_before(xs: list[str], y: str, relaxed: bool = False) -> list[int]:
    """The indices of the pieces ``xs`` that make a word with ``y`` after them."""
    heads = _heads_before(y)
    if heads is None:
        return [k for k, x in enumerate(xs) if joins(x, y, relaxed)]
    if relaxed:  # a prefix joins words the lexicon does not list with it
        heads = heads | _clitic_heads(y)
        return [k for k, x in enumerate(xs) if (bare_piece(x)[0] in heads
                or bare_piece(x)[0] in PREFIX_FRAGMENTS) and joins(x, y, relaxed)]
    if not heads:
        return []
    return [k for k, x in enumerate(xs) if bare_piece(x)[0] in heads and joins(x, y, relaxed)]


@functools.lru_cache(maxsize=1 << 17)
def joins(x: str, y: str, relaxed: bool = False) -> bool:
    """``junction(x, y, relaxed)[1]`` without its score: whether ``x`` and ``y`` make a word."""
    xb, _x_head, x_tail = bare_piece(x)
    yb, y_head, _y_tail = bare_piece(y)
    if x_tail or y_head:
        return False
    if xb in PREFIX_FRAGMENTS:
        return known_join(xb, yb) or (relaxed and _loose_prefix(xb, yb))
    if suffix_piece(yb):
        return _join_strength(xb, yb) > 0
    if yb in _VERB_TAILS:
        return False
    if relaxed:
        return known_join(xb, yb) or _clitic_join(xb, yb)
    return frequent_compound(xb, yb) and _join_strength(xb, yb) > 0


#: Inside a paragraph a line may end anywhere in a sentence: there its end cues count this
#: much of what they count at a paragraph's end. (Its start cues count when the line before
#: it ends a sentence, and not otherwise.)
INNER_END = 0.5


#: A speaker's label (``پرسش:``, ``Q:``) at the start of a line that starts a sentence.
LABEL = 1.0
_LABEL = re.compile(r"[^\s:]{1,12}:")


def suffix_piece(bare: str) -> bool:
    """A suffix written apart: ``ها``, ``اش``, or a comparative with the copula (``ترند``)."""
    return (bare in SUFFIX_FRAGMENTS and len(bare) > 1) or (
        bare[:2] == "تر" and bare[2:] in _COPULA)


def start_cue(piece: str, sentence_start: bool = True, right: str | None = None) -> float:
    bare, head, _tail = bare_piece(piece)
    penalty = FRAGMENT if suffix_piece(bare) and not head else 0.0
    if penalty and right is not None and lexicon().zipf(bare + strip_word(right)) >= 3:
        penalty = 0.0  # ``اید ه``: a word broken by a space, not a suffix out of place
    if not bare and (piece[:1] in ":،؛.!" or piece in "()"):
        penalty = STOP  # a line never opens with a colon, a comma or a bracket standing alone
    if not sentence_start:
        return -penalty
    label = LABEL if _LABEL.fullmatch(piece) else 0.0
    return start_score(tok(piece)) + label - penalty


def end_cue(piece: str, after: str | None) -> float:
    bare, _head, tail = bare_piece(piece)
    score = end_score(tok(piece)) * (1.0 if after is None else INNER_END)
    if bare in PREFIX_FRAGMENTS and not tail:
        joined = after is not None and joinable(bare, bare_piece(after)[0])
        score += 0.0 if joined else -FRAGMENT  # its word may start the next line
    return score


#: A mark or punctuation glued to the next piece where the script changes (``می‌کند؟CiRM``),
#: or a Latin word, number or guillemet glued on both sides (``هر۰۹۱پاسخ``, ``یا«مدیریت``):
#: never in text as written.
STRONG_GLUE = 3.0


def glue_weight(pieces: list[Piece], i: int) -> float:
    """Evidence of a run's edge between ``pieces[i]`` and the next piece, written together.

    A Persian word written against a Latin word or a number counts :data:`GLUE` (some
    extractors drop the space there too), a guillemet written against its word nothing (that
    is how it is written), a suffix after a Latin word nothing (``CRMها``); what never happens
    in text as written counts :data:`STRONG_GLUE`: a stop glued to the start of the word after
    it (``» :پاسخ``, its space before it), or to a Latin word or a number (``می‌کند؟CiRM``).
    """
    if i + 1 >= len(pieces):
        return 0.0
    a, b = pieces[i], pieces[i + 1]
    if a.kind == "R" and b.kind == "L" and b.text[-1:] == ":" and i + 2 == len(pieces) \
            and not b.space_before:
        return STRONG_GLUE  # ``آمدهA:``, a label glued to the end of the line (see rundoc)
    if a.kind == "M" and b.kind == "R" and a.text[-1:] in ":." and a.text[-2:-1].isspace():
        return STRONG_GLUE  # ``» :پاسخ``: a stop written against the word after it
    if b.space_before or a.kind == b.kind or "N" in (a.kind, b.kind):
        return 0.0
    if a.kind == "L" and bare_piece(b.text)[0] in SUFFIX_FRAGMENTS:
        return 0.0
    if a.kind == "R" and a.text[-1] in "؟?!." and len(a.text) > 1 \
            and PERSIAN_LETTER.match(a.text[-2]) and b.kind in "LD":
        return STRONG_GLUE  # ``می‌کند؟CiRM``, ``جمهوری.۱۱۱``
    middle = b if a.kind == "R" else a
    if middle.kind in "LDM":
        k = i + 1 if middle is b else i
        if k > 0 and k + 1 < len(pieces) and not pieces[k].space_before \
                and not pieces[k + 1].space_before \
                and _known_word(pieces[k - 1].text, last=True) \
                and _known_word(pieces[k + 1].text, last=False):
            return STRONG_GLUE * 2 / 3
    return 0.0 if "M" in (a.kind, b.kind) else GLUE


def _known_word(text: str, *, last: bool) -> bool:
    """A Persian word the lexicon knows, written against the glued piece on that side."""
    edge = text[-1] if last else text[0]
    return PERSIAN_LETTER.match(edge) is not None and lexicon().zipf(strip_word(text)) > 0
