"""Build the PDF round-trip fixtures: our own transcripts, rendered to PDF and extracted again.

Each sample transcript of ``corpora/samples`` (its body, without the YAML front matter) is
rendered to PDF by several real tools and read back by several real extractors. The extracted
texts are committed under ``fixtures/<renderer>__<extractor>/<sample>.txt``, the bodies they
came from under ``fixtures/gold/<sample>.txt`` (the gold: what the extraction should have
given), and ``fixtures/manifest.json`` records tool versions, commands, fonts and sha256 sums.

Tests and ``run.py`` need only these committed files. Building them needs heavy tools that are
never project dependencies (see ``README.md`` beside this file)::

    apt-get install -y libreoffice-writer-nogui fonts-farsiweb fonts-noto-core \
        poppler-utils chromium
    pip install pdfminer.six pypdf reportlab arabic-reshaper python-bidi fpdf2 uharfbuzz
    python benchmarks/repair/build_fixtures.py

A renderer or extractor whose tool is missing is skipped with a message (``--strict`` makes
that an error), so the manifest always says which pairs were really built.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLES = ROOT / "corpora" / "samples"
FIXTURES = HERE / "fixtures"
DEFAULT_SAMPLES = ("interview_03", "interview_06")

FARSIWEB = Path("/usr/share/fonts/truetype/farsiweb/nazli.ttf")
NOTO_NASKH = Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# Page geometry shared by the renderers that lay out text themselves (points, A4).
PAGE_W, PAGE_H, MARGIN, FONT_SIZE, LEADING = 595.0, 842.0, 56.0, 12.0, 20.0


class ToolMissingError(RuntimeError):
    """A renderer's or extractor's tool is not installed here."""


def strip_front_matter(text: str) -> str:
    """The transcript without its leading ``---`` YAML block, stripped of outer blank lines."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                lines = lines[i + 1:]
                break
    return "\n".join(lines).strip() + "\n"


def paragraphs(body: str) -> list[str]:
    """Non-empty paragraphs (blank-line separated; inner line breaks become spaces)."""
    blocks = [" ".join(b.split("\n")).strip() for b in body.split("\n\n")]
    return [b for b in blocks if b]


def sha256(data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def _run(cmd: list[str], *, timeout: int = 300) -> str:
    exe = shutil.which(cmd[0])
    if exe is None:
        raise ToolMissingError(f"{cmd[0]} is not installed")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        msg = f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[:500]}"
        raise RuntimeError(msg)
    return proc.stdout


