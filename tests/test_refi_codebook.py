"""REFI-QDA codebook exchange: schema-valid export, faithful round trip, safe import."""

from __future__ import annotations

from pathlib import Path

import pytest

from cirmtext.codebook import Codebook, load_codebook, save_codebook
from cirmtext.errors import CodebookError, ExportError
from cirmtext.refi._xml import guid, parse_xml
from cirmtext.refi.codebook import codebook_from_qdc, codebook_to_qdc

REFI = Path(__file__).resolve().parents[2] / "shared" / "refi-qda"

DEMO = Codebook.from_dict({"id": "demo", "version": "3", "levels": ["element", "code"],
                           "codes": [
    {"id": "P1", "label": "مشارکت شهروندان", "codable": False, "description": "گروه کدها",
     "children": [
         {"id": "C1", "label": "همیاری محله", "label_en": "Neighbourhood help",
          "keywords": ["همیاری", "داوطلب"], "exclusions": ["همیاری مالی"],
          "examples": ["اهالی خودشان پای کار آمدند."]},
         {"id": "C2", "label": "نظرسنجی <برخط> & پیامکی"}]}]})


@pytest.fixture(scope="module")
def schema() -> object:
    etree = pytest.importorskip("lxml.etree")
    xsd = REFI / "Codebook.xsd"
    if not xsd.is_file():
        pytest.skip("../shared/refi-qda/Codebook.xsd is absent")
    return etree.XMLSchema(etree.parse(str(xsd)))


def validate(schema: object, text: str) -> None:
    from lxml import etree

    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["cirm_phenomenography", "king_maturity", "andrade_camacho",
                                  "amiri_crm_success"])
def test_bundled_codebooks_export_valid_qdc(schema: object, name: str) -> None:
    validate(schema, codebook_to_qdc(load_codebook(name)))


def test_export_is_schema_valid(schema: object) -> None:
    validate(schema, codebook_to_qdc(DEMO))


def test_export_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    text = codebook_to_qdc(DEMO)
    assert codebook_to_qdc(DEMO) == text
    assert guid("code", "demo", "C1") in text
    path = save_codebook(DEMO, tmp_path / "demo.qdc")
    back = load_codebook(path)
    assert back == DEMO and back["C1"].keywords == ("همیاری", "داوطلب")
    assert back["C2"].label == "نظرسنجی <برخط> & پیامکی"
    assert not back["P1"].codable and back.levels == ("element", "code")


def test_foreign_codebook_without_cirmtext_block(tmp_path: Path) -> None:
    qdc = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 2022">
  <Codes>
    <Code guid="4B2F8E1A-0C2D-4E5F-8A9B-1C2D3E4F5A6B" name="فناوری" isCodable="false">
      <Code guid="{5C3F8E1A-0C2D-4E5F-8A9B-1C2D3E4F5A6B}" name="سامانه" isCodable="true">
        <Description>استفاده از سامانه‌های برخط</Description>
      </Code>
      <Code guid="6D4F8E1A-0C2D-4E5F-8A9B-1C2D3E4F5A6B" name="پیامک" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>"""
    path = tmp_path / "maxqda.qdc"
    path.write_text(qdc, encoding="utf-8")
    cb = load_codebook(path)
    assert cb.id == "maxqda" and cb.ids == ("فناوری", "سامانه", "پیامک")
    assert cb["سامانه"].parent == "فناوری"
    assert cb["سامانه"].description == "استفاده از سامانه‌های برخط"


def test_project_codebook_is_read() -> None:
    qde = """<Project xmlns="urn:QDA-XML:project:1.0" name="p">
  <CodeBook><Codes><Code guid="4B2F8E1A-0C2D-4E5F-8A9B-1C2D3E4F5A6B" name="الف"
   isCodable="true"/></Codes></CodeBook></Project>"""
    assert codebook_from_qdc(qde).ids == ("الف",)


@pytest.mark.parametrize(("text", "message"), [
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook/>', "DTD"),
    ('<!DOCTYPE CodeBook SYSTEM "file:///etc/passwd"><CodeBook/>', "DTD"),
    ("<CodeBook><Codes>", "not well-formed"),
    ('<Other xmlns="urn:x"/>', "not a REFI-QDA codebook"),
    ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', "no <Codes>"),
    ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="" '
     'isCodable="true"/></Codes></CodeBook>', "has no name"),
])
def test_bad_or_unsafe_files_are_refused(text: str, message: str) -> None:
    with pytest.raises(CodebookError, match=message) as info:
        codebook_from_qdc(text, path="bad.qdc")
    assert info.value.path == "bad.qdc"


def test_utf16_document_type_is_refused_too() -> None:
    text = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE x [<!ENTITY a "b">]><CodeBook/>'
    with pytest.raises(ExportError, match="DTD"):
        parse_xml(text.encode("utf-16"))


def test_parser_bounds_size() -> None:
    with pytest.raises(ExportError, match="over the limit"):
        parse_xml("<a>" + "x" * 100 + "</a>", max_bytes=50)
