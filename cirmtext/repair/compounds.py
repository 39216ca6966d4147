"""Compounds and plurals whose ZWNJ was lost: written solid, or written with a plain space.

Three decisions, each memoised per word or per pair of pieces (a document repeats its words):

* :func:`~.compound_solid.solid_cut` (kept here under its old name): a word the lexicon does
  not know, written solid, that is a compound the lexicon knows with ZWNJ (``برنامهریزی`` →
  ``برنامه‌ریزی``, ``بیخبر`` → ``بی‌خبر``); :mod:`.compound_solid` holds it and the cut of
  such words in any text.
* :func:`plural_habit`: whether the document writes «ها» after a word with ZWNJ (or a space
  standing for one) or solid, as a habit; a solid plural the lexicon also knows (``سالها``) is
  split only in a document that writes its plurals with ZWNJ, and an unknown solid plural
  (``جناحها``) is left alone in one that writes them solid.
* :func:`space_compound_changes`: a compound written with a plain space (``مصاحبه گر``,
  ``تصمیم گیری``) in a document that writes ZWNJs as spaces (:func:`zwnj_damaged`): closed
  with ZWNJ when the second part is a *bound tail* (a word that ends many compounds of the
  lexicon and that hazm's corpus hardly counts alone: ``گیری``, ``شناسی``, ``گر``; not
  ``نامه``, ``ملی``) and the lexicon knows the compound (or hazm lists no such word at all:
  ``گرایانه``), or when the document writes the same compound with ZWNJ elsewhere at least
  as often as with a space. Two words that merely stand side by side (``حقوق بشر``,
  ``صد ای``) stay apart. The agent noun of a light verb after a common word
  (``مصاحبه شونده``, ``مصرف کنندگان``) is closed in any document. A text too short to show
  its own spelling (:data:`LONE_SIGNS`, :data:`LONE_WORDS`) closes what the lexicon alone says
  is one word instead (:func:`~.compound_lone.lone_compound`: ``نقل قول`` in a lone line).
"""

from __future__ import annotations

import functools
import re

from ..resources import word_frequencies
from .affixes import NON_TAILS, compound_tails, deverbal, stopword_set
from .base import Change, RepairContext
from .chardata import DUAL_JOINING, ZWNJ
from .compound_evidence import (
    bound_tail_compound,
    heavily_damaged,
    heavy_compound,
    inflected_stems,
    joins_without_zwnj,
    unmarked,
    unmarked_damaged,
)
from .compound_forms import ENDED_SUFFIXES, arabic_compound, known_inflected, takes_suffix
from .compound_lone import lone_compound
from .compound_solid import solid_cut
from .detect import PROTECTED, Lexicon, lexicon

__all__ = ["BOUND_HAZM_COUNT", "COMMON_STEM_ZIPF", "LONE_SIGNS", "LONE_WORDS",
           "MIN_ZWNJ_SPACE_RATE", "PLURAL_HABIT", "plural_habit", "short_damaged", "solid_clitic",
           "solid_cut", "solid_plural", "solid_signs", "space_compound_changes", "spaced_count",
           "zwnj_damaged", "zwnj_space_share", "zwnj_space_signs"]

_L = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
#: The plural suffixes (longest first) a solid plural may end in.
_PLURALS = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
#: Hazm's corpus counts a bound tail alone at most this often (``گیری``: never; ``نامه``: ~10⁷).
BOUND_HAZM_COUNT = 1000
#: Zipf of a word from which the word plus «ی» is no strict compound tail (see _strict_tails).
COMMON_STEM_ZIPF = 6.0
#: Sure ZWNJ places written with a space from which a text that writes no ZWNJ closes the
#: pairs the lexicon alone says are one word (:func:`~.compound_lone.lone_compound`).
LONE_SIGNS = 1
#: Words up to which a text that writes some of its ZWNJs as spaces is too short to show its
#: own spelling of a compound (one sentence, a lone line): the lexicon's word is heard instead.
LONE_WORDS = 60
#: Share of the document's ZWNJs written as spaces from which a space may stand for a compound's.
MIN_ZWNJ_SPACE_RATE = 0.25
#: Plurals written one way before the document counts as having that habit, and how many times
#: more often than the other way.
PLURAL_HABIT = (5, 4)

