"""``cirmtext normalize``: repair a text file or PDF and optionally explain every fix."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError
from ..io import atomic_writer, read_source
from ..repair import RepairConfig, repair_sections, rule_names
from ._common import add_input_options, check_not_input

__all__ = ["ORDER", "register"]

ORDER = 10


def register(sub: Any) -> None:
    """Add the ``normalize`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "normalize",
        help="repair broken Persian text (PDF extraction damage, ZWNJ, Arabic letters)",
        description=(
            "Repair broken Persian text and write the result. INPUT is a UTF-8/UTF-16/"
            "Windows-1256 text file, a PDF, or - for standard input.\n\n"
            "Example: cirmtext normalize paper.pdf -o paper.txt --explain"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT", help="text file, PDF, or - for stdin")
    parser.add_argument("-o", "--output", default=None, help="output file (default: stdout)")
    parser.add_argument("--explain", action="store_true",
                        help="print every fix (rule, position, before -> after) to stderr")
    parser.add_argument("--explain-json", metavar="FILE", default=None,
                        help="write every fix as JSON lines to FILE")
    parser.add_argument("--disable", nargs="+", default=[], metavar="RULE",
                        choices=rule_names(), help="rules to switch off")
    parser.add_argument("--enable", nargs="+", default=[], metavar="RULE",
                        choices=rule_names(), help="rules to switch on (e.g. off-by-default ones)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes for the sections of a long input (same output; "
                             "default: every core when the input is long enough, 1: none, "
                             "-1: every core)")
    add_input_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Repair INPUT and write it to OUTPUT."""
    check_not_input(args.output, [args.input])
    if args.jobs is not None and (args.jobs == 0 or args.jobs < -1):
        raise ConfigError(f"--jobs {args.jobs}: give a number of processes, or -1 for every core")
    if args.explain_json:  # checked before any work, so nothing is half done
        check_not_input(args.explain_json, [args.input])
        if args.explain_json == "-" and args.output in (None, "-"):
            raise ConfigError("--explain-json - and the repaired text would both go to stdout",
                              hint="give -o FILE or --explain-json FILE")
        if args.output not in (None, "-") and args.explain_json != "-" \
                and Path(args.explain_json).resolve() == Path(args.output).resolve():
            raise ConfigError("is given both as -o and as --explain-json", path=args.output,
                              hint="write the fixes to another file")
    source = read_source(args.input, encoding=args.encoding, max_bytes=args.max_bytes)
    config = RepairConfig().enable(args.enable).disable(args.disable)
    explain = bool(args.explain or args.explain_json)
    counts: Counter[str] = Counter()
    with ExitStack() as stack:
        out = _open(stack, args.output)
        fixes = _open(stack, args.explain_json) if args.explain_json else None
        # One section's repair in memory at a time; the text goes out as it comes.
        for offset, part in repair_sections(source.text, config, explain=explain, jobs=args.jobs):
            out.write(part.text)
            counts.update(edit.rule for edit in part.edits)
            for edit in part.edits:
                edit = replace(edit, start=edit.start + offset, end=edit.end + offset)
                if fixes is not None:
                    fixes.write(json.dumps(edit.to_dict(), ensure_ascii=False) + "\n")
                if args.explain:
                    print(f"{edit.rule}\t{edit.start}-{edit.end}\t{edit.before!r} -> "
                          f"{edit.after!r}", file=sys.stderr)
    summary = ", ".join(f"{rule}: {n}" for rule, n in counts.most_common()) or "no changes"
    print(f"cirmtext: {source.path}: {counts.total()} fixes ({summary})", file=sys.stderr)
    return 0


def _open(stack: ExitStack, path: str | None) -> IO[str]:
    """Standard output for ``None`` or ``-``; otherwise a file that appears only when complete."""
    if path in (None, "-"):
        return sys.stdout
    return stack.enter_context(atomic_writer(path))  # type: ignore[arg-type]
