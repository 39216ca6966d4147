"""The command line, in-process through ``main(argv)`` plus one real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cirmtext.cli import main

BROKEN = "مشاركت شهروندان\u200f در تصميم‌گيري\n"
FIXED = "مشارکت شهروندان در تصمیم‌گیری\n"


def test_normalize_file_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["normalize", str(src), "-o", str(out), "--explain"]) == 0
    assert out.read_text(encoding="utf-8") == FIXED
    err = capsys.readouterr().err
    assert "unify_arabic_letters" in err
    assert "fixes" in err


def test_normalize_streams_a_long_input_in_sections(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from cirmtext.repair import SECTION_CHARS, normalize

    paragraph = ("مد یریت ارتباط با شهروند د ر سازمان هاي دولتي مهم است و مد یران آن را "
                 "مي دانند.\nکارکنان د ر هر واحد نظر مردم را مي پرسند.\n\n")
    text = paragraph * (2 * SECTION_CHARS // len(paragraph) + 3)
    src, out, fixes = tmp_path / "long.txt", tmp_path / "out.txt", tmp_path / "fixes.jsonl"
    src.write_text(text, encoding="utf-8")
    assert main(["normalize", str(src), "-o", str(out), "--explain-json", str(fixes)]) == 0
    assert out.read_text(encoding="utf-8") == normalize(text)
    edits = [json.loads(line) for line in fixes.read_text(encoding="utf-8").splitlines()]
    assert edits and edits[-1]["start"] > 2 * SECTION_CHARS  # offsets are into the whole input
    assert all(text[e["start"]:e["end"]] == e["before"] for e in edits)
    assert f"{len(edits)} fixes" in capsys.readouterr().err


def test_normalize_jobs_repair_sections_in_worker_processes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from cirmtext.repair import SECTION_CHARS, normalize

    if "fork" in multiprocessing.get_all_start_methods():  # forked, whatever threads run
        monkeypatch.setattr(sys.modules["cirmtext.repair.workers"], "fork_is_safe", lambda: True)

    paragraph = "مد یریت شهري در سازمان هاي دولتي ، بررسی شد.\nكارمندان مي گويند.\n\n"
    text = paragraph * (2 * SECTION_CHARS // len(paragraph) + 3)
    src, out = tmp_path / "long.txt", tmp_path / "out.txt"
    src.write_text(text, encoding="utf-8")
    assert main(["normalize", str(src), "-o", str(out), "--jobs", "2"]) == 0
    assert out.read_text(encoding="utf-8") == normalize(text, jobs=1)
    assert main(["normalize", str(src), "-o", str(out), "--jobs", "0"]) == 1
    assert "--jobs 0" in capsys.readouterr().err


def test_normalize_refuses_to_overwrite_its_input(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_text(BROKEN, encoding="utf-8")
    assert main(["normalize", str(src), "-o", str(src)]) == 1
    assert "both input and output" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == BROKEN


def test_windows_1256_input_is_read(tmp_path: Path) -> None:
    src = tmp_path / "legacy.txt"
    src.write_bytes(BROKEN.replace("\u200f", "").replace("‌", " ").encode("cp1256"))
    out = tmp_path / "out.txt"
    assert main(["normalize", str(src), "-o", str(out)]) == 0
    assert "مشارکت" in out.read_text(encoding="utf-8")


def test_binary_input_is_a_clear_error(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "photo.txt"
    src.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["normalize", str(src)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cirmtext: error: ")
    assert "photo.txt" in err
    assert "Traceback" not in err


def test_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["normalize", "-", "--disable", "no_such_rule"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_console_script_runs_as_a_subprocess(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cirmtext", "normalize", "-"],
        input=BROKEN.encode("utf-8"), capture_output=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8") == FIXED
