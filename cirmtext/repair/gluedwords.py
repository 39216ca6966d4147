"""What :func:`~.glued.split_glued_words` takes for one word: the word tests it never splits.

A token the lexicon does not know is still a word when it is a known word with inflections
(``نیازهایشان``, ``معتقدند``, ``کنندگان``), a derivational prefix before a word (``غیرعینی``,
``بازتوزیع``), a word before a derivational tail (``ساختارمند``, ``شهروندمحور``), or a
preverb or «می» before a verb (``برگیرد``): :func:`word_like`. A piece after a cut that ends a
compound (:func:`ends_compound`: ``محور``, ``نگاری``, ``گیری``) or ends many of the
lexicon's solid compounds (:func:`solid_tails`: ``خانه``) is no separate word either.
"""

from __future__ import annotations

import functools

from ..resources import hazm_verbs
from .affixes import PREVERBS, compound_tails, deverbal, verb_like
from .chardata import ZWNJ
from .detect import PROTECTED, Lexicon, lexicon

__all__ = ["DERIVATIONAL", "DERIVATIONAL_PREFIXES", "FUNCTION_WORDS", "INFLECTIONS", "SOLID_TAIL",
           "ends_compound", "is_infinitive", "solid_tails", "strip_inflection", "word_like"]

#: Function words that stand on their own and are often glued to a neighbour by a lost space.
FUNCTION_WORDS = PROTECTED | frozenset("برای هم نیز یا را است شد".split())

#: Inflectional suffixes, clitics and the short copula, longest first: a known word with these
#: is a word (``نیازهایشان``, ``معتقدند``, ``آنهاست``).
INFLECTIONS = tuple(sorted(set(
    "هایشان هایتان هایمان هایش هایت هایم هایی های ها ترین تر ان ات یان ی ای یی ام اش "
    "مان تان شان م ت ش یم ید ند اند ست ایم اید".split()), key=len, reverse=True))
#: Derivational suffixes and compound tails written solid (``ساختارمند``, ``گرایانه``); with
#: the lexicon's productive compound tails (:func:`~.affixes.compound_tails`) and deverbal
#: tails (``گیری``), a piece that is one of these (possibly inflected) ends a compound.
DERIVATIONAL = frozenset(
    "مند محور مدار وار واره انه یانه گرا گرایانه ناک گین ستان کده زار گاه بان نگار نگاری "
    "نگارانه ساز شناس شناسانه پذیر گیر آمیز بخش پرداز پرور خواه رسان زا سنج شکن گذار "
    "گزار نشین نویس یاب کار گر گری سالار پرست آور کش افزا انگیز فام گون گونه سار ور".split())
#: Prefixes written solid before a word (``غیرعینی``, ``ناهمسو``, ``فراارتباطی``).
DERIVATIONAL_PREFIXES = frozenset(
    "نا بی با هم غیر فرا باز پیش پس پسا ضد نیم خود چند تک کم پر خوش بد نو فوق ابر زیر "
    "سر فرو ذی".split())
#: First pieces that are prefixes only before a verb (``برگیرد``, ``درخواهند``).
_VERB_PREFIXES = PREVERBS | frozenset(("ن", "ب", "می", "نمی"))


def is_infinitive(word: str) -> bool:
    """Whether ``word`` is the infinitive of one of hazm's verbs (``رفتن``, ``بودن``).

    >>> is_infinitive("بردن"), is_infinitive("نیازید")
    (True, False)
    """
    return len(word) >= 3 and word.endswith("ن") and word[:-1] in _past_stems()


@functools.cache
def _past_stems() -> frozenset[str]:
    return frozenset(past.strip() for past, _present in hazm_verbs() if past.strip())


#: A word that ends at least this many of the lexicon's solid compounds of two common words
#: is a compound's tail after a letter that joins forward (``خانه``, ``خونه``, ``گاه``).
SOLID_TAIL = 5


@functools.cache
def solid_tails() -> dict[str, int]:
    """For each word, how many common words (Zipf >= 3) are a common word + it, written solid.

    Built once from the lexicon (about 0.2 s), on the first split the rule considers.

    >>> solid_tails()["خانه"] >= SOLID_TAIL, solid_tails().get("دولتی", 0) < SOLID_TAIL
    (True, True)
    """
    table = lexicon()._table
    solid = {w for w, z in table.items() if z >= 3.0 and ZWNJ not in w}
    tails: dict[str, int] = {}
    for word in solid:
        for i in range(2, len(word) - 1):
            if word[:i] in solid:
                tail = word[i:]
                tails[tail] = tails.get(tail, 0) + 1
    return tails


def ends_compound(piece: str) -> bool:
    """Whether ``piece`` is a compound tail (possibly inflected): ``محور``, ``نگاری``."""
    tails = compound_tails()
    for stem in (piece, *strip_inflection(piece)):
        if stem in DERIVATIONAL or tails.get(stem, 0) >= 5 or deverbal(stem):
            return stem not in FUNCTION_WORDS
    return False


def strip_inflection(word: str) -> list[str]:
    """``word`` without each inflection it ends with (stems of two letters or more)."""
    return [word[: -len(s)] for s in INFLECTIONS if word.endswith(s) and len(word) - len(s) >= 2]


@functools.lru_cache(maxsize=65536)
def word_like(word: str) -> bool:
    """Whether ``word`` is a word: known, inflected, derived, or a preverb with a verb.

    >>> word_like("معتقدند"), word_like("شهروندمحور"), word_like("غیرعینی")
    (True, True, True)
    >>> word_like("ادارهبرای"), word_like("حرکتدر")
    (False, False)
    """
    lex = lexicon()
    if lex.known(word):
        return True
    for stem in strip_inflection(word):
        if lex.is_word(stem) or _known_inflected(stem, lex):
            return True
        if stem.endswith("گ") and lex.is_word(stem[:-1] + "ه"):
            return True  # کنندگان, زندگی: «ه» + «گان»/«گی»
    if verb_like(word):
        return True
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        if head in _VERB_PREFIXES and (tail in lex.verb_forms or verb_like(tail)):
            return True
        if head in DERIVATIONAL_PREFIXES and len(tail) >= 2 and (
                lex.is_word(tail) or _known_inflected(tail, lex)):
            return True
        if len(head) >= 2 and lex.is_word(head) and _is_tail(tail):
            return True
    return False


def _known_inflected(word: str, lex: Lexicon) -> bool:
    """``word`` is a lexicon word with one more inflection (``معیارهایی``)."""
    return any(lex.is_word(stem) for stem in strip_inflection(word))


def _is_tail(piece: str) -> bool:
    return piece in DERIVATIONAL or any(stem in DERIVATIONAL for stem in strip_inflection(piece))
