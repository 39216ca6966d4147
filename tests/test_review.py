"""Review without a terminal (ReviewSession) and a scripted terminal review (tui.review)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cirmtext.codebook import Codebook
from cirmtext.corpus import document_from_text
from cirmtext.errors import ConfigError
from cirmtext.records import Evidence, Suggestion
from cirmtext.review.ingest import add_document
from cirmtext.review.session import ReviewSession
from cirmtext.review.store import Project
from cirmtext.review.tui import ScriptedKeys, bidi_display, review

TEXT = "\n".join([
    "مصاحبه‌گر: شروع کنیم.",
    "مصاحبه‌شونده: شهروندان در جلسه‌های محله شرکت می‌کنند.",
    "مصاحبه‌گر: و بعد؟",
    "مصاحبه‌شونده: سامانه پیامکی شکایت‌ها را ثبت می‌کند.",
    "مصاحبه‌گر: مشکل چیست؟",
    "مصاحبه‌شونده: بودجه کافی نداریم.",
]) + "\n"

CODEBOOK = Codebook.from_dict({"id": "demo", "codes": [
    {"id": "C1", "label": "مشارکت"}, {"id": "C2", "label": "فناوری"},
    {"id": "C3", "label": "منابع مالی"}]})


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.open(tmp_path / "review.cirm", create=True)
    add_document(p, document_from_text(TEXT, "interview_a"))
    p.add_codebook(CODEBOOK)
    s1, s2, s3 = (s.id for s in p.segments())
    ev = (Evidence("keyword", "شهروندان", 0.8, 0, 8),)
    p.add_suggestions([s1, s2, s3], [
        Suggestion(s1, "C1", 0.9, "keywords", ev), Suggestion(s1, "C2", 0.3, "keywords"),
        Suggestion(s2, "C2", 0.8, "keywords"), Suggestion(s3, "C3", 0.7, "keywords")],
        method="keywords", model="test", codebook_version=1)
    yield p
    p.close()


def test_session_walks_decides_and_undoes(project: Project) -> None:
    s1, s2, s3 = (s.id for s in project.segments())
    session = ReviewSession(project, "مریم")
    view = session.current()
    assert view is not None and view.segment.id == s1 and view.index == 1 and view.total == 3
    assert [s.code_id for s in view.suggestions] == ["C1", "C2"]
    assert session.toggle(1).action == "accept"
    assert session.toggle(1).action == "reject"     # pressed again: rejected
    assert session.toggle(1).action == "accept"
    session.add("C3")
    session.memo("جلسه‌های محله")
    with pytest.raises(IndexError):
        session.toggle(5)
    session.done()
    assert session.current().segment.id == s2
    session.skip()
    assert session.current().segment.id == s3
    session.undo()  # takes back "done" on s1 and goes there
    assert session.current().segment.id == s1
    assert project.state("مریم")[("مریم", s1)].codes == {"C1", "C3"}
    assert not project.state("مریم")[("مریم", s1)].done
    actions = [d.action for d in project.decisions("مریم")]
    assert actions == ["accept", "reject", "accept", "add", "memo", "done", "undo"]


def test_resume_where_the_coder_left_off(project: Project) -> None:
    s1, s2, s3 = (s.id for s in project.segments())
    first = ReviewSession(project, "مریم")
    first.toggle(1)
    first.done()
    first.toggle(1)           # s2: accepted, not yet finished
    again = ReviewSession(project, "مریم")
    assert again.current().segment.id == s2   # unfinished segment of the last entry
    again.done()
    assert ReviewSession(project, "مریم").current().segment.id == s3
    # another coder starts at the beginning
    assert ReviewSession(project, "علی").current().segment.id == s1
    assert ReviewSession(project, "مریم").remaining() == 1


def test_finishing_every_segment(project: Project) -> None:
    session = ReviewSession(project, "مریم")
    for _ in range(3):
        session.done()
    assert session.finished and session.current() is None
    with pytest.raises(IndexError):
        session.done()
    assert session.undo() is not None and not session.finished


def test_scripted_terminal_review(project: Project) -> None:
    s1, s2, _s3 = (s.id for s in project.segments())
    screen: list[str] = []
    keys = ScriptedKeys(["1", "a", "منابع مالی", "a", "ناموجود", "m", "یادداشت اول", "\n",
                         "z", "s", "u", "x", "C3", "\n", "q"])
    session = review(project, "مریم", keys=keys, write=screen.append, width=60)
    shown = "".join(screen)
    assert "[1/3]" in shown and "شهروندان در جلسه‌های محله" in shown
    assert "evidence: شهروندان" in shown
    assert "not a code of the codebook" in shown
    assert "unknown key 'z'" in shown
    assert "saved; run the same command to resume." in shown
    state = project.state("مریم")
    assert state[("مریم", s1)].codes == {"C1"}        # C3 added then removed after undo
    assert state[("مریم", s1)].memo == "یادداشت اول"
    assert state[("مریم", s1)].done
    assert ("مریم", s2) not in state                 # skipped: still undecided
    assert session.remaining() == 2
    # resume: a new scripted session starts at the first undecided segment after s1
    screen.clear()
    review(project, "مریم", keys=ScriptedKeys(["1", "\n", "\n", "\n"]), write=screen.append)
    shown = "".join(screen)
    assert "[2/3]" in shown and "no undecided segment left for مریم" in shown
    assert all(state.done for state in project.state("مریم").values())


def test_every_key_press_is_saved_at_once(project: Project, tmp_path: Path) -> None:
    review(project, "مریم", keys=ScriptedKeys(["1", "m", "نیمه‌کاره"]), write=lambda s: None)
    with Project.open(project.path, readonly=True) as other:
        assert [d.action for d in other.decisions()] == ["accept", "memo"]


def test_bidi_option(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("bidi")
    screen: list[str] = []
    review(project, "مریم", keys=ScriptedKeys(["q"]), write=screen.append, bidi=True)
    shown = "".join(screen)
    assert "شهروندان" not in shown                       # letters in visual order
    assert "شهروندان"[::-1] in shown
    monkeypatch.setitem(sys.modules, "bidi", None)
    with pytest.raises(ConfigError, match="pip install"):
        bidi_display()
