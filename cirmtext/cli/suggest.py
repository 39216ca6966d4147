"""``cirmtext suggest``: candidate codes for every segment of a JSONL file, with evidence."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from ..codebook import load_codebook
from ..errors import InputError
from ..io import read_text
from ..records import Evidence, Segment, Suggestion
from ..suggest.base import METHODS, get_suggester, suggestion_record
from ._common import add_input_options, check_level, check_not_input, suggester_params, write_output

__all__ = ["ORDER", "read_segments", "register"]

ORDER = 30

#: Keys of a line written by ``cirmtext segment`` (its text is already repaired), besides
#: ``document`` or ``document_id``.
_SEGMENT_KEYS = frozenset({"id", "start", "end", "text"})


def register(sub: Any) -> None:
    """Add the ``suggest`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "suggest",
        help="suggest codes from a codebook for each segment, with the evidence",
        description=(
            "Suggest codes for each segment of INPUT, a JSONL file from `cirmtext segment` or any "
            'JSONL of {"id", "text"} (raw text is repaired first; evidence offsets then still '
            "index the text as given). Writes one JSON line per segment: "
            '{"id", "suggestions": [{"code", "score", "method", "evidence"}, ...]}, best first.'
            "\n\nExample: cirmtext suggest --codebook cirm_phenomenography segments.jsonl "
            "-o suggestions.jsonl --top 3"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT",
                        help="segments JSONL, - for stdin, or a cirmtext project file")
    parser.add_argument("--codebook", default=None,
                        help="codebook file (.yaml .json .csv .qdc) or bundled name, e.g. "
                             "cirm_phenomenography (required for JSONL input; a project "
                             "defaults to its own codebook)")
    parser.add_argument("-o", "--output", default=None, help="output JSONL (default: stdout)")
    parser.add_argument("--top", type=int, default=5, metavar="K",
                        help="suggestions per segment (default: %(default)s; 0 = all)")
    parser.add_argument("--level", default=None,
                        help="codebook level to suggest at, e.g. phase1 (default: codable leaves)")
    parser.add_argument("--min-score", type=float, default=0.0,
                        help="leave out suggestions scoring below this (default: 0)")
    parser.add_argument("--method", default="all", choices=sorted(METHODS),
                        help="keywords, topics (seeded topic model), dataless (seeds grown "
                             "from the corpus) or all (one calibrated ranking combining "
                             "keywords, topics, similarity and the dataless model; "
                             "default: %(default)s)")
    parser.add_argument("--context", type=float, default=None, metavar="X",
                        help="for all and dataless: weight in [0, 1) of the rest of a "
                             "segment's document in its scores (about 0.5 suits categorised "
                             "documents; default: 0)")
    add_input_options(parser)
    parser.set_defaults(func=run)


def read_segments(path: str, *, encoding: str | None = None,
                  max_bytes: int | None = None) -> tuple[list[Segment], list[Any]]:
    """Segments from a JSONL file, and for each the repair of its text (``None`` if none ran).

    Lines from ``cirmtext segment`` are taken as they are; other ``{"id", "text"}`` lines are
    repaired, and the returned ``Repaired`` maps offsets back to the text as given.
    """
    from ..codebook import light_repair_config
    from ..repair import repair

    # Layout (line order, word order, brackets) is repaired at document level (``cirmtext
    # normalize``/``segment``), where there is enough text to judge; one segment is too little.
    config = light_repair_config()
    kwargs: dict[str, Any] = {"encoding": encoding}
    if max_bytes is not None:
        kwargs["max_bytes"] = max_bytes
    source = read_text(path, **kwargs)
    segments: list[Segment] = []
    repairs: list[Any] = []
    seen: set[str] = set()
    for number, item in _json_lines(source.text, source.path):
        text = item.get("text")
        if not isinstance(text, str):
            raise InputError(f"line {number} has no \"text\" string", path=source.path,
                             line=number, hint='give one {"id", "text"} object per line')
        seg_id = str(item.get("id", f"line{number}"))
        if seg_id in seen:
            raise InputError(f"duplicate segment id {seg_id!r}", path=source.path, line=number,
                             hint="give every segment its own id")
        seen.add(seg_id)
        document = str(item.get("document_id", item.get("document")) or "")
        if _SEGMENT_KEYS <= set(item) and ("document" in item or "document_id" in item):
            start, end = item["start"], item["end"]
            if not isinstance(start, int) or not isinstance(end, int):
                raise InputError(f"line {number}: start and end must be integers",
                                 path=source.path, line=number)
            segments.append(Segment(seg_id, document, start, end, text,
                                    unit=str(item.get("unit") or "paragraph"),
                                    speaker=item.get("speaker"), role=item.get("role")))
            repairs.append(None)
        else:
            fixed = repair(text, config)
            segments.append(Segment(seg_id, document, 0, len(fixed.text), fixed.text))
            repairs.append(fixed if fixed.text != text else None)
    return segments, repairs


def _json_lines(text: str, path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number} is not JSON ({exc.msg})", path=path, line=number,
                             hint="INPUT must be JSON Lines: one object per line") from None
        if not isinstance(item, dict):
            raise InputError(f"line {number} is not a JSON object", path=path, line=number,
                             hint='give one {"id", "text"} object per line')
        yield number, item


def _to_input_offsets(suggestions: list[Suggestion], fixed: Any) -> list[Suggestion]:
    """Evidence spans of repaired text mapped back onto the text as given."""
    out = []
    for s in suggestions:
        evidence = []
        for e in s.evidence:
            if e.start is not None and e.end is not None:
                start, end = fixed.to_original(e.start, e.end)
                e = Evidence(e.kind, e.term, e.weight, start, end, e.note)
            evidence.append(e)
        out.append(Suggestion(s.segment_id, s.code_id, s.score, s.method, tuple(evidence)))
    return out


def run(args: argparse.Namespace) -> int:
    """Fit the method on INPUT's segments and write their suggestions."""
    check_not_input(args.output, [args.input, args.codebook])
    from ._project import is_project_file

    if is_project_file(args.input):
        from ._project import suggest_into_project

        return suggest_into_project(args)
    if not args.codebook:
        raise InputError("needs --codebook for JSONL input", path=args.input,
                         hint="e.g. --codebook cirm_phenomenography, or a codebook file")
    codebook = load_codebook(args.codebook)
    check_level(codebook, args.level)
    segments, repairs = read_segments(args.input, encoding=args.encoding,
                                      max_bytes=args.max_bytes)
    top = None if args.top <= 0 else args.top
    params = suggester_params(args)
    suggester = get_suggester(args.method, codebook, **params).fit(segments)
    results = suggester.suggest(segments, top_k=top)
    lines = []
    with_codes = 0
    for segment, fixed, suggestions in zip(segments, repairs, results, strict=True):
        if fixed is not None:
            suggestions = _to_input_offsets(suggestions, fixed)
        with_codes += bool(suggestions)
        lines.append(json.dumps(suggestion_record(segment.id, suggestions), ensure_ascii=False))
    write_output(args.output, "".join(line + "\n" for line in lines))
    print(f"cirmtext: {len(segments)} segments, {with_codes} with suggestions "
          f"({args.method}, codebook {codebook.id} {codebook.fingerprint[:12]})", file=sys.stderr)
    return 0
