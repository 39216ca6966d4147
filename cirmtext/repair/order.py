"""Order rules: reversed word order, mirrored brackets, punctuation spacing, runs of spaces.

They run after the spacing stage, so that word order is judged on repaired words, and in this
order: :func:`restore_word_order` first (it reads the runs of spaces that PDF extractors leave
between the words of a reversed line), :func:`restore_mixed_line_order`, then
:func:`unmirror_brackets`, :func:`fix_punctuation_spacing` and, last, :func:`collapse_spaces`.
"""

from __future__ import annotations

import re

from .base import Change, RepairContext, Rule
from .ordermixed import reorder_mixed_lines
from .wordorder import move_leading_citations, reorder_lines

__all__ = [
    "RULES",
    "collapse_spaces",
    "fix_punctuation_spacing",
    "restore_mixed_line_order",
    "restore_word_order",
    "unmirror_brackets",
]


def restore_word_order(text: str, context: RepairContext) -> list[Change]:
    """Put back in order the lines whose words came out last-to-first.

    PDF extractors read some justified right-to-left lines word by word from the left, so the
    line's words (or groups of words, which they separate with runs of spaces) come out in
    reverse. A line is turned round only when the evidence for it is strong: grammar (a
    preposition needs a complement after it, ``را`` never follows a verb, an auxiliary follows
    its participle, punctuation never starts a word), the line's neighbours, and how often the
    document's own lines put the same two words in one order or the other. A line that starts
    with a full stop and a citation (``.)Karimi, 2016( …``), the end of a paragraph's last line
    put first, gets them moved to its end.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("است.  شده  بیشتر  آرامی  به  شهر  این  در  شهروندان  اعتماد",
    ...            ["restore_word_order"])
    'اعتماد  شهروندان  در  این  شهر  به  آرامی  بیشتر  شده  است.'
    """
    stats = context.stats()
    padded = frozenset(c for c in stats.single if stats.always_breaks_after(c))
    moved = move_leading_citations(text)
    taken = {c.start for c in moved}
    changes = moved + [c for c in reorder_lines(text, padded)
                       if not any(c.start <= t < c.end for t in taken)]
    return sorted(changes)


def restore_mixed_line_order(text: str, context: RepairContext) -> list[Change]:
    """Turn round a line whose Latin or number runs and Persian runs came out left to right.

    A line that starts with a Latin run and ends with a Persian one is turned round (each run
    kept in its order) when it ends its paragraph or table cell with a preposition or ``و``,
    or, in a document whose extractor put the ends of other lines first (citations with their
    full stop), when it starts with a space; the grammar of its edges and of its neighbours
    must not say otherwise (see :mod:`.ordermixed`).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("نگاه فلسفه محور\\nCiRM به\\n\\nمفهوم", ["restore_mixed_line_order"])
    'نگاه فلسفه محور\\nبه CiRM\\n\\nمفهوم'
    """
    def read_from_left() -> int:
        # A fact of the whole input, counted at most once per text repaired (only when a line
        # that starts with a space and a Latin word asks for it).
        if "ordermixed_from_left" not in context.cache:
            context.cache["ordermixed_from_left"] = len(
                move_leading_citations(context.source or text))
        return context.cache["ordermixed_from_left"]

    return reorder_mixed_lines(text, read_from_left)


_OPENERS = "([{«"
_CLOSERS = ")]}»"
_MIRROR = dict(zip(_OPENERS + _CLOSERS, _CLOSERS + _OPENERS, strict=True))
#: A closing mark standing where an opening one belongs: at the line's start or after a space,
#: an opening mark or punctuation, and glued to the word after it: ``)Karimi``, ``»دولت``.
#: (The mark is matched first and what stands before it read by lookbehinds after it, so that
#: the search skips other characters quickly.)
_CLOSER_OPENING = re.compile(
    r"[)\]}»](?:(?<=[\s(\[{«.،,:;؛][)\]}»])|(?<![^\n\r\f][)\]}»]))(?=[^\s\W]|[(\[{«])")
