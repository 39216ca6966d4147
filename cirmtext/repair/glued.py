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

Decisions are memoised per part with the document's statistics (so every section of a long
input reuses them); clean text costs one set of its distinct tokens and a look-up each.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

from ..resources import hazm_verbs
from .affixes import PREVERBS, compound_tails, deverbal, verb_like
from .base import Change, RepairContext, Rule
from .chardata import NON_JOINING, ZWNJ
from .detect import FRAGMENTS, PROTECTED, Lexicon, lexicon

__all__ = ["RULES", "THRESHOLD", "explain", "split_glued_words", "word_like"]

_LETTERS = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
#: A token: letters and ZWNJ, together with any mark, digit or Latin letter touching them
#: (tokens holding any of those are skipped whole).
_TOKEN = re.compile(f"[{_LETTERS}\u200c\u0640\u064b-\u065f\u0670\u06c0-\u06c3\u06d5"
                    "\u0660-\u0669\u06f0-\u06f9A-Za-z0-9\u00c0-\u024f]+")
_PLAIN = re.compile(f"[{_LETTERS}\u200c]+")

#: A gap is split when its score (cue + strength of the weaker piece - THRESHOLD) is >= 0.
THRESHOLD = 6.3
#: Cues: after «ه»; after another letter that joins forward; a function word next to a gap
#: after a letter that never joins; a verb after a word; two pieces the document writes, in a
#: token with another gap that has a cue.
CUE_HEH = 1.5
CUE_JOINING = 1.0
CUE_FUNCTION = 1.0
CUE_VERB = 0.5
CUE_DOCUMENT = 0.5
#: Strength added to a piece the document writes as a word of its own, and taken from a piece
#: of two letters (short pieces fit by chance: ``چیکل`` is no «چی» + «کل»).
DOCUMENT_BONUS = 1.5
SHORT_PENALTY = 1.0
#: Strength taken from a piece the lexicon knows only as a word with an inflection.
INFLECTED_PENALTY = 1.0
#: Zipf of a word seen once per billion words: a piece's log probability is its strength minus
#: this (so that every extra piece costs, as in a unigram language model).
ZIPF_BILLION = 9.0
#: The strength of the token as it stands, a word the lexicon does not know: a segmentation
#: must be more likely than that (three pieces must be common words to beat it).
UNKNOWN_ZIPF = 1.0
#: Log-probability cost of a stray letter left on a word by a break (see :func:`_damaged`).
STRAY_PENALTY = 2.0
#: At most this many pieces per token.
MAX_PIECES = 4

#: Function words that stand on their own and are often glued to a neighbour by a lost space.
FUNCTION_WORDS = PROTECTED | frozenset("برای هم نیز یا را است شد".split())
#: Plural suffixes that may start a token: the suffix of the word before it, then a lost space.
_PLURAL_START = ("هایی", "های", "ها")

#: Inflectional suffixes, clitics and the short copula, longest first: a known word with these
#: is a word (``نیازهایشان``, ``معتقدند``, ``آنهاست``).
INFLECTIONS = tuple(sorted(set(
    "هایشان هایتان هایمان هایش هایت هایم هایی های ها ترین تر ان ات یان ی ای یی ام اش "
    "مان تان شان م ت ش یم ید ند اند ست ایم اید".split()), key=len, reverse=True))
#: Derivational suffixes and compound tails written solid (``ساختارمند``, ``گرایانه``); with
#: the lexicon's productive compound tails (:func:`~.affixes.compound_tails`) and deverbal
#: tails (``گیری``), a piece that is one of these (possibly inflected) ends a compound.
DERIVATIONAL = frozenset(
    "مند محور مدار وار واره انه یانه گرا گرایانه ناک گین ستان کده زار گاه بان نگار نگاری "
    "نگارانه ساز شناس شناسانه پذیر گیر آمیز بخش پرداز پرور خواه رسان زا سنج شکن گذار "
    "گزار نشین نویس یاب کار گر گری سالار پرست آور کش افزا انگیز فام گون گونه سار ور".split())
#: Prefixes written solid before a word (``غیرعینی``, ``ناهمسو``, ``فراارتباطی``).
DERIVATIONAL_PREFIXES = frozenset(
    "نا بی با هم غیر فرا باز پیش پس پسا ضد نیم خود چند تک کم پر خوش بد نو فوق ابر زیر "
    "سر فرو ذی".split())
