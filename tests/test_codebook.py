"""Codebooks: loading, validation errors with file and line, round trips, tree lookups."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import pytest
import yaml

from cirmtext.codebook import Codebook, bundled_codebooks, load_codebook, save_codebook
from cirmtext.errors import CodebookError
from cirmtext.records import Code

TREE = """\
id: demo
title: "نمونه"
version: "2"
levels: [element, code]
codes:
  - id: P1
    label: "مشارکت شهروندان"
    codable: false
    keywords: ["مشاركت"]
    children:
      - id: C1
        label: "ضرورت مشارکت مردم"
        keywords: ["همياري", "مشارکت کردن", "سازمان های مردم نهاد"]
        exclusions: ["مشارکت مالی"]
        examples: ["مردم باید پای کار باشند."]
      - id: C2
        label: "سرمایه اجتماعی"
        description: "اعتماد مردم سرمایه است."
  - id: P2
    label: "فناوری"
    children:
      - id: C3
        label: "سامانه‌های الکترونیک"
"""


@pytest.fixture
def tree_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(TREE, encoding="utf-8")
    return path


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tree_is_flattened_with_parents_and_levels(tree_file: Path) -> None:
    cb = load_codebook(tree_file)
    assert cb.ids == ("P1", "C1", "C2", "P2", "C3")
    assert cb["C1"].parent == "P1" and cb["P1"].parent is None
    assert [c.id for c in cb.at_level("code")] == ["C1", "C2", "C3"]
    assert [c.id for c in cb.at_level(0)] == ["P1", "P2"]
    assert [c.id for c in cb.children("P1")] == ["C1", "C2"]
    assert [c.id for c in cb.descendants("P1")] == ["C1", "C2"]
    assert [c.id for c in cb.ancestors("C3")] == ["P2"]
    assert cb.ancestor_at("C2", "element").id == "P1"
    assert [c.id for c in cb.leaves()] == ["C1", "C2", "C3"]
    assert not cb["P1"].codable and "P1" not in {c.id for c in cb.codable()}
    assert cb.title == "نمونه" and cb.version == "2"
    with pytest.raises(KeyError, match="no level"):
        cb.at_level("theme")
    with pytest.raises(KeyError, match="C9"):
        cb["C9"]


def test_arabic_letters_and_broken_spacing_are_repaired_on_loading(tree_file: Path) -> None:
    cb = load_codebook(tree_file)
    assert cb["P1"].keywords == ("مشارکت",)
    assert cb["C1"].keywords[0] == "همیاری"
    raw = load_codebook(tree_file, repair=False)
    assert raw["P1"].keywords == ("مشاركت",)


def test_codebook_is_immutable_and_copies_pickle_and_compare(tree_file: Path) -> None:
    cb = load_codebook(tree_file)
    with pytest.raises(AttributeError, match="immutable"):
        cb.id = "other"  # type: ignore[misc]
    assert copy.deepcopy(cb) is cb
    again = pickle.loads(pickle.dumps(cb))
    assert again == cb and again.fingerprint == cb.fingerprint and again["C1"].level == "code"


def test_fingerprint_is_stable_and_sees_content(tree_file: Path, tmp_path: Path) -> None:
    cb = load_codebook(tree_file)
    reordered = yaml.safe_load(TREE)
    reordered["codes"][0] = dict(reversed(list(reordered["codes"][0].items())))
    other = write(tmp_path, "other.yaml", yaml.safe_dump(reordered, allow_unicode=True))
    assert load_codebook(other).fingerprint == cb.fingerprint
    changed = cb.replace_code(Code.from_dict({**cb["C2"].to_dict(), "keywords": ["اعتماد"]}))
    assert changed.fingerprint != cb.fingerprint and changed["C2"].keywords == ("اعتماد",)


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".csv", ".qdc"])
def test_round_trip_through_every_format(tree_file: Path, tmp_path: Path, suffix: str) -> None:
    cb = load_codebook(tree_file)
    out = save_codebook(cb, tmp_path / f"copy{suffix}")
    back = load_codebook(out)
    assert [c.to_dict() for c in back] == [c.to_dict() for c in cb]
    if suffix != ".csv":  # CSV keeps codes only: its codebook id is the file name
        assert back.fingerprint == cb.fingerprint


def test_csv_is_one_row_per_code_with_semicolon_lists(tmp_path: Path) -> None:
    path = write(tmp_path, "flat.csv",
                 "id,label,parent,keywords,codable\n"
                 "T1,فناوری,,,false\n"
                 "T2,سامانه,T1,سامانه; اپلیکیشن ;پیامک,true\n")
    cb = load_codebook(path)
    assert cb.id == "flat" and cb["T2"].keywords == ("سامانه", "اپلیکیشن", "پیامک")
    assert cb["T2"].parent == "T1" and not cb["T1"].codable


def test_flat_json_with_parent_fields(tmp_path: Path) -> None:
    data = {"id": "flat", "codes": [{"id": "A", "label": "الف"},
                                    {"id": "B", "label": "ب", "parent": "A"}]}
    cb = load_codebook(write(tmp_path, "flat.json", json.dumps(data, ensure_ascii=False)))
    assert cb["B"].parent == "A" and [c.id for c in cb.children("A")] == ["B"]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("codes:\n  - id: A\n    label: الف\n  - id: A\n    label: ب\n", 4, "duplicate code id 'A'"),
    ("codes:\n  - id: A\n    label: ''\n", 2, "empty or missing label"),
    ("codes:\n  - id: A\n    label: الف\n    keywords: 5\n", 2, "must be a list of texts"),
    ("codes:\n  - id: A\n    label: الف\n    codable: maybe\n", 2, "must be true or false"),
    ("codes:\n  - id: A\n    label: الف\n    colour: red\n", 2, "unknown key"),
    ("codes:\n  - id: A\n    label: الف\n  - id: B\n    label: ب\n    parent: Z\n", 4,
     "unknown parent 'Z'"),
    ("codes:\n  - id: 7\n    label: الف\n", 2, "non-text id"),
    ("codes:\n  - id: A\n    label: [unclosed\n", 4, "not valid YAML"),
    ("title: x\n", 1, "no 'codes' list"),
])
def test_yaml_errors_name_file_and_line(tmp_path: Path, text: str, line: int,
                                        message: str) -> None:
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(CodebookError, match=message) as info:
        load_codebook(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert f"bad.yaml:{line}:" in str(info.value)


def test_csv_errors_name_the_row(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", "id,label,parent\nA,الف,\nB,ب,A\nA,تکراری,\n")
    with pytest.raises(CodebookError, match="duplicate code id 'A'") as info:
        load_codebook(path)
    assert info.value.line == 4
    cycle = write(tmp_path, "cycle.csv", "id,label,parent\nR,ریشه,\nA,الف,B\nB,ب,A\n")
    with pytest.raises(CodebookError, match="cycle") as info:
        load_codebook(cycle)
    assert info.value.line in (3, 4)
    header = write(tmp_path, "header.csv", "code,name\nA,الف\n")
    with pytest.raises(CodebookError, match="lacks column") as info:
        load_codebook(header)
    assert info.value.line == 1


def test_json_errors_name_the_line(tmp_path: Path) -> None:
    text = ('{\n  "codes": [\n    {"id": "A", "label": "الف"},\n'
            '    {"id": "A", "label": "ب"}\n  ]\n}\n')
    with pytest.raises(CodebookError, match="duplicate") as info:
        load_codebook(write(tmp_path, "dup.json", text))
    assert info.value.line == 4
    with pytest.raises(CodebookError, match="not valid JSON") as info:
        load_codebook(write(tmp_path, "broken.json", '{"codes": [\n'))
    assert info.value.line is not None


def test_unknown_files_and_names_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match=r"bundled codebooks: .*cirm_phenomenography"):
        load_codebook("no_such_codebook")
    with pytest.raises(CodebookError, match="unknown codebook format"):
        load_codebook(write(tmp_path, "codes.txt", "id: A"))
    with pytest.raises(CodebookError, match="does not exist"):
        load_codebook(tmp_path / "missing.yaml")


def test_save_is_atomic_and_refuses_unknown_suffix(tree_file: Path, tmp_path: Path) -> None:
    cb = load_codebook(tree_file)
    with pytest.raises(CodebookError, match="unknown codebook format"):
        save_codebook(cb, tmp_path / "codes.xlsx")
    out = save_codebook(cb, tmp_path / "codes.yaml")
    assert out.read_text(encoding="utf-8").count("\n") > 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["codes.yaml", "demo.yaml"]


@pytest.mark.parametrize("name", ["cirm_phenomenography", "king_maturity", "andrade_camacho",
                                  "amiri_crm_success"])
def test_bundled_codebooks_load(name: str) -> None:
    assert name in bundled_codebooks()
    cb = load_codebook(name)
    assert len(cb) >= 4 and all(c.label for c in cb)
    assert sum(len(c.keywords) for c in cb) > 0


def test_cirm_codebook_levels() -> None:
    cb = load_codebook("cirm_phenomenography")
    assert cb.levels == ("encounter", "phase2", "phase1", "code")
    codes = cb.at_level("code")
    assert len(codes) == 30 and all(c.id.startswith("C") for c in codes)
    assert all(cb.ancestor_at(c.id, "phase1") is not None for c in codes)


@pytest.mark.shared_data
def test_cirm_codebook_keeps_the_seed_ids_and_labels(shared_data: Path) -> None:
    seed = yaml.safe_load((shared_data / "codebook_labels.yaml").read_text(encoding="utf-8"))
    table = next(b for b in seed["codebooks"] if b["id"] == "cirm_table1")
    expected: dict[str, str] = {}

    def walk(nodes: list[dict[str, object]]) -> None:
        for node in nodes:
            expected[str(node["id"])] = str(node["label"])
            walk(node.get("children", []))  # type: ignore[arg-type]

    walk(table["children"])
    cb = load_codebook("cirm_phenomenography")
    assert {c.id: c.label for c in cb} == expected


def test_from_dict_accepts_codes_directly() -> None:
    cb = Codebook.from_dict({"codes": [{"id": "A", "label": "الف", "children": [
        {"id": "B", "label": "ب"}]}]})
    assert cb.id == "codebook" and cb["B"].parent == "A" and cb["B"].level is None
