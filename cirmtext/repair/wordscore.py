"""How good a piece is as a Persian word: the score the spacing plans maximise.

A piece scores its Zipf frequency less 9 (so that every known word scores below zero and a
plan with fewer, longer words is not favoured for its own sake); a piece the lexicon does not
know scores :data:`UNKNOWN` below that and :data:`PER_LETTER` less per letter, so that gluing
two unknown fragments together is never a gain by itself; a lone fragment (a letter, «ها»)
scores :data:`FRAGMENT` less again. A word the lexicon lacks but that is a known word plus an
affix (``می‌`` + a verb form hazm's list lacks, a stem + ``‌ها``, ``ترین``, ``ان``...) scores
as its stem less :data:`MORPH`; a preverb + a past stem hazm lists + «ه» (``بازفرستاده``, a
participle hazm lacks, and with a suffix ``بازفرستاده‌اند``) as that stem less twice that.
"""

from __future__ import annotations

import functools

from ..resources import word_frequencies
from .affixes import (
    AFTER_HEH,
    AFTER_YEH,
    COMPARATIVE,
    PLAIN_SUFFIXES,
    PREVERBS,
    ZWNJ_PREFIXES,
    ZWNJ_SUFFIXES,
    mi_prefix,
    stopword_set,
    verb_like,
)
from .chardata import DUAL_JOINING, ZWNJ
from .detect import FRAGMENTS, Lexicon, adjectives, lexicon
from .spoken import analyses, spoken_zipf

__all__ = ["CLITICS", "FRAGMENT", "MORPH", "PER_LETTER", "SUPERLATIVE", "UNKNOWN", "WordScorer",
           "listed", "word_scorer"]

UNKNOWN = 13.0  # penalty of an unknown word, on top of the Zipf scale
PER_LETTER = 1.2  # and per letter of it
FRAGMENT = 2.0  # extra penalty for a fragment standing alone
MORPH = 1.0  # penalty for a word known only as stem + affix


#: The superlative suffix: never a word of its own, so after a ZWNJ it follows an adjective
#: hazm's lexicon may lack (``ایده‌آل‌ترین``), where «تر» must follow one hazm tags so
#: (``پسماند تر``, wet waste, is two words).
SUPERLATIVE = "ترین"
#: Pronominal clitics, written solid after any stem (``مادرمان``, ``وجودشان``), with the
#: suffixes joined directly (:data:`~.affixes.PLAIN_SUFFIXES`).
CLITICS = ("مان", "تان", "شان")
#: Written solid too: the suffix of adverbs and adjectives «انه» (``ناقدانه``, ``عوامانه``).
#: (The plural with a clitic, ``همکارهایم``, is left out: after «د» it reads as well as
#: «ه» + «ایم», ``بردهایم``.)
_SOLID_EXTRA = ("انه",)
_SUFFIXES = (*CLITICS, *PLAIN_SUFFIXES, *_SOLID_EXTRA)
#: The plural suffix with its endings, written after a ZWNJ.
_PLURAL_SUFFIXES = frozenset(suffix for suffix in ZWNJ_SUFFIXES if suffix.startswith("ها"))


def _unknown(word: str) -> float:
    return -UNKNOWN - PER_LETTER * len(word.replace(ZWNJ, ""))


def _participle(word: str) -> bool:
    """Whether ``word`` has the shape of a past participle: a past stem in «د»/«ت» and «ه»."""
    return len(word) > 3 and word[-1] == "ه" and word[-2] in "دت" and ZWNJ not in word


