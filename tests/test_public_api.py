"""The curated public surface: ``cirmtext.__all__`` is the contract."""

from __future__ import annotations

import subprocess
import sys
import types

import cirmtext


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert list(cirmtext.__all__) == sorted(cirmtext.__all__)
    for name in cirmtext.__all__:
        assert getattr(cirmtext, name) is not None, name


def test_no_public_name_outside_all() -> None:
    eager = {
        name
        for name, value in vars(cirmtext).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
        and type(value).__name__ != "_Feature"
    }
    assert eager <= set(cirmtext.__all__)


def test_import_is_cheap() -> None:
    """Importing cirmtext must not import hazm, gensim, scikit-learn or sqlite3."""
    code = (
        "import sys, cirmtext; "
        "print(sorted(m for m in ('hazm', 'gensim', 'sklearn', 'sqlite3') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_hazm_like_entry_points() -> None:
    assert cirmtext.word_tokenize("شهروندان می‌خواهند صدایشان شنیده شود.") == [
        "شهروندان", "می‌خواهند", "صدایشان", "شنیده", "شود", ".",
    ]
    assert cirmtext.lemmatize("کتاب‌ها") == "کتاب"
    assert cirmtext.normalize("مشاركت") == "مشارکت"
