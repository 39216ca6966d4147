"""Interactive review in a terminal: one segment at a time, single keys, resumable.

Keys: ``1``-``9`` accept a suggestion (pressed again: reject it), ``a`` add another code, ``x``
take a code off, ``m`` write a memo, ``Enter`` (or ``n``) finish the segment and go on, ``s`` skip
it for now, ``u`` undo the last decision, ``?`` help, ``q`` quit. Every decision is in the
project file the moment its key is pressed, so quitting or a crash loses nothing already
decided; starting again resumes where the coder left off.

Terminals without bidirectional text support show Persian letters in reverse order; ``bidi=True``
(``--bidi``) reorders each displayed line visually with python-bidi's ``get_display``.

Keys come from a :class:`KeySource`; :class:`ScriptedKeys` drives the review from a list, which
is how the tests run it.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from ..errors import ConfigError
from .session import ReviewSession, SegmentView
from .store import Project

__all__ = ["HELP", "KeySource", "ScriptedKeys", "TerminalKeys", "bidi_display", "review"]

HELP = ("1-9 accept/reject suggestion · a add code · x remove code · m memo · "
        "Enter/n done, next · s skip · u undo · ? help · q quit")


class KeySource(Protocol):
    """Where the review reads keys and typed lines from."""

    def key(self) -> str:
        """One key press ("\\n" for Enter; "" when input has ended)."""
        ...

    def line(self, prompt: str) -> str:
        """A line of text typed after ``prompt`` (e.g. a memo)."""
        ...


class ScriptedKeys:
    """Keys and lines from a list, in order, for tests and scripted sessions.

    >>> keys = ScriptedKeys(["1", "m", "یادداشت", "q"])
    >>> keys.key(), keys.key(), keys.line("memo: "), keys.key(), keys.key()
    ('1', 'm', 'یادداشت', 'q', '')
    """

    def __init__(self, items: Iterable[str]) -> None:
        self._items: Iterator[str] = iter(items)

    def key(self) -> str:
        """The next scripted item ("" when the script has ended)."""
        return next(self._items, "")

    def line(self, prompt: str) -> str:
        """The next scripted item, taken as a typed line."""
        return next(self._items, "")


class TerminalKeys:
    """Single key presses from a terminal (raw mode); whole lines when stdin is not a terminal."""

    def __init__(self, stream: object = None) -> None:
        self._stream = stream or sys.stdin

    def key(self) -> str:
        """Read one key without waiting for Enter."""
        stream = self._stream
        if not getattr(stream, "isatty", lambda: False)():
            line = stream.readline()  # type: ignore[attr-defined]
            if not line:
                return ""
            return line.rstrip("\r\n")[:1] or "\n"
        import termios
        import tty

        fd = stream.fileno()  # type: ignore[attr-defined]
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            ch = stream.read(1)  # type: ignore[attr-defined]
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        return "\n" if ch == "\r" else ch

    def line(self, prompt: str) -> str:
        """Read a typed line (echoed, with line editing)."""
        sys.stdout.write(prompt)
        sys.stdout.flush()
        text: str = self._stream.readline()  # type: ignore[attr-defined]
        return text.rstrip("\r\n")


def bidi_display() -> Callable[[str], str]:
    """python-bidi's ``get_display``, or a :class:`ConfigError` saying how to install it."""
    try:
        from bidi import get_display  # python-bidi >= 0.5
    except ImportError:
        try:
            from bidi.algorithm import get_display
        except ImportError:
            raise ConfigError("--bidi needs the python-bidi package, which is not installed",
                              hint='pip install "cirmtext[review]"  (or: pip install python-bidi)'
                              ) from None
    return get_display  # type: ignore[no-any-return]


class _Screen:
    def __init__(self, write: Callable[[str], object], bidi: bool, width: int | None) -> None:
        self.write = write
        self.shape: Callable[[str], str] = bidi_display() if bidi else (lambda s: s)
        self.width = width or max(40, shutil.get_terminal_size((100, 24)).columns - 2)

    def line(self, text: str = "") -> None:
        self.write(self.shape(text) + "\n")

    def para(self, text: str, indent: str = "  ") -> None:
        for raw in text.splitlines() or [""]:
            for part in textwrap.wrap(raw, self.width - len(indent)) or [""]:
                self.line(indent + part)


