"""Compounds written with a space in a document that writes (nearly) all its ZWNJs as spaces.

A PDF whose extractor turns every ZWNJ into a space (:func:`heavily_damaged`: at least
:data:`HEAVY_SHARE` of the document's sure ZWNJ places have a space) never shows a compound
written with ZWNJ: the document's own evidence is gone, and the rules of
:mod:`~.compounds` that wait for it leave ``صاحب نظران``, ``پیش نیاز``, ``روش شناسی`` apart.
In such a document a space between two words is a lost ZWNJ as often as a real space, so
:func:`heavy_compound` closes a pair on weaker evidence, each kind read from data shipped with
cirmtext or from the document itself, never from a list of compounds:

* **the document's own spelling**: the two words written joined elsewhere in the document
  (``شهروندمحور`` after a letter that does not join, where no space was made);
* **association**: the lexicon knows the compound (with ZWNJ or solid, Zipf >=
  :data:`COMPOUND_ZIPF`) at least :data:`ASSOCIATION` orders of magnitude more often than two
  independent words that frequent would meet (``پیش‌نیاز``, ``صاحب‌نظران``), or
  :data:`ASSOCIATION_UNLISTED` if hazm does not list it (``ایده‌آل``; not ``حقوق بشر``,
  ``یک بار``);
* **a known compound of a productive tail**: the lexicon knows the compound with ZWNJ at
  Zipf >= :data:`COMPOUND_ZIPF` and its second part ends :data:`PRODUCTIVE_TAIL` compounds
  (``بخش‌بندی``, however common «بخش» and «بندی» are alone);
* **a bound tail**: a second part that ends many compounds, that hazm's corpus never counts
  alone and whose stem is no common word (``گرایی``, ``پذیری``; not ``زنان``, ``ماهی``);
* **a tail of this document**: a productive second part (:data:`PRODUCTIVE_TAIL` compounds in
  hazm's lexicon or the frequency table) that the document writes joined to another word
  (``فلسفه محور`` in a text that writes ``شهروندمحور``; ``شخص محوری`` too);
* **a productive head before a word the lexicon does not know** (``نیمه ساختارمند``): the
  head cannot stand before it as a word of its own;
* the agent noun of a light verb after a word ending in a letter that does not join
  (``تایید کننده``).

A pair whose first word ends in a letter that does not join is closed without ZWNJ
(``شهروندمحور``, ``تاییدکننده``: the spelling of hazm's lexicon, the treebanks and our
transcripts); other pairs get a ZWNJ. Function words never take part (``این که``, ``به نظر``
stay apart: treebanks write them so), nor a «می» or a possessive, which :mod:`~.compounds`
judges.
"""

from __future__ import annotations

import functools

from ..resources import word_frequencies
from .affixes import (
    NON_TAILS,
    PLAIN_SUFFIXES,
    ZWNJ_SUFFIXES,
    deverbal,
    stopword_set,
)
from .base import RepairContext
from .chardata import DUAL_JOINING, ZWNJ
from .detect import FRAGMENTS, PROTECTED, SOLID_ZIPF, Lexicon, lexicon

__all__ = ["ASSOCIATION", "ASSOCIATION_UNLISTED", "COMMON_STEM", "COMMON_TAIL", "COMPOUND_ZIPF",
           "HEAVY_SHARE", "HEAVY_SIGNS", "PRODUCTIVE_HEAD", "PRODUCTIVE_TAIL", "SIGNS_PER_WORD",
           "STOPWORD_HEAD", "TAIL_ENDINGS", "UNMARKED_SIGNS", "VERY_COMMON_STEM",
           "ZWNJ_TAIL_ENDINGS", "associated", "bound_tail_compound", "document_tails",
           "heavily_damaged", "heavy_compound", "inflected_stems", "joins_without_zwnj",
           "known_with_tail", "lexicon_says", "tail_counts", "unmarked", "unmarked_damaged"]

