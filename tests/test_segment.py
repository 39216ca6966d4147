"""Speaker turns, segments, stable ids, offsets, and the segment command."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cirmtext.cli import main
from cirmtext.corpus import document_from_text, expand_paths
from cirmtext.errors import ConfigError, EmptyInputError, SegmentationError
from cirmtext.repair import RepairConfig
from cirmtext.segment import UNITS, segment, segment_corpus, turns
from cirmtext.tokenize import tokenize

ROOT = Path(__file__).resolve().parents[1]

INTERVIEW = (
    "---\nparticipant: P03\ninterviewer: I1\n---\n"
    "عنوان جلسه\n\n"
    "مصاحبه‌گر: سلام. نظرتان درباره CiRM چیست؟\n\n"
    "مصاحبه‌شونده: خب، به نظرم مهم است. شهروندان حق دارند بپرسند.\n\n"
    "یک نکته دیگر هم هست. سامانه ۱۳۷ کافی نیست!\n"
    "مصاحبه‌گر: چرا؟\n"
    "مصاحبه‌شونده: چون پاسخ نمی‌دهند.\n"
)


@pytest.mark.parametrize(
    ("text", "speakers", "roles"),
    [
        ("مصاحبه‌کننده: الف؟\nمصاحبه‌شونده ۱: ب\nمصاحبه‌شونده ۲: ج",
         ["مصاحبه‌کننده", "مصاحبه‌شونده ۱", "مصاحبه‌شونده ۲"],
         ["interviewer", "respondent", "respondent"]),
        ("س: الف؟\nج: ب", ["س", "ج"], ["interviewer", "respondent"]),
        ("پرسش: الف؟\nپاسخ‌دهنده: ب", ["پرسش", "پاسخ‌دهنده"], ["interviewer", "respondent"]),
        ("پرسش: الف؟\nپاسخ: ب", ["پرسش", "پاسخ"], ["interviewer", "respondent"]),
        ("Q: الف؟\nA: ب", ["Q", "A"], ["interviewer", "respondent"]),
        ("[I1] الف؟\n[P03]: ب", ["I1", "P03"], ["interviewer", "respondent"]),
        ("دکتر رضایی: الف؟\nمهندس کاظمی: ب\nدکتر رضایی: پ؟\nمهندس کاظمی: ت",
         ["دکتر رضایی", "مهندس کاظمی"] * 2, ["interviewer", "respondent"] * 2),
        ("[00:01:12] مصاحبه‌گر: الف؟\n(۰۲:۳۰) - مصاحبه‌شونده: ب",
         ["مصاحبه‌گر", "مصاحبه‌شونده"], ["interviewer", "respondent"]),
        ("- **مصاحبه‌گر:** الف؟\n- **مصاحبه‌شونده:** ب",
         ["مصاحبه‌گر", "مصاحبه‌شونده"], ["interviewer", "respondent"]),
        # a label typed with a space for its ZWNJ: repair closes the compound (the text
        # writes no ZWNJ to say otherwise) and the role is read all the same
        ("سؤال ۱: الف؟\nجواب: ب\nمصاحبه گر: پ", ["سؤال ۱", "جواب", "مصاحبه‌گر"],
         ["interviewer", "respondent", "interviewer"]),
    ],
)
def test_speaker_conventions(text: str, speakers: list[str], roles: list[str]) -> None:
    found = turns(document_from_text(text, "d"))
    assert [t.speaker for t in found] == speakers
    assert [t.role for t in found] == roles


def test_a_single_colon_line_is_not_a_speaker() -> None:
    doc = document_from_text("مصاحبه‌گر: الف؟\nمصاحبه‌شونده: نکته: این مهم است.", "d")
    assert [t.speaker for t in turns(doc)] == ["مصاحبه‌گر", "مصاحبه‌شونده"]
    assert turns(document_from_text("نکته: این مهم است.\nو بس.", "d")) == []


def test_windows_line_endings_and_labels_on_their_own_line() -> None:
    text = "مصاحبه‌گر:\r\nالف؟\r\n\r\nمصاحبه‌شونده:\r\nب.\r\n\r\nپ."
    doc = document_from_text(text, "crlf")
    assert [t.text for t in turns(doc)] == ["الف؟", "ب.\r\n\r\nپ."]
    assert [s.text for s in segment(doc, unit="paragraph")] == ["ب.", "پ."]


def test_custom_patterns_and_roles() -> None:
    doc = document_from_text("Moderator: سلام؟\nخانم الف: سلام", "d")
    found = turns(doc, patterns=["interviewer=Moderator", "respondent=خانم \\w+"])
    assert [(t.speaker, t.role) for t in found] == [("Moderator", "interviewer"),
                                                    ("خانم الف", "respondent")]
    with pytest.raises(ConfigError, match="role"):
        turns(doc, patterns=["boss=X"])
    with pytest.raises(ConfigError, match="regular expression"):
        turns(doc, patterns=["(unclosed"])


def test_turns_continue_over_unlabelled_paragraphs() -> None:
    doc = document_from_text(INTERVIEW, "p03")
    found = turns(doc)
    assert [t.speaker for t in found] == ["", "مصاحبه‌گر", "مصاحبه‌شونده", "مصاحبه‌گر",
                                          "مصاحبه‌شونده"]
    assert found[2].text.endswith("کافی نیست!") and "مصاحبه‌شونده" not in found[2].text
    for t in found:
        assert doc.text[t.start:t.end] == t.text


@pytest.mark.parametrize("unit", UNITS)
def test_segment_invariants(unit: str) -> None:
    doc = document_from_text(INTERVIEW, "p03")
    segs = segment(doc, unit=unit, window=2)
    assert segs
    assert len({s.id for s in segs}) == len(segs)
    for s in segs:
        assert doc.text[s.start:s.end] == s.text
        assert s.original_start is not None and s.original_end is not None
        assert doc.original[s.original_start:s.original_end] == s.text
        assert s.role != "interviewer" and s.metadata["participant"] == "P03"
        assert s.unit == unit and s.id.startswith(f"p03:{unit}:")
        for t in tokenize(s.text):
            assert s.text[t.start:t.end] == t.text


def test_units_and_interviewer() -> None:
    doc = document_from_text(INTERVIEW, "p03")
    assert [s.text for s in segment(doc, unit="paragraph")] == [
        "عنوان جلسه", "خب، به نظرم مهم است. شهروندان حق دارند بپرسند.",
        "یک نکته دیگر هم هست. سامانه ۱۳۷ کافی نیست!", "چون پاسخ نمی‌دهند."]
    sentences = [s.text for s in segment(doc, unit="sentence")]
    assert sentences[1:4] == ["خب، به نظرم مهم است.", "شهروندان حق دارند بپرسند.",
                              "یک نکته دیگر هم هست."]
    windows = segment(doc, unit="window", window=3)
    assert windows[1].text.startswith("خب،") and windows[1].text.endswith("هم هست.")
    everyone = segment(doc, include_interviewer=True)
    assert {s.role for s in everyone} == {"unknown", "interviewer", "respondent"}


def test_ids_are_stable_and_local() -> None:
    doc = document_from_text(INTERVIEW, "p03")
    first = segment(doc, unit="sentence")
    assert [s.id for s in first] == [s.id for s in segment(doc, unit="sentence")]
    edited = document_from_text(INTERVIEW.replace("عنوان جلسه", "عنوان بسیار طولانی‌تر جلسه"),
                                "p03")
    second = segment(edited, unit="sentence")
    assert [s.id for s in first][1:] == [s.id for s in second][1:]
    assert first[1].start != second[1].start
    repeated = document_from_text("مصاحبه‌شونده: بله.\nمصاحبه‌شونده: بله.", "r")
    ids = [s.id for s in segment(repeated)]
    assert ids[1] == ids[0] + ".2"


def test_original_offsets_after_repair() -> None:
    doc = document_from_text("مصاحبه‌شونده: مشاركت شهروندان كم است.", "r")
    (seg,) = segment(doc)
    assert seg.text == "مشارکت شهروندان کم است."
    assert doc.original[seg.original_start:seg.original_end] == "مشاركت شهروندان كم است."


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["مصاحبه‌گر: ", "مصاحبه‌شونده: ", "", "ج: "]),
                          st.text(alphabet=st.sampled_from(list("سلام بهك يی.؟!\u200c")),
                                  min_size=1, max_size=30)), min_size=1, max_size=6),
       st.sampled_from(UNITS))
def test_segment_offsets_hypothesis(parts: list[tuple[str, str]], unit: str) -> None:
    text = "\n\n".join(label + body for label, body in parts)
    try:
        doc = document_from_text(text, "h")
    except EmptyInputError:
        return
    try:
        segs = segment(doc, unit=unit, include_interviewer=True)
    except SegmentationError:
        assert unit == "turn" and not turns(doc)
        return
    for s in segs:
        assert doc.text[s.start:s.end] == s.text
        source = doc.original[s.original_start:s.original_end]
        # repair may reorder a reversed line, so compare the letters, not their order
        assert not Counter(_loose(s.text)) - Counter(_loose(source))


def _loose(text: str) -> str:
    """Text without what repair may change here: spacing, ZWNJ, Arabic letter forms."""
    return "".join(text.split()).replace("\u200c", "").translate(str.maketrans("كي", "کی"))


def test_no_turns_is_an_error_for_turn_unit_only() -> None:
    doc = document_from_text("فقط یک متن ساده.\n\nپاراگراف دوم.", "plain")
    with pytest.raises(SegmentationError, match=r"plain.*no recognisable speaker turns"):
        segment(doc)
    assert [s.speaker for s in segment(doc, unit="paragraph")] == [None, None]
    with pytest.raises(ConfigError):
        segment(doc, unit="page")
    with pytest.raises(ConfigError):
        segment(doc, unit="window", window=0)


def test_segment_corpus_parallel_matches_serial(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"t{i}.txt").write_text(INTERVIEW.replace("P03", f"P0{i}"), "utf-8")
    serial = list(segment_corpus([tmp_path], unit="sentence"))
    parallel = list(segment_corpus([tmp_path], unit="sentence", n_jobs=2))
    assert serial == parallel and {s.document_id for s in serial} == {"t0", "t1", "t2"}
    config = RepairConfig().disable(["unify_arabic_letters"])
    (tmp_path / "t1.txt").write_text("مصاحبه‌شونده: مشاركت", "utf-8")
    kept = list(segment_corpus([tmp_path], n_jobs=2, repair_config=config))
    assert "مشاركت" in {s.text for s in kept}
    (tmp_path / "t2.txt").write_text("", "utf-8")
    with pytest.raises(EmptyInputError, match="empty"):
        list(segment_corpus([tmp_path], n_jobs=2))


def test_cli_writes_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "p03.txt"
    src.write_text(INTERVIEW, encoding="utf-8")
    out = tmp_path / "segments.jsonl"
    assert main(["segment", str(src), "-o", str(out), "--unit", "sentence"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert set(rows[0]) == {"id", "document", "speaker", "role", "unit", "text", "start", "end",
                            "original_start", "original_end", "metadata"}
    original = src.read_text(encoding="utf-8")
    for row in rows:
        assert original[row["original_start"]:row["original_end"]] == row["text"]
    assert "segments from 1 documents" in capsys.readouterr().err


def test_cli_stdout_speakers_and_units(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "named.txt"
    src.write_text("خانم احمدی: چرا؟\nآقای بهرامی: چون.\nخانم احمدی: بعد؟\nآقای بهرامی: هیچ.\n",
                   encoding="utf-8")
    assert main(["segment", str(src), "--speakers", "interviewer=خانم احمدی",
                 "respondent=آقای بهرامی", "--unit", "window", "--window", "2"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["speaker"], r["role"], r["text"]) for r in rows] == [
        ("آقای بهرامی", "respondent", "چون."), ("آقای بهرامی", "respondent", "هیچ.")]
    assert main(["segment", str(src), "--include-interviewer", "--no-progress"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["role"] for r in rows] == ["interviewer", "respondent"] * 2


def test_cli_errors_leave_nothing_behind(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("متنی بی برچسب.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["segment", str(plain), "-o", str(out)]) == 1
    assert "plain.txt" in capsys.readouterr().err and not out.exists()
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["segment", str(empty), "-o", str(out)]) == 1
    assert "empty.txt: is empty" in capsys.readouterr().err and not out.exists()
    assert main(["segment", str(plain), "-o", str(plain)]) == 1


def test_sample_corpus_segments() -> None:
    samples = ROOT / "corpora" / "samples"
    if not any(samples.glob("*.txt")):
        pytest.skip("no sample transcripts")
    segs = list(segment_corpus([samples]))
    assert segs and all(s.role == "respondent" for s in segs)
    assert len({s.document_id for s in segs}) == len(expand_paths([samples]))


def test_a_turn_after_a_page_break_is_found() -> None:
    # PDF text: a page break, then the next turn's label after a space
    text = ("مصاحبه‌گر: این کار چه اثری داشت؟\n\n\f مصاحبه‌شونده: اعتماد مردم بیشتر شد.\n"
            "\f\nمصاحبه‌گر: ممنونم.\n")
    found = turns(document_from_text(text, "d"))
    assert [(t.role, t.speaker) for t in found] == [
        ("interviewer", "مصاحبه‌گر"), ("respondent", "مصاحبه‌شونده"), ("interviewer", "مصاحبه‌گر")]
    assert found[1].text.startswith("اعتماد مردم")