def _version(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    out = (proc.stdout or proc.stderr).strip().splitlines()
    return out[0].strip() if out else "unknown"


def _pip_version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ToolMissingError(f"pip package {dist} is not installed") from exc


def _need_font(path: Path) -> Path:
    if not path.is_file():
        raise ToolMissingError(f"font {path} is missing (apt-get install fonts-farsiweb "
                               "fonts-noto-core fonts-dejavu-core)")
    return path


def _html(body: str, font: str) -> str:
    paras = "\n".join(f'<p dir="rtl">{html.escape(p)}</p>' for p in paragraphs(body))
    return ("<!DOCTYPE html>\n<html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
            "<title>interview</title><style>body { "
            + (f"font-family: {font}; " if font else "") + "font-size: 12pt; "
            "direction: rtl; }} p {{ text-align: justify; margin: 0 0 8pt 0; }}"
            "</style></head>\n<body>\n" + paras + "\n</body></html>\n")


# --------------------------------------------------------------------------- renderers
# Each renderer writes ``pdf`` from ``body`` and returns what the manifest records about it.

#: Fonts a renderer may be asked for: CSS family name, what the manifest records, file.
FONTS: dict[str, tuple[str, str, Path]] = {
    "nazli": ("'Nazli'", "Nazli (fonts-farsiweb)", FARSIWEB),
    "noto-naskh": ("'Noto Naskh Arabic'", "Noto Naskh Arabic (fonts-noto-core, SIL OFL 1.1)",
                   NOTO_NASKH),
}


#: Other fonts every renderer can be asked for at once (``--font``), to check that repair does
#: not depend on the fixtures' font: CSS family for the HTML renderers, TrueType file for
#: reportlab and fpdf2. ``sans-serif`` is CSS's generic family: fontconfig gives Noto Sans
#: (Latin, no Arabic) with DejaVu Sans for the Persian letters, two fonts in one line.
FONT_SETS: dict[str, tuple[str, str, Path]] = {
    "homa": ("'Homa'", "Homa (fonts-farsiweb)",
             Path("/usr/share/fonts/truetype/farsiweb/homa.ttf")),
    "noto-sans": ("'Noto Sans Arabic'", "Noto Sans Arabic (fonts-noto-core)",
                  Path("/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf")),
    "dejavu": ("'DejaVu Sans'", "DejaVu Sans (fonts-dejavu-core)", DEJAVU),
    "sans-serif": ("sans-serif", "CSS sans-serif (fontconfig); DejaVu Sans for reportlab and "
                   "fpdf2", DEJAVU),
}

#: ``--font default``, the most common real case: a document that names no font. The HTML then
#: has no font-family, so LibreOffice and Chromium take their own defaults (here LibreOffice
#: sets the Persian letters in DejaVu Sans and the spaces and ASCII marks in DejaVu Serif: two
#: fonts in a line, as with sans-serif); reportlab and fpdf2 need a file: DejaVu Sans.
NO_FONT = "default"
NO_FONT_SET: tuple[str, str, Path] = (
    "", "no font given (the renderer's own default); DejaVu Sans for reportlab and fpdf2",
    DEJAVU)


def font_set(font: str) -> tuple[str, str, Path]:
    """``(CSS family, label, TrueType file)`` of a ``--font`` choice (the family is empty for
    :data:`NO_FONT`)."""
    return NO_FONT_SET if font == NO_FONT else FONT_SETS[font]


def render_libreoffice(body: str, pdf: Path, work: Path, font: str = "nazli") -> dict[str, str]:
    """LibreOffice Writer, headless, from RTL justified HTML in ``font`` (a key of FONTS).

    The benchmark fixtures use the farsiweb font Nazli; a PDF we ship (the sample corpus's)
    embeds a subset of its font, so that one is made with the OFL-licensed Noto Naskh Arabic.
    """
    family, label, path = FONTS[font] if font in FONTS else font_set(font)
    _need_font(path)
    src = work / f"{pdf.stem}.html"
    src.write_text(_html(body, family), encoding="utf-8")
    profile = (work / "lo_profile").as_uri()
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
           "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
           "--outdir", str(work), str(src)]
    _run(cmd)
    shutil.move(work / f"{pdf.stem}.pdf", pdf)
    return {"tool": _version(["soffice", "--version"]), "font": label,
            "input": "HTML, <p dir=rtl>, text-align: justify",
            "command": " ".join(cmd).replace(str(work), "<tmp>")}


def render_chromium(body: str, pdf: Path, work: Path, font: str | None = None
                    ) -> dict[str, str]:
    """Chromium print-to-PDF of RTL justified HTML (Nazli, falling back to Noto Naskh; or a
    font of :data:`FONT_SETS`, or none: :data:`NO_FONT`)."""
    if font is None:
        _need_font(FARSIWEB)
        family, label = "'Nazli', 'Noto Naskh Arabic', serif", "Nazli (fonts-farsiweb)"
    else:
        family, label, path = font_set(font)
        _need_font(path)
    src = work / f"{pdf.stem}.html"
    src.write_text(_html(body, family), encoding="utf-8")
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        raise ToolMissingError("chromium is not installed")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={work / 'chromium_profile'}", "--no-pdf-header-footer",
           f"--print-to-pdf={pdf}", src.as_uri()]
    _run(cmd)
    if not pdf.is_file():
        raise RuntimeError("chromium wrote no PDF")
    return {"tool": _version([exe, "--version"]), "font": label,
            "input": "HTML, <p dir=rtl>, text-align: justify",
            "command": " ".join(cmd).replace(str(work), "<tmp>").replace(str(pdf.parent), "<out>")}


def _greedy_lines(words: list[str], fits: Callable[[str], bool]) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    for word in words:
        if current and not fits(" ".join([*current, word])):
            lines.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def render_reportlab(body: str, pdf: Path, work: Path, font: str | None = None
                     ) -> dict[str, str]:
    """reportlab, the way Persian is usually done with it: arabic-reshaper, then python-bidi.

    Each paragraph is reshaped (presentation forms; arabic-reshaper drops ZWNJ), wrapped in
    logical order to the line width, and each line is reordered with ``bidi.get_display`` and
    drawn right-aligned: the PDF holds the glyphs in visual order.
    """
    del work
    versions = {d: _pip_version(d) for d in ("reportlab", "arabic-reshaper", "python-bidi")}
    import arabic_reshaper
    from bidi.algorithm import get_display
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    path, label = (FARSIWEB, "Nazli (fonts-farsiweb)") if font is None else (
        font_set(font)[2], font_set(font)[1])
    pdfmetrics.registerFont(TTFont("Nazli", str(_need_font(path))))
    page = canvas.Canvas(str(pdf), pagesize=(PAGE_W, PAGE_H), invariant=1)
    page.setFont("Nazli", FONT_SIZE)
    width = PAGE_W - 2 * MARGIN
    y = PAGE_H - MARGIN

    def fits(line: str) -> bool:
        return pdfmetrics.stringWidth(line, "Nazli", FONT_SIZE) <= width

    for para in paragraphs(body):
        shaped = arabic_reshaper.reshape(para)
        for line in _greedy_lines(shaped.split(), fits):
            if y < MARGIN:
                page.showPage()
                page.setFont("Nazli", FONT_SIZE)
                y = PAGE_H - MARGIN
            page.drawRightString(PAGE_W - MARGIN, y, get_display(line))
            y -= LEADING
        y -= LEADING / 2
    page.save()
    return {"tool": ", ".join(f"{k} {v}" for k, v in versions.items()),
            "font": label,
            "command": "arabic_reshaper.reshape(paragraph); greedy wrap; "
                       "canvas.drawRightString(get_display(line))"}


