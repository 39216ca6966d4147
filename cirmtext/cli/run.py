"""``cirmtext run``: the main job over a folder of transcripts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..pipeline import DEFAULT_CODEBOOK
from ..pipeline import run as run_pipeline
from ..segment import UNITS
from ..suggest.base import METHODS

__all__ = ["ORDER", "register"]

ORDER = 0


def register(sub: Any) -> None:
    """Add the ``run`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "run",
        help="run the whole pipeline on files or folders and write the results",
        description=(
            "Run the main job on transcripts (.txt, .md, .pdf, .docx, or folders of them): "
            "repair, segment, suggest codes, and write OUT/project.cirm (the project to review "
            "with `cirmtext review`), OUT/segments.csv, OUT/project.qdpx (REFI-QDA, the "
            "suggestions as codings of the user 'cirmtext'), the repaired texts and "
            "OUT/summary.json. Running it again keeps the decisions already made.\n\n"
            "Example: cirmtext run corpora/samples -o out"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    parser.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    parser.add_argument("--codebook", default=DEFAULT_CODEBOOK,
                        help="codebook file or bundled name (default: %(default)s)")
    parser.add_argument("--unit", default="auto", choices=("auto", *UNITS),
                        help="segment unit (default: auto = speaker turns, else paragraphs)")
    parser.add_argument("--method", default="all", choices=sorted(METHODS),
                        help="suggestion method, as for `cirmtext suggest` (default: %(default)s)")
    parser.add_argument("--top", type=int, default=5, metavar="K",
                        help="suggestions kept per segment (default: %(default)s; 0 = all)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the pipeline and say, in Persian and in file names, what it made and where."""
    s = run_pipeline(args.inputs, args.output, codebook=args.codebook, unit=args.unit,
                     method=args.method, top_k=args.top if args.top > 0 else None)
    print(f"cirmtext: پایان کار؛ نتایج در {args.output}")
    print(f"  سندها: {s.documents}")
    print(f"  اصلاح‌های متن: {sum(s.fixes.values())}")
    print(f"  بخش‌ها: {s.segments}")
    print(f"  بخش‌های دارای پیشنهاد کد: {s.suggested_segments}")
    print(f"  پیشنهادها: {s.suggestions}")
    print(f"  کدنامه: {s.codebook}")
    print("  فایل‌ها:")
    for path in s.outputs[:4]:
        print(f"    {path}")
    repaired = len(s.outputs) - 4
    print(f"    {Path(args.output) / '*.repaired.txt'} "
          f"({repaired} repaired text{'s' if repaired != 1 else ''})")
    print(f"next: cirmtext review {s.project} --coder NAME")
    return 0
