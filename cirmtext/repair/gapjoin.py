"""The span decision: whether closing every gap of a span into one word is worth it.

:func:`best_join` scores each way of closing the gaps of a span (``""`` or ZWNJ, as
:func:`~.gaps._gap` allows) into one word: it weighs the joined word against its pieces as
separate words, by the odds of one word split by the document's font against two independent
words (:data:`PAIR_MARGIN`), and vetoes what is a phrase, not a word: a function word between
words (:func:`_phrase`), a function word glued into an unknown word
(:func:`_glues_function_word`), a light verb's participle after a word (:func:`_light_verb`),
an initial after a name. The per-line dynamic programme that asks it is in :mod:`.gapplan`.
"""

from __future__ import annotations

import functools
import itertools
import math

from .affixes import (
    NON_TAILS,
    PREFIXES,
    PREVERBS,
    ZWNJ_SUFFIXES,
    mi_prefix,
    stopword_set,
    verb_like,
)
from .chardata import NON_JOINING, ZWNJ
from .detect import FRAGMENTS, PROTECTED, SOLID_ZIPF, Lexicon
from .gaps import (
    COSTS_ALWAYS,
    COSTS_BREAKS,
    COSTS_COMPOUND,
    COSTS_DEFAULT,
    SHORT_PIECE,
    SUFFIX_PIECES,
    Gap,
    GapCosts,
    is_initial,
)
from .wordscore import UNKNOWN, WordScorer, listed

__all__ = ["LETTER_AND_MARGIN", "LIGHT_PARTICIPLES", "LONE_LOG_RATE", "PAIR_MARGIN",
           "PROTECTED_MARGIN", "ZWNJ_BONUS", "best_join"]

ZWNJ_BONUS = 0.3  # preference for the ZWNJ spelling where both are known
#: Log10 odds by which a known word (Zipf >= 3) must beat its two pieces read as independent
#: words, once the document's split rate after the letter is counted (see :func:`best_join`).
PAIR_MARGIN = 0.6
#: The odds a pair after «و», «با», «بر» ... must beat where the document does not also write
#: the joined word intact (``و کیل`` → ``وکیل``; but ``و زیر`` stays two words there).
PROTECTED_MARGIN = 2.0
#: Log10 odds against reading a lone letter and the «و» after it as one word (``بیا ر و``
#: is «بیار و» more often than «بیا رو»: «و» standing alone is the conjunction). Not after
#: «ا»: a lone «ا» before «و» is the pronoun «او» split by the font (``بر ا و``).
LETTER_AND_MARGIN = 0.5
#: The log10 split rate assumed after a letter that does not join where the text shows no sure
#: split after it (a lone line, a table cell: too short to show its font's habit), so that
#: two words join only if the joined word is at least PAIR_MARGIN - LONE_LOG_RATE = 3.5 orders
#: of magnitude likelier than the two as independent words (``مد نی`` → «مدنی»: 3.8, ``جد ول``
#: → «جدول»: 4.2). Of the pairs after such a letter in 2,055 clean treebank sentences (PerDT,
#: UD Seraji dev) that the lexicon knows joined, none reaches 3.5 (7 reach 3.0, 22 reach 2.5);
#: in the same sentences corrupted, hundreds do, nearly all one word in the gold.
LONE_LOG_RATE = -2.9
#: After a letter the document breaks after every time, the odds of one word may come from a
#: joined word this many Zipf below the rarer part (elsewhere one: web lists hold phrases).
ALWAYS_SPREAD = 2.0


#: Prepositions that are no preverb: a verb form right after one is the end of a word split
#: by the font (``با شد``), never a second word (unlike ``در آمد``, ``بر گشت``).
_PREPOSITIONS = frozenset(("با", "به", "از"))

#: Past participles of the light verbs of compound verbs (``قرار گرفته``, ``ایجاد شده``,
#: ``استفاده کرده``). After a word they are the verb of a phrase, written apart in standard
#: orthography (the treebanks write «X شده» more than ten times as often as «Xشده»), even
#: where web word lists hold the phrase written solid («قرارگرفته»). Forms of «زدن», «دادن»,
#: «یافتن» are left out: they end real compounds (``شگفت‌زده``, ``توسعه‌یافته``).
LIGHT_PARTICIPLES = frozenset(("شده", "کرده", "گرفته", "نموده"))
#: What may follow such a participle in the same word (``گرفته‌اند``, ``شده‌است``).
_PARTICIPLE_ENDINGS = frozenset((*ZWNJ_SUFFIXES, "است"))


