"""The project file: migrations, transactions, the append-only log and state replayed from it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cirmtext.corpus import document_from_text
from cirmtext.errors import ProjectError
from cirmtext.records import Document, Segment, Suggestion
from cirmtext.review.ingest import add_document
from cirmtext.review.schema import MIGRATIONS
from cirmtext.review.store import APPLICATION_ID, Project

TEXT = ("مصاحبه‌گر: از تجربه‌تان بگویید.\n"
        "مصاحبه‌شونده: ما با شهروندان جلسه می‌گذاریم و نظرشان را می‌پرسیم.\n"
        "مصاحبه‌گر: مشکل اصلی چیست؟\n"
        "مصاحبه‌شونده: بودجه کم است و کارکنان آموزش ندیده‌اند.\n")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.open(tmp_path / "study.cirm", create=True)
    add_document(p, document_from_text(TEXT, "interview_a"))
    yield p
    p.close()


def test_new_project_records_named_migrations_and_identity(project: Project) -> None:
    assert project.migrations() == [name for name, _ in MIGRATIONS]
    db = project._db
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert project.meta()["format"] == "cirmtext-project"
    assert project.check() == []


def test_documents_and_segments_round_trip(project: Project) -> None:
    segments = project.segments()
    assert [s.speaker for s in segments] == ["مصاحبه‌شونده", "مصاحبه‌شونده"]
    doc = project.documents()[0]
    for s in segments:
        assert doc.text[s.start:s.end] == s.text
        assert doc.original[s.original_start:s.original_end] == s.text
    assert project.segment(segments[0].id) == segments[0]
    # the same text again is a no-op; another text under the same id is refused
    assert not project.add_document(document_from_text(TEXT, "interview_a"), [])
    with pytest.raises(ProjectError, match="different document"):
        project.add_document(document_from_text(TEXT + "x", "interview_a"), [])


def test_offset_map_is_stored(tmp_path: Path) -> None:
    raw = "مصاحبه‌شونده: مشاركت مردم مهم است.\n"  # Arabic kaf, repaired to Persian
    with Project.open(tmp_path / "p.cirm", create=True) as p:
        doc = document_from_text(raw, "d")
        add_document(p, doc)
        seg = p.segments()[0]
        assert "مشارکت" in seg.text
        start = doc.text.index("مشارکت")
        assert p.offsets("d").span_to_input(start, start + 6) == (14, 20)
        assert raw[seg.original_start:seg.original_end] == "مشاركت مردم مهم است."


def test_atomic_nests_with_savepoints(project: Project) -> None:
    sid = project.segments()[0].id
    with project.atomic():
        project.record(sid, "add", "مریم", code_id="C1")
        with pytest.raises(RuntimeError), project.atomic():
            project.record(sid, "add", "مریم", code_id="C2")
            raise RuntimeError
    assert [d.code_id for d in project.decisions()] == ["C1"]
    with pytest.raises(RuntimeError), project.atomic():
        project.record(sid, "add", "مریم", code_id="C3")
        raise RuntimeError
    assert [d.code_id for d in project.decisions()] == ["C1"]


def test_log_is_append_only(project: Project) -> None:
    sid = project.segments()[0].id
    project.record(sid, "add", "مریم", code_id="C1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project._db.execute("UPDATE decisions SET code_id = 'C9'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project._db.execute("DELETE FROM decisions")
    assert [d.code_id for d in project.decisions()] == ["C1"]


def test_state_is_replayed_from_the_log(project: Project) -> None:
    s1, s2 = (s.id for s in project.segments())
    project.record(s1, "accept", "مریم", code_id="C1", suggestion_method="keywords")
    project.record(s1, "reject", "مریم", code_id="C2")
    project.record(s1, "add", "مریم", code_id="C3")
    project.record(s1, "change", "مریم", code_id="C4", previous_code_id="C3")
    project.record(s1, "memo", "مریم", memo="بودجه مهم است")
    last = project.record(s1, "remove", "مریم", code_id="C1")
    project.record(s1, "undo", "مریم", undoes=last.id)
    project.record(s2, "done", "علی")
    state = project.state()
    mine = state[("مریم", s1)]
    assert mine.codes == {"C1", "C4"}
    assert mine.rejected == {"C2"}
    assert mine.memo == "بودجه مهم است"
    assert not mine.done and mine.decided
    assert state[("علی", s2)].done and state[("علی", s2)].codes == frozenset()
    assert project.coders() == ["مریم", "علی"]
    assert len(project.decisions()) == 8
    assert len(project.decisions(live=True)) == 6
    assert set(project.state("علی")) == {("علی", s2)}


def test_bad_decisions_are_refused(project: Project) -> None:
    sid = project.segments()[0].id
    with pytest.raises(ProjectError, match="unknown decision action"):
        project.record(sid, "approve", "مریم", code_id="C1")
    with pytest.raises(ProjectError, match="needs a code"):
        project.record(sid, "accept", "مریم")
    with pytest.raises(ProjectError, match="coder"):
        project.record(sid, "done", " ")
    with pytest.raises(ProjectError, match="not-a-segment"):
        project.record("not-a-segment", "done", "مریم")
    assert project.decisions() == []


def test_current_suggestions_come_from_the_latest_run(project: Project) -> None:
    s1, s2 = (s.id for s in project.segments())
    project.add_suggestions([s1, s2], [Suggestion(s1, "C1", 0.9, "keywords"),
                                       Suggestion(s1, "C2", 0.4, "keywords"),
                                       Suggestion(s2, "C3", 0.5, "keywords")],
                            method="keywords", model="m1", codebook_version=None)
    project.add_suggestions([s2], [], method="keywords", model="m2", codebook_version=None)
    current = project.suggestions()
    assert [s.code_id for s in current[s1]] == ["C1", "C2"]
    assert s2 not in current  # the newer run found nothing for s2
    assert [r["model"] for r in project.suggestion_runs()] == ["m1", "m2"]


def test_codebook_versions(project: Project) -> None:
    from cirmtext.codebook import Codebook

    cb = Codebook.from_dict({"id": "demo", "codes": [{"id": "C1", "label": "مشارکت"}]})
    assert project.codebook() is None
    v1 = project.add_codebook(cb)
    assert project.add_codebook(cb) == v1
    cb2 = Codebook.from_dict({"id": "demo", "codes": [{"id": "C1", "label": "مشارکت مردم"}]})
    v2 = project.add_codebook(cb2)
    assert v2 == v1 + 1 == project.codebook_version()
    assert project.codebook() == cb2 and project.codebook(v1) == cb


def test_missing_foreign_and_damaged_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project"):
        Project.open(tmp_path / "missing.cirm")
    text = tmp_path / "notes.cirm"
    text.write_text("این یک پروژه نیست", encoding="utf-8")
    with pytest.raises(ProjectError, match="not an SQLite database"):
        Project.open(text)
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(ProjectError, match="not a cirmtext project"):
        Project.open(foreign)
    good = tmp_path / "good.cirm"
    Project.open(good, create=True).close()
    damaged = tmp_path / "damaged.cirm"
    data = bytearray(good.read_bytes())
    data[16:100] = b"\xff" * 84  # page size and header fields garbled
    damaged.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="damaged"):
        Project.open(damaged)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.cirm"
    Project.open(path, create=True).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(ProjectError, match="newer cirmtext"):
        Project.open(path)


def test_readonly_open_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "ro.cirm"
    with Project.open(path, create=True) as p:
        p.add_document(Document("d", "متن", original="متن"), [Segment("d:1", "d", 0, 3, "متن")])
    with Project.open(path, readonly=True) as ro:
        assert len(ro.segments()) == 1
        with pytest.raises(sqlite3.OperationalError):
            ro.record("d:1", "done", "مریم")
