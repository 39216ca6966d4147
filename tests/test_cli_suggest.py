"""``cirmtext suggest`` and ``cirmtext codebook``, in-process through ``main(argv)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cirmtext.cli import main
from cirmtext.codebook import load_codebook

CODEBOOK = """\
id: cli
levels: [element, code]
codes:
  - id: P1
    label: فناوری
    codable: false
    children:
      - id: C1
        label: سامانه‌های برخط
        keywords: [سامانه, پیامک]
      - id: C2
        label: مشارکت مردم
        keywords: [مشارکت کردن, همیاری]
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    codebook = tmp_path / "cli.yaml"
    codebook.write_text(CODEBOOK, encoding="utf-8")
    segments = tmp_path / "segments.jsonl"
    lines = [
        # raw text with Arabic kaf/yeh and a kashida: repaired, offsets still index this text
        {"id": "a", "text": "شهروندان در طرح‌ها مشاركـت مي‌كنند"},
        {"id": "b", "text": "از سامانه‌ها و پیامک‌ها استفاده می‌کنیم"},
        {"id": "c", "text": "هوا امروز خوب است"},
        # a line as `cirmtext segment` writes it
        {"id": "doc:turn:1", "document": "doc", "speaker": "م", "role": "respondent",
         "unit": "turn", "text": "همیاری اهالی زیاد بود", "start": 120, "end": 141,
         "original_start": 120, "original_end": 141, "metadata": {}},
    ]
    segments.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                        encoding="utf-8")
    return codebook, segments


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_suggest_writes_one_line_per_segment(files: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    codebook, segments = files
    out = tmp_path / "out.jsonl"
    assert main(["suggest", "--method", "keywords", "--codebook", str(codebook),
                 str(segments), "-o", str(out), "--top", "2"]) == 0
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a", "b", "c", "doc:turn:1"]
    assert rows[0]["suggestions"][0]["code"] == "C2"
    assert rows[1]["suggestions"][0]["code"] == "C1"
    assert rows[2]["suggestions"] == []
    assert rows[3]["suggestions"][0]["code"] == "C2"
    raw = json.loads(segments.read_text(encoding="utf-8").splitlines()[0])["text"]
    spans = {raw[e["start"]:e["end"]] for e in rows[0]["suggestions"][0]["evidence"]}
    assert "مشاركـت مي‌كنند" in spans  # the phrase «مشارکت کردن», in the text as given
    assert all(span.startswith("مشارك") for span in spans)
    first = rows[1]["suggestions"][0]
    assert set(first) == {"code", "score", "method", "evidence"}
    assert first["method"] == "keywords" and 0 < first["score"] <= 1
    assert all(len(r["suggestions"]) <= 2 for r in rows)
    assert "4 segments, 3 with suggestions" in capsys.readouterr().err


def test_suggest_at_element_level_and_bundled_codebook(files: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    codebook, segments = files
    out = tmp_path / "p1.jsonl"
    assert main(["suggest", "--method", "keywords", "--codebook", str(codebook),
                 str(segments), "-o", str(out), "--level", "element"]) == 0
    assert {s["code"] for r in read_jsonl(out) for s in r["suggestions"]} == {"P1"}
    bundled = tmp_path / "bundled.jsonl"
    assert main(["suggest", "--method", "keywords", "--codebook", "cirm_phenomenography",
                 str(segments), "-o", str(bundled)]) == 0
    ids = set(load_codebook("cirm_phenomenography").ids)
    assert all(s["code"] in ids for r in read_jsonl(bundled) for s in r["suggestions"])


@pytest.mark.parametrize(("content", "message"), [
    ('{"id": "a", "text": "سلام"}\nnot json\n', "segments.jsonl:2: line 2 is not JSON"),
    ('{"id": "a"}\n', 'line 1 has no "text"'),
    ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "duplicate segment id 'a'"),
    ("[1, 2]\n", "not a JSON object"),
])
def test_suggest_input_errors_name_the_line(tmp_path: Path, files: tuple[Path, Path],
                                            capsys: pytest.CaptureFixture[str], content: str,
                                            message: str) -> None:
    bad = tmp_path / "segments.jsonl"
    bad.write_text(content, encoding="utf-8")
    assert main(["suggest", "--codebook", str(files[0]), str(bad)]) == 1
    assert message in capsys.readouterr().err


def test_suggest_needs_a_codebook_and_refuses_its_input(files: tuple[Path, Path],
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    codebook, segments = files
    assert main(["suggest", str(segments)]) == 1
    assert "needs --codebook" in capsys.readouterr().err
    assert main(["suggest", "--codebook", str(codebook), str(segments), "-o",
                 str(segments)]) == 1
    assert "both input and output" in capsys.readouterr().err
    assert main(["suggest", "--codebook", "nope", str(segments)]) == 1
    assert "bundled codebooks" in capsys.readouterr().err


def test_codebook_validate_convert_and_errors(files: tuple[Path, Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    codebook, _ = files
    assert main(["codebook", "validate", str(codebook)]) == 0
    assert "ok: codebook 'cli'" in capsys.readouterr().out
    for suffix in (".json", ".csv", ".qdc", ".yaml"):
        out = tmp_path / f"converted{suffix}"
        assert main(["codebook", "convert", str(codebook), str(out)]) == 0
        assert load_codebook(out).ids == ("P1", "C1", "C2")
    broken = tmp_path / "broken.yaml"
    broken.write_text("codes:\n  - id: A\n    label: الف\n  - id: A\n    label: ب\n",
                      encoding="utf-8")
    assert main(["codebook", "validate", str(broken)]) == 1
    assert "broken.yaml:4: duplicate code id 'A'" in capsys.readouterr().err


def test_codebook_expand(files: tuple[Path, Path], tmp_path: Path) -> None:
    codebook, _ = files
    corpus = tmp_path / "corpus.jsonl"
    texts = ["سامانه پیامک شکایت", "سامانه شکایت ثبت", "پیامک شکایت", "همیاری داوطلب محله",
             "داوطلبان همیاری"]
    corpus.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "proposals.json"
    assert main(["codebook", "expand", str(codebook), str(corpus), "-o", str(out),
                 "--min-count", "2"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["codebook"] == "cli" and data["segments"] == 5
    assert data["proposals"]["C1"][0]["term"] == "شکایت"


def test_suggest_context_mixes_in_the_document(files: tuple[Path, Path], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    codebook, _ = files
    lines = [
        {"id": "d1:1", "document": "d1", "text": "پیامک نوبت را سامانه برای مردم می‌فرستد"},
        {"id": "d1:2", "document": "d1", "text": "سامانه برخط شکایت‌ها را ثبت می‌کند"},
        {"id": "d1:3", "document": "d1", "text": "کارمندان این بخش خیلی خسته بودند"},
        {"id": "d2:1", "document": "d2", "text": "همیاری اهالی در طرح کاشت درخت زیاد بود"},
        {"id": "d2:2", "document": "d2", "text": "مردم در جلسه محله مشارکت کردند"},
        {"id": "d2:3", "document": "d2", "text": "کارمندان این بخش خیلی خسته بودند"},
    ]
    segments = tmp_path / "docs.jsonl"
    segments.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                        encoding="utf-8")
    tops = {}
    for context in ("0", "0.6"):
        out = tmp_path / f"ctx{context}.jsonl"
        assert main(["suggest", "--method", "dataless", "--codebook", str(codebook),
                     str(segments), "-o", str(out), "--top", "0", "--context", context]) == 0
        tops[context] = {r["id"]: r["suggestions"][0]["code"] for r in read_jsonl(out)}
    # the same neutral sentence, in two documents: only the document's other turns tell them apart
    assert tops["0"]["d1:3"] == tops["0"]["d2:3"]
    assert (tops["0.6"]["d1:3"], tops["0.6"]["d2:3"]) == ("C1", "C2")
    capsys.readouterr()
    assert main(["suggest", "--method", "keywords", "--codebook", str(codebook),
                 str(segments), "--context", "0.5"]) == 1
    assert "--context is not used by --method keywords" in capsys.readouterr().err
    assert main(["suggest", "--codebook", str(codebook), str(segments), "--context", "1"]) == 1
    assert "--context must be in [0, 1)" in capsys.readouterr().err
