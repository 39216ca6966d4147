"""The only place where the stages are wired together: ``run(paths, out_dir)``.

The main job reads every supported file under the given paths, repairs it, cuts it into
segments, suggests codes from a codebook (the bundled ``cirm_phenomenography`` by default, with
the combined ``all`` method of ``cirmtext suggest``) and writes into ``out_dir``:

- ``project.cirm``: the project file (documents, repairs, segments, suggestions, and the log
  that ``cirmtext review`` adds decisions to);
- ``segments.csv``: every segment with its suggested (and any confirmed) codes;
- ``project.qdpx``: a REFI-QDA project with the original texts and the suggestions as codings
  of the user ``cirmtext``, to confirm in MAXQDA, NVivo, ATLAS.ti or QualCoder;
- ``<name>.repaired.txt`` for each file and ``summary.json`` with the counts.

Running it again on the same folder keeps the project file: documents already in it are left
as they are, decisions already made are kept, and only undecided segments get new suggestions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .codebook import Codebook, load_codebook
from .corpus import FRONT_MATTER_RULE, expand_paths, read_document, text_name
from .errors import ExportError
from .export.csv import export_csv
from .io import atomic_write
from .refi.project import export_qdpx
from .repair import RepairConfig
from .review.autosuggest import suggest_project
from .review.ingest import add_document
from .review.store import Project

__all__ = ["DEFAULT_CODEBOOK", "ProjectSummary", "run"]

#: The codebook the main job suggests from unless told otherwise.
DEFAULT_CODEBOOK = "cirm_phenomenography"


@dataclass(slots=True)
class ProjectSummary:
    """What a run did: files, repairs, segments, suggestions, and where it wrote its outputs."""

    files: list[str] = field(default_factory=list)
    fixes: Counter[str] = field(default_factory=Counter)
    outputs: list[str] = field(default_factory=list)
    documents: int = 0
    segments: int = 0
    suggested_segments: int = 0
    suggestions: int = 0
    codebook: str = ""
    project: str = ""


def run(paths: Iterable[str | Path], out_dir: str | Path, config: RepairConfig | None = None,
        *, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "auto",
        method: str = "all", top_k: int | None = 5) -> ProjectSummary:
    """Repair, segment and suggest for every input file, and write the project and exports.

    Args:
        paths: files and folders (folders expand to their .txt, .md, .docx and .pdf files).
        out_dir: the output folder (created if needed).
        config: the repair configuration (default: all default rules).
        codebook: a codebook, a codebook file, or a bundled codebook's name.
        unit: segment unit (``auto``: speaker turns when labelled, else paragraphs).
        method: the suggestion method.
        top_k: suggestions kept per segment (``None``: all).
    """
    out = Path(out_dir)
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    summary = ProjectSummary(codebook=book.id)
    per_file: dict[str, dict[str, int]] = {}
    if out.exists() and not out.is_dir():
        raise ExportError("is a file, not a folder", path=str(out),
                          hint="give a folder for the results (it is created if needed)")
    paths = list(paths)
    for item in paths:
        folder = Path(item).resolve()
        if folder.is_dir() and (folder == out.resolve() or folder in out.resolve().parents):
            raise ExportError(f"is inside the input folder {item}", path=str(out),
                              hint="write the results outside the folders being read (its "
                                   "repaired texts would be read as transcripts next time)")
    files = expand_paths(paths)
    # every file is read (and refused) before the output folder is touched, so that a bad
    # input leaves no half-made project behind
    documents = [read_document(path, repair_config=config) for path in files]
    project_path = out / "project.cirm"
    summary.project = str(project_path)
    with Project.open(project_path, create=True) as project:
        for path, document in zip(files, documents, strict=True):
            add_document(project, document, unit)
            counts = Counter(e.rule for e in document.edits if e.rule != FRONT_MATTER_RULE)
            target = out / f"{path.stem}.repaired.txt"
            atomic_write(target, document.text)
            summary.files.append(text_name(str(path)))
            summary.fixes.update(counts)
            summary.outputs.append(str(target))
            per_file[text_name(str(path))] = dict(counts)
        suggest_project(project, book, method=method, top_k=top_k)
        summary.documents = len(project.documents())
        segments = project.segments()
        summary.segments = len(segments)
        current = project.suggestions()
        summary.suggested_segments = sum(bool(v) for v in current.values())
        summary.suggestions = sum(len(v) for v in current.values())
        csv_path, qdpx_path = out / "segments.csv", out / "project.qdpx"
        export_csv(project, csv_path, suggestions=True, uncoded=True)
        export_qdpx(project, qdpx_path, suggestions=True)
    report = out / "summary.json"
    atomic_write(report, json.dumps({
        "files": per_file, "fixes": dict(summary.fixes), "documents": summary.documents,
        "segments": summary.segments, "suggested_segments": summary.suggested_segments,
        "suggestions": summary.suggestions, "codebook": book.id,
        "codebook_fingerprint": book.fingerprint}, ensure_ascii=False, indent=2) + "\n")
    summary.outputs = [str(project_path), str(csv_path), str(qdpx_path), str(report),
                       *summary.outputs]
    return summary
