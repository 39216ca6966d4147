"""REFI-QDA codebook exchange (``.qdc``): import and export, valid against ``Codebook.xsd``.

A ``.qdc`` holds a tree of ``<Code guid name isCodable>`` elements, each with an optional
``<Description>``; the schema allows nothing else. cirmtext writes a code's label as ``name``,
its description as the first part of ``Description`` and, after a line ``[cirmtext]``, its id,
English label, level, keywords, exclusions and examples as ``key: value`` lines, so that a
codebook survives a trip through another program (which shows them as part of the memo).
Codebook metadata travels as JSON in the root's ``origin`` attribute. GUIDs are UUIDv5 of the
codebook and code ids, so exporting twice gives the same file.

Importing a file another program wrote, a code without a ``[cirmtext]`` block takes its
name as its id (or ``name (guid)`` where names repeat). A project file's ``<CodeBook>`` (inside
``project.qde``) is read as well.

>>> from cirmtext.codebook import Codebook
>>> cb = Codebook.from_dict({"id": "demo", "codes": [{"id": "C1", "label": "مشارکت",
...                          "keywords": ["همیاری", "مشارکت کردن"]}]})
>>> codebook_from_qdc(codebook_to_qdc(cb)) == cb
True
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any

from .._version import __version__
from ..codebook import Codebook
from ..errors import CodebookError, ExportError
from ..records import Code
from ._xml import guid, parse_xml, qname, to_xml_bytes

__all__ = ["CODEBOOK_NS", "PROJECT_NS", "codebook_from_qdc", "codebook_to_qdc"]

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
_MARK = "[cirmtext]"
_FIELDS = ("id", "label_en", "level", "keywords", "exclusions", "examples")


def codebook_to_qdc(codebook: Codebook) -> str:
    """The codebook as a REFI-QDA ``.qdc`` document (UTF-8 XML text)."""
    ET.register_namespace("", CODEBOOK_NS)
    meta = {k: v for k, v in codebook.metadata().items() if v}
    if codebook.levels:
        meta["levels"] = list(codebook.levels)
    root = ET.Element(qname(CODEBOOK_NS, "CodeBook"),
                      {"origin": f"cirmtext {__version__} " + json.dumps(meta, ensure_ascii=False)})
    codes = ET.SubElement(root, qname(CODEBOOK_NS, "Codes"))

    def add(parent: ET.Element, code: Code) -> None:
        element = ET.SubElement(parent, qname(CODEBOOK_NS, "Code"), {
            "guid": guid("code", codebook.id, code.id), "name": code.label,
            "isCodable": "true" if code.codable else "false"})
        ET.SubElement(element, qname(CODEBOOK_NS, "Description")).text = _describe(code)
        for kid in codebook.children(code.id):
            add(element, kid)

    for root_code in codebook.roots():
        add(codes, root_code)
    return to_xml_bytes(root).decode("utf-8")


def _describe(code: Code) -> str:
    lines = [code.description, "", _MARK, f"id: {code.id}"] if code.description else \
        [_MARK, f"id: {code.id}"]
    if code.label_en:
        lines.append(f"label_en: {code.label_en}")
    if code.level:
        lines.append(f"level: {code.level}")
    for name in ("keywords", "exclusions", "examples"):
        values = getattr(code, name)
        if values:
            lines.append(f"{name}: " + json.dumps(list(values), ensure_ascii=False))
    return "\n".join(lines)


def codebook_from_qdc(text: str | bytes, *, path: str = "<qdc>",
                      repair: bool = True) -> Codebook:
    """Read a ``.qdc`` document (or a project's ``<CodeBook>``) into a :class:`Codebook`.

    Raises:
        CodebookError: unsafe or malformed XML, a root that is not a REFI-QDA codebook, a code
            without a name, duplicate or unknown ids (the message names the file).
    """
    try:
        root = parse_xml(text, path=path)
    except ExportError as exc:
        raise CodebookError(exc.message, path=path, line=exc.line, hint=exc.hint) from None
    if root.tag == qname(PROJECT_NS, "Project"):
        ns = PROJECT_NS
        book = root.find(qname(ns, "CodeBook"))
        if book is None:
            raise CodebookError("is a REFI-QDA project without a <CodeBook>", path=path)
    elif root.tag == qname(CODEBOOK_NS, "CodeBook"):
        ns, book = CODEBOOK_NS, root
    else:
        raise CodebookError(f"is not a REFI-QDA codebook (root element {root.tag!r})",
                            path=path, hint=f"expected <CodeBook xmlns=\"{CODEBOOK_NS}\">")
    codes = book.find(qname(ns, "Codes"))
    if codes is None or not len(codes):
        raise CodebookError("has no <Codes>", path=path)
    meta = _origin(book.get("origin", ""))
    elements = list(codes.iter(qname(ns, "Code")))
    names = Counter(e.get("name", "") for e in elements)
    nodes = [_node(e, ns, names, path) for e in codes.findall(qname(ns, "Code"))]
    data: dict[str, Any] = {**meta, "codes": nodes}
    data.setdefault("id", _stem(path))
    return Codebook.from_dict(data, path=path, repair=repair)


def _origin(origin: str) -> dict[str, Any]:
    head, _, payload = origin.partition(" {")
    if not head.startswith("cirmtext ") or not payload:
        return {}
    try:
        meta = json.loads("{" + payload)
    except json.JSONDecodeError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name and not name.startswith("<") else "codebook"


def _node(element: ET.Element, ns: str, names: Counter[str], path: str) -> dict[str, Any]:
    name = (element.get("name") or "").strip()
    code_guid = element.get("guid") or ""
    if not name:
        raise CodebookError(f"a <Code> (guid {code_guid or '?'}) has no name", path=path)
    flag = (element.get("isCodable") or "true").strip().lower()
    if flag not in ("true", "false", "1", "0"):
        raise CodebookError(f"code {name!r}: isCodable must be true or false, not {flag!r}",
                            path=path)
    description_el = element.find(qname(ns, "Description"))
    description = description_el.text or "" if description_el is not None else ""
    node: dict[str, Any] = {"label": name, "codable": flag in ("true", "1")}
    text, _, block = description.partition(_MARK)
    if block:
        node.update(_parse_block(block, name, path))
        description = text.strip()
    node.setdefault("id", name if names[name] == 1 else f"{name} ({code_guid[:8]})")
    if description.strip():
        node["description"] = description.strip()
    kids = [_node(k, ns, names, path) for k in element.findall(qname(ns, "Code"))]
    if kids:
        node["children"] = kids
    return node


def _parse_block(block: str, name: str, path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for line in block.strip().splitlines():
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or key not in _FIELDS:
            continue
        if key in ("keywords", "exclusions", "examples"):
            try:
                items = json.loads(value)
            except json.JSONDecodeError:
                raise CodebookError(f"code {name!r}: the [cirmtext] {key} line is not a JSON "
                                    "list", path=path) from None
            out[key] = items
        else:
            out[key] = value
    return out
