"""Review store and REFI-QDA round trip: speed, size, and codings lost or moved.

Store (synthetic project of ``--segments`` segments, 100 per document, Persian-like text of
about 250 characters each; written to ``--dir``, default a temporary folder):

* decisions/s: ``Project.record`` one decision per transaction (WAL, ``synchronous=FULL``, as in
  review), against the anchor: a bare ``INSERT`` + ``COMMIT`` loop with the same settings on a
  one-table database in the same folder;
* open time: ``Project.open``, and the time until a review can show its first segment
  (``ReviewSession``: open, load segments and the coder's state, find where to resume), with a
  log of ``--decisions`` entries; the median of 5 runs each;
* file size after the decisions, and ``PRAGMA quick_check`` time.

Round trip on the sample corpus (``corpora/samples``): add, suggest (bundled codebook), two
simulated coders (one accepts each segment's first suggestion, the other its first two), a memo
on every fifth segment; export ``.qdpx`` (with suggestions as user ``cirmtext``) and
``.qdpx --crlf``; validate ``project.qde`` against ``../shared/refi-qda/Project.xsd`` with lxml;
import each into a fresh project of the same files; count codings lost and moved and compare
the coders' states.

Usage::

    python benchmarks/store/run.py                      # 100,000 segments
    python benchmarks/store/run.py --segments 20000 --json out.json

Exits with status 1 if any coding is lost or moved, the states differ, or the schema check fails.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cirmtext.codebook import load_codebook  # noqa: E402
from cirmtext.records import Document, Segment  # noqa: E402
from cirmtext.refi.project import export_qdpx  # noqa: E402
from cirmtext.refi.project_import import import_qdpx  # noqa: E402
from cirmtext.review.autosuggest import suggest_project  # noqa: E402
from cirmtext.review.ingest import add_files  # noqa: E402
from cirmtext.review.session import ReviewSession  # noqa: E402
from cirmtext.review.store import Project  # noqa: E402

SAMPLES = ROOT / "corpora" / "samples"
SCHEMA = ROOT.parent / "shared" / "refi-qda" / "Project.xsd"
WORDS = ("مدیریت ارتباط با شهروندان در سازمان‌های دولتی نیازمند مشارکت مردم و پاسخ‌گویی "
         "مدیران است و سامانه‌های الکترونیکی به ثبت شکایت‌ها و پیگیری درخواست‌ها کمک می‌کنند").split()


def _synthetic(path: Path, n_segments: int, per_doc: int = 100) -> None:
    with Project.open(path, create=True) as project:
        for d in range(0, n_segments, per_doc):
            pieces, segments, pos = [], [], 0
            for i in range(min(per_doc, n_segments - d)):
                k = d + i
                piece = " ".join(WORDS[(k * 7 + j) % len(WORDS)] for j in range(30)) + f" {k}."
                segments.append(Segment(f"doc{d}:{i}", f"doc{d}", pos, pos + len(piece), piece,
                                        "turn", "مصاحبه‌شونده", "respondent", pos,
                                        pos + len(piece)))
                pieces.append(piece)
                pos += len(piece) + 2
            text = "\n\n".join(pieces)
            project.add_document(Document(f"doc{d}", text, original=text), segments)


def _median_time(fn: Any, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_store(folder: Path, n_segments: int, n_decisions: int) -> dict[str, Any]:
    path = folder / "bench.cirm"
    t = time.perf_counter()
    _synthetic(path, n_segments)
    build = time.perf_counter() - t
    with Project.open(path) as project:
        ids = [s.id for s in project.segments()]
        t = time.perf_counter()
        for i in range(n_decisions):
            project.record(ids[i % len(ids)], "accept", "bench", code_id=f"C{i % 40}",
                           suggestion_method="keywords")
        ours = n_decisions / (time.perf_counter() - t)
    anchor_path = folder / "anchor.db"
    db = sqlite3.connect(anchor_path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE log (id INTEGER PRIMARY KEY, segment TEXT, code TEXT, action TEXT, "
               "coder TEXT, time TEXT)")
    t = time.perf_counter()
    for i in range(n_decisions):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO log (segment, code, action, coder, time) VALUES (?,?,?,?,?)",
                   (ids[i % len(ids)], f"C{i % 40}", "accept", "bench", "2026-01-01T00:00:00"))
        db.execute("COMMIT")
    anchor = n_decisions / (time.perf_counter() - t)
    db.close()

    def open_only() -> None:
        Project.open(path).close()

    def open_for_review() -> None:
        with Project.open(path) as project:
            session = ReviewSession(project, "bench")
            assert session.current() is not None

    def quick_check() -> None:
        with Project.open(path) as project:
            assert project.check() == []

    return {
        "segments": n_segments, "decisions": n_decisions, "build_s": round(build, 2),
        "decisions_per_s": round(ours, 1), "anchor_inserts_per_s": round(anchor, 1),
        "open_s": round(_median_time(open_only), 4),
        "open_to_first_segment_s": round(_median_time(open_for_review), 3),
        "quick_check_s": round(_median_time(quick_check, 3), 3),
        "file_mb": round(path.stat().st_size / 1e6, 1),
    }


def _validate(qdpx: Path) -> bool | None:
    if not SCHEMA.is_file():
        return None
    try:
        from lxml import etree
    except ImportError:
        return None
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    with zipfile.ZipFile(qdpx) as zf:
        ok = schema.validate(etree.fromstring(zf.read("project.qde")))
    if not ok:
        print(schema.error_log, file=sys.stderr)
    return bool(ok)


def bench_round_trip(folder: Path) -> dict[str, Any]:
    codebook = load_codebook("cirm_phenomenography")
    with Project.open(folder / "samples.cirm", create=True) as project:
        add_files(project, [SAMPLES])
        suggest_project(project, codebook)
        current = project.suggestions()
        for n, segment in enumerate(project.segments()):
            for coder, k in (("coder_a", 1), ("coder_b", 2)):
                for s in current.get(segment.id, [])[:k]:
                    project.record(segment.id, "accept", coder, code_id=s.code_id)
                project.record(segment.id, "done", coder)
            if n % 5 == 0:
                project.record(segment.id, "memo", "coder_a", memo=f"یادداشت {n}")
        human = {k: (v.codes, v.memo) for k, v in project.state().items() if v.codes or v.memo}
        results: dict[str, Any] = {"documents": len(project.documents()),
                                   "segments": len(project.segments())}
        for label, crlf in (("lf", False), ("crlf", True)):
            out = folder / f"samples_{label}.qdpx"
            t = time.perf_counter()
            summary = export_qdpx(project, out, suggestions=True, crlf=crlf)
            export_s = time.perf_counter() - t
            with Project.open(folder / f"fresh_{label}.cirm", create=True) as fresh:
                add_files(fresh, [SAMPLES])
                fresh.add_codebook(codebook)
                t = time.perf_counter()
                report = import_qdpx(fresh, out)
                import_s = time.perf_counter() - t
                same = {k: (v.codes, v.memo) for k, v in fresh.state().items()
                        if v.codes or v.memo} == human
            results[label] = {
                "codings": summary.codings, "machine_codings": summary.machine_codings,
                "memos": summary.notes, "imported": report.recorded, "exact": report.exact,
                "moved": report.moved, "lost": len(report.lost), "states_equal": same,
                "schema_valid": _validate(out), "export_s": round(export_s, 3),
                "import_s": round(import_s, 3), "qdpx_kb": round(out.stat().st_size / 1e3, 1)}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--decisions", type=int, default=2_000)
    parser.add_argument("--dir", default=None, help="where to write the test projects")
    parser.add_argument("--json", default=None, help="also write the results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        results = {"store": bench_store(folder, args.segments, args.decisions),
                   "round_trip": bench_round_trip(folder)}
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")
    failed = [label for label in ("lf", "crlf")
              if results["round_trip"][label]["lost"] or results["round_trip"][label]["moved"]
              or not results["round_trip"][label]["states_equal"]
              or results["round_trip"][label]["schema_valid"] is False]
    if failed:
        print(f"FAILED: round trip {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