#: First pieces that are prefixes only before a verb (``برگیرد``, ``درخواهند``).
_VERB_PREFIXES = PREVERBS | frozenset(("ن", "ب", "می", "نمی"))


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
    memo: dict[tuple[str, str], tuple[int, ...]] = context.stats().derived.setdefault(
        "glued", {})

    def cuts_of(part: str, before: str) -> tuple[int, ...]:
        key = (part, before if part.startswith(_PLURAL_START) else "")
        cuts = memo.get(key)
        if cuts is None:
            cuts = memo[key] = _decide(part, key[1], context, lex)
        return cuts

    # Distinct tokens first (clean text has none to look at: one set, no loop per word).
    known = lex._table  # read directly: this runs once per distinct word of the text
    tokens: set[str] = set()
    for chunk in set(text.split()):
        if chunk not in known:
            tokens.update(_TOKEN.findall(chunk))
    suspects = set()
    for token in tokens:
        if token in known or not _PLAIN.fullmatch(token):
            continue
        if any(len(part) >= 4 and part not in lex and (cuts_of(part, "") or (
                part.startswith(_PLURAL_START) and cuts_of(part, "?")))
               for _, part in _parts(token)):
            suspects.add(token)
    if not suspects:
        return []
    out: list[Change] = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token not in suspects:
            continue
        start = m.start()
        for part_start, part in _parts(token):
            if len(part) < 4 or part in lex:
                continue
            if part_start:
                before = token[:part_start].rsplit(ZWNJ, 2)[-2] + ZWNJ
            else:
                before = _word_before(text, start)
            out.extend(Change(start + part_start + cut, start + part_start + cut, " ")
                       for cut in cuts_of(part, before))
    return out


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
            lex: Lexicon) -> tuple[int, ...]:
    """Where to cut ``part`` (offsets inside it), or ``()`` to leave it.

    ``before`` is the word (with its space or ZWNJ) before a part that starts with «ها», for
    which the plural is that word's suffix; ``"?"`` asks whether any word before would do.
    """
    return _judge(part, before, context, lex)[0]


def _judge(part: str, before: str, context: RepairContext,
           lex: Lexicon) -> tuple[tuple[int, ...], str]:
    """:func:`_decide` with the reason for its decision (see :func:`explain`)."""
    if word_like(part):
        return (), "a word (known, inflected, derived or a prefixed verb)"
    words = context.stats().words
    best: tuple[float, tuple[str, ...]] | None = None
    for pieces in _segmentations(part, bool(before), lex):
        likelihood = sum(_strength(p, words, lex) - ZIPF_BILLION for p in pieces)
        if best is None or likelihood > best[0]:
            best = (likelihood, pieces)
    if best is None:
        return (), "no cut into words"
    likelihood, pieces = best
    reading = " + ".join(pieces)
    if likelihood < UNKNOWN_ZIPF - ZIPF_BILLION:
        return (), f"{reading}: less likely ({likelihood:.2f}) than an unknown word"
    damaged = _damaged(part, words, lex)
    if damaged > likelihood:
        return (), f"{reading}: less likely than a word with a stray letter"
    score = _score(pieces, words, lex)
    if score is None:
        pairs = itertools.pairwise(pieces)
        if any(_cue(a, b, first=i == 0) is None for i, (a, b) in enumerate(pairs)):
            return (), f"{reading}: a compound, a prefix or «و» inside"
        return (), f"{reading}: too little evidence at a gap"
    if words.get(part, 0) >= 2 and _varied_contexts(context.source, part):
        return (), "the document's own vocabulary (written in several contexts)"
    if before != "?" and _rejoined(before, pieces, context):
        return (), f"{reading}: the spacing stage would join it again"
    cues = ", ".join(f"{_cue_name(a, b)}" for a, b in itertools.pairwise(pieces))
    return (tuple(itertools.accumulate(len(p) for p in pieces[:-1])),
            f"{reading}: {cues}; weakest gap {score:.2f} >= 0")


def _cue_name(left: str, right: str) -> str:
    """The cue between two pieces, in words (for :func:`explain`)."""
    cue = _cue(left, right, first=False)
    if left in _PLURAL_START:
        return "plural «ها» of the word before"
    if left[-1] == "ه":
        return f"final «ه» before «{right}»"
    if left[-1] not in NON_JOINING:
        return f"final «{left[-1]}»"
    if cue in (CUE_FUNCTION, CUE_HEH):
        return "function word"
    return "infinitive" if cue == CUE_VERB else "both pieces in the document"


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
        before = "?" if part.startswith(_PLURAL_START) else ""
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


