"""Topic models and the combined ranking: figures for docs/benchmarks.md.

Learning from confirmations is measured by ``learning.py`` beside this script.

Sections (all in one run unless skipped):

* ``ranking``: on ``corpora/devset`` (177 project-written segments, C-level gold codes), top-1,
  top-3 and MRR for keywords only, topics only and the combined ranking, with the combined
  weights both as shipped (fitted on this same set: optimistic) and 5-fold cross-validated
  (weights fitted on four folds, scored on the fifth: the honest figure; the parts themselves
  are unsupervised), the dataless part alone, the combination without it, and the CV
  reliability table with its expected calibration error. The CV is repeated over fold seeds
  0-4 (each seed's figures and ECE, and their mean). Exit status 1 if the cross-validated
  combined ranking (fold seed 0) does not beat keywords and topics on each of top-1, top-3 and
  MRR, or if its mean over fold seeds 0-4 is below keywords on top-1 or not above both parts on
  top-3 and MRR.
* ``seeds``: on dev + sample-transcript turns, for LDA with eta prior only, warm-started LDA,
  seeded NMF and unseeded LDA/NMF: seeded topics keeping a seed word in their top 10, mean
  u_mass coherence, and stability over 5 random seeds (binding range, and mean Jaccard overlap
  of each topic's top-10 terms with the same topic under seed 0).
* ``--speed 10000,100000``: fit + transform on a synthetic corpus of N segments made by
  recombining sentences of ``corpora/samples`` (streamed from a generator), warm-started
  GensimLDA vs plain gensim ``LdaModel`` on the same tokens, 1 pass, and SeededMixture (10 EM
  iterations; it holds the sparse count matrix in memory), each in its own process so peak
  memory (max RSS) is its own.
* ``categories``: a proxy for categorised text: the 8 sample transcripts as categories of
  their paragraphs, with a codebook written from the organisation types alone (5 seed words
  each); keywords vs topic models vs combined.

Usage::

    python benchmarks/topics/run.py                       # ranking, seeds, categories
    python benchmarks/topics/run.py --speed 10000,100000  # and speed/memory
    python benchmarks/topics/run.py --calibrate           # print weights for DEFAULT_WEIGHTS
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cirmtext.codebook import Codebook, load_codebook  # noqa: E402
from cirmtext.corpus import read_document  # noqa: E402
from cirmtext.records import Segment  # noqa: E402
from cirmtext.segment import segment  # noqa: E402
from cirmtext.suggest.base import evaluate  # noqa: E402
from cirmtext.suggest.combine import FEATURES, CombinedSuggester  # noqa: E402
from cirmtext.suggest.keywords import KeywordSuggester  # noqa: E402
from cirmtext.suggest.topics import (  # noqa: E402
    GensimLDA,
    SeededMixture,
    SeededNMF,
    TopicSuggester,
    coherence,
    seed_terms,
)
from cirmtext.tokenize import Analyzer, sentences  # noqa: E402

DEVSET = ROOT / "corpora" / "devset" / "cirm_dev.jsonl"
SAMPLES = ROOT / "corpora" / "samples"


def load_devset() -> tuple[list[Segment], list[set[str]]]:
    segments, gold = [], []
    for line in DEVSET.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            segments.append(Segment(item["id"], "devset", 0, len(item["text"]), item["text"]))
            gold.append(set(item["codes"]))
    return segments, gold


def sample_turns() -> list[Segment]:
    return [s for p in sorted(SAMPLES.glob("*.txt")) for s in segment(read_document(p))]


def ids(rows: list[list[Any]]) -> list[list[str]]:
    return [[s.code_id for s in row] for row in rows]


def cv_scores(model: CombinedSuggester, x: np.ndarray, target: np.ndarray, *,
              seed: int = 0) -> np.ndarray:
    """Combined scores of every (segment, code), weights fitted on the other four folds."""
    out = np.zeros(target.shape)
    fitted = model.weights_
    try:
        for train, test in KFold(5, shuffle=True, random_state=seed).split(x):
            model.weights_ = model.fit_weights_from(x[train], target[train])
            out[test] = model.scores(x[test])
    finally:
        model.weights_ = fitted
    return out


def ranked_by(scores: np.ndarray, codes: list[str]) -> list[list[str]]:
    """Code ids with a positive score, best first (ties by code id, as ``rank`` does)."""
    return [[codes[j] for j in sorted(np.flatnonzero(row > 0), key=lambda j: (-row[j], codes[j]))]
            for row in scores]


def ece(scores: np.ndarray, target: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over the given (segment, code) pairs, equal-width bins."""
    p, y = scores.ravel(), target.ravel()
    if not len(p):
        return float("nan")
    which = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(p[which == b].mean() - y[which == b].mean()) * (which == b).sum()
                     for b in range(bins) if (which == b).any()) / len(p))


