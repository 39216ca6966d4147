"""Reading users' files safely and writing ours atomically.

Researchers' files arrive as UTF-8 (with or without a BOM), UTF-16 from Word's "Unicode text",
Windows-1256 from older Windows tools, PDFs and .docx transcripts. ``read_source`` returns the
text of any of them, or raises an :class:`~cirmtext.errors.InputError` that names the file and
says what to do. ``atomic_write`` never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import (
    BinaryFileError,
    EmptyInputError,
    EncodingError,
    ExportError,
    InputTooLargeError,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SourceText",
    "atomic_write",
    "atomic_writer",
    "decode_bytes",
    "read_source",
    "read_text",
]

#: Files larger than this are refused unless the caller raises the limit (256 MiB).
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

_ENCODING_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf16": "utf-16",
    "utf-16": "utf-16",
    "cp1256": "cp1256",
    "windows-1256": "cp1256",
}

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (a .docx, .xlsx or .qdpx?)",
    b"\x7fELF": "an executable",
    b"MZ": "a Windows executable",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3\x00": "an SQLite database (a cirmtext project?)",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc)",
}


@dataclass(frozen=True, slots=True)
class SourceText:
    """The text of a file and how it was read (``utf-8``, ``cp1256``, ``pdf``, ``docx``...)."""

    text: str
    encoding: str
    path: str


def decode_bytes(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> SourceText:
    """Decode a text file's bytes, detecting UTF-8, UTF-16 and Windows-1256.

    Args:
        data: the file's content.
        path: the name used in error messages.
        encoding: force an encoding instead of detecting one.

    Raises:
        BinaryFileError: the bytes are not text.
        EncodingError: the bytes are not in ``encoding`` or in any encoding we detect.
        EmptyInputError: nothing but whitespace.

    >>> decode_bytes("سلام".encode("cp1256")).encoding
    'cp1256'
    >>> decode_bytes("\\ufeffسلام".encode()).text
    'سلام'
    """
    if encoding is not None:
        name = _ENCODING_ALIASES.get(encoding.lower().replace("_", "-"), encoding)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError) as exc:
            msg = f"cannot be read as {encoding}: {exc}"
            hint = "leave out --encoding to let cirmtext detect UTF-8, UTF-16 or Windows-1256"
            raise EncodingError(msg, path=path, hint=hint) from None
        return _checked(SourceText(text.removeprefix("\ufeff"), name, path))
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            hint = "give a .txt, .md, .docx or .pdf file"
            raise BinaryFileError(f"is {what}, not a text file", path=path, hint=hint)
    if data.startswith(b"%PDF-"):
        raise BinaryFileError("is a PDF", path=path, hint="name it with a .pdf suffix")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(SourceText(_decode(data, "utf-16", path), "utf-16", path))
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(SourceText(_decode(data[3:], "utf-8", path), "utf-8-sig", path))
    utf16 = _guess_bomless_utf16(data)
    if utf16:
        return _checked(SourceText(_decode(data, utf16, path), utf16, path))
    if b"\x00" in data:
        raise BinaryFileError("contains NUL bytes and is not UTF-16 text", path=path,
                              hint="give a .txt, .md, .docx or .pdf file")
    try:
        return _checked(SourceText(data.decode("utf-8"), "utf-8", path))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = data.decode("cp1256", errors="replace")
    if _looks_like_persian(text):
        return _checked(SourceText(text, "cp1256", path))
    bad = utf8_error.start
    msg = (f"is not UTF-8 (byte {bad}: {data[bad:bad + 1]!r}) "
           "and does not look like Windows-1256 Persian")
    hint = "save it as UTF-8, or pass --encoding with its real encoding"
    raise EncodingError(msg, path=path, hint=hint)


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        msg = f"looks like {encoding} but byte {exc.start} is invalid"
        raise EncodingError(msg, path=path, hint="save it again as UTF-8") from None


def _guess_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is 0x00 (Latin) or 0x06 (Arabic script)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    def share(b: bytes) -> float:
        return sum(1 for c in b if c in (0x00, 0x06, 0x20)) / len(b)
    if share(odd) > 0.9 and share(even) < 0.5:
        return "utf-16-le"
    if share(even) > 0.9 and share(odd) < 0.5:
        return "utf-16-be"
    return None


def _looks_like_persian(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return arabic / len(letters) > 0.5 and controls == 0 and "\ufffd" not in text


def _checked(source: SourceText) -> SourceText:
    if not source.text.strip():
        raise EmptyInputError("is empty", path=source.path, hint="give a file with text in it")
    return source


def read_text(path: str | os.PathLike[str], *, encoding: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read a plain-text file (``-`` reads standard input), detecting its encoding."""
    name = str(path)
    if name == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        if not p.is_file():
            raise EmptyInputError("does not exist or is not a file", path=name,
                                  hint="check the path")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(f"is {size:,} bytes, over the limit of {max_bytes:,}",
                                     path=name, hint="split it, or raise the limit (--max-bytes)")
        data = p.read_bytes()
    if len(data) > max_bytes:
        raise InputTooLargeError(f"is over the limit of {max_bytes:,} bytes", path=name,
                                 hint="split it, or raise the limit (--max-bytes)")
    return decode_bytes(data, path=name, encoding=encoding)


