"""Importing a REFI-QDA project's codings into a cirmtext project as logged decisions.

Each ``<TextSource>`` is matched to a project document with the same text (line endings and a
byte order mark aside), else reported. Each ``<PlainTextSelection>`` is placed on the segment at
the same span (surrounding whitespace aside: ``exact``), else on the segment it overlaps most if
the two overlap by at least half of each (``moved``), else reported as ``lost``. Where a source
has CRLF line endings, positions are tried both ways (CRLF as one character, as ATLAS.ti counts,
and as two) and the reading that puts more selections exactly on segments wins.

Each coding becomes an ``add`` decision of its creating user. Codes are matched by GUID, by the
``[cirmtext]`` id in their description, then by label; others keep their name as their id.
Memos (``<NoteRef>`` notes, or a selection's ``<Description>``) become ``memo`` entries.
Codings of the user ``cirmtext`` are the machine's suggestions and are not recorded as human
decisions. The whole import is one transaction: it is recorded completely or not at all, and
importing the same file again records nothing new.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from ..records import Document, Segment
from ..review.store import Project
from ._xml import guid
from .project import (
    MACHINE_USER,
    MAX_UNPACKED,
    Qdpx,
    lf_position,
    lf_text,
    read_qdpx,
    source_text,
    xml_children,
    xml_walk,
)

__all__ = ["ImportReport", "import_qdpx"]

_ID_LINE = re.compile(r"^\[cirmtext\]\s*$.*?^id:\s*(\S.*?)\s*$", re.M | re.S)


@dataclass(slots=True)
class ImportReport:
    """What an import found and recorded.

    Attributes:
        codings: codings read from the file.
        recorded: new ``add`` decisions written.
        already: codings the coder already had.
        exact: codings placed on a segment at exactly their span.
        moved: codings placed on the segment they overlap most.
        machine: codings of the ``cirmtext`` user (suggestions), not recorded.
        memos: memos recorded.
        lost: codings that could not be placed, each with the reason.
        sources: source name -> the document it was matched to ("" if none).
        new_codes: codes of the file that are not in the project's codebook.
    """

    codings: int = 0
    recorded: int = 0
    already: int = 0
    exact: int = 0
    moved: int = 0
    machine: int = 0
    memos: int = 0
    lost: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    new_codes: list[str] = field(default_factory=list)


def _norm_guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").lower()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def import_qdpx(project: Project, path: str | os.PathLike[str], *,
                max_unpacked: int = MAX_UNPACKED) -> ImportReport:
    """Record the codings and memos of the ``.qdpx`` at ``path`` in ``project``."""
    qdpx = read_qdpx(path, max_unpacked=max_unpacked)
    job = _Import(project, qdpx)
    with project.atomic():
        for source in xml_walk(qdpx.root, "TextSource"):
            job.source(source)
    return job.report


class _Import:
    def __init__(self, project: Project, qdpx: Qdpx) -> None:
        self.project, self.qdpx, self.report = project, qdpx, ImportReport()
        root = qdpx.root
        self.users = {_norm_guid(u.get("guid")): u.get("name") or _norm_guid(u.get("guid"))
                      for u in xml_walk(root, "User")}
        codebook = project.codebook()
        self.known: dict[str, str] = {}
        self.labels: dict[str, list[str]] = {}
        if codebook is not None:
            self.known = {guid("code", codebook.id, c.id): c.id for c in codebook.codes}
            for c in codebook.codes:
                self.labels.setdefault(c.label, []).append(c.id)
        self.codes = {_norm_guid(e.get("guid")): self.resolve_code(e)
                      for e in xml_walk(root, "Code")}
        self.notes: dict[str, tuple[str, str | None]] = {}
        for note in xml_walk(root, "Note"):
            content = next(xml_children(note, "PlainTextContent"), None)
            text = (content.text or "") if content is not None else ""
            self.notes[_norm_guid(note.get("guid"))] = (text, note.get("creatingUser"))
        self.docs: dict[str, tuple[Document, list[int]]] = {}
        for doc in project.documents():
            lf, where = lf_text(doc.original or doc.text)
            self.docs[lf] = (doc, where)
        state = project.state()
        self.have = {k: set(v.codes) for k, v in state.items()}
        self.memos = {k: v.memo for k, v in state.items()}

    def resolve_code(self, element: ET.Element) -> str:
        gid = _norm_guid(element.get("guid"))
        name = element.get("name") or gid
        if gid in self.known:
            return self.known[gid]
        description = next(xml_children(element, "Description"), None)
        match = _ID_LINE.search(description.text or "") if description is not None else None
        code = name
        if match:
            code = match.group(1)
        elif len(self.labels.get(name, [])) == 1:
            code = self.labels[name][0]
        if code not in self.known.values():
            self.report.new_codes.append(code)
        return code

    def source(self, source: ET.Element) -> None:
        report = self.report
        name = source.get("name") or source.get("guid") or "?"
        selections = list(xml_children(source, "PlainTextSelection"))
        n_codings = sum(len(list(xml_children(s, "Coding"))) for s in selections)
        text = source_text(self.qdpx, source)
        if text is None:
            report.sources[name] = ""
            _lose(report, n_codings, f"{name}: its text is not in the file")
            return
        text = text.removeprefix("\ufeff")
        lf, vendor_where = lf_text(text)
        if lf not in self.docs:
            report.sources[name] = ""
            _lose(report, n_codings, f"{name}: no document of the project has this text "
                                     "(add the file with `cirmtext add` first)")
            return
        doc, where = self.docs[lf]
        report.sources[name] = doc.id
        spans = [(_trim(lf, lf_position(where, s.original_start or 0),
                        lf_position(where, s.original_end or 0)), s)
                 for s in self.project.segments(doc.id)]
        readings: list[Callable[[int], int]] = [lambda p: p]
        if "\r\n" in text:
            readings.append(lambda p: lf_position(vendor_where, p))
        read = max(readings, key=lambda r: sum(_place(lf, spans, s, r)[1] for s in selections))
        for sel in selections:
            seg, exact = _place(lf, spans, sel, read)
            self.selection(name, sel, seg, exact)

    def selection(self, name: str, sel: ET.Element, seg: Segment | None, exact: bool) -> None:
        report = self.report
        default_user = self.users.get(_norm_guid(sel.get("creatingUser")), "imported")
        for coding in xml_children(sel, "Coding"):
            report.codings += 1
            user = self.users.get(_norm_guid(coding.get("creatingUser")), default_user)
            ref = next(xml_children(coding, "CodeRef"), None)
            code = self.codes.get(_norm_guid(ref.get("targetGUID") if ref is not None else None))
            if user == MACHINE_USER:
                report.machine += 1
            elif seg is None or code is None:
                report.lost.append(f"{name} {sel.get('startPosition')}-{sel.get('endPosition')}: "
                                   + ("no segment there" if seg is None else "unknown code"))
            else:
                report.exact += exact
                report.moved += not exact
                have = self.have.setdefault((user, seg.id), set())
                if code in have:
                    report.already += 1
                    continue
                self.project.record(seg.id, "add", user, code_id=code)
                have.add(code)
                report.recorded += 1
        if seg is None:
            return
        texts = [self.notes.get(_norm_guid(r.get("targetGUID")), ("", None))
                 for r in xml_children(sel, "NoteRef")]
        description = next(xml_children(sel, "Description"), None)
        if description is not None and (description.text or "").strip():
            texts.append((description.text or "", sel.get("creatingUser")))
        for memo, creator in texts:
            user = self.users.get(_norm_guid(creator), default_user)
            memo = memo.strip()
            if memo and user != MACHINE_USER and self.memos.get((user, seg.id)) != memo:
                self.project.record(seg.id, "memo", user, memo=memo)
                self.memos[(user, seg.id)] = memo
                report.memos += 1


def _place(lf: str, spans: list[tuple[tuple[int, int], Segment]], sel: ET.Element,
           read: Callable[[int], int]) -> tuple[Segment | None, bool]:
    """The segment a selection falls on, and whether it matches the segment's span exactly."""
    try:
        start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
    except ValueError:
        return None, False
    span = _trim(lf, read(start), read(end))
    best, best_len, overlap = None, 0, 0
    for (s0, s1), seg in spans:
        if (s0, s1) == span:
            return seg, True
        o = min(s1, span[1]) - max(s0, span[0])
        if o > overlap:
            best, best_len, overlap = seg, s1 - s0, o
    if best is not None and 2 * overlap >= span[1] - span[0] and 2 * overlap >= best_len:
        return best, False
    return None, False


def _lose(report: ImportReport, n: int, reason: str) -> None:
    report.codings += n
    report.lost.extend([reason] * n)
