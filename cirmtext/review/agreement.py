"""How far coders agree with each other, and how far the machine's suggestions agree with them.

Coding is multi-label (a segment may carry several codes), so every measure works on binary
"does coder X give code c to segment s?" judgements:

- between two coders, over the segments both have decided: **percent agreement** and **Cohen's
  kappa** (scikit-learn's ``cohen_kappa_score``) pooled over every (segment, code) pair, and the
  share of segments given exactly the same set of codes;
- among all coders: **Krippendorff's alpha** (nominal; missing judgements allowed), pooled and
  per code, computed here from the coincidence matrix as Krippendorff (2011) describes;
- machine versus human: per code **precision** (of the segments the machine suggested the code
  for, the share a human gave it) and **recall** (of the segments a human gave the code, the
  share the machine suggested it for), over the segments humans have decided.

The codes compared are those any compared coder used. A measure that is undefined (no variation
at all, too few units) is ``nan``, never a made-up number.

>>> round(krippendorff_alpha([[0, 1], [1, 1], [0, 1], [0, 0], [0, 0],
...                           [0, 1], [0, 0], [0, 0], [1, 0], [0, 0]]), 3)
0.095
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .store import Project, SegmentState

__all__ = [
    "AgreementReport",
    "CodeScore",
    "PairAgreement",
    "agreement",
    "coder_agreement",
    "cohen_kappa",
    "krippendorff_alpha",
    "machine_vs_human",
    "percent_agreement",
]

States = Mapping[tuple[str, str], SegmentState]


def percent_agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Share of items on which two coders gave the same value (``nan`` with no items).

    >>> percent_agreement([1, 0, 1, 1], [1, 0, 0, 1])
    0.75
    """
    if len(a) != len(b):
        msg = f"the two codings have different lengths ({len(a)} and {len(b)})"
        raise ValueError(msg)
    if not a:
        return math.nan
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two codings, through scikit-learn; ``nan`` when it is undefined.

    It is undefined when chance agreement is 1 (both coders used one and the same value).

    >>> round(cohen_kappa([1, 0, 1, 1, 0, 0], [1, 0, 0, 1, 0, 1]), 3)
    0.333
    """
    if not a or len(set(a) | set(b)) < 2:
        return math.nan
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(list(a), list(b)))


def krippendorff_alpha(units: Iterable[Sequence[Hashable | None]]) -> float:
    """Krippendorff's alpha for nominal data.

    Args:
        units: one row per unit (segment), one value per coder; ``None`` where the coder gave
            no value. Units with fewer than two values are not pairable and are left out.

    Returns:
        ``1 - D_o / D_e`` from the coincidence matrix; ``nan`` if there are no pairable values
        or no variation (``D_e == 0``).
    """
    coincidence: Counter[tuple[Hashable, Hashable]] = Counter()
    for row in units:
        values = [v for v in row if v is not None]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nc - 1) if c == k else nc * nk
                coincidence[(c, k)] += pairs / (m - 1)
    totals: Counter[Hashable] = Counter()
    for (c, _), o in coincidence.items():
        totals[c] += o
    n = sum(totals.values())
    if n <= 1:
        return math.nan
    observed = sum(o for (c, k), o in coincidence.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return math.nan
    return 1.0 - (n - 1) * observed / expected


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Agreement of two coders over the segments both decided."""

    coder_a: str
    coder_b: str
    segments: int
    percent: float
    kappa: float
    exact_sets: float


