"""Data-driven repair cases from tests/cases/repair/*.json (schema in that folder's README)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cirmtext.repair import RepairConfig, apply_plan, repair

CASES_DIR = Path(__file__).parent / "cases" / "repair"
KEYS = {"label", "comment", "original", "expected", "rules", "enable", "expect"}


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            assert set(case) <= KEYS, f"{path.name}: unknown keys {set(case) - KEYS}"
            marks = []
            if case.get("expect", "pass") == "fail":
                marks.append(pytest.mark.xfail(strict=True, reason=case.get("comment", "")))
            params.append(pytest.param(case, id=f"{path.stem}:{case['label']}", marks=marks))
    return params


CASES = _load()


@pytest.mark.parametrize("case", CASES)
def test_repair_case(case: dict[str, Any]) -> None:
    config = RepairConfig().enable(case.get("enable", []))
    result = repair(case["original"], config)
    assert result.text == case["expected"]
    if "rules" in case:
        assert set(result.plan) == set(case["rules"])
    assert apply_plan(case["original"], result.plan + case.get("enable", [])) == result.text
    again = repair(result.text, config)
    assert again.text == result.text, f"not idempotent: {again.edits}"


def test_cases_exist() -> None:
    assert len(CASES) >= 1
