"""Justified lines whose words pypdf gave back one by one from the left, in a document of them.

A justified right-to-left paragraph printed by Chromium places each word on its own, and pypdf
reads the words of a line from the left: the line comes back word by word in reverse, with a
run of spaces between its words (one space only after a number, a Latin word or a guillemet,
which pypdf reads left to right). When the line mixes two fonts (a Persian font for the letters,
a Latin one for ``.`` and ``:``, as the fallback ``sans-serif`` gives), the marks of the other
font come back where they stand on the page, glued to the word *after* them in reading order,
while the marks of the letters' font (``،`` ``؟``) stay on their own word; a paragraph's last
line starts with its full stop::

    as extracted:  کنند  می  صدا  را  من.  خدمتم  در  سلام،:  کاظمی
    in order:      کاظمی: سلام، در خدمتم. من را صدا می کنند

:func:`visual_lines` knows such a document by its own lines: most lines of five words or more
have a run of spaces between nearly every two Persian words, and nearly all of them read better
backwards (:func:`.ordergain.line_reversal_score`). Every such line of it is then turned round
word by word, keeping a run of Latin words in its order and turning standalone guillemets
round. The ASCII marks are moved to the word before them in reading order only when the
document says so: Persian puts its verb last, so a full stop follows a verb far more often in
the right reading (:func:`marks_shifted`).
"""

from __future__ import annotations

import itertools
import re

from ..resources import verb_forms
from .lines import AUXILIARIES, strip_word
from .ordergain import THRESHOLD, line_reversal_score
from .runpieces import PERSIAN_LETTER

__all__ = [
    "MIN_LINES",
    "REVERSED_SHARE",
    "SPREAD_SHARE",
    "marks_shifted",
    "spread",
    "turn_line",
    "visual_lines",
]

#: A line is *spread* when at least this share of the gaps between two Persian words are runs
#: of two spaces or more.
SPREAD_SHARE = 0.8
#: Lines with at least this many gaps between Persian words show the document's layout...
LONG_GAPS = 4
#: ...at least this many of them must be spread, and this share of them...
MIN_LINES = 4
LAYOUT_SHARE = 0.6
#: ...and this share of the spread ones must read better backwards.
REVERSED_SHARE = 0.8
#: At most this many lines are scored for the direction (the rest follow the document).
SAMPLE = 60
#: The document's first lines, which must show the layout before the rest are looked at.
HEAD_LINES = 400
#: Marks a Latin font draws in a Persian line (pypdf places them where they stand on the page).
ASCII_MARKS = ".:!?,;"
#: A shift of the ASCII marks needs this many full stops after a verb as shifted...
MIN_VERB_ENDS = 3
#: ...and this many times more than as read.
VERB_END_RATIO = 2.0

_SPLIT = re.compile(r"(\s+)")
_WIDE = re.compile(r"\s{2,}")
_TRAILING = re.compile(f"(?<=[\u0600-\u06ff])[{re.escape(ASCII_MARKS)}]+$")
_LEADING = re.compile(f"^([{re.escape(ASCII_MARKS)}]+)(?=[\u0600-\u06ff])")
_LATIN_LETTER = re.compile("[A-Za-z]")
_ALNUM = "A-Za-z0-9\u06f0-\u06f9\u0660-\u0669"
_LTR_CORE = re.compile(f"[{_ALNUM}](?:.*[{_ALNUM}])?[.,:;!?،؛؟]*")
_OPENERS = "«(["
_BRACKETED = re.compile(r"([()\[\]]*)(.*?)([()\[\]]*)")
_CLOSERS = "»)]"
_MIRROR = str.maketrans(_OPENERS + _CLOSERS, _CLOSERS + _OPENERS)
_ATTACH_BEFORE = frozenset(_CLOSERS + "،؛:.!؟?,;")
_COPULAS = frozenset(
    "هستم هستی هستیم هستید هستند نیستم نیستی نیستیم نیستید نیستند ام ای ایم اید".split())


def _split(line: str) -> tuple[list[str], list[str]]:
    """The line's words and the gaps between them."""
    parts = _SPLIT.split(line.strip())
    return parts[0::2], parts[1::2]


def _persian(word: str) -> bool:
    return PERSIAN_LETTER.search(word) is not None


