"""Reading users' files: encodings, binary and empty input, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from cirmtext.errors import BinaryFileError, EmptyInputError, EncodingError, InputTooLargeError
from cirmtext.io import atomic_write, decode_bytes, read_source, read_text

TEXT = "مصاحبه‌گر: مدیریت ارتباط با شهروند در سازمان شما چگونه است؟\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        # Windows-1256 has no Persian yeh: such files carry the Arabic one (ي), fixed by repair.
        (TEXT.replace("ی", "ي").encode("cp1256"), "cp1256"),
    ],
)
def test_detects_encodings(data: bytes, encoding: str) -> None:
    source = decode_bytes(data)
    assert source.encoding == encoding
    assert source.text.replace("ي", "ی") == TEXT


def test_binary_and_empty_are_refused_with_the_file_named(tmp_path: Path) -> None:
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(BinaryFileError, match=r"scan\.png"):
        read_text(png)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(EmptyInputError, match=r"empty\.txt"):
        read_text(empty)


def test_undecodable_and_wrong_forced_encoding(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café crème brûlée".encode("latin-1"))
    with pytest.raises(EncodingError, match=r"latin\.txt.*UTF-8"):
        read_text(latin)
    with pytest.raises(EncodingError, match="utf-8"):
        decode_bytes(TEXT.encode("cp1256", errors="replace"), encoding="utf-8")


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(TEXT * 100, encoding="utf-8")
    with pytest.raises(InputTooLargeError, match=r"big\.txt"):
        read_text(big, max_bytes=1000)


def test_fake_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "paper.pdf"
    fake.write_text(TEXT, encoding="utf-8")
    with pytest.raises(BinaryFileError, match="not a PDF"):
        read_source(fake)


def test_atomic_write_keeps_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, "قدیمی")

    class BoomError(Exception):
        pass

    from cirmtext.io import atomic_writer

    with pytest.raises(BoomError), atomic_writer(target) as fh:
        fh.write("نیمه")  # type: ignore[arg-type]
        raise BoomError
    assert target.read_text(encoding="utf-8") == "قدیمی"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_gives_ordinary_permissions(tmp_path: Path) -> None:
    import os

    target = tmp_path / "report.csv"
    atomic_write(target, "شناسه,کد\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o640)
    atomic_write(target, "شناسه,کد\n")
    assert target.stat().st_mode & 0o777 == 0o640
