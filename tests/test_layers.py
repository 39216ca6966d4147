"""Data flows one way: a module imports only from its own layer or the layers below.

raw text -> repair -> segment/tokenise -> codebook/features -> suggest -> review -> export ->
pipeline/cli. Checked by reading every module's imports with ``ast``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cirmtext"

#: Module prefix -> layer; the longest matching prefix wins.
LAYERS = {
    "cirmtext._version": 0,
    "cirmtext.errors": 0,
    "cirmtext.records": 0,
    "cirmtext.io": 0,
    "cirmtext.resources": 0,
    "cirmtext.repair": 1,
    "cirmtext.tokenize": 2,
    "cirmtext.segment": 2,
    "cirmtext.corpus": 2,
    "cirmtext.codebook": 3,
    "cirmtext.features": 3,
    "cirmtext.refi._xml": 3,
    "cirmtext.refi.codebook": 3,
    "cirmtext.suggest": 4,
    "cirmtext.review": 5,
    "cirmtext.export": 6,
    "cirmtext.refi.project": 6,
    "cirmtext.refi": 6,
    "cirmtext.pipeline": 7,
    "cirmtext.cli": 7,
    "cirmtext.__main__": 7,
}


def layer_of(module: str) -> int | None:
    best = None
    for prefix, layer in LAYERS.items():
        if (module == prefix or module.startswith(prefix + ".")) and (
            best is None or len(prefix) > len(best[0])
        ):
            best = (prefix, layer)
    return None if best is None else best[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("cirmtext")}


def test_every_module_has_a_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        if module == "cirmtext":
            continue
        assert layer_of(module) is not None, f"{module} has no layer in tests/test_layers.py"


def test_imports_point_downwards() -> None:
    problems = []
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        if module == "cirmtext":
            continue  # the package root re-exports the public API
        own = layer_of(module)
        assert own is not None
        for target in imports_of(path, module):
            if target == "cirmtext":
                problems.append(f"{module} imports the package root")
                continue
            layer = layer_of(target)
            if layer is not None and layer > own:
                problems.append(f"{module} (layer {own}) imports {target} (layer {layer})")
    assert not problems, "\n".join(problems)
