"""Offset maps: any span of repaired text maps back to the input it came from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cirmtext.repair.align import Change, OffsetMap, StageMap, apply_changes


@st.composite
def text_and_changes(draw: st.DrawFn) -> tuple[str, list[Change]]:
    text = draw(st.text(alphabet="ابپ د ر‌", min_size=0, max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    changes = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        after = draw(st.text(alphabet="xyz", max_size=3))
        if a < b or after:  # the driver drops no-op changes
            changes.append(Change(a, b, after))
    return text, changes


@given(text_and_changes())
def test_unchanged_text_maps_to_itself(case: tuple[str, list[Change]]) -> None:
    text, changes = case
    out = apply_changes(text, changes)
    m = OffsetMap([StageMap.from_changes(changes)])
    # Every output character outside a replacement maps to the same character of the input.
    pos_out = 0
    pos_in = 0
    for start, end, after in changes:
        while pos_in < start:
            s, e = m.span_to_input(pos_out, pos_out + 1)
            assert (s, e) == (pos_in, pos_in + 1)
            assert text[s:e] == out[pos_out]
            pos_in += 1
            pos_out += 1
        s, e = m.span_to_input(pos_out, pos_out + len(after))
        if after:
            assert (s, e) == (start, end)
        else:  # an empty span where text was deleted maps to a point, not before the deletion
            assert start <= s == e
        pos_in = end
        pos_out += len(after)


def test_two_stages_compose() -> None:
    text = "مد یریت د ر"
    first = [Change(2, 3, "")]  # مدیریت د ر
    mid = apply_changes(text, first)
    second = [Change(8, 9, "")]  # مدیریت در
    out = apply_changes(mid, second)
    assert out == "مدیریت در"
    m = OffsetMap([StageMap.from_changes(first), StageMap.from_changes(second)])
    assert m.span_to_input(7, 9) == (8, 11)
    assert text[slice(*m.span_to_input(0, 6))] == "مد یریت"

