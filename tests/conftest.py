"""Shared fixtures: the read-only ../shared/data folder, skipped cleanly when absent."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI replays a fixed set of examples (a landing must not depend on luck); developers' runs keep
# exploring new ones, and what they find becomes a plain regression test.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
CORPORA = ROOT / "corpora"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The ../shared/data folder; tests that need it skip when a clone has none."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (it exists only on the project's machines)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def perdt_sentences(shared_data: Path) -> list[dict[str, Any]]:
    """Gold-tokenised PerDT sentences: ``{"sent_id", "text", "tokens", "words"}``."""
    path = shared_data / "ud_perdt" / "tokens_gold.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def seed_text(shared_data: Path) -> str:
    """The broken PDF text of the paper (interview quotes withheld)."""
    return (shared_data / "seed_redacted.txt").read_text(encoding="utf-8")
