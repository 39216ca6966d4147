"""Spoken Persian as interview transcripts write it: the word endings the lexicon lacks.

Transcripts keep speech: pronoun clitics in their spoken form (``اعتمادشون``, ``بودجه‌مون``,
``صداشون``), the spoken plural «ا» before them (``همکارامون``), the plural with a clitic
(``بازخوردهاش``), the spoken copula (``مهمه``, ``سازمانه``, ``ساده‌ست``, ``خسته‌ان``) and
spoken verb forms (``نمی‌ذاره``, ``می‌دونیم``, from hazm's spoken stems, see
:func:`cirmtext.resources.spoken_verb_forms`). A PDF or a careless typist breaks these words
like any other (``اعتماد شون``, ``مد یرای``), and the spacing stage can only join the pieces
back if it knows the whole is a word. This module says how good a word such a form is:
a solid stem (Zipf >= 3) with at most a plural, a clitic and a copula after it, each a step away
from the written word (:data:`STEP`). The pieces that never stand alone in speech either
(``شون``, ``هاش``) are fragments, like the written suffixes.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .chardata import ZWNJ

if TYPE_CHECKING:
    from .detect import Lexicon

__all__ = ["FRAGMENTS", "STEP", "analyses", "spoken_forms", "spoken_zipf"]

#: Spoken pronoun clitics: after a consonant (``کارشون``); after a vowel or the spoken plural
#: «ا» they take an «ا» (``صداشون``, ``همکارامون``), which the stem then ends in.
_CLITICS = ("شون", "مون", "تون")
#: The singular clitics, spoken as written, and only counted before a copula (``کارشه``):
#: on their own the written analysis already covers them.
_SINGULAR = ("ش", "م", "ت")
#: The plural with a clitic, written after a ZWNJ or solid (``بازخوردهاش``, ``حرف‌هامون``).
_PLURAL_CLITICS = ("هاشون", "هامون", "هاتون", "هاش", "هام", "هات")
#: Pieces that never stand alone: spoken clitics split off their word.
FRAGMENTS = frozenset((*_CLITICS, *(f"ا{c}" for c in _CLITICS), *_PLURAL_CLITICS))
#: Each step (plural, clitic, copula) costs this much Zipf against the stem.
STEP = 1.0


def _copulas(word: str) -> list[tuple[str, int]]:
    """``word`` without a spoken copula, and the steps that cost: ``مهمه`` → «مهم».

    The copula «ه» follows a consonant (``مهمه``, ``سازمانه``); «ست» a vowel (``ساده‌ست``,
    ``درخواست‌هاست``); «ان»/«ن», the plural copula, follows «ه» or «ی» with a ZWNJ
    (``خسته‌ان``, ``ناراضی‌ان``).
    """
    out = [(word, 0)]
    if len(word) > 3 and word[-1] == "ه" and word[-2] not in ("ه", ZWNJ):
        out.append((word[:-1], 1))
    if word.endswith("ست") and len(word) > 4 and word[-3] in "اوه\u200c":
        out.append((word[:-2].rstrip(ZWNJ), 1))
    if word.endswith(ZWNJ + "ان") and word[-4:-3] in ("ه", "ی"):
        out.append((word[:-3], 1))
    return out


def _clitics(word: str, copula: bool) -> list[tuple[str, int]]:
    """``word`` without a spoken clitic (``اعتمادشون`` → «اعتماد»), and the steps that cost."""
    out = [(word, 0)]
    for clitic in _CLITICS + (_SINGULAR if copula else ()):
        if word.endswith(clitic) and len(word) > len(clitic) + 1:
            stem = word[: -len(clitic)]
            if stem.endswith(ZWNJ):
                if stem[-2] not in ("ه", "ی"):
                    continue  # a ZWNJ before a clitic only after «ه» or «ی»
                stem = stem[:-1]
            out.append((stem, 1))
    return out


def _plurals(word: str, suffixed: bool) -> list[tuple[str, int]]:
    """``word`` without a plural: «ها» (with or without ZWNJ), or the spoken «ا» where a
    clitic or copula follows (``همکارامون``, ``آدماست``): alone, a piece in «ا» is far more
    often the first half of a word split after that letter (``عبدا لمالک``)."""
    out = [(word, 0)]
    if word.endswith("ها") and len(word) > 3:
        out.append((word[:-2].rstrip(ZWNJ), 1))
    elif suffixed and word.endswith("ا") and len(word) > 2 and word[-2] not in "اوه\u200c":
        out.append((word[:-1], 1))
    return out


def analyses(word: str) -> list[tuple[str, int]]:
    """Each way to read ``word`` as a stem with spoken endings: ``(stem, steps)``, steps > 0.

    >>> ("اعتماد", 1) in analyses("اعتمادشون"), ("همکار", 2) in analyses("همکارامون")
    (True, True)
    """
    out = []
    for without_copula, c in _copulas(word):
        for without_clitic, k in _clitics(without_copula, copula=c > 0):
            for stem, p in _plurals(without_clitic, suffixed=c + k > 0):
                if c + k + p:
                    out.append((stem, c + k + p))
    return out


def spoken_zipf(word: str, lex: Lexicon) -> float:
    """The Zipf a spoken form ``word`` earns from its stem, or 0.0 if it is none.

    A stem the lexicon counts as solid (:meth:`~.detect.Lexicon.solid`) with at least one
    spoken ending scores its Zipf less :data:`STEP` per ending.

    >>> from cirmtext.repair.detect import lexicon
    >>> [spoken_zipf(w, lexicon()) > 0 for w in ("اعتمادشون", "همکارامون", "کتابخ")]
    [True, True, False]
    """
    best = 0.0
    for stem, steps in analyses(word):
        if lex.solid(stem):
            best = max(best, lex.zipf(stem) - STEP * steps)
    return best


@functools.cache
def spoken_forms() -> frozenset[str]:
    """Spoken verb forms with a prefix (``نمی‌ذاره``, ``می‌دونیم``, ``بشه``), from hazm's
    spoken stems (see :func:`cirmtext.resources.spoken_verb_forms`), with «می» written with
    and without ZWNJ."""
    from ..resources import spoken_verb_forms

    return frozenset(spoken_verb_forms())
