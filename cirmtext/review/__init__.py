"""Human confirmation that is never lost: the project file, review, agreement.

- :mod:`~cirmtext.review.store`: :class:`Project`, one SQLite file with an append-only log;
- :mod:`~cirmtext.review.ingest`: add transcripts (read, repair, segment, store);
- :mod:`~cirmtext.review.session`: :class:`ReviewSession`, review logic without a terminal;
- :mod:`~cirmtext.review.tui`: :func:`review`, the interactive terminal review;
- :mod:`~cirmtext.review.agreement`: agreement between coders and with the machine.
"""

from __future__ import annotations

from .agreement import AgreementReport, agreement, cohen_kappa, krippendorff_alpha
from .ingest import AddResult, add_document, add_files
from .session import ReviewSession, SegmentView
from .store import ACTIONS, Project, SegmentState
from .tui import ScriptedKeys, review

__all__ = [
    "ACTIONS",
    "AddResult",
    "AgreementReport",
    "Project",
    "ReviewSession",
    "ScriptedKeys",
    "SegmentState",
    "SegmentView",
    "add_document",
    "add_files",
    "agreement",
    "cohen_kappa",
    "krippendorff_alpha",
    "review",
]
