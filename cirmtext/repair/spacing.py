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

This module holds the stage's rules and their ``RULES`` tuple; the decisions they apply live in
modules of one job each:

* :mod:`.gapplan`: the per-line plan (:func:`plan_gaps`): pieces, clusters of candidate gaps,
  the dynamic programme and its memos;
* :mod:`.gaps`: one gap (may it close, as what, at what cost);
* :mod:`.gapjoin`: one span (is closing it into a word worth it: :func:`~.gapjoin.best_join`,
  the odds of a font split against two words, and the phrases that are no word);
* :mod:`.wordscore`: how good a piece is as a word;
* :mod:`.affixes`: prefixes, suffixes, function words, verb stems, compound tails;
* :mod:`.zwnj`: ZWNJ inside words: lost in a word written solid, or typed where letters join;
  :mod:`.compounds`: compounds and plurals written with a space or solid in a document that
  lost its ZWNJs;
* :mod:`.glued`: a rule of this stage, run after ``join_split_words``: a space an extractor
  lost between two words (``ادارهبرای`` → ``اداره برای``);
* :mod:`.detect`: the lexicon and the document's statistics they all read.
"""

from __future__ import annotations

import re

from . import glued
from .base import Change, RepairContext, Rule
from .chardata import ZWNJ
from .detect import lexicon
from .gapplan import plan_gaps
from .zwnj import LETTERS, drops_zwnj, inword_changes

__all__ = ["RULES", "drop_wrong_zwnj", "insert_zwnj", "join_split_words",
           "plan_gaps", "separate_scripts"]

#: (:func:`separate_scripts`) A Latin letter or a digit with a Persian letter after it, or a
#: Latin letter with one before it: the search starts only at Latin letters and digits, so
#: Persian text is skipped quickly.
_LATIN_PERSIAN = re.compile(f"[A-Za-z0-9۰-۹](?:(?=[{LETTERS}])|(?<=[{LETTERS}][A-Za-z]))")
_PERSIAN = re.compile(f"[{LETTERS}]")
#: Everything up to the last character that is no letter (matched up to a ZWNJ).
_UP_TO_LETTERS = re.compile(f"(?:.*[^{LETTERS}])?", re.DOTALL)
#: A ZWNJ between letters, with the letters after it (the ZWNJ first, so that the search
#: skips other text quickly; the letters hold no ZWNJ, so no ZWNJ is passed over).
_ZWNJ_JOINT = re.compile(f"\u200c(?<=[{LETTERS}]\u200c)([{LETTERS}]+)")


def join_split_words(text: str, context: RepairContext) -> list[Change]:
    """Close the spaces that split words (``مد یریت`` → ``مدیریت``), with lexicon evidence.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("مد یریت شهروند ان و د ولت", ["join_split_words"])
    'مدیریت شهروندان و دولت'
    """
    return [c for c in plan_gaps(text, context) if c.after == ""]


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
    inword = inword_changes(text, context)
    if not inword:
        return gaps
    return sorted({*gaps, *inword})


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
        start = m.start()
        first = _UP_TO_LETTERS.match(text, max(start - 30, 0), start).end()  # type: ignore[union-attr]
        if drops_zwnj(text[first:start], m.group(1), lex):
            out.append(Change(start, start + 1, ""))
    return out


def separate_scripts(text: str, context: RepairContext) -> list[Change]:
    """Put a space where a Latin word or a number runs straight into a Persian word.

    Extractors drop the space at a change of direction (``CiRMصحبت``, ``۴۲۰تخت``). A Persian
    letter followed by a digit is left alone: that is how footnote marks are written.

    >>> from cirmtext.repair import apply_plan
    >>> apply_plan("درباره CiRMصحبت و ۴۲۰تخت و فرسیس1", ["separate_scripts"])
    'درباره CiRM صحبت و ۴۲۰ تخت و فرسیس1'
    """
    changes = []
    for m in _LATIN_PERSIAN.finditer(text):
        at = m.start()
        if at and text[at] < "\x80" and text[at].isalpha() and _PERSIAN.match(text, at - 1):
            changes.append(Change(at, at, " "))  # a Persian letter before a Latin one
        if _PERSIAN.match(text, at + 1):
            changes.append(Change(at + 1, at + 1, " "))  # a Persian letter after it
    return changes


RULES: tuple[Rule, ...] = (
    Rule("separate_scripts", separate_scripts, "safe", True,
         "a space between a Latin word or a number and the Persian word glued to it"),
    Rule("join_split_words", join_split_words, "evidence", True,
         "close spaces that split a word (مد یریت → مدیریت), judged by lexicon and document"),
    *glued.RULES,
    Rule("insert_zwnj", insert_zwnj, "evidence", True,
         "ZWNJ for می/نمی, ها/های, تر/ترین, suffixes after ه, compounds and bound tails"),
    Rule("drop_wrong_zwnj", drop_wrong_zwnj, "evidence", True,
         "remove a ZWNJ inside a word whose letters should join (شهروند‌ان → شهروندان)"),
)
