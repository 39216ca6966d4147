"""Evidence for the repair rules: a Persian lexicon with frequencies and document statistics.

Rules that join text run only with evidence. This module gives them two kinds:

* :class:`Lexicon`: how plausible a string is as a Persian word, as a Zipf frequency (log10 of
  occurrences per billion words) from wordfreq's Persian list (``data/wordfreq_fa.tsv``, see its
  README) and hazm's lexicon and verb list. Affix pieces that web text often shows broken off
  (``ها``, ``ای``, a lone ``د``) are :data:`FRAGMENTS`: the lexicon does not count them as words
  when they stand alone.
* :class:`DocumentStats`: what the text itself shows: for each letter, how often a single space
  after it splits a word (a *sure split*: the joined form is a known word while a piece is
  not) against how often it is written joined to the next letter, how many of its spaces
  stand for a lost ZWNJ (``می شود``, ``کتاب ها``), and the words it writes intact. Runs of two
  or more spaces are word boundaries and count for nothing.

Both are built lazily once and kept: the lexicon for the process, the statistics per
:class:`~cirmtext.repair.base.RepairContext`.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..resources import (
    data_path,
    hazm_data_path,
    hazm_stopwords,
    verb_forms,
    word_frequencies,
)
from .chardata import (
    ARABIC_TO_PERSIAN,
    BIDI_CONTROLS,
    KASHIDA,
    NON_JOINING,
    PERSIAN_LETTERS,
    PRESENTATION_FORMS,
    ZWNJ,
)
from .spoken import FRAGMENTS as SPOKEN_FRAGMENTS
from .spoken import spoken_forms

__all__ = [
    "FRAGMENTS",
    "PROTECTED",
    "ZWNJ_TAILS",
    "DocumentStats",
    "Lexicon",
    "adjectives",
    "document_stats",
    "known_share",
    "lexicon",
]

#: Pieces that, standing alone between spaces, are almost always an affix or a letter split off
#: a word: suffixes written with ZWNJ, the verbal prefixes, single letters other than «و», and
#: the spoken clitics (:data:`.spoken.FRAGMENTS`).
FRAGMENTS = frozenset(
    "ها های هایی هایم هایت هایش هایمان هایتان هایشان ای ام ات اش ایم اید اند ان ین یم ید ند "
    "تر ترین گان گی می نمی یی ی‌ای".split()
) | (PERSIAN_LETTERS - {"و"}) | SPOKEN_FRAGMENTS

#: Words that are never glued to the next word: prepositions, conjunctions and the object marker.
PROTECTED = frozenset("و از به با در را که تا بر این آن هر یا نه چه اگر".split())

_WORD_RUN = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u200c]+")
#: Zipf given to words that hazm lists without a frequency and to conjugated verb forms.
LISTED_ZIPF = 2.8
BARE_VERB_ZIPF = 2.0
SOLID_ZIPF = 3.0
#: Sure splits after a letter before the document counts as showing splits after it.
MIN_SPLITS = 3
#: Documents longer than this are sampled (32 evenly spaced slices) for their statistics.
SAMPLE_CHARS = 400_000


class Lexicon:
    """Zipf frequencies of Persian words from the bundled tables (see the module docstring).

    >>> lex = lexicon()
    >>> lex.zipf("مدیریت") > 4, lex.zipf("یریت"), lex.is_word("ها")
    (True, 0.0, False)
    """

    def __init__(self) -> None:
        table: dict[str, float] = {}
        with data_path("wordfreq_fa.tsv").open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                word, _, zipf = line.rstrip("\n").partition("\t")
                table[word] = float(zipf)
        hazm = word_frequencies()
        total = sum(hazm.values()) or 1
        scale = 1e9 / total
        for word, count in hazm.items():
            z = math.log10(count * scale) if count else LISTED_ZIPF
            if z > table.get(word, 0.0):
                table[word] = round(z, 2)
        written = verb_forms()
        for form, (_past, _present, bare) in written.items():
            z = BARE_VERB_ZIPF if bare else LISTED_ZIPF
            if z > table.get(form, 0.0):
                table[form] = z
        # spoken forms (نمی‌ذاره، می‌دونیم) below the written ones; not a spoken stem with a
        # written ending (می‌رند), nor «می» before a function word (می آن: a prefix cut off
        # its verb far more often than spoken «می‌آن»)
        function_words = hazm_stopwords()
        spoken = [form for form in spoken_forms() if not form.endswith(("ند", "ید"))
                  and form.partition(ZWNJ)[2] not in function_words]
        for form in spoken:
            if form not in table:
                table[form] = BARE_VERB_ZIPF
        self._table = table
        self.verb_forms = frozenset(written) | frozenset(
            form for form in spoken if form.startswith(("می\u200c", "نمی\u200c"))
            and form.replace(ZWNJ, "") not in written)  # «نمیرم» is «ن» + «میرم»

    def zipf(self, word: str) -> float:
        """The Zipf frequency of ``word`` (0.0 when unknown)."""
        return self._table.get(word, 0.0)

    def known(self, word: str) -> bool:
        """Whether ``word`` is in the lexicon at all (fragments included)."""
        return word in self._table

    def is_word(self, word: str) -> bool:
        """Whether ``word`` can stand alone: known and not a :data:`FRAGMENTS` piece."""
        return word in self._table and word not in FRAGMENTS

    def solid(self, word: str) -> bool:
        """Whether ``word`` is a word frequent enough to be trusted as one (Zipf >= 3).

        Web word lists also hold rare strings that are really pieces of broken words; where
        a rule must decide whether two pieces are two real words, only solid words count.
        """
        return word not in FRAGMENTS and self._table.get(word, 0.0) >= SOLID_ZIPF

    def words_with_zwnj(self) -> list[str]:
        """The lexicon's words written with a ZWNJ (compounds and affixed forms)."""
        return [word for word in self._table if ZWNJ in word]

    def __contains__(self, word: object) -> bool:
        return word in self._table

    def __len__(self) -> int:
        return len(self._table)


