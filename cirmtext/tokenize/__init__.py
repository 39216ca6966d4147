"""Sentences and words with offsets, lemmas as :class:`~cirmtext.records.Lemma`, stopword flags.

hazm's tokenisers return bare strings after rewriting the text, and scikit-learn's and gensim's
default tokenisers cut «می‌خواهند» into «می» + «خواهند». This module cuts the text itself with
one regular expression, so every token is a slice of the text it came from
(``text[t.start:t.end] == t.text``), ZWNJ words stay whole, and numbers in any script, Latin
words and Persian punctuation each get their own ``kind``.

Lemmas follow Universal Dependencies (a verb's lemma is its past stem, ``می‌روند`` → ``رفت``)
and come from hazm's lexicon and verb list with rules of our own on top
(:mod:`cirmtext.tokenize.lemmas`, Arabic broken plurals in :mod:`cirmtext.tokenize.plurals`):
verb forms are conjugated once into a lookup table, participles map to their verb, and
inflectional suffixes are stripped only when what remains is a dictionary word.
``benchmarks/tokenize`` measures them on two treebanks.

>>> [t.text for t in tokenize("سازمان‌های مردم‌نهاد می‌خواهند؟")]
['سازمان‌های', 'مردم‌نهاد', 'می‌خواهند', '؟']
>>> lemmatize("می‌خواهند"), lemmatize("سازمان‌های"), lemmatize("کتاب‌هایشان")
('خواست', 'سازمان', 'کتاب')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ..records import Lemma, Sentence, Token
from ..resources import stopwords, verb_forms
from .lemmas import is_participle, lemma, lemmatize, normal_form, past_stems

__all__ = [
    "Analyzer",
    "is_stopword",
    "lemma",
    "lemmatize",
    "sentences",
    "tokenize",
    "word_tokenize",
]

ZWNJ = "\u200c"
_LETTER = "\u0621-\u063a\u0640-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
_MARK = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_DIGIT = "0-9\u06f0-\u06f9\u0660-\u0669"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
_CLOSE = "»\"')\\]}”’"

_TOKEN = re.compile(
    rf"(?P<latin>(?:https?://|www\.)[^\s«»\"'()\[\]،؛]*[^\s«»\"'()\[\]،؛.,:!?؟]"
    rf"|[A-Za-z\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f]|[-_.'’&@](?=[A-Za-z0-9]))*)"
    rf"|(?P<number>[{_DIGIT}]+(?:[.,٫٬/:][{_DIGIT}]+)*[%٪]?)"
    rf"|(?P<word>[{_LETTER}][{_LETTER}{_MARK}]*(?:{ZWNJ}+[{_LETTER}][{_LETTER}{_MARK}]*)*)"
    rf"|(?P<punct>\.{{2,}}|[!?؟]+|[^\s{_INVISIBLE}])"
)
_SENT_END = re.compile(rf"(?:[.!?؟…]+|\.{{3}})[{_CLOSE}]*(?=\s|$)")
_LINES = re.compile(r"[^\n\r\f\u2028\u2029]+")



def tokenize(text: str, *, lemmas: bool = True, join_verb_parts: bool = False) -> list[Token]:
    """Cut ``text`` into tokens that point back into it.

    Args:
        text: any text; offsets index it as given.
        lemmas: attach a :class:`Lemma` to every word, number and Latin token.
        join_verb_parts: make one token of a multi-part verb (``گفته شده است``,
            ``خواهد رفت``); its text then contains the spaces between the parts.

    >>> [(t.text, t.kind) for t in tokenize("CiRM در ۱۴۰۲، ۳٫۵٪!")][2:]
    [('۱۴۰۲', 'number'), ('،', 'punct'), ('۳٫۵٪', 'number'), ('!', 'punct')]
    >>> [t.text for t in tokenize("گفته شده است که", join_verb_parts=True)]
    ['گفته شده است', 'که']
    """
    if not isinstance(text, str):
        msg = f"tokenize() takes str, not {type(text).__name__}"
        raise TypeError(msg)
    spans = [(m.start(), m.end(), m.lastgroup or "punct") for m in _TOKEN.finditer(text)]
    if join_verb_parts:
        spans = _join_verbs(text, spans)
    tokens = []
    for start, end, kind in spans:
        surface = text[start:end]
        found = None
        if lemmas and kind != "punct":
            found = _verb_phrase_lemma(surface) if " " in surface else lemma(surface)
        tokens.append(Token(surface, start, end, kind, found, kind == "word" and _stop(surface)))
    return tokens


def word_tokenize(text: str) -> list[str]:
    """hazm-like shortcut: the token strings of ``text``.

    >>> word_tokenize("ما امانت‌داریم.")
    ['ما', 'امانت‌داریم', '.']
    """
    return [text[m.start():m.end()] for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets; a line break always ends a sentence.

    A sentence ends after ``. ! ? ؟ …`` (and any closing quote or bracket) followed by
    whitespace, except after a lone letter (``م.``) or a list number at the start of a line.

    >>> [s.text for s in sentences("سلام. ممنون که آمدید!\\nپرسش اول؟")]
    ['سلام.', 'ممنون که آمدید!', 'پرسش اول؟']
    """
    out: list[Sentence] = []
    for line in _LINES.finditer(text):
        base, body = line.start(), line.group()
        pos = 0
        for m in _SENT_END.finditer(body):
            if _is_abbreviation(body, pos, m.start()):
                continue
            _add_sentence(out, text, base + pos, base + m.end())
            pos = m.end()
        _add_sentence(out, text, base + pos, base + len(body))
    return out


