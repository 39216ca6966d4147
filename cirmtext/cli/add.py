"""``cirmtext add``: read, repair and segment transcripts into a project."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import CirmtextError
from ..review.ingest import AddResult, add_files
from ..review.store import Project
from ..segment import UNITS
from ._common import add_input_options

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
    add_input_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Add the files and report what was stored."""
    result = AddResult()
    with Project.open(args.project) as project:
        try:
            add_files(project, args.files, args.unit, include_interviewer=args.include_interviewer,
                      encoding=args.encoding, max_bytes=args.max_bytes, result=result)
        except CirmtextError:
            if result.added:  # each file is stored on its own: say which ones are in
                print(f"cirmtext: {len(result.added)} documents were added before the error "
                      f"({', '.join(result.added)}); fix the file and run the command again",
                      file=sys.stderr)
            raise
    print(f"cirmtext: added {len(result.added)} documents, {result.segments} segments"
          + (f"; {len(result.unchanged)} already there" if result.unchanged else ""))
    print(f"next: cirmtext suggest {args.project}")
    return 0
