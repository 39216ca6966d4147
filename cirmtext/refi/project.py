"""REFI-QDA projects (``.qdpx``): export a cirmtext project, import another program's codings.

**Export.** A ZIP holding ``project.qde`` (``urn:QDA-XML:project:1.0``, valid against the
standard's ``Project.xsd``) and ``sources/<GUID>.txt``: each document's text *as read* (not the
repaired text), with LF line endings (CRLF with ``crlf=True``). A segment that carries codes
becomes a ``<PlainTextSelection>`` at its span in that text (positions count code points from
0, the end exclusive), holding one ``<Coding>`` per coder and code, made by that coder's
``<User>``; memos become ``<Note>``\\ s. The machine's suggestions can be added as codings of
the separate user ``cirmtext``, for a researcher to confirm in their QDA program. The codebook
is written as in :mod:`cirmtext.refi.codebook`. GUIDs are UUIDv5 of stable ids, so exporting a
project twice gives the same codings with the same GUIDs.

**Import.** :func:`import_qdpx` records the codings of a ``.qdpx`` as ``add`` decisions of the
coders who made them (and memos as ``memo`` entries), matching each source to a project
document by its text and each selection to the segment at the same place. It tolerates known
vendor habits: a ``Sources/`` folder, a ``.qde`` not named ``project.qde``, CRLF counted as one
character, a byte order mark on sources, memos as ``<Description>``. It refuses, before reading
anything large, a file that is not a ZIP, whose members would unpack to more than
``max_unpacked`` bytes, or whose XML declares a DTD or entities.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from ..codebook import Codebook
from ..errors import ExportError
from ..io import atomic_write
from ..records import Suggestion
from ..review.store import Project, SegmentState
from ._xml import guid, parse_xml, qname, to_xml_bytes
from .codebook import CODEBOOK_NS, PROJECT_NS, codebook_to_qdc

__all__ = ["MACHINE_USER", "MAX_UNPACKED", "ExportSummary", "Qdpx", "export_qdpx", "lf_position",
           "lf_text", "read_qdpx", "source_text", "xml_children", "xml_walk"]

#: The user under which suggestions are exported (and which import leaves out).
MACHINE_USER = "cirmtext"
#: Default bound on the unpacked size of a ``.qdpx`` (a zip bomb is refused, not unpacked).
MAX_UNPACKED = 512 * 1024 * 1024
_MAX_MEMBERS = 20_000
_ZIP_DATE = (2000, 1, 1, 0, 0, 0)


def _e(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, qname(PROJECT_NS, tag), attrs or {})


def lf_text(text: str) -> tuple[str, list[int]]:
    """``text`` with CRLF and lone CR as LF, and for each position of it the original position."""
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        where.append(i)
        if ch == "\r":
            out.append("\n")
            i += 2 if text[i + 1:i + 2] == "\n" else 1
        else:
            out.append(ch)
            i += 1
    where.append(len(text))
    return "".join(out), where


def lf_position(where: list[int], pos: int) -> int:
    """The LF-text position of original position ``pos`` (inverse of the ``lf_text`` map)."""
    import bisect

    return bisect.bisect_left(where, pos)


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote."""

    path: str
    sources: int
    selections: int
    codings: int
    machine_codings: int
    notes: int


def export_qdpx(project: Project, path: str | os.PathLike[str], *, suggestions: bool = False,
                crlf: bool = False, name: str | None = None) -> ExportSummary:
    """Write ``project`` as a REFI-QDA ``.qdpx`` at ``path`` (atomically).

    Args:
        project: an open project.
        path: the ``.qdpx`` file to write.
        suggestions: add the current suggestions as codings of the user ``cirmtext``.
        crlf: write sources with CRLF line endings (positions then count CR and LF).
        name: the project's name in the file (default: the project file's stem).
    """
    with project.snapshot():
        return _export(project, path, suggestions=suggestions, crlf=crlf, name=name)


