"""Pieces shared by several subcommands: input/output options and safe writing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..io import DEFAULT_MAX_BYTES, atomic_write

__all__ = ["add_input_options", "check_level", "check_not_input", "write_output"]


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """``--encoding`` and ``--max-bytes`` for commands that read users' files."""
    parser.add_argument("--encoding", default=None,
                        help="encoding of text input (default: detect UTF-8, UTF-16, cp1256)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help="refuse inputs larger than this (default: %(default)s)")


def check_not_input(output: str | None, inputs: list[str | None]) -> None:
    """Refuse to write over one of the inputs, or over a file inside an input folder.

    ``None`` and ``-`` among ``inputs`` (an option not given, standard input) are skipped.
    """
    if output in (None, "-"):
        return
    out = Path(output).resolve()
    for name in inputs:
        if name in (None, "-"):
            continue
        given = Path(name).resolve()
        if given == out:
            raise InputError("is both input and output", path=output,
                             hint="write the output to another file")
        if given.is_dir() and out.is_file() and given in out.parents:
            raise InputError(f"is a file inside the input folder {name}", path=output,
                             hint="write the output outside the folders being read")


def write_output(output: str | None, text: str) -> None:
    """Write ``text`` to a file atomically, or to stdout for ``None`` or ``-``."""
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write(output, text)


def check_level(codebook: Any, level: str | None) -> None:
    """Refuse a ``--level`` the codebook does not have, before any work is done."""
    if not level:
        return
    try:
        codebook.at_level(level)
    except KeyError:
        raise ConfigError(f"has no level {level!r}", path=codebook.path or codebook.id,
                          hint=f"use one of: {', '.join(codebook.levels)}") from None


#: Suggestion methods that mix in the rest of a segment's document (``--context``).
CONTEXT_METHODS = ("all", "dataless")


def suggester_params(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments for ``get_suggester`` from ``cirmtext suggest``'s options.

    One place for both ways in (a JSONL file and a project), so they cannot drift apart.
    """
    params: dict[str, Any] = {}
    if getattr(args, "min_score", 0.0):
        params["min_score"] = args.min_score
    if getattr(args, "level", None):
        params["level"] = args.level
    context = getattr(args, "context", None)
    if context is not None:
        if args.method not in CONTEXT_METHODS:
            raise ConfigError(f"--context is not used by --method {args.method}",
                              hint=f"it applies to: {', '.join(CONTEXT_METHODS)}")
        if not 0.0 <= context < 1.0:
            raise ConfigError(f"--context must be in [0, 1), not {context}")
        params["context"] = context
    return params