#: A line of hazm's ``words.dat`` (word, count, comma-separated tags) tagged ``AJ`` or ``ADV``.
_ADJECTIVE_LINE = re.compile(r"^([^\t\n]+)\t[^\t\n]*\t(?:[^\t\n]*,)?(?:AJ|ADV)(?=[,\t\n]|\Z)",
                             re.MULTILINE)


@functools.cache
def adjectives() -> frozenset[str]:
    """Words hazm's lexicon tags as adjectives or adverbs (``AJ``/``ADV`` in ``words.dat``).

    Only these take the comparative «تر»/«ترین»: ``دورتر``, but «پسماند تر» (wet waste) is two
    words.

    >>> "بزرگ" in adjectives(), "پسماند" in adjectives()
    (True, False)
    """
    text = (hazm_data_path() / "words.dat").read_text(encoding="utf-8")
    return frozenset(_ADJECTIVE_LINE.findall(text))


@functools.cache
def lexicon() -> Lexicon:
    """The shared :class:`Lexicon` (built on first use, in a few hundred milliseconds)."""
    return Lexicon()


@dataclass(slots=True)
class DocumentStats:
    """Per-letter evidence of broken words in one document.

    Attributes:
        single: letter -> single-space gaps after it (inside a line, before a Persian letter).
        sure: letter -> single-space gaps that are sure splits.
        inner: letter -> times it is followed directly by a letter (written joined to the
            next letter of its word).
        zwnj_spaces: single spaces after a joining letter that stand for a ZWNJ by sure signs
            (``می شود``, ``کتاب ها``).
        zwnj_written: ZWNJs written as such.
        words: runs of letters (and ZWNJ) -> occurrences, as the document writes them.
        wide: pairs of letter runs the document separates by two spaces or more and never by
            one (a word boundary, even once a later rule has collapsed the spaces).
    """

    single: Counter[str] = field(default_factory=Counter)
    sure: Counter[str] = field(default_factory=Counter)
    inner: Counter[str] = field(default_factory=Counter)
    zwnj_spaces: int = 0
    zwnj_written: int = 0
    words: Counter[str] = field(default_factory=Counter)
    wide: frozenset[tuple[str, str]] = frozenset()
    _summary: tuple[frozenset[str], frozenset[str], bool] | None = None
    #: Values the rules derive from these counts, kept with them (filled by the rules).
    derived: dict[str, Any] = field(default_factory=dict)

    def breaks_after(self, letter: str) -> bool:
        """Whether the document shows that words break after ``letter``.

        True when at least a quarter of the single-space gaps after the letter (and at least
        3) are sure splits.
        """
        return letter in self._summarize()[0]

    def always_breaks_after(self, letter: str) -> bool:
        """Whether most single spaces after ``letter`` split a word (the font breaks every time).

        True when at least half of the single-space gaps after the letter are sure splits (and
        there are at least 20 of them).
        """
        return letter in self._summarize()[1]

    def joining_breaks(self) -> bool:
        """Whether words also break after joining letters (``توج ه``).

        True when at least 15% of the single-space gaps after joining letters (and at least
        10) are sure splits (a ZWNJ written as a space is not counted as a split).
        """
        return self._summarize()[2]

    def split_rate(self, letter: str) -> float:
        """Estimated share of the word-internal ``letter``s that a space split from the next.

        Sure splits over sure splits plus the letter written joined to a next letter; 0.0 with
        fewer than :data:`MIN_SPLITS` sure splits (a lone line's one gap is no evidence). Sure
        splits are only those a lexicon can vouch for, so this is an underestimate: a rule that
        trusts it errs towards leaving pieces apart.

        >>> stats = document_stats("مد یریت و مد یران  د ر سازمان  دولتی  مد یریت")
        >>> round(stats.split_rate("د"), 2), stats.split_rate("ن")
        (0.75, 0.0)
        """
        sure = self.sure[letter]
        return sure / (sure + self.inner[letter]) if sure >= MIN_SPLITS else 0.0

    def zwnj_space_rate(self) -> float:
        """Estimated share of the document's ZWNJs written as a space.

        Spaces that surely stand for one (after «می»/«نمی», before «ها», «ترین» ...) over those
        plus the ZWNJs written. 0.0 for a document that writes its ZWNJs.

        >>> document_stats("کتاب ها و می شود و می‌رود").zwnj_space_rate()
        0.6666666666666666
        """
        spaces = self.zwnj_spaces
        return spaces / (spaces + self.zwnj_written) if spaces else 0.0

    def _summarize(self) -> tuple[frozenset[str], frozenset[str], bool]:
        if self._summary is None:
            breaks = frozenset(c for c, n in self.single.items()
                               if self.sure[c] >= 3 and self.sure[c] >= 0.25 * n)
            always = frozenset(c for c, n in self.single.items()
                               if self.sure[c] >= 20 and self.sure[c] >= 0.5 * n)
            joining = [c for c in self.single if c not in NON_JOINING]
            n = sum(self.single[c] for c in joining)
            sure = sum(self.sure[c] for c in joining)
            self._summary = (breaks, always, sure >= 10 and sure >= 0.15 * n)
        return self._summary