def ranking(cb: Any, segs: list[Segment], gold: list[set[str]]) -> dict[str, Any]:
    """Parts alone, combined as shipped, and combined with 5-fold cross-validated weights."""
    model = CombinedSuggester(cb).fit(segs)
    x, _ = model.features(segs)
    target = model.targets(gold)
    out: dict[str, Any] = {
        "keywords": evaluate(ids(model.keywords_.suggest(segs)), gold),
        "topics": evaluate(ids(model.topics_.suggest(segs)), gold),
        "dataless": evaluate(ids(model.dataless_.suggest(segs)), gold),
        "combined (shipped weights)": evaluate(ids(model.suggest(segs)), gold)}
    no_dataless = x.copy()
    no_dataless[:, :, [FEATURES.index("dataless"), FEATURES.index("dataless_rel")]] = 0.0
    out["combined without dataless (5-fold CV)"] = evaluate(
        ranked_by(cv_scores(model, no_dataless, target), model.leaves_), gold)
    cv = cv_scores(model, x, target)
    out["combined (5-fold CV weights)"] = evaluate(ranked_by(cv, model.leaves_), gold)
    coded = np.array([bool(g) for g in gold])
    repeats = []
    for r in range(5):
        scores = cv if r == 0 else cv_scores(model, x, target, seed=r)
        shown = (scores > 0) & coded[:, None]
        repeats.append({**evaluate(ranked_by(scores, model.leaves_), gold),
                        "ece": ece(scores[shown], target[shown])})
    out["_seeds"] = repeats
    out["combined (5-fold CV, fold seeds 0-4, mean)"] = {
        m: float(np.mean([r[m] for r in repeats])) for m in ("top1", "top3", "mrr", "ece")}
    # element level (P1): the code ranking lifted by noisy-OR, as CombinedSuggester(level=...)
    gold_p1 = [{up.id for c in g if (up := cb.ancestor_at(c, "phase1")) is not None}
               for g in gold]
    keywords_p1 = KeywordSuggester(cb, level="phase1").fit(segs)
    out["P1: keywords (level=phase1)"] = evaluate(ids(keywords_p1.suggest(segs)), gold_p1)
    out["P1: combined (level=phase1, shipped weights)"] = evaluate(
        ids(CombinedSuggester(cb, level="phase1").fit(segs).suggest(segs)), gold_p1)
    up = [cb.ancestor_at(c, "phase1").id for c in model.leaves_]
    elements = sorted(set(up))
    lifted = np.zeros((len(segs), len(elements)))
    for e, element in enumerate(elements):
        members = [j for j, u in enumerate(up) if u == element]
        lifted[:, e] = 1.0 - np.prod(1.0 - cv[:, members], axis=1)
    out["P1: combined (level=phase1, 5-fold CV weights)"] = evaluate(
        ranked_by(lifted, elements), gold_p1)
    shown = (cv > 0) & coded[:, None]
    out["_cv"] = (cv[shown], target[shown])
    out["_ece"] = ece(cv[shown], target[shown])
    top = cv[coded].argmax(axis=1)
    rows = np.flatnonzero(coded)
    out["_ece_top"] = ece(cv[rows, top], target[rows, top])
    return out


def reliability(scores: np.ndarray, right: np.ndarray) -> list[tuple[str, int, float, float]]:
    """Cross-validated combined scores by band: count, mean score, share right."""
    out = []
    for lo, hi in ((0, .1), (.1, .3), (.3, .5), (.5, .7), (.7, .9), (.9, 1.01)):
        band = (scores >= lo) & (scores < hi)
        if band.any():
            out.append((f"[{lo:.1f}, {min(hi, 1):.1f})", int(band.sum()),
                        float(scores[band].mean()), float(right[band].mean())))
    return out


