"""Repair on real PDF round trips: our transcripts rendered and extracted by real tools.

The fixtures (``benchmarks/repair/fixtures``) are texts that LibreOffice, reportlab, fpdf2 and
Chromium PDFs gave back through pdfminer.six, pypdf and pdftotext, with the transcripts they
came from as gold; ``benchmarks/repair/build_fixtures.py`` made them and ``manifest.json``
records how. Only pip packages are needed here. For every renderer/extractor pair, cirmtext's
repair must beat the raw extraction and hazm's Normalizer on word error rate, and stay under a
guard set from the measured value (see ``docs/benchmarks.md``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from _benchmarks import load_benchmark

import cirmtext

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "repair"
FIXTURES = BENCH / "fixtures"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
PAIRS = sorted({f"{f['renderer']}__{f['extractor']}" for f in MANIFEST["fixtures"]})

#: Word error rate cirmtext must stay under, per pair: the value measured with
#: ``python benchmarks/repair/run.py`` plus a margin, so that a regression fails here.
WER_GUARD: dict[str, float] = {
    "chromium__pdfminer": 0.06,  # measured 0.041
    "chromium__pdftotext": 0.027,  # measured 0.007
    "chromium__pypdf": 0.036,  # measured 0.016 (s5 0.027, s4 0.034, s2 0.083, s1 0.228)
    "fpdf2__pdfminer": 0.02,  # measured 0.000 (session 1: 0.043)
    "fpdf2__pdftotext": 0.021,  # measured 0.001 (session 1: 0.041)
    "fpdf2__pypdf": 0.021,  # measured 0.001 (s5 0.029, s2 0.050, s1 0.124)
    "libreoffice__pdfminer": 0.061,  # measured 0.041 (session 1: 0.128)
    "libreoffice__pdftotext": 0.021,  # measured 0.001 (session 1: 0.011)
    "libreoffice__pypdf": 0.137,  # measured 0.117 (s5 0.120, s4 0.134, s3 0.194, s1 0.711)
    "reportlab__pdfminer": 0.029,  # measured 0.009 (session 1: 0.036)
    "reportlab__pdftotext": 0.029,  # measured 0.009 (session 1: 0.036)
    "reportlab__pypdf": 0.027,  # measured 0.007 (s5 0.034, s4 0.041, s2 0.060, s1 0.145)
}

#: Pairs where cirmtext does not beat the raw extraction or hazm yet, with why (measured).
#: ``strict=True``: the test fails as soon as one is fixed, so this list cannot go stale.
KNOWN_FAILURES: dict[str, str] = {}


metrics = load_benchmark("repair", "metrics")


def _read(rel: str) -> str:
    with (FIXTURES / rel).open(encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture(scope="module")
def hazm_normalize():  # type: ignore[no-untyped-def]
    hazm = pytest.importorskip("hazm")
    return hazm.Normalizer().normalize


def _pair_wer(pair: str, system) -> float:  # type: ignore[no-untyped-def]
    """Word error rate over the pair's documents, weighted by gold words."""
    errors = words = 0.0
    for item in MANIFEST["fixtures"]:
        if f"{item['renderer']}__{item['extractor']}" != pair:
            continue
        gold, broken = _read(item["gold"]), _read(item["path"])
        n = len(gold.split())
        errors += metrics.word_error_rate(gold, system(broken)) * n
        words += n
    return errors / words


def test_manifest_matches_the_committed_files() -> None:
    assert len(PAIRS) >= 6, "expected at least six renderer/extractor pairs"
    for item in MANIFEST["fixtures"]:
        text = _read(item["path"])
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == item["sha256"], item["path"]
    for sample in MANIFEST["samples"].values():
        gold = _read(sample["gold"])
        assert hashlib.sha256(gold.encode("utf-8")).hexdigest() == sample["gold_sha256"]
        assert not gold.startswith("---"), "gold must be the transcript without front matter"


def test_every_pair_has_a_guard() -> None:
    assert sorted(WER_GUARD) == PAIRS


@pytest.mark.parametrize("pair", [
    pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[p]))
    if p in KNOWN_FAILURES else p for p in PAIRS])
def test_repair_beats_raw_and_hazm(pair: str, hazm_normalize) -> None:  # type: ignore[no-untyped-def]
    raw = _pair_wer(pair, lambda text: text)
    hazm = _pair_wer(pair, hazm_normalize)
    ours = _pair_wer(pair, cirmtext.normalize)
    summary = f"{pair}: WER raw {raw:.3f}, hazm {hazm:.3f}, cirmtext {ours:.3f}"
    assert ours < raw, summary
    assert ours < hazm, summary
    assert ours <= WER_GUARD[pair], f"{summary} > guard {WER_GUARD[pair]}"


GOLD = ("مدیران سازمان‌های دولتی می‌گویند که شهروند صاحب اصلی خدمات عمومی است و باید شنیده شود.\n"
        "ما هر هفته گزارش درخواست‌های مردم را بررسی می‌کنیم و نتیجه را به آن‌ها اعلام می‌کنیم.\n")


def test_orientation_tells_reversed_lines_from_forward_ones() -> None:
    orientation = load_benchmark("repair", "orientation")
    index = orientation.GoldIndex(GOLD)
    first, second = GOLD.splitlines()
    assert index.read(first).orientation == "forward"
    assert index.read(first[::-1]).orientation == "letters"
    assert index.read(" ".join(reversed(second.split()))).orientation == "words"
    broken = first[::-1] + "\n" + second + "\n"
    assert orientation.reorder_stats(GOLD, broken, GOLD) == orientation.ReorderStats(1, 1, 1, 0)
    assert orientation.reorder_stats(GOLD, broken, broken) == orientation.ReorderStats(1, 0, 1, 0)
    flipped = first + "\n" + second[::-1] + "\n"
    assert orientation.reorder_stats(GOLD, GOLD, flipped) == orientation.ReorderStats(0, 0, 2, 1)


def test_other_fonts_never_overwrite_the_committed_fixtures(capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    build = load_benchmark("repair", "build_fixtures")
    before = {p: p.stat().st_mtime_ns for p in FIXTURES.rglob("*") if p.is_file()}
    assert build.main(["--font", "dejavu"]) == 2  # --font needs --out DIR
    assert "--out" in capsys.readouterr().err
    assert {p: p.stat().st_mtime_ns for p in FIXTURES.rglob("*") if p.is_file()} == before
    for family, label, path in build.FONT_SETS.values():
        assert family and label and path.suffix == ".ttf"