@dataclass(frozen=True, slots=True)
class CodeScore:
    """Machine suggestions for one code against human coding."""

    code_id: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Share of the machine's suggestions of the code that humans confirmed."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else math.nan

    @property
    def recall(self) -> float:
        """Share of the humans' uses of the code that the machine had suggested."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else math.nan


@dataclass(slots=True)
class AgreementReport:
    """Everything ``cirmtext agreement`` reports."""

    coders: list[str]
    pairs: list[PairAgreement] = field(default_factory=list)
    alpha: float = math.nan
    alpha_units: int = 0
    per_code_alpha: dict[str, float] = field(default_factory=dict)
    machine: dict[str, CodeScore] = field(default_factory=dict)
    machine_segments: int = 0

    def machine_micro(self) -> CodeScore:
        """All codes' machine counts summed (micro-averaged precision and recall)."""
        return CodeScore("*", sum(s.tp for s in self.machine.values()),
                         sum(s.fp for s in self.machine.values()),
                         sum(s.fn for s in self.machine.values()))


def _by_coder(states: States) -> dict[str, dict[str, SegmentState]]:
    out: dict[str, dict[str, SegmentState]] = {}
    for (coder, segment_id), state in states.items():
        if state.decided:
            out.setdefault(coder, {})[segment_id] = state
    return out


def coder_agreement(states: States, coders: Sequence[str] | None = None) -> AgreementReport:
    """Agreement between coders from their current states (see :meth:`Project.state`)."""
    by_coder = _by_coder(states)
    names = [c for c in (coders or sorted(by_coder)) if c in by_coder]
    report = AgreementReport(coders=names)
    codes = sorted({c for n in names for s in by_coder[n].values() for c in s.codes})
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = sorted(set(by_coder[a]) & set(by_coder[b]))
            xa = [int(c in by_coder[a][s].codes) for s in shared for c in codes]
            xb = [int(c in by_coder[b][s].codes) for s in shared for c in codes]
            exact = [by_coder[a][s].codes == by_coder[b][s].codes for s in shared]
            report.pairs.append(PairAgreement(
                a, b, len(shared), percent_agreement(xa, xb), cohen_kappa(xa, xb),
                sum(exact) / len(exact) if exact else math.nan))
    segments = sorted({s for n in names for s in by_coder[n]})
    multi = [s for s in segments if sum(s in by_coder[n] for n in names) >= 2]
    report.alpha_units = len(multi)

    def row(s: str, code: str) -> list[int | None]:
        return [int(code in by_coder[n][s].codes) if s in by_coder[n] else None for n in names]

    report.alpha = krippendorff_alpha(row(s, c) for s in multi for c in codes)
    report.per_code_alpha = {c: krippendorff_alpha(row(s, c) for s in multi) for c in codes}
    return report


def machine_vs_human(states: States, suggested: Mapping[str, Iterable[str]],
                     coder: str | None = None) -> tuple[dict[str, CodeScore], int]:
    """Per code precision and recall of suggestions against human codes.

    Args:
        states: coders' current states.
        suggested: segment id -> the codes the machine suggested for it.
        coder: compare with this coder only; by default a segment's human codes are those any
            coder who decided it gave it.

    Returns:
        The scores by code and the number of segments compared.
    """
    gold: dict[str, set[str]] = {}
    for (name, segment_id), state in states.items():
        if state.decided and (coder is None or name == coder):
            gold.setdefault(segment_id, set()).update(state.codes)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for segment_id, codes in gold.items():
        machine = set(suggested.get(segment_id, ()))
        for c in machine & codes:
            tp[c] += 1
        for c in machine - codes:
            fp[c] += 1
        for c in codes - machine:
            fn[c] += 1
    all_codes = sorted(set(tp) | set(fp) | set(fn))
    return {c: CodeScore(c, tp[c], fp[c], fn[c]) for c in all_codes}, len(gold)


def agreement(project: Project, coders: Sequence[str] | None = None, *,
              machine_coder: str | None = None) -> AgreementReport:
    """The full report for a project: coder agreement and machine-versus-human scores."""
    with project.snapshot():
        states = project.state()
        current = project.suggestions()
    report = coder_agreement(states, coders)
    suggested = {sid: [s.code_id for s in items] for sid, items in current.items()}
    report.machine, report.machine_segments = machine_vs_human(states, suggested, machine_coder)
    return report