#: A proxy for the held-out "categorised text" task: each sample transcript is a category
#: (its organisation type); the codebook is written from those type names alone, five seed words
#: each, without reading the transcripts for words. Paragraph-level accuracy (top-1).
CATEGORY_SEEDS = {
    "01": ("شهرداری", ["شهرداری", "شهر", "محله", "پسماند", "خیابان"]),
    "02": ("امور مالیاتی", ["مالیات", "مؤدی", "اظهارنامه", "معافیت", "ممیزی"]),
    "03": ("بیمارستان", ["بیمارستان", "بیمار", "پزشک", "درمان", "پرستار"]),
    "04": ("آب و فاضلاب", ["آب", "فاضلاب", "لوله", "آبرسانی", "کم‌آبی"]),
    "05": ("تأمین اجتماعی", ["بیمه", "مستمری", "بازنشستگی", "کارفرما", "بیمه‌شده"]),
    "06": ("ثبت احوال", ["شناسنامه", "ثبت", "تولد", "کارت ملی", "هویت"]),
    "07": ("دولت الکترونیک", ["سامانه", "دولت الکترونیک", "داده", "اینترنت", "نرم‌افزار"]),
    "08": ("توزیع برق", ["برق", "خاموشی", "نیروگاه", "ولتاژ", "سیم"]),
}


def categories() -> dict[str, dict[str, float]]:
    cb, segs, gold = category_set()
    out = {"keywords": evaluate(ids(KeywordSuggester(cb).fit(segs).suggest(segs)), gold)}
    for model in ("mixture", "lda", "nmf"):
        topics = TopicSuggester(cb, model=model).fit(segs)
        out[f"topics ({model})"] = evaluate(ids(topics.suggest(segs)), gold)
    out["topics (mixture, grow 10)"] = evaluate(
        ids(TopicSuggester(cb, grow=10).fit(segs).suggest(segs)), gold)
    out["topics (mixture, expand 10)"] = evaluate(
        ids(TopicSuggester(cb, expand=10).fit(segs).suggest(segs)), gold)
    out["combined"] = evaluate(ids(CombinedSuggester(cb).fit(segs).suggest(segs)), gold)
    return out


def seeds_section(cb: Any, texts: list[str]) -> dict[str, Any]:
    docs = [Analyzer()(t) for t in texts]
    seeds = list(seed_terms(cb).values())
    k = len(seeds) + 4
    variants = {
        "LDA, eta prior only (boost 1)": lambda r: GensimLDA(k, seeds=seeds, seeding="eta",
                                                             random_state=r),
        "LDA, warm start": lambda r: GensimLDA(k, seeds=seeds, seeding="warm", random_state=r),
        "NMF, seeded init": lambda r: SeededNMF(k, seeds=seeds, random_state=r),
        "mixture, seeded (EM with seed prior)": lambda r: SeededMixture(k, seeds=seeds,
                                                                       random_state=r),
        "LDA, unseeded": lambda r: GensimLDA(k, seeds=seeds, seeding="none", random_state=r),
        "NMF, unseeded": lambda r: SeededNMF(k, seeds=seeds, seed_strength=0, random_state=r),
        "mixture, unseeded": lambda r: SeededMixture(k, seeds=seeds, seed_strength=0,
                                                     random_state=r),
    }
    out = {}
    for name, make in variants.items():
        runs = []
        for r in range(5):
            start = time.perf_counter()
            m = make(r).fit(docs)
            took = time.perf_counter() - start
            top = [[t for t, _ in terms] for terms in m.top_terms(10)]
            runs.append((sum(m.seed_binding(10)), coherence(top, docs)[0],
                         coherence(top[:len(seeds)], docs)[0], top, took))
        base = runs[0][3]
        jacc = [np.mean([len(set(a) & set(b)) / len(set(a) | set(b))
                         for a, b in zip(base[:len(seeds)], run[3][:len(seeds)], strict=True)])
                for run in runs[1:]]
        out[name] = {"bound": runs[0][0], "of": len(seeds),
                     "bound_range": (min(r[0] for r in runs), max(r[0] for r in runs)),
                     "coherence": runs[0][1], "coherence_seeded_topics": runs[0][2],
                     "jaccard_vs_seed0": float(np.mean(jacc)), "fit_s": runs[0][4]}
    return out


