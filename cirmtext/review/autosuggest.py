"""Store the machine's suggestions in a project (``cirmtext suggest PROJECT``).

The suggester is fitted on all of the project's segments (corpus statistics need them all) and
asked for the segments nobody has decided yet; decided segments keep the suggestions they were
reviewed with. The codebook is stored as a new version when it changed, and the run records
the method, its parameters and the codebook version, so every suggestion can be traced.

**Learning from decisions.** Once coders have decided something, the method's ranking is
re-ranked by a :class:`~cirmtext.suggest.supervised.ConfirmationRanker` trained on the
decisions in the store (:func:`project_decisions`): codes given to a segment are
confirmations, rejected suggestions are negatives and are not suggested again for that segment.
With no decision the method's own ranking is stored unchanged. The run's model line says how
many confirmed segments and rejections it learned from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._version import __version__
from ..codebook import Codebook
from ..suggest.base import get_suggester
from ..suggest.supervised import ConfirmationRanker
from .store import Project

__all__ = ["SuggestResult", "project_decisions", "suggest_project"]


@dataclass(frozen=True, slots=True)
class SuggestResult:
    """One run: its id, how many segments were asked and got suggestions, codebook version."""

    run_id: int | None
    segments: int
    with_suggestions: int
    suggestions: int
    codebook_version: int
    model: str
    confirmed: int = 0
    rejected: int = 0


def project_decisions(project: Project, codebook: Codebook | None = None, *,
                      level: str | None = None, coder: str | None = None,
                      ) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Confirmed and rejected codes per segment, from the live decision log.

    A segment counts as confirmed when a coder gave it codes or marked it done (done without
    codes: "none of the codes"); codes from several coders are pooled, and a code one coder
    confirmed is not also a rejection. With ``level``, codes are lifted to their ancestor at
    that level (codes without one are left out).

    Args:
        project: an open project.
        codebook: needed with ``level``.
        level: lift codes to this level of ``codebook``.
        coder: only this coder's decisions (default: everyone's).
    """
    confirmed: dict[str, set[str]] = {}
    rejected: dict[str, set[str]] = {}

    def lift(codes: frozenset[str]) -> set[str]:
        if level is None or codebook is None:
            return set(codes)
        return {up.id for c in codes if c in codebook
                and (up := codebook.ancestor_at(c, level)) is not None}

    for (_, segment_id), state in sorted(project.state(coder).items()):
        if state.codes or state.done:
            confirmed.setdefault(segment_id, set()).update(lift(state.codes))
        if state.rejected:
            rejected.setdefault(segment_id, set()).update(lift(state.rejected))
    return ({k: frozenset(v) for k, v in confirmed.items()},
            {k: frozenset(v - confirmed.get(k, set())) for k, v in rejected.items()
             if v - confirmed.get(k, set())})


def suggest_project(project: Project, codebook: Codebook, *, method: str = "keywords",
                    top_k: int | None = 5, everything: bool = False, learn: bool = True,
                    **params: Any) -> SuggestResult:
    """Suggest codes for every undecided segment (every segment if ``everything``) and store them.

    Args:
        project: an open, writable project.
        codebook: the codebook to suggest from (stored in the project if new).
        method: a registered suggestion method (see :data:`cirmtext.suggest.base.METHODS`).
        top_k: suggestions kept per segment (``None``: all).
        everything: also re-suggest segments that coders have decided (their rejected codes
            are left out).
        learn: re-rank with the decisions recorded in the project (see module docs).
        params: passed to the method (e.g. ``min_score``, ``level``).
    """
    version = project.add_codebook(codebook)
    segments = project.segments()
    decided = {sid for (_, sid), state in project.state().items() if state.decided}
    targets = [s for s in segments if everything or s.id not in decided]
    shown = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
    confirmed, rejected = project_decisions(project, codebook, level=params.get("level")) \
        if learn else ({}, {})
    n_rejected = sum(len(v) for v in rejected.values())
    learned = (f" re-ranked by {len(confirmed)} confirmed segments and {n_rejected} rejections"
               if confirmed or rejected else "")
    model = (f"{method}({shown}) top_k={top_k}{learned} codebook={codebook.id}@"
             f"{codebook.fingerprint[:12]} cirmtext {__version__}")
    if not targets:
        return SuggestResult(None, 0, 0, 0, version, model, len(confirmed), n_rejected)
    suggester = get_suggester(method, codebook, **params)
    if confirmed or rejected:
        suggester = ConfirmationRanker(suggester, min_score=params.get("min_score", 0.0))
        suggester.fit(segments, confirmed, rejected)
    else:
        suggester = suggester.fit(segments)
    results = suggester.suggest(targets, top_k=top_k)
    flat = [s for per_segment in results for s in per_segment]
    run = project.add_suggestions([s.id for s in targets], flat, method=method, model=model,
                                  codebook_version=version)
    return SuggestResult(run, len(targets), sum(bool(r) for r in results), len(flat), version,
                         model, len(confirmed), n_rejected)
