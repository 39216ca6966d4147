"""Codebook files: YAML, JSON and CSV (and REFI-QDA .qdc through :mod:`cirmtext.refi`)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import CodebookError, InputError
from ..io import atomic_write, read_text
from ._model import _LIST_FIELDS, Codebook

__all__ = ["BUNDLED_DIR", "bundled_codebooks", "load_codebook", "save_codebook"]

#: Where bundled codebooks (``load_codebook("cirm_phenomenography")``) are looked up: the
#: package's ``data/codebooks``, a link to ``corpora/codebooks`` that wheels store as files.
BUNDLED_DIR = Path(__file__).resolve().parents[1] / "data" / "codebooks"
_CSV_COLUMNS = ("id", "label", "parent", "label_en", "description", "keywords", "exclusions",
                "examples", "codable", "level")
_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv", ".qdc": "qdc"}


def bundled_codebooks() -> list[str]:
    """Names of the codebooks shipped with cirmtext (``corpora/codebooks`` in the source)."""
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
    if not path.is_file():
        names = ", ".join(bundled_codebooks()) or "none found"
        raise CodebookError("does not exist or is not a file", path=str(path),
                            hint=f"check the path; bundled codebooks: {names}")
    kind = _format_of(path, format)
    try:
        text = read_text(path).text
    except InputError as exc:
        raise CodebookError(exc.message, path=str(path), hint=exc.hint) from None
    if kind == "qdc":
        from ..refi.codebook import codebook_from_qdc

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
        from ..refi.codebook import codebook_to_qdc

        text = codebook_to_qdc(codebook)
    atomic_write(target, text)
    return target
