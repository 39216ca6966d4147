"""What a repair rule is, and the context it may consult.

A rule is a pure function ``(text, context) -> list[Change]``: it reads the text, decides with
the evidence in the context, and returns the spans it would replace, sorted and
non-overlapping, in the coordinates of the text it was given. The driver applies them, records
them as :class:`~cirmtext.records.Edit` s and keeps the offset map; rules never do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .align import Change

if TYPE_CHECKING:
    from .detect import DocumentStats

__all__ = ["Change", "RepairContext", "Rule", "RuleFunc"]


@dataclass(slots=True)
class RepairContext:
    """Evidence shared by the rules during one repair.

    Attributes:
        document_counts: how often each whitespace-delimited word occurs intact in the whole
            input; a span repaired alone (one pasted line) simply has less evidence.
        source: the whole input, from which :meth:`stats` are computed on first use.
        cache: scratch space where a rule may keep work another rule of the same stage reuses
            (keyed by the rule module; values are only valid for the text they name).
    """

    document_counts: Counter[str] = field(default_factory=Counter)
    source: str = ""
    cache: dict[str, Any] = field(default_factory=dict)
    _stats: DocumentStats | None = None

    @classmethod
    def from_text(cls, text: str) -> RepairContext:
        """Collect document-level evidence from the text about to be repaired."""
        from . import count_words  # counts in slices: no list of every word at once

        return cls(document_counts=count_words(text), source=text)

    def stats(self) -> DocumentStats:
        """Per-letter evidence of broken words in :attr:`source` (computed once)."""
        if self._stats is None:
            from .detect import document_stats

            self._stats = document_stats(self.source)
        return self._stats


RuleFunc = Callable[[str, RepairContext], list[Change]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named, switchable repair.

    Attributes:
        name: the snake_case verb used in configs, explanations and ``--disable``.
        func: the pure function that finds the changes.
        risk: ``safe`` (character-level, cannot lose meaning), ``evidence`` (joins, reorders or
            deletes text only when the lexicon or document statistics support it) or ``style``
            (changes correct text to a house style; off by default).
        default: whether the rule runs when the config does not mention it.
        summary: one line for ``--help`` and the docs.
    """

    name: str
    func: RuleFunc
    risk: str
    default: bool
    summary: str
