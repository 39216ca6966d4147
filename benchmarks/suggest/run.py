"""Keyword code suggestion on the development set, against two baselines in the same run.

Quality (``corpora/devset/cirm_dev.jsonl``, written by the project; each segment labelled with
``cirm_phenomenography`` initial codes C*): top-1, top-3 and mean reciprocal rank (MRR) at the
initial-code level (C) and at the element level (P1), for

* ``keywords``: :class:`cirmtext.suggest.KeywordSuggester` fitted on the dev segments (C level:
  the default codable leaves; P1 level: ``suggest(level="phase1")``, each element scored by the
  sum of its codes' evidence);
* ``keywords-no-examples``: the same without the codebook's example sentences (they were written
  by the same project as the dev set, so this shows how much the score leans on them);
* ``tfidf-label``: TF-IDF cosine between each segment and each code's label, over cirmtext's
  lemmatised tokens (the baseline the issue names);
* ``char-tfidf``: character 2-4-gram TF-IDF cosine between the segment and each code's label +
  description + keywords (the held-out baseline's kind).

Baselines rank P1 elements by their best-ranked C code. Segments without gold codes are left out
of the metrics; a method that suggests nothing for a segment gets no hit there.
Also reported: how often a keyword suggestion was right in each score band, and with
``--calibrate`` the refitted score calibration (see ``cirmtext.suggest.keywords``) with its
expected calibration error (ECE, 10 bins) and Brier score: for ``1 - exp(-S)``, for the shipped
coefficients (in-sample) and under 5-fold cross-validation grouped by segment.

Speed (``--speed N``, default 10,000): fit + suggest for N segments made by joining random halves
of dev segments (seeded), against the bundled ~50-code codebook, in segments/s.

Usage::

    python benchmarks/suggest/run.py                 # quality
    python benchmarks/suggest/run.py --speed 10000   # quality and speed
    python benchmarks/suggest/run.py --calibrate     # quality and the score calibration

Exits with status 1 if the keyword method does not beat both baselines on C-level top-3 and MRR.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cirmtext.codebook import Codebook, load_codebook  # noqa: E402
from cirmtext.records import Segment  # noqa: E402
from cirmtext.suggest.base import evaluate  # noqa: E402
from cirmtext.suggest.keywords import (  # noqa: E402
    DEFAULT_CALIBRATION,
    KeywordSuggester,
    fit_calibration,
)
from cirmtext.tokenize import Analyzer  # noqa: E402

DEVSET = ROOT / "corpora" / "devset" / "cirm_dev.jsonl"


def load_devset(path: Path) -> tuple[list[Segment], list[set[str]]]:
    """Dev segments and their gold code sets."""
    segments, gold = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                text = item["text"]
                segments.append(Segment(item["id"], "devset", 0, len(text), text))
                gold.append(set(item["codes"]))
    return segments, gold


def lift(codebook: Codebook, ranked: list[str], level: str) -> list[str]:
    """Ranked codes -> ranked ancestors at ``level`` (first occurrence wins)."""
    out: list[str] = []
    for code in ranked:
        up = codebook.ancestor_at(code, level)
        if up is not None and up.id not in out:
            out.append(up.id)
    return out


def cosine_ranking(vectorizer: TfidfVectorizer, docs: list[str], codes: list[str],
                   texts: list[str]) -> list[list[str]]:
    """Rank codes by TF-IDF cosine between each text and each code's document."""
    vectorizer.fit(docs + texts)
    code_m = vectorizer.transform(docs)
    text_m = vectorizer.transform(texts)
    sims = (text_m @ code_m.T).toarray()
    out = []
    for row in sims:
        order = np.argsort(-row, kind="stable")
        out.append([codes[i] for i in order if row[i] > 0])
    return out


def keyword_rankings(codebook: Codebook, segments: list[Segment],
                     **params: Any) -> tuple[list[list[str]], list[list[str]], list[Any]]:
    model = KeywordSuggester(codebook, **params).fit(segments)
    c_level = model.suggest(segments)
    p_level = model.suggest(segments, level="phase1")
    return ([[s.code_id for s in row] for row in c_level],
            [[s.code_id for s in row] for row in p_level], c_level)


