"""Finding codebook terms in tokenised text, insensitive to Persian spelling variants.

A term (a keyword, a phrase, a label word) is compiled into a :class:`Pattern`: one key set per
content word, each holding the word's folded surface form and its lemma. A text token offers
its own keys: folded surface, lemma, a verb's present stem, and the surface with one
inflectional suffix stripped. Folding removes ZWNJ, kashida and short vowels and unifies Arabic
and Persian letter forms, so «سازمان‌های», «سازمانهای» and «سازمان های» meet on «سازمان». A
phrase matches its words in order with at most ``max_gap`` other words between them; a phrase
glued into one token (or a word split in two) is matched through the joined form.

>>> from cirmtext.tokenize import tokenize
>>> pat = compile_term("مشارکت کردن")
>>> text = "مردم در تصمیم‌ها مشارکت نمی‌کنند"
>>> [(text[s:e]) for s, e in find(pat, text_keys(tokenize(text)))]
['مشارکت نمی\u200cکنند']
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..records import Lemma, Token
from ..resources import verb_forms, word_tags
from ..tokenize import is_stopword, lemma, tokenize

__all__ = ["FUNCTION_WORDS", "Matcher", "Pattern", "TextKeys", "compile_term", "content_words",
           "find", "fold", "spoken_variants", "text_keys"]

_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "أ": "ا",
                       "إ": "ا", "ٱ": "ا", "ؤ": "و", "\u200c": None, "\u200d": None,
                       "\u0640": None, "\u0654": None, "\u0670": None})
_MARKS = re.compile("[\u064b-\u065f\u06d6-\u06ed]")
#: Inflectional endings stripped from text words (folded, so without ZWNJ), longest first.
_SUFFIXES = ("هایشان", "هایمان", "هایتان", "هایش", "هایم", "هایت", "هایی", "های", "ها",
             "ترین", "تری", "تر", "یان", "گان", "ان", "ات", "شان", "مان", "تان", "ای", "یی",
             "ی", "ش", "م", "ت")
_WORDY = ("word", "latin")


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The spelling-insensitive form of a word.

    >>> fold("سازمان‌های") == fold("سازمانهاي")
    True
    >>> fold("CiRM")
    'cirm'
    """
    return _MARKS.sub("", word.translate(_FOLD)).lower()


@functools.cache
def _known_words() -> frozenset[str]:
    """Folded dictionary words of hazm's lexicon and every conjugated verb form."""
    return frozenset(_MARKS.sub("", w.translate(_FOLD)).lower()
                     for table in (word_tags(), verb_forms()) for w in table)


@functools.lru_cache(maxsize=200_000)
def _stems(folded: str) -> tuple[str, ...]:
    """Forms of an unknown word with one inflectional suffix removed.

    Dictionary words are left alone (``مردم`` is not ``مرد`` + ``م``); this catches what the
    lemmatiser cannot see because a ZWNJ is missing (``سازمانهای``, ``پیامکهایمان``).
    """
    if folded in _known_words():
        return ()
    out = []
    for suffix in _SUFFIXES:
        if folded.endswith(suffix):
            stem = folded[: -len(suffix)]
            if len(stem) >= 3 or (len(suffix) > 1 and len(stem) >= 2):
                out.append(stem)
                if suffix == "گان" or (suffix == "ان" and stem.endswith("گ")):
                    out.append(stem[:-1] + "ه" if stem.endswith("گ") else stem + "ه")
    return tuple(out)


def token_keys(token: Token) -> frozenset[str]:
    """Every key a text token can be matched by."""
    return _keys(token.text, token.lemma)


@functools.lru_cache(maxsize=200_000)
def _keys(text: str, found: Lemma | None) -> frozenset[str]:
    surface = fold(text)
    keys = {surface, *_stems(surface)}
    lemmas = [found] if found is not None else []
    if surface not in _known_words() and (found is None or fold(found.text) == surface):
        lemmas += [lemma(v) for v in spoken_variants(text)]
    for item in lemmas:
        keys.add(fold(item.text))
        if _negated(Token(text, 0, len(text), "word", item)):
            keys.add(_NEG + fold(item.text))
    return frozenset(k for k in keys if k)


#: Spoken present stems written as in speech -> written (می‌گن → می‌گویند, می‌دونیم → می‌دانیم).
_SPOKEN_STEMS = (("تون", "توان"), ("دون", "دان"), ("خون", "خوان"), ("مون", "مان"),
                 ("گ", "گوی"), ("ش", "شو"), ("د", "ده"), ("ر", "رو"), ("خوا", "خواه"))
#: Spoken endings -> written: verb persons (کنن → کنند, کنه → کند, کنین → کنید) and noun
#: plurals with clitics (آدما → آدم‌ها, کارمندامون → کارمندهایمان).
_SPOKEN_VERB_ENDINGS = (("ین", "ید"), ("ن", "ند"), ("ه", "د"))
_SPOKEN_NOUN_ENDINGS = (("امون", "هایمان"), ("اتون", "هایتان"), ("اشون", "هایشان"),
                        ("اش", "هایش"), ("ا", "ها"))