_LETTERS = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc"
#: A run of letters, spaces, and the run of letters after them (inside one line).
#: (The run before the spaces is matched possessively: a run not followed by a space is given up
#: at once instead of being tried again letter by letter, which halves the time of the scan.)
_LETTER_GAP = re.compile(f"(?<![{_LETTERS}])([{_LETTERS}]++)( +)(?=([{_LETTERS}]+))")
_CLEAN = str.maketrans({**ARABIC_TO_PERSIAN, KASHIDA: None, **dict.fromkeys(BIDI_CONTROLS),
                        **{k: base for k, (base, _shape) in PRESENTATION_FORMS.items()}})
#: Any character :data:`_CLEAN` changes (``str.translate`` is slow; most texts have none).
_UNCLEAN = re.compile("[" + "".join(re.escape(chr(c)) for c in _CLEAN) + "]")
#: A letter written joined to the next letter (no ZWNJ between them).
_JOINED_PAIR = re.compile(f"[{_LETTERS}](?=[{_LETTERS}])")
#: Pieces around a gap that mean a ZWNJ was lost there, not a word split.
_ZWNJ_LEFT = frozenset(("می", "نمی"))
_ZWNJ_RIGHT = FRAGMENTS - PERSIAN_LETTERS
#: Of those, the suffixes always written after a ZWNJ when the stem ends in a joining letter (a
#: space before one after a joining letter stands for a ZWNJ: ``کتاب ها``).
ZWNJ_TAILS = frozenset("ها های هایی هایم هایت هایش هایمان هایتان هایشان تر ترین".split())


