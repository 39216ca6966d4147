"""Coded segments as CSV: one row per (segment, coder, code), written atomically.

Columns: ``document``, ``segment_id``, ``unit``, ``speaker``, ``start``, ``end`` (in the
repaired text), ``original_start``, ``original_end`` (in the file as read), ``coder``,
``code_id``, ``code_label``, ``status`` (``coded``; ``suggested`` for the machine's suggestions,
coder ``cirmtext``; ``memo`` for a memo on a segment without codes; ``uncoded``), ``score``,
``method``, ``memo`` and ``text``. ``excel=True`` writes UTF-8 with a byte order mark, which
Excel needs to show Persian; without it the file is plain UTF-8.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator

from ..io import atomic_write
from ..review.store import Project, SegmentState

__all__ = ["COLUMNS", "MACHINE_CODER", "csv_rows", "export_csv"]

COLUMNS = ("document", "segment_id", "unit", "speaker", "start", "end", "original_start",
           "original_end", "coder", "code_id", "code_label", "status", "score", "method", "memo",
           "text")

#: The coder name under which the machine's suggestions are exported.
MACHINE_CODER = "cirmtext"


def csv_rows(project: Project, *, suggestions: bool = False,
             uncoded: bool = False) -> Iterator[dict[str, object]]:
    """The rows of the export, segments in reading order.

    Args:
        project: an open project.
        suggestions: add the machine's current suggestions (status ``suggested``).
        uncoded: add a row for each segment that would otherwise have none.
    """
    codebook = project.codebook()
    labels = {} if codebook is None else {c.id: c.label for c in codebook.codes}
    names = project.document_names()
    by_segment: dict[str, list[tuple[str, SegmentState]]] = {}
    for (coder, segment_id), state in sorted(project.state().items()):
        by_segment.setdefault(segment_id, []).append((coder, state))
    machine = project.suggestions() if suggestions else {}
    for seg in project.segments():
        base: dict[str, object] = {
            "document": names.get(seg.document_id, seg.document_id), "segment_id": seg.id,
            "unit": seg.unit, "speaker": seg.speaker or "", "start": seg.start, "end": seg.end,
            "original_start": seg.original_start, "original_end": seg.original_end,
            "text": seg.text}
        wrote = False
        for coder, state in by_segment.get(seg.id, []):
            codes = sorted(state.codes)
            memo = state.memo
            for code in codes:
                wrote = True
                yield {**base, "coder": coder, "code_id": code,
                       "code_label": labels.get(code, ""), "status": "coded", "memo": memo}
            if memo and not codes:
                wrote = True
                yield {**base, "coder": coder, "status": "memo", "memo": memo}
        for s in machine.get(seg.id, []):
            wrote = True
            yield {**base, "coder": MACHINE_CODER, "code_id": s.code_id,
                   "code_label": labels.get(s.code_id, ""), "status": "suggested",
                   "score": round(s.score, 4), "method": s.method}
        if uncoded and not wrote:
            yield {**base, "status": "uncoded"}


def export_csv(project: Project, path: str | os.PathLike[str], *, excel: bool = False,
               suggestions: bool = False, uncoded: bool = False) -> int:
    """Write the coded segments of ``project`` to ``path``; return the number of rows.

    Args:
        project: an open project.
        path: the CSV file to write (atomically: a reader sees the old file or the new one).
        excel: write a UTF-8 byte order mark so Excel reads Persian correctly.
        suggestions: include the machine's suggestions as rows of coder ``cirmtext``.
        uncoded: include segments with no codes as ``uncoded`` rows.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    n = 0
    with project.snapshot():
        for row in csv_rows(project, suggestions=suggestions, uncoded=uncoded):
            writer.writerow(row)
            n += 1
    atomic_write(path, buffer.getvalue(), encoding="utf-8-sig" if excel else "utf-8")
    return n
