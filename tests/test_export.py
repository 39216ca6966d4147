"""CSV export, REFI-QDA .qdpx export (schema-valid) and import (round trip, vendor quirks)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from cirmtext.codebook import Codebook
from cirmtext.corpus import document_from_text
from cirmtext.export.csv import COLUMNS, export_csv
from cirmtext.records import Suggestion
from cirmtext.refi.project import export_qdpx, read_qdpx
from cirmtext.refi.project_import import import_qdpx
from cirmtext.review.ingest import add_document
from cirmtext.review.store import Project

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "refi-qda" / "Project.xsd"

# Front matter, CRLF line endings and Arabic ي/ك: the original text differs from the repaired
# text, so spans must go through the offset map to land in the right place.
TEXT_A = ("---\r\nparticipant: P01\r\n---\r\n"
          "مصاحبه‌گر: از كار خود بگویید.\r\n"
          "مصاحبه‌شونده: ما با شهروندان جلسه مي‌گذاريم.\r\n"
          "مصاحبه‌گر: چه مشکلی دارید؟\r\n"
          "مصاحبه‌شونده: بودجه کم است.\r\n")
TEXT_B = ("مصاحبه‌شونده: سامانه پیامکی داریم.\n\n"
          "مصاحبه‌شونده: کارکنان آموزش دیده‌اند.\n")
CODEBOOK = Codebook.from_dict({"id": "demo", "codes": [
    {"id": "P1", "label": "رابطه", "codable": False, "children": [
        {"id": "C1", "label": "مشارکت"}, {"id": "C2", "label": "فناوری"}]},
    {"id": "C3", "label": "منابع"}]})


def _new(path: Path) -> Project:
    p = Project.open(path, create=True)
    add_document(p, document_from_text(TEXT_A, "a", path="a.txt"))
    add_document(p, document_from_text(TEXT_B, "b", path="b.txt"))
    p.add_codebook(CODEBOOK)
    return p


@pytest.fixture
def coded(tmp_path: Path) -> Project:
    p = _new(tmp_path / "coded.cirm")
    s = [x.id for x in p.segments()]
    assert len(s) == 4
    p.add_suggestions(s, [Suggestion(s[0], "C1", 0.8, "keywords"),
                          Suggestion(s[2], "C2", 0.6, "keywords")],
                      method="keywords", model="t", codebook_version=1)
    p.record(s[0], "accept", "مریم", code_id="C1")
    p.record(s[0], "add", "علی", code_id="C1")
    p.record(s[1], "add", "مریم", code_id="C3")
    p.record(s[1], "memo", "مریم", memo="کمبود بودجه")
    p.record(s[2], "add", "علی", code_id="C2")
    p.record(s[2], "add", "علی", code_id="NEW")      # a code not in the codebook
    p.record(s[3], "done", "مریم")
    yield p
    p.close()


def _human(p: Project) -> dict[tuple[str, str], tuple[frozenset[str], str]]:
    return {k: (v.codes, v.memo) for k, v in p.state().items() if v.codes or v.memo}


def test_csv_rows_and_excel_bom(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "coded.csv"
    n = export_csv(coded, out)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert n == len(rows) == 5       # one row per coding; the memo rides on C3's row
    assert tuple(rows[0]) == COLUMNS
    first = rows[0]
    assert (first["coder"], first["code_id"], first["code_label"], first["status"]) == \
        ("علی", "C1", "مشارکت", "coded")
    assert {r["memo"] for r in rows if r["code_id"] == "C3"} == {"کمبود بودجه"}
    doc = coded.documents()[0]
    for r in rows:
        if r["document"] == "a.txt":
            assert doc.original[int(r["original_start"]):int(r["original_end"])].replace(
                "ي", "ی").replace("ك", "ک") == r["text"]
    excel = tmp_path / "excel.csv"
    n2 = export_csv(coded, excel, excel=True, suggestions=True, uncoded=True)
    data = excel.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows2 = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert n2 == len(rows2) == n + 3   # + 2 suggestions + the segment decided without codes
    assert [r["status"] for r in rows2].count("uncoded") == 1
    assert {r["status"] for r in rows2} == {"coded", "suggested", "uncoded"}
    assert {r["coder"] for r in rows2 if r["status"] == "suggested"} == {"cirmtext"}


def test_qdpx_layout_and_positions(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "coded.qdpx"
    summary = export_qdpx(coded, out, suggestions=True)
    assert (summary.sources, summary.codings, summary.machine_codings, summary.notes) == \
        (2, 5, 2, 1)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        qde = zf.read("project.qde").decode("utf-8")
        sources = {n: zf.read(n).decode("utf-8") for n in names if n.startswith("sources/")}
    assert "project.qde" in names and len(sources) == 2
    assert '<Project xmlns="urn:QDA-XML:project:1.0"' in qde    # default namespace, no prefix
    assert all(re.fullmatch(r"sources/[0-9a-f-]{36}\.txt", n) for n in sources)
    text_a = next(t for t in sources.values() if "participant" in t)
    assert "\r" not in text_a and "كار" in text_a       # the original text, LF line endings
    spans = [(int(a), int(b)) for a, b in
             re.findall(r'startPosition="(\d+)" endPosition="(\d+)"', qde)]
    segments = {s.text for s in coded.segments()}
    texts = list(sources.values())
    for start, end in spans:
        found = {t[start:end].replace("ي", "ی").replace("ك", "ک") for t in texts}
        assert found & segments
    # deterministic: the same project exports the same bytes
    again = tmp_path / "again.qdpx"
    export_qdpx(coded, again, suggestions=True)
    assert again.read_bytes() == out.read_bytes()


def test_qdpx_is_valid_against_the_schema(coded: Project, tmp_path: Path) -> None:
    if not SCHEMA.is_file():
        pytest.skip("../shared/refi-qda/Project.xsd is absent")
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    for options in ({}, {"suggestions": True}, {"crlf": True}):
        out = tmp_path / "v.qdpx"
        export_qdpx(coded, out, **options)
        with zipfile.ZipFile(out) as zf:
            document = etree.fromstring(zf.read("project.qde"))
        assert schema.validate(document), schema.error_log
    empty = Project.open(tmp_path / "empty.cirm", create=True)
    export_qdpx(empty, tmp_path / "empty.qdpx")
    with zipfile.ZipFile(tmp_path / "empty.qdpx") as zf:
        assert schema.validate(etree.fromstring(zf.read("project.qde")))
    empty.close()


@pytest.mark.parametrize("crlf", [False, True])
def test_round_trip_loses_and_moves_nothing(coded: Project, tmp_path: Path, crlf: bool) -> None:
    out = tmp_path / "trip.qdpx"
    export_qdpx(coded, out, suggestions=True, crlf=crlf)
    fresh = _new(tmp_path / f"fresh{crlf}.cirm")
    report = import_qdpx(fresh, out)
    assert report.codings == 7 and report.machine == 2
    assert (report.exact, report.moved, report.lost) == (5, 0, [])
    assert report.recorded == 5 and report.memos == 1
    assert report.new_codes == ["NEW"]      # kept its id through its [cirmtext] description
    assert _human(fresh) == _human(coded)
    again = import_qdpx(fresh, out)         # importing twice records nothing new
    assert (again.recorded, again.already, again.memos) == (0, 5, 0)
    fresh.close()


def _rewrite(src: Path, dst: Path, *, folder: str = "sources", qde_name: str = "project.qde",
             crlf: bool = False, bom: bool = False, remint_codes: bool = False) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "project.qde":
                text = data.decode("utf-8")
                if remint_codes:   # another program mints its own code GUIDs
                    for n, g in enumerate(sorted(set(re.findall(
                            r'<Code guid="([^"]+)"', text)))):
                        text = text.replace(g, f"00000000-0000-4000-8000-{n:012d}")
                    text = re.sub(r"\[cirmtext\]\nid: [^<\n]+", "", text)
                zout.writestr(qde_name, text.encode("utf-8"))
            else:
                text = data.decode("utf-8")
                if crlf:
                    text = text.replace("\n", "\r\n")
                out = text.encode("utf-8")
                zout.writestr(name.replace("sources/", f"{folder}/"),
                              (b"\xef\xbb\xbf" if bom else b"") + out)


def test_import_tolerates_vendor_quirks(coded: Project, tmp_path: Path) -> None:
    plain = tmp_path / "plain.qdpx"
    export_qdpx(coded, plain)
    vendor = tmp_path / "vendor.qdpx"
    # NVivo-style Sources/ and BOM, ATLAS.ti-style .qde name and CRLF counted as one character
    _rewrite(plain, vendor, folder="Sources", qde_name="My Study.qde", crlf=True, bom=True,
             remint_codes=True)
    fresh = _new(tmp_path / "fresh.cirm")
    report = import_qdpx(fresh, vendor)
    assert (report.exact, report.moved, report.lost) == (5, 0, [])
    assert report.new_codes == ["NEW"]      # matched by label, except the one not in the book
    assert _human(fresh) == _human(coded)
    fresh.close()


def test_import_places_a_shifted_selection_on_the_overlapping_segment(
        coded: Project, tmp_path: Path) -> None:
    plain = tmp_path / "plain.qdpx"
    export_qdpx(coded, plain)
    shifted = tmp_path / "shifted.qdpx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(shifted, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "project.qde":
                data = re.sub(rb'endPosition="(\d+)"',
                              lambda m: b'endPosition="%d"' % (int(m.group(1)) - 3), data)
            zout.writestr(name, data)
    fresh = _new(tmp_path / "fresh.cirm")
    report = import_qdpx(fresh, shifted)
    assert (report.exact, report.moved, report.lost) == (0, 5, [])
    assert _human(fresh) == _human(coded)
    fresh.close()


def test_import_reports_sources_it_cannot_match(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "coded.qdpx"
    export_qdpx(coded, out)
    other = Project.open(tmp_path / "other.cirm", create=True)
    add_document(other, document_from_text(TEXT_B, "b", path="b.txt"))
    report = import_qdpx(other, out)
    assert report.sources["a.txt"] == "" and report.sources["b.txt"] == "b"
    assert len(report.lost) == 3 and "cirmtext add" in report.lost[0]
    assert report.recorded == 2
    other.close()


def test_read_qdpx_returns_sources(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "coded.qdpx"
    export_qdpx(coded, out)
    qdpx = read_qdpx(out)
    assert qdpx.root.tag.endswith("Project") and len(qdpx.texts) == 2


def test_import_reads_memos_written_as_descriptions(coded: Project, tmp_path: Path) -> None:
    plain = tmp_path / "plain.qdpx"
    export_qdpx(coded, plain)
    maxqda = tmp_path / "maxqda.qdpx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(maxqda, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "project.qde":   # a memo as the first selection's <Description>
                text = data.decode("utf-8")
                at = text.index(">", text.index("<PlainTextSelection")) + 1
                text = text[:at] + "<Description>نقل قول مهم</Description>" + text[at:]
                data = text.encode("utf-8")
            zout.writestr(name, data)
    fresh = _new(tmp_path / "fresh.cirm")
    report = import_qdpx(fresh, maxqda)
    assert report.memos == 2 and report.lost == []
    assert "نقل قول مهم" in {s.memo for s in fresh.state().values()}
    fresh.close()
