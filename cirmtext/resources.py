"""Cached, lazy loaders for lexicons, stopwords and hazm objects.

Nothing here runs at import time: each loader reads its resource on first use and keeps it for
the life of the process. hazm's data files are read straight from its installed package, without
importing hazm (which pulls in nltk and takes most of a second) unless a hazm object is needed.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "AUXILIARIES",
    "LIGHT_VERBS",
    "data_path",
    "fillers",
    "hazm_data_path",
    "hazm_lemmatizer",
    "hazm_sentence_tokenizer",
    "hazm_stopwords",
    "hazm_verbs",
    "hazm_word_tokenizer",
    "spoken_verb_forms",
    "stopwords",
    "tagged_among",
    "tanwin_adverbs",
    "verb_forms",
    "word_frequencies",
    "word_tags",
]


def data_path(name: str) -> Path:
    """Path of a file bundled in ``cirmtext/data``."""
    return Path(__file__).parent / "data" / name


@functools.cache
def hazm_data_path() -> Path:
    """The ``data`` folder of the installed hazm package."""
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - hazm is required
        msg = "hazm is not installed; install cirmtext with pip to get it"
        raise ModuleNotFoundError(msg)
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@functools.cache
def word_frequencies() -> dict[str, int]:
    """hazm's lexicon: about 190,000 Persian words with their corpus frequencies.

    The frequencies come with hazm (``words.dat``: word, frequency, POS tags, tab-separated).
    """
    freqs: dict[str, int] = {}
    with (hazm_data_path() / "words.dat").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if not parts[0]:
                continue
            count = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            freqs[parts[0]] = max(count, freqs.get(parts[0], 0))
    return freqs


@functools.cache
def hazm_verbs() -> tuple[tuple[str, str], ...]:
    """hazm's verb list as ``(past stem, present stem)`` pairs."""
    pairs = []
    with (hazm_data_path() / "verbs.dat").open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if "#" in line:
                past, present = line.split("#", 1)
                pairs.append((past, present))
    return tuple(pairs)


@functools.cache
def hazm_stopwords() -> frozenset[str]:
    """hazm's Persian stopword list."""
    with (hazm_data_path() / "stopwords.dat").open(encoding="utf-8") as fh:
        return frozenset(w.strip() for w in fh if w.strip())


@functools.cache
def hazm_lemmatizer() -> Any:
    """A shared hazm ``Lemmatizer`` (building one conjugates every verb: do it once)."""
    import hazm

    return hazm.Lemmatizer()


@functools.cache
def hazm_word_tokenizer(join_verb_parts: bool = False) -> Any:
    """A shared hazm ``WordTokenizer`` (for comparisons; cirmtext's own tokeniser keeps spans)."""
    import hazm

    return hazm.WordTokenizer(join_verb_parts=join_verb_parts)


@functools.cache
def hazm_sentence_tokenizer() -> Any:
    """A shared hazm ``SentenceTokenizer``."""
    import hazm

    return hazm.SentenceTokenizer()


def _tagged_entries() -> Iterator[tuple[str, str]]:
    """``(word, its tags as written)`` for each entry of hazm's ``words.dat`` that has tags,
    read a line at a time."""
    with (hazm_data_path() / "words.dat").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[0] and parts[2] not in ("", "0"):
                yield parts[0], parts[2]


@functools.cache
def word_tags() -> dict[str, frozenset[str]]:
    """hazm's lexicon as word -> part-of-speech tags (``N``, ``AJ``, ``PL``...).

    Entries without tags (inflected forms such as ``کسی`` or ``صدای``, which hazm lists so
    that its tokenizer knows them) are left out: they are not dictionary forms.
    """
    tags: dict[str, frozenset[str]] = {}
    for word, field in _tagged_entries():
        tags[word] = tags.get(word, frozenset()) | frozenset(field.split(","))
    return tags


def tagged_among(words: frozenset[str]) -> frozenset[str]:
    """Those of ``words`` that hazm's lexicon lists with part-of-speech tags (as
    :func:`word_tags` would tell), without holding the whole table (some 14 MiB) in memory."""
    return frozenset(word for word, _ in _tagged_entries() if word in words)


