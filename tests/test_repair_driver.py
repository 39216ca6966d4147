"""The repair driver's shortcuts give exactly what the plain fixed-point loop gives."""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from _benchmarks import load_benchmark
from hypothesis import given
from hypothesis import strategies as st

from cirmtext.records import Edit
from cirmtext.repair import RepairConfig, fixedpoint, normalize, repair
from cirmtext.repair.align import Change, OffsetMap, StageMap, apply_changes
from cirmtext.repair.base import COUNT_SLICE, SECTION_FACTS, RepairContext, count_words
from cirmtext.repair.rules import RULES

driver = sys.modules["cirmtext.repair"]

#: Broken text written for these tests: Arabic letters, a split after «د», a missing ZWNJ,
#: mirrored brackets, a space before a comma and a line whose words came out last-to-first.
BROKEN = (
    "مد یریت شهري در سازمان هاي دولتي ، )Karimi, 2016( بررسی شد.\n"
    "است.  شده  بیشتر  آرامی  به  شهر  این  در  شهروندان  اعتماد\n"
    "\n"
    "کارمندان مي گويند که پاسخ گويي به شهروندان د ر این اداره تغيير کرده است.\n"
)


def _plain_loop(text: str) -> tuple[str, list[Edit]]:
    """The driver without its shortcuts: every rule on every pass, each edit mapped alone."""
    rules = [rule for rule in RULES if RepairConfig().enabled(rule.name)]
    context = RepairContext.from_text(text)
    offsets = OffsetMap()
    edits: list[Edit] = []
    current = text
    for _ in range(fixedpoint.MAX_PASSES):
        changed = False
        for rule in rules:
            changes = [c for c in rule.func(current, context) if current[c.start:c.end] != c.after]
            if not changes:
                continue
            changed = True
            for c in changes:
                start, end = offsets.span_to_input(c.start, c.end)
                edits.append(Edit(rule.name, start, end, current[c.start:c.end], c.after))
            offsets.stages.append(StageMap.from_changes(changes))
            current = apply_changes(current, changes)
        if not changed:
            break
    return current, edits


def test_driver_matches_the_plain_loop() -> None:
    for text in (BROKEN, BROKEN * 3, "مدیریت ارتباط با شهروندان", ""):
        expected_text, expected_edits = _plain_loop(text)
        result = repair(text)
        assert result.text == expected_text
        assert result.edits == expected_edits
        assert normalize(text) == expected_text
        assert expected_text != text or text in ("", "مدیریت ارتباط با شهروندان")


def test_explain_false_gives_the_same_text_without_edits() -> None:
    quiet = repair(BROKEN, explain=False)
    assert quiet.text == repair(BROKEN).text
    assert quiet.edits == []
    assert quiet.offsets.stages == []


def test_ready_is_called_once_when_the_section_facts_are_set() -> None:
    """The hook that starts the workers fires once, right after the first rule call that
    leaves every section fact set, and changes nothing in the repair."""
    rules = [rule for rule in RULES if RepairConfig().enabled(rule.name)]
    calls: list[tuple[str, bool]] = []  # each rule call, and whether the facts were set after it
    fired: list[int] = []

    def ready(context: RepairContext) -> None:
        assert SECTION_FACTS <= context.cache.keys()
        fired.append(len(calls) - 1)

    traced = [_traced(rule, calls) for rule in rules]
    result = fixedpoint.run_rules(BROKEN, traced, RepairContext.from_text(BROKEN), ready=ready)
    first = next(i for i, (_, facts) in enumerate(calls) if facts)
    assert fired == [first]
    assert result.text == repair(BROKEN).text
    assert result.edits == repair(BROKEN).edits


def _traced(rule: object, calls: list[tuple[str, bool]]) -> object:
    import dataclasses

    def run(text: str, context: RepairContext) -> list[Change]:
        changes = rule.func(text, context)  # type: ignore[attr-defined]
        calls.append((rule.name, SECTION_FACTS <= context.cache.keys()))  # type: ignore[attr-defined]
        return changes  # type: ignore[no-any-return]

    return dataclasses.replace(rule, func=run)  # type: ignore[type-var]


def test_speed_by_rule_times_each_rule_and_puts_the_registry_back() -> None:
    speed = load_benchmark("repair", "speed")
    registry = driver.RULES
    total, spent = speed.by_rule(BROKEN * 2)
    assert driver.RULES is registry
    assert {"unify_arabic_letters", "join_split_words", "restore_word_order"} <= set(spent)
    assert set(spent) <= {rule.name for rule in RULES}
    assert all(calls >= 1 for _, calls in spent.values())
    assert 0 < sum(seconds for seconds, _ in spent.values()) <= total
    assert list(spent.values()) == sorted(spent.values(), key=lambda v: -v[0])
    assert normalize(BROKEN) == _plain_loop(BROKEN)[0]  # the timers left nothing behind


def test_speed_compares_with_hazm_in_one_process_and_with_workers() -> None:
    speed = load_benchmark("repair", "speed")
    rows = speed.throughput({"broken": BROKEN * 60}, repeat=1, jobs=2)
    (row,) = rows
    for system in ("cirmtext.normalize", "cirmtext.normalize jobs", "cirmtext.repair", "hazm"):
        assert row[system]["seconds"] > 0
        assert row[system]["cpu_seconds"] >= row[system]["worker_cpu_seconds"] >= 0
    # hazm's time over cirmtext's, not the inverse (seconds are printed rounded)
    assert row["ratio_normalize"] == pytest.approx(
        row["hazm"]["seconds"] / row["cirmtext.normalize"]["seconds"], rel=0.25)
    assert all(row[key] > 0 for key in ("ratio_jobs", "cpu_ratio_normalize", "cpu_ratio_jobs"))


def test_word_counts_match_split() -> None:
    text = ("مد یریت\u200c ها\t\n" * 6000) + "ب" * 70_000 + " د ر  \u2003 آخر"
    assert len(text) > COUNT_SLICE
    counts = count_words(text)
    assert counts == Counter(text.split())
    assert list(counts) == list(Counter(text.split()))


@st.composite
def stages(draw: st.DrawFn) -> tuple[list[list[Change]], list[tuple[int, int]]]:
    text = draw(st.text(alphabet="ابد ر", min_size=0, max_size=25))
    all_changes = []
    for _ in range(draw(st.integers(1, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
        changes = [Change(a, b, draw(st.text(alphabet="xy", max_size=3)))
                   for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
        changes = [c for c in changes if c.start < c.end or c.after]
        all_changes.append(changes)
        text = apply_changes(text, changes)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    spans = list(zip(cuts[::2], cuts[1::2], strict=False))
    return all_changes, spans


@given(stages())
def test_sweep_mapping_matches_one_by_one(case: tuple[list[list[Change]],
                                                      list[tuple[int, int]]]) -> None:
    all_changes, spans = case
    offsets = OffsetMap([StageMap.from_changes(changes) for changes in all_changes])
    assert offsets.spans_to_input(spans) == [offsets.span_to_input(s, e) for s, e in spans]