def _damaged(part: str, words: Counter[str], lex: Lexicon) -> float:
    """The likelihood that ``part`` is one word with a stray letter (``رفتاره``, ``شهرون``).

    Such a token is a word broken at a line or a cell, not two words glued; this reading
    competes with the segmentations (``-inf`` when there is no such word).
    """
    best = float("-inf")
    for word in (part[:-1], part[1:] if part[0] != "و" else ""):
        if len(word) >= 3 and lex.known(word):
            best = max(best, _strength(word, words, lex) - ZIPF_BILLION - STRAY_PENALTY)
    return best


def _segmentations(part: str, after_word: bool, lex: Lexicon) -> list[tuple[str, ...]]:
    """Every way to cut ``part`` into 2..MAX_PIECES pieces that may stand as words."""
    found: list[tuple[str, ...]] = []

    def extend(pos: int, pieces: tuple[str, ...]) -> None:
        if pos == len(part):
            if len(pieces) >= 2:
                found.append(pieces)
            return
        if len(pieces) == MAX_PIECES:
            return
        for end in range(pos + 1, len(part) + 1):
            piece = part[pos:end]
            if _piece_ok(piece, first=not pieces, after_word=after_word, lex=lex):
                extend(end, (*pieces, piece))

    extend(0, ())
    return found


def _piece_ok(piece: str, *, first: bool, after_word: bool, lex: Lexicon) -> bool:
    if first and after_word and piece in _PLURAL_START:
        return True
    if piece == "و":
        return True  # split only at the start of a token (see _score)
    if len(piece) < 2 or piece in FRAGMENTS:
        return False
    return lex.is_word(piece) or (len(piece) >= 4 and _inflected_zipf(piece, lex) > 0)


def _inflected_zipf(piece: str, lex: Lexicon) -> float:
    """The Zipf of the commonest lexicon word ``piece`` inflects (``تصرفمان``), 0.0 if none."""
    return max((lex.zipf(stem) for stem in _strip_one(piece)
                if len(stem) >= 3 and lex.is_word(stem)), default=0.0)


def _strength(piece: str, words: Counter[str], lex: Lexicon) -> float:
    if piece in _PLURAL_START:
        return 7.0  # a suffix left behind: as sure as its cue
    zipf = lex.zipf(piece) if piece in lex else _inflected_zipf(piece, lex) - INFLECTED_PENALTY
    if len(piece) <= 2 and piece not in FUNCTION_WORDS:
        return zipf - SHORT_PENALTY  # a broken document is full of short pieces: no bonus
    if words.get(piece, 0):
        zipf += DOCUMENT_BONUS
    return zipf


def _score(pieces: tuple[str, ...], words: Counter[str], lex: Lexicon) -> float | None:
    """The weakest gap's score, or ``None`` if some gap may not be split."""
    if "و" in pieces[1:]:
        return None  # «و» inside a token is more often part of a name (پتروپارس) than glued
    if len(pieces) > 2 and all(p[-1] in NON_JOINING for p in pieces[:-1]):
        return None  # no final form anywhere: two lost spaces need more than function words
    pairs = list(itertools.pairwise(pieces))
    cues = [_cue(a, b, first=i == 0) for i, (a, b) in enumerate(pairs)]
    if any(c is None for c in cues):
        return None
    glued = any(cues)
    scores = []
    for (a, b), cue in zip(pairs, cues, strict=True):
        if not cue:
            if not (glued and words.get(a, 0) and words.get(b, 0)):
                return None
            cue = CUE_DOCUMENT
        right = _strength(b, words, lex)
        if a in _PLURAL_START and len(b) <= 2 and b not in FUNCTION_WORDS:
            # a plural suffix that starts a token after a word (``مصاحبه هاکد``) marks the
            # glue: the short word after it fits by no chance
            right += SHORT_PENALTY
        scores.append(cue + min(_strength(a, words, lex), right) - THRESHOLD)
    worst = min(scores)
    return worst if worst >= 0 else None


def _cue(left: str, right: str, *, first: bool) -> float | None:
    """Evidence of a lost space between ``left`` and ``right``.

    ``None``: the two make a compound, never split; ``0.0``: no evidence of its own.
    """
    if word_like(left + right) or _ends_compound(right):
        return None
    if first and left in DERIVATIONAL_PREFIXES and left not in FUNCTION_WORDS:
        return None
    if left in _PLURAL_START:
        return CUE_HEH  # after a word, a token that starts with «ها» starts with its suffix
    last = left[-1]
    if last == "ه":
        return CUE_HEH
    if last not in NON_JOINING:
        if (right not in FUNCTION_WORDS and right not in lexicon().verb_forms
                and _solid_tails().get(right, 0) >= SOLID_TAIL):
            return None  # a tail of many solid compounds (وزارتخونه, کتابخانه)
        return CUE_JOINING
    if left in FUNCTION_WORDS or right in FUNCTION_WORDS:
        return CUE_FUNCTION if "و" in (left, right) else CUE_HEH
    if left not in PREVERBS and _infinitive(right):
        return CUE_VERB
    return 0.0


