"""The main job (repair, segment, suggest, project file, exports) and the project commands."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from cirmtext.cli import main
from cirmtext.pipeline import run
from cirmtext.review.store import Project

INTERVIEW = ("---\nparticipant: P01\n---\n"
             "مصاحبه‌گر: نقش شهروندان در تصمیم‌ها چیست؟\n"
             "مصاحبه‌شونده: شهروندان در جلسه‌های محله مشاركت می‌کنند و نظر مردم را می‌پرسیم.\n"
             "مصاحبه‌گر: فناوری چه کمکی کرده است؟\n"
             "مصاحبه‌شونده: سامانه الکترونیکی شکایت‌ها را ثبت می‌کند و پاسخ‌گویی سریع‌تر شده است.\n")
NOTES = ("یادداشت میدانی: مدیران از کمبود بودجه و آموزش کارکنان گله داشتند.\n\n"
         "در جلسه دوم درباره اعتماد مردم به سازمان صحبت شد.\n")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "interview.txt").write_text(INTERVIEW, encoding="utf-8")
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    return folder


def test_main_job_writes_project_and_exports(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run([corpus], out)          # the default: the combined method
    assert summary.documents == 2
    assert summary.segments == 4          # 2 respondent turns + 2 paragraphs of notes
    assert summary.fixes["unify_arabic_letters"] >= 1
    assert summary.suggested_segments >= 1
    for name in ("project.cirm", "segments.csv", "project.qdpx", "summary.json",
                 "interview.repaired.txt", "notes.repaired.txt"):
        assert (out / name).is_file(), name
    with Project.open(out / "project.cirm", readonly=True) as project:
        assert project.codebook().id == "cirm_phenomenography"
        segments = project.segments()
        assert {s.unit for s in segments} == {"turn", "paragraph"}
        assert sum(len(v) for v in project.suggestions().values()) == summary.suggestions
    rows = list(csv.DictReader(io.StringIO((out / "segments.csv").read_text("utf-8"))))
    assert {r["segment_id"] for r in rows} == {s.id for s in segments}
    assert {r["status"] for r in rows} <= {"suggested", "uncoded"}
    with zipfile.ZipFile(out / "project.qdpx") as zf:
        qde = zf.read("project.qde").decode("utf-8")
        texts = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("sources/")]
    assert 'name="cirmtext"' in qde and INTERVIEW in texts   # the text as read, unrepaired
    report = json.loads((out / "summary.json").read_text("utf-8"))
    assert report["segments"] == 4 and report["codebook"] == "cirm_phenomenography"


def test_rerun_keeps_decisions(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([corpus], out, method="keywords")
    with Project.open(out / "project.cirm") as project:
        first = project.segments()[0]
        project.record(first.id, "add", "مریم", code_id="C01")
        before = project.suggestions()[first.id] if first.id in project.suggestions() else []
    run([corpus], out, method="keywords")
    with Project.open(out / "project.cirm", readonly=True) as project:
        assert len(project.documents()) == 2
        assert [d.code_id for d in project.decisions()] == ["C01"]
        assert project.suggestions().get(first.id, []) == before   # decided: not re-suggested
    rows = list(csv.DictReader(io.StringIO((out / "segments.csv").read_text("utf-8"))))
    assert any(r["coder"] == "مریم" and r["status"] == "coded" for r in rows)


def test_cli_run_prints_a_persian_summary(corpus: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(corpus), "-o", str(tmp_path / "out"), "--method", "keywords"]) == 0
    printed = capsys.readouterr().out
    assert "سندها: 2" in printed and "بخش‌ها: 4" in printed
    assert str(tmp_path / "out" / "project.cirm") in printed
    assert f"نتایج در {tmp_path / 'out'}" in printed            # where the results are
    assert f"{tmp_path / 'out' / '*.repaired.txt'} (2 repaired texts)" in printed


def test_project_commands_end_to_end(corpus: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = str(tmp_path / "study.cirm")
    assert main(["init", project, "--codebook", "cirm_phenomenography"]) == 0
    assert main(["init", project]) == 1                      # never overwrites
    assert "already exists" in capsys.readouterr().err
    assert main(["add", project, str(corpus)]) == 0
    assert "added 2 documents, 4 segments" in capsys.readouterr().out
    from cirmtext.cli._project import is_project_file, suggest_into_project

    assert is_project_file(project) and not is_project_file(str(corpus / "notes.md"))
    import argparse

    args = argparse.Namespace(input=project, codebook=None, top=3, min_score=0.0, level=None,
                              method="keywords")
    assert suggest_into_project(args) == 0
    assert "4 undecided segments" in capsys.readouterr().err
    # review from piped input (not a terminal: one key per line)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n\n\n\nq\n"))
    assert main(["review", project, "--coder", "مریم", "--width", "70"]) == 0
    out = capsys.readouterr().out
    assert "[1/4]" in out and "مریم has" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\n\n\n"))
    assert main(["review", project, "--coder", "علی"]) == 0
    assert main(["status", project, "--check"]) == 0
    status = capsys.readouterr().out
    assert "مریم: 3/4 segments decided" in status and "integrity: ok" in status
    assert main(["agreement", project, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["coders"] == ["علی", "مریم"] and report["pairs"][0]["segments"] == 3
    for name in ("coded.csv", "coded.qdpx", "book.qdc"):
        assert main(["export", project, "-o", str(tmp_path / name), "--suggestions"]) == 0
        assert (tmp_path / name).is_file()
    assert main(["export", project, "-o", str(tmp_path / "coded.xlsx")]) == 1
    assert "cannot export" in capsys.readouterr().err
    assert main(["import", project, str(tmp_path / "coded.qdpx")]) == 0
    assert "0 recorded" in capsys.readouterr().out
