"""Word-level spacing rules: spaces inside words, and ZWNJ.

PDF extraction splits words with spaces (``مد یریت``, ``د اد ه ها``) and writes ZWNJ as a
space (``می شود``, ``سازمان های``). Both rules here share one decision, made per line by a
dynamic programme (:func:`plan_gaps`) over the *gaps* between single-space-separated pieces:
each gap is kept, closed (``""``) or closed with a ZWNJ, so as to maximise the sum of the
pieces' word scores (:mod:`.detect`'s lexicon: log frequency, a penalty for unknown words and
a stronger one for fragments such as a lone «د» or «ها») minus a cost for every gap closed. That
cost depends on the evidence:

* a gap is a candidate only after a letter that does not join forward (ا آ د ذ ر ز ژ و), where
  fonts break words, or, after a joining letter, where a ZWNJ was lost (``می``/``نمی`` before a
  verb form that hazm's verb list knows, a suffix such as ``ها``, ``ترین``, ``ای``, a compound
  the lexicon knows with ZWNJ such as ``تصمیم‌گیری``), or anywhere when the document shows that
  its words break after joining letters too (``توج ه``);
* closing a gap between two pieces that are both words costs much more than closing one next
  to a fragment, and a gap after «و», «از», «به», «را», «با», «در», «که» ... before a word is
  never closed;
* the cost is lower after a letter the document shows breaking (many sure splits), and lowest
  when most single spaces after that letter split words (PDFs whose font breaks after «د» every
  time).

Runs of two or more spaces are never touched: they mark word boundaries (and lines whose word
order came out reversed, which the order stage handles). A ZWNJ is written only after a letter
that joins forward; after ا د ر ز و ... the letters are simply joined (``شهروندان``).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from typing import Any, NamedTuple

from .align import apply_changes
from .base import Change, RepairContext, Rule
from .chardata import DUAL_JOINING, NON_JOINING, ZWNJ
from .detect import (
    FRAGMENTS,
    PROTECTED,
    SOLID_ZIPF,
    DocumentStats,
    Lexicon,
    adjectives,
    lexicon,
)

#: Function words and auxiliaries: never the second part of a compound.
_FUNCTION = PROTECTED | frozenset(
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

__all__ = ["RULES", "drop_wrong_zwnj", "insert_zwnj", "join_split_words", "plan_gaps",
           "separate_scripts"]

_ZWNJ_RIGHT = frozenset(("ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان",
                         "هایشان", "تر", "ترین"))

_CORE = re.compile("^([^\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc]*)"
                   "([\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u200c]+)"
                   "([^\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u200c]*)$")
MAX_PIECES = 5
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

UNKNOWN = 13.0  # penalty of an unknown word, on top of the Zipf scale
PER_LETTER = 1.2  # and per letter of it
FRAGMENT = 2.0  # extra penalty for a fragment standing alone
MORPH = 1.0  # penalty for a word known only as stem + affix
ZWNJ_BONUS = 0.3  # preference for the ZWNJ spelling where both are known
#: Log10 odds by which a known word (Zipf >= 3) must beat its two pieces read as independent
#: words, once the document's split rate after the letter is counted (see :func:`_best_join`).
PAIR_MARGIN = 1.0


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


def _unknown(word: str) -> float:
    return -UNKNOWN - PER_LETTER * len(word.replace(ZWNJ, ""))


class _Scorer:
    """Word scores with a cache; one per lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.cache: dict[str, float] = {}

    def piece(self, word: str) -> float:
        """Score of a piece standing alone (fragments are penalised)."""
        if word in FRAGMENTS:
            return _unknown(word) - FRAGMENT
        return self.word(word)

    def word(self, word: str) -> float:
        cached = self.cache.get(word)
        if cached is None:
            cached = self.cache[word] = self._word(word)
        return cached

    def _word(self, word: str) -> float:
        z = self.lex.zipf(word)
        if z > 0:
            return z - 9.0
        best = _unknown(word)
        head, sep, tail = word.partition(ZWNJ)
        if sep and ((_mi_prefix(head) and _verb_like(tail))
                    or (head in ZWNJ_PREFIXES and tail not in _stopwords())) \
                and self.lex.is_word(tail):
            # «می‌» + a word (a verb form hazm's list lacks), «بی‌» + a word
            best = max(best, max(self.lex.zipf(tail), 2.0) - 9.0 - MORPH)
        for suffix in ZWNJ_SUFFIXES if sep else ():
            marked = ZWNJ + suffix
            if word.endswith(marked):
                stem = word[: -len(marked)]
                if suffix in AFTER_HEH and not stem.endswith("ه") and not (
                        stem.endswith("ی") and suffix in AFTER_YEH):
                    continue
                if suffix in COMPARATIVE and stem not in adjectives():
                    continue
                if self.lex.is_word(stem):
                    best = max(best, self.lex.zipf(stem) - 9.0 - MORPH)
                elif ZWNJ in stem and stem.partition(ZWNJ)[0] in ZWNJ_PREFIXES:
                    # «بی‌انصافی‌ها»: a prefix + a word, then a suffix
                    inner = self.word(stem)
                    if inner > _unknown(stem):
                        best = max(best, inner - MORPH)
        for suffix in PLAIN_SUFFIXES if word.endswith(PLAIN_SUFFIXES) else ():
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                stem = word[: -len(suffix)]
                if stem[-1] == ZWNJ or (stem[-1] in DUAL_JOINING and suffix.startswith("ه")):
                    continue
                if suffix in COMPARATIVE and stem not in adjectives():
                    continue  # «پسماند تر» (wet waste): only adjectives take «تر»
                if self.lex.is_word(stem) and ZWNJ not in stem:
                    best = max(best, self.lex.zipf(stem) - 9.0 - MORPH - 0.5)
        return best


