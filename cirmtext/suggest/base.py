"""What every suggester shares: the :class:`Suggester` protocol, ranking, merging and scoring.

A suggester is fitted on the segments of a corpus and then, for each segment it is given,
returns that segment's candidate codes **best first**, as one list per segment in input order
(a segment with no candidate gets an empty list)::

    suggester.fit(segments).suggest(segments, top_k=3)  ->  [[Suggestion, ...], [...], ...]

Every :class:`~cirmtext.records.Suggestion` carries ``score`` in ``[0, 1]`` (each method's
module documents what its score means), its ``method`` and the :class:`Evidence` behind it.
Methods are registered by name in :data:`METHODS`, so the CLI and the combined ranker find a new
one by adding one line there.

>>> s = [Suggestion("s1", "C02", 0.4, "keywords"), Suggestion("s1", "C01", 0.7, "keywords")]
>>> [x.code_id for x in rank(s)]
['C01', 'C02']
>>> evaluate([["C01", "C02"], ["C05"]], [{"C02"}, {"C09"}])
{'n': 2, 'top1': 0.0, 'top3': 0.5, 'mrr': 0.25}
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

from ..records import Evidence, Segment, Suggestion

if TYPE_CHECKING:
    from ..codebook import Codebook

__all__ = [
    "METHODS",
    "Suggester",
    "aggregate_up",
    "as_segments",
    "evaluate",
    "get_suggester",
    "merge",
    "rank",
    "suggestion_record",
    "truncate",
]

#: Suggestion methods by name: ``"module:Class"``; the class takes the codebook as its first
#: argument and keyword parameters after it. Adding a method is adding a line here.
METHODS: dict[str, str] = {
    "keywords": "cirmtext.suggest.keywords:KeywordSuggester",
    "topics": "cirmtext.suggest.topics:TopicSuggester",
    "all": "cirmtext.suggest.combine:CombinedSuggester",
    "dataless": "cirmtext.suggest.dataless:BootstrapSuggester",
}


@runtime_checkable
class Suggester(Protocol):
    """The contract of every suggestion method (scikit-learn style).

    ``__init__`` only stores parameters; ``fit`` learns from the corpus (term statistics, topics)
    and returns ``self``; ``suggest`` returns one best-first list per segment, in input order.
    """

    method: str

    def fit(self, segments: Sequence[Segment]) -> Self:
        """Learn what the method needs from the corpus and return ``self``."""
        ...

    def suggest(self, segments: Sequence[Segment],
                top_k: int | None = None) -> list[list[Suggestion]]:
        """Candidate codes for each segment, best first, at most ``top_k`` each."""
        ...


def get_suggester(method: str, codebook: Codebook, **params: Any) -> Suggester:
    """An unfitted suggester of a registered method.

    >>> from cirmtext.codebook import Codebook
    >>> cb = Codebook.from_dict({"codes": [{"id": "C1", "label": "مشارکت"}]})
    >>> type(get_suggester("keywords", cb)).__name__
    'KeywordSuggester'
    """
    try:
        target = METHODS[method]
    except KeyError:
        from ..errors import ConfigError

        msg = f"unknown suggestion method {method!r}"
        raise ConfigError(msg, hint=f"choose from {sorted(METHODS)}") from None
    module, _, name = target.partition(":")
    factory: Callable[..., Suggester] = getattr(importlib.import_module(module), name)
    return factory(codebook, **params)


def as_segments(items: Iterable[Segment | str | Mapping[str, Any]]) -> list[Segment]:
    """Accept segments, plain strings or ``{"id", "text"}`` mappings; return segments.

    Strings get ids ``s1``, ``s2``… by position; mappings need ``text`` and may give ``id``.

    >>> [(s.id, s.text) for s in as_segments(["سلام", {"id": "a", "text": "خداحافظ"}])]
    [('s1', 'سلام'), ('a', 'خداحافظ')]
    """
    out: list[Segment] = []
    for n, item in enumerate(items, 1):
        if isinstance(item, Segment):
            out.append(item)
        elif isinstance(item, str):
            out.append(Segment(f"s{n}", "", 0, len(item), item))
        elif isinstance(item, Mapping) and isinstance(item.get("text"), str):
            text = item["text"]
            out.append(Segment(str(item.get("id", f"s{n}")), str(item.get("document_id", "")),
                               0, len(text), text))
        else:
            msg = f"item {n} is not a Segment, a string or a mapping with 'text': {item!r:.80}"
            raise TypeError(msg)
    return out


def rank(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Best first: by score, then by code id for a stable order among ties."""
    return sorted(suggestions, key=lambda s: (-s.score, s.code_id))


def truncate(suggestions: Sequence[Suggestion], top_k: int | None = None,
             min_score: float = 0.0) -> list[Suggestion]:
    """Keep the ``top_k`` best suggestions scoring at least ``min_score`` (``None``: all)."""
    kept = [s for s in rank(suggestions) if s.score >= min_score]
    return kept if top_k is None else kept[:max(top_k, 0)]


