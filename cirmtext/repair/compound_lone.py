"""Compounds written with a space in a short text repaired on its own (a sentence, a line).

A lone line of a PDF whose extractor writes ZWNJs as spaces, or a short text that writes some
of its ZWNJs as spaces, shows too little of its writer's habit for :mod:`.compounds`' document
evidence: it never repeats a compound to show its own spelling, and one sure ZWNJ place written
with a space is too few to call it heavily damaged (:func:`~.compound_evidence.unmarked_damaged`).
:func:`lone_compound` says which pairs such a text closes on what the lexicon alone says of them
(:func:`~.compounds.space_compound_changes` decides which texts qualify: ``LONE_SIGNS``,
``LONE_WORDS``).
"""

from __future__ import annotations

import functools

from .affixes import COMPOUND_HEADS, NON_TAILS, stopword_set
from .chardata import DUAL_JOINING
from .compound_evidence import (
    ZWNJ_TAIL_ENDINGS,
    associated,
    inflected_stems,
    lexicon_says,
)
from .detect import Lexicon

__all__ = ["lone_compound"]

#: Agent nouns of the light verbs of compound verbs (کردن، دادن، شدن، گرفتن، داشتن، یافتن).
_LIGHT_AGENTS = frozenset(stem + end for stem in ("کن", "ده", "شو", "گیر", "دار", "یاب")
                          for end in ("نده", "ندگان", "ندگی"))


@functools.lru_cache(maxsize=65536)
def lone_compound(a: str, b: str, lex: Lexicon) -> bool:
    """Whether ``a b`` is one word in a text that writes no ZWNJ and writes one sure ZWNJ
    place with a space (too few for :func:`~.compound_evidence.unmarked_damaged`), or in a
    short text that writes some ZWNJs as spaces (see
    :func:`~.compounds.space_compound_changes`).

    One sign says the text's extractor writes ZWNJs as spaces, not that every space is one, so
    only what the lexicon says of the pair is heard (the association, bound tails, light
    verbs' agent nouns and known compounds of a productive tail of
    :func:`~.compound_evidence.heavy_compound`; not a productive head before a word the
    lexicon does not know, ``نیمه ساختارمند``, nor the document's own spelling), and no
    function word may be the first part but the prefixes that start compounds
    (:data:`~.affixes.COMPOUND_HEADS`: ``پیش نیاز``, ``هم پوشانی``): a determiner or
    demonstrative before a word (``همان طور``, ``یک میلیون``, ``این جا``) is as often
    written apart by careful writers (the treebanks) as joined. Nor may the first part end in
    a letter that does not join: the pair would be written solid, a new word on weak evidence
    (``رضا شاه``, ``دبیر کل``), unless the second is a light verb's agent noun
    (``تایید کننده`` → ``تاییدکننده``, as the treebanks write such nouns).

    >>> from cirmtext.repair.detect import lexicon
    >>> [lone_compound(a, b, lexicon()) for a, b in (("نقل", "قول"), ("پیش", "نیاز"),
    ...                                               ("همان", "طور"), ("حقوق", "بشر"))]
    [True, True, False, False]
    """
    if (a[-1] not in DUAL_JOINING and b not in _LIGHT_AGENTS) or _determiner(a):
        return False
    if a in NON_TAILS and a in COMPOUND_HEADS and b not in stopword_set():
        # «هم» is the adverb as often as a prefix: only a compound the lexicon sees far more
        # often than chance (``هم اکنون``, ``هم میهن``; ``هم کار`` stays)
        return associated(a, b, lex)
    return lexicon_says(a, b, lex, False) or any(
        lexicon_says(a, stem, lex, False)
        for stem in inflected_stems(b, lex, ZWNJ_TAIL_ENDINGS))


#: hazm's tags of a function word that may not start a compound on one sign: determiners,
#: numerals, pronouns, prepositions, conjunctions (``همان``, ``یک``, ``این``, ``برای``).
_FUNCTION_TAGS = frozenset(("DET", "NUM", "PRO", "P", "CONJ"))


def _determiner(word: str) -> bool:
    """Whether ``word`` is a function word of hazm's stopword list that hazm tags as a
    determiner, numeral, pronoun, preposition or conjunction, and no prefix that starts
    compounds (:data:`~.affixes.COMPOUND_HEADS`: ``هم``, ``پیش``, ``نیم``).

    >>> _determiner("همان"), _determiner("یک"), _determiner("بخش"), _determiner("پیش")
    (True, True, False, False)
    """
    from ..resources import word_tags

    return (word in stopword_set() and word not in COMPOUND_HEADS
            and bool(_FUNCTION_TAGS & (word_tags().get(word) or frozenset())))
