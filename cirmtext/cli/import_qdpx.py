"""``cirmtext import``: record the codings of a REFI-QDA .qdpx as decisions."""

from __future__ import annotations

import argparse
from typing import Any

from ..refi.project_import import import_qdpx
from ..review.store import Project

__all__ = ["ORDER", "register"]

ORDER = 66


def register(sub: Any) -> None:
    """Add the ``import`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "import",
        help="record the codings of a REFI-QDA .qdpx (e.g. from MAXQDA, NVivo) as decisions",
        description=(
            "Match each source of FILE to a project document with the same text and each coded "
            "selection to the segment at the same place, and record the codings as decisions of "
            "the users who made them (memos too). Codings of the user 'cirmtext' (exported "
            "suggestions) are not recorded. Importing the same file twice records nothing new."
            "\n\nExample: cirmtext import study.cirm from_maxqda.qdpx"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", metavar="PROJECT", help="the project file")
    parser.add_argument("file", metavar="FILE", help="the .qdpx file to read")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Import and report what was placed, recorded and lost."""
    with Project.open(args.project) as project:
        r = import_qdpx(project, args.file)
    print(f"cirmtext: {r.codings} codings read: {r.recorded} recorded, {r.already} already "
          f"there, {r.exact} at their exact segment, {r.moved} moved to the nearest segment, "
          f"{len(r.lost)} lost, {r.machine} suggestions skipped; {r.memos} memos")
    for reason in list(dict.fromkeys(r.lost))[:10]:
        print(f"  lost: {reason}")
    if r.new_codes:
        print(f"  codes not in the codebook: {', '.join(sorted(set(r.new_codes)))}")
    return 0
