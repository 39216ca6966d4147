"""Lemmas of single words: verbs by conjugation table, nouns and adjectives by suffix rules.

The rules work over hazm's lexicon (``words.dat``: words with part-of-speech tags and
frequencies) and verb list (``verbs.dat``), with Universal Dependencies conventions: a verb's
lemma is its past stem (``می‌روند`` → ``رفت``), a plural noun's its singular, Arabic broken
plurals included (:mod:`cirmtext.tokenize.plurals`). Inflectional suffixes (plural ``ها`` with
or without ZWNJ, ``ان``, ``ات``, ``ین``, the indefinite or ezafe ``ی``, comparative ``تر``,
pronoun and copula clitics, ezafe ``هٔ``) are stripped only when what remains is a word the
lexicon lists. :func:`cirmtext.tokenize.tokenize` attaches these lemmas to its tokens.

>>> lemmatize("می‌خواهند"), lemmatize("سازمان‌های"), lemmatize("افکارشان")
('خواست', 'سازمان', 'فکر')
"""

from __future__ import annotations

import functools
import re

from ..records import Lemma
from ..resources import (
    LIGHT_VERBS,
    hazm_stopwords,
    spoken_verb_forms,
    verb_forms,
    word_frequencies,
    word_tags,
)
from .plurals import broken_plural_singular

__all__ = ["is_participle", "lemma", "lemmatize", "normal_form", "past_stems"]

ZWNJ = "\u200c"

_TRANSLATE = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "هٔ", "\u0640": None,
                            "\u064e": None, "\u064f": None, "\u0650": None, "\u0652": None})


#: Closed-class words whose UD lemma is not their form and not found by rule.
_SPECIAL: dict[str, Lemma] = {
    "مرا": Lemma("من"), "ترا": Lemma("تو"),
    "اینها": Lemma("اینها"), "آنها": Lemma("آنها"),
    "این‌ها": Lemma("اینها"), "آن‌ها": Lemma("آنها"), "اینان": Lemma("اینان"), "آنان": Lemma("آنان"),
    "است": Lemma("است", "است"), "نیست": Lemma("هست", "هست"), "هست": Lemma("هست", "هست"),
    "کن": Lemma("کرد", "کن"), "باش": Lemma("بود", "باش"),
    "بهتر": Lemma("به"), "بهترین": Lemma("به"),
    "دیگران": Lemma("دیگری"),  # the plural pronoun: PerDT and Seraji agree
    "باید": Lemma("بایست", "بای"), "نباید": Lemma("بایست", "بای"),
    "می‌توان": Lemma("توان", "توان"), "نمی‌توان": Lemma("توان", "توان"),
    "بتوان": Lemma("توان", "توان"), "نتوان": Lemma("توان", "توان"),
}


for _ending in ("م", "ی", "یم", "ید", "ند"):
    _SPECIAL["هست" + _ending] = _SPECIAL["نیست" + _ending] = Lemma("هست", "هست")


_CLITIC = r"(?:ام|ات|اش|ایم|اید|اند|است|مان|تان|شان|م|ت|ش|یم|ید|ند|ست)"


_CLITIC_RE = re.compile(_CLITIC)


_ZWNJ_TAIL = re.compile(rf"(?:تر(?:ین)?)?(?:ها|ان)?(?:ی|یی|ای|ایی)?{_CLITIC}?")


_PRONOUNS = frozenset({"ش", "م", "ت", "شان", "تان", "مان"})


#: Number words, whose plural (هزاران، صدها) means "very many" and keeps the plural as lemma.
_NUMERALS = frozenset({"ده", "صد", "هزار", "میلیون", "میلیارد"})


_PREVERBS = ("بر", "در", "فرو", "فرا", "باز", "وا", "ور")


_PLURALS = ("ها", "های", "ان", "یان", "یات", "ات")


_ATTACHED = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها",
             "ترین", "تری", "تر", "شان", "تان", "مان", "یان", "ان", "یات", "ات", "یی", "ی", "ش",
             "م", "ت")