def spread(line: str) -> tuple[int, bool]:
    """The number of gaps between two Persian words, and whether the line is spread.

    >>> spread("کنند  می  صدا  را  من.  خدمتم")
    (5, True)
    >>> spread("من را صدا می‌کنند")
    (3, False)
    """
    words, gaps = _split(line)
    between = [len(gap) >= 2 for gap, a, b in zip(gaps, words, words[1:], strict=False)
               if _persian(a) and _persian(b)]
    return len(between), bool(between) and sum(between) >= SPREAD_SHARE * len(between)


def _is_verb(word: str) -> bool:
    bare = strip_word(word)
    return bare in AUXILIARIES or bare in _COPULAS or bare in verb_forms()


def marks_shifted(lines: list[str]) -> bool:
    """Whether the document's ASCII full stops stand one word late (on the word after theirs).

    Counts the words that carry ``.`` or ``!`` inside a line as extracted (the last word of the
    line read from the left has no word after it) that are verbs, against the words after them
    (those the marks belong to if shifted); shifted only with :data:`MIN_VERB_ENDS` of those and
    :data:`VERB_END_RATIO` times as many as the other reading.

    >>> marks_shifted(["کنم  می.  برای  گفتم.  ما  رفتند.  او"])
    False
    >>> marks_shifted(["رفتیم  ما.  کنیم  می  آنها.  آمدند  که  او.  گفت"])
    True
    """
    as_read = shifted = 0
    for line in lines:
        words, _gaps = _split(line)
        for word, after in itertools.pairwise(words):
            mark = _TRAILING.search(word)
            if mark is None or not set(mark.group()) & set(".!?"):
                continue
            as_read += _is_verb(word[:mark.start()])
            shifted += _is_verb(after)
    return shifted >= MIN_VERB_ENDS and shifted >= VERB_END_RATIO * as_read


def _items(word: str) -> list[tuple[str, str]]:
    """A word as pypdf placed it, cut into items: ``P`` (Persian letters, with their own marks),
    ``L`` (a Latin word or a number, or ``&`` between Latin words) and ``N`` (marks and brackets
    standing apart, and brackets at a Persian word's edges, which stand where the page has
    them: ``برای(`` is ``) برای`` read from the right)."""
    if word == "&":
        return [(word, "L")]
    if not any(c.isalnum() for c in word):
        return [(word, "N")]
    if _persian(word):
        edges = _BRACKETED.fullmatch(word)
        assert edges is not None  # every part may be empty
        inner = edges.group(2)
        lead = _LEADING.match(inner)  # an ASCII mark on the word's left is its end
        inner = inner[lead.end():] + lead.group(1) if lead else inner
        pieces = [(edges.group(1), "N"), (inner, "P"), (edges.group(3), "N")]
    else:
        core = _LTR_CORE.search(word)
        assert core is not None  # the word holds a letter or a digit
        pieces = [(word[:core.start()], "N"), (core.group(), "L"), (word[core.end():], "N")]
    return [piece for piece in pieces if piece[0]]


def _reading(text: str, kind: str) -> str:
    """An item's text in reading order: marks standing apart are turned round and mirrored."""
    return text[::-1].translate(_MIRROR) if kind == "N" else text


