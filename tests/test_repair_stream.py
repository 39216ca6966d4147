"""Long inputs are repaired in sections: same result as the whole text where it should be."""

from __future__ import annotations

import dataclasses
import itertools
import re
import sys
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cirmtext.errors import ConfigError
from cirmtext.repair import (
    normalize,
    normalize_sections,
    repair,
    repair_sections,
    sections,
    workers,
)
from cirmtext.repair.align import Change, OffsetMap, StageMap, apply_changes, join_maps
from cirmtext.repair.base import DOCUMENT_FACTS, RepairContext

driver = sys.modules["cirmtext.repair"]


#: Words in correct modern orthography, and the damage PDF extraction does to some of them.
WORDS = ("مدیریت", "شهروندان", "سازمان‌های", "دولتی", "ارتباط", "اعتماد", "کارمندان",
         "پاسخگویی", "شهری", "اداره", "خدمات", "مردم", "بیشتر", "رضایت", "گزارش")
DAMAGED = {"مدیریت": "مد یریت", "شهری": "شهري", "سازمان‌های": "سازمان هاي",
           "دولتی": "دولتي", "کارمندان": "كارمندان", "اداره": "ادار ه"}
LINKS = ("و", "در", "با", "برای", "از")


@st.composite
def lines(draw: st.DrawFn) -> str:
    """A sentence of six to twelve words, some damaged, on a line of its own.

    Nothing in it is evidence that a whole document or paragraph needs: it never starts with
    the end of a sentence and has no runs of spaces (word order), and it ends a sentence (a
    paragraph whose lines end in «و» reads as upside down).
    """
    n = draw(st.integers(6, 12))
    words = []
    for k in range(n):
        word = draw(st.sampled_from(LINKS if k % 3 == 1 else WORDS))
        if word in DAMAGED and draw(st.booleans()):
            word = DAMAGED[word]
        words.append(word)
    words[2] += draw(st.sampled_from(["", "،", " ،"]))
    return " ".join(words) + draw(st.sampled_from([".", " ."]))


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Paragraphs of one to four lines, separated by one or two blank lines."""
    paragraphs = []
    for _ in range(draw(st.integers(2, 8))):
        paragraphs.append("\n".join(draw(st.lists(lines(), min_size=1, max_size=4))))
    seps = [draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n"])) for _ in paragraphs]
    return "".join(p + s for p, s in zip(paragraphs, seps, strict=True))


def _edit_keys(result: driver.Repaired) -> list[tuple[str, int, int, str, str]]:
    return sorted((e.rule, e.start, e.end, e.before, e.after) for e in result.edits)


@settings(max_examples=30, deadline=None)
@given(documents(), st.integers(60, 400))
def test_sections_repair_like_the_whole_text(text: str, size: int) -> None:
    whole = repair(text)
    parts = repair(text, section_chars=size)
    assert len(list(sections(text, size))) >= 1
    assert parts.text == whole.text
    assert _edit_keys(parts) == _edit_keys(whole)
    for k, edit in enumerate(parts.edits):
        assert 0 <= edit.start <= edit.end <= len(text)
        if text[edit.start:edit.end] != edit.before:  # a span an earlier edit replaced
            assert any(e.start <= edit.start and edit.end <= e.end for e in parts.edits[:k])
    out = parts.text
    for start in range(0, len(out) + 1, 3):
        for end in (start, min(len(out), start + 1), min(len(out), start + 17)):
            assert parts.to_original(start, end) == whole.to_original(start, end)
    assert "".join(normalize_sections(text, section_chars=size)) == whole.text
    assert normalize(text) == whole.text


def test_offsets_of_sections_map_back_to_the_input() -> None:
    text = ("مد یریت شهري در سازمان هاي دولتي ، بررسی شد\n\n" * 40
            + "کارمندان   پاسخگویی\n\n" * 40)
    result = repair(text, section_chars=500)
    assert len(list(sections(text, 500))) > 5
    assert result.text == repair(text).text
    for word in ("مدیریت", "سازمان‌های", "پاسخگویی"):
        pos = result.text.find(word, len(result.text) // 2 if word == "پاسخگویی" else 0)
        start, end = result.to_original(pos, pos + len(word))
        assert text[start:end].replace(" ", "").replace("ي", "ی") == word.replace("\u200c", "")


def test_sections_cut_after_paragraph_breaks() -> None:
    paragraph = "مدیریت ارتباط با شهروندان در سازمان‌های دولتی.\n"
    text = (paragraph * 3 + "\n") * 50 + "\f" + (paragraph * 2 + "\n \n") * 50
    spans = list(sections(text, 1000))
    assert spans[0][0] == 0
    assert spans[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end == start
        assert text[end - 1] in "\n\f" and (text[end - 1] == "\f" or text[:end].rstrip(" ")
                                             .endswith("\n\n") or text[:end].endswith("\n \n"))
    assert all(end - start <= 1000 for start, end in spans)


def test_sections_fall_back_to_line_breaks_and_never_cut_a_line() -> None:
    line = "مدیریت ارتباط با شهروندان در سازمان‌های دولتی"
    text = "\n".join([line] * 100)
    spans = list(sections(text, 500))
    assert len(spans) > 1
    assert all(text[end - 1] == "\n" for _, end in spans[:-1])
    one_line = line * 100
    assert list(sections(one_line, 500)) == [(0, len(one_line))]
    assert list(sections("", 500)) == [(0, 0)]
    assert list(sections("مدیریت", 500)) == [(0, len("مدیریت"))]


def test_short_texts_are_one_section() -> None:
    text = "مد یریت شهري\n\nسازمان هاي دولتي\n"
    assert list(sections(text)) == [(0, len(text))]
    assert list(normalize_sections(text)) == [normalize(text)]


def test_sections_share_document_facts_not_scratch() -> None:
    text = "مد یریت شهري\n\n" * 20
    document = RepairContext(source=text)
    pieces = list(normalize_sections(text, context=document, section_chars=40))
    assert len(pieces) > 1
    assert set(document.cache) <= DOCUMENT_FACTS
    assert "spacing_memo" in document.cache
    assert document._stats is not None


def test_document_counts_are_counted_on_first_use() -> None:
    text = "مد یریت و مد یران  د ر سازمان"
    context = RepairContext(source=text)
    assert context._counts is None
    assert context.document_counts == Counter(text.split())
    given_counts = Counter({"الف": 2})
    assert RepairContext(given_counts, text).document_counts is given_counts


def test_bytes_are_refused_by_every_entry_point() -> None:
    with pytest.raises(TypeError, match="decode"):
        repair(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decode"):
        normalize(b"abc")  # type: ignore[arg-type]


@st.composite
def part_maps(draw: st.DrawFn) -> tuple[str, OffsetMap, str]:
    text = draw(st.text(alphabet="ابد ر\n", min_size=0, max_size=20))
    original = text
    stages = []
    for _ in range(draw(st.integers(0, 3))):
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
        changes = [Change(a, b, draw(st.text(alphabet="xy", max_size=2)))
                   for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
        changes = [c for c in changes if c.start < c.end or c.after]
        stages.append(StageMap.from_changes(changes))
        text = apply_changes(text, changes)
    return original, OffsetMap(stages), text


@given(st.lists(part_maps(), min_size=1, max_size=4))
def test_joined_maps_map_each_part_through_its_own_stages(
        parts: list[tuple[str, OffsetMap, str]]) -> None:
    joined = join_maps([(len(original), offsets) for original, offsets, _ in parts])
    in_off = out_off = 0
    for original, offsets, out in parts:
        for start in range(len(out) + 1):
            for end in range(start, len(out) + 1):
                s, e = offsets.span_to_input(start, end)
                if 0 < s and e < len(original):  # off the part's edges (shared with a neighbour)
                    assert joined.span_to_input(start + out_off, end + out_off) == (
                        s + in_off, e + in_off)
        in_off += len(original)
        out_off += len(out)
    if len(parts) == 1:
        assert joined == parts[0][1]
    assert len(joined.stages) == max(len(offsets.stages) for _, offsets, _ in parts)


def test_repair_sections_gives_each_section_in_its_own_coordinates() -> None:
    text = "مد یریت شهري در سازمان هاي دولتي ، بررسی شد.\n\n" * 30
    parts = list(repair_sections(text, section_chars=300))
    assert len(parts) > 3
    whole = repair(text, section_chars=300)
    assert "".join(part.text for _, part in parts) == whole.text
    shifted = [(e.rule, e.start + start, e.end + start, e.before, e.after)
               for start, part in parts for e in part.edits]
    assert shifted == [(e.rule, e.start, e.end, e.before, e.after) for e in whole.edits]
    for start, part in parts:
        assert text[start:start + len(part.original)] == part.original
        assert part.to_original(0, len(part.text)) == (0, len(part.original))
    quiet = list(repair_sections(text, explain=False, section_chars=300))
    assert [part.text for _, part in quiet] == [part.text for _, part in parts]
    assert all(not part.edits for _, part in quiet)


#: A long text of many short sections (``section_chars=300``) with something to repair in each.
SECTIONED = "مد یریت شهري در سازمان هاي دولتي ، بررسی شد.\nكارمندان مي گويند.\n\n" * 60


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are forked, as in ``cirmtext normalize`` (starting them afresh, where forking
    is not possible, is tested apart)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    monkeypatch.setattr(workers, "fork_is_safe", lambda: True)


@pytest.mark.usefixtures("forking")
def test_sections_in_worker_processes_give_what_one_process_gives() -> None:
    one = repair(SECTIONED, section_chars=300, jobs=1)
    two = repair(SECTIONED, section_chars=300, jobs=2)
    assert len(list(sections(SECTIONED, 300))) > 10
    assert two.text == one.text
    assert two.edits == one.edits
    assert two.offsets == one.offsets
    parts = list(repair_sections(SECTIONED, section_chars=300, jobs=2))
    assert [start for start, _ in parts] == [start for start, _ in sections(SECTIONED, 300)]
    assert all(SECTIONED[start:start + len(part.original)] == part.original
               for start, part in parts)
    assert "".join(normalize_sections(SECTIONED, section_chars=300, jobs=-1)) == one.text


@pytest.mark.usefixtures("forking")
def test_section_facts_are_fixed_before_sections_go_to_workers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A fact read from the first section that shows it holds for every later section."""

    def marks(text: str, context: RepairContext) -> list[Change]:
        if "نشان" in text:
            context.cache.setdefault("zwnj_damaged", True)
        if not context.cache.get("zwnj_damaged"):
            return []
        return [Change(m.start(), m.end(), "ی") for m in re.finditer("ي", text)]

    rule = driver.RULES_BY_NAME["unify_arabic_letters"]
    monkeypatch.setattr(driver, "RULES", (dataclasses.replace(rule, func=marks),))
    text = "شهري\n\n" * 30 + "نشان\n\n" + "شهري\n\n" * 60
    one = list(normalize_sections(text, section_chars=40, jobs=1))
    assert "".join(one).count("ي") == 30  # the fact is found in the 8th section
    assert list(normalize_sections(text, section_chars=40, jobs=2)) == one
    # a rule a fresh worker cannot be given (not picklable): the sections stay here
    monkeypatch.setattr(workers, "fork_is_safe", lambda: False)
    assert list(normalize_sections(text, section_chars=40, jobs=2)) == one


