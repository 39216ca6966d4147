"""cirmtext: from broken Persian text to candidate qualitative codes that a researcher confirms.

The way through: raw text -> :func:`repair` -> segment/tokenise -> suggest -> review -> export.

Importing the package does no work: the repair API, records and errors are imported directly,
everything that needs hazm, scikit-learn, gensim or SQLite is loaded on first use. The
submodules :mod:`cirmtext.tokenize` and :mod:`cirmtext.segment` keep their own names for the
offset-carrying API (``cirmtext.tokenize.tokenize``, ``cirmtext.segment.segment``).
"""

from __future__ import annotations

import importlib as _importlib
from typing import Any as _Any

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
    ModelError,
    ProjectError,
    SegmentationError,
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
from .repair import (
    RepairConfig,
    Repaired,
    apply_plan,
    normalize,
    normalize_sections,
    repair,
    repair_sections,
)

#: Public names loaded on first use, and the module each comes from.
_LAZY = {
    "word_tokenize": ".tokenize",
    "lemmatize": ".tokenize",
    "Analyzer": ".tokenize",
    "sentences": ".tokenize",
    "is_stopword": ".tokenize",
    "turns": ".segment",
    "segment_corpus": ".segment",
    "document_from_text": ".corpus",
    "SegmentVectorizer": ".features",
    "save_model": ".suggest",
    "load_model": ".suggest",
    "read_document": ".corpus",
    "iter_documents": ".corpus",
    "Codebook": ".codebook",
    "load_codebook": ".codebook",
    "save_codebook": ".codebook",
    "KeywordSuggester": ".suggest",
    "BootstrapSuggester": ".suggest",
    "TopicSuggester": ".suggest",
    "CombinedSuggester": ".suggest",
    "ConfirmationRanker": ".suggest",
    "Suggester": ".suggest",
    "expand_keywords": ".suggest",
    "Project": ".review",
    "ReviewSession": ".review",
    "agreement": ".review",
    "export_csv": ".export",
    "export_qdpx": ".refi.project",
    "import_qdpx": ".refi.project_import",
    "run": ".pipeline",
}

__all__ = [
    "Analyzer",
    "BinaryFileError",
    "BootstrapSuggester",
    "CirmtextError",
    "Code",
    "Codebook",
    "CodebookError",
    "CombinedSuggester",
    "ConfigError",
    "ConfirmationRanker",
    "Decision",
    "Document",
    "Edit",
    "EmptyInputError",
    "EncodingError",
    "Evidence",
    "ExportError",
    "InputError",
    "KeywordSuggester",
    "Lemma",
    "ModelError",
    "Project",
    "ProjectError",
    "RepairConfig",
    "Repaired",
    "ReviewSession",
    "Segment",
    "SegmentVectorizer",
    "SegmentationError",
    "Sentence",
    "Suggester",
    "Suggestion",
    "Token",
    "TopicSuggester",
    "Turn",
    "__version__",
    "agreement",
    "apply_plan",
    "document_from_text",
    "expand_keywords",
    "export_csv",
    "export_qdpx",
    "import_qdpx",
    "is_stopword",
    "iter_documents",
    "lemmatize",
    "load_codebook",
    "load_model",
    "normalize",
    "normalize_sections",
    "read_document",
    "repair",
    "repair_sections",
    "run",
    "save_codebook",
    "save_model",
    "segment_corpus",
    "sentences",
    "turns",
    "word_tokenize",
]


def __getattr__(name: str) -> _Any:
    if name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