#: A single space between two runs of letters (the first not after a ZWNJ or letter).
_SPACE_PAIR = re.compile(f"(?<![{_L}\u200c])([{_L}]+) (?=([{_L}]+)(?![{_L}]))")
#: A plural suffix after a joining letter, written with ZWNJ or a space.
_MARKED_PLURAL = re.compile(f"[{_L}][\u200c ](?:ها|های|هایی|هایش|هایشان)(?![{_L}])")


_MI = frozenset(("می", "نمی"))
_VERB_ENDS = ("ند", "ید", "یم", "م", "د")
#: Agent nouns of the light verbs of compound verbs (کردن، دادن، شدن، گرفتن، داشتن، یافتن).
_LIGHT_STEMS = ("کن", "ده", "شو", "گیر", "دار", "یاب")
_LIGHT_AGENTS = frozenset(stem + end for stem in _LIGHT_STEMS
                          for end in ("نده", "ندگان", "ندگی"))
_LIGHT_AGENT_PAIR = re.compile(
    f"(?<![{_L}\u200c])([{_L}]+) (?=((?:{'|'.join(_LIGHT_STEMS)})(?:نده|ندگان|ندگی))"
    f"(?![{_L}]))")
_POSSESSIVE = frozenset(("شان", "تان", "مان"))

#: Sure signs of a ZWNJ written as a space: «ها» after a joining letter, «می» before a word.
_SPACE_SIGNS = re.compile(
    f"[{_L}] (?:ها|های|هایی)(?![{_L}])|(?<![{_L}\u200c])ن?می (?=[{_L}])")


def zwnj_damaged(text: str, context: RepairContext) -> bool:
    """Whether the document writes ZWNJs as spaces (at least :data:`MIN_ZWNJ_SPACE_RATE`).

    Read from the document's statistics or, for a document extracted in visual order whose
    raw text shows nothing, from the first text of the stage (in reading order by then).

    >>> zwnj_damaged("کتاب ها و می گویند", RepairContext.from_text("کتاب ها و می گویند"))
    True
    >>> zwnj_damaged("کتاب‌ها و می‌گویند", RepairContext.from_text("کتاب‌ها و می‌گویند"))
    False
    """
    return zwnj_space_share(text, context) >= MIN_ZWNJ_SPACE_RATE


def short_damaged(text: str, context: RepairContext) -> bool:
    """Whether the text writes some ZWNJs as spaces (:func:`zwnj_damaged`) and has at most
    :data:`LONE_WORDS` words: too short to show its own spelling of a compound or its habit
    with plurals (one sentence, a pasted line).

    >>> text = "کتاب ها و می‌گویند"
    >>> short_damaged(text, RepairContext.from_text(text))
    True
    """
    return (zwnj_space_share(text, context) >= MIN_ZWNJ_SPACE_RATE
            and context.stats().words.total() <= LONE_WORDS)


def zwnj_space_share(text: str, context: RepairContext) -> float:
    """The share of the document's ZWNJs written as spaces (see :func:`zwnj_damaged`).

    Kept with the document's facts (``zwnj_damaged``), so that every section of a long input
    reads the same value.

    >>> zwnj_space_share("کتاب ها و می گویند", RepairContext.from_text("کتاب ها و می گویند"))
    1.0
    """
    rate = context.cache.get("zwnj_damaged")
    if rate is None:
        stats = context.stats()
        rate, spaces = stats.zwnj_space_rate(), stats.zwnj_spaces
        if rate < MIN_ZWNJ_SPACE_RATE:
            spaces = len(_SPACE_SIGNS.findall(text))
            rate = spaces / (spaces + text.count(ZWNJ)) if spaces else 0.0
        context.cache["zwnj_damaged"] = rate
        stats.derived["zwnj_space_signs"] = spaces
    return float(rate)


def zwnj_space_signs(text: str, context: RepairContext) -> int:
    """How many sure ZWNJ places of the document have a space (the evidence behind
    :func:`zwnj_space_share`; kept with the document's statistics)."""
    zwnj_space_share(text, context)
    stats = context.stats()
    return int(stats.derived.get("zwnj_space_signs", stats.zwnj_spaces))


