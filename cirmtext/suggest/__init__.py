"""Code suggestion: ranked candidate codes for each segment, each with its evidence.

:mod:`~cirmtext.suggest.base` holds the :class:`Suggester` protocol every method follows and the
helpers to rank, truncate, merge, lift to a higher level and evaluate suggestions;
:mod:`~cirmtext.suggest.keywords` the keyword method; :mod:`~cirmtext.suggest.expand` proposes
new keywords from a corpus. Names load lazily, so importing this package costs nothing.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "METHODS",
    "KeywordSuggester",
    "Suggester",
    "aggregate_up",
    "as_segments",
    "evaluate",
    "expand_keywords",
    "get_suggester",
    "merge",
    "rank",
    "suggestion_record",
    "truncate",
]

_WHERE = {"KeywordSuggester": ".keywords", "expand_keywords": ".expand"}


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = importlib.import_module(_WHERE.get(name, ".base"), __name__)
        return getattr(module, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
