"""Reading transcripts into :class:`~cirmtext.records.Document`\\ s, repaired, with offsets back.

A corpus is a list of files and folders; folders expand to their ``.txt``, ``.md``, ``.docx`` and
``.pdf`` files, sorted, and :func:`iter_documents` yields one document at a time, so a large
corpus is never held in memory. Each file is read with :func:`cirmtext.io.read_source` and
repaired with :func:`cirmtext.repair.repair`.

**Front matter.** A transcript may start with a YAML block between ``---`` lines (participant,
organisation, date, interviewer...). It becomes ``Document.metadata`` (every value kept as a
string, so ``P007`` or ``2024-05-12`` stay as written) and is left out of ``Document.text``.

**Offsets.** ``Document.original`` is the whole text as read, front matter included;
``Document.text`` the repaired body. ``Document.edits`` lead from one to the other in
``original`` coordinates: first an edit named ``front_matter`` that removes the YAML block,
then the repair's own edits (shifted past the front matter). :func:`offset_map` rebuilds from
them an :class:`~cirmtext.repair.align.OffsetMap`, so any span of ``text`` maps back to the
file with :func:`to_original`, also for a document read back from JSON. Where repair edits
overlap (a later rule changed what an earlier one wrote) they are merged into one region,
which then maps as a block.

>>> doc = document_from_text("---\\nparticipant: P01\\n---\\nمشاركت شهروندان", "d1")
>>> doc.text, doc.metadata
('مشارکت شهروندان', {'participant': 'P01'})
>>> start = doc.text.index("شهروندان")
>>> doc.original[slice(*to_original(doc, start, start + 8))]
'شهروندان'
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import EmptyInputError, InputError
from .io import DEFAULT_MAX_BYTES, read_source
from .records import Document, Edit
from .repair import RepairConfig, repair
from .repair.align import Change, OffsetMap, StageMap

__all__ = [
    "SUPPORTED_SUFFIXES",
    "document_from_text",
    "expand_paths",
    "iter_documents",
    "offset_map",
    "read_document",
    "split_front_matter",
    "text_name",
    "to_original",
]

#: File types a folder expands to.
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
FRONT_MATTER_RULE = "front_matter"
#: Files a folder does not expand to: documentation that travels with a corpus.
_NOT_TRANSCRIPTS = ("README", "SOURCE", "LICENSE", "LICENCE", "CHANGELOG")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def split_front_matter(text: str, *, path: str | None = None) -> tuple[dict[str, Any], int]:
    """The YAML front matter of ``text`` as a dict, and where the body starts.

    >>> split_front_matter("---\\ndate: 2024-05-12\\n---\\nمتن")
    ({'date': '2024-05-12'}, 25)
    >>> split_front_matter("بدون سرآیند")
    ({}, 0)
    """
    match = _FRONT.match(text)
    if not match:
        return {}, 0
    import yaml

    try:
        data = yaml.load(match.group(1), Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise InputError(f"has front matter that is not valid YAML ({exc})", path=path,
                         line=line, hint="fix the block between the --- lines") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("has front matter that is not a mapping of names to values",
                         path=path, line=2, hint="write it as 'name: value' lines")
    return data, match.end()


def document_from_text(text: str, doc_id: str, *, path: str | None = None,
                       repair_config: RepairConfig | None = None,
                       metadata: dict[str, Any] | None = None) -> Document:
    """Build a repaired :class:`Document` from a text (front matter becomes metadata).

    Raises:
        EmptyInputError: nothing but front matter and whitespace.
    """
    if not isinstance(text, str):
        msg = f"document_from_text() takes str, not {type(text).__name__}"
        raise TypeError(msg)
    front, body_start = split_front_matter(text, path=path)
    body = text[body_start:]
    if not body.strip():
        raise EmptyInputError("has no text" + (" after its front matter" if front else ""),
                              path=path or doc_id, hint="give a transcript with text in it")
    repaired = repair(body, repair_config)
    if not repaired.text.strip():
        raise EmptyInputError("has only invisible or control characters", path=path or doc_id,
                              hint="give a transcript with text in it")
    edits: list[Edit] = []
    if body_start:
        edits.append(Edit(FRONT_MATTER_RULE, 0, body_start, text[:body_start], ""))
    edits += [Edit(e.rule, e.start + body_start, e.end + body_start, e.before, e.after)
              for e in repaired.edits]
    meta = {**front, **(metadata or {})}
    return Document(id=doc_id, text=repaired.text, original=text, path=path,
                    edits=tuple(edits), metadata=meta)


def read_document(path: str | os.PathLike[str], *, doc_id: str | None = None,
                  repair_config: RepairConfig | None = None, encoding: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and repair one transcript; ``doc_id`` defaults to the file's stem.

    Raises:
        InputError: (and its subclasses) for a file that is missing, binary, undecodable or
            empty; the message names the file.
    """
    source = read_source(path, encoding=encoding, max_bytes=max_bytes)
    name = doc_id or (text_name(Path(str(path)).stem) if str(path) != "-" else "stdin")
    return document_from_text(source.text, name, path=text_name(source.path),
                              repair_config=repair_config)


