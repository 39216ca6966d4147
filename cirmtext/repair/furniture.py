"""Page furniture: what a page adds around its text, found by where it stands and repeats.

* **Page numbers**: a line holding only a number (``12``, ``- 12 -``, ``صفحه ۱۲``) at the top or
  bottom of a page (pages end with form feeds) whose value goes up with the page count on two
  pages or more (``12`` on one page, ``13`` on the next, or ``15`` two pages on); a number
  alone at a page's edge that keeps no such step is text (a year or a count the extractor cut
  off its line). In a text without page breaks, numbers standing alone between blank lines
  that count up like pages (three or more, far enough apart).
* **Running heads**: a short line that comes back at the top or bottom of three or more pages
  (pages are separated by form feeds; digits are ignored when comparing, so "page 3" and
  "page 4" match). Without form feeds there is no page evidence, and nothing is dropped.
* **Column fragments**: vertical or rotated text that extractors give as a run of tiny lines of
  one to three characters (``مه``, ``| ف``, ``۲ ـ``); four or more such lines with only blank
  lines between them. A tiny line that closes a sentence (``شد.``), or one at an end of the run
  written right against a line of text, ends or starts that text and stays (the last line of a
  table cell cut narrow).

Each is removed with its line break, so the lines around it keep their places. A text without
page breaks (or carriage returns) has one page and no running heads: there only the lines that
may be furniture (tiny lines, lines holding a number) and their neighbours are read
(:func:`_changes_without_pages`, the same changes found faster).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .align import Change

__all__ = ["furniture_changes"]

_PAGE_NUMBER = re.compile(
    r"[\s\-–—|]*(?:(?:صفحه|ص\.?|page|p\.)\s*)?[0-9\u06f0-\u06f9\u0660-\u0669]{1,4}[\s\-–—|]*",
    re.IGNORECASE,
)
_SHORT_LINE = re.compile(r"^[^\S\n]*\S(?:[^\n]{0,8}\S)?[^\S\n]*$", re.MULTILINE)
_DIGITS = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669]+")
#: Lines of at most this many visible characters are column fragments when they come in runs.
FRAGMENT_CHARS = 3
#: A line with more visible characters than a fragment has.
_MORE_THAN_A_FRAGMENT = re.compile(r"\S\s*" * FRAGMENT_CHARS + r"\S")
#: How many fragment lines make a run.
FRAGMENT_RUN = 4
#: A line with this many visible characters or more is a line of text, not a column fragment:
#: a tiny line written right against it (no blank line between) belongs to it.
TEXT_CHARS = 2 * FRAGMENT_CHARS
_TEXT_LINE = re.compile(r"\S\s*" * (TEXT_CHARS - 1) + r"\S")
#: A letter followed by the punctuation that closes a sentence: the end of a line of text.
_CLOSES_SENTENCE = re.compile(r"[^\W\d_][ \t]*[.!?؟…]+\s*$")
#: Pages hold at least this many lines (to tell page numbers from numbers split off the text).
MIN_LINES_PER_PAGE = 15
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
#: Page numbers found next to page breaks must count at least this many pages.
MIN_NUMBERED_PAGES = 2
#: A running head comes back on at least this many pages.
MIN_PAGES = 3
#: ...and has at most this many words.
MAX_HEAD_WORDS = 12


@dataclass(slots=True)
class _Line:
    start: int  # of the line's content
    end: int  # of the content, before its break
    stop: int  # after its break
    text: str
    page: int
    blank: bool


def _lines(text: str) -> list[_Line]:
    if "\r" not in text:
        return _lines_lf(text)
    out = []
    page = 0
    pos = 0
    for m in _BREAK.finditer(text):
        line = text[pos:m.start()]
        out.append(_Line(pos, m.start(), m.end(), line, page, not line.strip()))
        if "\f" in m.group():
            page += 1
        pos = m.end()
    if pos < len(text):
        line = text[pos:]
        out.append(_Line(pos, len(text), len(text), line, page, not line.strip()))
    return out


_BREAK = re.compile(r"\r?\n|\f|\r")


def _lines_lf(text: str) -> list[_Line]:
    """:func:`_lines` for a text without carriage returns (the same lines, found faster)."""
    out = []
    page = 0
    pos = 0
    line_cls = _Line
    for part in text.split("\n"):
        if "\f" in part:
            *pieces, part = part.split("\f")
            for piece in pieces:
                end = pos + len(piece)
                out.append(line_cls(pos, end, end + 1, piece, page, not piece.strip()))
                page += 1
                pos = end + 1
        end = pos + len(part)
        if end < len(text):
            out.append(line_cls(pos, end, end + 1, part, page, not part.strip()))
        elif pos < len(text):
            out.append(line_cls(pos, end, end, part, page, not part.strip()))
        pos = end + 1
    return out


def _isolated(lines: list[_Line], i: int, text: str) -> bool:
    """Blank lines, a page break or the text's edge on both sides of line ``i``."""
    def clear(j: int, step: int) -> bool:
        k = j + step
        if k < 0 or k >= len(lines):
            return True
        if lines[k].page != lines[j].page:
            return True
        return lines[k].blank

    return clear(i, -1) and clear(i, 1)


