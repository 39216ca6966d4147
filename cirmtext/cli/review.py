"""``cirmtext review``: confirm or reject suggestions in the terminal."""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from ..review.store import Project
from ..review.tui import HELP, review

__all__ = ["ORDER", "register"]

ORDER = 56


def register(sub: Any) -> None:
    """Add the ``review`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "review",
        help="review segments and their suggested codes interactively",
        description=(
            "Show each undecided segment with its suggested codes and their evidence; decide "
            "with single keys. Every key press is saved at once; run the command again to "
            f"resume where you left off.\n\nKeys: {HELP}\n\n"
            "Example: cirmtext review study.cirm --coder maryam --bidi"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", metavar="PROJECT", help="the project file")
    parser.add_argument("--coder", default=None,
                        help="your name, recorded with each decision (default: your login)")
    parser.add_argument("--bidi", action="store_true",
                        help="reorder Persian for terminals without bidi support "
                             "(needs python-bidi)")
    parser.add_argument("--width", type=int, default=None, help="line width (default: terminal)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the review until the coder quits or nothing is left."""
    coder = args.coder or getpass.getuser()
    with Project.open(args.project) as project:
        session = review(project, coder, bidi=args.bidi, width=args.width)
        left = session.remaining()
    print(f"cirmtext: {coder} has {left} undecided segments left in {args.project}")
    return 0