@functools.cache
def tanwin_adverbs() -> frozenset[str]:
    """Words hazm's lexicon lists with part-of-speech tags only as written with a tanwin
    (``مثلاً``, ``واقعاً``: their bare form, if listed, has no tags), in their bare form.

    ``جدا``, ``فردا``, ``حالا`` are not among them: their bare forms are words of their own.
    Read in one pass over the tag entries, without holding the tag table.
    """
    with_tanwin: set[str] = set()
    tagged_bare: set[str] = set()
    for word, _ in _tagged_entries():
        if word.endswith("\u064b"):
            with_tanwin.add(word[:-1])
        elif word.endswith("\u0627"):
            tagged_bare.add(word)
    return frozenset(with_tanwin - tagged_bare)


@functools.cache
def fillers() -> frozenset[str]:
    """cirmtext's own list of interview-speech fillers and stopwords (``data/fillers.txt``).

    One word a line; ``#`` starts a comment. Edit the file to suit a project.
    """
    words = set()
    with data_path("fillers.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word = line.split("#", 1)[0].strip()
            if word:
                words.add(word)
    return frozenset(words)


@functools.cache
def stopwords() -> frozenset[str]:
    """hazm's stopwords together with our interview fillers."""
    return hazm_stopwords() | fillers()


_PERSONS_PAST = ("م", "ی", "", "یم", "ید", "ند")
_PERSONS_PRESENT = ("م", "ی", "د", "یم", "ید", "ند")
_PERSONS_VOWEL = ("یم", "یی", "ید", "ییم", "یید", "یند")
#: Bare present forms (no prefix) that are generated; the 2nd singular (روی) is left out except
#: for light verbs (کنی، باشی): elsewhere it is rare and almost always a noun with ezafe or
#: indefinite ی.
_BARE = ("م", "د", "یم", "ید", "ند", "ییم", "یید", "یند")
_PERFECT = ("ه", "ه‌ام", "ه‌ای", "ه‌ایم", "ه‌اید", "ه‌اند", "ه‌است", "ه‌ایی")
_MI = ("می‌", "می", "نمی‌", "نمی")


_SPOKEN = ("م", "ی", "ه", "یم", "ین", "ید", "ن", "ند")


@functools.cache
def _informal_stems() -> tuple[tuple[tuple[str, str], str], ...]:
    """hazm's spoken present stems (``iverbs.dat``): ``((past, present), spoken stem)``."""
    out = []
    with (hazm_data_path() / "iverbs.dat").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and "#" in parts[0]:
                past, present = parts[0].split("#", 1)
                out.append(((past, present), parts[1]))
    return tuple(out)


def _subjunctive(present: str) -> str:
    if present.startswith("آ"):
        return "بیا" + present[1:]
    if present.startswith("ا"):
        return "بی" + present
    return "ب" + present


#: Light verbs and auxiliaries: where two verbs share a form (کند: کرد/کن or کند/کن), these win.
LIGHT_VERBS = frozenset({"کرد", "شد", "بود", "داشت", "داد", "زد", "گرفت", "آمد", "خورد", "کشید",
                         "ساخت", "یافت", "گشت", "آورد", "خواست", "توانست"})
#: Auxiliaries, whose bare 2nd singular (کنی، باشی، خواهی) is common.
AUXILIARIES = frozenset({"کرد", "شد", "بود", "داشت", "خواست", "توانست"})


@functools.cache
def verb_forms() -> dict[str, tuple[str, str, bool]]:
    """Every simple conjugated form of hazm's verbs -> ``(past stem, present stem, bare)``.

    Built once from ``verbs.dat``: past and imperfect (``رفتم``, ``می‌رفتند``), present and
    subjunctive (``می‌روم``, ``بروید``), participles and perfects (``رفته``, ``رفته‌اند``), each
    also negated, with ``می`` written with or without ZWNJ. ``bare`` marks a present form without
    any prefix (``روند``): literary, and often a homograph of a noun, so callers may rank it
    below other readings. Where two verbs give the same form, a light verb (:data:`LIGHT_VERBS`)
    wins, then a form that is not bare, then the verb with the more frequent participle.
    """
    table: dict[str, tuple[str, str, bool]] = {}
    rank: dict[str, tuple[int, int]] = {}
    freqs = word_frequencies()

    def add(form: str, past: str, present: str, bare: bool) -> None:
        # light verbs first, then forms with a prefix, then the verb whose participle is the
        # more frequent in hazm's lexicon (شنید over شنفت for می‌شنوم)
        weight = ((2 if past in LIGHT_VERBS else 0) + (0 if bare else 1),
                  freqs.get(past + "ه", 0))
        if form and rank.get(form, (-1, -1)) < weight:
            table[form] = (past, present, bare)
            rank[form] = weight

    for past, present in hazm_verbs():
        present = present.strip()
        if not past:  # "#هست": only present forms
            continue
        for ending in _PERSONS_PAST:
            for prefix in ("", "ن", *_MI):
                add(prefix + past + ending, past, present, False)
        for ending in _PERFECT:
            for prefix in ("", "ن") + (_MI if ending != "ه" else ()):
                add(prefix + past + ending, past, present, False)
        if not present:
            continue
        endings = set(_PERSONS_PRESENT)
        if present[-1] in "اوی":
            endings |= set(_PERSONS_VOWEL)
        if present[-1] == "ا":
            endings -= set(_PERSONS_PRESENT)
        sub = _subjunctive(present)
        for ending in endings:
            if ending in _BARE or past in AUXILIARIES:
                add(present + ending, past, present, True)
            prefixed = ("ن" + present + ending, sub + ending, *(m + present + ending for m in _MI))
            for form in prefixed:
                add(form, past, present, False)
        add(sub, past, present, False)
        add("ن" + present, past, present, False)  # negative imperative: نکن، نرو
    return table


@functools.cache
def spoken_verb_forms() -> dict[str, tuple[str, str]]:
    """Spoken (colloquial) verb forms -> ``(past stem, present stem)`` of the written verb.

    From hazm's spoken present stems (``iverbs.dat``: ``دون`` for ``دان``, ``گ`` for ``گوی``)
    with spoken endings (``ه``, ``ین``, ``ن``): ``می‌گم``, ``نمی‌دونم``, ``بشه``, ``میاد``; the
    past of the stems whose «ان» is spoken «ون» (``نمی‌دونست``, ``تونستیم``, ``موند``); and
    the written stems with spoken endings (``می‌کنه``, ``می‌کنن``). Only forms with a prefix
    (``می``, ``نمی``, ``ب``, ``ن``), except ``داره``/``باشه``-like forms of auxiliaries. Meant
    as a last resort, after the written forms and the lexicon.
    """
    table: dict[str, tuple[str, str]] = {}
    written = verb_forms()

    def add(form: str, pair: tuple[str, str]) -> None:
        if form not in written and form not in table:
            table[form] = pair

    for pair, informal in _informal_stems():
        for ending in _SPOKEN + (("د",) if informal[-1] in "اآو" else ()):  # میاد، می‌خواد
            for prefix in (*_MI, "ن"):
                add(prefix + informal + ending, pair)
                if informal.startswith("آ"):  # میاد، نمیان
                    add(prefix.rstrip("\u200c") + "ا" + informal[1:] + ending, pair)
            add(_subjunctive(informal) + ending, pair)
        if pair[0] in AUXILIARIES and len(informal) > 1:
            add(informal + "ه", pair)  # داره، باشه
        past, present = pair
        if past.startswith(present) and present.endswith("ان") and informal.endswith("ون"):
            # the past stem sounds the same change: دانست → دونست، ماند → موند
            spoken_past = informal + past[len(present):]
            for ending in (*_PERSONS_PAST, "ین", "ن"):
                for prefix in ("", "ن", *_MI):
                    add(prefix + spoken_past + ending, pair)
    for past, present in hazm_verbs():
        present = present.strip()
        if past and present:
            for ending in ("ه", "ین", "ن"):
                for prefix in (*_MI, "ن"):
                    add(prefix + present + ending, (past, present))
                add(_subjunctive(present) + ending, (past, present))
    return table
