"""``cirmtext segment``: transcripts -> codable segments as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..errors import SegmentationError
from ..io import atomic_writer
from ..segment import UNITS, segment_corpus
from ._common import add_input_options, check_not_input

__all__ = ["ORDER", "register"]

ORDER = 20


def register(sub: Any) -> None:
    """Add the ``segment`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "segment",
        help="cut transcripts into codable segments (turns, paragraphs, sentences) as JSON lines",
        description=(
            "Read transcripts (.txt, .md, .docx, .pdf; folders expand to those files), repair "
            "them, find speaker turns and write one JSON object per segment: id, document, "
            "speaker, role, unit, text, start, end, original_start, original_end, metadata.\n\n"
            "Example: cirmtext segment interviews/ -o segments.jsonl --unit paragraph"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    parser.add_argument("-o", "--output", default="-",
                        help="output .jsonl file (default: standard output)")
    parser.add_argument("--unit", choices=UNITS, default="turn",
                        help="what one segment is (default: %(default)s)")
    parser.add_argument("--window", type=int, default=3,
                        help="sentences per segment for --unit window (default: %(default)s)")
    parser.add_argument("--speakers", nargs="+", default=None, metavar="PATTERN",
                        help="extra speaker label patterns (regular expressions, matched at a "
                             "line start before a colon); ROLE=PATTERN sets the role, e.g. "
                             "'interviewer=دکتر رضایی'")
    parser.add_argument("--include-interviewer", action="store_true",
                        help="also output the interviewer's segments")
    parser.add_argument("--jobs", type=int, default=1,
                        help="worker processes (-1: all cores; default: %(default)s)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_input_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Segment INPUT... and write JSON lines."""
    check_not_input(args.output, args.inputs)
    segments = segment_corpus(
        args.inputs, unit=args.unit, window=args.window,
        include_interviewer=args.include_interviewer, patterns=args.speakers,
        n_jobs=args.jobs, progress=not args.no_progress and sys.stderr.isatty(),
        encoding=args.encoding, max_bytes=args.max_bytes)
    count = 0
    documents: set[str] = set()
    if args.output in (None, "-"):
        for seg in segments:
            sys.stdout.write(_line(seg))
            count += 1
            documents.add(seg.document_id)
        sys.stdout.flush()
    else:
        with atomic_writer(args.output, "w") as fh:
            for seg in segments:
                fh.write(_line(seg))  # type: ignore[arg-type]
                count += 1
                documents.add(seg.document_id)
            _check_some(count, args)  # inside the block: a failure leaves no file behind
    _check_some(count, args)
    print(f"cirmtext: {count} segments from {len(documents)} documents (unit: {args.unit})",
          file=sys.stderr)
    return 0


def _check_some(count: int, args: argparse.Namespace) -> None:
    if count == 0:
        raise SegmentationError("no segments were produced", path=args.inputs[0],
                                hint="add --include-interviewer or check the speaker labels")


def _line(seg: Any) -> str:
    record = {"id": seg.id, "document": seg.document_id, "speaker": seg.speaker,
              "role": seg.role, "unit": seg.unit, "text": seg.text, "start": seg.start,
              "end": seg.end, "original_start": seg.original_start,
              "original_end": seg.original_end, "metadata": seg.metadata}
    return json.dumps(record, ensure_ascii=False) + "\n"
