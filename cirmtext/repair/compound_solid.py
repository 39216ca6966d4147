"""Compounds written solid: a word whose ZWNJ was dropped, its two parts glued.

A letter that joins, followed directly by the next part of a compound, shows a joined shape the
writer did not mean: ``برنامهریزی`` renders a medial «ه» that no correct spelling has. Where
the glued word is no word of the lexicon and its parts are, the ZWNJ was lost (typed without
it, or dropped by an extractor). Two decisions, each memoised per word:

* :func:`solid_cut`: in a document that writes ZWNJs as spaces
  (:func:`~.compounds.zwnj_damaged`), a word the lexicon does not know, or knows but hazm's
  corpus never counts, that is a compound it knows with ZWNJ (``بیشک`` → ``بی‌شک``; plurals
  too, ``سیاستها``).
* :func:`glued_cut`: in any text, a lone line as well as a document, a word the lexicon does
  not know at all (no web frequency, not in hazm's lexicon) that is a compound the lexicon
  knows with ZWNJ (``برنامهریزی``, ``تصمیمگیری``, ``بیتوجهی``), or, on weaker evidence, a
  common word and a bound tail (a second part hazm's corpus never counts alone:
  ``کاربردشناسی``-like words after a joining letter). A plural «ها» is never cut here (a
  document's habit decides it: :func:`~.compounds.plural_habit`), nor a word the lexicon knows
  (``کتابها``, ``سازمانهای``, ``بهتر``, ``همه``, ``کهنه``, ``آنها``), nor a word that reads
  as a common word plus a plain suffix (``طبیبان``: «طبیب» + «ان», not «طبی» + «بان»).

On the word types of the PerDT and Seraji dev and test sets (72,000 tokens) with their ZWNJs
dropped, :func:`glued_cut` puts back 838 ZWNJs that the cuts of :func:`~.zwnj.inword_changes`
leave out, and cuts 5 tokens the treebanks write solid (``صاحبنظران``, ``تصدیگری``).
"""

from __future__ import annotations

import functools

from ..resources import word_frequencies
from .affixes import PLAIN_SUFFIXES
from .chardata import DUAL_JOINING, ZWNJ
from .compound_evidence import bound_tail_compound
from .detect import SOLID_ZIPF, Lexicon
from .spoken import spoken_zipf

__all__ = ["glued_cut", "solid_cut"]

#: The plural suffixes (longest first): a solid plural is the document's habit to judge.
_PLURALS = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")


@functools.lru_cache(maxsize=65536)
def solid_cut(run: str, lex: Lexicon) -> int | None:
    """Where a word written solid hides a compound the lexicon knows with ZWNJ, or None.

    The cut must follow a joining letter and give a compound whose first part is a common
    word (Zipf >= 3; hazm's «ناهم‌سو» does not cut ``ناهمسو``): of
    Zipf >= 3 if the lexicon does not know ``run`` (``برنامهریزی``), or, if it knows it but
    hazm's corpus never counts it, one that hazm counts and that is at least ten times as
    frequent (``بیشک``: «بی‌شک»; but ``همچنین``, ``سالها`` stay). Of several, the most frequent
    compound wins.

    >>> from cirmtext.repair.detect import lexicon
    >>> [solid_cut(w, lexicon()) for w in ("برنامهریزی", "بیشک", "مدیریت", "همچنین")]
    [6, 2, None, None]
    """
    z_run = lex.zipf(run)
    if len(run) < 4 or (z_run > 0.0 and word_frequencies().get(run)):
        return None
    best, cut = max(SOLID_ZIPF, z_run + 1.0), None
    for i in range(2, len(run) - 1):
        head = run[:i]
        if head[-1] not in DUAL_JOINING or not lex.solid(head):
            continue
        marked = head + ZWNJ + run[i:]
        z = lex.zipf(marked)
        if z >= best and (z_run == 0.0 or word_frequencies().get(marked)):
            best, cut = z, i
    return cut


@functools.lru_cache(maxsize=65536)
def glued_cut(run: str, lex: Lexicon) -> int | None:
    """Where a glued word the lexicon does not know lost the ZWNJ of a compound, or None.

    ``run`` must be unknown to the lexicon altogether (Zipf 0: neither the web's word lists nor
    hazm's lexicon have it) and no spoken form of a common word (:mod:`.spoken`). It is cut
    after a joining letter where

    * the lexicon knows the compound with ZWNJ at Zipf >= 3 after a common first part
      (:func:`solid_cut`; the most frequent of several), the second part no plural; or else
    * the first part is a common word that is no verb or function word and the second part a
      bound tail (:func:`~.compound_evidence.bound_tail_compound`; the most common first part
      of several), unless ``run`` is a common word plus a plain suffix or a plural.

    >>> from cirmtext.repair.detect import lexicon
    >>> [glued_cut(w, lexicon()) for w in ("برنامهریزی", "تصمیمگیری", "بیتوجهی")]
    [6, 5, 2]
    >>> [glued_cut(w, lexicon()) for w in ("کتابها", "بهتر", "طبیبان", "سیاستهای")]
    [None, None, None, None]
    """
    if len(run) < 4 or lex.zipf(run) > 0.0 or spoken_zipf(run, lex):
        return None  # known, or speech: «کارشونه» is «کار» + «شون» + «ه»
    cut = solid_cut(run, lex)
    if cut is not None:
        return None if run[cut:].startswith(_PLURALS) else cut
    if any(run.endswith(suffix) and len(run) - len(suffix) > 2
           and lex.solid(run[: -len(suffix)]) for suffix in PLAIN_SUFFIXES):
        return None  # «طبیبان»: «طبیب» + «ان»
    if any(run.endswith(suffix) and lex.is_word(run[: -len(suffix)]) for suffix in _PLURALS):
        return None
    best = 0.0
    for i in range(2, len(run) - 1):
        head = run[:i]
        if (head[-1] in DUAL_JOINING and lex.zipf(head) > best
                and bound_tail_compound(head, run[i:], lex)):
            best, cut = lex.zipf(head), i
    return cut
