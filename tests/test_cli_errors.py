"""Bad input on every command: one clear line on stderr, a non-zero exit, no traceback, no
half-written file, and the input never overwritten.

Every error must read ``cirmtext: error: FILE: problem (what to do)``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import cirmtext.cli.segment as segment_cli
from cirmtext.cli import main

TRANSCRIPT = (
    "مصاحبه‌گر: لطفاً از تجربه‌تان با سامانه بگویید.\n"
    "پاسخ‌دهنده: ما داده‌های مشتریان را در سامانهٔ مدیریت ارتباط با مشتری نگه می‌داریم.\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    """One file of every kind of bad (and a few good) input, in ``tmp_path``."""
    made = {
        "ok": tmp_path / "ok.txt",
        "empty": tmp_path / "empty.txt",
        "png": tmp_path / "image.png",
        "cp1256": tmp_path / "legacy.txt",
        "utf16": tmp_path / "wide.txt",
        "jsonl": tmp_path / "segments.jsonl",
        "notjson": tmp_path / "broken.jsonl",
        "dup": tmp_path / "dup.yaml",
        "badyaml": tmp_path / "bad.yaml",
        "parent": tmp_path / "parent.yaml",
        "truncated": tmp_path / "truncated.cirm",
        "textcirm": tmp_path / "notes.cirm",
        "notzip": tmp_path / "export.qdpx",
        "dir": tmp_path / "folder",
        "missing": tmp_path / "missing.txt",
    }
    made["ok"].write_text(TRANSCRIPT, encoding="utf-8")
    made["empty"].write_bytes(b"")
    made["png"].write_bytes(PNG)
    legacy = TRANSCRIPT.replace("ی", "ي").replace("ک", "ك").replace("ٔ", "")
    made["cp1256"].write_bytes(legacy.encode("cp1256"))
    made["utf16"].write_bytes(TRANSCRIPT.encode("utf-16"))
    made["jsonl"].write_text('{"id": "a", "text": "سامانهٔ مشتریان"}\n', encoding="utf-8")
    made["notjson"].write_text('{"id": "a", "text": "سلام"}\nnot json\n', encoding="utf-8")
    made["dup"].write_text("id: x\ntitle: X\ncodes:\n  - id: A\n    label: الف\n"
                           "  - id: A\n    label: ب\n", encoding="utf-8")
    made["badyaml"].write_text("codes: [\n  - id: : :\n", encoding="utf-8")
    made["parent"].write_text("id: x\ntitle: X\ncodes:\n  - id: A\n    label: الف\n"
                              "    parent: ZZ\n", encoding="utf-8")
    made["truncated"].write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    made["textcirm"].write_text("یادداشت\n", encoding="utf-8")
    made["notzip"].write_text("not a zip", encoding="utf-8")
    made["dir"].mkdir()
    return made


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.cirm"
    assert main(["init", str(path), "--codebook", "cirm_phenomenography"]) == 0
    return path


def check_error(code: int, capsys: pytest.CaptureFixture[str], name: str | Path,
                *words: str) -> str:
    """The command failed with exactly one ``cirmtext: error: FILE: ... (hint)`` line."""
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("cirmtext: error: ")]
    assert len(lines) == 1, err
    assert str(Path(name).name) in lines[0], err
    assert lines[0].rstrip().endswith(")"), f"no hint in: {lines[0]}"
    for word in words:
        assert word in lines[0], err
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Temporary files an atomic write would leave behind if it failed to clean up."""
    return sorted(p.name for p in folder.rglob("*.tmp"))


# -- inputs that cannot be read -----------------------------------------------------------------

READERS = [
    ["normalize", "{f}"],
    ["segment", "{f}"],
    ["suggest", "--codebook", "cirm_phenomenography", "{f}"],
    ["topics", "{f}"],
    ["codebook", "expand", "cirm_phenomenography", "{f}"],
    ["run", "{f}", "-o", "{out}"],
]


def _argv(template: list[str], path: Path, out: Path) -> list[str]:
    return [a.format(f=path, out=out) for a in template]


