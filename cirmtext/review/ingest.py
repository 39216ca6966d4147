"""Putting transcripts into a project: read, repair, segment, store (``cirmtext add``).

``unit="auto"`` cuts a transcript into speaker turns when it has speaker labels and into
paragraphs when it has none, so a folder mixing interviews and plain notes can be added at once.

>>> import tempfile, pathlib
>>> from cirmtext.corpus import document_from_text
>>> project = Project.open(pathlib.Path(tempfile.mkdtemp()) / "p.cirm", create=True)
>>> doc = document_from_text("مصاحبه‌گر: نظرتان چیست؟\\nمصاحبه‌شونده: مشاركت مهم است.", "d1")
>>> added = add_document(project, doc)
>>> added.segments, [s.text for s in project.segments()]
(1, ['مشارکت مهم است.'])
>>> project.close()
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..corpus import expand_paths, offset_map, read_document
from ..errors import SegmentationError
from ..io import DEFAULT_MAX_BYTES
from ..records import Document, Segment
from ..segment import UNITS, segment
from .store import Project

__all__ = ["AddResult", "add_document", "add_files", "segment_document"]


@dataclass(slots=True)
class AddResult:
    """What adding did: documents added, already present, and segments stored."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    segments: int = 0
    units: dict[str, str] = field(default_factory=dict)


def segment_document(document: Document, unit: str = "auto", *,
                     include_interviewer: bool = False) -> tuple[str, list[Segment]]:
    """Segments of a document, and the unit used (``auto``: turns, else paragraphs)."""
    if unit == "auto":
        try:
            return "turn", segment(document, unit="turn", include_interviewer=include_interviewer)
        except SegmentationError:
            unit = "paragraph"
    return unit, segment(document, unit=unit, include_interviewer=include_interviewer)


def add_document(project: Project, document: Document, unit: str = "auto", *,
                 include_interviewer: bool = False, result: AddResult | None = None) -> AddResult:
    """Segment a (repaired) document and store both in ``project``."""
    result = result if result is not None else AddResult()
    used, segments = segment_document(document, unit, include_interviewer=include_interviewer)
    if project.add_document(document, segments, offset_map(document)):
        result.added.append(document.id)
        result.segments += len(segments)
        result.units[document.id] = used
    else:
        result.unchanged.append(document.id)
    return result


def add_files(project: Project, paths: Iterable[str | os.PathLike[str]], unit: str = "auto", *,
              include_interviewer: bool = False, encoding: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES, result: AddResult | None = None) -> AddResult:
    """Read, repair and segment files (or folders of them) and store them in ``project``.

    A file already in the project with the same text is left as it is; each file is stored in
    its own transaction, so an error in one file keeps the files before it (pass ``result`` to
    see which were stored when an error is raised).
    """
    if unit != "auto" and unit not in UNITS:
        from ..errors import ConfigError

        raise ConfigError(f"unknown segment unit {unit!r}",
                          hint=f"use auto or one of {', '.join(UNITS)}")
    result = AddResult() if result is None else result
    for path in expand_paths(paths):
        document = read_document(path, encoding=encoding, max_bytes=max_bytes)
        add_document(project, document, unit, include_interviewer=include_interviewer,
                     result=result)
    return result