def solid_signs(context: RepairContext) -> int:
    """How many sure ZWNJ places the document writes solid: a «می» verb hazm lists with ZWNJ
    (``میگویند``) or a solid plural of a common word (``سالها``, :func:`solid_plural`).

    Kept with the document's statistics.

    >>> solid_signs(RepairContext.from_text("میگویند سالها گذشت و کتاب ها ماند"))
    2
    """
    stats = context.stats()
    n = stats.derived.get("solid_signs")
    if n is None:
        lex = lexicon()
        verbs = lex.verb_forms
        n = sum(count for word, count in stats.words.items()
                if ZWNJ not in word and (
                    (word.startswith(_MI_HEADS) and len(word) > 4
                     and word.replace("می", "می" + ZWNJ, 1) in verbs)
                    or solid_plural(word, lex) is not None))
        stats.derived["solid_signs"] = n
    return n


_MI_HEADS = ("می", "نمی")


def plural_habit(text: str, context: RepairContext) -> int:
    """1 if the document writes its plurals with ZWNJ as a habit, -1 if solid, else 0.

    (1 only in a document that writes some ZWNJs as spaces, :data:`MIN_ZWNJ_SPACE_RATE`: a
    clean text's own spelling of a plural is kept.)

    Counts «ها»/«های» after a joining letter written with ZWNJ or a space, against solid
    plurals of a common word ending in a joining letter other than «ه» that hazm does not list
    as a word of their own (``سالها``; not ``تنها``, ``آنها``). A habit needs
    :data:`PLURAL_HABIT` [0] plurals one way and :data:`PLURAL_HABIT` [1] times those the
    other way. Kept with the document's statistics.

    >>> text = "سال‌ها و کتاب ها و شب‌ها و درخت ها و گل‌ها"
    >>> plural_habit(text, RepairContext.from_text(text))
    1
    """
    stats = context.stats()
    habit = stats.derived.get("plural_habit")
    if habit is None:
        marked = len(_MARKED_PLURAL.findall(context.source))
        lex = lexicon()
        solid = sum(n for word, n in stats.words.items()
                    if ZWNJ not in word and solid_plural(word, lex) is not None)
        least, ratio = PLURAL_HABIT
        habit = (1 if marked >= least and marked >= ratio * solid
                 and zwnj_damaged(text, context)
                 else -1 if solid >= least and solid >= ratio * marked else 0)
        stats.derived["plural_habit"] = habit
    return habit


@functools.lru_cache(maxsize=65536)
def solid_plural(word: str, lex: Lexicon) -> int | None:
    """Where a solid plural of a common word ends its stem (``سالها`` → 3), or None.

    >>> solid_plural("سالها", lexicon()), solid_plural("تنها", lexicon())
    (3, None)
    """
    for suffix in _PLURALS:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if (len(stem) > 1 and stem[-1] in DUAL_JOINING and stem[-1] != "ه"
                    and lex.solid(stem) and stem not in stopword_set()
                    and not word_frequencies().get(word)):
                return len(stem)
            return None
    return None


@functools.cache
def _bound_tails() -> frozenset[str]:
    """Second parts of compounds that hardly stand alone (see the module docstring).

    Conjugated verbs and hazm's stopwords are none (``شده``, ``زده``, ``متر``), except nouns
    made of a present stem (``گیری``, ``سازی``: verb forms too, and stopwords for hazm).

    >>> "گیری" in _bound_tails(), "نامه" in _bound_tails(), "ملی" in _bound_tails()
    (True, False, False)
    """
    from ..resources import verb_forms

    counts, forms, stop = word_frequencies(), verb_forms(), stopword_set()
    return frozenset(
        tail for tail, n in compound_tails().items()
        if n >= 5 and (counts.get(tail) or 0) < BOUND_HAZM_COUNT and tail not in NON_TAILS
        and (deverbal(tail) or (tail not in stop and not (tail in forms and not forms[tail][2]))))


@functools.cache
def _strict_tails() -> frozenset[str]:
    """Bound tails hazm does not list as words at all, and no verb form (``گیری``, ``شناسی``,
    ``گرایانه``): after a common word they make a compound even if the lexicon lacks it
    (``مصاحبه گری``). A tail that is a very common word plus «ی» (Zipf >= :data:`COMMON_STEM_ZIPF`)
    is left out: ``روزی`` and ``کاری`` stand alone too (``معتقدیم روزی``).

    >>> "گرایانه" in _strict_tails(), "روزی" in _strict_tails(), "نامه" in _strict_tails()
    (True, False, False)
    """
    from ..resources import verb_forms

    counts, forms, lex = word_frequencies(), verb_forms(), lexicon()
    return frozenset(
        tail for tail in _bound_tails()
        if tail not in counts and tail not in forms
        and not (tail.endswith("ی") and lex.zipf(tail[:-1]) >= COMMON_STEM_ZIPF))


