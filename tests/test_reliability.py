"""Decisions survive a killed process; readers and a writer share a project; bad files refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from cirmtext.cli import main
from cirmtext.errors import ExportError, ProjectError
from cirmtext.records import Document, Segment
from cirmtext.refi.project import read_qdpx
from cirmtext.refi.project_import import import_qdpx
from cirmtext.review.store import Project

N_SEGMENTS = 50

WRITER = textwrap.dedent("""
    import sys
    from cirmtext.review.store import Project
    project = Project.open(sys.argv[1])
    limit = int(sys.argv[2])
    segments = [s.id for s in project.segments()]
    n = 0
    while limit == 0 or n < limit:
        d = project.record(segments[n % len(segments)], "add", "writer", code_id=f"C{n}")
        n += 1
        print(d.id, flush=True)
""")

READER = textwrap.dedent("""
    import sys, time
    from cirmtext.review.store import Project
    last, reads = 0, 0
    deadline = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < deadline:
        with Project.open(sys.argv[1], readonly=True) as project, project.snapshot():
            n = len(project.decisions())
            state = project.state()
            assert n >= last, (n, last)
            assert sum(len(s.codes) for s in state.values()) == n
            last, reads = n, reads + 1
    print(reads, last)
""")


def _project(path: Path) -> Path:
    text = " ".join(f"بند{i}." for i in range(N_SEGMENTS))
    segments, pos = [], 0
    for i in range(N_SEGMENTS):
        piece = f"بند{i}."
        segments.append(Segment(f"d:{i}", "d", pos, pos + len(piece), piece))
        pos += len(piece) + 1
    with Project.open(path, create=True) as p:
        p.add_document(Document("d", text, original=text), segments)
    return path


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writer_loses_at_most_the_decision_in_flight(tmp_path: Path) -> None:
    path = _project(tmp_path / "kill.cirm")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "0"],
                            stdout=subprocess.PIPE, text=True, env=_env())
    assert proc.stdout is not None
    confirmed = []
    for line in proc.stdout:
        confirmed.append(int(line))
        if len(confirmed) >= 150:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    confirmed += [int(line) for line in proc.stdout.read().split()]  # printed before the kill
    proc.stdout.close()
    with Project.open(path) as project:
        assert project.check() == []
        ids = [d.id for d in project.decisions()]
        # every decision the writer saw committed is there, in order, with no gap ...
        assert ids[:len(confirmed)] == confirmed == list(range(1, len(confirmed) + 1))
        # ... and at most one more: committed, but killed before it could say so
        assert len(ids) - len(confirmed) in (0, 1)
        assert sum(len(s.codes) for s in project.state().values()) == len(ids)
        # the file is still writable after the crash
        project.record("d:0", "done", "after")


def test_two_readers_while_one_writes(tmp_path: Path) -> None:
    path = _project(tmp_path / "shared.cirm")
    env = _env()
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(path), "3"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env) for _ in range(2)]
    time.sleep(0.5)
    writer = subprocess.run([sys.executable, "-c", WRITER, str(path), "300"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert writer.returncode == 0, writer.stderr
    for reader in readers:
        out, err = reader.communicate(timeout=60)
        assert reader.returncode == 0, err
        reads, _ = map(int, out.split())
        assert reads > 1
    with Project.open(path, readonly=True) as project:
        assert len(project.decisions()) == 300


def test_cli_names_a_foreign_or_damaged_project(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("یادداشت", encoding="utf-8")
    assert main(["status", str(notes)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cirmtext: error: ") and "notes.txt" in err and "not a cirmtext" in err
    good = _project(tmp_path / "good.cirm")
    broken = tmp_path / "broken.cirm"
    broken.write_bytes(good.read_bytes()[:100] + b"\x00" * 50)
    assert main(["status", str(broken)]) == 1
    assert "broken.cirm" in capsys.readouterr().err
    with pytest.raises(ProjectError):
        Project.open(broken)


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.qdpx"
    fake.write_text("<Project/>", encoding="utf-8")
    with pytest.raises(ExportError, match="not a REFI-QDA project"):
        read_qdpx(fake)


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
        zf.writestr("sources/big.txt", b"\x00" * (8 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ExportError, match="zip bomb"):
        read_qdpx(bomb, max_unpacked=1024 * 1024)
    assert read_qdpx(bomb, max_unpacked=16 * 1024 * 1024).root is not None


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
])
def test_external_entities_and_dtds_are_refused(tmp_path: Path, doctype: str) -> None:
    evil = tmp_path / "evil.qdpx"
    qde = ('<?xml version="1.0"?>' + doctype +
           '<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>')
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("project.qde", qde)
    target = Project.open(tmp_path / "p.cirm", create=True)
    with pytest.raises(ExportError, match="DTD"):
        import_qdpx(target, evil)
    assert target.decisions() == []
    target.close()


def test_qdpx_without_a_project_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("sources/a.txt", "متن")
    with pytest.raises(ExportError, match=r"no single project \.qde"):
        read_qdpx(empty)


def test_database_errors_inside_a_with_block_become_project_errors(tmp_path: Path) -> None:
    path = _project(tmp_path / "p.cirm")
    with pytest.raises(ProjectError, match=r"p\.cirm: cannot be read or written"), \
            Project.open(path, readonly=True) as project:
        project.record("d:0", "done", "مریم")        # a read-only connection cannot write