def calibration(results: list[Any], gold: list[set[str]]) -> list[tuple[str, int, float]]:
    """Share of suggestions that were right, by score band (all ranks, C level)."""
    bands = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)]
    out = []
    for lo, hi in bands:
        hits = [s.code_id in truth for row, truth in zip(results, gold, strict=True) if truth
                for s in row if lo <= s.score < hi]
        out.append((f"[{lo:.1f}, {min(hi, 1.0):.1f})", len(hits),
                    sum(hits) / len(hits) if hits else float("nan")))
    return out


def _ece(p: np.ndarray, y: np.ndarray) -> float:
    edges = np.linspace(0, 1, 11)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        mask = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if mask.any():
            total += mask.sum() / len(p) * abs(p[mask].mean() - y[mask].mean())
    return total


def calibration_fit(codebook: Codebook, segments: list[Segment],
                    gold: list[set[str]]) -> dict[str, Any]:
    """Refit the logistic score on the dev set; compare calibration error of score mappings.

    ``raw`` is ``1 - exp(-S)``; ``default`` the shipped coefficients (fitted on this very set,
    so in-sample); ``cv`` refits on 4/5 of the segments and scores the other fifth (5 folds).
    """
    model = KeywordSuggester(codebook).fit(segments)
    sums = model.evidence_sums(segments)
    rows = [(i, code, total, max(s.values())) for i, s in enumerate(sums) if gold[i]
            for code, total in s.items() if total > 0]
    y = np.array([code in gold[i] for i, code, _, _ in rows], dtype=float)
    x = np.array([[math.log(t), t / m] for _, _, t, m in rows])
    groups = np.array([i for i, *_ in rows])
    raw = 1 - np.exp(-np.exp(x[:, 0]))
    a, b, c = DEFAULT_CALIBRATION
    default = 1 / (1 + np.exp(-(a + b * x[:, 0] + c * x[:, 1])))
    cv = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, groups):
        fitted = LogisticRegression().fit(x[train], y[train])
        cv[test] = fitted.predict_proba(x[test])[:, 1]
    refit = fit_calibration(model, [s for s, g in zip(segments, gold, strict=True) if g],
                            [g for g in gold if g])
    return {"pairs": len(y), "positives": int(y.sum()), "coefficients": refit,
            "ece": {"raw": _ece(raw, y), "default": _ece(default, y), "cv": _ece(cv, y)},
            "brier": {"raw": float(np.mean((raw - y) ** 2)),
                      "default": float(np.mean((default - y) ** 2)),
                      "cv": float(np.mean((cv - y) ** 2))}}


def quality(codebook: Codebook, segments: list[Segment], gold: list[set[str]]) -> dict[str, Any]:
    leaves = [c for c in codebook.leaves() if c.codable]
    ids = [c.id for c in leaves]
    gold_p1 = [{up.id for c in g if (up := codebook.ancestor_at(c, "phase1")) is not None}
               for g in gold]
    texts = [s.text for s in segments]
    rows: dict[str, Any] = {}
    c_rank, p_rank, results = keyword_rankings(codebook, segments)
    rows["keywords"] = (c_rank, p_rank)
    c2, p2, _ = keyword_rankings(codebook, segments, example_weight=0.0)
    rows["keywords-no-examples"] = (c2, p2)
    label = cosine_ranking(TfidfVectorizer(analyzer=Analyzer()), [c.label for c in leaves], ids,
                           texts)
    rows["tfidf-label"] = (label, [lift(codebook, r, "phase1") for r in label])
    docs = [" ".join([c.label, c.description, *c.keywords]) for c in leaves]
    char = cosine_ranking(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4),
                                          sublinear_tf=True), docs, ids, texts)
    rows["char-tfidf"] = (char, [lift(codebook, r, "phase1") for r in char])
    table = {name: {"C": evaluate(c, gold), "P1": evaluate(p, gold_p1)}
             for name, (c, p) in rows.items()}
    coverage = sum(bool(r) for r, g in zip(c_rank, gold, strict=True) if g) / \
        max(1, sum(bool(g) for g in gold))
    none_rows = [r for r, g in zip(results, gold, strict=True) if not g]
    return {"table": table, "calibration": calibration(results, gold), "coverage": coverage,
            "no_code_segments": len(none_rows),
            "no_code_mean_top_score": float(np.mean([r[0].score if r else 0.0
                                                     for r in none_rows])) if none_rows else 0.0}