def normal_form(word: str) -> str:
    """``word`` as the lexicons spell it: Persian «ی»/«ک», no kashida, vowels or edge ZWNJ."""
    word = word.translate(_TRANSLATE).strip(ZWNJ)
    if word.endswith("هٔ"):
        word = word[:-1]
    return word.replace("\u0654", "") if "\u0654" in word and "ؤ" not in word else word


@functools.lru_cache(maxsize=262_144)
def lemma(word: str) -> Lemma:
    """The dictionary form of one word, as a :class:`Lemma`.

    >>> lemma("می‌روند")
    Lemma(text='رفت', present='رو')
    >>> lemma("کتاب‌ها"), lemma("دربارهٔ")
    (Lemma(text='کتاب', present=None), Lemma(text='درباره', present=None))
    """
    w = normal_form(word)
    if not w:
        return Lemma(word)
    if word.endswith(("هٔ", "ۀ")) and is_participle(w):
        return Lemma(w)  # «گفتهٔ او»: a participle with ezafe is a noun
    if w in _SPECIAL:
        return _SPECIAL[w]
    if not ("\u0621" <= w[0] <= "\u06ff"):
        return Lemma(w)
    known = word_tags()
    verb = verb_forms().get(w)
    if verb is not None and not known.get(w, frozenset()) & {"P", "CONJ"} and (
            verb[0] in LIGHT_VERBS or (
            not verb[2] and (w not in known or _has_verb_prefix(w) or _verbal_participle(w))
            and not _noun_with_yeh(w, verb[0], known))):
        return Lemma(verb[0], verb[1])
    if (w in hazm_stopwords() or w.startswith("خود")) and ZWNJ not in w:
        return Lemma(_closed_class(w, known))
    spoken = spoken_verb_forms().get(w)
    if spoken is not None and w not in known and w.startswith(("می", "نمی")):
        return Lemma(spoken[0], spoken[1])  # می‌گم، نمی‌دونم: speech written as spoken
    if _sound_plural(w, known):
        return Lemma(w[:-2])
    if w in known:
        if "PL" in known[w]:
            return Lemma(_strip_suffixes(w, known, _PLURALS) or broken_plural_singular(w) or w)
        if w.endswith("گان") and w[:-3] + "ه" in known:
            return Lemma(w[:-3] + "ه")  # نویسندگان → نویسنده
        return Lemma(_ezafe_after_vowel(w, known) or _comparative(w, known))
    for preverb in _PREVERBS:  # «برمی‌گشت»: UD lemmatises a prefixed verb to the simple verb
        rest = w.removeprefix(preverb)
        entry = verb_forms().get(rest)
        if rest != w and entry is not None and not entry[2] and len(rest) > 2:
            return Lemma(entry[0], entry[1])
    copula = _copula_host(w, known)
    if copula:
        return Lemma(copula)
    stem = _strip_suffixes(w, known, _ATTACHED)
    if stem:
        return Lemma(_comparative(stem, known))
    if verb is not None and not _noun_with_yeh(w, verb[0], known):
        return Lemma(verb[0], verb[1])
    if spoken is not None:
        return Lemma(spoken[0], spoken[1])
    return Lemma(w)


def _sound_plural(w: str, known: dict[str, frozenset[str]]) -> bool:
    """An Arabic participle (مُفعِل، مُتَفَعِّل...) with the plural ین: «مسئولین» → «مسئول»."""
    stem = w[:-2]
    return (w.endswith("ین") and len(stem) >= 4 and stem[0] == "م"
            and bool(known.get(stem, frozenset()) & {"N", "AJ"}))


def _noun_with_yeh(w: str, past: str, known: dict[str, frozenset[str]]) -> bool:
    """Whether ``w`` reads better as a common noun or adjective + ی (نیازی، بلندی) than as
    the 2nd singular of a rarer verb (نیازی «you do not stretch»): by hazm's frequencies of
    the bare word and of the verb's participle."""
    freqs = word_frequencies()
    stem = w[:-1]
    return (w.endswith("ی") and not w.startswith("می") and bool(known.get(stem, frozenset())
            & {"N", "AJ"}) and freqs.get(stem, 0) > freqs.get(past + "ه", 0))


