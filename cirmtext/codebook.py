"""Codebooks: trees of codes, loaded, validated and saved as YAML, JSON, CSV or REFI-QDA .qdc.

A :class:`Codebook` holds :class:`~cirmtext.records.Code` records in tree order (a parent before
its children), each with ``parent`` and ``level`` filled in from the tree. Files are checked as
they are read: a duplicate id, an unknown parent, a cycle, an empty label, a value of the wrong
type or an unknown key is a :class:`~cirmtext.errors.CodebookError` that names the file and the
line (YAML, JSON) or row (CSV). Text is put through the repair stage on loading, so a codebook
typed with Arabic ``ي``/``ك`` or a broken ZWNJ matches repaired transcripts.

>>> cb = Codebook.from_dict({"id": "demo", "levels": ["element", "code"], "codes": [
...     {"id": "P1", "label": "مشارکت", "children": [
...         {"id": "C1", "label": "مشاركت مردم", "keywords": ["مشارکت کردن"]}]}]})
>>> cb["C1"].label, cb["C1"].parent, cb["C1"].level
('مشارکت مردم', 'P1', 'code')
>>> [c.id for c in cb.ancestors("C1")]
['P1']
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from .errors import CodebookError, InputError
from .io import atomic_write, read_text
from .records import Code

__all__ = ["BUNDLED_DIR", "Codebook", "bundled_codebooks", "load_codebook", "save_codebook"]

#: Where bundled codebooks (``load_codebook("cirm_phenomenography")``) are looked up.
BUNDLED_DIR = Path(__file__).resolve().parents[1] / "corpora" / "codebooks"

_META_KEYS = ("id", "title", "version", "language", "source", "levels", "description")
_NODE_KEYS = frozenset({"id", "label", "label_en", "description", "keywords", "exclusions",
                        "examples", "codable", "children", "parent", "level", "color", "note"})
_LIST_FIELDS = ("keywords", "exclusions", "examples")
_CSV_COLUMNS = ("id", "label", "parent", "label_en", "description", "keywords", "exclusions",
                "examples", "codable", "level")
#: Repairs meant for PDF-extracted documents, not typed labels: a short, correct label must
#: never be reordered or have its brackets flipped.
_NO_REPAIR = ("restore_word_order", "unmirror_brackets")
_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv", ".qdc": "qdc"}


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
        """A stable SHA-256 of the codebook's content (ids, tree, labels, terms, metadata).

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
        from .repair import RepairConfig, normalize

        return normalize(value, RepairConfig().disable(_NO_REPAIR))

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


# ---------------------------------------------------------------------------------------- files


def bundled_codebooks() -> list[str]:
    """Names of the codebooks shipped in ``corpora/codebooks`` of the source checkout."""
    if not BUNDLED_DIR.is_dir():
        return []
    return sorted({p.stem for p in BUNDLED_DIR.iterdir() if p.suffix.lower() in _SUFFIXES})


def _resolve(path_or_name: str | os.PathLike[str]) -> Path:
    path = Path(path_or_name)
    if path.exists() or path.suffix.lower() in _SUFFIXES or os.sep in str(path_or_name):
        return path
    for suffix in (".yaml", ".yml", ".json", ".csv", ".qdc"):
        candidate = BUNDLED_DIR / f"{path_or_name}{suffix}"
        if candidate.is_file():
            return candidate
    names = ", ".join(bundled_codebooks()) or "none found"
    raise CodebookError("is neither a codebook file nor a bundled codebook",
                        path=str(path_or_name), hint=f"bundled codebooks: {names}")


