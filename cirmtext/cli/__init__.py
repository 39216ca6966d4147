"""The ``cirmtext`` command line: thin subcommands over the library.

Each subcommand lives in its own module here (``cli/<command>.py``) and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a function
``(args) -> int``, and ``ORDER``, its place in ``--help``. Modules are found by name, so adding a
command means adding a module. :func:`main` turns any
:class:`~cirmtext.errors.CirmtextError` into ``cirmtext: error: ...`` on stderr and exit code 1
(argparse uses 2 for usage errors); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from .._version import __version__
from ..errors import CirmtextError

__all__ = ["build_parser", "command_modules", "main"]


def command_modules() -> list[ModuleType]:
    """The subcommand modules of this package, in the order ``--help`` lists them."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="cirmtext",
        description="Repair broken Persian text and suggest qualitative codes to confirm.",
        epilog=("Start with: cirmtext run corpora/samples -o out   (then: cirmtext review "
                "out/project.cirm)\n'cirmtext COMMAND --help' shows each command's options "
                "and an example."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cirmtext {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in command_modules():
        module.register(sub)
    _accept_debug_anywhere(parser)
    return parser


def _accept_debug_anywhere(parser: argparse.ArgumentParser) -> None:
    """Let ``--debug`` also follow the command (``cirmtext normalize x.txt --debug``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                if not any(a.dest == "debug" for a in sub._actions):
                    sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                     help="show tracebacks for errors")
                _accept_debug_anywhere(sub)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    _use_utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CirmtextError as exc:
        if args.debug:
            raise
        print(f"cirmtext: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cirmtext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _use_utf8_streams() -> None:
    """Print Persian correctly even where the locale is not UTF-8 (e.g. Windows consoles).

    Under such a locale Python decodes non-ASCII file names in ``sys.argv`` with
    ``surrogateescape``; writing with the same handler gives back their original (UTF-8) bytes
    instead of failing on the surrogates.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            reconfigure(encoding="utf-8", errors="surrogateescape")
