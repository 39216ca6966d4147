"""A documented model of the damage PDF extraction does to Persian text, for synthetic benchmarks.

:func:`corrupt` takes clean text (e.g. PerDT sentences) and breaks it the way the PDF
extractions we have seen break it, so that repair can be measured against the clean original.
Every step works inside one word (a run of letters between spaces) and never changes letters,
so the gold of every gap stays known. The default :class:`CorruptionModel`:

1. **Space after «د»** inside a word (``مدیریت`` → ``مد یریت``): with probability ``p_dal``
   (0.9) per occurrence, as in PDFs whose font breaks after this letter every time. A word-final
   «د» gets an extra space too with the same probability (``شهروند  بیان``), as in the paper's text.
2. **Space after the other non-joining letters** ا آ ذ ر ز ژ و inside a word: probability
   ``p_nonjoining`` (0.15) per occurrence (other fonts).
3. **Space after a joining letter** inside a word (``توجه`` → ``توج ه``): probability
   ``p_joining`` (0.0 by default; LibreOffice PDFs read by pdftotext do this).
4. **ZWNJ written as a space** (``می‌گویند`` → ``می گویند``): probability ``p_zwnj_space`` (0.5).
5. **ZWNJ dropped** (``می‌گویند`` → ``میگویند``): probability ``p_zwnj_drop`` (0.1) for each
   ZWNJ that step 4 left.
6. **Arabic letters**: every ی → ي and ک → ك with probability ``p_arabic`` (0.5) per word.

>>> import random
>>> corrupt("مدیریت", random.Random(0), CorruptionModel(p_dal=1.0, p_nonjoining=0.0))
'مد یریت'
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

__all__ = ["DEFAULT_MODEL", "CorruptionModel", "corrupt"]

ZWNJ = "\u200c"
NON_JOINING = frozenset("اآدذرزژوأإؤة")
_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_WORD = re.compile("[^\\s]+")


@dataclass(frozen=True)
class CorruptionModel:
    """Probabilities of each kind of damage (see the module docstring)."""

    p_dal: float = 0.9
    p_nonjoining: float = 0.15
    p_joining: float = 0.0
    p_zwnj_space: float = 0.5
    p_zwnj_drop: float = 0.1
    p_arabic: float = 0.5


DEFAULT_MODEL = CorruptionModel()


def corrupt(text: str, rng: random.Random, model: CorruptionModel = DEFAULT_MODEL) -> str:
    """Break clean Persian ``text`` the way PDF extraction does (see the module docstring).

    Args:
        text: clean text.
        rng: the random generator (pass a seeded one for reproducible benchmarks).
        model: the damage probabilities.

    Returns:
        The damaged text: same letters (up to ی/ک → ي/ك), different gaps.
    """
    return _WORD.sub(lambda m: _corrupt_word(m.group(), rng, model), text)


def _corrupt_word(word: str, rng: random.Random, model: CorruptionModel) -> str:
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        if ch == ZWNJ:
            if rng.random() < model.p_zwnj_space:
                out.append(" ")
            elif rng.random() >= model.p_zwnj_drop:
                out.append(ch)
            continue
        out.append(ch)
        if not _LETTER.match(ch):
            continue
        nxt = word[i + 1] if i + 1 < n else ""
        if ch == "د" and not nxt and n > 1:
            if rng.random() < model.p_dal:
                out.append(" ")
            continue
        if not nxt or not _LETTER.match(nxt):
            continue
        if ch == "د":
            p = model.p_dal
        elif ch in NON_JOINING:
            p = model.p_nonjoining
        else:
            p = model.p_joining
        if p and rng.random() < p:
            out.append(" ")
    result = "".join(out)
    if model.p_arabic and rng.random() < model.p_arabic:
        result = result.replace("ی", "ي").replace("ک", "ك")
    return result
