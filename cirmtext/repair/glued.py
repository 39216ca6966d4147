"""Words glued together by a lost space (``ادارهبرای`` → ``اداره برای``).

PDF extractors decide where words end from the gaps between glyphs; where a gap is narrow (table
cells, figure labels, justified lines) they drop the space and two words come out as one. The
rule here, :func:`split_glued_words`, puts the space back, but only in a token that is no word
by any test it knows, that splits into known words, and whose split has evidence enough.

**Which tokens are looked at.** Runs of Persian letters the lexicon does not know
(:func:`~.detect.lexicon`: hazm's lexicon, wordfreq's list and every conjugated verb form),
each ZWNJ-separated part on its own; never a token with a diacritic, a digit or a Latin letter
in it or touching it. A part is left alone when :func:`word_like` finds it is a word after all:
a known word with inflections (``نیازهایشان``, ``معتقدند``, ``کنندگان``), a derivational
prefix before a word (``غیرعینی``, ``بازتوزیع``), a word before a derivational tail
(``ساختارمند``, ``شهروندمحور``, ``پدیدارنگاری``), a preverb or «می» before a verb
(``برگیرد``). It is also left alone when the document writes it in two places with different
neighbours: that is the document's vocabulary (a token repeated in one context, a table header
on every page, is one glue repeated and still split). hazm's lemmatizer adds nothing here (it
returns such tokens unchanged) and takes seconds to load, so it is not used.

**The pieces.** Every way to cut the part into two to :data:`MAX_PIECES` pieces, each a
lexicon word of two letters or more (or a lexicon word with one inflection, ``تصرفمان``), «و»,
or at the start of a part right after a word, the plural «ها»/«های» of that word
(``مصاحبه هااولیه`` → ``مصاحبه ها اولیه``; the ZWNJ rule then joins it to its word). A
piece's *strength* is its Zipf frequency, :data:`DOCUMENT_BONUS` more when the document writes
it as a word of its own (pieces of three letters or more: a broken document is full of short
fragments), :data:`SHORT_PENALTY` less when it has only two letters and is no function word.

**The choice.** The segmentation with the highest likelihood (the sum of its pieces' strengths
less :data:`ZIPF_BILLION` each, a unigram language model: every extra piece costs) is the
reading of the token. It is applied only if it is more likely than the token as an unknown word
(:data:`UNKNOWN_ZIPF`), more likely than a word with a stray letter from a line break
(``رفتاره`` is «رفتار» broken, not «رفت» + «اره»), and every gap in it has a score >= 0:
its *cue* (the evidence of a lost space there) plus the strength of the weaker of its two
pieces, minus :data:`THRESHOLD`. The cues:

* after «ه» (:data:`CUE_HEH`): in correct text a word that ends in «ه» is followed by a space or
  a ZWNJ, never by a letter; the PDF drew that «ه» in its final form;
* after another letter that joins forward (:data:`CUE_JOINING`, ``حرکتدر``): the PDF drew the
  letter final, and correct text writes compounds there with a ZWNJ;
* after a letter that never joins (ا د ر ز ژ و), where compounds are written solid, only a
  function word on one side (``منحصربه``; less for «و», :data:`CUE_FUNCTION`), an infinitive
  after a word that is no preverb (:data:`CUE_VERB`, ``فراتررفتن``), or, in a token with another gap
  that has a cue, two pieces the document writes (:data:`CUE_DOCUMENT`);
* none where the two pieces make a word or the right one is a compound tail (a listed
  derivational tail, one that ends at least five of the lexicon's ZWNJ compounds, or a present
  stem + «ی»/«نده»: ``گیری``), nor after a derivational prefix.

«و» is split off only at the start of a token (inside one it is more often part of a name:
``پتروپارس``), and a token cut twice or more needs a final form at one of its gaps at least.

**Space or ZWNJ.** A glued token is also what an extractor makes of a compound whose ZWNJ it
dropped (``سهشنبه``): the cut is the same, only its mark differs. The token read as one
compound the lexicon knows with ZWNJ (:func:`~.gluedscore.compound_reading`: Zipf >= 3 after a
common first part that ends in a letter that joins forward, no function word or plural after
it) competes with the chosen split under the same unigram model; when it is more likely, the
token is cut there with a ZWNJ (``سهشنبه`` → «سه‌شنبه», ``چشمانداز`` → «چشم‌انداز», not
«چشماند از»). Any other gap whose two pieces make such a compound at least as likely as the two
words (:func:`~.gluedscore.zwnj_gap`) gets a ZWNJ too; the rest get a space (``بهاین`` →
«به این»: «این» is a function word; ``بهسرعت`` → «به سرعت»: the lexicon's «به‌سرعت» is rarer
than the two words).

What counts as a word (:func:`word_like`: inflections, derivational prefixes and tails, verbs
with their prefixes) and what ends a compound is in :mod:`.gluedwords`; the segmentations,
strengths, cues and their constants are in :mod:`.gluedscore`; this module holds the rule, the
tokens it looks at, the document-level checks and :func:`explain`.

Decisions are memoised per part with the document's statistics (so every section of a long
input reuses them); clean text costs one set of its distinct tokens and a look-up each.
"""

