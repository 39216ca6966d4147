"""``cirmtext suggest PROJECT``: the project-file branch of the suggest command.

``cirmtext suggest`` reads JSONL segments; given a project file (recognised by its SQLite
header) it instead stores suggestions for every undecided segment of the project, with the
codebook given (``--codebook``), else the project's latest codebook, else the bundled
``cirm_phenomenography``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..codebook import load_codebook
from ..errors import ConfigError
from ..review.autosuggest import suggest_project
from ..review.store import Project
from ._common import check_level, suggester_params

__all__ = ["DEFAULT_CODEBOOK", "is_project_file", "suggest_into_project"]

#: The codebook used when neither ``--codebook`` nor the project names one.
DEFAULT_CODEBOOK = "cirm_phenomenography"


def is_project_file(path: str) -> bool:
    """Whether ``path`` is meant as a project: an SQLite file, or any path named ``*.cirm``."""
    p = Path(path)
    if path != "-" and p.suffix.lower() == ".cirm":
        return True  # opening it names the problem (missing, a folder, not SQLite)
    if path == "-" or not p.is_file():
        return False
    with p.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def suggest_into_project(args: argparse.Namespace) -> int:
    """Store suggestions in the project ``args.input`` (options as for ``cirmtext suggest``)."""
    params = suggester_params(args)
    top = None if args.top <= 0 else args.top
    if getattr(args, "output", None) not in (None, "-"):
        raise ConfigError("-o is not used when INPUT is a project (suggestions are stored in it)",
                          path=args.input, hint=f"to see them: cirmtext export {args.input} "
                                                "-o suggestions.csv --suggestions")
    with Project.open(args.input) as project:
        codebook = (load_codebook(args.codebook) if args.codebook
                    else project.codebook() or load_codebook(DEFAULT_CODEBOOK))
        check_level(codebook, getattr(args, "level", None))
        result = suggest_project(project, codebook, method=args.method, top_k=top, **params)
    learned = (f"; re-ranked by {result.confirmed} confirmed segments and {result.rejected} "
               "rejections" if result.confirmed or result.rejected else "")
    print(f"cirmtext: {result.segments} undecided segments, {result.with_suggestions} with "
          f"suggestions ({result.suggestions} in all; codebook {codebook.id} version "
          f"{result.codebook_version}{learned}) stored in {args.input}", file=sys.stderr)
    return 0