#: Share of the sure ZWNJ places written with a space from which a document counts as writing
#: all its ZWNJs as spaces (treebank text with half its ZWNJs lost shows 0.3-0.55).
HEAVY_SHARE = 0.8
#: Sure ZWNJ places written with a space a document must show before its share counts.
HEAVY_SIGNS = 5
#: Zipf a compound must have in the lexicon to count as known (see :func:`heavy_compound`).
COMPOUND_ZIPF = 3.0
#: How many orders of magnitude more often than chance the lexicon must see the compound, when
#: hazm's lexicon lists it as a word (solid or with ZWNJ), and when only web text has it
#: (``حقوق‌بشر``: 1.4, an ezafe phrase the web often joins; ``ایده‌آل``: 2.4).
ASSOCIATION = 1.0
ASSOCIATION_UNLISTED = 2.0
#: Compounds of the lexicon a tail must end to be productive (a tail of this document).
PRODUCTIVE_TAIL = 5
#: Compounds of the lexicon a word of hazm's stopword list must start to be a first part at
#: all (``روش``, ``بخش``, ``نیمه``; not ``ما``, ``برای``).
STOPWORD_HEAD = 2
#: Compounds of the lexicon a first part must start to be a productive head.
PRODUCTIVE_HEAD = 20
#: Zipf from which the stem of a tail (less «ی», «ان», «ه») is a common word of its own.
COMMON_STEM = 5.0
#: The same for a tail hazm does not list at all (as :data:`~.compounds.COMMON_STEM_ZIPF`).
VERY_COMMON_STEM = 6.0
#: Zipf from which a tail of the document stands alone too often to join words by itself
#: (``نام``, ``نامه``; ``محور`` is 4.9).
COMMON_TAIL = 5.0

_INFLECTIONS = ("های", "ها", "ان", "ی", "ه")
_LIGHT_AGENTS = frozenset(stem + end for stem in ("کن", "ده", "شو", "گیر", "دار", "یاب")
                          for end in ("نده", "ندگان", "ندگی"))
_MI = frozenset(("می", "نمی"))
_SUFFIXES = frozenset((*PLAIN_SUFFIXES, *ZWNJ_SUFFIXES))
_POSSESSIVE = frozenset(("شان", "تان", "مان"))


def heavily_damaged(share: float, signs: int) -> bool:
    """Whether a document whose ZWNJ-as-space share is ``share``, read from ``signs`` sure ZWNJ
    places written with a space, writes all its ZWNJs as spaces.

    A sentence with one or two such places says little about its writer's habit: at least
    :data:`HEAVY_SIGNS` are needed.

    >>> heavily_damaged(0.94, 459), heavily_damaged(0.5, 40), heavily_damaged(1.0, 2)
    (True, False, False)
    """
    return share >= HEAVY_SHARE and signs >= HEAVY_SIGNS


#: Sure ZWNJ places (a plural «ها» after a joining letter, a «می» before a verb) per word of
#: Persian prose: 1,199 in the 22,451 words of the PerDT sample (0.053).
SIGNS_PER_WORD = 0.053
#: Sure ZWNJ places written with a space that even the shortest text writing no ZWNJ at all
#: must show before it counts as heavily damaged (see :func:`unmarked_damaged`).
UNMARKED_SIGNS = 2


def unmarked(signs: int, solid: int) -> bool:
    """Whether a text that writes no ZWNJ at all, and writes ``signs`` of its sure ZWNJ places
    with a space and ``solid`` solid, shows nothing against its spaces standing for ZWNJs.

    Its sure places must be written with a space as a document's are before it counts as
    heavily damaged (:data:`HEAVY_SHARE` of them; a line with none qualifies): a text that
    writes them solid (an extractor that drops ZWNJs: ``میکنم``) has spaces of its own.

    >>> unmarked(0, 0), unmarked(0, 3), unmarked(4, 1)
    (True, False, True)
    """
    return signs >= HEAVY_SHARE * (signs + solid)


def unmarked_damaged(signs: int, words: int) -> bool:
    """Whether a text of ``words`` words that writes no ZWNJ at all, and writes ``signs`` sure
    ZWNJ places with a space, writes all its ZWNJs as spaces.

    Such a text shows no ZWNJ against its spaces, so its share is 1 however short it is. Two
    signs are the least (:data:`UNMARKED_SIGNS`: with one, a treebank sentence corrupted
    half-way closes treebank phrases such as ``ایالات متحده``, ``دبیر کل`` as often as lost
    compounds), and a longer text must show at least half the sure places a text of its length
    has on average (:data:`SIGNS_PER_WORD`), up to the :data:`HEAVY_SIGNS` of a document.

    >>> unmarked_damaged(2, 12), unmarked_damaged(1, 12), unmarked_damaged(2, 200)
    (True, False, False)
    """
    expected = int(SIGNS_PER_WORD * words / 2 + 0.5)
    return signs >= min(HEAVY_SIGNS, max(UNMARKED_SIGNS, expected))


