"""The docs match the code: every CLI subcommand has help text and a section in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

from cirmtext.cli import build_parser, command_modules

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _subcommands() -> dict[str, str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return {choice.dest: (choice.help or "") for choice in action._choices_actions}


def test_every_subcommand_has_help_and_a_docs_section() -> None:
    cli_md = (DOCS / "cli.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^## (\S+)", cli_md, flags=re.MULTILINE))
    commands = _subcommands()
    assert len(commands) == len(command_modules())
    for name, help_text in commands.items():
        assert help_text.strip(), f"cirmtext {name} has no help text"
        assert name in sections, f"docs/cli.md has no '## {name}' section"


def test_docs_link_targets_exist() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)\)", readme):
        assert (DOCS.parent / target).is_file(), f"README links to missing {target}"