def _format_of(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise CodebookError(f"unknown codebook format {path.suffix!r}", path=str(path),
                            hint="use .yaml, .yml, .json, .csv or .qdc") from None


def load_codebook(path_or_name: str | os.PathLike[str], *, format: str | None = None,
                  repair: bool = True) -> Codebook:
    """Read and validate a codebook file, or a bundled codebook by name.

    Args:
        path_or_name: a ``.yaml``/``.yml``/``.json``/``.csv``/``.qdc`` file, or the name of a
            bundled codebook (``cirm_phenomenography``, ``king_maturity``…).
        format: ``yaml``, ``json``, ``csv`` or ``qdc``; by default from the suffix.
        repair: normalise labels, terms and descriptions with the repair stage.

    Raises:
        CodebookError: the file is malformed; the message names the file and line or row.
    """
    path = _resolve(path_or_name)
    kind = _format_of(path, format)
    try:
        text = read_text(path).text
    except InputError as exc:
        raise CodebookError(exc.message, path=str(path), hint=exc.hint) from None
    if kind == "qdc":
        from .refi.codebook import codebook_from_qdc

        return codebook_from_qdc(text, path=str(path), repair=repair)
    if kind == "csv":
        return _from_csv(text, str(path), repair)
    lines: dict[int, int] = {}
    data = _parse_yaml(text, str(path), lines) if kind == "yaml" else \
        _parse_json(text, str(path), lines)
    if isinstance(data, Mapping) and "id" not in data:
        named = {"id": path.stem, **data}
        lines[id(named)] = lines.get(id(data), 1)
        data = named
    return Codebook.from_dict(data, path=str(path), lines=lines, repair=repair)


def _parse_yaml(text: str, path: str, lines: dict[int, int]) -> Any:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
        value = loader.construct_mapping(node, deep=True)
        lines[id(value)] = node.start_mark.line + 1
        return value

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CodebookError(f"is not valid YAML: {problem}", path=path, line=line) from None


def _parse_json(text: str, path: str, lines: dict[int, int]) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodebookError(f"is not valid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    # JSON parsers keep no positions: find each node's line from its "id" in document order.
    found = [(m.group(1), text.count("\n", 0, m.start()) + 1)
             for m in re.finditer(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"', text)]
    cursor: dict[str, int] = {}

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            key = node.get("id")
            if isinstance(key, str):
                hits = [ln for k, ln in found if k == key]
                n = cursor.get(key, 0)
                if n < len(hits):
                    lines[id(node)] = hits[n]
                cursor[key] = n + 1
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(data)
    return data


def _from_csv(text: str, path: str, repair: bool) -> Codebook:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = {"id", "label"} - set(header)
    if missing:
        raise CodebookError(f"CSV header lacks column(s) {sorted(missing)}", path=path, line=1,
                            hint=f"columns: {', '.join(_CSV_COLUMNS)}")
    unknown = set(header) - set(_CSV_COLUMNS)
    if unknown:
        raise CodebookError(f"unknown CSV column(s) {sorted(unknown)}", path=path, line=1,
                            hint=f"columns: {', '.join(_CSV_COLUMNS)}")
    nodes: list[dict[str, Any]] = []
    lines: dict[int, int] = {}
    for row in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(row.values()):
            continue
        node: dict[str, Any] = {"id": row["id"], "label": row["label"]}
        for key in ("parent", "label_en", "description", "level"):
            if row.get(key):
                node[key] = row[key]
        for key in _LIST_FIELDS:
            if row.get(key):
                node[key] = [v.strip() for v in row[key].split(";") if v.strip()]
        if row.get("codable"):
            flag = row["codable"].lower()
            if flag not in ("true", "false", "1", "0", "yes", "no"):
                raise CodebookError(f"code {row['id']!r}: codable must be true or false, not "
                                    f"{row['codable']!r}", path=path, line=reader.line_num)
            node["codable"] = flag in ("true", "1", "yes")
        lines[id(node)] = reader.line_num
        nodes.append(node)
    data = {"id": Path(path).stem, "codes": nodes}
    return Codebook.from_dict(data, path=path, lines=lines, repair=repair)


def _to_csv(codebook: Codebook) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for code in codebook.codes:
        writer.writerow([code.id, code.label, code.parent or "", code.label_en or "",
                         code.description, "; ".join(code.keywords),
                         "; ".join(code.exclusions), "; ".join(code.examples),
                         "true" if code.codable else "false", code.level or ""])
    return out.getvalue()


def save_codebook(codebook: Codebook, path: str | os.PathLike[str], *,
                  format: str | None = None) -> Path:
    """Write a codebook atomically as YAML, JSON, CSV or REFI-QDA .qdc (from the suffix).

    Returns:
        The path written.
    """
    target = Path(path)
    kind = _format_of(target, format)
    if kind == "yaml":
        import yaml

        text = yaml.safe_dump(codebook.to_dict(), allow_unicode=True, sort_keys=False,
                              width=100)
    elif kind == "json":
        text = json.dumps(codebook.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif kind == "csv":
        text = _to_csv(codebook)
    else:
        from .refi.codebook import codebook_to_qdc

        text = codebook_to_qdc(codebook)
    atomic_write(target, text)
    return target


#: Names of the fields a :class:`~cirmtext.records.Code` has (for tools that build codebooks).
CODE_FIELDS = tuple(f.name for f in fields(Code))