@functools.cache
def _parts() -> tuple[dict[str, int], dict[str, int]]:
    heads: dict[str, int] = {}
    tails: dict[str, int] = {}
    lex = lexicon()
    hazm = [word for word in word_frequencies() if ZWNJ in word]
    for word in {*hazm, *lex.words_with_zwnj()}:
        if word.count(ZWNJ) != 1:
            continue
        head, _, tail = word.partition(ZWNJ)
        if len(head) > 1 and len(tail) > 1 and lex.is_word(head) and lex.is_word(tail):
            heads[head] = heads.get(head, 0) + 1
            tails[tail] = tails.get(tail, 0) + 1
    return heads, tails


def tail_counts() -> dict[str, int]:
    """For each word, how many compounds «x‌word» of two words hazm's lexicon or the frequency
    table lists (``محور``: ``انسان‌محور``, ``دانش‌محور`` ...).

    >>> tail_counts()["محور"] >= 5, tail_counts().get("بشر", 0) < 5
    (True, True)
    """
    return _parts()[1]


def _head_counts() -> dict[str, int]:
    return _parts()[0]


def _tail_stem(word: str) -> str:
    """``word`` less an inflection when that leaves a productive tail (``محوری`` → ``محور``)."""
    tails = tail_counts()
    for end in _INFLECTIONS:
        stem = word[: -len(end)]
        if word.endswith(end) and len(stem) > 1 and tails.get(stem, 0) >= PRODUCTIVE_TAIL:
            return stem
    return word


def document_tails(words: dict[str, int], lex: Lexicon) -> frozenset[str]:
    """Productive tails the document writes joined to a common word, solid or with ZWNJ.

    ``words`` are the document's words as written (:attr:`~.detect.DocumentStats.words`).

    >>> sorted(document_tails({"شهروندمحور": 2, "کتاب": 5}, lexicon()))
    ['محور']
    """
    tails = tail_counts()
    found = set()
    for word in words:
        for i in range(2, len(word) - 1):
            tail = word[i:].lstrip(ZWNJ)
            if (tails.get(tail, 0) >= PRODUCTIVE_TAIL and _tail_word(tail, lex)
                    and lex.solid(word[:i]) and word[:i] not in PROTECTED
                    and word not in word_frequencies() and lex.zipf(word) < SOLID_ZIPF):
                found.add(tail)
                break
    return frozenset(found)


@functools.lru_cache(maxsize=4096)
def _tail_word(tail: str, lex: Lexicon) -> bool:
    """Whether ``tail`` may be a compound's second part (no function word, suffix or verb)."""
    return (len(tail) > 2 and tail not in NON_TAILS and tail not in FRAGMENTS
            and tail not in lex.verb_forms)


@functools.cache
def _bound() -> frozenset[str]:
    """Tails that hazm's corpus never counts alone and no verb form, whose stem (less «ی»,
    «ان», «ه») is no common word: :data:`COMMON_STEM` for a tail hazm lists without a count
    (``گرایی``; not ``زنان``, ``ماهی``), :data:`VERY_COMMON_STEM` for one it does not list at
    all (``پذیری``; not ``روزی``, ``کاری``).

    >>> "گرایی" in _bound(), "روزی" in _bound(), "زنان" in _bound(), "ماهی" in _bound()
    (True, False, False, False)
    """
    from ..resources import verb_forms

    counts, forms, lex = word_frequencies(), verb_forms(), lexicon()
    out = set()
    for tail, n in tail_counts().items():
        if n < PRODUCTIVE_TAIL or counts.get(tail) or tail in forms or not _tail_word(tail, lex):
            continue
        common = COMMON_STEM if tail in counts else VERY_COMMON_STEM
        if any(tail.endswith(end) and lex.zipf(tail[: -len(end)]) >= common
               for end in _INFLECTIONS):
            continue  # a common word plus «ی»: ``روزی``, ``کاری``, ``ماهی``
        out.add(tail)
    return frozenset(out)


