"""The one exception tree of cirmtext.

Catch at the level you can act on::

    CirmtextError                 anything cirmtext refuses, with a path and a hint
    ├── InputError                a text or document we cannot read
    │   ├── EncodingError         not UTF-8/UTF-16/Windows-1256, or the wrong one was given
    │   ├── BinaryFileError       an image, archive or other non-text file
    │   ├── EmptyInputError       nothing (or only whitespace) to work on
    │   └── InputTooLargeError    over the size limit the caller set
    ├── ConfigError               an unknown rule name or an invalid option value
    ├── CodebookError             a malformed codebook file (names the file and line or row)
    ├── SegmentationError         e.g. no speaker turns found where turns were asked for
    ├── ModelError                a topic or ranking model that cannot be used
    ├── ProjectError              a project file that is missing, corrupt or foreign
    └── ExportError               an export or import that cannot be completed safely

Every error carries ``path`` (the file at fault, if any) and ``hint`` (what to do about it),
and its ``str()`` names both, so the CLI can print it as it is.
"""

from __future__ import annotations

from os import PathLike

__all__ = [
    "BinaryFileError",
    "CirmtextError",
    "CodebookError",
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "ExportError",
    "InputError",
    "InputTooLargeError",
    "ModelError",
    "ProjectError",
    "SegmentationError",
]


class CirmtextError(Exception):
    """Base class: a problem with the user's input or settings, not a bug in cirmtext.

    Args:
        message: what is wrong, in one sentence.
        path: the file at fault, if there is one.
        hint: what the user can do about it.
        line: 1-based line or row in ``path`` where the problem is, if known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        hint: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.hint = hint
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(CirmtextError):
    """A text or document that cannot be read as it is."""


class EncodingError(InputError):
    """The bytes are not in the encoding we expected or could detect."""


class BinaryFileError(InputError):
    """The file is binary (an image, archive, executable...), not text."""


class EmptyInputError(InputError):
    """The input holds nothing to work on."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class ConfigError(CirmtextError, TypeError):
    """An unknown option name or an invalid option value.

    It is also a ``TypeError`` so that wrong keyword arguments behave as in any Python API.
    """


class CodebookError(CirmtextError):
    """A codebook file that is malformed: duplicate ids, unknown parents, cycles, empty labels."""


class SegmentationError(CirmtextError):
    """A document that cannot be segmented as asked."""


class ModelError(CirmtextError):
    """A fitted model that cannot be used, e.g. one fitted with another codebook."""


class ProjectError(CirmtextError):
    """A project file that is missing, corrupt, locked or not a cirmtext project."""


class ExportError(CirmtextError):
    """An export or import that cannot be completed without risking the user's data."""
