"""ZWNJ inside words: where a word written solid lost one, and where a typed one is wrong.

:func:`inword_changes` finds words written without any ZWNJ that hide one: «می»/«نمی» before
a verb hazm knows (``میگویند``), a plural or suffix after a final «ه» (``شیشههای``,
``خانهای``), a comparative after a joining letter. A word that is also a word as written
(``میدانی``) is split only if the document writes its «می» verbs solid as a habit.
:func:`drops_zwnj` decides the converse: a ZWNJ typed inside a word whose letters should join
(``شهروند‌ان``), kept after a prefix or before a suffix written with ZWNJ and in compounds.
"""

from __future__ import annotations

import functools
import re

from ..resources import word_frequencies
from .affixes import (
    AFTER_HEH,
    AFTER_YEH,
    COMPOUND_HEADS,
    PLAIN_SUFFIXES,
    PREFIXES,
    PREVERBS,
    ZWNJ_PREFIXES,
    ZWNJ_TAILS,
    mi_prefix,
    stopword_set,
)
from .base import Change, RepairContext
from .chardata import DUAL_JOINING, ZWNJ
from .compound_evidence import HEAVY_SIGNS
from .compound_solid import glued_cut, solid_cut
from .compounds import (
    plural_habit,
    solid_plural,
    space_compound_changes,
    spaced_count,
    zwnj_damaged,
)
from .detect import FRAGMENTS, LISTED_ZIPF, SOLID_ZIPF, Lexicon, lexicon
from .gapplan import plan_gaps

__all__ = ["HEH_SUFFIXES", "LETTERS", "OWN_SPELLING", "PERFECT_ENDINGS", "PLURALS", "SOLID_MI",
           "SOLID_MI_HABIT", "drops_zwnj", "inword_changes"]

LETTERS = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
# Whole words (no ZWNJ on either side) that may hide a lost ZWNJ: «می»/«نمی» at the start, or
# «ها»/«ای»/«تر» ... at the end; :func:`_inword` decides.
_RUN = re.compile(
    f"(?<![{LETTERS}\u200c])(?:(?:بر|باز|فرو|فرا|وا|ور|در)?ن?می[{LETTERS}]{{2,}}"
    f"|[{LETTERS}]{{2,}}(?:ه[{LETTERS}]{{1,5}}|تر|ترین))(?![{LETTERS}\u200c])"
)
PLURALS = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
HEH_SUFFIXES = ("ایم", "اید", "اند", "ای", "ام", "اش", "ات")


def _inword(run: str, lex: Lexicon) -> int | None:
    """Where a ZWNJ is missing inside ``run`` (a word written without any), or None."""
    verbs = lex.verb_forms
    for prefix in PREFIXES:
        marked = prefix + ZWNJ + run[len(prefix):]
        if run.startswith(prefix) and (marked in verbs or lex.zipf(marked) >= 3.0):
            return len(prefix)
    z_run = lex.zipf(run)
    for prefix in PREVERBS:
        for mi in PREFIXES:
            head = prefix + mi
            if run.startswith(head) and mi + ZWNJ + run[len(head):] in verbs:
                return len(head)
    if z_run == 0.0:
        cut = _heh_ending(run, lex)
        if cut is not None:
            return cut  # «گونهای»: «گونه‌ای», not «گون‌های»
    for suffix in PLURALS:
        stem = run[: -len(suffix)]
        if run.endswith(suffix) and len(stem) > 1 and stem[-1] in DUAL_JOINING:
            if lex.is_word(stem) and (stem[-1] == "ه" or z_run == 0.0):
                return len(stem)
            break
    if any(run.endswith(p) and lex.is_word(run[: -len(p)]) for p in PLURALS):
        return None  # آوازهای: آواز + های, not آوازه + ای
    for suffix in HEH_SUFFIXES:
        stem = run[: -len(suffix)]
        if (run.endswith(suffix) and stem.endswith("ه") and z_run == 0.0
                and (lex.solid(stem) or stem in verbs)):
            return len(stem)
        if run.endswith(suffix) and suffix in PERFECT_ENDINGS and _past_participle(stem, lex):
            return len(stem)  # «کردهاند»: the treebanks write «کرده‌اند», web lists both
    for suffix in ("ترین", "تر"):
        stem = run[: -len(suffix)]
        if (run.endswith(suffix) and len(stem) > 1 and stem[-1] in DUAL_JOINING
                and lex.zipf(stem + ZWNJ + suffix) > z_run and lex.is_word(stem)):
            return len(stem)
    return None


