"""Documents whose extractor reversed the word order of (nearly) every line.

Some extractors read every line of a right-to-left document word by word from the left (pypdf on
a LibreOffice PDF whose font maps the space glyph to a ZWNJ): then nearly all the lines of the
document, wrapped continuation lines included, read far better backwards. The usual gates of
:mod:`.wordorder` (a line judged word by word must start with a sentence's end and open its
paragraph after a finished sentence) protect forward text in documents where only some lines
came out reversed; they would leave such a document as it is. Here the evidence is the
document's own: among its first :data:`RULE_SAMPLE` lines of at least :data:`RULE_MIN_CHUNKS`
words (judged on their own, with grammar and the shipped class pairs only), at least
:data:`RULE_SHARE` must read better backwards by :data:`RULE_FAR_GAIN` or more, at most
:data:`RULE_FORWARD_SHARE` (and, early in the scan, :data:`RULE_FORWARD_SLACK` lines) may read
as well or better as written, and at least
:data:`RULE_MIN_LINES` must be judged. Forward text never comes close: each of its long lines
reads better as written by tens of points.

In such a document every line of three or more words is turned round unless it reads clearly
better as written (by :data:`RULE_THRESHOLD`), judged with the document's word pairs counted in
the view with its lines turned and with its neighbours' edge words. A speaker label in brackets
that the reversal split over the line's two ends (``[I1.نمی‌آید … سلام،]``) is put back first,
whole (``[I1] سلام، … نمی‌آید.``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator

from .ordercues import Tok
from .orderevidence import Evidence, count_pairs, evidence_from
from .orderlines import OrderLine, chunk_line
from .orderstats import shipped_class_pairs

__all__ = [
    "RULE_FAR_GAIN",
    "RULE_FORWARD_SHARE",
    "RULE_FORWARD_SLACK",
    "RULE_MIN_CHUNKS",
    "RULE_MIN_LINES",
    "RULE_SAMPLE",
    "RULE_SHARE",
    "RULE_THRESHOLD",
    "label_first",
    "reversed_as_rule",
    "rule_lines",
]

#: Lines of at least this many words are the document's evidence...
RULE_MIN_CHUNKS = 5
#: ...the first this many of them...
RULE_SAMPLE = 100
#: ...at least this many of them...
RULE_MIN_LINES = 8
#: ...of which this share reads better backwards by at least...
RULE_SHARE = 0.75
#: ...this much (``E(reversed) - E(as is)``, twice what a word-by-word line needs elsewhere)...
RULE_FAR_GAIN = 6.0
#: ...and at most this share reads as well or better as written, at every point of the scan
#: (beyond this many lines: a forward document is told after judging three lines).
RULE_FORWARD_SHARE = 0.1
RULE_FORWARD_SLACK = 2
#: In a document reversed as a rule, a line is turned round unless it reads clearly better as
#: written: by this margin or more (the margin a line needs to be turned in any document, as
#: ``wordorder.NEIGHBOUR_THRESHOLD`` for lines next to a turned one).
RULE_THRESHOLD = -2.5

_LABEL = re.compile(r"(\s*)\[([A-Za-z0-9]+)(?![A-Za-z0-9\]])([.!؟?…،؛:]*)([^\s\]]*)")
_LABEL_END = re.compile(r"\s*\]\s*$")

#: A line's ``E(reversed) - E(as is)`` with the edge words of the lines before and after it in
#: its paragraph (``None`` at a paragraph's edge) and the evidence of word and class pairs.
Gain = Callable[[OrderLine, Tok | None, Tok | None, Evidence], float]


def reversed_as_rule(text: str, spans: list[tuple[int, int]], padded: frozenset[str],
                     gain: Gain) -> bool:
    """Whether nearly every long line of the document reads far better backwards.

    Each line is judged on its own, with grammar and the shipped class pairs only. The scan
    stops as soon as more than :data:`RULE_FORWARD_SLACK` lines and more than
    :data:`RULE_FORWARD_SHARE` of those judged so far read as well or better as written, so
    forward text costs the judging of about three lines.
    """
    alone = Evidence(Counter(), Counter(), shipped_class_pairs())
    judged = far = forward = 0
    for start, end in spans:
        if text.count(" ", start, end) < RULE_MIN_CHUNKS - 1 or text.count("  ", start, end) > 1:
            continue  # too few words, or runs of spaces: not a line of the sample
        line = _judged(text, start, end, padded)
        if line is None or line.wide or len(line.chunks) < RULE_MIN_CHUNKS:
            continue
        value = gain(line, None, None, alone)
        judged += 1
        far += value >= RULE_FAR_GAIN
        forward += value <= 0
        if forward > max(RULE_FORWARD_SLACK, RULE_FORWARD_SHARE * judged):
            return False  # more lines read as written than a reversed document shows
        if judged >= RULE_SAMPLE:
            break
    return (judged >= RULE_MIN_LINES and far >= RULE_SHARE * judged
            and forward <= RULE_FORWARD_SHARE * judged)


def rule_lines(text: str, spans: list[tuple[int, int]], padded: frozenset[str],
               gain: Gain, turn: Callable[[OrderLine], str], window: int
               ) -> Iterator[tuple[OrderLine, float, bool]]:
    """Every line of a document reversed as a rule, with its gain and whether it is turned.

    Two rounds, as in :mod:`.wordorder`: each line is first judged on its own (grammar and
    the shipped class pairs); then the document's word and class pairs are counted in the
    view of the document with those lines turned round (in its first ``window``
    characters; a line is no evidence for itself), and each line is judged again with that
    evidence and the edge words of its paragraph's lines next to it, in their first-round
    order.
    """
    alone = Evidence(Counter(), Counter(), shipped_class_pairs())
    judged = [_judged(text, start, end, padded) for start, end in spans]
    turned = [line is not None and gain(line, None, None, alone) > RULE_THRESHOLD
              for line in judged]
    views = [turn(line) if flip and line is not None else text[start:end]
             for line, flip, (start, end) in zip(judged, turned, spans, strict=True)]
    pieces, pos = [], 0
    for view, (start, end) in zip(views, spans, strict=True):
        if start >= window:
            break
        pieces += [text[pos:start], view]
        pos = end
    wanted: set[tuple[str, str]] = set()
    for line in judged:
        if line is not None:
            words = [tok.bare for chunk in line.toks for tok in chunk]
            wanted.update(itertools.pairwise(words))
            wanted.update(itertools.pairwise(words[::-1]))
    evidence = evidence_from(count_pairs("".join(pieces)), wanted)
    for i, (start, end) in enumerate(spans):
        line = chunk_line(text, start, end, padded, every=True)
        if line is None or judged[i] is None:
            continue
        before = after = None
        if i > 0 and judged[i - 1] is not None and _joined(text, spans[i - 1][1], start):
            toks = judged[i - 1].toks  # type: ignore[union-attr]
            before = toks[0][0] if turned[i - 1] else toks[-1][-1]
        if i + 1 < len(spans) and judged[i + 1] is not None and _joined(text, end, spans[i + 1][0]):
            toks = judged[i + 1].toks  # type: ignore[union-attr]
            after = toks[-1][-1] if turned[i + 1] else toks[0][0]
        local = evidence.for_line(views[i] if start < window else "")
        value = gain(judged[i], before, after, local)  # type: ignore[arg-type]
        yield line, value, value > RULE_THRESHOLD


def _joined(text: str, lo: int, hi: int) -> bool:
    """Whether two lines with ``text[lo:hi]`` between them are in one paragraph."""
    return text.count("\n", lo, hi) == 1 and "\f" not in text[lo:hi]


def _judged(text: str, start: int, end: int, padded: frozenset[str]) -> OrderLine | None:
    """The line as it is judged: without a bracketed label split over its ends."""
    head = _LABEL.match(text, start, end)
    tail = _LABEL_END.search(text, start, end)
    if head is None or tail is None or tail.start() <= head.end():
        return chunk_line(text, start, end, padded, every=True)
    body = head.group(4) + text[head.end():tail.start()]
    return chunk_line(body, 0, len(body), padded, every=True)


def label_first(line: str, turn: Callable[[str], str | None]) -> str | None:
    """The line turned round with a bracketed label split over its ends put back first.

    ``turn`` turns a line's body round (``None`` when it cannot be cut into words). A line
    that starts with ``[`` and a Latin or number run without its ``]`` and ends with ``]``
    holds a label the reversal split; the punctuation after the run ends the sentence that
    now ends the line. ``None`` for a line without such a label.

    >>> label_first("[I1.آمد او سلام،]", lambda s: " ".join(s.split()[::-1]))
    '[I1] سلام، او آمد.'
    """
    head = _LABEL.match(line)
    tail = _LABEL_END.search(line)
    if head is None or tail is None or tail.start() <= head.end():
        return None
    lead, label, punct, word = head.groups()
    body = (word + line[head.end():tail.start()]).strip()
    turned = turn(body)
    if not body or turned is None:
        return None
    return f"{lead}[{label}] {turned}{punct}"
