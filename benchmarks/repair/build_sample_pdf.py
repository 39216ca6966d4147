"""Build the sample corpus's PDF: our own transcript rendered by LibreOffice, as a user's PDF.

The README quick start runs ``cirmtext run corpora/samples``. Its ``.txt`` transcripts are clean,
so this one document is a real PDF made from our own fictional transcript
``corpora/sources/interview_09.txt`` (kept outside ``corpora/samples`` so that the corpus run
does not read it twice). The body (front matter removed, as a user's PDF has none) is rendered
with the same renderer as the repair fixtures, :func:`build_fixtures.render_libreoffice`
(LibreOffice Writer headless, RTL justified HTML), in the OFL-licensed font Noto Naskh Arabic
(the PDF embeds a subset of it; the fixtures' Nazli is GPL), and the PDF is
written to ``corpora/samples/interview_09.pdf``. cirmtext then reads it through pdfminer.six
like any PDF, with the damage that extraction brings (reversed lines, broken ZWNJ and spaces).

Needs the heavy tools of ``build_fixtures.py`` (never project dependencies)::

    apt-get install -y libreoffice-writer-nogui fonts-noto-core
    python benchmarks/repair/build_sample_pdf.py            # prints versions and sha256 sums

The printed facts (tool versions, sha256 of the source and of the PDF) go in
``corpora/samples/SOURCE.md``. LibreOffice writes a creation date into the PDF, so a rebuild
gives a PDF with another sha256 but the same text.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_fixtures import (  # noqa: E402
    ROOT,
    extract_pdfminer,
    render_libreoffice,
    sha256,
    strip_front_matter,
)

SOURCE = ROOT / "corpora" / "sources" / "interview_09.txt"
TARGET = ROOT / "corpora" / "samples" / "interview_09.pdf"


def build(source: Path, target: Path) -> dict[str, str]:
    """Render ``source``'s body to ``target`` with LibreOffice; return what SOURCE.md records."""
    raw = source.read_text(encoding="utf-8")
    body = strip_front_matter(raw)
    with tempfile.TemporaryDirectory(prefix="cirm_sample_pdf_") as tmp:
        work = Path(tmp)
        pdf = work / target.name
        info = render_libreoffice(body, pdf, work, font="noto-naskh")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
    data = target.read_bytes()
    extracted = extract_pdfminer(target)
    return {
        "source": str(source.relative_to(ROOT)) if source.is_relative_to(ROOT) else str(source),
        "source_sha256": sha256(raw),
        "source_words": str(len(raw.split())),
        "body_words": str(len(body.split())),
        "pdf": str(target.relative_to(ROOT)) if target.is_relative_to(ROOT) else str(target),
        "pdf_sha256": sha256(data),
        "pdf_bytes": str(len(data)),
        "renderer": info["tool"],
        "font": info["font"],
        "input": info["input"],
        "command": info["command"],
        "extractor": f"pdfminer.six {importlib.metadata.version('pdfminer.six')}",
        "extracted_chars": str(len(extracted)),
        "python": sys.version.split()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="transcript (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=TARGET,
                        help="PDF to write (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"error: no such transcript: {args.source}", file=sys.stderr)
        return 2
    for key, value in build(args.source.resolve(), args.out.resolve()).items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