#: An opening mark standing where a closing one belongs: before a space, punctuation or the
#: line's end. Strong when glued to the word before it (``2002(``, ``خوب«``), weak otherwise
#: (``داده‌اند (،``, from fonts that pad some letters with a space). A footnote number may
#: follow it (``شهر«1``), but not a number its own closing mark ends (``(1)``).
_OPENER_CLOSING = re.compile(
    r"[(\[{«](?=[0-9\u06f0-\u06f9]{1,2}(?:[\s.،,:;؛!?؟]|$)|[\s.،,:;؛!?؟)\]}»]|$)", re.MULTILINE)
_MARKS = re.compile(r"[()\[\]{}«»]")
_LINE = re.compile(r"[^\n\r\f\v\u2028\u2029]+")
#: From where it is matched up to the start of the current line.
_UP_TO_LINE = re.compile(r"(?:.*[\n\r\f\v\u2028\u2029])?", re.DOTALL)


def unmirror_brackets(text: str, context: RepairContext) -> list[Change]:
    """Turn round brackets and guillemets that came out mirrored: ``)Karimi, 2016(``.

    A mark is judged by what it is glued to: an opening mark is written against the word after
    it, a closing mark against the word before it. Marks standing the wrong way round are
    turned when that leaves the line's pairs at least as well matched as before (strictly
    better when a mark was only weakly placed), so ``f(x)``, ``( متن )`` and list markers
    (``۱) گزینه``) stay as they are.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("محقق می‌شود )Karimi, 2016(. »دولت باز«", ["unmirror_brackets"])
    'محقق می‌شود (Karimi, 2016). «دولت باز»'
    >>> apply_plan("پاسخگو« به »اداره شفاف« در", ["unmirror_brackets"])
    'پاسخگو» به «اداره شفاف» در'
    """
    changes: list[Change] = []
    start = 0  # the end of the last line read
    mark = _MARKS.search(text)
    while mark is not None:  # only the lines with a mark are read
        start = _UP_TO_LINE.match(text, start, mark.start()).end()  # type: ignore[union-attr]
        line = _LINE.match(text, start)
        assert line is not None  # it holds the mark
        changes.extend(_unmirror_line(line.group(), start))
        start = line.end()
        mark = _MARKS.search(text, start)
    return changes


def _candidates(line: str) -> dict[int, bool]:
    """Positions of marks standing the wrong way round, and whether strongly so."""
    flips: dict[int, bool] = {m.start(): True for m in _CLOSER_OPENING.finditer(line)}
    for m in _OPENER_CLOSING.finditer(line):
        i = m.start()
        glued = i > 0 and not line[i - 1].isspace() and line[i - 1] not in _OPENERS
        flips[i] = glued
    return flips


def _unmirror_line(line: str, offset: int) -> list[Change]:
    flips = _candidates(line)
    changes = []
    for opener, closer in zip(_OPENERS, _CLOSERS, strict=True):
        mine = {i: strong for i, strong in flips.items() if line[i] in (opener, closer)}
        if not mine:
            continue
        chars = list(line)
        for i in mine:
            chars[i] = _MIRROR[line[i]]
        flipped = "".join(chars)
        before, after = _unmatched(line, opener, closer), _unmatched(flipped, opener, closer)
        if after > before or (after == before and not all(mine.values())):
            continue
        if set(_candidates(flipped)) & set(mine):
            continue  # a mark that would look wrong either way is left as it is
        changes += [Change(offset + i, offset + i + 1, _MIRROR[line[i]]) for i in mine]
    return sorted(changes)


_KIND = {opener: re.compile(re.escape(opener + closer).join("[]"))
         for opener, closer in zip(_OPENERS, _CLOSERS, strict=True)}


def _unmatched(line: str, opener: str, closer: str) -> int:
    """How many of a line's marks of one kind have no partner."""
    count = depth = 0
    for ch in _KIND[opener].findall(line):
        if ch == opener:
            depth += 1
        elif ch == closer:
            if depth:
                depth -= 1
            else:
                count += 1
    return count + depth