@functools.cache
def _scorer() -> _Scorer:
    return _Scorer(lexicon())


_Options = tuple[tuple[str, ...], "_Costs"]
#: A gap's options, costs, the log10 of the document's split rate after its letter (None when
#: the document shows no split after it: see :meth:`DocumentStats.split_rate`), and whether the
#: document also writes the two pieces as one word somewhere.
_Gap = tuple[tuple[str, ...], "_Costs", float | None, bool]


@functools.lru_cache(maxsize=131072)
def _token_core(token: str) -> tuple[str, bool, bool]:
    """The run of letters of a token, and whether nothing but letters is at its start/end."""
    c = _CORE.match(token)
    if c is None:
        return "", False, False
    return c.group(2), not c.group(1), not c.group(3)


def _gap(a: str, b: str, stats: DocumentStats, lex: Lexicon) -> _Options | None:
    """Options and costs for closing the single space between pieces ``a`` and ``b``."""
    last = a[-1]
    if last == ZWNJ:
        return None
    if stats.always_breaks_after(last):
        costs = _ALWAYS
    elif stats.breaks_after(last):
        costs = _BREAKS
    else:
        costs = _DEFAULT
    if b in PREFIXES and costs is not _ALWAYS and not (
            last in NON_JOINING and not lex.is_word(a) and lex.solid(a + b)):
        return None  # «می» joins the verb after it, not the word before (but «اسلا می»)
    if (a in NO_SUFFIX and len(b) > 1 and (b in FRAGMENTS or b in _ZWNJ_RIGHT)
            and not (last in NON_JOINING and lex.solid(a + b))):
        return None  # «که ای کاش»: a function word takes no suffix (but «بر ای» is «برای»)
    if b in RIGHT_PROTECTED and (len(a) > 1 or not stats.split_rate(last)):
        return None  # «خانم ر و آقای س»: a lone letter before «و» is an initial, unless
        # the document shows words breaking after that letter
    if _mi_prefix(a):
        compound = a + ZWNJ + b
        if compound in lex.verb_forms or compound in lex or _verb_like(b):
            return (ZWNJ,), _COMPOUND
        return None
    if a in ZWNJ_PREFIXES and b not in _stopwords() and (
            lex.is_word(b) or lex.is_word(b.partition(ZWNJ)[0])):
        return (ZWNJ,), _COMPOUND  # «بی نتیجه», «بی انصافی‌ها»
    if last in NON_JOINING:
        if costs is _DEFAULT and not _plausible(a, b, lex):
            return None
        return ("",), costs
    if stats.joining_breaks():
        return ("", ZWNJ), costs
    if b in _ZWNJ_RIGHT:
        return (ZWNJ,), costs  # a space before «ها», «تر» after a joining letter was a ZWNJ
    if b in FRAGMENTS:
        # A single letter is no suffix: it is glued back (``توج ه``) without ZWNJ, only into a
        # word the lexicon knows and only after a piece that is no word of its own; otherwise
        # it is an initial (``آقای ب``, ``آقای ت``).
        if len(b) == 1 and not (b in AFTER_HEH and a.endswith("ه")):
            return ("",), costs
        return ("", ZWNJ), costs
    compound = a + ZWNJ + b
    if (compound in lex and a not in PROTECTED and compound not in lex.verb_forms
            and (a in ZWNJ_PREFIXES or _deverbal(b))):
        return (ZWNJ,), _COMPOUND
    if (compound in lex and a not in PROTECTED and compound not in lex.verb_forms
            and not (lex.solid(a) and lex.solid(b))):
        return (ZWNJ,), _COMPOUND  # a compound the lexicon knows, of a rare part
    if (a not in PROTECTED and lex.is_word(a) and b.endswith(_AGENT) and _deverbal(b)
            and a not in _stopwords()):
        return (ZWNJ,), _COMPOUND  # مسخره کننده, مصرف کنندگان: an agent noun's object
    if (compound in lex and a not in _stopwords() and b not in _FUNCTION
            and compound not in lex.verb_forms and stats.zwnj_space_rate()
            and _compound_tails().get(b, 0) >= PRODUCTIVE_TAIL):
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

    >>> _initial("دکتر", "م", lexicon(), unbroken=True), _initial("توج", "ه", lexicon())
    (True, False)
    """
    return (len(b) == 1 and len(a) > 1 and (a[-1] in DUAL_JOINING or unbroken)
            and lex.solid(a)
            and not (b in AFTER_HEH and a.endswith("ه"))  # «خانه ی»: the ezafe «ی»
            and lex.zipf(a + b) < lex.zipf(a) - INITIAL_MARGIN)


#: Preverbs written before «می» in one word (``برمی‌گردد``, ``بازمی‌گردانم``).
PREVERBS = frozenset(("بر", "باز", "فرو", "فرا", "وا", "ور", "در"))


def _mi_prefix(piece: str) -> bool:
    """Whether ``piece`` is «می»/«نمی», alone or after a preverb (``برمی``)."""
    for prefix in PREFIXES:
        if piece == prefix or (piece.endswith(prefix) and piece[: -len(prefix)] in PREVERBS):
            return True
    return False


_VERB_ENDINGS = ("ند", "ید", "یم", "م", "ی", "د", "ه", "")


@functools.cache
def _stems() -> frozenset[str]:
    from ..resources import hazm_verbs

    return frozenset(stem.strip() for pair in hazm_verbs() for stem in pair if stem.strip())


def _verb_like(word: str) -> bool:
    """Whether ``word`` is a past or present stem of hazm's verbs plus a personal ending.

    >>> _verb_like("توانسته"), _verb_like("لیگ")
    (True, False)
    """
    stems = _stems()
    for ending in _VERB_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            if word[: len(word) - len(ending)] in stems:
                return True
    return False


@functools.cache
def _stopwords() -> frozenset[str]:
    from ..resources import hazm_stopwords

    return hazm_stopwords()


#: Compounds with ZWNJ in the lexicon that a word must end, as their second part, to count as a
#: productive compound tail (``آموز``, ``گذار``, ``برداری``; but not ``طور``, ``بشر``).
PRODUCTIVE_TAIL = 5


@functools.cache
def _compound_tails() -> dict[str, int]:
    """For each word, how many compounds «x‌word» of two common words (Zipf >= 3) the lexicon has.

    A word that ends many compounds is a productive second part (``دانش‌آموز``, ``نو‌آموز``);
    one that ends few is more often a separate word in a phrase (``حقوق بشر``).

    >>> _compound_tails()["گذاری"] > 5, _compound_tails().get("بشر", 0) < 5
    (True, True)
    """
    lex = lexicon()
    tails: dict[str, int] = {}
    for word in lex.words_with_zwnj():
        head, _, tail = word.partition(ZWNJ)
        if ZWNJ not in tail and lex.solid(head) and lex.solid(tail):
            tails[tail] = tails.get(tail, 0) + 1
    return tails


def _plausible(a: str, b: str, lex: Lexicon) -> bool:
    """Whether closing ``a b`` is worth scoring without document evidence (a quick filter)."""
    return (a + b in lex or a in FRAGMENTS or b in FRAGMENTS
            or (len(a) <= 2 and not lex.is_word(a)) or (len(b) <= 2 and not lex.is_word(b)))


@functools.cache
def _present_stems() -> frozenset[str]:
    from ..resources import hazm_verbs

    return frozenset(present.strip() for _past, present in hazm_verbs() if present.strip())


_AGENT = ("نده", "ندگان", "ندگی")


def _deverbal(word: str) -> bool:
    """Whether ``word`` is a present stem + ی / نده / ندگی / ش: a compound's tail.

    Bare stems (``دار``, ``بر``) are not enough: most are also common words.

    >>> _deverbal("گیری"), _deverbal("بنزین")
    (True, False)
    """
    stems = _present_stems()
    for ending in ("ی", "نده", "ندگان", "ندگی", "ش"):
        if word.endswith(ending) and word[: -len(ending)] in stems:
            return True
    return False


#: Scores of joined spans, shared across calls: a span's score depends only on its pieces and
#: the options and costs of its gaps, which are part of the key. Cleared when it grows past
#: ``JOIN_MEMO_SIZE`` entries, so memory stays bounded.
_JOIN_MEMO: dict[Any, Any] = {}
JOIN_MEMO_SIZE = 50_000
#: The context keeps at most this many gap decisions (a pure function of the two pieces and the
#: document's statistics); past that they are cleared and made afresh, with the same result.
#: (The per-line plans are not capped: a plan foreseen for a joined line by :func:`_foresee` is
#: not always what planning that line afresh gives, so dropping one could change the output.)
GAP_MEMO_SIZE = 200_000


def plan_gaps(text: str, context: RepairContext) -> list[Change]:
    """The gaps to close in ``text``: ``Change(start, end, "")`` or ``Change(..., ZWNJ)``.

    >>> plan_gaps("مد یریت", RepairContext.from_text("مد یریت"))
    [Change(start=2, end=3, after='')]
    """
    cached = context.cache.get("spacing")
    if cached is not None and cached[0] == text:
        return list(cached[1])
    stats = context.stats()
    scorer = _scorer()
    lex = scorer.lex
    previous: dict[str, tuple[Change, ...]] = context.cache.get("spacing_lines", {})
    if len(_JOIN_MEMO) > JOIN_MEMO_SIZE:
        _JOIN_MEMO.clear()
    caches: tuple[dict[Any, Any], dict[Any, Any]] = context.cache.setdefault(
        "spacing_memo", ({}, _JOIN_MEMO))
    if len(caches[0]) > GAP_MEMO_SIZE:
        caches[0].clear()
    memo: dict[str, tuple[Change, ...]] = {}
    changes: list[Change] = []
    offset = 0
    for line in text.split("\n"):
        if " " in line:
            plan = memo.get(line)
            if plan is None:
                plan = previous.get(line)
                if plan is None:
                    plan = tuple(_plan_line(line, stats, lex, scorer, caches))
                    _foresee(line, plan, memo)
                memo[line] = plan
            if offset:
                changes.extend(Change(c.start + offset, c.end + offset, c.after) for c in plan)
            else:
                changes.extend(plan)
        offset += len(line) + 1
    context.cache["spacing"] = (text, tuple(changes))
    context.cache["spacing_lines"] = memo
    return changes


def _foresee(line: str, plan: tuple[Change, ...], memo: dict[str, tuple[Change, ...]]) -> None:
    """Remember the ZWNJ part of ``plan`` for the line as it will be once the joins are made.

    The driver runs :func:`join_split_words` then :func:`insert_zwnj` on the joined text; this
    saves planning that line again. (The next pass plans the repaired line afresh, so the
    fixed point is still checked.)
    """
    joins = [c for c in plan if c.after == ""]
    if not joins or len(joins) == len(plan):
        return
    shifted = []
    removed = 0
    j = 0
    for c in plan:
        while j < len(joins) and joins[j].start < c.start:
            removed += joins[j].end - joins[j].start
            j += 1
        if c.after:
            shifted.append(Change(c.start - removed, c.end - removed, c.after))
    memo[apply_changes(line, joins)] = tuple(shifted)


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


def _document_facts(stats: DocumentStats) -> tuple[dict[str, tuple[int, float | None]], bool,
                                                   float | None]:
    """What :func:`_gap` reads of the document, computed once per document.

    Per letter: 2 if it always breaks, 1 if it breaks, else 0, and the log10 of its split rate
    (None without sure splits); whether joining letters break; the log10 ZWNJ-as-space rate.
    """
    cached = stats.derived.get("gap_facts")
    if cached is None:
        breaks, always, joining = stats._summarize()
        letters = {c: (2 if c in always else 1 if c in breaks else 0,
                       _log_rate(stats.split_rate(c))) for c in {*stats.single, *stats.sure}}
        cached = stats.derived["gap_facts"] = (
            letters, joining, _log_rate(stats.zwnj_space_rate()))
    return cached


def _shared_gap(a: str, b: str, stats: DocumentStats, lex: Lexicon) -> _Gap | None:
    letters, joining, zwnj_rate = _document_facts(stats)
    level, split_rate = letters.get(a[-1], _NO_FACTS)
    seen = a + b in stats.words
    key = (a, b, level, joining, split_rate, zwnj_rate, seen)
    gap = _SHARED_GAPS.get(key, _MISSING)
    if gap is _MISSING:
        if len(_SHARED_GAPS) >= GAP_MEMO_SIZE:
            _SHARED_GAPS.clear()
        options = _gap(a, b, stats, lex)
        if options is None:
            gap = None
        else:
            gap = (*options, zwnj_rate if options[1] is _ZWNJ_PAIR else split_rate, seen)
        _SHARED_GAPS[key] = gap
    return gap


def _plan_line(line: str, stats: DocumentStats, lex: Lexicon, scorer: _Scorer,
               caches: tuple[dict[Any, Any], dict[Any, Any]]) -> list[Change]:
    gap_memo, join_memo = caches
    tokens = line.split(" ")
    # Pieces: (end offset, core) of the non-empty tokens, and the gap after each.
    ends: list[int] = []
    cores: list[str] = []
    gaps: list[_Gap | None] = []
    pos = 0
    previous_open = False
    single = False
    for token in tokens:
        if not token:
            pos += 1
            single = False
            continue
        core, open_left, open_right = _token_core(token)
        if cores:
            gap = None
            if single and previous_open and open_left and core:
                key = (cores[-1], core)
                gap = gap_memo.get(key, _MISSING)
                if gap is _MISSING:
                    gap = gap_memo[key] = _shared_gap(cores[-1], core, stats, lex)
            gaps.append(gap)
        cores.append(core)
        pos += len(token)
        ends.append(pos)
        pos += 1
        previous_open = open_right and bool(core)
        single = True
    out: list[Change] = []
    n = len(cores)
    k = 0
    while k < n - 1:
        if gaps[k] is None:
            k += 1
            continue
        m = k + 1
        while m < n - 1 and gaps[m] is not None:
            m += 1
        out.extend(_plan_cluster(cores[k:m + 1], gaps[k:m], ends[k:m + 1], scorer, lex,
                                 join_memo))
        k = m
    return out


def _plan_cluster(cores: list[str], gaps: list[_Gap | None], ends: list[int], scorer: _Scorer,
                  lex: Lexicon, join_memo: dict[Any, Any]) -> list[Change]:
    """Dynamic programme over pieces linked by candidate gaps."""
    n = len(cores)
    if n == 2:  # the common case, without the tables
        key = ((cores[0], cores[1]), (gaps[0],))
        result = join_memo.get(key)
        if result is None:
            result = join_memo[key] = _best_join(list(key[0]), list(key[1]), scorer, lex)
        score, seps = result
        if score > scorer.piece(cores[0]) + scorer.piece(cores[1]):
            return [Change(ends[0], ends[0] + 1, seps[0])]
        return []
    best = [0.0] + [-math.inf] * n
    back: list[tuple[int, tuple[str, ...]]] = [(0, ())] * (n + 1)
    for k in range(n):
        single = best[k] + scorer.piece(cores[k])
        if single > best[k + 1]:
            best[k + 1], back[k + 1] = single, (k, ())
        for m in range(k + 2, min(n, k + MAX_PIECES) + 1):
            key = (tuple(cores[k:m]), tuple(gaps[k:m - 1]))
            result = join_memo.get(key)
            if result is None:
                result = join_memo[key] = _best_join(list(key[0]), list(key[1]), scorer, lex)
            score, seps = result
            if best[k] + score > best[m]:
                best[m], back[m] = best[k] + score, (k, seps)
    out: list[Change] = []
    m = n
    while m > 0:
        k, seps = back[m]
        for j, sep in enumerate(seps):
            end = ends[k + j]
            out.append(Change(end, end + 1, sep))
        m = k
    out.sort()
    return out


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
    costs = [gap[1] for gap in gaps if gap is not None]
    rates = [gap[2] for gap in gaps if gap is not None]
    seen = len(cores) == 2 and gaps[0] is not None and gaps[0][3]
    evidence = all(c is _ALWAYS or c is _BREAKS for c in costs)
    always = all(c is _ALWAYS for c in costs)
    fragment_like = any(
        (len(c) == 1 and c in FRAGMENTS)
        or (evidence and not lex.is_word(c) and (always or len(c) <= 3))
        for c in cores
    )
    # Without evidence of breaks, a lone letter beside solid words is an initial (``آقای ز در``)
    # and is glued only into a common word (``کرد ه`` → ``کرده``).
    words = [c for c in cores if len(c) > 1]
    initial_like = (not evidence and bool(words) and all(map(lex.solid, words))
                    and any(len(c) == 1 and c in FRAGMENTS for c in cores))
    best, best_seps = -math.inf, ()
    for seps in itertools.product(*(gap[0] for gap in gaps if gap is not None)):
        parts = [cores[0]]
        for sep, core in zip(seps, cores[1:], strict=True):
            parts.append(sep + core)
        word = "".join(parts)
        if initial_like and not lex.solid(word):
            continue
        if (len(cores[-1]) == 1 and costs[-1] is _DEFAULT
                and _initial(word[:-1].rstrip(ZWNJ), cores[-1], lex, rates[-1] is None)):
            continue  # «آقای ب», «دکتر م»: an initial, not the end of «آقای»
        score = scorer.word(word)
        if score <= -UNKNOWN and (not fragment_like or _glues_function_word(cores)):
            continue
        z = score + 9.0
        total = score + (ZWNJ_BONUS if ZWNJ in seps else 0.0)
        for j, gap_costs in enumerate(costs):
            left = "".join(parts[: j + 1])
            right = "".join(parts[j + 1:]).lstrip(ZWNJ)
            if (right in PROTECTED and lex.is_word(left) and not lex.solid(word)
                    and word not in lex.verb_forms):
                break  # «مشو که»: a word and a function word make a word only a common one
            if gap_costs is not _COMPOUND and lex.solid(left) and lex.solid(right):
                z_left, z_right = lex.zipf(left), lex.zipf(right)
                gain = z + 9.0 - z_left - z_right
                # Two words or one word split by the document's font: the joined word's
                # probability times the document's split rate after this letter against the two
                # words' probabilities as a sequence of independent words (log10 odds).
                rate = rates[j]
                pair = (rate is not None and z >= SOLID_ZIPF and gain + rate >= PAIR_MARGIN
                        and z >= min(z_left, z_right) - 1.0)
                if left in PROTECTED and not (z >= 4.0 and _verb_like(right)) and not (
                        pair and seen):
                    break  # «با شد» → «باشد»: a preposition never takes a verb
                if gap_costs is _ALWAYS:
                    # A single space after this letter almost always splits a word: a compound
                    # the lexicon knows is enough, unless the second part is a function word.
                    if (z < 3.0 or gain < gap_costs.both or right in _FUNCTION) and (
                            z < min(z_left, z_right) - 1.0 or gain < gap_costs.both) and not pair:
                        break
                elif (z < min(z_left, z_right) + 0.3 or gain < gap_costs.both) and not pair:
                    break
                total -= min(gap_costs.both, PAIR_MARGIN - rate) if pair else gap_costs.both
            else:
                total -= gap_costs.unknown
        else:
            if total > best:
                best, best_seps = total, seps
    return best, best_seps


def _glues_function_word(cores: list[str]) -> bool:
    """Whether one of ``cores`` is a function word of two letters or more (hazm's stopwords).

    A word the lexicon does not know is never made by gluing one («را برنشانید ه» is «را» and
    «برنشانیده», not «رابرنشانیده»).
    """
    stop = _stopwords()
    return any(len(c) > 1 and c in stop for c in cores)


def join_split_words(text: str, context: RepairContext) -> list[Change]:
    """Close the spaces that split words (``مد یریت`` → ``مدیریت``), with lexicon evidence.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مد یریت شهروند ان و د ولت", ["join_split_words"])
    'مدیریت شهروندان و دولت'
    """
    return [c for c in plan_gaps(text, context) if c.after == ""]


_L = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
# Whole words (no ZWNJ on either side) that may hide a lost ZWNJ: «می»/«نمی» at the start, or
# «ها»/«ای»/«تر» ... at the end; :func:`_inword` decides.
_RUN = re.compile(
    f"(?<![{_L}\u200c])(?:(?:بر|باز|فرو|فرا|وا|ور|در)?ن?می[{_L}]{{2,}}"
    f"|[{_L}]{{2,}}(?:ه[{_L}]{{1,5}}|تر|ترین))(?![{_L}\u200c])"
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
    for suffix in ("ترین", "تر"):
        stem = run[: -len(suffix)]
        if (run.endswith(suffix) and len(stem) > 1 and stem[-1] in DUAL_JOINING
                and lex.zipf(stem + ZWNJ + suffix) > z_run and lex.is_word(stem)):
            return len(stem)
    return None


def _ambiguous_mi(run: str, cut: int, lex: Lexicon) -> bool:
    """Whether ``run``, cut after a «می» prefix, is also a word as written (``میدانی``).

    True when the run is a common word (Zipf >= :data:`SOLID_MI`) that is no «می» verb plus
    a plain suffix (``میدانی`` = «میدان» + «ی», ``میهنی``), or a word hazm's lexicon counts as
    a non-verb (with a corpus frequency). Web frequencies cannot decide this, since the web
    writes «می» verbs solid as often as not.

    >>> _ambiguous_mi("میدانی", 2, lexicon()), _ambiguous_mi("میگویند", 2, lexicon())
    (True, False)
    """
    if not _mi_prefix(run[:cut]):
        return False
    if _hazm_counts().get(run, 0) > 0:
        return True
    for suffix in _NOUN_SUFFIXES:
        stem = run[: -len(suffix)]
        if run.endswith(suffix) and len(stem) > cut + 1 and lex.zipf(stem) >= SOLID_MI:
            marked = stem[:cut] + ZWNJ + stem[cut:]
            if marked not in lex.verb_forms and lex.zipf(marked) < SOLID_ZIPF:
                return True  # «میدان» is a word, «می‌دان» none; but «می‌توان» is one
    return False


@functools.cache
def _hazm_counts() -> dict[str, int]:
    from ..resources import word_frequencies

    return word_frequencies()


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
        if cut is not None and _mi_prefix(run[:cut]) and not _ambiguous_mi(run, cut, lex):
            solid += 1
    marked = text.count("می" + ZWNJ)
    return solid >= SOLID_MI_HABIT and solid > marked


def _inword_changes(text: str, context: RepairContext) -> list[Change]:
    lex = lexicon()
    out = []
    habit: bool | None = None
    for m in _RUN.finditer(text):
        run = m.group()
        cut = _inword_cached(run, lex)
        if cut is None:
            continue
        if _ambiguous_mi(run, cut, lex):
            if habit is None:
                habit = context.cache.get("mi_habit")
                if habit is None:
                    habit = context.cache["mi_habit"] = _drops_mi_zwnj(
                        context.source or text, lex)
            if not habit:
                continue  # «میدانی» stays unless the document drops the ZWNJ of «می» verbs
        out.append(Change(m.start() + cut, m.start() + cut, ZWNJ))
    return out


@functools.lru_cache(maxsize=65536)
def _inword_cached(run: str, lex: Lexicon) -> int | None:
    return _inword(run, lex)


def insert_zwnj(text: str, context: RepairContext) -> list[Change]:
    """Write as ZWNJ the spaces that stand for one (``می شود`` → ``می‌شود``).

    Inside a word written without ZWNJ it is put back where the parts are known
    (``میگویند``, ``شیشههای``, ``خانهای``), gated on hazm's verbs for «می» as hazm's own
    ``seperate_mi`` is, so that «میز» and «میان» stay. A word that is also a word as written
    and at least as common so (the adjective «میدانی» beside «می‌دانی») stays solid unless the
    document itself writes its «می» verbs solid (:func:`_drops_mi_zwnj`).

    >>> from cirmtext.repair import apply_plan
    >>> out = apply_plan("سازمان ها می گویند میگویند میز", ["insert_zwnj"])
    >>> out == "سازمان\u200cها می\u200cگویند می\u200cگویند میز"
    True
    >>> apply_plan("بازدید میدانی", ["insert_zwnj"])
    'بازدید میدانی'
    """
    gaps = [c for c in plan_gaps(text, context) if c.after == ZWNJ]
    inword = _inword_changes(text, context)
    if not inword:
        return gaps
    return sorted({*gaps, *inword})


#: A ZWNJ between letters: the run of letters before it, and (not consumed) the run after it.
_ZWNJ_JOINT = re.compile(f"(?<![{_L}])([{_L}]+)\u200c(?=([{_L}]+))")
_LATIN_PERSIAN = re.compile(f"[A-Za-z0-9۰-۹](?=[{_L}])|[{_L}](?=[A-Za-z])")


def drop_wrong_zwnj(text: str, context: RepairContext) -> list[Change]:
    """Remove a ZWNJ typed inside a word whose letters should join (``شهروند‌ان``).

    The ZWNJ goes only when the part after it is no word of its own and no suffix written with
    ZWNJ, the part before it is no prefix (:data:`COMPOUND_HEADS`: ``ذی‌نفعان``, ``بی‌کار``),
    the lexicon does not know the ZWNJ spelling, and it knows the joined word. Even then a ZWNJ
    between a word and a word with a suffix (``ذی‌نفعان`` is «ذی» + «نفع» + «ان») is a
    compound's and stays: only a bound suffix (``ان``, ``ای``, ``ی``) or a piece that is no
    word at all is joined back: ``صد‌ای`` → ``صدای``; ``کشور‌ها``, ``خانه‌ای``, ``می‌روم`` and
    ``تصمیم‌گیری`` stay.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("شهروند\u200cان و صد\u200cای کشور\u200cها", ["drop_wrong_zwnj"])
    'شهروندان و صدای کشور\u200cها'
    >>> apply_plan("ذی\u200cنفعان", ["drop_wrong_zwnj"]) == "ذی\u200cنفعان"
    True
    """
    if ZWNJ not in text:
        return []
    lex = lexicon()
    out = []
    for m in _ZWNJ_JOINT.finditer(text):
        # the letters before the ZWNJ (at most 30 of them) and the letters after it
        if _drops_zwnj(m.group(1)[-30:], m.group(2), lex):
            start = m.end(1)
            out.append(Change(start, start + 1, ""))
    return out


@functools.lru_cache(maxsize=65536)
def _drops_zwnj(a: str, b: str, lex: Lexicon) -> bool:
    """Whether the ZWNJ between the letters ``a`` and ``b`` goes (see :func:`drop_wrong_zwnj`)."""
    if (b in _ZWNJ_RIGHT or (a.endswith("ه") and b in AFTER_HEH)
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


def separate_scripts(text: str, context: RepairContext) -> list[Change]:
    """Put a space where a Latin word or a number runs straight into a Persian word.

    Extractors drop the space at a change of direction (``CiRMصحبت``, ``۴۲۰تخت``). A Persian
    letter followed by a digit is left alone: that is how footnote marks are written.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("درباره CiRMصحبت و ۴۲۰تخت و فرسیس1", ["separate_scripts"])
    'درباره CiRM صحبت و ۴۲۰ تخت و فرسیس1'
    """
    return [Change(m.end(), m.end(), " ") for m in _LATIN_PERSIAN.finditer(text)]


RULES: tuple[Rule, ...] = (
    Rule("separate_scripts", separate_scripts, "safe", True,
         "a space between a Latin word or a number and the Persian word glued to it"),
    Rule("join_split_words", join_split_words, "evidence", True,
         "close spaces that split a word (مد یریت → مدیریت), judged by lexicon and document"),
    Rule("insert_zwnj", insert_zwnj, "evidence", True,
         "ZWNJ for می/نمی, ها/های, تر/ترین, suffixes after ه and known compounds"),
    Rule("drop_wrong_zwnj", drop_wrong_zwnj, "evidence", True,
         "remove a ZWNJ inside a word whose letters should join (شهروند‌ان → شهروندان)"),
)
