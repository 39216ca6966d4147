"""cirmtext: from broken Persian text to candidate qualitative codes that a researcher confirms.

The way through: raw text -> :func:`repair` -> segment/tokenise -> suggest -> review -> export.
Importing the package does no work; resources load on first use.
"""

from __future__ import annotations

from ._version import __version__
from .errors import (
    BinaryFileError,
    CirmtextError,
    CodebookError,
    ConfigError,
    EmptyInputError,
    EncodingError,
    ExportError,
    InputError,
    ProjectError,
)
from .records import (
    Code,
    Decision,
    Document,
    Edit,
    Evidence,
    Lemma,
    Segment,
    Sentence,
    Suggestion,
    Token,
    Turn,
)
from .repair import RepairConfig, Repaired, apply_plan, normalize, repair

__all__ = [
    "BinaryFileError",
    "CirmtextError",
    "Code",
    "CodebookError",
    "ConfigError",
    "Decision",
    "Document",
    "Edit",
    "EmptyInputError",
    "EncodingError",
    "Evidence",
    "ExportError",
    "InputError",
    "Lemma",
    "ProjectError",
    "RepairConfig",
    "Repaired",
    "Segment",
    "Sentence",
    "Suggestion",
    "Token",
    "Turn",
    "__version__",
    "apply_plan",
    "normalize",
    "repair",
]
