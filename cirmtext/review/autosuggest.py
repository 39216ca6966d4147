"""Store the machine's suggestions in a project (``cirmtext suggest PROJECT``).

The suggester is fitted on all of the project's segments (corpus statistics need them all) and
asked for the segments nobody has decided yet; decided segments keep the suggestions they were
reviewed with. The codebook is stored as a new version when it changed, and the run records
the method, its parameters and the codebook version, so every suggestion can be traced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._version import __version__
from ..codebook import Codebook
from ..suggest.base import get_suggester
from .store import Project

__all__ = ["SuggestResult", "suggest_project"]


@dataclass(frozen=True, slots=True)
class SuggestResult:
    """One run: its id, how many segments were asked and got suggestions, codebook version."""

    run_id: int | None
    segments: int
    with_suggestions: int
    suggestions: int
    codebook_version: int
    model: str


def suggest_project(project: Project, codebook: Codebook, *, method: str = "keywords",
                    top_k: int | None = 5, everything: bool = False,
                    **params: Any) -> SuggestResult:
    """Suggest codes for every undecided segment (every segment if ``everything``) and store them.

    Args:
        project: an open, writable project.
        codebook: the codebook to suggest from (stored in the project if new).
        method: a registered suggestion method (see :data:`cirmtext.suggest.base.METHODS`).
        top_k: suggestions kept per segment (``None``: all).
        everything: also re-suggest segments that coders have decided.
        params: passed to the method (e.g. ``min_score``, ``level``).
    """
    version = project.add_codebook(codebook)
    segments = project.segments()
    decided = {sid for (_, sid), state in project.state().items() if state.decided}
    targets = [s for s in segments if everything or s.id not in decided]
    shown = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
    model = (f"{method}({shown}) top_k={top_k} codebook={codebook.id}@"
             f"{codebook.fingerprint[:12]} cirmtext {__version__}")
    if not targets:
        return SuggestResult(None, 0, 0, 0, version, model)
    suggester = get_suggester(method, codebook, **params).fit(segments)
    results = suggester.suggest(targets, top_k=top_k)
    flat = [s for per_segment in results for s in per_segment]
    run = project.add_suggestions([s.id for s in targets], flat, method=method, model=model,
                                  codebook_version=version)
    return SuggestResult(run, len(targets), sum(bool(r) for r in results), len(flat), version,
                         model)
