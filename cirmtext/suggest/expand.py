"""Keyword expansion: propose new terms for each code from the corpus, for a human to accept.

Two methods, both over cirmtext's lemmatised tokens (content words: no stopwords, verbs, numbers
or one-letter words) and both reproducible:

* ``"pmi"`` (default): each segment is assigned to the code the keyword suggester ranks first
  (when its score reaches ``min_score``); a word is proposed for a code when it co-occurs with
  the code's segments more than chance, scored by normalised pointwise mutual information
  ``NPMI = log(p(w, c) / (p(w) p(c))) / -log p(w, c)`` in ``(0, 1]``. Deterministic.
* ``"word2vec"``: a gensim Word2Vec model trained on the segments (one worker, seeded by
  ``random_state``); proposals are the words nearest to the mean vector of the code's seed words
  (its keywords and label words), scored by cosine similarity.

A proposal is never a word the code already has (in any spelling variant or inflection).

>>> from cirmtext.codebook import Codebook
>>> cb = Codebook.from_dict({"codes": [
...     {"id": "C1", "label": "فناوری", "keywords": ["سامانه"]},
...     {"id": "C2", "label": "مشارکت", "keywords": ["همیاری"]}]})
>>> texts = ["سامانه پیامک شکایت را ثبت کرد", "سامانه و پیامک برای مردم", "همیاری محله و داوطلب",
...          "داوطلبان محله با همیاری آمدند", "سامانه پیامک جدید"]
>>> [(p.term, p.support) for p in expand_keywords(cb, texts, min_count=2)["C1"]]
[('پیامک', 3)]
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..codebook import Codebook
from ..errors import ConfigError
from ..records import Record, Segment
from ..tokenize import is_stopword, tokenize
from ._match import compile_term, fold
from .base import as_segments
from .keywords import KeywordSuggester

__all__ = ["Proposal", "content_lemmas", "expand_keywords"]


@dataclass(frozen=True, slots=True)
class Proposal(Record):
    """A term proposed for a code: its score, how many segments support it, and why."""

    code_id: str
    term: str
    score: float
    support: int
    method: str
    note: str = ""


def content_lemmas(text: str) -> list[str]:
    """The lemmas of a text's content words, in order (the units expansion works on).

    >>> content_lemmas("شهروندان در سامانه‌ها شکایت می‌کنند")
    ['شهروند', 'سامانه', 'شکایت']
    """
    out = []
    for t in tokenize(text):
        if t.kind != "word" or t.is_stopword or t.lemma is None or t.lemma.is_verb:
            continue
        word = t.lemma.text or t.text
        if len(fold(word)) >= 2 and not is_stopword(word):
            out.append(word)
    return out


def expand_keywords(codebook: Codebook, segments: Iterable[Segment | str], *,
                    method: str = "pmi", top_n: int = 10, min_count: int = 3,
                    min_score: float = 0.3, codes: Sequence[str] | None = None,
                    random_state: int = 0, **params: Any) -> dict[str, list[Proposal]]:
    """Propose up to ``top_n`` new terms for each code, best first.

    Args:
        codebook: the codebook whose codes get proposals.
        segments: the corpus (segments or strings).
        method: ``"pmi"`` or ``"word2vec"``.
        top_n: proposals per code.
        min_count: a word must occur in at least this many segments (PMI: with the code).
        min_score: (PMI) a segment counts for its top code only when scored at least this.
        codes: restrict to these code ids (default: the codable leaves).
        random_state: seed for ``word2vec``.
        **params: for ``word2vec``: ``vector_size`` (100), ``window`` (5), ``epochs`` (30).

    Returns:
        ``code id -> proposals`` for every requested code (possibly empty lists).
    """
    corpus = as_segments(segments)
    targets = list(codes) if codes is not None else \
        [c.id for c in codebook.leaves() if c.codable]
    for code_id in targets:
        codebook[code_id]
    docs = [content_lemmas(s.text) for s in corpus]
    known = {code_id: _known_keys(codebook, code_id) for code_id in targets}
    if method == "pmi":
        return _pmi(codebook, corpus, docs, targets, known, top_n, min_count, min_score)
    if method == "word2vec":
        return _word2vec(codebook, docs, targets, known, top_n, min_count, random_state,
                         **params)
    msg = f"unknown expansion method {method!r}"
    raise ConfigError(msg, hint="choose pmi or word2vec")


def _known_keys(codebook: Codebook, code_id: str) -> set[str]:
    code = codebook[code_id]
    keys: set[str] = set()
    for term in (*code.keywords, *code.label.split(), *code.exclusions):
        pattern = compile_term(term)
        if pattern is not None:
            for word in pattern.words:
                keys |= word
    return keys


def _seeds(codebook: Codebook, code_id: str) -> list[str]:
    code = codebook[code_id]
    seeds = [w for term in code.keywords for w in content_lemmas(term)]
    seeds += content_lemmas(code.label)
    return list(dict.fromkeys(seeds))


def _is_known(word: str, known: set[str]) -> bool:
    pattern = compile_term(word)
    return pattern is None or any(w & known for w in pattern.words)


def _pmi(codebook: Codebook, corpus: list[Segment], docs: list[list[str]],
         targets: list[str], known: dict[str, set[str]], top_n: int, min_count: int,
         min_score: float) -> dict[str, list[Proposal]]:
    suggester = KeywordSuggester(codebook, top_k=1, min_score=min_score).fit(corpus)
    best = [row[0].code_id if row else None for row in suggester.suggest(corpus)]
    n = len(docs)
    word_df: Counter[str] = Counter()
    code_df: Counter[str] = Counter()
    joint: dict[str, Counter[str]] = {c: Counter() for c in targets}
    for words, code in zip(docs, best, strict=True):
        unique = set(words)
        word_df.update(unique)
        if code in joint:
            code_df[code] += 1
            joint[code].update(unique)
    out: dict[str, list[Proposal]] = {}
    for code in targets:
        proposals = []
        for word, together in joint[code].items():
            if together < min_count or together == n or _is_known(word, known[code]):
                continue
            p_joint = together / n
            pmi = math.log(p_joint / ((word_df[word] / n) * (code_df[code] / n)))
            npmi = pmi / -math.log(p_joint)
            if npmi > 0:
                proposals.append(Proposal(code, word, round(npmi, 4), together, "pmi",
                                          f"in {together} of the {code_df[code]} segments "
                                          f"whose top code is {code}, {word_df[word]} in all"))
        proposals.sort(key=lambda p: (-p.score, -p.support, p.term))
        out[code] = proposals[:top_n]
    return out


def _word2vec(codebook: Codebook, docs: list[list[str]], targets: list[str],
              known: dict[str, set[str]], top_n: int, min_count: int, random_state: int,
              vector_size: int = 100, window: int = 5,
              epochs: int = 30) -> dict[str, list[Proposal]]:
    from gensim.models import Word2Vec

    sentences = [d for d in docs if d]
    model = Word2Vec(sentences, vector_size=vector_size, window=window, min_count=min_count,
                     workers=1, seed=random_state, epochs=epochs, sg=1,
                     hashfxn=_stable_hash)
    vectors = model.wv
    counts = Counter(w for d in sentences for w in set(d))
    out: dict[str, list[Proposal]] = {}
    for code in targets:
        seeds = [w for w in _seeds(codebook, code) if w in vectors.key_to_index]
        proposals: list[Proposal] = []
        if seeds:
            for word, similarity in vectors.most_similar(positive=seeds,
                                                         topn=top_n * 5 + len(seeds)):
                if _is_known(word, known[code]) or word in seeds:
                    continue
                proposals.append(Proposal(code, word, round(float(similarity), 4),
                                          counts[word], "word2vec",
                                          "near " + "، ".join(seeds[:5])))
                if len(proposals) == top_n:
                    break
        out[code] = proposals
    return out


def _stable_hash(text: str) -> int:
    """Python's ``hash`` of strings changes between runs; gensim seeds vectors with it."""
    return zlib.crc32(text.encode("utf-8"))