from __future__ import annotations

import itertools
import re

from .base import Change, RepairContext, Rule
from .chardata import ZWNJ
from .detect import Lexicon, lexicon
from .gluedscore import (
    PLURAL_START,
    THRESHOLD,
    UNKNOWN_ZIPF,
    ZIPF_BILLION,
    compound_reading,
    cue_name,
    gap_cue,
    piece_strength,
    segmentations,
    stray_letter_likelihood,
    weakest_gap_score,
    zwnj_gap,
)
from .gluedwords import word_like

__all__ = ["RULES", "THRESHOLD", "explain", "split_glued_words", "word_like"]

_LETTERS = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
#: A token: letters and ZWNJ, together with any mark, digit or Latin letter touching them
#: (tokens holding any of those are skipped whole).
_TOKEN = re.compile(f"[{_LETTERS}\u200c\u0640\u064b-\u065f\u0670\u06c0-\u06c3\u06d5"
                    "\u0660-\u0669\u06f0-\u06f9A-Za-z0-9\u00c0-\u024f]+")
_TOKEN_CHAR = re.compile(_TOKEN.pattern[:-1])  # one character of a token
_PLAIN = re.compile(f"[{_LETTERS}\u200c]+")




def split_glued_words(text: str, context: RepairContext) -> list[Change]:
    """Put back the space a PDF extractor lost between two words (``ادارهبرای``).

    See the module docstring for the evidence; a correct text comes back unchanged.

    >>> text = "برنامهدولتی و برنامه دولتی برای اداره"
    >>> [(c.start, c.after) for c in split_glued_words(text, RepairContext(source=text))]
    [(6, ' ')]
    >>> text = "مدیریت شهروندمحور و ساختارمند"
    >>> split_glued_words(text, RepairContext(source=text))
    []
    """
    lex = lexicon()
    # Decisions rest on the document's facts only, so they are kept with them (and reused by
    # every section of a long input).
    memo: dict[tuple[str, str], tuple[tuple[int, str], ...]] = (
        context.stats().derived.setdefault("glued", {}))

    def cuts_of(part: str, before: str) -> tuple[tuple[int, str], ...]:
        key = (part, before if part.startswith(PLURAL_START) else "")
        cuts = memo.get(key)
        if cuts is None:
            cuts = memo[key] = _decide(part, key[1], context, lex)
        return cuts

    # Distinct tokens first (clean text has none to look at: one set, no loop per word).
    known = lex._table  # read directly: this runs once per distinct word of the text
    tokens: set[str] = set()
    for chunk in set(text.split()).difference(known):  # the words the lexicon has not
        tokens.update(_TOKEN.findall(chunk))
    suspects = set()
    for token in tokens:
        if token in known or not _PLAIN.fullmatch(token):
            continue
        if any(len(part) >= 4 and part not in lex and (cuts_of(part, "") or (
                part.startswith(PLURAL_START) and cuts_of(part, "?")))
               for _, part in _parts(token)):
            suspects.add(token)
    if not suspects:
        return []
    out: list[Change] = []
    for start, token in _occurrences(text, suspects):
        for part_start, part in _parts(token):
            if len(part) < 4 or part in lex:
                continue
            if part_start:
                before = token[:part_start].rsplit(ZWNJ, 2)[-2] + ZWNJ
            else:
                before = _word_before(text, start)
            out.extend(Change(start + part_start + cut, start + part_start + cut, mark)
                       for cut, mark in cuts_of(part, before))
    return out


