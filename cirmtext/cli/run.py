"""``cirmtext run``: the main job over a folder of transcripts."""

from __future__ import annotations

import argparse
from typing import Any

from ..pipeline import run as run_pipeline

__all__ = ["ORDER", "register"]

ORDER = 0


def register(sub: Any) -> None:
    """Add the ``run`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "run",
        help="run the whole pipeline on files or folders and write the results",
        description=(
            "Run the main job on transcripts (.txt, .md, .pdf, .docx, or folders of them).\n\n"
            "Example: cirmtext run corpora/samples -o out"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    parser.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the pipeline and say where the results are."""
    summary = run_pipeline(args.inputs, args.output)
    total = sum(summary.fixes.values())
    print(f"cirmtext: {len(summary.files)} files, {total} fixes")
    for rule, n in summary.fixes.most_common():
        print(f"  {rule}: {n}")
    print("wrote:")
    for path in summary.outputs:
        print(f"  {path}")
    return 0
