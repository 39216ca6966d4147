"""The blind check: ``corpora/holdout`` (120 quotes by an author who never saw the keywords).

Used ONLY to measure; nothing in the code or the shipped weights was tuned on it.

* ``ranking``: top-1, top-3 and MRR at the initial-code level (C) and at the element level (P1,
  codes lifted to their ``phase1`` ancestor, first occurrence wins) for ``keywords``,
  ``topics``, ``dataless`` (:class:`BootstrapSuggester`, alone and with the dev
  gold codes as fixed labels), ``combined`` (shipped weights, all four parts)
  and ``combined + confirmations`` (a :class:`ConfirmationRanker` given the dev-set gold
  codes as confirmations). All models are fitted (unsupervised) on dev + holdout segments.

The dev -> holdout learning curve (``n`` dev confirmations, scored on the holdout) is measured
by ``learning.py`` beside this script.

Usage::

    python benchmarks/topics/holdout.py [--json out.json]

Exits with status 1 if the combined ranking does not beat keywords and topics on C-level MRR
(measured only: nothing is tuned on this set, so a failure is reported, never fitted away).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cirmtext.codebook import Codebook, load_codebook  # noqa: E402
from cirmtext.records import Segment  # noqa: E402
from cirmtext.suggest.base import evaluate  # noqa: E402
from cirmtext.suggest.combine import CombinedSuggester  # noqa: E402
from cirmtext.suggest.dataless import BootstrapSuggester  # noqa: E402
from cirmtext.suggest.supervised import ConfirmationRanker  # noqa: E402

DEVSET = ROOT / "corpora" / "devset" / "cirm_dev.jsonl"
HOLDOUT = ROOT / "corpora" / "holdout" / "cirm_holdout.jsonl"


def load(path: Path, source: str) -> tuple[list[Segment], list[set[str]]]:
    segments, gold = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            segments.append(Segment(item["id"], source, 0, len(item["text"]), item["text"]))
            gold.append(set(item["codes"]))
    return segments, gold


def load_coded(path: Path, source: str) -> tuple[list[Segment], list[set[str]]]:
    """:func:`load`, keeping only the segments that have gold codes."""
    segments, gold = load(path, source)
    keep = [i for i, g in enumerate(gold) if g]
    return [segments[i] for i in keep], [gold[i] for i in keep]


def lift(codebook: Codebook, ranked: list[str]) -> list[str]:
    out: list[str] = []
    for code in ranked:
        up = codebook.ancestor_at(code, "phase1")
        if up is not None and up.id not in out:
            out.append(up.id)
    return out


def both(codebook: Codebook, rows: list[list[Any]], gold: list[set[str]]) -> dict[str, Any]:
    ranked = [[s.code_id for s in row] for row in rows]
    gold_p1 = [{up.id for c in g if (up := codebook.ancestor_at(c, "phase1")) is not None}
               for g in gold]
    return {"C": evaluate(ranked, gold), "P1": evaluate([lift(codebook, r) for r in ranked],
                                                        gold_p1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--codebook", default="cirm_phenomenography")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    cb = load_codebook(args.codebook)
    dev, dev_gold = load(DEVSET, "devset")
    ho, ho_gold = load_coded(HOLDOUT, "holdout")
    corpus = dev + ho
    base = CombinedSuggester(cb).fit(corpus)
    confirmed = {s.id: g for s, g in zip(dev, dev_gold, strict=True) if g}
    ranker = ConfirmationRanker(base).fit(corpus, confirmed)
    table = {"keywords": both(cb, base.keywords_.suggest(ho), ho_gold),
             "topics": both(cb, base.topics_.suggest(ho), ho_gold),
             "dataless": both(cb, base.dataless_.suggest(ho), ho_gold),
             f"dataless + {len(confirmed)} dev confirmations": both(
                 cb, BootstrapSuggester(cb).fit(corpus, confirmed).suggest(ho), ho_gold),
             "combined": both(cb, base.suggest(ho), ho_gold),
             f"combined + {len(confirmed)} dev confirmations": both(cb, ranker.suggest(ho),
                                                                    ho_gold)}
    print(f"holdout: {len(ho)} quotes with codes; models fitted on {len(corpus)} segments\n")
    print("| method | C top-1 | C top-3 | C MRR | P1 top-1 | P1 top-3 | P1 MRR |")
    print("|---|---|---|---|---|---|---|")
    for name, lv in table.items():
        c, p = lv["C"], lv["P1"]
        print(f"| {name} | {c['top1']:.3f} | {c['top3']:.3f} | {c['mrr']:.3f} | "
              f"{p['top1']:.3f} | {p['top3']:.3f} | {p['mrr']:.3f} |")
    if args.json:
        args.json.write_text(json.dumps({"table": table}, indent=2),
                             encoding="utf-8")
    mrr = {k: v["C"]["mrr"] for k, v in table.items()}
    if not mrr["combined"] > max(mrr["keywords"], mrr["topics"]):
        print("FAIL: combined does not beat keywords and topics on holdout C-level MRR")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
