"""benchmarks/repair/seed_sample.py: gold readings, line distances, and cirmtext's output mapped
back to the input's lines (the hand-checked figures on the paper's text depend on these).
The gold of the paper's lines is kept outside the repository; these tests use sentences of
their own."""

from __future__ import annotations

import pytest

from tests._benchmarks import load_benchmark

seed_sample = load_benchmark("repair", "seed_sample")
ZWNJ = "\u200c"


def test_readings_expand_every_combination_first_variants_first():
    gold = "{این که|اینکه} {به عنوان|به‌عنوان} مشتری"
    assert seed_sample.readings(gold) == [
        "این که به عنوان مشتری", f"این که به{ZWNJ}عنوان مشتری",
        "اینکه به عنوان مشتری", f"اینکه به{ZWNJ}عنوان مشتری"]
    assert seed_sample.readings("بدون گزینه") == ["بدون گزینه"]


def test_line_distance_takes_the_best_reading_and_counts_the_first():
    gold = "{نتایجشان|نتایج‌شان} روشن است"
    assert seed_sample.line_distance(gold, "نتایج‌شان روشن است") == (0, 3)
    assert seed_sample.line_distance(gold, "نتایج شان روشن است") == (2, 3)
    assert seed_sample.line_distance(gold, "نتایج شان روشن است", zwnj_as_space=True) == (0, 3)


def test_cirmtext_lines_maps_repaired_tokens_to_their_input_lines():
    text = "مد یریت شهري\n\nسازمان هاي دولتي\nمي شود\n"
    assert seed_sample.cirmtext_lines(text) == {
        1: "مدیریت شهری", 3: f"سازمان{ZWNJ}های دولتی", 4: f"می{ZWNJ}شود"}


def test_read_gold_refuses_a_row_that_is_not_the_text(tmp_path):
    lines = ["مد یریت شهري", "سازمان هاي دولتي"]
    gold = tmp_path / "gold.tsv"
    gold.write_text("# comment\n2\tسازمان هاي دولتي\tسازمان‌های دولتی\n", encoding="utf-8")
    assert seed_sample.read_gold(gold, lines) == [(2, "سازمان‌های دولتی")]
    gold.write_text("1\tسازمان هاي دولتي\tسازمان‌های دولتی\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="not line 1"):
        seed_sample.read_gold(gold, lines)


def test_main_skips_without_a_gold_file(tmp_path, capsys):
    assert seed_sample.main([str(tmp_path / "absent.tsv"), "--seed", str(tmp_path / "x")]) == 0
    assert "absent" in capsys.readouterr().out