@functools.lru_cache(maxsize=65536)
def bound_tail_compound(a: str, b: str, lex: Lexicon) -> bool:
    """Whether ``a b`` is a common word and a bound tail (:func:`_bound`), or one inflected
    with a comparative or plural ending: the evidence a text that writes no ZWNJ at all is
    enough for (see :func:`~.compounds.space_compound_changes`).

    The tail never stands alone in hazm's corpus, so the pair is one word whatever the
    writer's habit: ``روش شناسی``, ``نسبی گرایی``, ``کد گذاری`` in a lone line; not
    ``پیش نیاز`` (association only), ``حقوق بشر``.

    >>> [bound_tail_compound(a, b, lexicon()) for a, b in (("روش", "شناسی"), ("کد", "گذاری"),
    ...                                                     ("پیش", "نیاز"), ("حقوق", "بشر"))]
    [True, True, False, False]
    """
    if not _first_part(a, lex) or not lex.solid(a) or a in lex.verb_forms:
        return False
    bound = _bound()
    return b in bound or any(stem in bound
                             for stem in inflected_stems(b, lex, ZWNJ_TAIL_ENDINGS))


def known_with_tail(a: str, b: str, lex: Lexicon) -> bool:
    """Whether the lexicon knows ``a‌b`` as a common word (Zipf >= :data:`COMPOUND_ZIPF`) and
    ``b`` is a productive tail (:data:`PRODUCTIVE_TAIL` compounds), no verb form or function
    word hazm's corpus counts (a noun of a present stem is a verb form too, and hazm lists
    ``بندی`` among its stopwords without counting it; but ``پیش روی`` stays), after a first
    part that is no verb form (``بخش بندی``).

    >>> known_with_tail("بخش", "بندی", lexicon()), known_with_tail("زده", "شده", lexicon())
    (True, False)
    """
    return (tail_counts().get(b, 0) >= PRODUCTIVE_TAIL and lex.zipf(a + ZWNJ + b) >= COMPOUND_ZIPF
            and lex.solid(a) and a not in lex.verb_forms and _first_part(a, lex)
            and not _conjugated(b) and (b not in stopword_set() or not word_frequencies().get(b))
            and (deverbal(b) or (b not in lex.verb_forms and _tail_word(b, lex))))


def _conjugated(word: str) -> bool:
    """Whether ``word`` is a form of a verb's past stem (``گرفته``, ``شد``; not ``نیاز``).

    >>> _conjugated("گرفته"), _conjugated("نیاز")
    (True, False)
    """
    from ..resources import verb_forms

    form = verb_forms().get(word)
    return form is not None and bool(form[0]) and word.lstrip("ن").startswith(form[0])


