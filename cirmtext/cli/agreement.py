"""``cirmtext agreement``: agreement between coders and between the machine and the coders."""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

from ..errors import ConfigError
from ..review.agreement import AgreementReport, agreement
from ..review.store import Project

__all__ = ["ORDER", "register"]

ORDER = 62


def register(sub: Any) -> None:
    """Add the ``agreement`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "agreement",
        help="inter-coder agreement (kappa, alpha) and precision/recall of suggestions",
        description=(
            "Percent agreement and Cohen's kappa for each pair of coders, Krippendorff's alpha "
            "(nominal) over all coders, pooled and per code, and per code precision and recall "
            "of the machine's suggestions against the human codes.\n\n"
            "Example: cirmtext agreement study.cirm --coders maryam ali"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("project", metavar="PROJECT", help="the project file")
    parser.add_argument("--coders", nargs="+", default=None, metavar="NAME",
                        help="compare only these coders (default: all)")
    parser.add_argument("--machine-vs", default=None, metavar="NAME",
                        help="compare suggestions with this coder only (default: any coder)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)


def _f(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.3f}"


def _json(report: AgreementReport) -> str:
    def num(x: float) -> float | None:
        return None if math.isnan(x) else round(x, 4)

    data = {
        "coders": report.coders,
        "pairs": [{"coders": [p.coder_a, p.coder_b], "segments": p.segments,
                   "percent": num(p.percent), "kappa": num(p.kappa),
                   "exact_sets": num(p.exact_sets)} for p in report.pairs],
        "alpha": num(report.alpha), "alpha_units": report.alpha_units,
        "per_code_alpha": {c: num(a) for c, a in report.per_code_alpha.items()},
        "machine_segments": report.machine_segments,
        "machine": {c: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": num(s.precision),
                        "recall": num(s.recall)} for c, s in report.machine.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def run(args: argparse.Namespace) -> int:
    """Compute and print the report."""
    with Project.open(args.project, readonly=True) as project:
        known = project.coders()
        asked = [*(args.coders or ()), *([args.machine_vs] if args.machine_vs else [])]
        unknown = [name for name in asked if name not in known]
        if unknown:  # a misspelt name would otherwise give an empty report
            raise ConfigError(f"no decisions by {', '.join(map(repr, unknown))}",
                              path=args.project,
                              hint=f"coders in this project: {', '.join(known) or 'none yet'}")
        report = agreement(project, args.coders, machine_coder=args.machine_vs)
    if args.json:
        print(_json(report))
        return 0
    print(f"coders: {', '.join(report.coders) or '(none yet)'}")
    for p in report.pairs:
        print(f"  {p.coder_a} ~ {p.coder_b}: {p.segments} shared segments, "
              f"agreement {_f(p.percent)}, kappa {_f(p.kappa)}, same code sets "
              f"{_f(p.exact_sets)}")
    if len(report.coders) >= 2:
        print(f"Krippendorff's alpha (nominal, {report.alpha_units} segments): "
              f"{_f(report.alpha)}")
        for code, alpha in sorted(report.per_code_alpha.items()):
            print(f"  {code}: {_f(alpha)}")
    micro = report.machine_micro()
    print(f"suggestions vs coders ({report.machine_segments} decided segments): "
          f"precision {_f(micro.precision)}, recall {_f(micro.recall)}")
    for code, s in sorted(report.machine.items()):
        print(f"  {code}: precision {_f(s.precision)} ({s.tp}/{s.tp + s.fp}), "
              f"recall {_f(s.recall)} ({s.tp}/{s.tp + s.fn})")
    return 0
