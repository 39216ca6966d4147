"""Code suggestion: ranked candidate codes for each segment, each with its evidence.

:mod:`~cirmtext.suggest.base` holds the :class:`Suggester` protocol every method follows and the
helpers to rank, truncate, merge, lift to a higher level and evaluate suggestions;
:mod:`~cirmtext.suggest.keywords` the keyword method; :mod:`~cirmtext.suggest.expand` proposes
new keywords from a corpus; :mod:`~cirmtext.suggest.topics` the seeded topic models,
:mod:`~cirmtext.suggest.combine` the combined ranking, :mod:`~cirmtext.suggest.supervised`
learning from confirmations, :mod:`~cirmtext.suggest.dataless` codes from seed words alone and
:mod:`~cirmtext.suggest.persist` model files. Names load lazily, so importing this package costs
nothing.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "METHODS",
    "BootstrapSuggester",
    "CombinedSuggester",
    "ConfirmationRanker",
    "GensimLDA",
    "KeywordSuggester",
    "SeededMixture",
    "SeededNMF",
    "Suggester",
    "TopicInfo",
    "TopicSuggester",
    "aggregate_up",
    "as_segments",
    "evaluate",
    "expand_keywords",
    "get_suggester",
    "load_model",
    "merge",
    "rank",
    "save_model",
    "suggestion_record",
    "truncate",
]

_WHERE = {"KeywordSuggester": ".keywords",
          "BootstrapSuggester": ".dataless", "expand_keywords": ".expand",
          "CombinedSuggester": ".combine", "ConfirmationRanker": ".supervised",
          "GensimLDA": ".topics", "SeededMixture": ".topics", "SeededNMF": ".topics",
          "TopicInfo": ".topics", "TopicSuggester": ".topics", "load_model": ".persist",
          "save_model": ".persist"}


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = importlib.import_module(_WHERE.get(name, ".base"), __name__)
        return getattr(module, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
