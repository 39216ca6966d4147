"""The repair driver pauses the cyclic garbage collector only while it runs (a speed-up)."""

from __future__ import annotations

import gc

import pytest

from cirmtext.repair import normalize, repair
from cirmtext.repair.base import Change, RepairContext, Rule
from cirmtext.repair.fixedpoint import run_rules

TEXT = "مد یریت شهري\n\nسازمان هاي دولتي\n"


def _probe(seen: list[bool]) -> Rule:
    def func(text: str, context: RepairContext) -> list[Change]:
        seen.append(gc.isenabled())
        return []
    return Rule("probe", func, "safe", True, "records whether the collector runs")


def test_collector_paused_during_run_and_enabled_after() -> None:
    seen: list[bool] = []
    assert gc.isenabled()
    run_rules(TEXT, [_probe(seen)], RepairContext.from_text(TEXT))
    assert seen == [False]
    assert gc.isenabled()
    assert normalize(TEXT) == "مدیریت شهری\n\nسازمان‌های دولتی\n"
    assert gc.isenabled()


def test_collector_left_disabled_when_caller_disabled_it() -> None:
    gc.disable()
    try:
        assert repair(TEXT).text == "مدیریت شهری\n\nسازمان‌های دولتی\n"
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_enabled_again_after_an_error() -> None:
    def boom(text: str, context: RepairContext) -> list[Change]:
        raise ValueError("boom")
    with pytest.raises(ValueError, match="boom"):
        run_rules(TEXT, [Rule("boom", boom, "safe", True, "fails")], RepairContext.from_text(TEXT))
    assert gc.isenabled()
