"""``cirmtext codebook``: validate, convert and expand codebook files."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from ..codebook import load_codebook, save_codebook
from ._common import add_input_options, check_not_input, write_output

__all__ = ["ORDER", "register"]

ORDER = 25


def register(sub: Any) -> None:
    """Add the ``codebook`` subcommand and its actions."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "codebook",
        help="validate, convert (YAML, JSON, CSV, REFI-QDA .qdc) or expand a codebook",
        description=(
            "Work with codebook files. FILE may also name a bundled codebook "
            "(cirm_phenomenography, king_maturity, andrade_camacho, amiri_crm_success).\n\n"
            "Examples:\n"
            "  cirmtext codebook validate my_codes.yaml\n"
            "  cirmtext codebook convert cirm_phenomenography codes.qdc\n"
            "  cirmtext codebook expand cirm_phenomenography segments.jsonl -o proposals.json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    raw = argparse.RawDescriptionHelpFormatter
    name = ("a .yaml/.yml, .json, .csv or .qdc file, or a bundled codebook's name "
            "(e.g. cirm_phenomenography)")
    validate = actions.add_parser(
        "validate", help="check a codebook and print a summary", formatter_class=raw,
        description=("Check FILE (duplicate ids, unknown parents, cycles, empty labels, wrong "
                     "types, unknown keys) and print a summary: codes per level, keywords, "
                     "fingerprint. Errors name the file and line or row.\n\n"
                     "Example: cirmtext codebook validate my_codes.yaml"))
    validate.add_argument("file", metavar="FILE", help=name)
    validate.set_defaults(func=run_validate)
    convert = actions.add_parser(
        "convert", help="convert between .yaml .json .csv .qdc (format from the suffix)",
        formatter_class=raw,
        description=("Read IN and write it to OUT, in the format of OUT's suffix (.yaml, .yml, "
                     ".json, .csv, .qdc). CSV keeps the codes but not the codebook's title or "
                     "version; .qdc keeps everything.\n\n"
                     "Example: cirmtext codebook convert cirm_phenomenography codes.qdc"))
    convert.add_argument("file", metavar="IN", help=name)
    convert.add_argument("output", metavar="OUT", help="the file to write (written atomically)")
    convert.set_defaults(func=run_convert)
    expand = actions.add_parser(
        "expand", help="propose new keywords per code from a corpus (segments JSONL), "
                       "for a human to accept", formatter_class=raw,
        description=("Propose new keywords for every codable code of CODEBOOK from the "
                     "segments of INPUT, as JSON for a human to review; nothing is added to "
                     "the codebook.\n\n"
                     "Example: cirmtext codebook expand cirm_phenomenography segments.jsonl "
                     "-o proposals.json --min-count 3"))
    expand.add_argument("file", metavar="CODEBOOK", help=name)
    expand.add_argument("input", metavar="INPUT", help="segments JSONL (as for suggest)")
    expand.add_argument("-o", "--output", default=None, help="proposals JSON (default: stdout)")
    expand.add_argument("--method", choices=("pmi", "word2vec"), default="pmi",
                        help="co-occurrence (NPMI) or a seeded word2vec model "
                             "(default: %(default)s)")
    expand.add_argument("--top", type=int, default=10,
                        help="proposals per code (default: %(default)s)")
    expand.add_argument("--min-count", type=int, default=3,
                        help="minimum number of supporting segments (default: %(default)s)")
    expand.add_argument("--seed", type=int, default=0,
                        help="random seed for word2vec (default: %(default)s)")
    add_input_options(expand)
    expand.set_defaults(func=run_expand)


def run_validate(args: argparse.Namespace) -> int:
    """Load FILE (raising on any problem) and summarise it."""
    codebook = load_codebook(args.file)
    levels = Counter(c.level or "-" for c in codebook.codes)
    by_level = ", ".join(f"{n} {level}" for level, n in levels.items())
    terms = sum(len(c.keywords) for c in codebook.codes)
    print(f"{codebook.path}: ok: codebook {codebook.id!r} version {codebook.version or '-'}, "
          f"{len(codebook)} codes ({by_level}), {len(codebook.codable())} codable, "
          f"{terms} keywords; fingerprint {codebook.fingerprint[:16]}")
    bare = [c.id for c in codebook.codable() if not c.keywords]
    if bare:
        print(f"note: {len(bare)} codable codes have no keywords: {', '.join(bare[:10])}"
              + (" …" if len(bare) > 10 else ""), file=sys.stderr)
    return 0


def run_convert(args: argparse.Namespace) -> int:
    """Read IN and write it to OUT in the format of OUT's suffix."""
    check_not_input(args.output, [args.file])
    codebook = load_codebook(args.file)
    path = save_codebook(codebook, args.output)
    print(f"cirmtext: wrote {path} ({len(codebook)} codes)", file=sys.stderr)
    return 0


def run_expand(args: argparse.Namespace) -> int:
    """Propose new keywords for every codable code from INPUT's segments."""
    from ..suggest.expand import expand_keywords
    from .suggest import read_segments

    check_not_input(args.output, [args.input, args.file])
    codebook = load_codebook(args.file)
    segments, _ = read_segments(args.input, encoding=args.encoding, max_bytes=args.max_bytes)
    found = expand_keywords(codebook, segments, method=args.method, top_n=args.top,
                            min_count=args.min_count, random_state=args.seed)
    payload = {"codebook": codebook.id, "fingerprint": codebook.fingerprint,
               "method": args.method, "segments": len(segments),
               "proposals": {code: [p.to_dict() for p in items]
                             for code, items in found.items()}}
    write_output(args.output, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    total = sum(len(v) for v in found.values())
    print(f"cirmtext: {total} proposals for {sum(bool(v) for v in found.values())} codes",
          file=sys.stderr)
    return 0
