"""Safe XML for REFI-QDA files: parsing untrusted input, writing, deterministic GUIDs.

REFI-QDA files come from other programs and other people, so parsing refuses what a codebook or
project never needs and an attacker would: any document type declaration (and with it entity
definitions, external entities and "billion laughs" expansion) and inputs over a size bound.
The standard library's expat parser does the rest; it resolves no external resources.
``defusedxml`` would do the same checks but is not a dependency we need for this one rule.

GUIDs are UUIDv5 of stable inputs (a kind, the codebook or project id, the code id…), so
exporting the same thing twice gives the same file, and re-exports diff cleanly.

>>> guid("code", "cirm_phenomenography", "C01") == guid("code", "cirm_phenomenography", "C01")
True
>>> parse_xml('<a xmlns="urn:x"><b/></a>').tag
'{urn:x}a'
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from xml.parsers import expat

from ..errors import ExportError

__all__ = ["CIRMTEXT_NAMESPACE", "MAX_XML_BYTES", "guid", "parse_xml", "qname", "to_xml_bytes"]

#: Namespace of every GUID cirmtext mints.
CIRMTEXT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/cirmtext/refi-qda")
#: Larger XML documents are refused (a codebook is kilobytes; a project a few megabytes).
MAX_XML_BYTES = 64 * 1024 * 1024

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def guid(*parts: str) -> str:
    """A deterministic GUID (UUIDv5, lower case) from stable text parts."""
    return str(uuid.uuid5(CIRMTEXT_NAMESPACE, "\x1f".join(parts)))


def qname(namespace: str, tag: str) -> str:
    """``{namespace}tag``, ElementTree's name for a namespaced element."""
    return f"{{{namespace}}}{tag}"


def parse_xml(data: bytes | str, *, path: str = "<xml>",
              max_bytes: int = MAX_XML_BYTES) -> ET.Element:
    """Parse an untrusted XML document, refusing DTDs, entities and oversized input.

    Raises:
        ExportError: the document is too large, declares a DTD or entities, or is not
            well-formed XML (the message names ``path`` and the line).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > max_bytes:
        raise ExportError(f"is {len(raw):,} bytes of XML, over the limit of {max_bytes:,}",
                          path=path, hint="this is not a codebook or project cirmtext can read")
    if _DTD.search(raw) or (b"\x00" in raw[:64] and _DTD.search(_utf16_as_ascii(raw))):
        raise ExportError("declares a DTD or entities, which REFI-QDA files never need",
                          path=path, hint="refused for safety; remove the <!DOCTYPE …> part")
    parser = ET.XMLParser()
    try:
        parser.feed(raw)
        return parser.close()
    except (ET.ParseError, expat.ExpatError) as exc:
        line = getattr(exc, "position", (None,))[0]
        raise ExportError(f"is not well-formed XML ({exc})", path=path, line=line,
                          hint="re-export it from the program that made it") from None


def _utf16_as_ascii(raw: bytes) -> bytes:
    """UTF-16 XML with its NUL bytes dropped, so that the DTD check sees its markup too."""
    return raw.replace(b"\x00", b"")


def to_xml_bytes(root: ET.Element) -> bytes:
    """Serialise with an XML declaration, UTF-8 and two-space indentation."""
    tree = ET.ElementTree(root)
    ET.indent(tree, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")
