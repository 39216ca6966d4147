"""The gap decision: whether a single space between two pieces may close, and at what cost.

Each single space between two pieces of a line is a *gap*. :func:`_gap` says what it may
become (``""``: the pieces are one word; ZWNJ: a word and its suffix or a compound) and what
closing it costs (:class:`GapCosts`), from the two pieces and what the document shows of words
breaking after the gap's letter (:class:`~.detect.DocumentStats`). Gap decisions are shared
across documents with the same facts (:func:`shared_gap`) and numbered (:func:`intern_gap`), so
that a span of gaps is keyed by small numbers. :mod:`.gapjoin` scores closing every gap of a
span into one word; the per-line dynamic programme that picks which spans to close is in
:mod:`.gapplan`.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any, NamedTuple

from .affixes import (
    AFTER_HEH,
    AGENT_ENDINGS,
    NO_SUFFIX,
    NON_TAILS,
    PLAIN_SUFFIXES,
    PREFIXES,
    PRODUCTIVE_TAIL,
    RIGHT_PROTECTED,
    ZWNJ_PREFIXES,
    ZWNJ_SUFFIXES,
    ZWNJ_TAILS,
    compound_tails,
    deverbal,
    mi_prefix,
    stopword_set,
    verb_like,
)
from .chardata import DUAL_JOINING, NON_JOINING, PERSIAN_LETTERS, ZWNJ
from .detect import FRAGMENTS, PROTECTED, DocumentStats, Lexicon
from .wordscore import SUPERLATIVE, listed

__all__ = ["BREAK_RATE", "COSTS_ALWAYS", "COSTS_BREAKS", "COSTS_COMPOUND", "COSTS_DEFAULT",
           "GAP_MEMO_SIZE", "INITIAL_MARGIN", "MISSING", "NEVER_JOINED_GAPS",
           "NEVER_JOINED_SPLITS", "SHORT_PIECE", "SUFFIX_PIECES", "Gap", "GapCosts",
           "document_facts", "intern_gap", "is_initial", "shared_gap"]

#: Where the document shows words breaking after a gap's letter (but not every time), a piece
#: that is no word is taken for a fragment of a split word only if it has at most this many
#: letters (longer ones are more often names and loanwords standing alone).
SHORT_PIECE = 5


class GapCosts(NamedTuple):
    """Cost of closing a gap: next to a fragment or unknown piece, and between two words."""

    unknown: float
    both: float


COSTS_ALWAYS = GapCosts(-1.0, 1.0)
COSTS_BREAKS = GapCosts(-0.5, 2.5)
COSTS_DEFAULT = GapCosts(1.0, 4.0)
#: A lost ZWNJ in a verb (``می شود``) or a compound the lexicon knows (``تصمیم گیری``).
COSTS_COMPOUND = GapCosts(0.0, 0.0)
#: A compound of two common words the lexicon knows with ZWNJ (``دانش آموز``), in a document
#: that writes ZWNJs as spaces: decided like two words split by a font (see
#: :func:`~.gapjoin.best_join`).
_ZWNJ_PAIR = GapCosts(1.0, 4.0)


#: Suffixes that stand alone when written apart from their word (``کتاب ها``): a word the
#: lexicon does not know never starts with one (``ها دانه`` is not «هادانه»), and «را»
#: or «و» after one is a word of its own (``کتاب ها را``).
SUFFIX_PIECES = FRAGMENTS - PERSIAN_LETTERS - {"می", "نمی"}

_Options = tuple[tuple[str, ...], "GapCosts"]
#: A gap's options, costs, the log10 of the document's split rate after its letter (None when
#: the document shows no split after it: see :meth:`DocumentStats.split_rate`), whether the
#: document also writes the two pieces as one word somewhere, and the gap's number (see
#: :func:`intern_gap`).
Gap = tuple[tuple[str, ...], "GapCosts", float | None, bool, int]
#: The context keeps at most this many gap decisions (a pure function of the two pieces and the
#: document's statistics), and so does :data:`_SHARED_GAPS`; past that they are cleared and made
#: afresh, with the same result. (The per-line plans are not capped: a plan foreseen for a
#: joined line by :func:`~.gapplan._foresee` is not always what planning that line afresh
#: gives, so dropping one could change the output.)
GAP_MEMO_SIZE = 200_000


def _gap(a: str, b: str, level: int, splits: bool, joining: bool, zwnj_spaces: bool,
         lex: Lexicon) -> _Options | None:
    """Options and costs for closing the single space between pieces ``a`` and ``b``.

    What it reads of the document (see :func:`document_facts`): ``level``, 2 if a single
    space after ``a``'s last letter always splits a word, 1 if it often does, else 0;
    ``splits``, whether the document shows any split after that letter; ``joining``, whether
    words break after joining letters too; ``zwnj_spaces``, whether the document writes some
    ZWNJs as spaces.
    """
    last = a[-1]
    if last == ZWNJ:
        return None
    costs = COSTS_ALWAYS if level == 2 else COSTS_BREAKS if level == 1 else COSTS_DEFAULT
    if b in PREFIXES and costs is not COSTS_ALWAYS and not (
            last in NON_JOINING and lex.solid(a + b)
            and (not lex.is_word(a) or lex.zipf(a + b) >= lex.zipf(a))):
        return None  # «می» joins the verb after it, not the word before (but «اسلا می»)
    if (a in NO_SUFFIX and len(b) > 1 and (b in FRAGMENTS or b in ZWNJ_TAILS)
            and not (last in NON_JOINING and lex.solid(a + b))):
        return None  # «که ای کاش»: a function word takes no suffix (but «بر ای» is «برای»)
    if b in RIGHT_PROTECTED and (not splits or a in SUFFIX_PIECES):
        return None  # «خانم ر و آقای س»: a lone letter before «و» is an initial, unless
        # the document shows words breaking after that letter
    if mi_prefix(a):
        compound = a + ZWNJ + b
        if compound in lex.verb_forms or compound in lex or verb_like(b):
            return (ZWNJ,), COSTS_COMPOUND
        if len(b) <= 3 and b not in FRAGMENTS:
            return (ZWNJ,), costs  # «می تا بید»: the verb's first piece (a verb form or none)
        return None
    if a in ZWNJ_PREFIXES and b not in stopword_set() and (
            lex.is_word(b) or lex.is_word(b.partition(ZWNJ)[0])):
        return (ZWNJ,), COSTS_COMPOUND  # «بی نتیجه», «بی انصافی‌ها»
    if last in NON_JOINING:
        if costs is COSTS_DEFAULT and not _plausible(a, b, lex):
            return None
        return ("",), costs
    if joining:
        return ("", ZWNJ), costs
    if b in ZWNJ_TAILS:
        if b == SUPERLATIVE and costs is COSTS_DEFAULT and a not in stopword_set():
            return (ZWNJ,), COSTS_COMPOUND  # «ترین» is no word alone: a lost ZWNJ
        return (ZWNJ,), costs  # a space before «ها», «تر» after a joining letter was a ZWNJ
    if b in FRAGMENTS:
        # A single letter is no suffix: it is glued back (``توج ه``) without ZWNJ, only into a
        # word the lexicon knows and only after a piece that is no word of its own; otherwise
        # it is an initial (``آقای ب``, ``آقای ت``).
        if len(b) == 1 and not (b in AFTER_HEH and a.endswith("ه")):
            if level == 0 and lex.solid(a):
                return None  # «گرفتن د یمونا»: no font breaks a word after «ن» here
            return ("",), costs
        return ("", ZWNJ), costs
    compound = a + ZWNJ + b
    if (compound in lex and a not in PROTECTED and compound not in lex.verb_forms
            and (a in ZWNJ_PREFIXES or deverbal(b))):
        return (ZWNJ,), COSTS_COMPOUND
    if (compound in lex and a not in PROTECTED and compound not in lex.verb_forms
            and not (lex.solid(a) and lex.solid(b))):
        return (ZWNJ,), COSTS_COMPOUND  # a compound the lexicon knows, of a rare part
    if (a not in PROTECTED and lex.is_word(a) and b.endswith(AGENT_ENDINGS) and deverbal(b)
            and a not in stopword_set()):
        return (ZWNJ,), COSTS_COMPOUND  # مسخره کننده, مصرف کنندگان: an agent noun's object
    if (compound in lex and a not in stopword_set() and b not in NON_TAILS
            and compound not in lex.verb_forms and zwnj_spaces
            and compound_tails().get(b, 0) >= PRODUCTIVE_TAIL):
        return (ZWNJ,), _ZWNJ_PAIR  # «دانش آموز» where the document writes ZWNJ as a space
    return None


#: How much rarer than the word before it a word made by gluing a single letter to it may be.
INITIAL_MARGIN = 1.5


def is_initial(a: str, b: str, lex: Lexicon, unbroken: bool = False) -> bool:
    """Whether the single letter ``b`` after the word ``a`` is an initial, not a split-off end.

    Without evidence of breaks (:func:`~.gapjoin.best_join` asks only then) a lone letter
    after a solid word ending in a joining letter stays apart unless gluing it makes a known
    word nearly as common (``آقای ب``, ``آقای ت``; but ``توج ه`` → ``توجه``). After a letter
    that does not join (``دکتر م``) fonts break words so often that this test is made only
    where the document shows no split after that letter (``unbroken``): in a document that
    breaks words after «و», ``برو م`` is ``بروم``.

    >>> from cirmtext.repair.detect import lexicon
    >>> is_initial("دکتر", "م", lexicon(), unbroken=True), is_initial("توج", "ه", lexicon())
    (True, False)
    """
    return (len(b) == 1 and len(a) > 1 and (a[-1] in DUAL_JOINING or unbroken)
            and lex.solid(a)
            and not (b in AFTER_HEH and a.endswith("ه"))  # «خانه ی»: the ezafe «ی»
            and lex.zipf(a + b) < lex.zipf(a) - INITIAL_MARGIN)


def _plausible(a: str, b: str, lex: Lexicon) -> bool:
    """Whether closing ``a b`` is worth scoring without document evidence (a quick filter).

    Besides a joined word the lexicon knows, or a piece too short to be a word: a first piece
    that is no common word whose joined form is a listed word with a suffix (``متعاد لی`` →
    «متعادلی», «متعادل» + «ی»; :func:`~.wordscore.listed`), and so a second piece that is no
    word-like piece (:func:`_word_like`; ``مد یرها`` → «مدیرها»; but ``جلو آمده‌ایم``).
    """
    return (a + b in lex or a in FRAGMENTS or b in FRAGMENTS
            or (len(a) <= 2 and not lex.is_word(a)) or (len(b) <= 2 and not lex.is_word(b))
            or ((not lex.solid(a) or not _word_like(b, lex)) and listed(a + b, lex)))


def _word_like(piece: str, lex: Lexicon) -> bool:
    """Whether ``piece`` reads as a word of its own: a common word, a verb form, a word with a
    ZWNJ, or a common word of three letters or more with a suffix (``کودکها``; but web lists
    count pieces such as «یر» in ``یرها`` common too)."""
    return (lex.solid(piece) or ZWNJ in piece or piece in lex.verb_forms
            or any(piece.endswith(suffix) and len(piece) - len(suffix) > 2
                   and lex.solid(piece[: -len(suffix)])
                   for suffix in (*PLAIN_SUFFIXES, *ZWNJ_SUFFIXES)))


#: A sentinel for "not in the memo yet" (a stored None means "no gap").
MISSING: Any = object()
#: Gap decisions shared across documents. :func:`_gap` reads the document only through
#: whether the letter before the gap always breaks, breaks, and whether joining letters
#: break, so those three facts, with the two pieces, are the key. Cleared past
#: ``GAP_MEMO_SIZE`` entries.
_SHARED_GAPS: dict[tuple[str, str, int, bool, float | None, float | None, bool],
                   Gap | None] = {}


def _log_rate(rate: float) -> float | None:
    return round(math.log10(rate), 1) if rate else None


_NO_FACTS = (0, None)
#: A letter whose split rate (:meth:`DocumentStats.split_rate`) is at least this counts as
#: breaking even where most single spaces after it end words (a letter that ends many words).
BREAK_RATE = 0.05


#: A letter that a text never writes joined to a next letter counts as always breaking, however
#: short the text, with at least this many sure splits after it, or with one sure split among
#: at least :data:`NEVER_JOINED_GAPS` single spaces after it (see :func:`_never_joined`).
NEVER_JOINED_SPLITS = 2
NEVER_JOINED_GAPS = 3


def _never_joined(stats: DocumentStats, letter: str) -> bool:
    """Whether the text's own sure splits show a font breaking every word after ``letter``.

    A short text (a lone line, a table cell) has too few gaps for the document's thresholds
    (:data:`~.detect.MIN_SPLITS` sure splits, and 20 for always breaking), but a text that
    never writes ``letter`` joined to a next letter, and shows sure splits after it
    (:data:`NEVER_JOINED_SPLITS`, or one among :data:`NEVER_JOINED_GAPS` single spaces after
    it), shows the font's habit all the same. A clean text writes its words whole, so the
    letters inside them are joined to the next: of 2,655 clean treebank sentences (PerDT and
    UD Seraji dev/test), each taken alone, none reaches either threshold (4 show one sure
    split after a letter they never join, each with that one gap only).

    >>> from .detect import document_stats
    >>> _never_joined(document_stats("د ر این اد راک و د ولت"), "د")
    True
    >>> _never_joined(document_stats("د ر این ادراک و د ولت"), "د")
    False
    """
    sure = stats.sure[letter]
    return not stats.inner[letter] and (
        sure >= NEVER_JOINED_SPLITS or (sure > 0 and stats.single[letter] >= NEVER_JOINED_GAPS))


#: Per letter (level, log10 split rate), whether joining letters break, log10 ZWNJ-space rate.
_Facts = tuple[dict[str, tuple[int, float | None]], bool, float | None]


def document_facts(stats: DocumentStats) -> _Facts:
    """What :func:`_gap` reads of the document, computed once per document.

    Per letter: 2 if it always breaks (or the text's own sure splits show it breaking every
    time: :func:`_never_joined`), 1 if it breaks, else 0, and the log10 of its split rate
    (None without sure splits; 0.0 for a letter the text never joins); whether joining
    letters break; the log10 ZWNJ-as-space rate.
    """
    cached = stats.derived.get("gap_facts")
    if cached is None:
        breaks, always, joining = stats._summarize()
        letters = {c: (2 if c in always or _never_joined(stats, c) else 1 if c in breaks
                       or stats.split_rate(c) >= BREAK_RATE else 0,
                       _log_rate(1.0 if _never_joined(stats, c) else stats.split_rate(c)))
                   for c in {*stats.single, *stats.sure}}
        cached = stats.derived["gap_facts"] = (
            letters, joining, _log_rate(stats.zwnj_space_rate()))
    return cached


def shared_gap(a: str, b: str, facts: _Facts, words: Counter[str],
               lex: Lexicon) -> Gap | None:
    """The gap between ``a`` and ``b`` in a document with these ``facts`` and ``words``.

    (See :func:`document_facts`; ``words`` are :attr:`.DocumentStats.words`.)
    """
    letters, joining, zwnj_rate = facts
    level, split_rate = letters.get(a[-1], _NO_FACTS)
    seen = a + b in words
    key = (a, b, level, joining, split_rate, zwnj_rate, seen)
    gap = _SHARED_GAPS.get(key, MISSING)
    if gap is MISSING:
        if len(_SHARED_GAPS) >= GAP_MEMO_SIZE:
            _SHARED_GAPS.clear()
        options = _gap(a, b, level, split_rate is not None, joining, zwnj_rate is not None,
                       lex)
        if options is None:
            gap = None
        else:
            gap = intern_gap((*options, zwnj_rate if options[1] is _ZWNJ_PAIR else split_rate,
                           seen))
        _SHARED_GAPS[key] = gap
    return gap


#: Each distinct gap (options, costs, rate, whether the joined word was seen) once, with a
#: number of its own appended, so that a span of gaps is keyed by a tuple of small numbers.
#: There are only a few hundred distinct gaps, so this never grows large.
_GAP_IDS: dict[tuple[Any, ...], Gap] = {}


def intern_gap(gap: tuple[Any, ...]) -> Gap:
    """``gap`` (options, costs, rate, seen) with its number appended, the same tuple each time."""
    known = _GAP_IDS.get(gap)
    if known is None:
        known = _GAP_IDS[gap] = (*gap, len(_GAP_IDS))
    return known