def merge(lists: Sequence[Sequence[Sequence[Suggestion]]], *,
          weights: Sequence[float] | None = None, method: str = "combined",
          top_k: int | None = None) -> list[list[Suggestion]]:
    """Combine several suggesters' outputs for the same segments into one ranking.

    Scores are combined as a weighted noisy-OR, ``1 - prod(1 - w_i * s_i)``: the chance that at
    least one method is right if each were an independent witness with confidence
    ``w_i * s_i``. Evidence is concatenated, each item noted with the method it came from.

    Args:
        lists: for each method, its per-segment output (all for the same segments, in order).
        weights: one weight in ``[0, 1]`` per method (default 1 each).
        method: the ``method`` of the merged suggestions.
        top_k: keep this many per segment.
    """
    if not lists:
        return []
    weights = list(weights) if weights is not None else [1.0] * len(lists)
    if len(weights) != len(lists) or len({len(x) for x in lists}) != 1:
        msg = "merge() needs one weight per method and the same segments from every method"
        raise ValueError(msg)
    merged: list[list[Suggestion]] = []
    for per_segment in zip(*lists, strict=True):
        keep: dict[str, float] = {}
        evidence: dict[str, list[Evidence]] = {}
        segment_id = ""
        for weight, suggestions in zip(weights, per_segment, strict=True):
            for s in suggestions:
                segment_id = s.segment_id
                keep[s.code_id] = keep.get(s.code_id, 1.0) * (1.0 - weight * s.score)
                evidence.setdefault(s.code_id, []).extend(
                    Evidence(e.kind, e.term, e.weight, e.start, e.end,
                             e.note or f"from {s.method}") for e in s.evidence)
        out = [Suggestion(segment_id, code, _clip(1.0 - miss), method, tuple(evidence[code]))
               for code, miss in keep.items()]
        merged.append(truncate(out, top_k))
    return merged


def aggregate_up(codebook: Codebook, suggestions: Sequence[Suggestion], level: str, *,
                 top_k: int | None = None) -> list[Suggestion]:
    """Lift one segment's suggestions to their ancestors at ``level`` (e.g. ``"phase1"``).

    A parent's score is the noisy-OR of its descendants' scores, ``1 - prod(1 - s_i)``, and its
    evidence is theirs, each noted ``via <code>``. Suggestions already at ``level`` take part as
    they are; codes with no ancestor at ``level`` are dropped.
    """
    miss: dict[str, float] = {}
    evidence: dict[str, list[Evidence]] = {}
    segment_id, method = "", ""
    for s in suggestions:
        target = codebook.ancestor_at(s.code_id, level)
        if target is None:
            continue
        segment_id, method = s.segment_id, s.method
        miss[target.id] = miss.get(target.id, 1.0) * (1.0 - s.score)
        note = "" if target.id == s.code_id else f"via {s.code_id}"
        evidence.setdefault(target.id, []).extend(
            Evidence(e.kind, e.term, e.weight, e.start, e.end,
                     "; ".join(x for x in (e.note, note) if x)) for e in s.evidence)
    out = [Suggestion(segment_id, code, _clip(1.0 - m), method, tuple(evidence[code]))
           for code, m in miss.items()]
    return truncate(out, top_k)


def suggestion_record(segment_id: str, suggestions: Sequence[Suggestion]) -> dict[str, Any]:
    """The JSON line ``cirmtext suggest`` writes for one segment.

    >>> ev = Evidence("keyword", "مشارکت", 0.8, 0, 6)
    >>> rec = suggestion_record("s1", [Suggestion("s1", "C02", 0.55, "keywords", (ev,))])
    >>> rec["suggestions"][0]["code"], rec["suggestions"][0]["evidence"][0]["term"]
    ('C02', 'مشارکت')
    """
    return {"id": segment_id, "suggestions": [
        {"code": s.code_id, "score": round(s.score, 4), "method": s.method,
         "evidence": [e.to_dict() for e in s.evidence]} for s in rank(suggestions)]}


def evaluate(ranked: Sequence[Sequence[str]], gold: Sequence[set[str] | frozenset[str]],
             ) -> dict[str, float]:
    """Top-1, top-3 and mean reciprocal rank of ranked code ids against gold code sets.

    A segment counts as a hit at ``k`` when any of its gold codes is among the first ``k``;
    its reciprocal rank is ``1 / rank`` of the first gold code (0 when none is ranked).
    Segments without gold codes are skipped.
    """
    n = top1 = top3 = rr = 0.0
    for codes, truth in zip(ranked, gold, strict=True):
        if not truth:
            continue
        n += 1
        first = next((i for i, c in enumerate(codes) if c in truth), None)
        if first is not None:
            top1 += first < 1
            top3 += first < 3
            rr += 1.0 / (first + 1)
    if not n:
        return {"n": 0, "top1": math.nan, "top3": math.nan, "mrr": math.nan}
    return {"n": int(n), "top1": top1 / n, "top3": top3 / n, "mrr": rr / n}


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))
