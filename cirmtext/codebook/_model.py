"""The :class:`Codebook` container and the validation of parsed codebook data."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..errors import CodebookError
from ..records import Code

__all__ = ["Codebook", "light_repair_config"]

_META_KEYS = ("id", "title", "version", "language", "source", "levels", "description")
_NODE_KEYS = frozenset({"id", "label", "label_en", "description", "keywords", "exclusions",
                        "examples", "codable", "children", "parent", "level", "color", "note"})
_LIST_FIELDS = ("keywords", "exclusions", "examples")
#: Word-level repairs that suit short typed text; besides them only rules of risk ``safe`` run.
#: Layout repairs (reversed lines, word order, mirrored brackets, page furniture) need a whole
#: PDF-extracted document as evidence: a short, correct label must never be reordered.
_WORD_REPAIRS = ("join_split_words", "insert_zwnj")


def light_repair_config() -> Any:
    """The repairs for short typed text (labels, keywords, one segment): character-level ones
    (Arabic letters, kashida, ZWNJ, invisible marks, spacing) and word joins, no layout rules.
    """
    from ..repair import RULES, RepairConfig

    default = RepairConfig()
    return RepairConfig.only(rule.name for rule in RULES if default.enabled(rule.name) and (
        rule.risk == "safe" or rule.name in _WORD_REPAIRS))


class Codebook:
    """An immutable tree of codes with lookups by id, level, parent and ancestry.

    Attributes:
        id: a short name (``cirm_phenomenography``).
        title, version, language, source, description: free metadata.
        levels: names of the tree's levels from the root down (``encounter`` … ``code``).
        codes: every code in tree order (pre-order: parents before children).
        path: the file it was read from, if any.
    """

    __slots__ = ("_by_id", "_children", "codes", "description", "id", "language", "levels",
                 "path", "source", "title", "version")

    def __init__(self, codes: Iterable[Code], *, id: str = "codebook", title: str = "",
                 version: str = "", language: str = "fa", source: str = "",
                 description: str = "", levels: Sequence[str] = (),
                 path: str | None = None) -> None:
        ordered = _tree_order(_fill_levels(list(codes), levels), path)
        self.codes: tuple[Code, ...] = tuple(ordered)
        self.id, self.title, self.version = id, title, version
        self.language, self.source, self.description = language, source, description
        self.levels: tuple[str, ...] = tuple(levels)
        self.path = path
        self._by_id = {c.id: c for c in self.codes}
        children: dict[str | None, list[Code]] = {}
        for code in self.codes:
            children.setdefault(code.parent, []).append(code)
        self._children = {k: tuple(v) for k, v in children.items()}

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_children"):
            msg = "Codebook is immutable; build a new one (e.g. with Codebook.replace_code)"
            raise AttributeError(msg)
        object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.codes, self.metadata(), self.path))

    def __copy__(self) -> Codebook:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Codebook:
        return self

    def __repr__(self) -> str:
        return f"Codebook(id={self.id!r}, codes={len(self.codes)}, version={self.version!r})"

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __contains__(self, code_id: object) -> bool:
        return code_id in self._by_id

    def __getitem__(self, code_id: str) -> Code:
        try:
            return self._by_id[code_id]
        except KeyError:
            msg = f"no code {code_id!r} in codebook {self.id!r}"
            raise KeyError(msg) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Codebook) and self.fingerprint == other.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def get(self, code_id: str) -> Code | None:
        """The code with this id, or ``None``."""
        return self._by_id.get(code_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every code id in tree order."""
        return tuple(c.id for c in self.codes)

    def roots(self) -> tuple[Code, ...]:
        """The top-level codes."""
        return self._children.get(None, ())

    def children(self, code_id: str) -> tuple[Code, ...]:
        """The direct children of a code."""
        self[code_id]
        return self._children.get(code_id, ())

    def descendants(self, code_id: str) -> tuple[Code, ...]:
        """Every code below ``code_id``, in tree order."""
        out: list[Code] = []
        stack = list(reversed(self.children(code_id)))
        while stack:
            code = stack.pop()
            out.append(code)
            stack.extend(reversed(self._children.get(code.id, ())))
        return tuple(out)

    def ancestors(self, code_id: str) -> tuple[Code, ...]:
        """The parent, grandparent, … of a code (nearest first)."""
        out: list[Code] = []
        parent = self[code_id].parent
        while parent is not None:
            out.append(self._by_id[parent])
            parent = self._by_id[parent].parent
        return tuple(out)

    def depth(self, code_id: str) -> int:
        """0 for a top-level code, 1 for its children, and so on."""
        return len(self.ancestors(code_id))

    def leaves(self) -> tuple[Code, ...]:
        """Codes without children."""
        return tuple(c for c in self.codes if c.id not in self._children)

    def at_level(self, level: str | int) -> tuple[Code, ...]:
        """Codes of a level, by name (``"code"``, ``"phase1"``) or by depth (0 = top).

        Raises:
            KeyError: ``level`` is neither a level of this codebook nor a depth.
        """
        if isinstance(level, int):
            return tuple(c for c in self.codes if self.depth(c.id) == level)
        found = tuple(c for c in self.codes if c.level == level)
        if not found and level not in self.levels:
            msg = f"codebook {self.id!r} has no level {level!r}; its levels: {list(self.levels)}"
            raise KeyError(msg)
        return found

    def ancestor_at(self, code_id: str, level: str) -> Code | None:
        """The code itself or its nearest ancestor at ``level``."""
        for code in (self[code_id], *self.ancestors(code_id)):
            if code.level == level:
                return code
        return None

    def codable(self) -> tuple[Code, ...]:
        """Codes a segment can be coded with (``codable`` true)."""
        return tuple(c for c in self.codes if c.codable)

    @property
    def fingerprint(self) -> str:
        """A stable SHA-256 of the codebook's id, version, levels and every code's fields.

        Two codebooks with the same fingerprint suggest the same codes; a model fitted on one
        records it to refuse another. Key order in the source file does not matter.
        """
        payload = {"id": self.id, "version": self.version, "levels": list(self.levels),
                   "codes": [c.to_dict() for c in self.codes]}
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def replace_code(self, code: Code) -> Codebook:
        """A new codebook with ``code`` put in place of the code with the same id."""
        self[code.id]
        codes = [code if c.id == code.id else c for c in self.codes]
        return Codebook(codes, **self.metadata(), path=self.path)

    def metadata(self) -> dict[str, Any]:
        """The codebook's metadata as keyword arguments for :class:`Codebook`."""
        return {"id": self.id, "title": self.title, "version": self.version,
                "language": self.language, "source": self.source,
                "description": self.description, "levels": self.levels}

    def to_dict(self) -> dict[str, Any]:
        """The codebook as a nested tree of plain dicts (the YAML/JSON layout)."""
        out: dict[str, Any] = {k: v for k, v in self.metadata().items() if v}
        if self.levels:
            out["levels"] = list(self.levels)

        def node(code: Code) -> dict[str, Any]:
            item: dict[str, Any] = {"id": code.id, "label": code.label}
            if code.label_en:
                item["label_en"] = code.label_en
            if code.level and code.level != self._default_level(code):
                item["level"] = code.level
            if code.description:
                item["description"] = code.description
            if not code.codable:
                item["codable"] = False
            for name in _LIST_FIELDS:
                if getattr(code, name):
                    item[name] = list(getattr(code, name))
            kids = self._children.get(code.id, ())
            if kids:
                item["children"] = [node(k) for k in kids]
            return item

        out["codes"] = [node(c) for c in self.roots()]
        return out

    def _default_level(self, code: Code) -> str | None:
        depth = self.depth(code.id)
        return self.levels[depth] if depth < len(self.levels) else None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, path: str | None = None,
                  lines: Mapping[int, int] | None = None, repair: bool = True) -> Codebook:
        """Build and validate a codebook from the YAML/JSON layout.

        ``codes`` is a list of nodes; a node nests its children under ``children`` or names
        its ``parent`` (so flat lists work too).

        Args:
            data: the parsed file.
            path: the file name used in errors.
            lines: ``id(node dict) -> line``, to name lines in errors.
            repair: put labels, terms and descriptions through :func:`cirmtext.repair.normalize`.
        """
        return _Builder(path, lines or {}, repair).build(data)