def _labels(project: Project) -> dict[str, str]:
    codebook = project.codebook()
    return {} if codebook is None else {c.id: c.label for c in codebook.codes}


def _show(screen: _Screen, view: SegmentView, labels: dict[str, str], remaining: int) -> None:
    seg = view.segment
    who = f" · {seg.speaker}" if seg.speaker else ""
    screen.line("─" * min(screen.width, 78))
    screen.line(f"[{view.index}/{view.total}] {view.document} {seg.start}-{seg.end}{who}"
                f" · {remaining} undecided")
    screen.para(seg.text)
    screen.line()
    for n, s in enumerate(view.suggestions[:9], 1):
        mark = "✓" if s.code_id in view.state.codes else (
            "✗" if s.code_id in view.state.rejected else " ")
        # The words that triggered the code; "combined" entries only record how parts were
        # weighed (see the CSV/JSON export for them).
        terms = "، ".join(dict.fromkeys(e.term for e in s.evidence if e.kind != "combined"))
        screen.line(f" {n} [{mark}] {s.code_id} {labels.get(s.code_id, '')} "
                    f"({s.score:.2f} {s.method})")
        if terms:
            screen.para(f"evidence: {terms}", indent="       ")
    suggested = {s.code_id for s in view.suggestions}
    extra = sorted(view.state.codes - suggested)
    if extra:
        screen.line("added: " + ", ".join(f"{c} {labels.get(c, '')}".strip() for c in extra))
    if view.state.memo:
        screen.line(f"memo: {view.state.memo}")
    screen.line(HELP)


def _resolve_code(text: str, labels: dict[str, str]) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not labels or text in labels:
        return text
    by_label = [cid for cid, label in labels.items() if label == text]
    return by_label[0] if len(by_label) == 1 else None


def review(project: Project, coder: str, *, keys: KeySource | None = None,
           write: Callable[[str], object] | None = None, bidi: bool = False,
           width: int | None = None) -> ReviewSession:
    """Run an interactive review until the coder quits or no undecided segment is left.

    Args:
        project: an open, writable project.
        coder: the name recorded with every decision.
        keys: where keys come from (default: the terminal).
        write: where the screen goes (default: standard output).
        bidi: reorder right-to-left lines for terminals without bidi support.
        width: the line width (default: the terminal's).

    Returns:
        The session, to ask what is left (``remaining()``, ``finished``).
    """
    screen = _Screen(write or sys.stdout.write, bidi, width)
    keys = keys or TerminalKeys()
    session = ReviewSession(project, coder)
    labels = _labels(project)
    while True:
        view = session.current()
        if view is None:
            screen.line(f"no undecided segment left for {coder}.")
            return session
        _show(screen, view, labels, session.remaining())
        key = keys.key()
        if key in ("", "q"):
            screen.line("saved; run the same command to resume.")
            return session
        try:
            _dispatch(key, session, keys, screen, labels)
        except IndexError as exc:
            screen.line(f"! {exc}")


def _dispatch(key: str, session: ReviewSession, keys: KeySource, screen: _Screen,
              labels: dict[str, str]) -> None:
    if key.isdigit() and key != "0":
        session.toggle(int(key))
    elif key in ("\n", "n"):
        session.done()
    elif key == "s":
        session.skip()
    elif key == "u":
        if session.undo() is None:
            screen.line("! nothing to undo")
    elif key in ("a", "x"):
        code = _resolve_code(keys.line("code (id or label): "), labels)
        if code is None:
            screen.line("! not a code of the codebook; nothing recorded")
        elif key == "a":
            session.add(code)
        else:
            session.remove(code)
    elif key == "m":
        text = keys.line("memo: ")
        if text.strip():
            session.memo(text.strip())
    elif key == "?":
        screen.line(HELP)
    else:
        screen.line(f"! unknown key {key!r}; {HELP}")