def _near_page_break(lines: list[_Line], i: int, text: str) -> bool:
    """The first or last non-blank line of its page, or second after a (running head) line."""
    if "\f" not in text:
        return False
    page = lines[i].page
    for step in (-1, 1):
        seen = 0
        k = i + step
        while 0 <= k < len(lines) and lines[k].page == page and seen < 2:
            seen += not lines[k].blank
            k += step
        if seen < 2:
            return True
    return False


def _page_numbers(lines: list[_Line], text: str) -> set[int]:
    candidates = [i for i, line in enumerate(lines)
                  if not line.blank and _PAGE_NUMBER.fullmatch(line.text)
                  and (_isolated(lines, i, text) or _near_page_break(lines, i, text))]
    if "\f" in text:
        return _numbered_pages([i for i in candidates if _near_page_break(lines, i, text)], lines)
    return _page_sequence(candidates, [_number(lines[i].text) for i in candidates])


def _numbered_pages(candidates: list[int], lines: list[_Line]) -> set[int]:
    """With page breaks: the numbers that count the pages.

    A page number goes up by one from page to page, so its value minus the page's index (its
    count of form feeds) is the same on every page it stands on; numbers of the text that an
    extractor put alone at a page's edge (a year, a count cut off its line) do not keep that
    step. Kept: the numbers whose offset is shared by :data:`MIN_NUMBERED_PAGES` pages or more.
    """
    pages_of: dict[int, set[int]] = defaultdict(set)
    offsets = {}
    for i in candidates:
        offsets[i] = _number(lines[i].text) - lines[i].page
        pages_of[offsets[i]].add(lines[i].page)
    return {i for i in candidates if len(pages_of[offsets[i]]) >= MIN_NUMBERED_PAGES}


def _number(line: str) -> int:
    digits = _DIGITS.findall(line)
    return int("".join(digits).translate(_TO_ASCII)) if digits else -1


def _page_sequence(candidates: list[int], values: list[int]) -> set[int]:
    """Without page breaks: the longest run of isolated numbers that count up like pages.

    Each next number is larger, by at most one per :data:`MIN_LINES_PER_PAGE` lines between
    them (plus one), so numbers that a PDF extractor split off sentences (``۴۲۰``, ``150``)
    do not pass for page numbers.
    """
    best: list[list[int]] = []
    for k, (i, v) in enumerate(zip(candidates, values, strict=True)):
        chain = [k]
        for j in range(k):
            gap_lines = i - candidates[j]
            step = v - values[j]
            if 0 < step <= gap_lines / MIN_LINES_PER_PAGE + 1 and len(best[j]) + 1 > len(chain):
                chain = [*best[j], k]
        best.append(chain)
    longest = max(best, key=len, default=[])
    return {candidates[k] for k in longest} if len(longest) >= MIN_PAGES else set()


def _running_heads(lines: list[_Line]) -> set[int]:
    pages = lines[-1].page + 1 if lines else 0
    if pages < MIN_PAGES:
        return set()
    edge: dict[int, str] = {}
    for page in range(pages):
        on_page = [i for i, line in enumerate(lines) if line.page == page and not line.blank]
        for i in on_page[:2] + on_page[-2:]:
            words = lines[i].text.split()
            if _PAGE_NUMBER.fullmatch(lines[i].text):
                continue  # a bare number is a page number only if it counts the pages
            if 0 < len(words) <= MAX_HEAD_WORDS:
                edge[i] = " ".join(_DIGITS.sub("#", lines[i].text).split())
    pages_of: dict[str, set[int]] = defaultdict(set)
    for i, key in edge.items():
        pages_of[key].add(lines[i].page)
    return {i for i, key in edge.items() if len(pages_of[key]) >= MIN_PAGES}


def _fragments(lines: list[_Line]) -> set[int]:
    """Runs of :data:`FRAGMENT_RUN` or more tiny lines with only blank lines between them.

    A tiny line that closes a sentence (``شد.``) is a text's last line, not a fragment; one at
    either end of a run written right against a line of text (no blank line between them,
    :data:`TEXT_CHARS` or more visible characters) is that text's end or start (the last line
    of a table cell cut narrow, ``است``), not part of the run.
    """
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines):
        if line.blank:
            continue
        if (_MORE_THAN_A_FRAGMENT.search(line.text) is None
                and _CLOSES_SENTENCE.search(line.text) is None):
            run.append(i)
            continue
        _close_run(run, lines, out)
        run = []
    _close_run(run, lines, out)
    return out


def _close_run(run: list[int], lines: list[_Line], out: set[int]) -> None:
    if len(run) < FRAGMENT_RUN:
        return
    if _against_text(lines, run[0], -1):
        run = run[1:]
    if run and _against_text(lines, run[-1], 1):
        run = run[:-1]
    if len(run) >= FRAGMENT_RUN:
        out.update(run)