def turn_line(line: str, shift: bool) -> str:
    """The spread line read word by word from the right, its ASCII marks moved if ``shift``.

    >>> turn_line("کنند  می  صدا  « مهندس » را  من.  خدمتم  در  سلام،:  کاظمی", shift=True)
    'کاظمی: سلام، در خدمتم. من را «مهندس» صدا می کنند'
    >>> turn_line(".بدهید  توضیح  CiRM درباره", shift=False)
    'درباره CiRM توضیح بدهید.'
    >>> turn_line("دارند  ؛( King, 2007) است", shift=False)
    'است (King, 2007)؛ دارند'
    """
    words, gaps = _split(line)
    if shift:  # a mark glued to a word's end stands on the page left of the next word
        marks = [_TRAILING.search(w) for w in words]
        cores = [w[:m.start()] if m else w for w, m in zip(words, marks, strict=True)]
        words = [(marks[i - 1].group() if i and marks[i - 1] else "") + core
                 + (marks[i].group() if i == len(cores) - 1 and marks[i] else "")
                 for i, core in enumerate(cores)]
    # visual items, each with the gap before it ("" inside a word)
    items: list[tuple[str, str, str]] = []
    for gap, word in zip(["", *gaps], words, strict=True):
        for k, (text, kind) in enumerate(_items(word)):
            items.append((text, kind, gap if k == 0 else ""))
    # a run of Latin words (and ASCII numbers after them), one space apart, keeps its order
    units: list[list[tuple[str, str, str]]] = []
    for item in items:
        if units and item[1] == "L" and units[-1][-1][1] == "L" and len(item[2]) == 1 \
                and item[0].isascii() and any(_LATIN_LETTER.search(t) for t, _k, _g in units[-1]):
            units[-1].append(item)
        else:
            units.append([item])
    out = ""
    opener = False
    for unit in reversed(units):
        for k, (text, kind, gap) in enumerate(unit):
            word = _reading(text, kind)
            if k:  # inside a run of Latin words: as on the page
                out += gap + word
            elif not out or opener or (kind == "N" and word[0] in _ATTACH_BEFORE):
                out += word
            else:
                out += " " + word
            opener = kind == "N" and all(c in _OPENERS for c in word)
    return out


def _shows_layout(lines: list[str], shape: list[tuple[int, bool]]) -> bool:
    """Whether the lines, of these :func:`spread` shapes, show the layout and read backwards
    (see :func:`visual_lines`)."""
    long = [i for i, (gaps, _s) in enumerate(shape) if gaps >= LONG_GAPS]
    wide = [i for i in long if shape[i][1]]
    if len(wide) < MIN_LINES or len(wide) < LAYOUT_SHARE * len(long):
        return False
    sample = wide[:SAMPLE]
    backwards = sum(1 for i in sample if line_reversal_score(lines[i]) > 0)
    return backwards >= REVERSED_SHARE * len(sample)


def visual_lines(lines: list[str], opens: list[bool] | None = None) -> dict[int, str]:
    """The lines of a document of spread lines read from the left, turned round (by index).

    ``opens``: whether each line opens a paragraph (by default every line does).

    Empty unless the document shows the layout (:data:`MIN_LINES`, :data:`LAYOUT_SHARE`) and
    its spread lines read better backwards (:data:`REVERSED_SHARE`). Then every spread line is
    turned, and every line with no gap between two Persian words (one Persian word, alone or
    beside a number or a Latin word: ``.کلمه``, ``CiRM یا``), as :func:`turn_line` reads it;
    a line cut by two runs of spaces or more into chunks of several words has its chunks put
    last to first next to a turned line of its paragraph, unless it reads clearly better as it
    stands (by :data:`.ordergain.THRESHOLD`), and elsewhere only if it reads that much better
    backwards (as :func:`.wordorder.judge_lines` treats a turned line's neighbours).
    """
    head = lines[:HEAD_LINES]
    if sum(line.count("  ") for line in head) < MIN_LINES * LONG_GAPS:
        return {}
    shape = [spread(line) for line in head]
    if not _shows_layout(head, shape):
        return {}
    if len(lines) > len(head):
        shape += [spread(line) for line in lines[len(head):]]
        if not _shows_layout(lines, shape):
            return {}
    turned = [i for i, (gaps, is_spread) in enumerate(shape)
              if is_spread or (gaps == 0 and _persian(lines[i]))]
    shift = marks_shifted([lines[i] for i in turned])
    out = {}
    for i in turned:
        new = turn_line(lines[i], shift)
        if new != " ".join(lines[i].split()):
            out[i] = new
    opens = opens or [True] * len(lines)
    done = set(turned)
    for i, (gaps, is_spread) in enumerate(shape):
        # a line cut by runs of spaces into chunks of several words: its chunks last to first,
        # next to a turned line of its paragraph unless it reads clearly better as it stands,
        # else only if it reads clearly better backwards
        if is_spread or not gaps or len(_WIDE.findall(lines[i].strip())) < 2:
            continue
        beside = (i - 1 in done and not opens[i]) or (i + 1 in done and i + 1 < len(lines)
                                                       and not opens[i + 1])
        gain = line_reversal_score(lines[i])
        if gain > -THRESHOLD if beside else gain >= THRESHOLD:
            out[i] = " ".join(reversed(_WIDE.split(lines[i].strip())))
    return out
