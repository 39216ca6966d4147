"""Benchmark scripts imported by tests (``benchmarks/`` holds scripts, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(folder: str, name: str) -> ModuleType:
    """``benchmarks/<folder>/<name>.py`` as a module, once, under a name no other folder uses."""
    unique = f"_cirm_bench_{folder}_{name}"
    if unique in sys.modules:
        return sys.modules[unique]
    spec = importlib.util.spec_from_file_location(unique, BENCHMARKS / folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[unique] = module
    spec.loader.exec_module(module)
    return module
