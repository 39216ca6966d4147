"""The gap decision: whether a single space between two pieces may close, and at what cost.

Each single space between two pieces of a line is a *gap*. :func:`_gap` says what it may
become (``""``: the pieces are one word; ZWNJ: a word and its suffix or a compound) and what
closing it costs (:class:`_Costs`), from the two pieces and what the document shows of words
breaking after the gap's letter (:class:`~.detect.DocumentStats`). :func:`_best_join` then
scores closing every gap of a span into one word: it weighs the joined word against its pieces
as separate words, by the odds of one word split by the document's font against two
independent words (:data:`PAIR_MARGIN`). The per-line dynamic programme that picks which spans
to close is in :mod:`.gapplan`.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from typing import Any, NamedTuple

from ..resources import word_frequencies
from .affixes import (
    _AGENT,
    AFTER_HEH,
    NO_SUFFIX,
    NON_TAILS,
    PLAIN_SUFFIXES,
    PREFIXES,
    PREVERBS,
    PRODUCTIVE_TAIL,
    RIGHT_PROTECTED,
    ZWNJ_PREFIXES,
    ZWNJ_SUFFIXES,
    ZWNJ_TAILS,
    _mi_prefix,
    _stopwords,
    compound_tails,
    deverbal,
    verb_like,
)
from .chardata import DUAL_JOINING, NON_JOINING, PERSIAN_LETTERS, ZWNJ
from .detect import FRAGMENTS, PROTECTED, SOLID_ZIPF, DocumentStats, Lexicon
from .wordscore import CLITICS, UNKNOWN, _Scorer

__all__ = ["GAP_MEMO_SIZE", "INITIAL_MARGIN", "PAIR_MARGIN", "ZWNJ_BONUS"]

ZWNJ_BONUS = 0.3  # preference for the ZWNJ spelling where both are known
#: Log10 odds by which a known word (Zipf >= 3) must beat its two pieces read as independent
#: words, once the document's split rate after the letter is counted (see :func:`_best_join`).
PAIR_MARGIN = 0.6
#: The odds a pair after «و», «با», «بر» ... must beat where the document does not also write
#: the joined word intact (``و کیل`` → ``وکیل``; but ``و زیر`` stays two words there).
PROTECTED_MARGIN = 2.0
#: Log10 odds against reading a lone letter and the «و» after it as one word (``بیا ر و``
#: is «بیار و» more often than «بیا رو»: «و» standing alone is the conjunction). Not after
#: «ا»: a lone «ا» before «و» is the pronoun «او» split by the font (``بر ا و``).
LETTER_AND_MARGIN = 0.5


#: Where the document shows words breaking after a gap's letter (but not every time), a piece
#: that is no word is taken for a fragment of a split word only if it has at most this many
#: letters (longer ones are more often names and loanwords standing alone).
SHORT_PIECE = 3


class _Costs(NamedTuple):
    """Cost of closing a gap: next to a fragment or unknown piece, and between two words."""

    unknown: float
    both: float


_ALWAYS = _Costs(-1.0, 1.0)
_BREAKS = _Costs(-0.5, 2.5)
_DEFAULT = _Costs(1.0, 4.0)
#: A lost ZWNJ in a verb (``می شود``) or a compound the lexicon knows (``تصمیم گیری``).
_COMPOUND = _Costs(0.0, 0.0)
#: A compound of two common words the lexicon knows with ZWNJ (``دانش آموز``), in a document
#: that writes ZWNJs as spaces: decided like two words split by a font (see :func:`_best_join`).
_ZWNJ_PAIR = _Costs(1.0, 4.0)


#: Prepositions that are no preverb: a verb form right after one is the end of a word split
#: by the font (``با شد``), never a second word (unlike ``در آمد``, ``بر گشت``).
_PREPOSITIONS = frozenset(("با", "به", "از"))

#: Suffixes that stand alone when written apart from their word (``کتاب ها``): a word the
#: lexicon does not know never starts with one (``ها دانه`` is not «هادانه»), and «را»
#: or «و» after one is a word of its own (``کتاب ها را``).
_SUFFIX_PIECES = FRAGMENTS - PERSIAN_LETTERS - {"می", "نمی"}

#: Past participles of the light verbs of compound verbs (``قرار گرفته``, ``ایجاد شده``,
#: ``استفاده کرده``). After a word they are the verb of a phrase, written apart in standard
#: orthography (the treebanks write «X شده» more than ten times as often as «Xشده»), even
#: where web word lists hold the phrase written solid («قرارگرفته»). Forms of «زدن», «دادن»,
#: «یافتن» are left out: they end real compounds (``شگفت‌زده``, ``توسعه‌یافته``).
LIGHT_PARTICIPLES = frozenset(("شده", "کرده", "گرفته", "نموده"))
#: What may follow such a participle in the same word (``گرفته‌اند``, ``شده‌است``).
_PARTICIPLE_ENDINGS = frozenset((*ZWNJ_SUFFIXES, "است"))

_Options = tuple[tuple[str, ...], "_Costs"]
#: A gap's options, costs, the log10 of the document's split rate after its letter (None when
#: the document shows no split after it: see :meth:`DocumentStats.split_rate`), whether the
#: document also writes the two pieces as one word somewhere, and the gap's number (see
#: :func:`_intern`).
_Gap = tuple[tuple[str, ...], "_Costs", float | None, bool, int]
#: The context keeps at most this many gap decisions (a pure function of the two pieces and the
#: document's statistics), and so does :data:`_SHARED_GAPS`; past that they are cleared and made
#: afresh, with the same result. (The per-line plans are not capped: a plan foreseen for a
#: joined line by :func:`~.gapplan._foresee` is not always what planning that line afresh
#: gives, so dropping one could change the output.)
GAP_MEMO_SIZE = 200_000


def _gap(a: str, b: str, level: int, splits: bool, joining: bool, zwnj_spaces: bool,
         lex: Lexicon) -> _Options | None:
    """Options and costs for closing the single space between pieces ``a`` and ``b``.

    What it reads of the document (see :func:`_document_facts`): ``level``, 2 if a single
    space after ``a``'s last letter always splits a word, 1 if it often does, else 0;
    ``splits``, whether the document shows any split after that letter; ``joining``, whether
    words break after joining letters too; ``zwnj_spaces``, whether the document writes some
    ZWNJs as spaces.
    """
    last = a[-1]
    if last == ZWNJ:
        return None
    costs = _ALWAYS if level == 2 else _BREAKS if level == 1 else _DEFAULT
    if b in PREFIXES and costs is not _ALWAYS and not (
            last in NON_JOINING and lex.solid(a + b)
            and (not lex.is_word(a) or lex.zipf(a + b) >= lex.zipf(a))):
        return None  # «می» joins the verb after it, not the word before (but «اسلا می»)
    if (a in NO_SUFFIX and len(b) > 1 and (b in FRAGMENTS or b in ZWNJ_TAILS)
            and not (last in NON_JOINING and lex.solid(a + b))):
        return None  # «که ای کاش»: a function word takes no suffix (but «بر ای» is «برای»)
    if b in RIGHT_PROTECTED and (not splits or a in _SUFFIX_PIECES):
        return None  # «خانم ر و آقای س»: a lone letter before «و» is an initial, unless
        # the document shows words breaking after that letter
    if _mi_prefix(a):
        compound = a + ZWNJ + b
        if compound in lex.verb_forms or compound in lex or verb_like(b):
            return (ZWNJ,), _COMPOUND
        if len(b) <= 3 and b not in FRAGMENTS:
            return (ZWNJ,), costs  # «می تا بید»: the verb's first piece (a verb form or none)
        return None
    if a in ZWNJ_PREFIXES and b not in _stopwords() and (
            lex.is_word(b) or lex.is_word(b.partition(ZWNJ)[0])):
        return (ZWNJ,), _COMPOUND  # «بی نتیجه», «بی انصافی‌ها»
    if last in NON_JOINING:
        if costs is _DEFAULT and not _plausible(a, b, lex):
            return None
        return ("",), costs
    if joining:
        return ("", ZWNJ), costs
    if b in ZWNJ_TAILS:
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
        return (ZWNJ,), _COMPOUND
    if (compound in lex and a not in PROTECTED and compound not in lex.verb_forms
            and not (lex.solid(a) and lex.solid(b))):
        return (ZWNJ,), _COMPOUND  # a compound the lexicon knows, of a rare part
    if (a not in PROTECTED and lex.is_word(a) and b.endswith(_AGENT) and deverbal(b)
            and a not in _stopwords()):
        return (ZWNJ,), _COMPOUND  # مسخره کننده, مصرف کنندگان: an agent noun's object
    if (compound in lex and a not in _stopwords() and b not in NON_TAILS
            and compound not in lex.verb_forms and zwnj_spaces
            and compound_tails().get(b, 0) >= PRODUCTIVE_TAIL):
        return (ZWNJ,), _ZWNJ_PAIR  # «دانش آموز» where the document writes ZWNJ as a space
    return None


#: How much rarer than the word before it a word made by gluing a single letter to it may be.
INITIAL_MARGIN = 1.5


def _initial(a: str, b: str, lex: Lexicon, unbroken: bool = False) -> bool:
    """Whether the single letter ``b`` after the word ``a`` is an initial, not a split-off end.

    Without evidence of breaks (:func:`_best_join` asks only then) a lone letter after a solid
    word ending in a joining letter stays apart unless gluing it makes a known word nearly as
    common (``آقای ب``, ``آقای ت``; but ``توج ه`` → ``توجه``). After a letter that does not
    join (``دکتر م``) fonts break words so often that this test is made only where the
    document shows no split after that letter (``unbroken``): in a document that breaks
    words after «و», ``برو م`` is ``بروم``.

    >>> from cirmtext.repair.detect import lexicon
    >>> _initial("دکتر", "م", lexicon(), unbroken=True), _initial("توج", "ه", lexicon())
    (True, False)
    """
    return (len(b) == 1 and len(a) > 1 and (a[-1] in DUAL_JOINING or unbroken)
            and lex.solid(a)
            and not (b in AFTER_HEH and a.endswith("ه"))  # «خانه ی»: the ezafe «ی»
            and lex.zipf(a + b) < lex.zipf(a) - INITIAL_MARGIN)


def _plausible(a: str, b: str, lex: Lexicon) -> bool:
    """Whether closing ``a b`` is worth scoring without document evidence (a quick filter)."""
    return (a + b in lex or a in FRAGMENTS or b in FRAGMENTS
            or (len(a) <= 2 and not lex.is_word(a)) or (len(b) <= 2 and not lex.is_word(b)))


_MISSING: Any = object()
#: Gap decisions shared across documents. :func:`_gap` reads the document only through
#: whether the letter before the gap always breaks, breaks, and whether joining letters
#: break, so those three facts, with the two pieces, are the key. Cleared past
#: ``GAP_MEMO_SIZE`` entries.
_SHARED_GAPS: dict[tuple[str, str, int, bool, float | None, float | None, bool],
                   _Gap | None] = {}


def _log_rate(rate: float) -> float | None:
    return round(math.log10(rate), 1) if rate else None


_NO_FACTS = (0, None)
#: A letter whose split rate (:meth:`DocumentStats.split_rate`) is at least this counts as
#: breaking even where most single spaces after it end words (a letter that ends many words).
BREAK_RATE = 0.05


#: Per letter (level, log10 split rate), whether joining letters break, log10 ZWNJ-space rate.
_Facts = tuple[dict[str, tuple[int, float | None]], bool, float | None]


def _document_facts(stats: DocumentStats) -> _Facts:
    """What :func:`_gap` reads of the document, computed once per document.

    Per letter: 2 if it always breaks, 1 if it breaks, else 0, and the log10 of its split rate
    (None without sure splits); whether joining letters break; the log10 ZWNJ-as-space rate.
    """
    cached = stats.derived.get("gap_facts")
    if cached is None:
        breaks, always, joining = stats._summarize()
        letters = {c: (2 if c in always else 1 if c in breaks
                       or stats.split_rate(c) >= BREAK_RATE else 0,
                       _log_rate(stats.split_rate(c))) for c in {*stats.single, *stats.sure}}
        cached = stats.derived["gap_facts"] = (
            letters, joining, _log_rate(stats.zwnj_space_rate()))
    return cached


def _shared_gap(a: str, b: str, facts: _Facts, words: Counter[str],
                lex: Lexicon) -> _Gap | None:
    """The gap between ``a`` and ``b`` in a document with these ``facts`` and ``words``.

    (See :func:`_document_facts`; ``words`` are :attr:`.DocumentStats.words`.)
    """
    letters, joining, zwnj_rate = facts
    level, split_rate = letters.get(a[-1], _NO_FACTS)
    seen = a + b in words
    key = (a, b, level, joining, split_rate, zwnj_rate, seen)
    gap = _SHARED_GAPS.get(key, _MISSING)
    if gap is _MISSING:
        if len(_SHARED_GAPS) >= GAP_MEMO_SIZE:
            _SHARED_GAPS.clear()
        options = _gap(a, b, level, split_rate is not None, joining, zwnj_rate is not None,
                       lex)
        if options is None:
            gap = None
        else:
            gap = _intern((*options, zwnj_rate if options[1] is _ZWNJ_PAIR else split_rate,
                           seen))
        _SHARED_GAPS[key] = gap
    return gap


#: Each distinct gap (options, costs, rate, whether the joined word was seen) once, with a
#: number of its own appended, so that a span of gaps is keyed by a tuple of small numbers.
#: There are only a few hundred distinct gaps, so this never grows large.
_GAP_IDS: dict[tuple[Any, ...], _Gap] = {}


def _intern(gap: tuple[Any, ...]) -> _Gap:
    known = _GAP_IDS.get(gap)
    if known is None:
        known = _GAP_IDS[gap] = (*gap, len(_GAP_IDS))
    return known


def _best_join(cores: list[str], gaps: list[_Gap | None], scorer: _Scorer,
               lex: Lexicon) -> tuple[float, tuple[str, ...]]:
    """The best way to close every gap of ``span`` into one word, and its score less costs.

    A gap between two parts that are both words (``ما|در``, ``بر|اساس``) is closed only if
    the joined word is more frequent than the rarer part (less strictly where the document
    shows the letter breaking every time) and more probable than the two words together by the
    gap's cost, or, where the document shows splits after the gap's letter, if the odds of one
    word split by the font against two independent words beat :data:`PAIR_MARGIN`::

        log10 p(ab) + log10 rate  -  (log10 p(a) + log10 p(b))  >=  PAIR_MARGIN

    (``rate`` is :meth:`~.detect.DocumentStats.split_rate`: ``خبر نگار`` → ``خبرنگار`` in a
    document that breaks words after «ر»), with a joined word of Zipf >= 3 not more than one
    Zipf below the rarer part (web lists hold glued phrases such as «موادغذایی»). Never after
    «و», «از», «به»... or before «را», «و». A joined word the lexicon does not know is accepted
    only where the document shows breaks and one piece is a short non-word
    (``پد ید ارنگاری``), and never by gluing a function word (``را برنشانیده``). After «با»,
    «بر», «و» ... a pair joins only on those odds and if the document also writes the joined
    word intact somewhere (``با شد`` where ``باشد`` occurs; never ``بر اساس`` in a document
    that writes «براساس» nowhere).
    """
    live = [gap for gap in gaps if gap is not None]
    costs = [gap[1] for gap in live]
    # Most spans make no word at all: each way of closing them is scored first (a cached
    # lookup), and what only a word that scores needs is worked out once, on the first one.
    fragment_like: bool | None = None  # whether a piece is a fragment: asked only if needed
    glues: bool | None = None
    checked = False
    rates: list[float | None] = []
    seen = initial_like = False
    best, best_seps = -math.inf, ()
    for seps in itertools.product(*(gap[0] for gap in live)):
        parts = [cores[0]]
        for sep, core in zip(seps, cores[1:], strict=True):
            parts.append(sep + core)
        word = "".join(parts)
        score = scorer.word(word)
        if score <= -UNKNOWN:
            if fragment_like is None:
                fragment_like = _fragment_like(cores, costs, lex)
            if not fragment_like:
                continue
            if glues is None:
                glues = _glues_function_word(cores)
            if glues:
                continue
        if not checked:
            checked = True
            if _phrase(cores, lex) and not (_mi_prefix(cores[0]) and word in lex.verb_forms):
                return -math.inf, ()
            rates = [gap[2] for gap in live]
            seen = len(cores) == 2 and gaps[0] is not None and gaps[0][3]
            evidence = all(c is _ALWAYS or c is _BREAKS for c in costs)
            # Without evidence of breaks, a lone letter beside solid words is an initial
            # (``آقای ز در``) and is glued only into a common word (``کرد ه`` → ``کرده``).
            initial_like = (not evidence and any(len(c) == 1 and c in FRAGMENTS for c in cores)
                            and all(lex.solid(c) for c in cores if len(c) > 1)
                            and any(len(c) > 1 for c in cores))
        if initial_like and not lex.solid(word):
            continue
        if cores[-1] in PREFIXES and (not lex.solid(word) or "".join(cores[:-1]) in PROTECTED):
            continue  # «می» ends only a common word (``تما می``), never «را» (``ر ا می``)
        if (len(cores[-1]) == 1 and costs[-1] is _DEFAULT
                and _initial(word[:-1].rstrip(ZWNJ), cores[-1], lex, rates[-1] is None)):
            continue  # «آقای ب», «دکتر م»: an initial, not the end of «آقای»
        z = score + 9.0
        total = score + (ZWNJ_BONUS if ZWNJ in seps else 0.0)
        if len(cores) == 2 and cores[1] == "و" and len(cores[0]) == 1 and cores[0] != "ا":
            total -= LETTER_AND_MARGIN  # «بیا ر و»: «بیار و» more often than «بیا رو»
        for j, gap_costs in enumerate(costs):
            left = "".join(parts[: j + 1])
            right = "".join(parts[j + 1:]).lstrip(ZWNJ)
            if (right in PROTECTED and lex.is_word(left) and not lex.solid(word)
                    and word not in lex.verb_forms):
                break  # «مشو که»: a word and a function word make a word only a common one
            if _light_verb(right) and lex.solid(left) and left not in PREVERBS \
                    and left not in PROTECTED:
                break  # «قرار گرفته‌اند»: a noun and a light verb are a phrase, not a word
            if gap_costs is not _COMPOUND and lex.solid(left) and lex.solid(right):
                z_left, z_right = lex.zipf(left), lex.zipf(right)
                gain = z + 9.0 - z_left - z_right
                # Two words or one word split by the document's font: the joined word's
                # probability times the document's split rate after this letter against the two
                # words' probabilities as a sequence of independent words (log10 odds).
                rate = rates[j]
                pair = (rate is not None and z >= SOLID_ZIPF and gain + rate >= PAIR_MARGIN
                        and z >= min(z_left, z_right) - 1.0)
                if (left in PROTECTED and not (z >= 4.0 and verb_like(right))
                        and not (pair and (seen or gain + rate >= PROTECTED_MARGIN))):
                    break  # «با شد» → «باشد»: a preposition never takes a verb
                if not seen and not _listed(word, lex):
                    break  # «مواد مخدر»: web lists also hold phrases written solid
                if (rate is not None and left in _PREPOSITIONS and right in lex.verb_forms
                        and word in lex.verb_forms):
                    continue  # «با شد» → «باشد»: a preposition is never followed by a verb
                if gap_costs is _ALWAYS:
                    # A single space after this letter almost always splits a word: a compound
                    # the lexicon knows is enough, unless the second part is a function word.
                    if (z < 3.0 or gain < gap_costs.both or right in NON_TAILS) and (
                            z < min(z_left, z_right) - 1.0 or gain < gap_costs.both) and not pair:
                        break
                elif (z < min(z_left, z_right) + 0.3 or gain < gap_costs.both) and not pair \
                        and not seen:
                    break
                total -= min(gap_costs.both, PAIR_MARGIN - rate) if pair else gap_costs.both
            else:
                total -= gap_costs.unknown
        else:
            if total > best:
                best, best_seps = total, seps
    return best, best_seps


def _light_verb(piece: str) -> bool:
    """Whether ``piece`` is a light verb's past participle, possibly with a suffix.

    >>> _light_verb("گرفته‌اند"), _light_verb("شده"), _light_verb("کرد")
    (True, True, False)
    """
    head, sep, tail = piece.partition(ZWNJ)
    return head in LIGHT_PARTICIPLES and (not sep or tail in _PARTICIPLE_ENDINGS)


@functools.lru_cache(maxsize=65536)
def _listed(word: str, lex: Lexicon) -> bool:
    """Whether hazm's lexicon or verb list has ``word``, or ``word`` less a suffix.

    Web word lists (:mod:`.detect`'s wordfreq table) also hold common phrases written solid
    («موادمخدر», «سیدمحمد»); hazm's lexicon, a dictionary's, holds far fewer. Two words are
    joined into one only if it is listed there (``خبرنگاران`` is «خبرنگار» + «ان»).

    >>> from cirmtext.repair.detect import lexicon
    >>> _listed("خبرنگاران", lexicon()), _listed("موادمخدر", lexicon())
    (True, False)
    """
    listed = word_frequencies()
    if word in listed or word in lex.verb_forms:
        return True
    for suffix in (*CLITICS, *PLAIN_SUFFIXES, *ZWNJ_SUFFIXES):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)].rstrip(ZWNJ)
            if stem in listed or stem in lex.verb_forms:
                return True
    return False


def _wordlike(piece: str, lex: Lexicon) -> bool:
    """Whether ``piece`` is a common word, or a listed one with a suffix (``برشان``)."""
    return lex.solid(piece) or (len(piece) > 2 and _listed(piece, lex))


def _phrase(cores: list[str], lex: Lexicon) -> bool:
    """Whether ``cores`` are words around a function word: «بعد از ظهر», «رو د ر روی».

    A function word (:data:`~.detect.PROTECTED`) between two words is itself a word, even
    where web word lists hold the phrase written solid («بعدازظهر»); and pieces that spell
    one at the edge of a span («د ر ملأ عام») make no word less common than a solid one.
    """
    n = len(cores)
    if any(cores[i] in PROTECTED and _wordlike("".join(cores[:i]), lex)
           and _wordlike("".join(cores[i + 1:]), lex) for i in range(1, n - 1)):
        return True
    if n < 3 or lex.solid("".join(cores)):
        return False
    return any("".join(cores[i:j]) in PROTECTED
               for i in range(n) for j in range(i + 1, n + 1) if j - i < n)


def _fragment_like(cores: list[str], costs: list[_Costs], lex: Lexicon) -> bool:
    """Whether a piece of a span is a fragment: a lone letter, or, where the document shows
    words breaking at every gap, a piece that is no word (of three letters or less unless a
    single space after each gap's letter always splits a word).
    """
    evidence = all(c is _ALWAYS or c is _BREAKS for c in costs)
    always = all(c is _ALWAYS for c in costs)
    return any(
        (len(c) == 1 and c in FRAGMENTS)
        or (evidence and not lex.is_word(c) and (always or len(c) <= SHORT_PIECE))
        for c in cores
    )


def _glues_function_word(cores: list[str]) -> bool:
    """Whether one of ``cores`` is a function word of two letters or more (hazm's stopwords).

    A word the lexicon does not know is never made by gluing one («را برنشانید ه» is «را» and
    «برنشانیده», not «رابرنشانیده»).
    """
    stop = _stopwords()
    if any(len(c) > 1 and c in stop for c in cores) or cores[0] in _SUFFIX_PIECES:
        return True
    # «و آتیکاس» is not «وآتیکاس», «سه‌شاخه ر ا» not «سه‌شاخهرا»: pieces at either end
    # that spell a function word are that word
    return any("".join(cores[:i]) in PROTECTED or "".join(cores[i:]) in PROTECTED
               for i in range(1, len(cores)))