def test_worker_processes_started_afresh_repair_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where processes cannot be forked, asked-for workers are spawned with the facts."""
    import multiprocessing

    monkeypatch.setattr(workers, "fork_is_safe", lambda: False)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    text = SECTIONED[:3000]
    spawned = list(repair_sections(text, section_chars=300, jobs=2))
    assert [(start, part.text, part.edits) for start, part in spawned] == [
        (start, part.text, part.edits) for start, part in repair_sections(
            text, section_chars=300, jobs=1)]
    # by default a long input is then repaired in this process (no slow start of workers)
    monkeypatch.setattr(multiprocessing, "get_context", _never)
    assert workers.start_pool(None, [(0, 10**6), (10**6, 2 * 10**6)],
                        ("", [], RepairContext(source="x"), False)) is None


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("no pool was to be started")


def _no_processes(*args: object, **kwargs: object) -> None:
    raise OSError("no processes here")


def test_sections_stay_in_this_process_where_workers_cannot_start(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    expected = repair(SECTIONED, section_chars=300, jobs=1)
    monkeypatch.setattr(multiprocessing, "get_context", _no_processes)
    assert repair(SECTIONED, section_chars=300, jobs=2).edits == expected.edits
    monkeypatch.setattr(multiprocessing, "get_context", _never)
    assert normalize(SECTIONED) == expected.text  # short input: never asks for a pool
    monkeypatch.setattr(multiprocessing, "current_process", lambda: _Daemon())
    assert workers.start_pool(2, [(0, 10), (10, 20)],
                        ("ab" * 10, [], RepairContext(source="ab" * 10), False)) is None


class _Daemon:
    daemon = True


@pytest.mark.usefixtures("forking")
def test_a_context_without_its_source_keeps_the_sections_in_order_here() -> None:
    """Without ``source`` rules read document facts from the first section that asks, as
    they come: such a context is never sent to workers."""
    text = SECTIONED[:6000]
    one = list(normalize_sections(text, context=RepairContext(), section_chars=300, jobs=1))
    assert len(one) > 10
    assert list(normalize_sections(text, context=RepairContext(), section_chars=300,
                                   jobs=2)) == one
    assert workers.start_pool(2, [(0, 10), (10, 20)], ("", [], RepairContext(), False)) is None


@pytest.mark.usefixtures("forking")
def test_an_abandoned_stream_stops_its_workers() -> None:
    import multiprocessing

    stream = normalize_sections(SECTIONED, section_chars=300, jobs=2)
    first = [next(stream), next(stream), next(stream)]
    assert first == list(normalize_sections(SECTIONED, section_chars=300, jobs=1))[:3]
    stream.close()
    assert not multiprocessing.active_children()


@pytest.mark.usefixtures("forking")
def test_workers_start_while_the_first_section_is_repaired(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers are asked for as soon as the first section's rules fix the section facts,
    before that section is done; a stream abandoned after it stops them."""
    import multiprocessing

    asked: list[list[tuple[int, int]]] = []
    pool = workers.start_pool

    def recorded(jobs: int | None, rest: list[tuple[int, int]], state: Any) -> Any:
        asked.append(rest)
        return pool(jobs, rest, state)

    monkeypatch.setattr(workers, "start_pool", recorded)
    stream = normalize_sections(SECTIONED, section_chars=300, jobs=2)
    first = next(stream)
    assert asked == [list(sections(SECTIONED, 300))[1:]]
    assert multiprocessing.active_children()
    assert first == next(normalize_sections(SECTIONED, section_chars=300, jobs=1))
    stream.close()
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("jobs", [0, -2, 1.5])
def test_jobs_must_be_a_number_of_processes(jobs: object) -> None:
    with pytest.raises(ConfigError, match="jobs"):
        normalize(SECTIONED, jobs=jobs)  # type: ignore[arg-type]
