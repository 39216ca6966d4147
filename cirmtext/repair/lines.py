"""Line-level helpers shared by the layout and order rules.

Lines, their words and the gaps between them; closed classes of Persian words whose position in a
sentence is fixed by grammar (prepositions take a complement after them, ``را`` follows its
object, auxiliaries close a clause); and the word-pair counts of a document, so that a line can
be judged against the document's own good lines.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator

from ..resources import hazm_verbs, word_frequencies

__all__ = [
    "BLOCKS",
    "EDGE_PUNCT",
    "LATIN_LABEL",
    "LINE",
    "WordClass",
    "class_pair_counts",
    "iter_lines",
    "pair_counts",
    "strip_word",
    "token_units",
    "unit_class",
    "word_class",
]

#: The content of one line: anything up to a line or page break.
LINE = re.compile(r"[^\n\r\f\v\u2028\u2029]+")
#: A speaker's Latin label, as transcripts write it (``Q``, ``A``, ``I1``, ``P04``): the
#: pattern the layout and run rules build their label patterns on (``[P04]``, ``Q:``).
LATIN_LABEL = "[A-Za-z][A-Za-z0-9]{0,3}"

ZWNJ = "\u200c"
#: Punctuation that closes a sentence or a clause.
SENTENCE_END = frozenset(".!؟?…")
CLAUSE_END = frozenset("،؛:,;")
#: Punctuation a word may carry at its edges (stripped before a word is looked up).
EDGE_PUNCT = ".!؟?…،؛:,;()[]{}«»\"'“”‘’<>-ـ"
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")


#: A paragraph break: a blank line (possibly holding spaces) or a page break.
BLOCKS = re.compile(r"\n\s*\n|\f")
_EDGE_TO_SPACE = str.maketrans(dict.fromkeys(EDGE_PUNCT, " "))


def iter_lines(text: str) -> Iterator[re.Match[str]]:
    """The non-empty lines of ``text`` as matches (``.start()``/``.end()`` exclude the break)."""
    return LINE.finditer(text)


def strip_word(word: str) -> str:
    """A word without the punctuation and brackets stuck to its edges.

    >>> strip_word("«شهروندان»،")
    'شهروندان'
    """
    return word.strip(EDGE_PUNCT)


def is_persian_word(word: str) -> bool:
    """Whether the word has Arabic-script letters."""
    return _ARABIC_LETTER.search(word) is not None


class WordClass:
    """Closed classes used as grammatical evidence of word order."""

    PREP = "prep"
    RA = "ra"
    CONJ = "conj"
    AUX = "aux"
    PART = "part"
    VERB = "verb"
    DEM = "dem"
    OTHER = "other"


PREPOSITIONS = frozenset(
    "به از در با برای بر بی بدون درباره توسط مانند همچون میان بین نزد سوی جز".split()
)
CONJUNCTIONS = frozenset("و یا که اما ولی زیرا چون اگر تا سپس".split())
AUXILIARIES = frozenset(
    "است هست نیست بود بودند باشد باشند شد شدند شود شوند می‌شود می‌شوند نمی‌شود گردد "
    "گردید می‌باشد می‌باشند اند بوده".split()
)
DEMONSTRATIVES = frozenset("این آن همین همان چنین چنان".split())


@functools.cache
def _verb_forms() -> tuple[frozenset[str], frozenset[str]]:
    """Finite past-tense forms and past participles built from hazm's verb stems."""
    finite: set[str] = set()
    participles: set[str] = set()
    for past, _present in hazm_verbs():
        if not past:
            continue
        for stem in (past, "ن" + past):
            for ending in ("", "م", "ی", "یم", "ید", "ند"):
                finite.add(stem + ending)
            participles.add(stem + "ه")
    return frozenset(finite), frozenset(participles)


@functools.lru_cache(maxsize=1 << 16)
def word_class(word: str) -> str:
    """The closed class of a bare word (see :class:`WordClass`).

    >>> word_class("به"), word_class("را"), word_class("می‌شود"), word_class("کرده")
    ('prep', 'ra', 'aux', 'part')
    """
    if word in PREPOSITIONS:
        return WordClass.PREP
    if word == "را":
        return WordClass.RA
    if word in CONJUNCTIONS:
        return WordClass.CONJ
    if word in AUXILIARIES:
        return WordClass.AUX
    if word in DEMONSTRATIVES:
        return WordClass.DEM
    if word.startswith(("می" + ZWNJ, "نمی" + ZWNJ)):
        return WordClass.VERB
    finite, participles = _verb_forms()
    if word in participles:
        return WordClass.PART
    if word in finite and word not in word_frequencies():  # hazm's word list has no verbs
        return WordClass.VERB
    return WordClass.OTHER


def pair_counts(text: str, wanted: set[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """How often each wanted word pair occurs next to each other in ``text``.

    Words are compared without edge punctuation; pairs run across single line breaks (a
    paragraph's wrapped lines) but not across blank lines or pages.
    """
    counts: Counter[tuple[str, str]] = Counter()
    if not wanted:
        return counts
    firsts = {a for a, _ in wanted}
    for block in BLOCKS.split(text):
        words = block.translate(_EDGE_TO_SPACE).split()
        for a, b in itertools.pairwise(words):
            if a in firsts and (a, b) in wanted:
                counts[a, b] += 1
    return counts


_UNIT_PUNCT = frozenset(".!؟?،؛:,;")
_DIGIT = re.compile(r"\d")


@functools.cache
def _frequent_words() -> frozenset[str]:
    """The most frequent words of hazm's lexicon: each is its own class in pair statistics."""
    freqs = word_frequencies()
    return frozenset(sorted(freqs, key=freqs.__getitem__, reverse=True)[:FREQUENT_WORDS])


#: How many of the lexicon's most frequent words keep their own class.
FREQUENT_WORDS = 300


def unit_class(word: str) -> str:
    """A coarse class for word-pair statistics that generalise beyond the words seen.

    Frequent words are their own class; verbs, auxiliaries and participles are grouped; other
    words are classed by their ending (the part after the last ZWNJ, or the last two letters),
    which in Persian marks plurals, ezafe, adjectives and so on.

    >>> unit_class("در"), unit_class("سازمان‌های"), unit_class("دولتی"), unit_class("2014")
    ('در', '~zهای', '~تی', 'NUM')
    """
    if word in _frequent_words():
        return word
    cls = word_class(word)
    if cls != WordClass.OTHER:
        return cls
    if not is_persian_word(word):
        return "NUM" if _DIGIT.search(word) else "LAT"
    if ZWNJ in word:
        return "~z" + word.rsplit(ZWNJ, 1)[-1]
    return "~" + word[-2:]


@functools.lru_cache(maxsize=1 << 16)
def token_units(token: str) -> tuple[str, ...]:
    """A token as class units: punctuation before it, its word's class, punctuation after.

    >>> token_units("«دولت‌ها»،")
    ('~zها', 'P،')
    """
    bare = strip_word(token)
    left = token.find(bare) if bare else len(token)
    units = ["P" + c for c in token[:left] if c in _UNIT_PUNCT]
    if bare:
        units.append(unit_class(bare))
    units.extend("P" + c for c in token[left + len(bare):] if c in _UNIT_PUNCT)
    return tuple(units)


def class_pair_counts(text: str) -> Counter[tuple[str, str]]:
    """Counts of adjacent class units in ``text`` (see :func:`token_units`), per paragraph."""
    counts: Counter[tuple[str, str]] = Counter()
    for block in BLOCKS.split(text):
        units = [u for token in block.split() for u in token_units(token)]
        counts.update(itertools.pairwise(units))
    return counts