def _copula_host(w: str, known: dict[str, frozenset[str]]) -> str | None:
    """The adjective under a copula clitic (معتقدند، موافقیم) or any word under «ست» after a
    vowel (کافیست، پیداست); the 2nd singular ی is left out, it reads as the indefinite."""
    if w.endswith("ست") and w[-3:-2] in ("ا", "و", "ی") and w[:-2] in known:
        return w[:-2]
    for ending in ("ند", "یم", "ید"):
        if w.endswith(ending) and "AJ" in known.get(w[:-2], frozenset()) and len(w) > 4:
            return w[:-2]
    return None


def _closed_class(w: str, known: dict[str, frozenset[str]]) -> str:
    """Function words keep their form (آنها، خودشان) except indefinite nouns (کسی، کسانی)."""
    if w.startswith("خود") and _CLITIC_RE.fullmatch(w[3:]):
        return w
    if w.endswith("یی") and w[-3:-2] in ("ا", "و") and w[:-2] in known:
        return w[:-2]
    if w.endswith("ی") and w not in known:
        stem = w[:-1]
        if stem.endswith("تر"):
            return _comparative(stem, known)
        if stem.endswith("ان") and _indefinite(stem[:-2], known):
            return stem[:-2]
        if _indefinite(stem, known):
            return broken_plural_singular(stem) or stem  # افرادی → فرد
    return _ezafe_after_vowel(w, known) or broken_plural_singular(w) or _comparative(w, known)


def _verbal_participle(w: str) -> bool:
    """A past participle (رفته، مانده) that hazm's lexicon does not also give as an adverb or
    conjunction (گذشته) is read as the verb: in running text it mostly is one."""
    return is_participle(w) and not word_tags().get(w, frozenset()) & {"ADV", "CONJ"}


def _has_verb_prefix(w: str) -> bool:
    return w.startswith(("می‌", "نمی‌")) or ZWNJ + "ا" in w[-5:]


def _ezafe_after_vowel(w: str, known: dict[str, frozenset[str]]) -> str | None:
    """``جای`` → ``جا``: ezafe ی after a long vowel, when the bare word is far more common."""
    stem = w[:-1]
    if (w.endswith("ی") and stem[-1:] in ("ا", "و") and stem in known
            and not known[stem] & {"P", "PRO"}):
        freqs = word_frequencies()
        if freqs.get(stem, 0) > 10 * freqs.get(w, 0):
            return stem
    return None


def _comparative(w: str, known: dict[str, frozenset[str]]) -> str:
    """``بیشتر`` → ``بیش``: a comparative of a known adjective (not ``دکتر``)."""
    if w in known and "AJ" not in known[w]:
        return w
    freqs = word_frequencies()
    for suffix in ("ترین", "تری", "تر"):
        stem = w.removesuffix(suffix).removesuffix(ZWNJ)
        tags = known.get(stem, frozenset())
        # the adjective must not be a preposition (برتر) nor far rarer than the word (دکتر)
        if (stem != w and len(stem) > 1 and "AJ" in tags and "P" not in tags
                and freqs.get(stem, 0) * 10 >= freqs.get(w, 0)):
            return stem
    return w


