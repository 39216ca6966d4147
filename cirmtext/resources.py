"""Cached, lazy loaders for lexicons, stopwords and hazm objects.

Nothing here runs at import time: each loader reads its resource on first use and keeps it for
the life of the process. hazm's data files are read straight from its installed package, without
importing hazm (which pulls in nltk and takes most of a second) unless a hazm object is needed.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

__all__ = [
    "data_path",
    "hazm_data_path",
    "hazm_lemmatizer",
    "hazm_stopwords",
    "hazm_verbs",
    "word_frequencies",
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