class WordScorer:
    """Word scores with a cache; one per lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.cache: dict[str, float] = {}
        #: The words scored only as spoken forms (:mod:`.spoken`): a span glued into one of
        #: them is vetoed like an unknown word if it glues a function word.
        self.spoken: set[str] = set()
        #: The score of each fragment standing alone; a prefix written with ZWNJ («بی»)
        #: standing alone scores as a word the lexicon does not know (web lists count it
        #: often only because the web writes «بی معنا» with a space).
        self.fragments = {word: _unknown(word) - FRAGMENT for word in FRAGMENTS}
        self.fragments.update((word, _unknown(word)) for word in ZWNJ_PREFIXES)

    def piece(self, word: str) -> float:
        """Score of a piece standing alone (fragments are penalised)."""
        score = self.fragments.get(word)
        return self.word(word) if score is None else score

    def word(self, word: str) -> float:
        """Score of ``word`` as a word (cached)."""
        cached = self.cache.get(word)
        if cached is None:
            cached = self.cache[word] = self._word(word)
        return cached

    def _compound(self, stem: str) -> float:
        """Score of ``stem``, written with ZWNJ, as a compound whose solid spelling the lexicon
        knows (its Zipf less :data:`MORPH`; unknown otherwise).

        >>> [word_scorer()._compound(w) > -UNKNOWN for w in ("هم\u200cپوشانی", "راه\u200cانداخته")]
        [True, False]
        """
        solid = self.lex.zipf(stem.replace(ZWNJ, ""))
        return solid - 9.0 - MORPH if solid else _unknown(stem)

    def _word(self, word: str) -> float:
        z = self.lex.zipf(word)
        if z > 0:
            return z - 9.0
        best = _unknown(word)
        head, sep, tail = word.partition(ZWNJ)
        if sep and ((mi_prefix(head) and verb_like(tail))
                    or (head in ZWNJ_PREFIXES and tail not in stopword_set())) \
                and self.lex.is_word(tail):
            # «می‌» + a word (a verb form hazm's list lacks), «بی‌» + a word
            best = max(best, max(self.lex.zipf(tail), 2.0) - 9.0 - MORPH)
        for suffix in ZWNJ_SUFFIXES if sep else ():
            marked = ZWNJ + suffix
            if word.endswith(marked):
                stem = word[: -len(marked)]
                if suffix in AFTER_HEH and not stem.endswith("ه") and not (
                        stem.endswith("ی") and suffix in AFTER_YEH):
                    continue
                if suffix in COMPARATIVE and stem not in adjectives() and not (
                        suffix == SUPERLATIVE and self.lex.solid(stem)
                        and stem not in stopword_set()):
                    continue  # (the superlative, no word alone, after any common word)
                if self.lex.is_word(stem):
                    best = max(best, self.lex.zipf(stem) - 9.0 - MORPH)
                elif (ZWNJ in stem and stem.partition(ZWNJ)[0] in ZWNJ_PREFIXES) or (
                        suffix not in COMPARATIVE and _participle(stem)):
                    # «بی‌انصافی‌ها»: a prefix + a word, then a suffix; «بازتابیده‌اند»:
                    # a past participle, then a suffix
                    inner = self.word(stem)
                    if inner > _unknown(stem):
                        best = max(best, inner - MORPH)
                elif (suffix in _PLURAL_SUFFIXES and stem.endswith("ی")
                        and self.lex.solid(stem[:-1])):
                    # «دیالیزی‌ها»: the plural of a common word's adjective in «ی»
                    best = max(best, self.lex.zipf(stem[:-1]) - 9.0 - 2 * MORPH)
                elif ZWNJ in stem and suffix not in COMPARATIVE:
                    # «هم‌پوشانی‌های»: a compound written with ZWNJ whose letters make a
                    # word the lexicon knows, then a suffix
                    best = max(best, self._compound(stem) - MORPH)
        if _participle(word):
            # «بازفرستاده»: a preverb and a past stem hazm lists, and «ه»
            stem = word[:-1]
            for preverb in PREVERBS:
                verb = stem[len(preverb):]
                if stem.startswith(preverb) and len(verb) > 1 and verb in self.lex.verb_forms:
                    best = max(best, max(self.lex.zipf(verb), 2.0) - 9.0 - 2 * MORPH)
        for suffix in _SUFFIXES if word.endswith(_SUFFIXES) else ():
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                stem = word[: -len(suffix)]
                if stem[-1] == ZWNJ or (stem[-1] in DUAL_JOINING and suffix.startswith("ه")):
                    continue
                if suffix in COMPARATIVE and stem not in adjectives():
                    continue  # «پسماند تر» (wet waste): only adjectives take «تر»
                if self.lex.is_word(stem) and ZWNJ not in stem:
                    best = max(best, self.lex.zipf(stem) - 9.0 - MORPH - 0.5)
        if best == _unknown(word):
            # speech: «اعتمادشون», «همکارامون», «مهمه»
            spoken = spoken_zipf(word, self.lex)
            if spoken:
                best = spoken - 9.0 - MORPH
                self.spoken.add(word)
        return best


@functools.cache
def word_scorer() -> WordScorer:
    """The shared :class:`WordScorer` of the bundled lexicon (built once)."""
    return WordScorer(lexicon())


def listed(word: str, lex: Lexicon) -> bool:
    """Whether hazm's lexicon or verb list has ``word``, or ``word`` less a suffix (written, or
    spoken: :func:`~.spoken.analyses`).

    Web word lists (:mod:`.detect`'s wordfreq table) also hold common phrases written solid
    («موادمخدر», «سیدمحمد»); hazm's lexicon, a dictionary's, holds far fewer. Two words are
    joined into one only if it is listed there (``خبرنگاران`` is «خبرنگار» + «ان»).

    >>> from cirmtext.repair.detect import lexicon
    >>> listed("خبرنگاران", lexicon()), listed("موادمخدر", lexicon())
    (True, False)
    """
    words = word_frequencies()
    if word in words or word in lex.verb_forms:
        return True
    for suffix in (*CLITICS, *PLAIN_SUFFIXES, *ZWNJ_SUFFIXES):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)].rstrip(ZWNJ)
            if stem in words or stem in lex.verb_forms:
                return True
    return any(stem in words and lex.solid(stem) for stem, _ in analyses(word))
