"""What a repair rule is, and the context it may consult.

A rule is a pure function ``(text, context) -> list[Change]``: it reads the text, decides with
the evidence in the context, and returns the spans it would replace, sorted and
non-overlapping, in the coordinates of the text it was given. The driver applies them, records
them as :class:`~cirmtext.records.Edit` s and keeps the offset map; rules never do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .align import Change

if TYPE_CHECKING:
    from .detect import DocumentStats

__all__ = ["COUNT_SLICE", "DOCUMENT_FACTS", "PROCESS_MEMOS", "SECTION_FACTS", "Change",
           "RepairContext", "Rule", "RuleFunc", "count_words"]


#: Keys of :attr:`RepairContext.cache` whose values are facts of the whole
#: :attr:`~RepairContext.source` (the font's lam-alef habit, whether the document drops the ZWNJ
#: after «می», whether it writes ZWNJs as spaces) or decisions that hold for any text of it
#: (gap decisions keyed by their pieces): they are carried from one section of a long input to
#: the next (see :meth:`RepairContext.for_section`). Every other key is scratch for one text.
DOCUMENT_FACTS = frozenset({"lam_alef", "mi_habit", "spacing_memo", "zwnj_damaged"})

#: The document facts a rule may read from the first text it sees rather than from the whole
#: :attr:`~RepairContext.source` (:func:`~.compounds.zwnj_damaged` falls back on the text of the
#: spacing stage when the raw source shows nothing). The sections of a long input are repaired
#: in worker processes only once the first sections have fixed these, so that each section
#: sees what it would have seen had the sections run one after another.
SECTION_FACTS = frozenset({"zwnj_damaged"})

#: The document facts that are memos tied to this process (keyed by numbers of module-level
#: tables): a worker started afresh (spawn, forkserver) builds its own instead.
PROCESS_MEMOS = frozenset({"spacing_memo"})


@dataclass(slots=True, init=False)
class RepairContext:
    """Evidence shared by the rules during one repair.

    Attributes:
        source: the whole input, from which :meth:`stats` and :attr:`document_counts` are
            computed on first use.
        cache: scratch space where a rule may keep work another rule of the same stage reuses
            (keyed by the rule module; values are only valid for the text they name, except
            the keys in :data:`DOCUMENT_FACTS`).
    """

    source: str
    cache: dict[str, Any]
    _counts: Counter[str] | None
    _stats: DocumentStats | None

    def __init__(self, document_counts: Counter[str] | None = None, source: str = "",
                 cache: dict[str, Any] | None = None,
                 _stats: DocumentStats | None = None) -> None:
        self.source = source
        self.cache = {} if cache is None else cache
        self._counts = document_counts
        self._stats = _stats

    @property
    def document_counts(self) -> Counter[str]:
        """How often each whitespace-delimited word occurs intact in :attr:`source`.

        Counted on first use (no default rule reads it; a span repaired alone, such as one
        pasted line, simply has less evidence).
        """
        if self._counts is None:
            self._counts = count_words(self.source)
        return self._counts

    @classmethod
    def from_text(cls, text: str) -> RepairContext:
        """Collect document-level evidence from the text about to be repaired."""
        return cls(source=text)

    def stats(self) -> DocumentStats:
        """Per-letter evidence of broken words in :attr:`source` (computed once)."""
        if self._stats is None:
            from .detect import document_stats

            self._stats = document_stats(self.source)
        return self._stats

    def for_section(self) -> RepairContext:
        """A context for one section of :attr:`source`: the same document facts, fresh scratch.

        >>> context = RepairContext(source="مد یریت")
        >>> context.cache.update(lam_alef=False, spacing=("مد یریت", ()))
        >>> sorted(context.for_section().cache)
        ['lam_alef']
        """
        facts = {key: value for key, value in self.cache.items() if key in DOCUMENT_FACTS}
        return RepairContext(self._counts, self.source, facts, self._stats)

    def for_worker(self) -> RepairContext:
        """The document facts to send to a worker process started afresh (picklable; no
        :data:`PROCESS_MEMOS`)."""
        facts = {key: value for key, value in self.cache.items()
                 if key in DOCUMENT_FACTS and key not in PROCESS_MEMOS}
        return RepairContext(self._counts, self.source, facts, self._stats)

    def keep_facts(self, section: RepairContext) -> None:
        """Take over the document facts a section's rules found (so the next need not)."""
        for key in DOCUMENT_FACTS:
            if key in section.cache:
                self.cache[key] = section.cache[key]
        if self._stats is None:
            self._stats = section._stats
        if self._counts is None:
            self._counts = section._counts


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


#: Words are counted in slices of about this many characters, so that counting a large input
#: does not hold a list of all its words at once.
COUNT_SLICE = 1 << 16


def count_words(text: str) -> Counter[str]:
    """``Counter(text.split())``, in the same order, without the list of every word.

    The text is cut after a whitespace character near every :data:`COUNT_SLICE` characters;
    splitting at whitespace does not change the words, so the counts are the same.

    >>> text = "د اد ه ها  و " * 10_000
    >>> count_words(text) == Counter(text.split())
    True
    """
    if len(text) <= COUNT_SLICE:
        return Counter(text.split())
    counts: Counter[str] = Counter()
    start = 0
    while start < len(text):
        end = min(start + COUNT_SLICE, len(text))
        while end < len(text) and not text[end - 1].isspace():
            end += 1
        counts.update(text[start:end].split())
        start = end
    return counts
