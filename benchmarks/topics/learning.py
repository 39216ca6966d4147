"""Learning from confirmations: how the ranking improves as a coder confirms codes.

Two measurements of :class:`~cirmtext.suggest.supervised.ConfirmationRanker` over the combined
ranking (:class:`~cirmtext.suggest.combine.CombinedSuggester`, shipped weights):

* ``dev``: within ``corpora/devset`` (177 segments, C-level codes, about 3-4 segments per code),
  5-fold: ``n`` confirmations (0, 10, 25, 50, 100) drawn at random from the four training folds
  (their gold codes, an empty set for a segment without codes), scored on the fifth fold;
  ``--draws`` different fold splits and draws; mean and standard deviation over draws.
  The base weights were fitted on this same set, so the 0-confirmation row is optimistic and
  leaves little to learn: a rising curve here is a conservative sign.
* ``categories``: the same protocol on run.py's categorisation proxy (the 169 paragraphs of the
  8 sample transcripts, each labelled with its transcript's organisation type; a codebook of
  five seed words per type, never fitted on these labels), where paragraphs of one category
  share vocabulary, as coded segments of one project often do.
* ``holdout``: dev → ``corpora/holdout`` (120 quotes never used for tuning; measure only):
  ``n`` dev confirmations (0, 10, 25, 50, 100, all), models fitted on dev + holdout segments,
  scored on the holdout.

Usage::

    python benchmarks/topics/learning.py [--draws 10] [--skip holdout] [--json out.json]

Exits with status 1 if the mean dev MRR with 50 confirmations is not above the MRR with none.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import KFold

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from holdout import HOLDOUT, load_coded  # noqa: E402
from run import category_set, ids, load_devset  # noqa: E402

from cirmtext.codebook import load_codebook  # noqa: E402
from cirmtext.records import Segment  # noqa: E402
from cirmtext.suggest.base import evaluate  # noqa: E402
from cirmtext.suggest.combine import CombinedSuggester  # noqa: E402
from cirmtext.suggest.supervised import ConfirmationRanker  # noqa: E402

COUNTS = (0, 10, 25, 50, 100)
METRICS = ("top1", "top3", "mrr")


def summary(scores: list[dict[str, float]]) -> dict[str, tuple[float, float]]:
    """Mean and (population) standard deviation of each metric over draws."""
    return {m: (float(np.mean([s[m] for s in scores])), float(np.std([s[m] for s in scores])))
            for m in METRICS}


def dev_curve(cb: Any, segs: list[Segment], gold: list[set[str]], draws: int,
              ) -> dict[int, dict[str, tuple[float, float]]]:
    """Within-dev learning curve: confirmations from training folds, scored on the test fold."""
    base = CombinedSuggester(cb).fit(segs)
    out = {}
    for n in COUNTS:
        scores = []
        for draw in range(draws):
            ranked: list[list[str]] = [[] for _ in segs]
            for train, test in KFold(5, shuffle=True, random_state=draw).split(segs):
                pick = random.Random(draw * 1000 + n).sample(list(train), min(n, len(train)))
                ranker = ConfirmationRanker(base).fit(segs, {segs[i].id: gold[i] for i in pick})
                for i, row in zip(test, ranker.suggest([segs[i] for i in test]), strict=True):
                    ranked[i] = [s.code_id for s in row]
            scores.append(evaluate(ranked, gold))
        out[n] = summary(scores)
    return out


def holdout_curve(cb: Any, segs: list[Segment], gold: list[set[str]], draws: int,
                  ) -> dict[int, dict[str, tuple[float, float]]]:
    """Dev → holdout: ``n`` dev confirmations, scored on the holdout quotes (measure only)."""
    ho, ho_gold = load_coded(HOLDOUT, "holdout")
    corpus = segs + ho
    base = CombinedSuggester(cb).fit(corpus)
    confirmed = {s.id: g for s, g in zip(segs, gold, strict=True) if g}
    every = sorted(confirmed)
    out = {}
    for n in (*COUNTS, len(every)):
        scores = []
        for draw in range(draws if n < len(every) else 1):
            pick = random.Random(draw * 1000 + n).sample(every, n)
            ranker = ConfirmationRanker(base).fit(corpus, {k: confirmed[k] for k in pick})
            scores.append(evaluate(ids(ranker.suggest(ho)), ho_gold))
        out[n] = summary(scores)
    return out


def table(title: str, curve: dict[int, dict[str, tuple[float, float]]]) -> str:
    lines = [f"| {title} | top-1 | top-3 | MRR |", "|---|---|---|---|"]
    for n, r in curve.items():
        lines.append(f"| {n} | " + " | ".join(f"{r[m][0]:.3f} ± {r[m][1]:.3f}" for m in METRICS)
                     + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, default=10, help="fold splits / draws per count")
    parser.add_argument("--skip", default="", help="comma-separated: dev, categories, holdout")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    skip = set(args.skip.split(","))
    cb = load_codebook("cirm_phenomenography")
    segs, gold = load_devset()
    status = 0
    result: dict[str, Any] = {}
    started = time.perf_counter()
    if "dev" not in skip:
        dev = dev_curve(cb, segs, gold, args.draws)
        result["dev"] = dev
        print(f"dev set, 5-fold, {args.draws} draws (mean ± sd over draws)\n")
        print(table("confirmations", dev))
        if not dev[50]["mrr"][0] > dev[0]["mrr"][0]:
            print(f"\nFAIL: dev MRR with 50 confirmations ({dev[50]['mrr'][0]:.3f}) is not "
                  f"above MRR with none ({dev[0]['mrr'][0]:.3f})")
            status = 1
    if "categories" not in skip:
        cat = dev_curve(*category_set(), args.draws)
        result["categories"] = cat
        print(f"\ncategories proxy, 5-fold, {args.draws} draws\n")
        print(table("confirmations", cat))
    if "holdout" not in skip:
        ho = holdout_curve(cb, segs, gold, args.draws)
        result["holdout"] = ho
        print(f"\ndev → holdout, {args.draws} draws below all (measure only)\n")
        print(table("dev confirmations", ho))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps({k: {str(n): v for n, v in c.items()}
                                         for k, c in result.items()}, indent=1),
                             encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
