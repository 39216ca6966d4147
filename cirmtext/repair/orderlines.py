"""Lines cut into chunks for :mod:`.wordorder`: the pieces whose order is judged.

A line with two or more runs of 2+ spaces (what PDF extractors leave between the words of a
justified line they read backwards) is cut at those runs, each chunk kept in its own order;
otherwise every word is a chunk, a run of Latin words or digits (a citation) stays one, and
punctuation standing alone joins the word before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ordercues import Tok, sentence_tok

__all__ = ["WORD_MODE_CUE", "OrderLine", "chunk_line", "chunk_toks"]

_TOKEN = re.compile(r"\S+")
#: A line judged word by word must start the way a reversed sentence does: with the word that
#: ended it (``شد.``), or with a punctuation mark.
WORD_MODE_CUE = re.compile(
    r"\s*(?:[،؛:.!؟]|[^\s.!؟?…]+ ?[.!؟?…]+[\"»)\]]*[.!؟?…]*(?:\s|$))")  # also ``شد.».``
_PUNCT_ONLY = re.compile(r"[.!؟?…،؛:,;]+")
_WIDE_GAP = re.compile(r"\s{2,}")
_PERSIAN = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


@dataclass(slots=True)
class OrderLine:
    """A line cut into chunks, with the words of each chunk."""

    start: int
    end: int
    text: str
    chunks: list[tuple[int, int]]  # spans in the line
    toks: list[list[Tok]]  # the words of each chunk
    wide: bool  # chunks are cut at runs of spaces (else every word is a chunk)
    wrapped: bool = False  # a line of a paragraph of several lines (set by judge_lines)

    def first(self, order: list[int]) -> Tok:
        """The first word of the line with its chunks in ``order``."""
        return self.toks[order[0]][0]

    def last(self, order: list[int]) -> Tok:
        """The last word of the line with its chunks in ``order``."""
        return self.toks[order[-1]][-1]


def chunk_line(text: str, start: int, end: int, padded: frozenset[str] = frozenset(),
                *, every: bool = False) -> OrderLine | None:
    """Cut ``text[start:end]`` into chunks; ``None`` for a line not worth judging.

    Lines are judged when they have two or more runs of spaces (after letters other than
    ``padded``), or start the way a reversed sentence does (:data:`WORD_MODE_CUE`), or with
    ``every``; a judged line needs three chunks with Persian letters.
    """
    line = text[start:end]
    cue = every or WORD_MODE_CUE.match(line) is not None
    if not cue and line.count("  ") < 2:
        return None  # the common case, decided without looking further
    stripped = line.strip()
    wide = [(m.start(), m.end()) for m in _WIDE_GAP.finditer(stripped)
            if m.end() - m.start() > 2 or stripped[m.start() - 1] not in padded]
    if len(wide) < 2 and not cue:
        return None  # runs of spaces after letters the font pads: an ordinary line
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
    if len(tokens) < 3:
        return None
    chunks: list[tuple[int, int]] = []
    if len(wide) >= 2:
        lead = len(line) - len(line.lstrip())
        pos = tokens[0][0]
        for gap_start, gap_end in wide:
            chunks.append((pos, lead + gap_start))
            pos = lead + gap_end
        chunks.append((pos, tokens[-1][1]))
    else:
        for s, e in tokens:
            word = line[s:e]
            foreign = not _PERSIAN.search(word)
            if chunks and ((foreign and not _PERSIAN.search(line[chunks[-1][0]:chunks[-1][1]]))
                           or _PUNCT_ONLY.fullmatch(word)):
                chunks[-1] = (chunks[-1][0], e)
            else:
                chunks.append((s, e))
    if len(chunks) < 3 or sum(1 for s, e in chunks if _PERSIAN.search(line[s:e])) < 3:
        return None
    toks = [chunk_toks(line[s:e]) for s, e in chunks]
    return OrderLine(start, end, line, chunks, toks, len(wide) >= 2)


def chunk_toks(chunk: str) -> list[Tok]:
    """The words of a chunk, punctuation standing alone joined to the word before it."""
    words: list[str] = []
    for word in chunk.split():
        if words and _PUNCT_ONLY.fullmatch(word):
            words[-1] += word  # "شود ،" is judged as "شود،"
        else:
            words.append(word)
    return [sentence_tok(w) for w in words]
