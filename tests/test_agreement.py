"""Agreement measures against worked examples and an independent implementation."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from cirmtext.records import Document, Segment, Suggestion
from cirmtext.review.agreement import (
    agreement,
    coder_agreement,
    cohen_kappa,
    krippendorff_alpha,
    machine_vs_human,
    percent_agreement,
)
from cirmtext.review.store import Project, SegmentState

N = None


def test_alpha_binary_two_coders_worked_example() -> None:
    """Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example A: 0.095."""
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(zip(a, b, strict=True)) == pytest.approx(0.095, abs=5e-4)


def test_alpha_nominal_four_coders_missing_values_worked_example() -> None:
    """Krippendorff (2011), example C (nominal, 4 observers, missing data): 0.743."""
    rows = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        "C": [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    }
    units = list(zip(*rows.values(), strict=True))
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=5e-4)


def test_alpha_matches_nltk_on_random_data() -> None:
    agreement_mod = pytest.importorskip("nltk.metrics.agreement")
    rng = random.Random(7)
    for _ in range(5):
        coders = ["a", "b", "c"]
        units = [[rng.choice([0, 1, 2, None]) for _ in coders] for _ in range(40)]
        data = [(c, str(u), v) for u, row in enumerate(units) for c, v in zip(coders, row,
                                                                             strict=True)
                if v is not None and sum(x is not None for x in row) >= 2]
        expected = agreement_mod.AnnotationTask(data).alpha()
        assert krippendorff_alpha(units) == pytest.approx(expected, abs=1e-9)


def test_alpha_undefined_cases_are_nan() -> None:
    assert math.isnan(krippendorff_alpha([]))
    assert math.isnan(krippendorff_alpha([[1, N], [N, 2]]))   # nothing pairable
    assert math.isnan(krippendorff_alpha([[1, 1], [1, 1]]))   # no variation
    assert krippendorff_alpha([[1, 1], [2, 2]]) == 1.0


def test_percent_and_kappa() -> None:
    a = [1, 1, 0, 0, 1, 0, 1, 1, 0, 1]
    b = [1, 0, 0, 0, 1, 0, 1, 1, 1, 1]
    assert percent_agreement(a, b) == 0.8
    # po = 0.8; pe = 0.6*0.6 + 0.4*0.4 = 0.52; kappa = 0.28 / 0.48
    assert cohen_kappa(a, b) == pytest.approx(0.28 / 0.48)
    assert math.isnan(cohen_kappa([1, 1], [1, 1]))
    assert math.isnan(percent_agreement([], []))
    with pytest.raises(ValueError, match="lengths"):
        percent_agreement([1], [1, 0])


def _st(*codes: str) -> SegmentState:
    return SegmentState(codes=frozenset(codes), done=True)


def test_coder_agreement_on_states() -> None:
    states = {
        ("a", "s1"): _st("C1"), ("b", "s1"): _st("C1"),
        ("a", "s2"): _st("C1", "C2"), ("b", "s2"): _st("C2"),
        ("a", "s3"): _st(), ("b", "s3"): _st(),
        ("a", "s4"): _st("C2"),                    # only one coder: not shared
    }
    report = coder_agreement(states)
    (pair,) = report.pairs
    assert (pair.coder_a, pair.coder_b, pair.segments) == ("a", "b", 3)
    # 3 shared segments x 2 codes = 6 judgements, one disagreement (C1 on s2)
    assert pair.percent == pytest.approx(5 / 6)
    assert pair.exact_sets == pytest.approx(2 / 3)
    a = [1, 0, 1, 1, 0, 0]
    b = [1, 0, 0, 1, 0, 0]
    assert pair.kappa == pytest.approx(cohen_kappa(a, b))
    assert report.alpha_units == 3
    assert report.alpha == pytest.approx(krippendorff_alpha(zip(a, b, strict=True)))
    assert report.per_code_alpha["C2"] == 1.0


def test_machine_vs_human() -> None:
    states = {("a", "s1"): _st("C1"), ("a", "s2"): _st("C2"), ("b", "s2"): _st("C3"),
              ("a", "s3"): SegmentState()}          # not decided: not compared
    suggested = {"s1": ["C1", "C2"], "s2": ["C2"], "s3": ["C1"]}
    scores, n = machine_vs_human(states, suggested)
    assert n == 2
    assert (scores["C1"].tp, scores["C1"].fp, scores["C1"].fn) == (1, 0, 0)
    assert scores["C2"].precision == 0.5 and scores["C2"].recall == 1.0
    assert scores["C3"].recall == 0.0 and math.isnan(scores["C3"].precision)
    only_b, n_b = machine_vs_human(states, suggested, coder="b")
    assert n_b == 1 and only_b["C2"].fp == 1


def test_agreement_over_a_project(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.cirm", create=True) as p:
        text = "یک. دو. سه."
        segs = [Segment(f"d:{i}", "d", i * 4, i * 4 + 3, text[i * 4:i * 4 + 3]) for i in range(3)]
        p.add_document(Document("d", text, original=text), segs)
        p.add_suggestions([s.id for s in segs], [Suggestion("d:0", "C1", 0.9, "keywords"),
                                                 Suggestion("d:1", "C1", 0.6, "keywords")],
                          method="keywords", model="t", codebook_version=None)
        for coder, codes in (("a", ["C1", "C1", "C2"]), ("b", ["C1", "C2", "C2"])):
            for seg, code in zip(segs, codes, strict=True):
                p.record(seg.id, "add", coder, code_id=code)
        report = agreement(p)
    assert report.coders == ["a", "b"]
    assert report.pairs[0].percent == pytest.approx(4 / 6)
    micro = report.machine_micro()
    assert (micro.tp, micro.fp) == (2, 0)
    assert report.machine["C1"].recall == pytest.approx(2 / 2)