def render_fpdf2(body: str, pdf: Path, work: Path, font: str | None = None) -> dict[str, str]:
    """fpdf2 with HarfBuzz text shaping (uharfbuzz), RTL, justified, Noto Naskh Arabic."""
    del work
    versions = {d: _pip_version(d) for d in ("fpdf2", "uharfbuzz")}
    from fpdf import FPDF

    doc = FPDF(format="A4", unit="pt")
    doc.set_margins(MARGIN, MARGIN, MARGIN)
    doc.set_auto_page_break(auto=True, margin=MARGIN)
    doc.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    main, label = (NOTO_NASKH, "Noto Naskh Arabic (fonts-noto-core), Nazli fallback for Latin"
                   ) if font is None else (font_set(font)[2], font_set(font)[1]
                                           + ", Nazli fallback")
    doc.add_font("NotoNaskh", fname=str(_need_font(main)))
    doc.add_font("Nazli", fname=str(_need_font(FARSIWEB)))
    doc.set_fallback_fonts(["Nazli"])
    doc.add_page()
    doc.set_font("NotoNaskh", size=FONT_SIZE)
    doc.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
    for para in paragraphs(body):
        doc.multi_cell(0, LEADING, para, align="J", new_x="LMARGIN", new_y="NEXT")
        doc.ln(LEADING / 2)
    doc.output(str(pdf))
    return {"tool": ", ".join(f"{k} {v}" for k, v in versions.items()),
            "font": label,
            "command": "FPDF.set_text_shaping(direction='rtl', script='arab', language='fas'); "
                       "multi_cell(align='J') per paragraph"}


RENDERERS: dict[str, Callable[..., dict[str, str]]] = {
    "libreoffice": render_libreoffice,
    "reportlab": render_reportlab,
    "fpdf2": render_fpdf2,
    "chromium": render_chromium,
}


# --------------------------------------------------------------------------- extractors

def extract_pdfminer(pdf: Path) -> str:
    """pdfminer.six ``extract_text`` with default layout parameters (as cirmtext reads PDFs)."""
    _pip_version("pdfminer.six")
    from pdfminer.high_level import extract_text

    return str(extract_text(str(pdf)))


def extract_pypdf(pdf: Path) -> str:
    """pypdf ``PdfReader(...).pages[i].extract_text()``, pages joined by a newline."""
    _pip_version("pypdf")
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)


def extract_pdftotext(pdf: Path) -> str:
    """poppler's ``pdftotext -enc UTF-8 FILE -`` (default reading-order mode)."""
    return _run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"])


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdfminer": extract_pdfminer,
    "pypdf": extract_pypdf,
    "pdftotext": extract_pdftotext,
}

EXTRACTOR_INFO = {
    "pdfminer": lambda: (f"pdfminer.six {_pip_version('pdfminer.six')}: "
                         "high_level.extract_text(pdf)"),
    "pypdf": lambda: f"pypdf {_pip_version('pypdf')}: PdfReader(pdf).pages[i].extract_text()",
    "pdftotext": lambda: f"{_version(['pdftotext', '-v'])}: pdftotext -enc UTF-8 pdf -",
}