@functools.lru_cache(maxsize=50_000)
def spoken_variants(word: str) -> tuple[str, ...]:
    """Written forms a spoken-Persian word may stand for, if any is a known word or verb form.

    Transcripts keep speech: «می‌کنن», «میشه», «نمی‌دونیم», «آدما». These are tried only for
    words the lexicon does not know.

    >>> [[lemma(v).text for v in spoken_variants(w)] for w in ("می‌کنن", "آدما", "نمی‌دونیم")]
    [['کرد'], ['آدم'], ['دانست']]
    """
    verbs = _verb_forms_folded()
    out: list[str] = []
    base = word
    if word.startswith("نمی") and not word.startswith("نمی\u200c"):
        base = "نمی\u200c" + word[3:]
    elif word.startswith("می") and not word.startswith("می\u200c"):
        base = "می\u200c" + word[2:]
    for spoken, written in _SPOKEN_VERB_ENDINGS:
        if base.endswith(spoken):
            stem = base[: -len(spoken)]
            out += [stem + written, *(_restem(stem, a, b) + written for a, b in _SPOKEN_STEMS
                                      if stem.endswith(a))]
    out += [base[: -len(a) - len(e)] + b + e for a, b in _SPOKEN_STEMS[:4]
            for e in ("یم", "ید", "م", "ی") if base.endswith(a + e)]
    found = [v for v in dict.fromkeys(out) if v != word and fold(v) in verbs]
    for spoken, written in _SPOKEN_NOUN_ENDINGS:
        if word.endswith(spoken) and len(word) > len(spoken) + 1:
            candidate = word[: -len(spoken)] + "\u200c" + written
            if fold(lemma(candidate).text) != fold(candidate):
                found.append(candidate)
    return tuple(found)


@functools.cache
def _verb_forms_folded() -> frozenset[str]:
    return frozenset(_MARKS.sub("", w.translate(_FOLD)).lower() for w in verb_forms())


def _restem(text: str, spoken: str, written: str) -> str:
    return text[: -len(spoken)] + written if text.endswith(spoken) else text


_NEG = "!"


def _negated(token: Token) -> bool:
    """A negated verb form (``نمی‌دانیم``, ``نکردند``), not a stem that starts with «ن»."""
    if token.lemma is None or not token.lemma.is_verb:
        return False
    surface, stem = fold(token.text), fold(token.lemma.text)
    if surface.startswith(("نمی", "نن")):
        return True
    return surface.startswith("ن") and not stem.startswith("ن")


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled term: the key sets of its words and its glued (space-free) form.

    ``content`` counts its words that are not stopwords (``هر کسی`` has none).
    """

    term: str
    words: tuple[frozenset[str], ...]
    glued: str
    content: int = 1

    @property
    def key(self) -> tuple[str, ...]:
        """An identity for the term that ignores its spelling variants."""
        return tuple("|".join(sorted(w)) for w in self.words)


#: Closed-class words skipped inside phrases (prepositions, conjunctions, postpositions,
#: demonstratives): «ارتباط با شهروند» is found as «ارتباط» … «شهروند».
FUNCTION_WORDS = frozenset(
    "از به با در بر برای تا را و یا که چه این آن اینکه آنکه هم نیز بی بدون درباره "
    "دربارهٔ مانند مثل چون اگر پس ولی اما نه یک".split())


@functools.lru_cache(maxsize=50_000)
def compile_term(term: str) -> Pattern | None:
    """Compile a term; ``None`` when nothing in it can be matched.

    Function words are skipped (``ارتباط با شهروند`` needs «ارتباط» then «شهروند», at most
    ``max_gap`` words apart); every other word must match, by surface or lemma, and an
    infinitive matches any form of its verb (``مشارکت کردن`` ~ «مشارکت نمی‌کنند»), but a
    negated verb only negated forms (``نمی‌دانیم`` ~ «نمی‌دانستند», not «می‌دانیم»).
    """
    tokens = [_infinitive(t) for t in tokenize(term) if t.kind in _WORDY]
    content = [t for t in tokens if fold(t.text) not in _FOLDED_FUNCTION] or tokens
    if not content:
        return None
    words = []
    for t in content:
        keys = {fold(t.text)}
        if t.lemma is not None:
            # A negated verb in a term only matches negated forms in the text.
            keys.add((_NEG if _negated(t) else "") + fold(t.lemma.text))
        words.append(frozenset(k for k in keys if k))
    glued = "".join(fold(t.text) for t in tokens)
    content_count = sum(1 for t in content if not t.is_stopword)
    return Pattern(term, tuple(words), glued, content_count)


def content_words(text: str) -> list[str]:
    """The lemmas of a description's words worth matching alone (no stopwords, verbs, short words).

    >>> content_words("شهروندان دارایی سازمان دیده می‌شوند، نه هزینه.")
    ['شهروند', 'دارایی', 'سازمان', 'هزینه']
    """
    out = []
    for t in tokenize(text):
        if t.kind not in _WORDY or t.is_stopword or len(fold(t.text)) < 3:
            continue
        if t.lemma is not None and (t.lemma.is_verb or is_stopword(t.lemma.text)):
            continue
        out.append(t.lemma.text if t.lemma is not None and t.lemma.text else t.text)
    return list(dict.fromkeys(out))


def _infinitive(token: Token) -> Token:
    """An infinitive (``کردن``) as a verb token whose lemma is its past stem (``کرد``)."""
    word = token.text
    if word.endswith("ن") and len(word) > 2 and (token.lemma is None or not token.lemma.is_verb):
        found = lemma(word[:-1])
        if found.is_verb and found.text == word[:-1]:
            return replace(token, lemma=found)
    return token


@dataclass(frozen=True, slots=True)
class TextKeys:
    """A text's word tokens with their keys, and the keys of adjacent pairs joined."""

    tokens: tuple[Token, ...]
    keys: tuple[frozenset[str], ...]
    pairs: tuple[frozenset[str], ...]


