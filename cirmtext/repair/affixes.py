"""What the spacing stage knows of Persian word formation: affixes, function words, verbs.

The spacing rules decide whether two pieces are one word, a word and its suffix, or a compound
written with ZWNJ. Those decisions rest on closed lists (the prefixes «می»/«نمی» and «بی», the
suffixes written after a ZWNJ, the bound first parts of compounds, the function words that never
join) and on hazm's verb stems, which tell a verb form (``گویند``) from a word that merely
looks like one. The lexicon-derived facts here are built once per process.
"""

from __future__ import annotations

import functools

from .chardata import ZWNJ
from .detect import PROTECTED, ZWNJ_TAILS, lexicon

__all__ = [
    "AFTER_HEH",
    "AFTER_YEH",
    "AGENT_ENDINGS",
    "COMPARATIVE",
    "COMPOUND_HEADS",
    "NON_TAILS",
    "NO_SUFFIX",
    "PLAIN_SUFFIXES",
    "PREFIXES",
    "PREVERBS",
    "PRODUCTIVE_TAIL",
    "RIGHT_PROTECTED",
    "ZWNJ_PREFIXES",
    "ZWNJ_SUFFIXES",
    "ZWNJ_TAILS",
    "compound_tails",
    "deverbal",
    "mi_prefix",
    "stopword_set",
    "verb_like",
]

#: Function words and auxiliaries: never the second part of a compound.
NON_TAILS = PROTECTED | frozenset(
    "را و هم نیز است هست بود شد شده شود باشد کرد کند کرده کردن دارد داشت".split())

#: Words never glued to the word before them.
RIGHT_PROTECTED = frozenset(("را", "و"))

#: Function words never take a suffix: «که ای» is «که» and the interjection «ای», «به ها» two
#: words. («این»/«آن» do: ``این‌ها``, ``آن‌ها``.)
NO_SUFFIX = (PROTECTED - {"این", "آن"}) | frozenset(("هم", "نیز", "اما", "ولی", "چون"))

#: Prefixes and bound first parts written before a ZWNJ in compounds (``ذی‌نفع``, ``بی‌کار``,
#: ``هم‌کار``, ``نا‌امن``, ``غیر‌دولتی``): a ZWNJ after one of them is never dropped.
COMPOUND_HEADS = frozenset(("ذی", "بی", "هم", "نا", "غیر", "نیم", "فرا", "پیش", "پس", "ضد",
                            "فوق", "خود", "پر", "کم", "چند", "تک"))

#: Suffixes written after a ZWNJ when the stem ends in a joining letter.
ZWNJ_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها",
                 "ترین", "تر", "ای", "ام", "ات", "اش", "ایم", "اید", "اند", "ی")
#: Suffixes written after a ZWNJ only after a final «ه» (``خانه‌ای``; but ``کتابم``).
AFTER_HEH = frozenset(("ای", "ام", "ات", "اش", "ی"))
#: Of those, the ones also written after ZWNJ after a final «ی» (``صندلی‌ام``, ``هنری‌اش``).
AFTER_YEH = frozenset(("ای", "ام", "ات", "اش"))
#: Suffixes joined directly (``شهروندان``, ``راهبردی``).
PLAIN_SUFFIXES = ("هایی", "های", "ها", "ترین", "تر", "ان", "ات", "ی", "یی", "ین", "یم", "ید",
                  "ند", "م", "ش", "ت")
PREFIXES = ("نمی", "می")
#: Comparative suffixes: a stem takes them only if hazm tags it adjective or adverb.
COMPARATIVE = frozenset(("تر", "ترین"))
#: Prefixes written with ZWNJ when the lexicon knows the compound (``بی‌نتیجه``).
ZWNJ_PREFIXES = frozenset(("بی",))

#: Preverbs written before «می» in one word (``برمی‌گردد``, ``بازمی‌گردانم``).
PREVERBS = frozenset(("بر", "باز", "فرو", "فرا", "وا", "ور", "در"))


#: «می»/«نمی», alone or after a preverb.
_MI_FORMS = frozenset((*PREFIXES, *(verb + mi for verb in PREVERBS for mi in PREFIXES)))


def mi_prefix(piece: str) -> bool:
    """Whether ``piece`` is «می»/«نمی», alone or after a preverb (``برمی``).

    >>> mi_prefix("نمی"), mi_prefix("برمی"), mi_prefix("میز")
    (True, True, False)
    """
    return piece in _MI_FORMS


_VERB_ENDINGS = ("ند", "ید", "یم", "م", "ی", "د", "ه", "")


@functools.cache
def _stems() -> frozenset[str]:
    from ..resources import hazm_verbs

    return frozenset(stem.strip() for pair in hazm_verbs() for stem in pair if stem.strip())


def verb_like(word: str) -> bool:
    """Whether ``word`` is a past or present stem of hazm's verbs plus a personal ending.

    >>> verb_like("توانسته"), verb_like("لیگ")
    (True, False)
    """
    stems = _stems()
    for ending in _VERB_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            if word[: len(word) - len(ending)] in stems:
                return True
    return False


@functools.cache
def stopword_set() -> frozenset[str]:
    """Hazm's stopwords (function words), loaded once.

    >>> "که" in stopword_set(), "مدیریت" in stopword_set()
    (True, False)
    """
    from ..resources import hazm_stopwords

    return hazm_stopwords()


#: Compounds with ZWNJ in the lexicon that a word must end, as their second part, to count as a
#: productive compound tail (``آموز``, ``گذار``, ``برداری``; but not ``طور``, ``بشر``).
PRODUCTIVE_TAIL = 5


@functools.cache
def compound_tails() -> dict[str, int]:
    """For each word, how many compounds «x‌word» of two common words (Zipf >= 3) the lexicon has.

    A word that ends many compounds is a productive second part (``دانش‌آموز``, ``نو‌آموز``);
    one that ends few is more often a separate word in a phrase (``حقوق بشر``).

    >>> compound_tails()["گذاری"] > 5, compound_tails().get("بشر", 0) < 5
    (True, True)
    """
    lex = lexicon()
    tails: dict[str, int] = {}
    for word in lex.words_with_zwnj():
        head, _, tail = word.partition(ZWNJ)
        if ZWNJ not in tail and lex.solid(head) and lex.solid(tail):
            tails[tail] = tails.get(tail, 0) + 1
    return tails


@functools.cache
def _present_stems() -> frozenset[str]:
    from ..resources import hazm_verbs

    return frozenset(present.strip() for _past, present in hazm_verbs() if present.strip())


#: Endings of agent nouns and their derivatives («کننده», «کنندگان», «کنندگی»).
AGENT_ENDINGS = ("نده", "ندگان", "ندگی")


def deverbal(word: str) -> bool:
    """Whether ``word`` is a present stem + ی / نده / ندگی / ش: a compound's tail.

    Bare stems (``دار``, ``بر``) are not enough: most are also common words.

    >>> deverbal("گیری"), deverbal("بنزین")
    (True, False)
    """
    stems = _present_stems()
    for ending in ("ی", "نده", "ندگان", "ندگی", "ش"):
        if word.endswith(ending) and word[: -len(ending)] in stems:
            return True
    return False