#: Endings after a final «ه» that, with that «ه», also read as a plural (``گونهای``: «گونه» +
#: «ای» or «گون» + «های»; ``گرفتهایم``: «گرفته» + «ایم» or «گرفت» + «هایم»).
_HEH_OR_PLURAL = ("ایم", "ای")


def _heh_ending(run: str, lex: Lexicon) -> int | None:
    """Where a solid word the lexicon does not know ends a word in «ه» before «ای»/«ایم», when
    that reading beats the plural one (the cut after the «ه»), or None.

    The «ه» reading wins where the lexicon knows it with ZWNJ at least as well as the plural
    one (a plural after a letter that does not join is written solid, and ``run`` is unknown)
    and its word in «ه» is the more common word (``گونه`` against ``گون``, ``زلزله`` against
    ``زلزل``), or where the lexicon counts it (above hazm's mere listing of a verb form) more
    often than the plural (``کرده‌ایم``; but ``ستادهای`` is «ستاد» + «های»). The word in «ه»
    must be a common word or a verb form.

    >>> [_heh_ending(w, lexicon()) for w in ("گونهای", "عدهای", "کتابهای", "ستادهای")]
    [4, 3, None, None]
    """
    for suffix in _HEH_OR_PLURAL:
        stem = run[: -len(suffix)]
        if not (run.endswith(suffix) and stem.endswith("ه") and len(stem) > 2
                and (lex.solid(stem) or stem in lex.verb_forms)):
            continue
        bare = stem[:-1]
        heh = lex.zipf(stem + ZWNJ + suffix)
        plural = lex.zipf(bare + ZWNJ + "ه" + suffix) if bare[-1] in DUAL_JOINING else 0.0
        if ((heh > plural and heh > LISTED_ZIPF)
                or (heh >= plural and lex.zipf(stem) > lex.zipf(bare))):
            return len(stem)
        return None
    return None


#: Endings of the perfect after a past participle (``کرده‌اند``, ``رفته‌ای``), written after
#: a ZWNJ (PerDT, Seraji and our transcripts: 204 times in 204).
PERFECT_ENDINGS = frozenset(("اند", "ای", "ام", "اید", "ایم"))