def speed(codebook: Codebook, segments: list[Segment], n: int, seed: int = 0) -> dict[str, float]:
    rng = random.Random(seed)
    texts = [s.text for s in segments]
    synthetic = []
    for i in range(n):
        a, b = rng.choice(texts), rng.choice(texts)
        text = a[: len(a) // 2 + 1] + " " + b[len(b) // 2:]
        synthetic.append(Segment(f"syn{i}", "synthetic", 0, len(text), text))
    start = time.perf_counter()
    model = KeywordSuggester(codebook, top_k=5).fit(synthetic)
    fitted = time.perf_counter()
    model.suggest(synthetic)
    done = time.perf_counter()
    return {"segments": n, "codes": len(codebook), "fit_s": fitted - start,
            "suggest_s": done - fitted, "segments_per_s": n / (done - start),
            "suggest_segments_per_s": n / (done - fitted)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--codebook", default="cirm_phenomenography")
    parser.add_argument("--speed", type=int, nargs="?", const=10_000, default=0,
                        help="also time N synthetic segments (default N: 10000)")
    parser.add_argument("--calibrate", action="store_true",
                        help="refit the score calibration and report calibration errors")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    codebook = load_codebook(args.codebook)
    segments, gold = load_devset(args.devset)
    report = quality(codebook, segments, gold)
    n_gold = sum(bool(g) for g in gold)
    print(f"dev set: {len(segments)} segments ({n_gold} with codes), codebook {codebook.id} "
          f"({len(codebook)} codes, {len(codebook.leaves())} leaves, "
          f"{codebook.fingerprint[:12]})\n")
    print("| method | C top-1 | C top-3 | C MRR | P1 top-1 | P1 top-3 | P1 MRR |")
    print("|---|---|---|---|---|---|---|")
    for name, levels in report["table"].items():
        c, p = levels["C"], levels["P1"]
        print(f"| {name} | {c['top1']:.3f} | {c['top3']:.3f} | {c['mrr']:.3f} | "
              f"{p['top1']:.3f} | {p['top3']:.3f} | {p['mrr']:.3f} |")
    print(f"\nkeywords: a suggestion for {report['coverage']:.1%} of coded segments; "
          f"{report['no_code_segments']} segments without codes, mean top score there "
          f"{report['no_code_mean_top_score']:.3f}")
    print("\n| score band | suggestions | share right |")
    print("|---|---|---|")
    for band, n, share in report["calibration"]:
        print(f"| {band} | {n} | {share:.3f} |")
    if args.calibrate:
        fit = calibration_fit(codebook, segments, gold)
        report["calibration_fit"] = fit
        print(f"\ncalibration on {fit['pairs']} (segment, code) pairs, {fit['positives']} right: "
              f"refitted (a, b, c) = {fit['coefficients']}")
        for name in ("raw", "default", "cv"):
            print(f"  {name:8} ECE {fit['ece'][name]:.3f}  Brier {fit['brier'][name]:.4f}")
    if args.speed:
        fig = speed(codebook, segments, args.speed)
        report["speed"] = fig
        print(f"\nspeed: {fig['segments']} segments x {fig['codes']} codes: "
              f"fit {fig['fit_s']:.1f} s, suggest {fig['suggest_s']:.1f} s; "
              f"{fig['segments_per_s']:.0f} segments/s overall, "
              f"{fig['suggest_segments_per_s']:.0f} segments/s for suggest alone")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str),
                             encoding="utf-8")
    kw = report["table"]["keywords"]["C"]
    beaten = all(kw[m] > report["table"][b]["C"][m] for b in ("tfidf-label", "char-tfidf")
                 for m in ("top3", "mrr"))
    if not beaten:
        print("FAIL: keywords do not beat both baselines on C-level top-3 and MRR")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