def build(samples: list[str], renderers: list[str], extractors: list[str], out: Path,
          *, strict: bool = False, keep_pdfs: Path | None = None, font: str | None = None
          ) -> dict[str, object]:
    """Render every sample with every renderer, extract with every extractor, write fixtures.

    ``font`` (a key of :data:`FONT_SETS`, or :data:`NO_FONT`) renders with that font instead
    of each renderer's own (Nazli; Noto Naskh for fpdf2).
    """
    manifest: dict[str, object] = {
        "built": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": "python benchmarks/repair/build_fixtures.py " + " ".join(sys.argv[1:]),
        "python": sys.version.split()[0], "font": font or "default",
        "samples": {}, "renderers": {}, "extractors": {}, "fixtures": [], "skipped": [],
    }
    (out / "gold").mkdir(parents=True, exist_ok=True)
    bodies: dict[str, str] = {}
    for name in samples:
        src = SAMPLES / f"{name}.txt"
        raw = src.read_text(encoding="utf-8")
        body = strip_front_matter(raw)
        bodies[name] = body
        (out / "gold" / f"{name}.txt").write_text(body, encoding="utf-8")
        manifest["samples"][name] = {  # type: ignore[index]
            "source": str(src.relative_to(ROOT)), "source_sha256": sha256(raw),
            "gold": f"gold/{name}.txt", "gold_sha256": sha256(body),
            "words": len(body.split())}
    for ext in extractors:
        try:
            manifest["extractors"][ext] = EXTRACTOR_INFO[ext]()  # type: ignore[index]
        except ToolMissingError as exc:
            manifest["extractors"][ext] = f"unavailable: {exc}"  # type: ignore[index]
    with tempfile.TemporaryDirectory(prefix="cirm_fixtures_") as tmp:
        work = Path(tmp)
        for ren in renderers:
            for name, body in bodies.items():
                pdf = work / f"{ren}__{name}.pdf"
                try:
                    info = (RENDERERS[ren](body, pdf, work) if font is None
                            else RENDERERS[ren](body, pdf, work, font=font))
                except ToolMissingError as exc:
                    if strict:
                        raise
                    print(f"skip renderer {ren}: {exc}", file=sys.stderr)
                    manifest["skipped"].append({"renderer": ren, "reason": str(exc)})  # type: ignore[union-attr]
                    break
                manifest["renderers"][ren] = info  # type: ignore[index]
                if keep_pdfs is not None:
                    keep_pdfs.mkdir(parents=True, exist_ok=True)
                    shutil.copy(pdf, keep_pdfs / pdf.name)
                for ext in extractors:
                    try:
                        text = EXTRACTORS[ext](pdf)
                    except ToolMissingError as exc:
                        if strict:
                            raise
                        print(f"skip extractor {ext}: {exc}", file=sys.stderr)
                        continue
                    rel = Path(f"{ren}__{ext}") / f"{name}.txt"
                    (out / rel).parent.mkdir(parents=True, exist_ok=True)
                    with (out / rel).open("w", encoding="utf-8", newline="") as fh:
                        fh.write(text)
                    manifest["fixtures"].append({  # type: ignore[union-attr]
                        "renderer": ren, "extractor": ext, "sample": name,
                        "path": rel.as_posix(), "gold": f"gold/{name}.txt",
                        "sha256": sha256(text), "chars": len(text),
                        "pdf_sha256": sha256(pdf.read_bytes())})
                    print(f"{rel}: {len(text)} chars", file=sys.stderr)
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", nargs="+", default=list(DEFAULT_SAMPLES),
                        help="sample names in corpora/samples (default: %(default)s)")
    parser.add_argument("--renderers", nargs="+", default=list(RENDERERS), choices=list(RENDERERS))
    parser.add_argument("--extractors", nargs="+", default=list(EXTRACTORS),
                        choices=list(EXTRACTORS))
    parser.add_argument("--out", type=Path, default=FIXTURES, help="fixture folder")
    parser.add_argument("--keep-pdfs", type=Path, default=None,
                        help="also copy the rendered PDFs here (not committed)")
    parser.add_argument("--strict", action="store_true", help="fail if a tool is missing")
    parser.add_argument("--font", choices=[*FONT_SETS, NO_FONT], default=None,
                        help="render with this font instead of each renderer's own (a check "
                             "that repair does not depend on the fixtures' font; never commit "
                             "its output over the fixtures)")
    args = parser.parse_args(argv)
    if args.font is not None and args.out.resolve() == FIXTURES.resolve():
        print("error: --font needs --out DIR (the committed fixtures use the default fonts)",
              file=sys.stderr)
        return 2
    missing = [s for s in args.samples if not (SAMPLES / f"{s}.txt").is_file()]
    if missing:
        print(f"error: no such sample(s) in {SAMPLES}: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.out.exists():
        for child in args.out.iterdir():
            if child.is_dir() and "__" in child.name:
                shutil.rmtree(child)
    manifest = build(args.samples, args.renderers, args.extractors, args.out,
                     strict=args.strict, keep_pdfs=args.keep_pdfs, font=args.font)
    built = len(manifest["fixtures"])  # type: ignore[arg-type]
    print(f"{built} fixtures written to {args.out}", file=sys.stderr)
    return 0 if built else 1


if __name__ == "__main__":
    raise SystemExit(main())