#: Up to this many distinct suspects, their places are found with ``str.find`` (each a fast
#: scan in C) rather than by reading every token of the text.
FIND_SUSPECTS = 16


def _occurrences(text: str, suspects: set[str]) -> list[tuple[int, str]]:
    """Where the tokens of ``text`` (see :data:`_TOKEN`) that are ``suspects`` start, in order."""
    if len(suspects) > FIND_SUSPECTS:
        return [(m.start(), m.group()) for m in _TOKEN.finditer(text) if m.group() in suspects]
    found = []
    for token in suspects:
        at = text.find(token)
        while at >= 0:
            end = at + len(token)
            if ((not at or not _TOKEN_CHAR.match(text, at - 1))
                    and (end == len(text) or not _TOKEN_CHAR.match(text, end))):
                found.append((at, token))  # a whole token, not part of a longer one
            at = text.find(token, at + 1)
    return sorted(found)


def _parts(token: str) -> list[tuple[int, str]]:
    """The ZWNJ-separated parts of ``token`` with their offsets."""
    parts = []
    pos = 0
    for part in token.split(ZWNJ):
        if part:
            parts.append((pos, part))
        pos += len(part) + 1
    return parts


_WORD_BEFORE = re.compile(f"[{_LETTERS}\u200c]*[{_LETTERS}][ \u200c]$")