def text_keys(tokens: Sequence[Token], text: str | None = None) -> TextKeys:
    """Keys of every word token of a text (numbers and punctuation are left out)."""
    words = tuple(t for t in tokens if t.kind in _WORDY)
    keys = tuple(token_keys(t) for t in words)
    pairs = []
    for a, b in itertools.pairwise(words):
        joined = fold(a.text + b.text)
        pairs.append(frozenset((joined, *_stems(joined))) if b.start - a.end <= 1
                     else frozenset())
    return TextKeys(words, keys, tuple(pairs))


class Matcher:
    """Finds many patterns at once through an index on their first words' keys.

    >>> from cirmtext.tokenize import tokenize
    >>> m = Matcher([compile_term("سازمان دولتی"), compile_term("شهروند")])
    >>> text = "شهروندان از سازمانهای دولتی راضی نیستند"
    >>> {m.patterns[i].term: [text[s:e] for s, e in spans]
    ...  for i, spans in m.find_all(text_keys(tokenize(text))).items()}
    {'شهروند': ['شهروندان'], 'سازمان دولتی': ['سازمانهای دولتی']}
    """

    def __init__(self, patterns: Sequence[Pattern], max_gap: int = 2) -> None:
        self.patterns = tuple(patterns)
        self.max_gap = max_gap
        self._first: dict[str, list[int]] = {}
        self._glued: dict[str, list[int]] = {}
        for n, pattern in enumerate(self.patterns):
            for key in pattern.words[0]:
                self._first.setdefault(key, []).append(n)
            self._glued.setdefault(pattern.glued, []).append(n)

    def find_all(self, text: TextKeys) -> dict[int, list[tuple[int, int]]]:
        """``pattern index -> spans`` of every pattern found in the text (in text order)."""
        found: dict[int, list[tuple[int, int]]] = {}
        n = len(text.keys)
        for i in range(n):
            done: set[int] = set()
            pair = text.pairs[i] if i < n - 1 else frozenset()
            for key in text.keys[i] | pair:
                for p in self._first.get(key, ()):
                    if p in done:
                        continue
                    end = _match_from(self.patterns[p].words, text, i, self.max_gap)
                    if end is not None:
                        done.add(p)
                        found.setdefault(p, []).append((text.tokens[i].start,
                                                        text.tokens[end].end))
            for key in text.keys[i]:
                for p in self._glued.get(key, ()):
                    if p not in done and len(self.patterns[p].words) > 1:
                        done.add(p)
                        found.setdefault(p, []).append((text.tokens[i].start,
                                                        text.tokens[i].end))
            for key in pair:
                for p in self._glued.get(key, ()):
                    if p not in done:
                        done.add(p)
                        found.setdefault(p, []).append((text.tokens[i].start,
                                                        text.tokens[i + 1].end))
        return found


def find(pattern: Pattern, text: TextKeys, max_gap: int = 2) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of every occurrence of one pattern in the text."""
    return Matcher([pattern], max_gap).find_all(text).get(0, [])


def _word_at(word: frozenset[str], text: TextKeys, k: int) -> int | None:
    """Where a term word matched at token ``k`` ends: ``k``, ``k + 1`` (split word) or None."""
    if word & text.keys[k]:
        return k
    if k < len(text.pairs) and word & text.pairs[k]:
        return k + 1
    return None


def _match_from(words: tuple[frozenset[str], ...], text: TextKeys, i: int,
                max_gap: int) -> int | None:
    """The last token of a match of ``words`` starting at token ``i``, or ``None``."""
    j = _word_at(words[0], text, i)
    if j is None:
        return None
    for word in words[1:]:
        for k in range(j + 1, min(j + 2 + max_gap, len(text.keys))):
            end = _word_at(word, text, k)
            if end is not None:
                j = end
                break
        else:
            return None
    return j


_FOLDED_FUNCTION = frozenset(fold(w) for w in FUNCTION_WORDS)