#: A text whose distinct lines are fewer than this share of its lines is scanned once per
#: distinct line (see :func:`_repeated_lines`).
REPEATED_SHARE = 0.75


def _repeated_lines(text: str) -> list[tuple[int, str]]:
    """``text`` as ``(count, lines)`` groups: its distinct lines joined, by how often each occurs.

    Gaps and words never cross a line, so counting them in each group and multiplying by its
    count is counting them in ``text``; a text that repeats many lines (page furniture, a
    corpus of the same transcripts) is scanned once per distinct line. A text of mostly
    distinct lines is one group, itself.

    >>> _repeated_lines("الف\\nب\\nالف\\nالف")
    [(3, 'الف'), (1, 'ب')]
    """
    lines = text.split("\n")
    distinct = Counter(lines)
    if len(distinct) >= REPEATED_SHARE * len(lines):
        return [(1, text)]
    by_count: dict[int, list[str]] = {}
    for line, n in distinct.items():
        by_count.setdefault(n, []).append(line)
    return [(n, "\n".join(group)) for n, group in by_count.items()]


def _count(pattern: re.Pattern[str], groups: list[tuple[int, str]]) -> Counter[Any]:
    """How often ``pattern`` matches (:meth:`re.Pattern.findall`) in the text of ``groups``."""
    total: Counter[Any] = Counter()
    for n, text in groups:
        found = Counter(pattern.findall(text))
        if n == 1 and not total:
            total = found
            continue
        for key, k in found.items():
            total[key] += k * n
    return total


def document_stats(text: str) -> DocumentStats:
    """Collect :class:`DocumentStats` from ``text``.

    >>> stats = document_stats("مد یریت و مد یران  د ر سازمان  د ولتی  مد یریت")
    >>> stats.breaks_after("د"), stats.breaks_after("ن")
    (True, False)
    """
    lex = lexicon()
    stats = DocumentStats()
    if len(text) > SAMPLE_CHARS:  # evenly spaced slices keep this cheap on long documents
        step = len(text) // 32
        text = "\n".join(text[i:i + SAMPLE_CHARS // 32] for i in range(0, len(text), step))
    clean = text.translate(_CLEAN) if _UNCLEAN.search(text) else text
    table = lex._table  # read directly: this loop runs once per gap of the document
    single, sure = stats.single, stats.sure
    groups = _repeated_lines(clean)
    # Documents repeat their gaps: each distinct (piece, spaces, piece) is judged once.
    wide: set[tuple[str, str]] = set()
    narrow: set[tuple[str, str]] = set()
    for (a, spaces, b), n in _count(_LETTER_GAP, groups).items():
        last = a[-1]
        if len(spaces) > 1:
            wide.add((a, b))
            continue  # two spaces or more: a word boundary, no split
        narrow.add((a, b))
        single[last] += n
        if a in _ZWNJ_LEFT or b in _ZWNJ_RIGHT:
            if last not in NON_JOINING and (a in _ZWNJ_LEFT or b in ZWNJ_TAILS):
                stats.zwnj_spaces += n
            continue
        if a + ZWNJ + b in table or table.get(a + b, 0.0) < 3.0:
            continue
        if not (a in table and a not in FRAGMENTS and b in table and b not in FRAGMENTS):
            sure[last] += n
    stats.wide = frozenset(wide - narrow)
    words = stats.words = _count(_WORD_RUN, groups)
    inner = stats.inner
    stats.zwnj_written = clean.count(ZWNJ)
    for word, n in words.items():
        for pair in _JOINED_PAIR.findall(word):
            inner[pair] += n
    return stats


def _first_word(token: str) -> str:
    """The first run of letters of ``token`` (the token itself if it has none)."""
    m = _WORD_RUN.search(token)
    return m.group() if m else token


def known_share(text: str) -> float:
    """Share of the Persian whitespace tokens of ``text`` that are lexicon words.

    Tokens are stripped of punctuation; fragments such as a lone «د» do not count as words.

    >>> known_share("د انشگاه مد یریت")
    0.25
    """
    lex = lexicon()
    words = [_first_word(t) for t in text.split()]
    words = [w for w in words if w and w[0] in PERSIAN_LETTERS]
    if not words:
        return 1.0
    return sum(lex.is_word(w.strip(ZWNJ)) for w in words) / len(words)
