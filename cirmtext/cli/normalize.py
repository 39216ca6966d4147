"""``cirmtext normalize``: repair a text file or PDF and optionally explain every fix."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..io import read_source
from ..repair import RepairConfig, repair, rule_names
from ._common import add_input_options, check_not_input, write_output

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
    add_input_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Repair INPUT and write it to OUTPUT."""
    check_not_input(args.output, [args.input])
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
    result = repair(source.text, config)
    write_output(args.output, result.text)
    if args.explain_json:
        lines = [json.dumps(e.to_dict(), ensure_ascii=False) for e in result.edits]
        write_output(args.explain_json, "".join(line + "\n" for line in lines))
    if args.explain:
        for edit in result.edits:
            print(f"{edit.rule}\t{edit.start}-{edit.end}\t{edit.before!r} -> {edit.after!r}",
                  file=sys.stderr)
    counts = Counter(edit.rule for edit in result.edits)
    summary = ", ".join(f"{rule}: {n}" for rule, n in counts.most_common()) or "no changes"
    print(f"cirmtext: {source.path}: {len(result.edits)} fixes ({summary})", file=sys.stderr)
    return 0