def _against_text(lines: list[_Line], i: int, step: int) -> bool:
    """Line ``i`` has a line of text right next to it (``step`` -1: before, 1: after)."""
    k = i + step
    return (0 <= k < len(lines) and lines[k].page == lines[i].page and not lines[k].blank
            and _TEXT_LINE.search(lines[k].text) is not None)


def furniture_changes(text: str) -> list[Change]:
    """The changes that delete page numbers, running heads and column fragments."""
    if not text or ("\f" not in text and _SHORT_LINE.search(text) is None):
        return []  # no page breaks and no line short enough to be furniture
    if "\f" not in text and "\r" not in text:
        return _changes_without_pages(text)
    lines = _lines(text)
    drop = _page_numbers(lines, text) | _running_heads(lines) | _fragments(lines)
    changes = []
    for i in sorted(drop):
        line = lines[i]
        # keep a form feed (page evidence); drop the line with its newline otherwise
        end = line.stop if text[line.end:line.stop].strip("\r") != "\f" else line.end
        changes.append(Change(line.start, end, ""))
    return changes


#: A line of one to three visible characters (the text's first line after a ``\n`` put
#: before it): found by its line break, so that the search skips through the text fast.
_TINY_LINE = re.compile(r"\n([^\S\n]*\S(?:[^\S\n]*\S){0,2}[^\S\n]*)(?=\n|\Z)")
#: A line that may hold only a page number (:data:`_PAGE_NUMBER` within one line).
_NUMBER_LINE = re.compile(
    r"\n((?:[^\S\n]|[\-–—|])*(?:(?:صفحه|ص\.?|(?i:page|p\.))[^\S\n]*)?"
    r"[0-9\u06f0-\u06f9\u0660-\u0669]{1,4}(?:[^\S\n]|[\-–—|])*)(?=\n|\Z)")


def _changes_without_pages(text: str) -> list[Change]:
    """:func:`furniture_changes` for a text without page breaks or carriage returns (one page,
    no running heads), reading only the lines that may be furniture and their neighbours: the
    same changes, found without walking every line in Python."""
    framed = "\n" + text  # offsets in ``framed`` are one more than in ``text``
    drop = {m.start() for m in _page_sequence_lines(text, framed)}
    tiny = [(m.start(), m.end() - 1) for m in _TINY_LINE.finditer(framed)
            if _CLOSES_SENTENCE.search(m.group(1)) is None]
    run: list[tuple[int, int]] = []
    for line in tiny:
        if run and not text[run[-1][1]:line[0]].isspace():
            _close_span_run(text, run, drop)
            run = []
        run.append(line)
    _close_span_run(text, run, drop)
    changes = []
    for start in sorted(drop):
        end = text.find("\n", start)
        changes.append(Change(start, len(text) if end < 0 else end + 1, ""))
    return changes


def _page_sequence_lines(text: str, framed: str) -> list[re.Match[str]]:
    """The page numbers of a text without page breaks (see :func:`_page_sequence`), as matches
    of :data:`_NUMBER_LINE` in ``framed`` (``"\\n" + text``), whose ``start()`` is where
    the line starts in ``text``."""
    found = [m for m in _NUMBER_LINE.finditer(framed)
             if _PAGE_NUMBER.fullmatch(m.group(1)) and _clear_before(text, m.start())
             and _clear_after(text, m.end() - 1)]
    if len(found) < MIN_PAGES:
        return []
    indices = []
    line = pos = 0
    for m in found:
        line += text.count("\n", pos, m.start())
        pos = m.start()
        indices.append(line)
    kept = _page_sequence(indices, [_number(m.group(1)) for m in found])
    return [m for m, i in zip(found, indices, strict=True) if i in kept]


def _clear_before(text: str, start: int) -> bool:
    """The line starting at ``start`` has none before it, or a blank one."""
    return start == 0 or not text[text.rfind("\n", 0, start - 1) + 1:start - 1].strip()


def _clear_after(text: str, end: int) -> bool:
    """The line ending at ``end`` has none after it, or a blank one."""
    if end + 1 >= len(text):
        return True
    stop = text.find("\n", end + 1)
    return not text[end + 1:len(text) if stop < 0 else stop].strip()


def _close_span_run(text: str, run: list[tuple[int, int]], drop: set[int]) -> None:
    """:func:`_close_run` for lines given as ``(start, end)`` in ``text``."""
    if len(run) < FRAGMENT_RUN:
        return
    first, last = run[0][0], run[-1][1]
    if first and _TEXT_LINE.search(text[text.rfind("\n", 0, first - 1) + 1:first - 1]):
        run = run[1:]
    if run and last + 1 < len(text):
        stop = text.find("\n", last + 1)
        if _TEXT_LINE.search(text[last + 1:len(text) if stop < 0 else stop]):
            run = run[:-1]
    if len(run) >= FRAGMENT_RUN:
        drop.update(start for start, _end in run)
