"""``cirmtext add``: read, repair and segment transcripts into a project."""

from __future__ import annotations

import argparse
from typing import Any

from ..review.ingest import add_files
from ..review.store import Project
from ..segment import UNITS

__all__ = ["ORDER", "register"]

ORDER = 52


def register(sub: Any) -> None:
    """Add the ``add`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "add",
        help="add transcripts to a project (repaired and segmented)",
        description=(
            "Read each file (.txt, .md, .docx, .pdf, or folders of them), repair it, cut it "
            "into segments and store text, repairs and segments in PROJECT. A file already "
            "added with the same text is left as it is.\n\n"
            "Example: cirmtext add study.cirm interviews/"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", metavar="PROJECT", help="the project file")
    parser.add_argument("files", nargs="+", metavar="FILE", help="files or folders to add")
    parser.add_argument("--unit", default="auto", choices=("auto", *UNITS),
                        help="segment unit (default: auto = speaker turns when the transcript "
                             "has speaker labels, else paragraphs)")
    parser.add_argument("--include-interviewer", action="store_true",
                        help="also make segments of the interviewer's turns")
    parser.add_argument("--encoding", default=None,
                        help="encoding of text files (default: detect UTF-8, UTF-16, cp1256)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Add the files and report what was stored."""
    with Project.open(args.project) as project:
        result = add_files(project, args.files, args.unit,
                           include_interviewer=args.include_interviewer, encoding=args.encoding)
    print(f"cirmtext: added {len(result.added)} documents, {result.segments} segments"
          + (f"; {len(result.unchanged)} already there" if result.unchanged else ""))
    print(f"next: cirmtext suggest {args.project}")
    return 0