def text_name(name: str) -> str:
    """A file name as text that can be written anywhere.

    Under a locale that is not UTF-8, Python decodes the bytes of a name like ``مصاحبه.txt``
    to lone surrogates, which no UTF-8 file or database accepts; their bytes are UTF-8 on
    every system cirmtext supports, so they are decoded as such.
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    return os.fsencode(name).decode("utf-8", errors="replace")


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named and the supported files inside folders named (recursively, sorted).

    Hidden files and README/SOURCE/LICENSE/CHANGELOG files inside folders are skipped.

    Raises:
        EmptyInputError: a path that does not exist, or a folder without supported files.
    """
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*")
                           if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                           and not f.name.startswith(".")
                           and not f.stem.upper().startswith(_NOT_TRANSCRIPTS))
            if not found:
                raise EmptyInputError("is a folder with no .txt, .md, .docx or .pdf files",
                                      path=str(p), hint="check the folder")
            out += found
        elif p.is_file() or str(item) == "-":
            out.append(p)
        else:
            raise EmptyInputError("does not exist", path=str(p), hint="check the path")
    return out


def iter_documents(paths: Iterable[str | os.PathLike[str]], *,
                   repair_config: RepairConfig | None = None, encoding: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Yield the documents of files and folders one at a time (streaming)."""
    for path in expand_paths(paths):
        yield read_document(path, repair_config=repair_config, encoding=encoding,
                            max_bytes=max_bytes)


def offset_map(document: Document) -> OffsetMap:
    """An offset map from ``document.text`` back to ``document.original``, from its edits."""
    regions: list[list[int]] = []  # [start, end, length change] in original coordinates
    # At one position, wider edits first: text inserted where a rule rewrote a span (the driver
    # reports such insertions at the span's start) then joins that span's region.
    for edit in sorted(document.edits, key=lambda e: (e.start, e.start - e.end)):
        delta = len(edit.after) - len(edit.before)
        if regions and _overlaps(regions[-1], edit):
            regions[-1][1] = max(regions[-1][1], edit.end)
            regions[-1][2] += delta
        else:
            regions.append([edit.start, edit.end, delta])
    changes: list[Change] = []
    shift = 0
    for start, end, delta in regions:
        out_start = start + shift
        out_len = end - start + delta
        changes.append(Change(start, end, document.text[out_start:out_start + out_len]))
        shift += delta
    return OffsetMap([StageMap.from_changes(changes)] if changes else [])


def _overlaps(region: list[int], edit: Edit) -> bool:
    """Whether ``edit`` touches text an earlier edit of ``region`` wrote (then both merge)."""
    start, end, delta = region
    if edit.start < end:
        return True
    wrote = end - start + delta > 0  # a pure deletion (e.g. front matter) wrote nothing
    return edit.start == end and (start == end or (edit.start == edit.end and wrote))


def to_original(document: Document, start: int, end: int,
                offsets: OffsetMap | None = None) -> tuple[int, int]:
    """The span of ``document.original`` that ``document.text[start:end]`` came from."""
    return (offsets or offset_map(document)).span_to_input(start, end)
