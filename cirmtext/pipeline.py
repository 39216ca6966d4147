"""The only place where the stages are wired together: ``run(paths, out_dir)``.

Today the main job reads every supported file under the given paths, repairs it, and writes the
repaired text and a JSON summary of the fixes beside it in ``out_dir``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .io import atomic_write, read_source
from .repair import RepairConfig, repair

__all__ = ["SUPPORTED_SUFFIXES", "ProjectSummary", "expand_paths", "run"]

#: File types the main job reads.
SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


@dataclass(slots=True)
class ProjectSummary:
    """What a run did: per-file fix counts and where it wrote its outputs."""

    files: list[str] = field(default_factory=list)
    fixes: Counter[str] = field(default_factory=Counter)
    outputs: list[str] = field(default_factory=list)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and the supported files inside named folders (sorted)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()
                           and p.name.upper() not in ("README.MD", "SOURCE.MD"))
            if not found:
                raise InputError("holds no .txt, .md, .pdf or .docx files", path=path,
                                 hint="give a folder of transcripts or the files themselves")
            yield from found
        else:
            yield path


def run(paths: Iterable[str | Path], out_dir: str | Path,
        config: RepairConfig | None = None) -> ProjectSummary:
    """Repair every input file and write ``<name>.repaired.txt`` and ``summary.json``."""
    out = Path(out_dir)
    summary = ProjectSummary()
    per_file: dict[str, dict[str, int]] = {}
    for path in expand_paths(paths):
        source = read_source(path)
        result = repair(source.text, config)
        target = out / f"{path.stem}.repaired.txt"
        atomic_write(target, result.text)
        counts = Counter(edit.rule for edit in result.edits)
        summary.files.append(str(path))
        summary.fixes.update(counts)
        summary.outputs.append(str(target))
        per_file[str(path)] = dict(counts)
    report = out / "summary.json"
    atomic_write(report, json.dumps({"files": per_file, "fixes": dict(summary.fixes)},
                                    ensure_ascii=False, indent=2) + "\n")
    summary.outputs.append(str(report))
    return summary