def _first_part(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` may be a compound's first part: a word of its own, no function word."""
    return (len(word) > 1 and word not in PROTECTED and word not in NON_TAILS
            and word not in FRAGMENTS and word not in _MI and lex.is_word(word)
            and (word not in stopword_set() or _head_counts().get(word, 0) >= STOPWORD_HEAD))


#: Demonstratives that start compounds the lexicon knows (``این‌جا``, ``این‌که``, ``آن‌قدر``):
#: first parts by association only.
_DEMONSTRATIVES = frozenset(("این", "آن"))


@functools.lru_cache(maxsize=65536)
def lexicon_says(a: str, b: str, lex: Lexicon, heads: bool = True) -> bool:
    """The document-independent evidence of :func:`heavy_compound` (memoised per pair);
    without ``heads``, not the weakest kind (a productive head before an unknown word)."""
    if b in _POSSESSIVE or b in FRAGMENTS or b in NON_TAILS or _conjugated(b):
        return False
    if a in _DEMONSTRATIVES:
        return associated(a, b, lex)
    if not lex.solid(b) and a not in PROTECTED and a not in _MI and associated(a, b, lex):
        return True  # «هم پوشانی»: a piece that is no word alone
    if not _first_part(a, lex):
        return False
    if b in _LIGHT_AGENTS:
        return lex.solid(a) and a not in lex.verb_forms
    if associated(a, b, lex) or known_with_tail(a, b, lex):
        return True
    if b in _bound() and lex.solid(a) and a not in lex.verb_forms:
        return True
    return heads and (_head_counts().get(a, 0) >= PRODUCTIVE_HEAD and not lex.known(b)
            and b not in word_frequencies() and not _inflected(b, lex) and _derived(b, lex))


def _derived(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` is a common word plus a productive tail (``ساختارمند``; no name).

    >>> _derived("ساختارمند", lexicon()), _derived("تودروف", lexicon())
    (True, False)
    """
    tails = tail_counts()
    return any(tails.get(word[i:], 0) >= PRODUCTIVE_TAIL and lex.solid(word[:i])
               for i in range(2, len(word) - 1))


def _inflected(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` is a known word plus a suffix (``ناچاریم``, ``دورهای``)."""
    return any(word.endswith(end) and lex.is_word(word[: -len(end)])
               for end in _SUFFIXES)


def associated(a: str, b: str, lex: Lexicon) -> bool:
    """Whether the lexicon sees ``a`` and ``b`` as one word far more often than by chance."""
    known = max(lex.zipf(a + ZWNJ + b), lex.zipf(a + b))
    if known < COMPOUND_ZIPF:
        return False
    chance = (lex.zipf(a) or 1.0) + (lex.zipf(b) or 1.0) - 9.0
    counts = word_frequencies()
    listed = a + ZWNJ + b in counts or a + b in counts
    return known - chance >= (ASSOCIATION if listed else ASSOCIATION_UNLISTED)


def heavy_compound(a: str, b: str, context: RepairContext) -> bool:
    """Whether ``a b`` is one word in a heavily damaged document (see the module docstring).

    >>> context = RepairContext.from_text("شهروندمحور")
    >>> [heavy_compound(a, b, context) for a, b in (("پیش", "نیاز"), ("فلسفه", "محور"),
    ...                                               ("یک", "بار"), ("این", "که"))]
    [True, True, False, False]
    """
    lex = lexicon()
    known, stem = _pair_facts(a, b, lex)
    if known is not None:
        return known
    stats = context.stats()
    words = stats.words
    if words.get(a + b, 0) + words.get(a + ZWNJ + b, 0) > 0:
        return True
    if not stem:
        return False
    tails = stats.derived.get("document_tails")
    if tails is None:
        tails = stats.derived["document_tails"] = document_tails(words, lex)
    return stem in tails


@functools.lru_cache(maxsize=65536)
def _pair_facts(a: str, b: str, lex: Lexicon) -> tuple[bool | None, str]:
    """What :func:`heavy_compound` knows of a pair before reading the document (memoised).

    ``(True, "")`` or ``(False, "")`` when the lexicon decides; ``(None, stem)`` when the
    document's spelling may: ``stem`` is the tail a tail of the document must match, or ``""``
    when only the pair written joined counts.
    """
    if lexicon_says(a, b, lex) or any(lexicon_says(a, stem, lex)
                                       for stem in inflected_stems(b, lex, ZWNJ_TAIL_ENDINGS)):
        return True, ""
    if not _first_part(a, lex) or b in _POSSESSIVE or not _tail_word(b, lex):
        return False, ""
    stem = _tail_stem(b)
    usable = (lex.zipf(stem) < COMMON_TAIL and lex.solid(a) and a not in lex.verb_forms
              and a not in stopword_set())
    return None, stem if usable else ""


#: Endings a compound's second part may carry (``آسیب پذیرترند``, ``علاقه مندان``,
#: ``دروازه بانی``): the pair is also judged on that part without them. (Not the possessive
#: «ش»: «آموزش», «گزارش» would read as «آموز», «گزار» and their «ش».)
#: Of those, the ones written after a ZWNJ (the comparative and the plural): a heavily
#: damaged document's association evidence is judged on the part without only these (with
#: «ان», «ی» it would read ``قابل توجهی``, ``کاهش آرای``, ``انگلیس نگران`` as compounds).
TAIL_ENDINGS = ("ترین", "ترند", "تر", "هایشان", "هایش", "های", "ها", "ان", "ی")
ZWNJ_TAIL_ENDINGS = TAIL_ENDINGS[:7]


def inflected_stems(word: str, lex: Lexicon,
                    endings: tuple[str, ...] = TAIL_ENDINGS) -> list[str]:
    """``word`` less one of ``endings``, where that leaves a word of three letters or more the
    lexicon knows.

    >>> inflected_stems("پذیرترند", lexicon()), inflected_stems("آموزش", lexicon())
    (['پذیر'], [])
    """
    return [word[: -len(end)] for end in endings
            if word.endswith(end) and len(word) - len(end) > 2
            and lex.is_word(word[: -len(end)])]


def joins_without_zwnj(a: str) -> bool:
    """Whether a compound after ``a`` is written solid: ``a`` ends in a letter that does not join.

    >>> joins_without_zwnj("شهروند"), joins_without_zwnj("فلسفه")
    (True, False)
    """
    return a[-1] not in DUAL_JOINING