def _strip_suffixes(w: str, known: dict[str, frozenset[str]],
                    suffixes: tuple[str, ...], *, top: bool = True) -> str | None:
    """The known word left after removing inflectional suffixes, or ``None``.

    A bare ``ی`` is removed only after a long vowel (``صدای``) or from a closed-class word
    (``کسی``, ``چیزی``): elsewhere it is as often the adjective suffix (``اسلامی``), which
    Universal Dependencies keeps in the lemma.
    """
    if ZWNJ in w:
        parts = w.split(ZWNJ)
        for i in range(len(parts) - 1, 0, -1):
            head, tail = ZWNJ.join(parts[:i]), "".join(parts[i:])
            if _ZWNJ_TAIL.fullmatch(tail) and (head in known or head in verb_forms()):
                return head if head in known else verb_forms()[head][0]
            if i == len(parts) - 1 and tail.startswith("ها") and _ZWNJ_TAIL.fullmatch(tail):
                return head  # «تیم‌های»: ZWNJ + ها is a plural whatever the head is
    for suffix in suffixes:
        stem = w.removesuffix(suffix)
        if stem == w or len(stem) < 2:
            continue
        after_vowel = stem[-1] in "اوی" and not known.get(stem, frozenset()) & {"P", "PRO"}
        # the adjective suffix ی does not follow a plural: «مواردی», «تحقیقاتی» lose it
        if suffix in ("ی", "یی") and not (
                after_vowel or "PL" in known.get(stem, frozenset())
                or (w in hazm_stopwords() and _indefinite(stem, known))):
            continue
        if suffix.endswith("ان") and stem.endswith("گ"):
            stem = stem[:-1] + "ه"
        if stem in _NUMERALS:
            continue  # هزاران، صدها

        candidates = [stem]
        if suffix.endswith("ات"):  # تجربیات → تجربه، کلمات → کلمه، خدمات → خدمت
            candidates = [stem + "ه", stem + "ت"] + ([] if suffix == "یات" else [stem])
        elif suffix == "یان" and stem[-1] not in "اوی" and stem + "ی" in word_frequencies():
            # after a consonant یان is ی + ان: ایرانیان → ایرانی (دانشجویان → دانشجو)
            return stem + "ی"
        # a pronoun, or a plural written without ZWNJ (older spelling: «جراحیها»), on a word
        # hazm does not list, whose stem hazm lists untagged: «تیمش», «بیماریهای»
        loose = (suffix in _PRONOUNS or suffix.startswith("ها")) and top and (
            w not in word_frequencies())
        # a broken plural under the suffix counts as its singular: «افرادی» → «فرد»
        if not suffix.endswith("ات"):
            candidates = [broken_plural_singular(c) or c for c in candidates]
        candidates = [c for c in candidates if (c in known and "PL" not in known[c]) or (
            loose and len(c) > 2 and c in word_frequencies())]
        if suffix.startswith("تر"):  # only an adjective has a comparative: not «کیلومتری»
            candidates = [c for c in candidates if known.get(c, frozenset()) & {"AJ", "ADV"}]
        if candidates:
            if suffix == "ات" and len(candidates) > 1 and candidates[-1] == stem:
                candidates.pop()  # ضربات → ضربه rather than ضرب: ات replaces a final ه or ت
            return max(candidates, key=lambda c: word_frequencies().get(c, 0))
        deeper = (_strip_suffixes(stem, known, suffixes, top=False)
                  if len(stem) > 2 and not suffix.startswith("تر") else None)
        if deeper:
            return deeper
    return None


def _indefinite(stem: str, known: dict[str, frozenset[str]]) -> bool:
    """Whether ``stem`` + ی reads as an indefinite noun (کسی، وقتی): a noun, not a quantifier."""
    tags = known.get(stem, frozenset())
    return "N" in tags and not tags & {"ADV", "DET", "PRO", "NUM", "P", "CONJ"}


def lemmatize(word: str) -> str:
    """hazm-like shortcut: the lemma as a string (a verb's past stem).

    >>> lemmatize("می‌گوییم"), lemmatize("شهروندان")
    ('گفت', 'شهروند')
    """
    return lemma(word).text


@functools.cache
def past_stems() -> frozenset[str]:
    """Every past stem of the verbs in :func:`~cirmtext.resources.verb_forms`."""
    return frozenset(entry[0] for entry in verb_forms().values())


def is_participle(w: str) -> bool:
    """Whether ``w`` is a past stem + «ه» (``رفته``), possibly after one letter (``نرفته``)."""
    return w.endswith("ه") and (w[:-1] in past_stems() or w[1:-1] in past_stems())