_ARABIC = "\u0600-\u06ff"
_LETTER = "\u0621-\u065f\u066e-\u06d3\u06fa-\u06ff"
_BEFORE_PUNCT = re.compile(f"[{_ARABIC}\\w)\\]»]")
_LETTER_RE = re.compile(f"[{_LETTER}]")
#: Candidates, one character each and all starting with one set of characters so that the scan
#: skips other text quickly: punctuation that closes a word with a space before it (``،``
#: ``؛`` ``:`` ``.`` ``!`` ``؟`` before a space or the line's end, a closing mark before a space,
#: punctuation or the line's end), an opening mark with spaces inside it, and a Persian comma
#: or semicolon directly followed by a Persian letter. What stands around them is read in Python.
_PUNCT_SPACING = re.compile(
    r"[،؛:.!؟)\]»(\[«](?:(?<= [،؛:.!؟])(?=\s|$)|(?<= [)\]»])(?=[\s.،,:;؛!?؟]|$)"
    rf"|(?<=[(\[«])(?= +\S)|(?<=[،؛])(?=[{_LETTER}]))",
    re.MULTILINE,
)


def fix_punctuation_spacing(text: str, context: RepairContext) -> list[Change]:
    """Persian punctuation spacing: none before ، ؛ : . ! ؟ or inside brackets, one after ،.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("شهروندان صدای ملت شود ، ( متن ) تمام شد .", ["fix_punctuation_spacing"])
    'شهروندان صدای ملت شود، (متن) تمام شد.'
    >>> apply_plan("دولت،شهروند", ["fix_punctuation_spacing"])
    'دولت، شهروند'
    """
    changes = []
    for m in _PUNCT_SPACING.finditer(text):
        at = m.start()
        mark = text[at]
        if mark in "([«":  # spaces just inside an opening mark
            if at == 0 or text[at - 1].isspace():
                end = at + 1
                while text[end] == " ":
                    end += 1
                changes.append(Change(at + 1, end, ""))
        elif mark in "،؛" and _LETTER_RE.match(text, at + 1):  # no space after the comma
            if at and _LETTER_RE.match(text[at - 1]):
                changes.append(Change(at + 1, at + 1, " "))
        else:  # the spaces before punctuation, from the first of them
            start = at - 1
            while start and text[start - 1] == " ":
                start -= 1
            prev = text[start - 1] if start else "\n"
            if prev in "([«":
                continue  # read with its opening mark
            closing = mark in ")]»"
            if (closing and not prev.isspace()) or (not closing and _BEFORE_PUNCT.match(prev)):
                changes.append(Change(start, at, ""))
    return changes


#: Two spaces or more between words, or spaces at a line's end. It starts with a plain space
#: (the word before is checked by a lookbehind after it), so the scan skips other characters
#: quickly.
_SPACE_RUNS = re.compile(r" (?:(?<=\S ) +(?=\S)| *(?=[\n\r\f]|\Z))")


def collapse_spaces(text: str, context: RepairContext) -> list[Change]:
    """One space between the words of a line; none at a line's end.

    Spaces at the start of a line are left alone: they may be indentation that means something
    (a front matter block, verse).

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مدیران   دولتی  \\n  - شهروندان  فعال ", ["collapse_spaces"])
    'مدیران دولتی\\n  - شهروندان فعال'
    """
    changes = []
    for m in _SPACE_RUNS.finditer(text):
        at_end = m.end() == len(text) or text[m.end()] in "\n\r\f"
        changes.append(Change(m.start(), m.end(), "" if at_end else " "))
    return changes


RULES: tuple[Rule, ...] = (
    Rule("restore_word_order", restore_word_order, "evidence", True,
         "turn round lines whose words came out last-to-first"),
    Rule("restore_mixed_line_order", restore_mixed_line_order, "evidence", True,
         "turn round lines whose Latin and Persian runs came out left to right (CiRM به)"),
    Rule("unmirror_brackets", unmirror_brackets, "evidence", True,
         "turn round mirrored brackets and guillemets: )Karimi, 2016( -> (Karimi, 2016)"),
    Rule("fix_punctuation_spacing", fix_punctuation_spacing, "safe", True,
         "no space before ، . : ؛ ؟ or inside brackets; a space after ، before a word"),
    Rule("collapse_spaces", collapse_spaces, "safe", True,
         "runs of spaces between words to one; none at line ends"),
)
