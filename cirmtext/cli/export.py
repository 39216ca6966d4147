"""``cirmtext export``: coded segments as CSV, REFI-QDA .qdpx, or the codebook as .qdc."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..export.csv import export_csv
from ..io import atomic_write
from ..refi.codebook import codebook_to_qdc
from ..refi.project import export_qdpx
from ..review.store import Project

__all__ = ["ORDER", "register"]

ORDER = 64
_FORMATS = {".csv": "csv", ".qdpx": "qdpx", ".qdc": "qdc"}


def register(sub: Any) -> None:
    """Add the ``export`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="export a project as CSV, REFI-QDA .qdpx, or its codebook as .qdc",
        description=(
            "Write the project's coded segments; the format comes from OUT's extension: .csv "
            "(one row per segment, coder and code), .qdpx (REFI-QDA project for MAXQDA, NVivo, "
            "ATLAS.ti, QualCoder: the original text with codings at their positions), .qdc "
            "(the codebook).\n\n"
            "Examples:\n  cirmtext export study.cirm -o coded.csv --excel\n"
            "  cirmtext export study.cirm -o study.qdpx --suggestions"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", metavar="PROJECT", help="the project file")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="the file to write (.csv, .qdpx or .qdc)")
    parser.add_argument("--format", choices=sorted(set(_FORMATS.values())), default=None,
                        help="override the format taken from OUT's extension")
    parser.add_argument("--suggestions", action="store_true",
                        help="include the machine's suggestions (as the user 'cirmtext')")
    parser.add_argument("--excel", action="store_true",
                        help="CSV: UTF-8 with a byte order mark, so Excel shows Persian")
    parser.add_argument("--uncoded", action="store_true",
                        help="CSV: also list segments with no codes")
    parser.add_argument("--crlf", action="store_true",
                        help=".qdpx: write sources with CRLF line endings (default: LF)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export in the format OUT's extension names."""
    out = Path(args.output)
    fmt = args.format or _FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ExportError(f"has an extension cirmtext cannot export to ({out.suffix or 'none'})",
                          path=out, hint="name it .csv, .qdpx or .qdc, or pass --format")
    if out.resolve() == Path(args.project).resolve():
        raise ExportError("is the project itself", path=out, hint="write to another file")
    with Project.open(args.project, readonly=True) as project:
        if fmt == "csv":
            rows = export_csv(project, out, excel=args.excel, suggestions=args.suggestions,
                              uncoded=args.uncoded)
            print(f"cirmtext: wrote {rows} rows to {out}")
        elif fmt == "qdpx":
            s = export_qdpx(project, out, suggestions=args.suggestions, crlf=args.crlf)
            print(f"cirmtext: wrote {out}: {s.sources} sources, {s.codings} codings"
                  + (f", {s.machine_codings} suggestions as user 'cirmtext'"
                     if args.suggestions else "") + f", {s.notes} memos")
        else:
            codebook = project.codebook()
            if codebook is None:
                raise ExportError("the project has no codebook yet", path=args.project,
                                  hint="run cirmtext suggest PROJECT --codebook FILE first")
            atomic_write(out, codebook_to_qdc(codebook))
            print(f"cirmtext: wrote codebook {codebook.id} ({len(codebook)} codes) to {out}")
    return 0