def _add_sentence(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))


def _is_abbreviation(line: str, sentence_start: int, dot: int) -> bool:
    if line[dot] != ".":
        return False
    before = line[sentence_start:dot].split()
    if not before:
        return True
    last = before[-1]
    if len(last) == 1 and last.isalpha():
        return True
    return len(before) == 1 and last.isdigit()




























def is_stopword(word: str) -> bool:
    """Whether ``word`` is in hazm's stopwords or in our interview fillers.

    >>> is_stopword("یعنی"), is_stopword("شهروند")
    (True, False)
    """
    return _stop(word)


@functools.lru_cache(maxsize=262_144)
def _stop(word: str) -> bool:
    return word in stopwords() or normal_form(word) in stopwords()


@functools.cache
def _auxiliaries() -> frozenset[str]:
    forms = verb_forms()
    aux = {f for f, entry in forms.items() if entry[0] in ("بود", "شد")}
    aux |= {"است", "نیست", "ام", "ای", "ایم", "اید", "اند"}
    return frozenset(aux | _future())


@functools.cache
def _future() -> frozenset[str]:
    endings = ("م", "ی", "د", "یم", "ید", "ند")
    return frozenset(p + "خواه" + e for p in ("", "ن") for e in endings)






def _join_verbs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(spans):
        start, end, kind = spans[i]
        j = i + 1
        word = text[start:end]
        if kind == "word" and (is_participle(word) or word in _future()):
            while j < len(spans) and _joinable(text, spans[j - 1][1], spans[j]):
                nxt = text[spans[j][0]:spans[j][1]]
                if nxt in _auxiliaries() or (text[spans[j - 1][0]:spans[j - 1][1]] in _future()
                                             and nxt in past_stems()):
                    j += 1
                else:
                    break
        if j > i + 1 and not (word in _future() and j == i + 1):
            out.append((start, spans[j - 1][1], "word"))
        else:
            out.append((start, end, kind))
            j = i + 1
        i = j
    return out


def _joinable(text: str, prev_end: int, span: tuple[int, int, str]) -> bool:
    gap = text[prev_end:span[0]]
    return span[2] == "word" and 0 < len(gap) <= 3 and gap.isspace() and "\n" not in gap


def _verb_phrase_lemma(phrase: str) -> Lemma:
    parts = phrase.split()
    if parts[0] in _future() and len(parts) > 1 and parts[1] in past_stems():
        return lemma(parts[1])
    verb = verb_forms().get(normal_form(parts[0]))  # a participle here is a verb, not a noun
    return Lemma(verb[0], verb[1]) if verb else lemma(parts[0])


class Analyzer:
    """A picklable text → terms callable for scikit-learn vectorizers and gensim.

    Returns lemmas (or surface forms), without punctuation, stopwords or terms shorter than
    ``min_length``; Latin terms are lower-cased. Use it as
    ``TfidfVectorizer(analyzer=Analyzer())`` or ``Dictionary(map(Analyzer(), texts))``.

    Args:
        lemmas: return lemmas instead of the words as written.
        stopwords: drop hazm's stopwords and our fillers (by word or lemma).
        min_length: drop terms shorter than this many characters.

    >>> Analyzer()("خب، شهروندان از سامانه‌ها راضی نبودند.")
    ['شهروند', 'سامانه', 'راضی']
    """

    def __init__(self, lemmas: bool = True, stopwords: bool = True, min_length: int = 2) -> None:
        self.lemmas = lemmas
        self.stopwords = stopwords
        self.min_length = min_length

    def __call__(self, text: str) -> list[str]:
        """The terms of ``text``."""
        return list(self._terms(text))

    def _terms(self, text: str) -> Iterator[str]:
        stop = stopwords() if self.stopwords else frozenset()
        for token in tokenize(text, lemmas=self.lemmas):
            if token.kind == "punct" or (self.stopwords and token.is_stopword):
                continue
            term = token.lemma.text if self.lemmas and token.lemma else token.text
            if token.kind == "latin":
                term = term.lower()
            if len(term) < self.min_length or term in stop:
                continue
            yield term

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters (scikit-learn convention)."""
        return {"lemmas": self.lemmas, "stopwords": self.stopwords, "min_length": self.min_length}

    def set_params(self, **params: Any) -> Analyzer:
        """Set constructor parameters by name (scikit-learn convention)."""
        for name, value in params.items():
            if name not in self.get_params():
                msg = f"Analyzer has no parameter {name!r}; valid: {sorted(self.get_params())}"
                raise ValueError(msg)
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"Analyzer({args})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Analyzer) and self.get_params() == other.get_params()

    def __hash__(self) -> int:
        return hash(tuple(self.get_params().items()))
