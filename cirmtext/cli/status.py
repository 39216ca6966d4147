"""``cirmtext status``: what a project holds and how far review has got."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import ProjectError
from ..review.store import Project

__all__ = ["ORDER", "register"]

ORDER = 58


def register(sub: Any) -> None:
    """Add the ``status`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "status",
        help="show a project's documents, suggestions and review progress",
        description=(
            "Count documents, segments, suggestions and decisions, and show each coder's "
            "progress.\n\nExample: cirmtext status study.cirm --check"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", metavar="PROJECT", help="the project file")
    parser.add_argument("--check", action="store_true",
                        help="also check the file's integrity (PRAGMA quick_check)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the project's status."""
    with Project.open(args.project, readonly=True) as project, project.snapshot():
        counts = project.counts()
        segments = project.segments()
        suggested = project.suggestions()
        states = project.state()
        meta = project.meta()
        codebook = project.codebook()
        problems = project.check() if args.check else []
        print(f"project: {args.project} (created {meta.get('created', '?')}, "
              f"schema {len(project.migrations())} migrations)")
        print(f"documents: {counts['documents']}   segments: {counts['segments']}   "
              f"with suggestions: {sum(bool(v) for v in suggested.values())}")
        if codebook is not None:
            print(f"codebook: {codebook.id} ({len(codebook)} codes, "
                  f"{counts['codebooks']} version(s))")
        print(f"decision log: {counts['decisions']} entries")
        for coder in project.coders():
            mine = {sid: s for (c, sid), s in states.items() if c == coder}
            decided = sum(s.decided for s in mine.values())
            codings = sum(len(s.codes) for s in mine.values())
            print(f"  {coder}: {decided}/{len(segments)} segments decided, {codings} codings")
    if args.check:
        if problems:
            raise ProjectError("failed the integrity check: " + "; ".join(problems[:5]),
                               path=args.project, hint="restore it from a backup copy")
        print("integrity: ok")
    return 0
