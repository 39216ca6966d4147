"""Reading PDFs: pages separated by form feeds; encrypted, damaged and textless PDFs refused.

The PDFs are written here byte by byte (Latin text in a standard font), so the tests need no
PDF writer; Persian PDFs made by real tools are exercised by benchmarks/repair.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cirmtext.errors import BinaryFileError, EmptyInputError
from cirmtext.io import read_source


def _pdf(pages: list[str], *, encrypt: bool = False) -> bytes:
    """A minimal PDF with one line of Helvetica text per page."""
    n = len(pages)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [" + " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
        + f"] /Count {n} >>",
    ]
    font = 3 + 2 * n
    for i, text in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>")
        stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET" if text else ""
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    trailer_extra = ""
    if encrypt:
        objects.append("<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + "ab" * 32 + "> /U <"
                       + "cd" * 32 + "> >>")
        trailer_extra = f" /Encrypt {len(objects)} 0 R /ID [<{'01' * 16}> <{'01' * 16}>]"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer_extra} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def test_pages_are_separated_by_form_feeds(tmp_path: Path) -> None:
    path = tmp_path / "three.pdf"
    path.write_bytes(_pdf(["first page", "second page", "third page"]))
    source = read_source(path)
    assert source.encoding == "pdf"
    pages = source.text.split("\f")
    assert [p.strip() for p in pages] == ["first page", "second page", "third page", ""]


def test_encrypted_pdf_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_pdf(["secret"], encrypt=True))
    with pytest.raises(BinaryFileError, match="encrypted") as info:
        read_source(path)
    assert "locked.pdf" in str(info.value)


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(_pdf(["some text"])[:60])
    with pytest.raises((BinaryFileError, EmptyInputError)) as info:
        read_source(path)
    assert "broken.pdf" in str(info.value)


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(["", ""]))
    with pytest.raises(EmptyInputError, match="no extractable text"):
        read_source(path)