def _rebuild(codes: tuple[Code, ...], metadata: dict[str, Any], path: str | None) -> Codebook:
    return Codebook(codes, **metadata, path=path)


class _Builder:
    """Turns parsed YAML/JSON/CSV into a validated :class:`Codebook`."""

    def __init__(self, path: str | None, lines: Mapping[int, int], repair: bool) -> None:
        self.path, self.lines, self.repair = path, lines, repair

    def fail(self, message: str, node: object = None, *, line: int | None = None,
             hint: str | None = None) -> CodebookError:
        if line is None and node is not None:
            line = self.lines.get(id(node))
        return CodebookError(message, path=self.path or "<codebook>", line=line, hint=hint)

    def build(self, data: Mapping[str, Any]) -> Codebook:
        if not isinstance(data, Mapping):
            raise self.fail("is not a codebook: expected a mapping with a 'codes' list",
                            line=1)
        unknown = set(data) - {*_META_KEYS, "codes"}
        if unknown:
            raise self.fail(f"unknown top-level key(s) {sorted(unknown)}", data,
                            hint=f"allowed: {[*_META_KEYS, 'codes']}")
        meta: dict[str, Any] = {}
        for key in _META_KEYS:
            if key in data and data[key] is not None:
                value = data[key]
                if key == "levels":
                    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                        raise self.fail("'levels' must be a list of names", data)
                    meta[key] = tuple(value)
                else:
                    meta[key] = str(value)
        nodes = data.get("codes")
        if not isinstance(nodes, list) or not nodes:
            raise self.fail("has no 'codes' list (or it is empty)", data)
        codes: list[Code] = []
        self.where: dict[str, int | None] = {}
        for node in nodes:
            self.walk(node, None, codes)
        self.check_tree(codes)
        return Codebook(codes, **meta, path=self.path)

    def walk(self, node: Any, parent: str | None, out: list[Code]) -> None:
        if not isinstance(node, Mapping):
            raise self.fail(f"a code must be a mapping, not {type(node).__name__}: {node!r}",
                            line=self.lines.get(id(node)))
        unknown = set(node) - _NODE_KEYS
        if unknown:
            raise self.fail(f"code {node.get('id')!r}: unknown key(s) {sorted(unknown)}", node,
                            hint=f"allowed: {sorted(_NODE_KEYS)}")
        code_id = node.get("id")
        if not isinstance(code_id, str) or not code_id.strip():
            raise self.fail(f"a code has no id or a non-text id ({code_id!r})", node,
                            hint="give every code an 'id'; quote ids that look like numbers")
        code_id = code_id.strip()
        if code_id in self.where:
            first = self.where[code_id]
            raise self.fail(f"duplicate code id {code_id!r}" +
                            (f" (first on line {first})" if first else ""), node)
        self.where[code_id] = self.lines.get(id(node))
        declared = node.get("parent")
        if declared is not None and not isinstance(declared, str):
            raise self.fail(f"code {code_id!r}: 'parent' must be text", node)
        if parent is not None and declared not in (None, parent):
            raise self.fail(f"code {code_id!r} is nested under {parent!r} but names parent "
                            f"{declared!r}", node)
        parent = parent if parent is not None else (declared or None)
        label = node.get("label")
        if not isinstance(label, str) or not label.strip():
            raise self.fail(f"code {code_id!r} has an empty or missing label", node)
        values: dict[str, Any] = {"id": code_id, "label": self.text(label), "parent": parent}
        for key in ("label_en", "description", "level"):
            value = node.get(key)
            if value is not None and not isinstance(value, str):
                raise self.fail(f"code {code_id!r}: {key!r} must be text, not "
                                f"{type(value).__name__}", node)
            if value is not None:
                values[key] = self.text(value) if key == "description" else value.strip()
        for key in _LIST_FIELDS:
            value = node.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise self.fail(f"code {code_id!r}: {key!r} must be a list of texts", node)
            cleaned = [self.text(v) for v in value if v.strip()]
            values[key] = tuple(dict.fromkeys(cleaned))
        codable = node.get("codable", True)
        if not isinstance(codable, bool):
            raise self.fail(f"code {code_id!r}: 'codable' must be true or false, not "
                            f"{codable!r}", node)
        values["codable"] = codable
        out.append(Code(**values))
        kids = node.get("children", [])
        if not isinstance(kids, list):
            raise self.fail(f"code {code_id!r}: 'children' must be a list", node)
        for kid in kids:
            self.walk(kid, code_id, out)

    def text(self, value: str) -> str:
        value = " ".join(value.split())
        if not self.repair:
            return value
        from ..repair import normalize

        return normalize(value, light_repair_config())

    def check_tree(self, codes: list[Code]) -> None:
        ids = {c.id for c in codes}
        for code in codes:
            if code.parent is not None and code.parent not in ids:
                raise self.fail(f"code {code.id!r} names an unknown parent {code.parent!r}",
                                line=self.where.get(code.id), hint="check the parent's id")
        parents = {c.id: c.parent for c in codes}
        for code in codes:
            seen = {code.id}
            node = code.parent
            while node is not None:
                if node in seen:
                    raise self.fail(f"code {code.id!r} is its own ancestor (a cycle through "
                                    f"{node!r})", line=self.where.get(code.id))
                seen.add(node)
                node = parents[node]


def _tree_order(codes: list[Code], path: str | None) -> list[Code]:
    """Codes in pre-order (parents first, siblings in given order), levels filled from depth."""
    by_parent: dict[str | None, list[Code]] = {}
    for code in codes:
        by_parent.setdefault(code.parent, []).append(code)
    out: list[Code] = []

    def visit(code: Code) -> None:
        out.append(code)
        for kid in by_parent.get(code.id, ()):
            visit(kid)

    for root in by_parent.get(None, ()):
        visit(root)
    if len(out) != len(codes):
        missing = sorted({c.id for c in codes} - {c.id for c in out})
        msg = f"codes {missing} are not reachable from a top-level code (unknown parent or cycle)"
        raise CodebookError(msg, path=path or "<codebook>")
    return out


def _fill_levels(codes: list[Code], levels: Sequence[str]) -> list[Code]:
    parents = {c.id: c.parent for c in codes}
    out = []
    for code in codes:
        if code.level is None and levels:
            depth, node = 0, code.parent
            while node is not None:
                depth, node = depth + 1, parents.get(node)
            if depth < len(levels):
                code = replace(code, level=levels[depth])
        out.append(code)
    return out