def _export(project: Project, path: str | os.PathLike[str], *, suggestions: bool, crlf: bool,
            name: str | None) -> ExportSummary:
    ET.register_namespace("", PROJECT_NS)
    key = project.meta().get("created", str(project.path))
    created = key if "T" in key else None
    codebook = project.codebook()
    states = project.state()
    machine = project.suggestions() if suggestions else {}
    coders = sorted({c for (c, _), s in states.items() if s.codes or s.memo} - {MACHINE_USER})
    users = coders + ([MACHINE_USER] if any(machine.values()) else [])
    user_guid = {u: guid("user", u) for u in users}
    root = ET.Element(qname(PROJECT_NS, "Project"), {
        "name": name or Path(project.path).stem, "origin": f"cirmtext {__version__}"})
    if created:
        root.set("creationDateTime", created)
    if users:
        root.set("creatingUserGUID", user_guid[users[0]])
        block = _e(root, "Users")
        for u in users:
            _e(block, "User", {"guid": user_guid[u], "name": u})
    code_guid = _write_codebook(root, codebook, states, machine)
    by_segment: dict[str, list[tuple[str, SegmentState]]] = {}
    for (coder, sid), state in sorted(states.items()):
        if coder != MACHINE_USER and (state.codes or state.memo):
            by_segment.setdefault(sid, []).append((coder, state))
    files: dict[str, str] = {}
    notes: list[ET.Element] = []
    n_sel = n_cod = n_mach = 0
    docs = project.documents()
    sources = _e(root, "Sources") if docs else None
    names = project.document_names()
    for doc in docs:
        src_guid = guid("source", key, doc.id)
        text, where = lf_text(doc.original or doc.text)
        files[src_guid] = text.replace("\n", "\r\n") if crlf else text

        def pos(p: int, text: str = text, where: list[int] = where) -> int:
            lf = lf_position(where, p)
            return lf + text.count("\n", 0, lf) if crlf else lf

        assert sources is not None
        source = _e(sources, "TextSource", {"guid": src_guid, "name": names[doc.id],
                                            "plainTextPath": f"internal://{src_guid}.txt"})
        for seg in project.segments(doc.id):
            coded = by_segment.get(seg.id, [])
            suggested = machine.get(seg.id, [])
            if not coded and not suggested:
                continue
            start, end = pos(seg.original_start or 0), pos(seg.original_end or 0)
            sel = _e(source, "PlainTextSelection", {
                "guid": guid("selection", key, seg.id), "name": seg.id,
                "startPosition": str(start), "endPosition": str(end),
                "creatingUser": user_guid[coded[0][0] if coded else MACHINE_USER]})
            n_sel += 1
            refs = []
            for coder, state in coded:
                for code in sorted(state.codes):
                    _coding(sel, key, seg.id, coder, code, user_guid, code_guid)
                    n_cod += 1
                if state.memo:
                    note_guid = guid("memo", key, seg.id, coder)
                    note = ET.Element(qname(PROJECT_NS, "Note"), {
                        "guid": note_guid, "name": f"memo {coder} {seg.id}",
                        "creatingUser": user_guid[coder]})
                    ET.SubElement(note, qname(PROJECT_NS, "PlainTextContent")).text = state.memo
                    notes.append(note)
                    refs.append(note_guid)
            for s in suggested:
                _coding(sel, key, seg.id, MACHINE_USER, s.code_id, user_guid, code_guid)
                n_mach += 1
            for ref in refs:
                _e(sel, "NoteRef", {"targetGUID": ref})
    if notes:
        _e(root, "Notes").extend(notes)
    ET.register_namespace("", PROJECT_NS)  # again: writing the codebook registered its own
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("project.qde", _ZIP_DATE), to_xml_bytes(root),
                    zipfile.ZIP_DEFLATED)
        for src_guid, text in files.items():
            zf.writestr(zipfile.ZipInfo(f"sources/{src_guid}.txt", _ZIP_DATE),
                        text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    atomic_write(path, buffer.getvalue())
    return ExportSummary(str(path), len(files), n_sel, n_cod, n_mach, len(notes))


def _coding(sel: ET.Element, key: str, segment_id: str, user: str, code: str,
            user_guid: dict[str, str], code_guid: dict[str, str]) -> None:
    coding = _e(sel, "Coding", {"guid": guid("coding", key, segment_id, user, code),
                                "creatingUser": user_guid[user]})
    _e(coding, "CodeRef", {"targetGUID": code_guid[code]})


def _write_codebook(root: ET.Element, codebook: Codebook | None,
                    states: dict[tuple[str, str], SegmentState],
                    machine: dict[str, list[Suggestion]]) -> dict[str, str]:
    """Write ``<CodeBook>`` (the project's codebook plus codes only used in decisions)."""
    used = {c for s in states.values() for c in s.codes}
    used |= {s.code_id for items in machine.values() for s in items}
    code_guid: dict[str, str] = {}
    book_id = "cirmtext"
    elements: list[ET.Element] = []
    if codebook is not None:
        book_id = codebook.id
        qdc = parse_xml(codebook_to_qdc(codebook))
        for element in qdc.iter(qname(CODEBOOK_NS, "Code")):
            element.tag = qname(PROJECT_NS, "Code")
        for element in qdc.iter(qname(CODEBOOK_NS, "Description")):
            element.tag = qname(PROJECT_NS, "Description")
        codes = qdc.find(qname(CODEBOOK_NS, "Codes"))
        elements = list(codes) if codes is not None else []
        code_guid = {c.id: guid("code", codebook.id, c.id) for c in codebook.codes}
    for code in sorted(used - set(code_guid)):
        code_guid[code] = guid("code", book_id, code)
        extra = ET.Element(qname(PROJECT_NS, "Code"), {"guid": code_guid[code], "name": code,
                                                       "isCodable": "true"})
        ET.SubElement(extra, qname(PROJECT_NS, "Description")).text = f"[cirmtext]\nid: {code}"
        elements.append(extra)
    if elements:
        _e(_e(root, "CodeBook"), "Codes").extend(elements)
    return code_guid


# -- reading ------------------------------------------------------------------------------


@dataclass(slots=True)
class Qdpx:
    """A ``.qdpx`` read safely: the parsed ``.qde`` and the internal sources by file name."""

    root: ET.Element
    texts: dict[str, str]
    path: str


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def xml_children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    """Child elements with local name ``name``, whatever their namespace."""
    return (c for c in element if _local(c.tag) == name)


def xml_walk(element: ET.Element, name: str) -> Iterator[ET.Element]:
    """Descendant elements with local name ``name``, whatever their namespace."""
    return (c for c in element.iter() if _local(c.tag) == name)


def read_qdpx(path: str | os.PathLike[str], *, max_unpacked: int = MAX_UNPACKED) -> Qdpx:
    """Open a ``.qdpx`` safely: its parsed ``.qde`` and its internal text sources by file name.

    Raises:
        ExportError: not a ZIP, too large unpacked, no ``.qde``, XML with a DTD or entities.
    """
    name = str(path)
    if not Path(name).is_file():
        raise ExportError("does not exist", path=name, hint="check the path")
    if not zipfile.is_zipfile(name):
        raise ExportError("is not a REFI-QDA project (.qdpx files are ZIP archives)", path=name,
                          hint="export a .qdpx from your QDA program")
    try:
        with zipfile.ZipFile(name) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            declared = sum(i.file_size for i in infos)
            if len(infos) > _MAX_MEMBERS or declared > max_unpacked:
                raise ExportError(f"would unpack to {declared:,} bytes in {len(infos)} files, over "
                                  f"the limit of {max_unpacked:,}", path=name,
                                  hint="refused as a possible zip bomb")
            budget = [max_unpacked]

            def read(info: zipfile.ZipInfo) -> bytes:
                with zf.open(info) as fh:
                    data = fh.read(budget[0] + 1)
                budget[0] -= len(data)
                if budget[0] < 0:
                    raise ExportError(f"unpacks to more than {max_unpacked:,} bytes", path=name,
                                      hint="refused as a possible zip bomb")
                return data

            qdes = [i for i in infos if i.filename.lower().endswith(".qde")]
            qde = next((i for i in qdes if i.filename.lower() == "project.qde"),
                       qdes[0] if len(qdes) == 1 else None)
            if qde is None:
                raise ExportError("holds no single project .qde file", path=name,
                                  hint="is it a REFI-QDA project export?")
            root = parse_xml(read(qde), path=f"{name}!{qde.filename}")
            texts = {}
            for info in infos:
                folder, _, base = info.filename.replace("\\", "/").rpartition("/")
                if folder.lower() == "sources" and base.lower().endswith(".txt"):
                    texts[base.lower()] = _decode(read(info), f"{name}!{info.filename}")
    except zipfile.BadZipFile as exc:
        raise ExportError(f"is a damaged ZIP archive ({exc})", path=name,
                          hint="export the .qdpx again") from None
    if _local(root.tag) != "Project":
        raise ExportError(f"has <{_local(root.tag)}> where <Project> was expected", path=name,
                          hint="is it a REFI-QDA project export?")
    return Qdpx(root, texts, name)


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").removeprefix("\ufeff")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ExportError(f"is not UTF-8 text (byte {exc.start})", path=path,
                          hint="export the project again with UTF-8 sources") from None


def source_text(qdpx: Qdpx, source: ET.Element) -> str | None:
    """The text of a ``<TextSource>``: inline, or its internal file (``None`` if absent)."""
    inline = next(xml_children(source, "PlainTextContent"), None)
    if inline is not None:
        return (inline.text or "").removeprefix("\ufeff")
    ref = source.get("plainTextPath") or ""
    if ref.startswith("internal://"):
        return qdpx.texts.get(ref.removeprefix("internal://").lower())
    return None