def _infinitive(word: str) -> bool:
    """Whether ``word`` is the infinitive of one of hazm's verbs (``رفتن``, ``بودن``).

    >>> _infinitive("بردن"), _infinitive("نیازید")
    (True, False)
    """
    return len(word) >= 3 and word.endswith("ن") and word[:-1] in _past_stems()


@functools.cache
def _past_stems() -> frozenset[str]:
    return frozenset(past.strip() for past, _present in hazm_verbs() if past.strip())


#: A word that ends at least this many of the lexicon's solid compounds of two common words
#: is a compound's tail after a letter that joins forward (``خانه``, ``خونه``, ``گاه``).
SOLID_TAIL = 5


@functools.cache
def _solid_tails() -> dict[str, int]:
    """For each word, how many common words (Zipf >= 3) are a common word + it, written solid.

    Built once from the lexicon (about 0.2 s), on the first split the rule considers.

    >>> _solid_tails()["خانه"] >= SOLID_TAIL, _solid_tails().get("دولتی", 0) < SOLID_TAIL
    (True, True)
    """
    table = lexicon()._table
    solid = {w for w, z in table.items() if z >= 3.0 and ZWNJ not in w}
    tails: dict[str, int] = {}
    for word in solid:
        for i in range(2, len(word) - 1):
            if word[:i] in solid:
                tail = word[i:]
                tails[tail] = tails.get(tail, 0) + 1
    return tails


def _ends_compound(piece: str) -> bool:
    """Whether ``piece`` is a compound tail (possibly inflected): ``محور``, ``نگاری``."""
    tails = compound_tails()
    for stem in (piece, *_strip_one(piece)):
        if stem in DERIVATIONAL or tails.get(stem, 0) >= 5 or deverbal(stem):
            return stem not in FUNCTION_WORDS
    return False


def _strip_one(word: str) -> list[str]:
    """``word`` without each inflection it ends with (stems of two letters or more)."""
    return [word[: -len(s)] for s in INFLECTIONS if word.endswith(s) and len(word) - len(s) >= 2]


@functools.lru_cache(maxsize=65536)
def word_like(word: str) -> bool:
    """Whether ``word`` is a word: known, inflected, derived, or a preverb with a verb.

    >>> word_like("معتقدند"), word_like("شهروندمحور"), word_like("غیرعینی")
    (True, True, True)
    >>> word_like("ادارهبرای"), word_like("حرکتدر")
    (False, False)
    """
    lex = lexicon()
    if lex.known(word):
        return True
    for stem in _strip_one(word):
        if lex.is_word(stem) or _known_inflected(stem, lex):
            return True
        if stem.endswith("گ") and lex.is_word(stem[:-1] + "ه"):
            return True  # کنندگان, زندگی: «ه» + «گان»/«گی»
    if verb_like(word):
        return True
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        if head in _VERB_PREFIXES and (tail in lex.verb_forms or verb_like(tail)):
            return True
        if head in DERIVATIONAL_PREFIXES and len(tail) >= 2 and (
                lex.is_word(tail) or _known_inflected(tail, lex)):
            return True
        if len(head) >= 2 and lex.is_word(head) and _is_tail(tail):
            return True
    return False


def _known_inflected(word: str, lex: Lexicon) -> bool:
    """``word`` is a lexicon word with one more inflection (``معیارهایی``)."""
    return any(lex.is_word(stem) for stem in _strip_one(word))


def _is_tail(piece: str) -> bool:
    return piece in DERIVATIONAL or any(stem in DERIVATIONAL for stem in _strip_one(piece))


#: Letters a raw source may write in their Arabic forms (its statistics are counted cleaned).
_SPELLINGS = {"ی": "[یيى]", "ک": "[کك]"}
_TO_PERSIAN = str.maketrans("يىك", "ییک")


def _varied_contexts(source: str, word: str) -> bool:
    """Whether ``word`` stands in ``source`` in two places with different neighbours.

    A token repeated in one context (a running head, a table's header on every page) is one
    glue repeated; a word written in several contexts is the document's vocabulary.
    """
    spelled = "".join(_SPELLINGS.get(c, c) for c in word)  # as the source may write it
    pattern = re.compile(f"(?<![{_LETTERS}\u200c]){spelled}(?![{_LETTERS}\u200c])")
    seen: set[tuple[str, str]] = set()
    for m in pattern.finditer(source):
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