def _word_before(text: str, start: int) -> str:
    """The Persian word and the one space or ZWNJ just before ``start`` (``""`` if none)."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group() if m else ""


def _decide(part: str, before: str, context: RepairContext,
            lex: Lexicon) -> tuple[tuple[int, str], ...]:
    """Where to cut ``part`` (offsets inside it) and with what (a space or a ZWNJ: see
    :func:`~.gluedscore.zwnj_gap`), or ``()`` to leave it.

    ``before`` is the word (with its space or ZWNJ) before a part that starts with «ها», for
    which the plural is that word's suffix; ``"?"`` asks whether any word before would do.
    """
    return _judge(part, before, context, lex)[0]


def _judge(part: str, before: str, context: RepairContext,
           lex: Lexicon) -> tuple[tuple[tuple[int, str], ...], str]:
    """:func:`_decide` with the reason for its decision (see :func:`explain`)."""
    if word_like(part):
        return (), "a word (known, inflected, derived or a prefixed verb)"
    words = context.stats().words
    best: tuple[float, tuple[str, ...]] | None = None
    for pieces in segmentations(part, bool(before), lex):
        likelihood = sum(piece_strength(p, words, lex) - ZIPF_BILLION for p in pieces)
        if best is None or likelihood > best[0]:
            best = (likelihood, pieces)
    if best is None:
        return (), "no cut into words"
    likelihood, pieces = best
    reading = " + ".join(pieces)
    if likelihood < UNKNOWN_ZIPF - ZIPF_BILLION:
        return (), f"{reading}: less likely ({likelihood:.2f}) than an unknown word"
    damaged = stray_letter_likelihood(part, words, lex)
    if damaged > likelihood:
        return (), f"{reading}: less likely than a word with a stray letter"
    score = weakest_gap_score(pieces, words, lex)
    if score is None:
        pairs = itertools.pairwise(pieces)
        if any(gap_cue(a, b, first=i == 0) is None for i, (a, b) in enumerate(pairs)):
            return (), f"{reading}: a compound, a prefix or «و» inside"
        return (), f"{reading}: too little evidence at a gap"
    if words.get(part, 0) >= 2 and _varied_contexts(context.source, part):
        return (), "the document's own vocabulary (written in several contexts)"
    if before != "?" and _rejoined(before, pieces, context):
        return (), f"{reading}: the spacing stage would join it again"
    compound = compound_reading(part, lex)
    if compound is not None and compound[0] > likelihood:
        cut = compound[1]
        rival = "the two words" if pieces == (part[:cut], part[cut:]) else reading
        return ((cut, ZWNJ),), (f"{part[:cut]} + {part[cut:]}: a compound the lexicon knows with "
                                f"ZWNJ, more likely ({compound[0]:.2f}) than {rival}")
    marks = [ZWNJ if zwnj_gap(a, b, lex) else " " for a, b in itertools.pairwise(pieces)]
    cues = ", ".join(cue_name(a, b) + (" (a compound: ZWNJ)" if mark == ZWNJ else "")
                     for (a, b), mark in zip(itertools.pairwise(pieces), marks, strict=True))
    offsets = itertools.accumulate(len(p) for p in pieces[:-1])
    return (tuple(zip(offsets, marks, strict=True)),
            f"{reading}: {cues}; weakest gap {score:.2f} >= 0")


def explain(token: str, context: RepairContext | None = None) -> str:
    """Why :func:`split_glued_words` splits ``token`` or leaves it (for audits and tuning).

    Args:
        token: one token as the text writes it (its ZWNJ-separated parts are judged alone;
            a part that starts with «ها» is judged as if a word stood before it).
        context: the document the token comes from (default: the token alone).

    >>> explain("ادارهبرای").split("; weakest")[0]
    'ادارهبرای: اداره + برای: final «ه» before «برای»'
    >>> explain("شهروندمحور")
    'شهروندمحور: a word (known, inflected, derived or a prefixed verb)'
    """
    context = context or RepairContext(source=token)
    lex = lexicon()
    out = []
    for _, part in _parts(token):
        if part in lex:
            out.append(f"{part}: in the lexicon")
            continue
        before = "?" if part.startswith(PLURAL_START) else ""
        out.append(f"{part}: {_judge(part, before, context, lex)[1]}")
    return "; ".join(out)


def _rejoined(before: str, pieces: tuple[str, ...], context: RepairContext) -> bool:
    """Whether the spacing stage would close a space this split puts in (a cycle).

    The split is planned again by :func:`~.gapplan.plan_gaps`, in a context of its own (so
    that the stage's per-text caches stay as they are) with the document's statistics.
    """
    from .gapplan import plan_gaps  # the spacing stage's planner (imports this stage's rules)

    snippet = before + " ".join(pieces)
    spaces = set(itertools.accumulate((len(p) + 1 for p in pieces[:-1]),
                                      initial=len(before) - 1))
    spaces.discard(len(before) - 1)
    probe = RepairContext(source=context.source, _stats=context.stats())
    return any(c.start in spaces for c in plan_gaps(snippet, probe))


#: Letters a raw source may write in their Arabic forms (its statistics are counted cleaned).
_SPELLINGS = {"ی": "[یيى]", "ک": "[کك]"}
_TO_PERSIAN = str.maketrans("يىك", "ییک")
_INSIDE_WORD = re.compile(f"[{_LETTERS}\u200c]")


def _varied_contexts(source: str, word: str) -> bool:
    """Whether ``word`` stands in ``source`` in two places with different neighbours.

    A token repeated in one context (a running head, a table's header on every page) is one
    glue repeated; a word written in several contexts is the document's vocabulary.
    """
    spelled = "".join(_SPELLINGS.get(c, c) for c in word)  # as the source may write it
    # The word leads the pattern, so the search skips ahead to it; the letter before is
    # checked here (a lookbehind first would be tried at every position of the source).
    pattern = re.compile(f"{spelled}(?![{_LETTERS}\u200c])")
    seen: set[tuple[str, str]] = set()
    pos = 0
    while m := pattern.search(source, pos):
        if m.start() and _INSIDE_WORD.match(source, m.start() - 1):
            pos = m.start() + 1
            continue
        pos = m.end()
        before = source[max(0, m.start() - 12):m.start()].split()
        after = source[m.end():m.end() + 12].split()
        seen.add(((before[-1] if before else "").translate(_TO_PERSIAN),
                  (after[0] if after else "").translate(_TO_PERSIAN)))
        if len(seen) >= 2:
            return True
    return False


RULES: tuple[Rule, ...] = (
    Rule("split_glued_words", split_glued_words, "evidence", True,
         "a space between two words a lost space glued together (ادارهبرای → اداره برای)"),
)