@pytest.mark.parametrize("template", READERS, ids=lambda t: "-".join(t[:2]))
@pytest.mark.parametrize(("kind", "words"), [
    ("missing", ("does not exist",)),
    ("empty", ("empty",)),
    ("png", ("PNG",)),
])
def test_unreadable_input(template: list[str], kind: str, words: tuple[str, ...],
                          files: dict[str, Path], tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results"
    code = main(_argv(template, files[kind], out))
    check_error(code, capsys, files[kind], *words)
    assert not out.exists(), "a failed run must not leave an output folder"


@pytest.mark.parametrize("template", READERS, ids=lambda t: "-".join(t[:2]))
def test_directory_as_input(template: list[str], files: dict[str, Path], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(_argv(template, files["dir"], tmp_path / "results"))
    check_error(code, capsys, files["dir"])


@pytest.mark.parametrize("template", READERS[:4], ids=lambda t: t[0])
def test_input_over_max_bytes(template: list[str], files: dict[str, Path], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    kind = "ok" if template[0] in ("normalize", "segment") else "jsonl"
    out = tmp_path / "out.txt"
    code = main([*_argv(template, files[kind], tmp_path), "--max-bytes", "10", "-o", str(out)])
    check_error(code, capsys, files[kind], "over the limit", "--max-bytes")
    assert not out.exists()


def test_segment_max_bytes_holds_in_worker_processes(files: dict[str, Path], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.jsonl"
    code = main(["segment", str(files["ok"]), str(files["utf16"]), "--jobs", "2",
                 "--max-bytes", "10", "-o", str(out), "--no-progress"])
    check_error(code, capsys, files["ok"], "over the limit")
    assert not out.exists()


@pytest.mark.parametrize("kind", ["cp1256", "utf16"])
@pytest.mark.parametrize("command", ["normalize", "segment"])
def test_legacy_encodings_are_read(kind: str, command: str, files: dict[str, Path],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, str(files[kind])]) == 0
    out = capsys.readouterr().out
    assert "مدیریت ارتباط با مشتری" in out
    assert "\ufffd" not in out


@pytest.mark.parametrize("command", ["suggest", "topics"])
def test_jsonl_line_that_is_not_json(command: str, files: dict[str, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code = main([command, "--codebook", "cirm_phenomenography", str(files["notjson"])])
    line = check_error(code, capsys, files["notjson"], "not JSON")
    assert ":2:" in line


# -- codebooks ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "words"), [
    ("dup", ("duplicate code id 'A'", ":6:")),
    ("badyaml", ("not valid YAML",)),
    ("parent", ("unknown parent 'ZZ'",)),
    ("png", ("unknown codebook format",)),
    ("missing", ("does not exist",)),
])
def test_codebook_validate_malformed(kind: str, words: tuple[str, ...], files: dict[str, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["codebook", "validate", str(files[kind])])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"cirmtext: error: {files[kind]}" in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("argv", [
    ["codebook", "convert", "{dup}", "{tmp}/out.csv"],
    ["codebook", "expand", "{dup}", "{jsonl}", "-o", "{tmp}/out.json"],
    ["suggest", "--codebook", "{dup}", "{jsonl}", "-o", "{tmp}/out.json"],
    ["init", "{tmp}/new.cirm", "--codebook", "{dup}"],
    ["run", "{ok}", "--codebook", "{dup}", "-o", "{tmp}/results"],
])
def test_malformed_codebook_writes_nothing(argv: list[str], files: dict[str, Path],
                                           tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    names = {k: str(v) for k, v in files.items()}
    code = main([a.format(tmp=tmp_path, **names) for a in argv])
    check_error(code, capsys, files["dup"], "duplicate code id")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# -- project files ------------------------------------------------------------------------------

PROJECT_COMMANDS = [
    ["status", "{p}"],
    ["agreement", "{p}"],
    ["review", "{p}"],
    ["add", "{p}", "{ok}"],
    ["suggest", "{p}"],
    ["export", "{p}", "-o", "{tmp}/out.csv"],
    ["import", "{p}", "{notzip}"],
]


@pytest.mark.parametrize("template", PROJECT_COMMANDS, ids=lambda t: t[0])
@pytest.mark.parametrize(("kind", "words"), [
    ("truncated", ("damaged",)),
    ("textcirm", ("not a cirmtext project",)),
    ("dir", ("folder",)),
    ("missing_project", ("no such project", "cirmtext init")),
])
def test_broken_project(template: list[str], kind: str, words: tuple[str, ...],
                        files: dict[str, Path], tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    path = files.get(kind, tmp_path / "missing.cirm")
    before = path.read_bytes() if path.is_file() else None
    names = {k: str(v) for k, v in files.items()}
    code = main([a.format(p=path, tmp=tmp_path, **names) for a in template])
    check_error(code, capsys, path, *words)
    if before is not None:
        assert path.read_bytes() == before, "a broken project must be left as it was"
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "missing.cirm").exists()


@pytest.mark.parametrize("kind", ["notzip", "png", "missing"])
def test_import_something_that_is_not_a_qdpx(kind: str, files: dict[str, Path], project: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", str(project), str(files[kind])])
    check_error(code, capsys, files[kind])


def test_init_refuses_an_existing_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = project.read_bytes()
    check_error(main(["init", str(project)]), capsys, project, "already exists")
    assert project.read_bytes() == before


@pytest.mark.parametrize("kind", ["missing", "empty", "png", "dir"])
def test_add_bad_file_to_project(kind: str, files: dict[str, Path], project: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    check_error(main(["add", str(project), str(files[kind])]), capsys, files[kind])
    assert main(["status", str(project)]) == 0
    assert "documents: 0" in capsys.readouterr().out


# -- outputs ------------------------------------------------------------------------------------

WRITERS = [
    ["normalize", "{ok}", "-o", "{out}"],
    ["segment", "{ok}", "-o", "{out}"],
    ["suggest", "--codebook", "cirm_phenomenography", "{jsonl}", "-o", "{out}"],
    ["codebook", "convert", "cirm_phenomenography", "{out}"],
    ["export", "{project}", "-o", "{out}"],
]


def _writer_argv(template: list[str], files: dict[str, Path], project: Path,
                 out: Path) -> list[str]:
    if template[0] in ("codebook", "export") and not out.suffix:
        out = out.with_suffix(".csv") if out.name != "folder" else out
    names = {k: str(v) for k, v in files.items()}
    return [a.format(out=out, project=project, **names) for a in template]


@pytest.mark.parametrize("template", WRITERS, ids=lambda t: t[0])
def test_output_equal_to_input(template: list[str], files: dict[str, Path], project: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    if template[0] == "export":
        out = project
    elif template[0] == "codebook":
        out = files["dup"]
        template = ["codebook", "convert", "{dup}", "{out}"]
    else:
        out = files["jsonl"] if template[0] == "suggest" else files["ok"]
    before = out.read_bytes()
    code = main(_writer_argv(template, files, project, out))
    check_error(code, capsys, out)
    assert out.read_bytes() == before


def test_run_output_is_an_existing_file(files: dict[str, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = files["ok"].read_bytes()
    code = main(["run", str(files["ok"]), "-o", str(files["ok"])])
    check_error(code, capsys, files["ok"], "not a folder")
    assert files["ok"].read_bytes() == before


@pytest.mark.parametrize("template", WRITERS, ids=lambda t: t[0])
def test_output_is_a_directory(template: list[str], files: dict[str, Path], project: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    code = main(_writer_argv(template, files, project, files["dir"]))
    check_error(code, capsys, files["dir"])
    assert files["dir"].is_dir() and not any(files["dir"].iterdir())


@pytest.mark.parametrize("template", WRITERS, ids=lambda t: t[0])
def test_output_below_a_file(template: list[str], files: dict[str, Path], project: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    out = files["ok"] / "out.csv"
    before = files["ok"].read_bytes()
    code = main(_writer_argv(template, files, project, out))
    check_error(code, capsys, out, "in the way")
    assert files["ok"].read_bytes() == before


@pytest.mark.parametrize("template", WRITERS, ids=lambda t: t[0])
def test_output_into_a_new_folder_creates_it(template: list[str], files: dict[str, Path],
                                             project: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new" / "deeper" / "out.csv"
    assert main(_writer_argv(template, files, project, out)) == 0, capsys.readouterr().err
    assert out.is_file()
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions, which root ignores")
def test_read_only_output_folder(files: dict[str, Path], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code = main(["normalize", str(files["ok"]), "-o", str(folder / "out.txt")])
        check_error(code, capsys, "out.txt", "cannot be written")
    finally:
        folder.chmod(0o755)


def test_unwritable_output_folder(files: dict[str, Path], tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """What a read-only folder does, also when the tests run as root."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "out.txt"
    code = main(["normalize", str(files["ok"]), "-o", str(out)])
    check_error(code, capsys, out, "cannot be written", "Permission denied")
    assert not out.exists()


# -- interruption and --debug -------------------------------------------------------------------

def test_ctrl_c_leaves_no_partial_output(files: dict[str, Path], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "segments.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    written = []
    real_line = segment_cli._line

    def interrupt_after_first(seg: object) -> str:
        if written:
            raise KeyboardInterrupt
        written.append(seg)
        return real_line(seg)

    monkeypatch.setattr(segment_cli, "_line", interrupt_after_first)
    code = main(["segment", str(files["ok"]), "--include-interviewer", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 130
    assert "interrupted" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("argv", [
    ["--debug", "normalize", "{empty}"],
    ["normalize", "{empty}", "--debug"],                 # after the command too
    ["codebook", "validate", "{dup}", "--debug"],
])
def test_debug_shows_the_traceback(argv: list[str], files: dict[str, Path]) -> None:
    from cirmtext.errors import CirmtextError

    names = {k: str(v) for k, v in files.items()}
    with pytest.raises(CirmtextError):
        main([a.format(**names) for a in argv])


# -- encoding of what the CLI prints ------------------------------------------------------------

def test_persian_output_is_utf8_under_the_c_locale(files: dict[str, Path]) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONIOENCODING", "PYTHONUTF8") and not k.startswith("LC_")}
    # no UTF-8 mode, no locale coercion: Python's own streams would be ASCII here
    env.update(LANG="C", LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    proc = subprocess.run(
        [sys.executable, "-m", "cirmtext", "normalize", str(files["cp1256"])],
        capture_output=True, env=env, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert "مدیریت ارتباط با مشتری" in proc.stdout.decode("utf-8")
    missing = files["dir"] / "مصاحبه.txt"
    proc = subprocess.run([sys.executable, "-m", "cirmtext", "normalize", str(missing)],
                          capture_output=True, env=env, check=False, timeout=120)
    assert proc.returncode == 1
    assert f"cirmtext: error: {missing}" in proc.stderr.decode("utf-8")
    proc = subprocess.run([sys.executable, "-m", "cirmtext", "suggest", "--method", "keywords",
                           "--codebook", "cirm_phenomenography", "-"],
                          input=files["jsonl"].read_bytes(), capture_output=True, env=env,
                          check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert '"term": "سامانه"' in proc.stdout.decode("utf-8")


def test_persian_file_names_under_the_c_locale(files: dict[str, Path], tmp_path: Path) -> None:
    """File names decoded to surrogates (non-UTF-8 locale) still make UTF-8 ids and outputs."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONIOENCODING", "PYTHONUTF8") and not k.startswith("LC_")}
    env.update(LANG="C", LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    source = tmp_path / "مصاحبه.txt"
    source.write_bytes(files["ok"].read_bytes())
    out = tmp_path / "segments.jsonl"
    results = tmp_path / "نتایج"
    for argv in (["segment", str(source), "-o", str(out)],
                 ["run", str(source), "-o", str(results), "--method", "keywords"]):
        proc = subprocess.run([sys.executable, "-m", "cirmtext", *argv], capture_output=True,
                              env=env, check=False, timeout=300)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        assert "Traceback" not in proc.stderr.decode("utf-8", "replace")
    assert '"document": "مصاحبه"' in out.read_text(encoding="utf-8")
    assert 'مصاحبه.txt": {' in (results / "summary.json").read_text(encoding="utf-8")
    assert (results / "مصاحبه.repaired.txt").is_file()


def test_add_over_max_bytes(files: dict[str, Path], project: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["add", str(project), str(files["ok"]), "--max-bytes", "10"])
    check_error(code, capsys, files["ok"], "over the limit")


def test_add_says_which_files_were_stored_before_an_error(
        files: dict[str, Path], project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["add", str(project), str(files["ok"]), str(files["png"])])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "1 documents were added before the error (ok)" in err
    assert f"cirmtext: error: {files['png']}" in err
    assert main(["add", str(project), str(files["ok"])]) == 0
    assert "1 already there" in capsys.readouterr().out


@pytest.mark.parametrize("option", [["--coders", "maryam", "ali"], ["--machine-vs", "maryam"]])
def test_agreement_names_an_unknown_coder(option: list[str], project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["agreement", str(project), *option])
    check_error(code, capsys, project, "no decisions by 'maryam'", "none yet")


@pytest.mark.parametrize(("name", "data", "words"), [
    ("fake.docx", b"not a word document", ("not a Word document",)),
    ("fake.pdf", b"not a pdf", ("not a PDF",)),
    ("latin.txt", "café résumé".encode("latin-1"), ("not UTF-8", "--encoding")),
])
@pytest.mark.parametrize("command", ["normalize", "segment", "run"])
def test_file_that_is_not_what_its_suffix_says(name: str, data: bytes, words: tuple[str, ...],
                                               command: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    argv = [command, str(path)] + (["-o", str(tmp_path / "out")] if command == "run" else [])
    check_error(main(argv), capsys, path, *words)
    assert not (tmp_path / "out").exists()


def test_docx_that_is_some_other_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    check_error(main(["normalize", str(path)]), capsys, path, "not a readable .docx")


@pytest.mark.parametrize(("content", "words"), [
    ({"readme.txt": "hello"}, ("no single project .qde",)),
    ({"project.qde": "<Project><unclosed>"}, ("not well-formed XML",)),
])
def test_qdpx_that_is_a_zip_but_not_a_project(content: dict[str, str], words: tuple[str, ...],
                                              project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    path = tmp_path / "odd.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in content.items():
            archive.writestr(name, text)
    code = main(["import", str(project), str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"cirmtext: error: {path}" in err
    for word in words:
        assert word in err


def test_segment_workers_leave_ctrl_c_to_the_parent() -> None:
    """A Ctrl-C reaches every process of the group: workers ignore it, the parent stops them.

    (Checked by hand with ``os.killpg(pid, SIGINT)`` on ``segment --jobs 2``: one line,
    ``cirmtext: interrupted``, exit 130, no output file; without this, each worker printed
    a KeyboardInterrupt traceback.)
    """
    import signal

    from cirmtext import segment as segment_module

    before = signal.getsignal(signal.SIGINT)
    try:
        segment_module._ignore_interrupts()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.parametrize(("extra", "words"), [
    (["--explain-json", "{ok}"], ("both input and output",)),
    (["-o", "{tmp}/same.txt", "--explain-json", "{tmp}/same.txt"], ("both as -o and as",)),
    (["--explain-json", "-"], ("both go to stdout",)),
])
def test_normalize_explain_json_clashes(extra: list[str], words: tuple[str, ...],
                                        files: dict[str, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = files["ok"].read_bytes()
    argv = ["normalize", str(files["ok"]),
            *[a.format(ok=files["ok"], tmp=tmp_path) for a in extra]]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 1 and captured.out == "", "nothing is written before the error"
    assert "cirmtext: error: " in captured.err and "Traceback" not in captured.err
    for word in words:
        assert word in captured.err
    assert files["ok"].read_bytes() == before
    assert not (tmp_path / "same.txt").exists()


@pytest.mark.parametrize("argv", [
    ["suggest", "--codebook", "{cb}", "{jsonl}", "-o", "{cb}"],
    ["codebook", "expand", "{cb}", "{jsonl}", "-o", "{cb}"],
    ["topics", "{jsonl}", "--codebook", "{cb}", "-o", "{cb}"],
    ["topics", "{jsonl}", "--codebook", "{cb}", "--save-model", "{jsonl}"],
    ["segment", "{tmp}", "-o", "{ok}"],
])
def test_output_over_another_input(argv: list[str], files: dict[str, Path], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Not only the main input: the codebook, and files inside an input folder, are safe too."""
    cb = tmp_path / "codes.yaml"
    cb.write_text("id: x\ntitle: X\ncodes:\n  - id: A\n    label: سامانه\n"
                  "    keywords: [سامانه]\n", encoding="utf-8")
    for name in ("empty", "png", "cp1256", "utf16"):
        files[name].unlink()  # the folder holds only readable transcripts
    snapshot = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    names = {k: str(v) for k, v in files.items()}
    code = main([a.format(cb=cb, tmp=tmp_path, **names) for a in argv])
    err = capsys.readouterr().err
    assert code == 1 and "cirmtext: error: " in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == snapshot


@pytest.mark.parametrize("out", ["{tmp}", "{tmp}/results"])
def test_run_results_not_inside_the_input_folder(out: str, files: dict[str, Path],
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", str(tmp_path), "-o", out.format(tmp=tmp_path)])
    check_error(code, capsys, out.format(tmp=tmp_path), "inside the input folder")
    assert not (tmp_path / "results").exists() and not (tmp_path / "project.cirm").exists()


@pytest.mark.parametrize("on_project", [False, True])
def test_suggest_unknown_level(on_project: bool, files: dict[str, Path], project: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    given = ([str(project)] if on_project
             else ["--codebook", "cirm_phenomenography", str(files["jsonl"])])
    code = main(["suggest", *given, "--level", "phase9"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "has no level 'phase9'" in err and "phase1" in err


def test_suggest_into_a_project_refuses_output(project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.jsonl"
    code = main(["suggest", str(project), "-o", str(out)])
    check_error(code, capsys, project, "-o is not used", "cirmtext export")
    assert not out.exists()


def test_run_top_zero_keeps_all_suggestions(files: dict[str, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """As for ``suggest``, ``--top 0`` means all (it used to mean 5)."""
    import json

    counts = {}
    for top in ("5", "0"):
        out = tmp_path / f"top{top}"
        assert main(["run", str(files["ok"]), "-o", str(out), "--method", "keywords",
                     "--top", top]) == 0
        counts[top] = json.loads((out / "summary.json").read_text("utf-8"))["suggestions"]
    capsys.readouterr()
    assert counts["0"] > counts["5"] > 0