def _past_participle(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` is a past participle hazm lists (a past stem in «د»/«ت», and «ه»).

    >>> _past_participle("کرده", lexicon()), _past_participle("خانه", lexicon())
    (True, False)
    """
    return len(word) > 3 and word[-1] == "ه" and word[-2] in "دت" and word in lex.verb_forms


def _ambiguous_mi(run: str, cut: int, lex: Lexicon) -> bool:
    """Whether ``run``, cut after a «می» prefix, is also a word as written (``میدانی``).

    True when the run is a common word (Zipf >= :data:`SOLID_MI`) that is no «می» verb plus
    a plain suffix (``میدانی`` = «میدان» + «ی», ``میهنی``), or a word hazm's lexicon counts as
    a non-verb (with a corpus frequency). Web frequencies cannot decide this, since the web
    writes «می» verbs solid as often as not.

    >>> _ambiguous_mi("میدانی", 2, lexicon()), _ambiguous_mi("میگویند", 2, lexicon())
    (True, False)
    """
    if not mi_prefix(run[:cut]):
        return False
    if word_frequencies().get(run, 0) > 0:
        return True
    for suffix in _NOUN_SUFFIXES:
        stem = run[: -len(suffix)]
        if run.endswith(suffix) and len(stem) > cut + 1 and lex.zipf(stem) >= SOLID_MI:
            marked = stem[:cut] + ZWNJ + stem[cut:]
            if marked not in lex.verb_forms and lex.zipf(marked) < SOLID_ZIPF:
                return True  # «میدان» is a word, «می‌دان» none; but «می‌توان» is one
    return False


#: Suffixes of nouns and adjectives that a «می» verb ending could hide (``میدان|ی``).
_NOUN_SUFFIXES = ("هایی", "های", "ها", "یی", "ای", "ان", "ی")
#: Zipf from which the stem of a solid word counts as a common word (see :func:`_ambiguous_mi`).
SOLID_MI = 4.0
#: Verbs with «می» written solid, in a document, before it counts as dropping ZWNJ habitually.
SOLID_MI_HABIT = 3


def _drops_mi_zwnj(text: str, lex: Lexicon) -> bool:
    """Whether the document writes «می» verbs solid as a habit (its own spelling).

    Counts the unambiguous «می» verbs written solid (``میگویند``) against the «می‌» written with
    ZWNJ: at least :data:`SOLID_MI_HABIT` and more than those with ZWNJ.
    """
    solid = 0
    for m in _RUN.finditer(text):
        run = m.group()
        cut = _inword_cached(run, lex)
        if cut is not None and mi_prefix(run[:cut]) and not _ambiguous_mi(run, cut, lex):
            solid += 1
    marked = text.count("می" + ZWNJ)
    return solid >= SOLID_MI_HABIT and solid > marked


def inword_changes(text: str, context: RepairContext) -> list[Change]:
    """ZWNJs lost inside words written solid, and in compounds written with a plain space.

    Besides :func:`_inword`: a solid plural is split by the document's own habit
    (:func:`~.compounds.plural_habit`: ``سالها`` in a text that writes ``کتاب‌ها``, but
    ``جناحها`` stays in one that writes its plurals solid), a solid word that is a compound the
    lexicon knows with ZWNJ is cut: in a document that writes some ZWNJs as spaces also where
    the lexicon knows the solid word but hazm never counts it, or where it is a plural
    (:func:`~.compound_solid.solid_cut`), in any text where the lexicon does not know the
    solid word at all (:func:`~.compound_solid.glued_cut`: ``برنامهریزی`` in a lone line;
    a document that writes it solid as its own spelling, :func:`_own_spelling`, keeps it), and
    the spaces the gap plan leaves between the parts of a compound are judged by
    :func:`~.compounds.space_compound_changes`.
    """
    lex = lexicon()
    out = []
    habit: bool | None = None
    plurals: int | None = None
    damaged = zwnj_damaged(text, context)
    # Each line's cuts are kept (offsets in the line) for the next pass: every fact they read
    # (the lexicon, the document's habits, the counts of :func:`spaced_count`) is fixed once
    # read, and the runs never span lines.
    known = context.cache.setdefault("inword_lines", {})
    offset = 0
    for line in text.split("\n"):
        cuts = known.get(line)
        if cuts is None:
            found = []
            for m in _RUN.finditer(line):
                run = m.group()
                cut = _inword_cached(run, lex)
                if cut is None:
                    if not run.endswith(PLURALS) or lex.zipf(run) == 0.0:
                        continue
                    cut = solid_plural(run, lex)
                    if cut is None or lex.zipf(run[:cut] + ZWNJ + run[cut:]) == 0.0:
                        continue
                    if plurals is None:
                        plurals = plural_habit(text, context)
                    if plurals != 1:
                        continue  # «سالها» is split only where the document writes «سال‌ها»
                elif run[cut:] in PLURALS and run[cut - 1] != "ه":
                    if run[:cut] in stopword_set():
                        continue  # «همانها», «اینها»: a pronoun's plural is as often solid
                    if plurals is None:
                        plurals = plural_habit(text, context)
                    if plurals == -1:
                        continue  # «جناحها» in a document that writes its plurals solid
                elif _ambiguous_mi(run, cut, lex):
                    if habit is None:
                        habit = context.cache.get("mi_habit")
                        if habit is None:
                            habit = context.cache["mi_habit"] = _drops_mi_zwnj(
                                context.source or text, lex)
                    if not habit:
                        continue  # «میدانی» stays unless the document drops «می»'s ZWNJ
                if _own_spelling(run, cut, text, context):
                    continue
                found.append((m.start(), m.start() + cut))
            taken = {start for start, _ in found}
            cuts = [at for _, at in found]
            for m in _SOLID_WORD.finditer(line):
                if m.start() not in taken:
                    word = m.group()
                    cut = solid_cut(word, lex) if damaged else None
                    if cut is None:
                        cut = glued_cut(word, lex)
                        if cut is not None and _own_spelling(word, cut, text, context):
                            continue
                    if cut is not None:
                        cuts.append(m.start() + cut)
            cuts = known[line] = tuple(cuts)
        for at in cuts:
            out.append(Change(at + offset, at + offset, ZWNJ))
        offset += len(line) + 1
    if " " in text:
        taken = frozenset(c.start for c in plan_gaps(text, context))
        out += space_compound_changes(text, context, taken)
    return out


#: Times a document that writes ZWNJs must write a word solid, and never with a ZWNJ or a
#: space at the cut, for that to be its writer's spelling (see :func:`_own_spelling`).
OWN_SPELLING = 2


def _own_spelling(run: str, cut: int, text: str, context: RepairContext) -> bool:
    """Whether the document writes ``run`` solid as its own spelling (``گروهها``).

    A document that writes ZWNJs (at least :data:`~.compound_evidence.HEAVY_SIGNS` of them)
    and writes this word solid :data:`OWN_SPELLING` times or more, never with a ZWNJ or a
    space at ``cut``, spells it so: a lost ZWNJ would hardly fall out every time. (A document
    that lost all its ZWNJs, as some extractors do, says nothing of its writer's habit.)

    >>> text = "گروهها آمدند و گروهها رفتند و می‌گویند می‌روند می‌آیند می‌خوانند می‌دانند"
    >>> _own_spelling("گروهها", 4, text, RepairContext.from_text(text))
    True
    """
    stats = context.stats()
    if stats.words.get(run, 0) < OWN_SPELLING:
        return False
    zwnjs = context.cache.get("zwnj_count")
    if zwnjs is None:
        zwnjs = context.cache["zwnj_count"] = (context.source or text).count(ZWNJ)
    if zwnjs < HEAVY_SIGNS:
        return False
    head, tail = run[:cut], run[cut:]
    return stats.words.get(head + ZWNJ + tail, 0) == 0 and spaced_count(head, tail, text,
                                                                         context) == 0


#: A word of four letters or more with no ZWNJ on either side.
_SOLID_WORD = re.compile(f"(?<![{LETTERS}\u200c])[{LETTERS}]{{4,}}(?![{LETTERS}\u200c])")


@functools.lru_cache(maxsize=65536)
def _inword_cached(run: str, lex: Lexicon) -> int | None:
    return _inword(run, lex)


#: A ZWNJ between letters: the run of letters before it, and (not consumed) the run after it.
_ZWNJ_JOINT = re.compile(f"(?<![{LETTERS}])([{LETTERS}]+)\u200c(?=([{LETTERS}]+))")


@functools.lru_cache(maxsize=65536)
def drops_zwnj(a: str, b: str, lex: Lexicon) -> bool:
    """Whether the ZWNJ between the letters ``a`` and ``b`` goes (see :func:`drop_wrong_zwnj`)."""
    if (b in ZWNJ_TAILS or (a.endswith("ه") and b in AFTER_HEH)
            or (a.endswith("ی") and b in AFTER_YEH) or a in PREFIXES
            or a in ZWNJ_PREFIXES or a in COMPOUND_HEADS or lex.solid(b)
            or a + ZWNJ + b in lex or b.startswith(PLURALS) or b.startswith(("تر", "ترین"))):
        return False
    if b not in _BOUND and lex.solid(a) and _word_with_suffix(b, lex):
        return False  # two words of a compound, the second inflected
    return lex.zipf(a + b) >= 3.0


_BOUND = FRAGMENTS | frozenset(PLAIN_SUFFIXES)


def _word_with_suffix(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` is a solid word (Zipf >= 3) of two letters or more plus a plain suffix.

    (A solid ``word`` itself is handled by the caller.)
    """
    return any(word.endswith(suffix) and len(word) - len(suffix) >= 2
               and lex.solid(word[: -len(suffix)]) for suffix in PLAIN_SUFFIXES)

