"""The docs match the code: every CLI subcommand has help text and a section in docs/cli.md."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

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


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """Every command and codebook action with its parser, e.g. ``("codebook expand", ...)``."""
    found = []

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if name and not subs:
            found.append((name, parser))
        for action in subs:
            for choice, sub in action.choices.items():
                walk(sub, f"{name} {choice}".strip())

    walk(build_parser(), "")
    return found


def test_every_command_help_has_an_example() -> None:
    for name, parser in _parsers():
        assert f"cirmtext {name} " in (parser.description or ""), \
            f"`cirmtext {name} --help` shows no example"
        for action in parser._actions:
            if action.dest != "help":
                assert action.help, f"cirmtext {name}: {action.dest} has no help text"


def test_every_option_is_in_docs_cli_md() -> None:
    """Each option is named in its command's section of docs/cli.md, or in the introduction."""
    cli_md = (DOCS / "cli.md").read_text(encoding="utf-8")
    intro, *parts = re.split(r"^## ", cli_md, flags=re.MULTILINE)
    sections = {part.split("\n", 1)[0].strip(): part for part in parts}
    for name, parser in _parsers():
        text = intro + sections[name.split()[0]]
        for action in parser._actions:
            if action.dest == "help" or not action.option_strings:
                continue
            assert any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", text)
                       for o in action.option_strings), \
                f"docs/cli.md does not mention {action.option_strings} of cirmtext {name}"


@pytest.mark.parametrize("page", ["index", "tokenize", "suggest", "codebook"])
def test_python_examples_run(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    """The Python blocks of a page run in order, as a reader in a checkout would.

    They run in a scratch folder that sees the repository's ``corpora``, so files the examples
    write (``codes.qdc``, ``study.cirm``) never land in the working tree.
    """
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL))
    assert code.strip(), f"docs/{page}.md has no Python example"
    (tmp_path / "corpora").symlink_to(DOCS.parent / "corpora")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"docs/{page}.md", "exec"), {"__name__": "__docs__"})
    capsys.readouterr()
