"""The curated public surface: ``cirmtext.__all__`` is the contract."""

from __future__ import annotations
import __future__

import subprocess
import sys
import types

import cirmtext


def test_all_is_sorted_and_complete() -> None:
    public = {
        name
        for name, value in vars(cirmtext).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType | __future__._Feature)
    }
    assert set(cirmtext.__all__) - {"__version__"} == public
    assert list(cirmtext.__all__) == sorted(cirmtext.__all__)


def test_import_is_cheap() -> None:
    """Importing cirmtext must not import hazm, gensim or scikit-learn."""
    code = (
        "import sys, cirmtext; "
        "print(sorted(m for m in ('hazm', 'gensim', 'sklearn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