def category_set() -> tuple[Codebook, list[Segment], list[set[str]]]:
    """The proxy task: sample-transcript paragraphs labelled with their transcript's category."""
    cb = Codebook.from_dict({"id": "sample_categories", "codes": [
        {"id": k, "label": label, "keywords": words}
        for k, (label, words) in CATEGORY_SEEDS.items()]})
    segs, gold = [], []
    for path in sorted(SAMPLES.glob("*.txt")):
        for s in segment(read_document(path), unit="paragraph"):
            segs.append(s)
            gold.append({path.stem[-2:]})
    return cb, segs, gold


def synthetic(n: int, seed: int = 0) -> Iterator[str]:
    pool = [s.text for p in sorted(SAMPLES.glob("*.txt"))
            for s in sentences(read_document(p).text) if len(s.text) > 20]
    rng = random.Random(seed)
    for _ in range(n):
        yield " ".join(rng.sample(pool, 3))


def speed_one(kind: str, n: int, k: int) -> dict[str, Any]:
    """One measurement, meant to run in its own process."""
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    cb = load_codebook("cirm_phenomenography")
    seeds = list(seed_terms(cb).values())
    analyze = Analyzer()
    with tempfile.NamedTemporaryFile("w+", encoding="utf-8", suffix=".txt") as fh:
        start = time.perf_counter()
        for text in synthetic(n):
            fh.write(" ".join(analyze(text)) + "\n")
        fh.flush()
        tokenised = time.perf_counter() - start

        def stream() -> Iterator[list[str]]:
            with Path(fh.name).open(encoding="utf-8") as lines:
                for line in lines:
                    yield line.split()

        start = time.perf_counter()
        if kind == "plain":
            dictionary = Dictionary(stream())
            dictionary.filter_extremes(no_below=2, no_above=0.5, keep_n=None)

            class Bow:
                def __iter__(self) -> Iterator[list[tuple[int, int]]]:
                    return (dictionary.doc2bow(d) for d in stream())

            model = LdaModel(Bow(), id2word=dictionary, num_topics=k, passes=1, iterations=20,
                             chunksize=2000, random_state=0, eval_every=None)
            fitted = time.perf_counter()
            for chunk in _chunks((dictionary.doc2bow(d) for d in stream()), 2000):
                model.inference(chunk)
        elif kind == "mixture":
            m = SeededMixture(k, seeds=seeds, max_iter=10, random_state=0).fit(stream())
            fitted = time.perf_counter()
            for chunk in _chunks(stream(), 2000):
                m.transform(chunk)
        else:
            m = GensimLDA(k, seeds=seeds, passes=1, iterations=20, stream=True,
                          random_state=0).fit(stream())
            fitted = time.perf_counter()
            for chunk in _chunks(stream(), 2000):
                m.transform(chunk)
        done = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"kind": kind, "segments": n, "topics": k, "tokenise_s": tokenised,
            "fit_s": fitted - start, "transform_s": done - fitted, "max_rss_mb": rss}