def read_source(path: str | os.PathLike[str], *, encoding: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read the text of a .txt/.md file, a PDF or a .docx, whichever ``path`` is."""
    suffix = Path(str(path)).suffix.lower()
    if suffix == ".pdf":
        return _read_pdf(Path(path), max_bytes)
    if suffix == ".docx":
        return _read_docx(Path(path), max_bytes)
    return read_text(path, encoding=encoding, max_bytes=max_bytes)


def _check_size(path: Path, max_bytes: int) -> None:
    if not path.is_file():
        raise EmptyInputError("does not exist or is not a file", path=str(path),
                              hint="check the path")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLargeError(f"is {size:,} bytes, over the limit of {max_bytes:,}",
                                 path=str(path), hint="split it, or raise the limit (--max-bytes)")


#: Share of a PDF's visible characters coming from glyphs without a Unicode mapping ("(cid:12)")
#: above which the text is refused rather than passed on as noise.
MAX_UNMAPPED_SHARE = 0.3
_CID = re.compile(r"\(cid:\d+\)")


def _read_pdf(path: Path, max_bytes: int) -> SourceText:
    """Extract a PDF's text with pdfminer.six, page by page, pages separated by form feeds.

    Every page ends with a form feed (``\\f``), which the repair stage uses as page evidence
    (page numbers and running heads sit next to page breaks). Encrypted, damaged and
    unmappable PDFs are refused with an error that says what to do.
    """
    _check_size(path, max_bytes)
    with path.open("rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF-"):
            raise BinaryFileError("has a .pdf suffix but is not a PDF", path=str(path),
                                  hint="check the file")
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    pdf_logger = logging.getLogger("pdfminer")
    level = pdf_logger.level
    pdf_logger.setLevel(logging.ERROR)  # pdfminer warns about every odd font and colour
    try:
        text = extract_text(str(path))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise BinaryFileError(f"is an encrypted PDF that cannot be opened ({type(exc).__name__})",
                              path=str(path),
                              hint="save an unprotected copy first (e.g. qpdf --decrypt IN OUT)",
                              ) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError,
            IndexError) as exc:
        raise BinaryFileError(f"is a damaged PDF ({type(exc).__name__}: {exc})", path=str(path),
                              hint="re-export it from its source program") from None
    finally:
        pdf_logger.setLevel(level)
    if not text.strip(" \n\r\t\f"):
        raise EmptyInputError("is a PDF with no extractable text (a scan?)", path=str(path),
                              hint="run OCR first; cirmtext reads text layers only")
    visible = len("".join(text.split()))
    unmapped = sum(len(m) for m in _CID.findall(text))
    if visible and unmapped / visible > MAX_UNMAPPED_SHARE:
        msg = (f"is a PDF whose fonts have no Unicode mapping ({unmapped / visible:.0%} of its "
               "text is unreadable glyph numbers)")
        raise EncodingError(msg, path=str(path),
                            hint="re-export it with embedded Unicode fonts, or run OCR")
    if not text.endswith("\f"):
        text += "\f"
    return SourceText(text, "pdf", str(path))


def _read_docx(path: Path, max_bytes: int) -> SourceText:
    """Read the paragraphs of a .docx, one per line."""
    _check_size(path, max_bytes)
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise BinaryFileError("has a .docx suffix but is not a Word document (not a ZIP archive)",
                              path=str(path), hint="check the file, or save it again as .docx")
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise BinaryFileError(f"is not a readable .docx ({exc})", path=str(path),
                              hint="open and save it again in Word or LibreOffice") from None
    text = "\n".join(p.text for p in document.paragraphs)
    return _checked(SourceText(text, "docx", str(path)))


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w",
                  encoding: str | None = "utf-8") -> Iterator[IO[str]] | Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; on success fsync it and move it into place.

    If the block raises, the temporary file is removed and ``path`` is left as it was.
    Missing parent folders are created.

    Raises:
        ExportError: ``path`` is a folder, its parent cannot be a folder (a file is in the
            way), or the folder cannot be written to.
    """
    target = Path(path)
    if target.is_dir():
        raise ExportError("is a folder, not a file", path=str(target),
                          hint="give a file name for the output")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except (FileExistsError, NotADirectoryError):
        raise ExportError("cannot be written: a file is in the way of its folder",
                          path=str(target), hint="choose an output path in a folder") from None
    except OSError as exc:
        raise ExportError(f"cannot be written ({exc.strerror or exc})", path=str(target),
                          hint="choose a folder you can write to") from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.fchmod(fd, _new_file_mode(target))
        kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:  # type: ignore[call-overload]
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(target)
        with contextlib.suppress(OSError):
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


def _new_file_mode(target: Path) -> int:
    """The existing file's mode, or what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *,
                 encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    if isinstance(data, bytes):
        with atomic_writer(path, "wb", encoding=None) as fh:
            fh.write(data)  # type: ignore[arg-type]
    else:
        with atomic_writer(path, "w", encoding=encoding) as fh:
            fh.write(data)  # type: ignore[arg-type]