@functools.lru_cache(maxsize=65536)
def _lexicon_compound(a: str, b: str, lex: Lexicon) -> bool | None:
    """Whether ``a b`` is a compound by the lexicon (True), may be one if the document says
    so (None: both parts may form one), or never is (False).

    «می»/«نمی» before a word with a personal ending that is a verb form or no word of its own
    is the verbal prefix (``می نکوهیم``: verbs hazm does not list too; but «می» is the end of
    a split word before ``سال``, ``داوطلبان``); «شان»/«تان»/«مان» after «ه» or «ی» is the
    possessive (``زندگی شان``); the agent noun of a light verb after a common word is the
    object's compound (``مصاحبه شونده``, ``مصرف کنندگان``; other agent nouns stand alone:
    ``سال آینده``); a word with the Arabic article after a word is an Arabic compound where
    the lexicon knows it (``بیت المال``, ``حجت الاسلام``; but ``باشگاه الزمالک``).
    """
    if a in _MI:
        return (len(b) > 2 and b not in PROTECTED and b.endswith(_VERB_ENDS)
                and not b.endswith(_PLURALS) and (b in lex.verb_forms or not lex.is_word(b)
                                                  or lex.zipf(a + ZWNJ + b) > 0.0))
    if b in _POSSESSIVE:
        if a[-1] in "هی":
            return lex.is_word(a) and a not in PROTECTED
        return (a[-1] in DUAL_JOINING and lex.solid(a) and a not in stopword_set()
                and a not in lex.verb_forms)  # «نتایج شان»: written solid (solid_clitic)
    if b in ENDED_SUFFIXES:
        return takes_suffix(a, ENDED_SUFFIXES[b], lex)
    if arabic_compound(a, b, lex):
        return True
    if b in _LIGHT_AGENTS:
        return (a[-1] in DUAL_JOINING and lex.solid(a) and a not in PROTECTED
                and a not in stopword_set() and a not in lex.verb_forms)
    if (a[-1] not in DUAL_JOINING or a in PROTECTED or a in NON_TAILS or b in NON_TAILS
            or not lex.is_word(a) or a in stopword_set()
            or (b in stopword_set() and b not in _bound_tails())):
        return False
    marked = a + ZWNJ + b
    if b in _bound_tails() and (lex.zipf(marked) >= 2.8 or marked in word_frequencies()):
        return True
    if b in _strict_tails() and lex.solid(a) and a not in lex.verb_forms:
        return True
    if any(_lexicon_compound(a, stem, lex) for stem in inflected_stems(b, lex)):
        return True  # «آسیب پذیرترند», «تصمیم گیری هایش»: a compound, inflected
    if known_inflected(a, b, lex):
        return True
    return None