def _chunks(items: Any, size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--speed", default="", help="comma-separated corpus sizes to time")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip")
    parser.add_argument("--calibrate", action="store_true",
                        help="print the combined weights fitted on the whole dev set")
    parser.add_argument("--one", nargs=3, metavar=("KIND", "N", "K"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(speed_one(args.one[0], int(args.one[1]), int(args.one[2]))))
        return 0
    cb = load_codebook("cirm_phenomenography")
    segs, gold = load_devset()
    skip = set(args.skip.split(","))
    status = 0
    if args.calibrate:
        model = CombinedSuggester(cb).fit(segs)
        weights = model.fit_weights(segs, gold)
        print(json.dumps({k: round(v, 3) for k, v in weights.items()}, indent=1))
        return 0
    print(f"codebook {cb.id} {cb.fingerprint[:12]}; dev set {len(segs)} segments "
          f"({sum(bool(g) for g in gold)} with codes)\n")
    if "ranking" not in skip:
        table = ranking(cb, segs, gold)
        print("| method (C level) | top-1 | top-3 | MRR |\n|---|---|---|---|")
        for name, r in table.items():
            if not name.startswith("_"):
                print(f"| {name} | {r['top1']:.3f} | {r['top3']:.3f} | {r['mrr']:.3f} |")
        cv = table["combined (5-fold CV weights)"]  # the C-level check
        for part in ("keywords", "topics"):
            lost = [m for m in ("top1", "top3", "mrr") if not cv[m] > table[part][m]]
            if lost:
                print(f"FAIL: the cross-validated combined ranking does not beat {part} on "
                      f"{', '.join(lost)}")
                status = 1
        mean = table["combined (5-fold CV, fold seeds 0-4, mean)"]
        for part in ("keywords", "topics"):
            for m in ("top1", "top3", "mrr"):
                # top-1 must reach keywords (a tie passes); everything else must beat the part
                tie_ok = m == "top1" and part == "keywords"
                if mean[m] < table[part][m] or (not tie_ok and mean[m] == table[part][m]):
                    print(f"FAIL: mean over fold seeds 0-4 of the cross-validated combined "
                          f"{m} {mean[m]:.3f} {'below' if tie_ok else 'not above'} {part} "
                          f"{table[part][m]:.3f}")
                    status = 1
        print("\ncombined with 5-fold CV weights, by fold seed (expected calibration error "
              "over every suggestion of the coded segments)\n")
        print("| fold seed | top-1 | top-3 | MRR | ECE |\n|---|---|---|---|---|")
        for r, row in enumerate(table["_seeds"]):
            print(f"| {r} | {row['top1']:.3f} | {row['top3']:.3f} | {row['mrr']:.3f} | "
                  f"{row['ece']:.4f} |")
        print(f"| mean | {mean['top1']:.3f} | {mean['top3']:.3f} | {mean['mrr']:.3f} | "
              f"{mean['ece']:.4f} |")
        scores, right = table["_cv"]
        print(f"\ncombined scores by band (5-fold CV weights, every suggestion of the coded "
              f"segments); expected calibration error {table['_ece']:.4f} over them, "
              f"{table['_ece_top']:.4f} over each segment's top suggestion\n")
        print("| score band | suggestions | mean score | share right |\n|---|---|---|---|")
        for band, n, mean, share in reliability(scores, right):
            print(f"| {band} | {n} | {mean:.3f} | {share:.3f} |")
    if "categories" not in skip:
        print("\nproxy categorisation: 8 sample transcripts as categories, paragraphs, "
              "5 seed words per category\n")
        print("| method | top-1 (accuracy) | top-3 | MRR |\n|---|---|---|---|")
        for name, r in categories().items():
            print(f"| {name} | {r['top1']:.3f} | {r['top3']:.3f} | {r['mrr']:.3f} |")
    if "seeds" not in skip:
        texts = [s.text for s in segs] + [s.text for s in sample_turns()]
        print(f"\nseeding on {len(texts)} segments (dev + sample turns), "
              f"{len(seed_terms(cb))} seeded + 4 free topics, 5 random seeds\n")
        print("| model | seeded topics keeping a seed in top 10 (seed 0) | range over seeds |"
              " u_mass, all topics | u_mass, seeded topics | top-10 Jaccard vs seed 0 | fit s |")
        print("|---|---|---|---|---|---|---|")
        for name, r in seeds_section(cb, texts).items():
            lo, hi = r["bound_range"]
            print(f"| {name} | {r['bound']}/{r['of']} | {lo}-{hi} | {r['coherence']:.2f} | "
                  f"{r['coherence_seeded_topics']:.2f} | {r['jaccard_vs_seed0']:.2f} | "
                  f"{r['fit_s']:.2f} |")
    if args.speed:
        k = len(seed_terms(cb)) + 4
        print("\n| corpus | model | tokenise s | fit s | transform s | max RSS MB |")
        print("|---|---|---|---|---|---|")
        for n in (int(x) for x in args.speed.split(",")):
            for kind in ("plain", "seeded", "mixture"):
                res = subprocess.run([sys.executable, __file__, "--one", kind, str(n), str(k)],
                                     capture_output=True, text=True, check=True)
                r = json.loads(res.stdout.strip().splitlines()[-1])
                name = {"plain": "plain gensim LdaModel", "seeded": "GensimLDA warm-seeded",
                        "mixture": "SeededMixture (in memory)"}[kind]
                print(f"| {n:,} | {name} | {r['tokenise_s']:.1f} | {r['fit_s']:.1f} | "
                      f"{r['transform_s']:.1f} | {r['max_rss_mb']:.0f} |", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
