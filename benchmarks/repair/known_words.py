"""Share of word tokens that are known Persian words: the repair benchmark's gold-free measure.

A token (a run of Arabic-script letters, ZWNJ allowed inside) is *known* when it is in hazm's
lexicon (``words.dat``), when hazm's lemmatizer reduces it to a lexicon word or to a verb, or when
every ZWNJ-separated part of it is known or a common affix (``می``, ``ها``, ``ترین``, ...).
The measure is independent of cirmtext's own rules (it uses only hazm's data) and is used on
text with no gold, like the paper's PDF text. It is a proxy: a glued pair of real words or a
wrong split into two real words can still count as known.
"""

from __future__ import annotations

import functools
import re

#: Parts a ZWNJ commonly separates from a known stem (prefixes, plural and comparative
#: suffixes, clitics and the short copula).
AFFIXES = frozenset({
    "می", "نمی", "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان",
    "تر", "ترین", "ترها", "ی", "ای", "یی", "ام", "ات", "اش", "ایم", "اید", "اند", "است",
    "مان", "تان", "شان", "گر", "گری", "وار",
})

#: A run of Arabic-script characters, without the punctuation in that block (، ؛ ؟ ٪ ٫ ٬ ۔):
#: a comma stuck to a word must not make the word unknown.
TOKEN = re.compile(r"[\u0600-\u060b\u060d-\u061a\u061c-\u061e\u0620-\u0669\u066d-\u06d3"
                   r"\u06d5-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff\u200c]+")
LETTER = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u0671-\u06d3"
                    r"\ufb50-\ufdff\ufe70-\ufeff]")


class KnownWords:
    """hazm's lexicon and lemmatizer, loaded once."""

    def __init__(self) -> None:
        from hazm import Lemmatizer
        from hazm.utils import words_list

        self.words = frozenset(entry[0] for entry in words_list())
        self.lemmatizer = Lemmatizer()

    @functools.lru_cache(maxsize=200_000)  # noqa: B019 - one instance per run
    def known(self, token: str) -> bool:
        """Whether ``token`` is a known word (see the module docstring)."""
        if token in self.words:
            return True
        lemma = self.lemmatizer.lemmatize(token)
        if "#" in lemma or (lemma in self.words and lemma != token):
            return True
        parts = [p for p in token.split("\u200c") if p]
        if len(parts) > 1:
            return all(p in AFFIXES or p in self.words or self._lemma_known(p) for p in parts)
        return False

    def _lemma_known(self, part: str) -> bool:
        lemma = self.lemmatizer.lemmatize(part)
        return "#" in lemma or lemma in self.words

    def tokens(self, text: str) -> list[str]:
        """Arabic-script word tokens of ``text`` (ZWNJ at the edges dropped)."""
        found = (m.group().strip("\u200c") for m in TOKEN.finditer(text))
        return [t for t in found if t and LETTER.search(t)]

    def share(self, text: str) -> tuple[float, int]:
        """``(share of known tokens, number of tokens)``."""
        tokens = self.tokens(text)
        if not tokens:
            return 0.0, 0
        return sum(self.known(t) for t in tokens) / len(tokens), len(tokens)