def space_compound_changes(text: str, context: RepairContext,
                           taken: frozenset[int]) -> list[Change]:
    """ZWNJs for compounds written with a plain space (see the module docstring).

    ``taken`` are the offsets of the spaces the gap plan already changes or stands beside:
    those gaps are left to it (the next pass of the stage sees its result).

    >>> text = "کتاب ها و مصاحبه گر و سال ها و حقوق بشر و تصمیم گیری"
    >>> [c.start for c in space_compound_changes(text, RepairContext.from_text(text),
    ...                                          frozenset())]
    [16, 47]
    """
    if " " not in text:
        return []
    # Light-verb agent nouns are compounds in any document; the rest only where ZWNJs are
    # written as spaces, or in a text that writes none.
    share = zwnj_space_share(text, context)
    stats = context.stats()
    signs = zwnj_space_signs(text, context)
    # A text that writes no ZWNJ at all shows nothing against its spaces standing for ZWNJs
    # (a lone line of a PDF whose extractor made them spaces): see :func:`unmarked`.
    no_zwnj = not stats.zwnj_written and unmarked(signs, solid_signs(context))
    pairs = _SPACE_PAIR if share >= MIN_ZWNJ_SPACE_RATE or no_zwnj else _LIGHT_AGENT_PAIR
    heavy = heavily_damaged(share, signs) or (
        no_zwnj and unmarked_damaged(signs, stats.words.total()))
    # A text with no ZWNJ and one sure place written with a space (a lone line of such a PDF)
    # closes what the lexicon alone says is one word (:func:`lone_compound`).
    lone = not heavy and (
        (no_zwnj and signs >= LONE_SIGNS) or short_damaged(text, context))
    lex = lexicon()
    words = stats.words
    # What each pair becomes, kept for this text's context: every input of the verdict (the
    # lexicon, the document's counts, the counts of :func:`_spaced`) is fixed there. A line
    # whose pairs were all judged is kept with the changes they make (offsets in the line),
    # so the next pass reads the lines it left alone in one look-up (pairs never span lines).
    memo = context.cache.setdefault(f"space_compounds_{heavy}_{no_zwnj}_{lone}", {})
    known = context.cache.setdefault(
        f"space_compound_lines_{heavy}_{no_zwnj}_{lone}_{pairs is _SPACE_PAIR}", {})
    out = []
    offset = 0
    for line in text.split("\n"):
        found = known.get(line)
        if found is not None:
            for start, space, end, after in found:
                space += offset
                if not (space in taken or start + offset - 1 in taken or end + offset in taken):
                    out.append(Change(space, space + 1, after))
            offset += len(line) + 1
            continue
        found, whole = [], True
        for m in pairs.finditer(line):
            space = m.end(1) + offset
            a, b = m.group(1, 2)
            if space in taken or m.start() + offset - 1 in taken or space + 1 + len(b) in taken:
                whole = False
                continue
            key = a + " " + b
            after = memo.get(key, _UNKNOWN)
            if after is _UNKNOWN:
                verdict = _lexicon_compound(a, b, lex)
                if verdict is None:
                    marked = words.get(a + ZWNJ + b, 0)
                    verdict = marked > 0 and marked >= spaced_count(a, b, text, context)
                if not verdict and heavy:
                    verdict = heavy_compound(a, b, context)
                elif not verdict and (no_zwnj or lone):
                    verdict = (no_zwnj and bound_tail_compound(a, b, lex)) or (
                        lone and lone_compound(a, b, lex))
                after = memo[key] = ("" if joins_without_zwnj(a) or solid_clitic(a, b)
                                     else ZWNJ) if verdict else None
            if after is not None:
                out.append(Change(space, space + 1, after))
                found.append((m.start(), m.end(1), m.end(1) + 1 + len(b), after))
        if whole:
            known[line] = tuple(found)
        offset += len(line) + 1
    return out


_UNKNOWN = object()


def solid_clitic(a: str, b: str) -> bool:
    """Whether the possessive ``b`` («شان», «تان», «مان») after ``a`` is written solid: after
    any letter but «ه» and «ی», which take it after a ZWNJ (``نتایجشان``, ``کتابتان``;
    ``خانه‌شان``). PerDT and Seraji dev/test write it so 177 times in 178, and never with a
    space after a common word.

    >>> solid_clitic("نتایج", "شان"), solid_clitic("خانه", "شان"), solid_clitic("نتایج", "ها")
    (True, False, False)
    """
    return b in _POSSESSIVE and a[-1] not in "هی"


def spaced_count(a: str, b: str, text: str, context: RepairContext) -> int:
    """How often ``text`` writes ``a`` and ``b`` with a space between (counted once per text).

    ``text`` is the stage's input, whose letters are already unified (``ي`` → ``ی``) as the
    document's word counts are.
    """
    counts = context.cache.setdefault("spaced_pairs", {})
    key = a + " " + b
    n = counts.get(key)
    if n is None:
        # the places of ``key`` with no letter or ZWNJ before and no letter after, counted
        # without overlaps as a regex search would (``str.find`` is much quicker than
        # compiling a pattern for each pair)
        n, size, at = 0, len(key), text.find(key)
        while at >= 0:
            if ((not at or not _LETTER_OR_ZWNJ.match(text, at - 1))
                    and not _LETTER.match(text, at + size)):
                n += 1
                at = text.find(key, at + size)
            else:
                at = text.find(key, at + 1)
        counts[key] = n
    return n


_LETTER = re.compile(f"[{_L}]")
_LETTER_OR_ZWNJ = re.compile(f"[{_L}\u200c]")
