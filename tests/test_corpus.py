"""Reading transcripts: front matter, repair, offsets back to the file, folders, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cirmtext.corpus import (
    document_from_text,
    expand_paths,
    iter_documents,
    offset_map,
    read_document,
    split_front_matter,
    to_original,
)
from cirmtext.errors import EmptyInputError, EncodingError, InputError
from cirmtext.records import Document

TRANSCRIPT = (
    "---\nparticipant: P07\ndate: 2024-05-12\ninterviewer: I1\n---\n\n"
    "مصاحبه‌گر: نظر شما درباره مشاركت شهروندان چيست؟\n\n"
    "مصاحبه‌شونده: به نظرم سامانه‌ها کافی نيستند.\n"
)


def test_front_matter_is_metadata_not_text() -> None:
    doc = document_from_text(TRANSCRIPT, "t1")
    assert doc.metadata == {"participant": "P07", "date": "2024-05-12", "interviewer": "I1"}
    assert "participant" not in doc.text and doc.text.startswith("\nمصاحبه‌گر")
    assert doc.original == TRANSCRIPT
    assert doc.edits[0].rule == "front_matter"
    assert "ي" not in doc.text and "ك" not in doc.text


def test_every_span_maps_back_to_its_source() -> None:
    doc = document_from_text(TRANSCRIPT, "t1")
    for word in ("مشارکت", "چیست", "نیستند", "سامانه‌ها", "مصاحبه‌شونده"):
        start = doc.text.index(word)
        o_start, o_end = to_original(doc, start, start + len(word))
        source = doc.original[o_start:o_end]
        assert source.replace("ي", "ی").replace("ك", "ک") == word


def test_offset_map_survives_json_round_trip() -> None:
    doc = document_from_text(TRANSCRIPT, "t1")
    back = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert offset_map(back).span_to_input(5, 20) == offset_map(doc).span_to_input(5, 20)


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("يكىسلام ‌\u200f\n:؟ab۱1")), min_size=1,
               max_size=60),
       st.booleans())
def test_unchanged_text_lines_up_with_the_original(body: str, front: bool) -> None:
    head = "---\nparticipant: P1\n---\n" if front else ""
    try:
        doc = document_from_text(head + body, "h")
    except EmptyInputError:
        return
    offsets = offset_map(doc)
    for start in range(len(doc.text) + 1):
        for end in range(start, min(len(doc.text), start + 6) + 1):
            o_start, o_end = offsets.span_to_input(start, end)
            assert 0 <= o_start <= o_end <= len(doc.original)
            assert o_start >= len(head)
    # text between the edits is the original's, position for position
    stage = offsets.stages[0] if offsets.stages else None
    if stage is not None:
        bounds = list(zip(stage.in_ends, stage.out_ends, strict=True))
        nexts = list(zip(stage.in_starts[1:], stage.out_starts[1:], strict=True))
        for (in_end, out_end), (in_next, out_next) in zip(bounds, nexts, strict=False):
            assert doc.original[in_end:in_next] == doc.text[out_end:out_next]
        assert doc.original[stage.in_ends[-1]:] == doc.text[stage.out_ends[-1]:]
        assert doc.original[:stage.in_starts[0]] == doc.text[:stage.out_starts[0]]
    else:
        assert doc.original == doc.text


def test_split_front_matter_errors() -> None:
    with pytest.raises(InputError, match="front matter"):
        split_front_matter("---\n- a\n- b\n---\nمتن", path="x.txt")
    with pytest.raises(InputError, match="YAML"):
        split_front_matter("---\na: [\n---\nمتن", path="x.txt")
    assert split_front_matter("---\n---\nمتن") == ({}, 8)


def test_read_document_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "p07.txt"
    good.write_text(TRANSCRIPT, encoding="utf-8")
    doc = read_document(good)
    assert doc.id == "p07" and doc.path == str(good)
    assert read_document(good, doc_id="x").id == "x"
    empty = tmp_path / "empty.txt"
    empty.write_text("---\nparticipant: P1\n---\n  \n", encoding="utf-8")
    with pytest.raises(EmptyInputError, match=r"empty\.txt.*front matter"):
        read_document(empty)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc \xff\xfe\x80\x81 def")
    with pytest.raises(EncodingError, match=r"bad\.txt"):
        read_document(bad)
    cp1256 = tmp_path / "old.txt"
    cp1256.write_bytes("مصاحبه‌گر: سلام".encode("cp1256"))
    assert read_document(cp1256).text.startswith("مصاحبه")


def test_docx_is_read(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("مصاحبه‌گر: سلام")
    document.add_paragraph("مصاحبه‌شونده: سلام، خواهش می‌کنم.")
    document.save(str(path))
    doc = read_document(path)
    assert doc.text.splitlines() == ["مصاحبه‌گر: سلام", "مصاحبه‌شونده: سلام، خواهش می‌کنم."]


def test_folders_expand_sorted_and_stream(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.md", "sub/c.txt", "README.md", ".hidden.txt", "notes.csv"):
        (tmp_path / name).write_text("مصاحبه‌گر: سلام", encoding="utf-8")
    names = [p.name for p in expand_paths([tmp_path])]
    assert names == ["a.md", "b.txt", "c.txt"]
    docs = iter_documents([tmp_path])
    assert next(docs).id == "a"
    with pytest.raises(EmptyInputError, match="does not exist"):
        expand_paths([tmp_path / "missing"])
    (tmp_path / "void").mkdir()
    with pytest.raises(EmptyInputError, match=r"no \.txt"):
        expand_paths([tmp_path / "void"])


def test_insertions_inside_a_rewritten_line_stay_out_of_the_front_matter() -> None:
    # A line turned round (visual order) and then split into scripts: the insertions are
    # reported at the rewritten span's start, which is also where the front matter ends.
    head = "---\nparticipant: P1\n---\n"
    doc = document_from_text(head + "سا1سا1سا", "h")
    offsets = offset_map(doc)
    for start in range(len(doc.text)):
        assert offsets.span_to_input(start, start + 1)[0] >= len(head)