def best_join(cores: list[str], gaps: list[Gap | None], scorer: WordScorer,
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
        elif word in scorer.spoken:  # a spoken form: never with a function word (``ها که``)
            if glues is None:
                glues = _glues_function_word(cores)
            if glues:
                continue
        if not checked:
            checked = True
            if _phrase(cores, lex) and not (mi_prefix(cores[0]) and word in lex.verb_forms):
                return -math.inf, ()
            rates = [gap[2] for gap in live]
            seen = len(cores) == 2 and gaps[0] is not None and gaps[0][3]
            evidence = all(c is COSTS_ALWAYS or c is COSTS_BREAKS for c in costs)
            # Without evidence of breaks, a lone letter beside solid words is an initial
            # (``آقای ز در``) and is glued only into a common word (``کرد ه`` → ``کرده``).
            initial_like = (not evidence and any(len(c) == 1 and c in FRAGMENTS for c in cores)
                            and all(lex.solid(c) for c in cores if len(c) > 1)
                            and any(len(c) > 1 for c in cores))
        if initial_like and not lex.solid(word):
            continue
        if cores[-1] in PREFIXES and (not lex.solid(word) or "".join(cores[:-1]) in PROTECTED):
            continue  # «می» ends only a common word (``تما می``), never «را» (``ر ا می``)
        if (len(cores[-1]) == 1 and costs[-1] is COSTS_DEFAULT
                and is_initial(word[:-1].rstrip(ZWNJ), cores[-1], lex, rates[-1] is None)):
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
            if gap_costs is not COSTS_COMPOUND and lex.solid(left) and lex.solid(right):
                z_left, z_right = lex.zipf(left), lex.zipf(right)
                gain = z + 9.0 - z_left - z_right
                # Two words or one word split by the document's font: the joined word's
                # probability times the document's split rate after this letter against the two
                # words' probabilities as a sequence of independent words (log10 odds).
                rate = rates[j]
                # (where the text shows no split after a letter that does not join, the
                # assumed rate of a text too short to show its font's habit: «مد نی»)
                odds = (rate if rate is not None
                        else LONE_LOG_RATE if left[-1] in NON_JOINING else None)
                pair = (odds is not None and z >= SOLID_ZIPF and gain + odds >= PAIR_MARGIN
                        and z >= min(z_left, z_right)
                        - (ALWAYS_SPREAD if gap_costs is COSTS_ALWAYS else 1.0))
                if (left in PROTECTED and not (z >= 4.0 and verb_like(right))
                        and not (pair and (seen or gain + odds >= PROTECTED_MARGIN))):
                    break  # «با شد» → «باشد»: a preposition never takes a verb
                if not seen and not listed(word, lex):
                    break  # «مواد مخدر»: web lists also hold phrases written solid
                if (odds is not None and left in _PREPOSITIONS and right in lex.verb_forms
                        and word in lex.verb_forms):
                    continue  # «با شد» → «باشد»: a preposition is never followed by a verb
                if gap_costs is COSTS_ALWAYS:
                    # A single space after this letter almost always splits a word: a compound
                    # the lexicon knows is enough, unless the second part is a function word.
                    if (z < 3.0 or gain < gap_costs.both or right in NON_TAILS) and (
                            z < min(z_left, z_right) - 1.0 or gain < gap_costs.both) and not pair:
                        break
                elif (z < min(z_left, z_right) + 0.3 or gain < gap_costs.both) and not pair \
                        and not seen:
                    break
                total -= min(gap_costs.both, PAIR_MARGIN - odds) if pair else gap_costs.both
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
def _wordlike(piece: str, lex: Lexicon) -> bool:
    """Whether ``piece`` is a common word, or a listed one with a suffix (``برشان``)."""
    return lex.solid(piece) or (len(piece) > 2 and listed(piece, lex))


def _phrase(cores: list[str], lex: Lexicon) -> bool:
    """Whether ``cores`` are words around a function word: «بعد از ظهر», «رو د ر روی».

    A function word (:data:`~.detect.PROTECTED`) between two words is itself a word, even
    where web word lists hold the phrase written solid («بعدازظهر»), unless that solid word
    is at least as common as the rarer side (``کشا و رزی`` is «کشاورزی», ``امید و ار``
    «امیدوار»); and pieces that spell one at the edge of a span («د ر ملأ عام») make no word
    less common than a solid one.
    """
    n = len(cores)
    word = "".join(cores)
    z = lex.zipf(word) if lex.solid(word) else 0.0
    for i in range(1, n - 1):
        if cores[i] in PROTECTED:
            left, right = "".join(cores[:i]), "".join(cores[i + 1:])
            if (_wordlike(left, lex) and _wordlike(right, lex)
                    and z < min(lex.zipf(left), lex.zipf(right))):
                return True  # (a solid word as common as a side is one: «کشا و رزی»)
    if n < 3 or z:
        return False
    return any("".join(cores[i:j]) in PROTECTED
               for i in range(n) for j in range(i + 1, n + 1) if j - i < n)


def _fragment_like(cores: list[str], costs: list[GapCosts], lex: Lexicon) -> bool:
    """Whether a piece of a span is a fragment: a lone letter, or, where the document shows
    words breaking at every gap, a piece that is no word (of three letters or less unless a
    single space after each gap's letter always splits a word).
    """
    evidence = all(c is COSTS_ALWAYS or c is COSTS_BREAKS for c in costs)
    always = all(c is COSTS_ALWAYS for c in costs)
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
    stop = stopword_set()
    if any(len(c) > 1 and c in stop for c in cores) or cores[0] in SUFFIX_PIECES:
        return True
    # «و آتیکاس» is not «وآتیکاس», «سه‌شاخه ر ا» not «سه‌شاخهرا»: pieces at either end
    # that spell a function word are that word
    return any("".join(cores[:i]) in PROTECTED or "".join(cores[i:]) in PROTECTED
               for i in range(1, len(cores)))
