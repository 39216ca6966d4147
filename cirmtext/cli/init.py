"""``cirmtext init``: create an empty project file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..codebook import load_codebook
from ..errors import ProjectError
from ..review.store import Project

__all__ = ["ORDER", "register"]

ORDER = 50


def register(sub: Any) -> None:
    """Add the ``init`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "init",
        help="create a project file to add transcripts to, review and export",
        description=(
            "Create PROJECT, one SQLite file (e.g. study.cirm) that will hold the documents, "
            "segments, codebook versions, suggestions and the log of every decision.\n\n"
            "Example: cirmtext init study.cirm --codebook cirm_phenomenography"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", metavar="PROJECT", help="the project file to create")
    parser.add_argument("--codebook", default=None,
                        help="store this codebook (file or bundled name) as version 1")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Create the project (refusing to touch an existing file)."""
    path = Path(args.project)
    if path.exists() and path.stat().st_size:
        Project.open(path).close()  # a clear error if it is not a project
        raise ProjectError("already exists", path=path,
                           hint="use it as it is, or choose another file name")
    codebook = load_codebook(args.codebook) if args.codebook else None
    with Project.open(path, create=True) as project:
        if codebook is not None:
            project.add_codebook(codebook)
    print(f"cirmtext: created {path}" + (f" with codebook {codebook.id}" if codebook else ""))
    print(f"next: cirmtext add {path} FILES...")
    return 0
