"""Word formation that shows a compound or a suffix written with a space, in any document
that writes ZWNJs as spaces (see :func:`~.compounds.space_compound_changes`).

Three kinds of evidence, none a list of compounds:

* a plural with the copula or a comparative with a personal ending (:data:`ENDED_SUFFIXES`)
  after a word the lexicon knows with that suffix (:func:`takes_suffix`: ``سال هاست``,
  ``راحت ترند``);
* an Arabic compound the lexicon knows as a common word (:func:`arabic_compound`:
  ``علیه السلام``, ``بیت المال``);
* a productive tail plus «ان»/«ی» after a word with which the lexicon knows the tail
  (:func:`known_inflected`: ``سرمایه داران``).
"""

from __future__ import annotations

from .affixes import PRODUCTIVE_TAIL, compound_tails, stopword_set
from .chardata import DUAL_JOINING, ZWNJ
from .detect import PROTECTED, SOLID_ZIPF, Lexicon, adjectives

__all__ = ["ENDED_SUFFIXES", "arabic_compound", "known_inflected", "takes_suffix"]

#: A plural with the copula, or a comparative with a personal ending or a plural, and the
#: suffix each starts with: written after a ZWNJ like «ها» and «تر» themselves (``سال‌هاست``,
#: ``راحت‌ترند``, ``ضعیف‌ترها``), never a word of its own after a word that takes that suffix.
ENDED_SUFFIXES = {"هاست": "ها", "ترند": "تر", "تریم": "تر", "ترید": "تر", "ترها": "تر",
                  "ترهای": "تر"}


def known_inflected(a: str, b: str, lex: Lexicon) -> bool:
    """Whether ``b`` is a productive tail plus «ان» or «ی» and ``a`` and that tail make a
    compound the lexicon knows as a common word (``سرمایه داران``, ``اصلاح طلبان``): the
    lexicon rarely lists such a compound inflected.

    >>> from cirmtext.repair.detect import lexicon
    >>> known_inflected("سرمایه", "داران", lexicon()), known_inflected("سال", "هایی", lexicon())
    (True, False)
    """
    return any(b.endswith(end) and compound_tails().get(b[: -len(end)], 0) >= PRODUCTIVE_TAIL
               and lex.zipf(a + ZWNJ + b[: -len(end)]) >= SOLID_ZIPF
               and a + ZWNJ + b[: -len(end)] not in lex.verb_forms
               for end in ("ان", "ی") if len(b) - len(end) > 1)


def arabic_compound(a: str, b: str, lex: Lexicon) -> bool:
    """Whether ``a b`` is an Arabic compound the lexicon knows: ``b`` starts with the Arabic
    article «ال», ``a`` ends in a joining letter, and the lexicon has the two as one common
    word (Zipf >= 3; hazm merely lists «فی‌الارض», which PerDT writes with a space).

    In PerDT and Seraji such pairs are written with ZWNJ 42 times in 43 where the lexicon
    knows them, and mostly with a space where it does not (names: ``تیم القادسیه``).

    >>> from cirmtext.repair.detect import lexicon
    >>> arabic_compound("علیه", "السلام", lexicon()), arabic_compound("تیم", "الریان", lexicon())
    (True, False)
    """
    return (b.startswith("ال") and len(b) > 3 and a[-1] in DUAL_JOINING and a not in PROTECTED
            and max(lex.zipf(a + ZWNJ + b), lex.zipf(a + b)) >= SOLID_ZIPF)


def takes_suffix(word: str, suffix: str, lex: Lexicon) -> bool:
    """Whether ``word`` takes ``suffix`` («ها» or «تر») after a ZWNJ: it ends in a joining
    letter, is no function word, and the lexicon knows it with that suffix (or, for «تر», hazm
    tags it an adjective).

    >>> from cirmtext.repair.detect import lexicon
    >>> takes_suffix("سال", "ها", lexicon()), takes_suffix("راحت", "تر", lexicon())
    (True, True)
    >>> takes_suffix("این", "ها", lexicon()), takes_suffix("وب", "ها", lexicon())
    (False, False)
    """
    if word[-1] not in DUAL_JOINING or word in PROTECTED or word in stopword_set():
        return False
    if not lex.is_word(word):
        return False
    attested = lex.zipf(word + ZWNJ + suffix) > 0.0 or lex.zipf(word + suffix) > 0.0
    return attested or (suffix == "تر" and word in adjectives())
