"""Measure the character and spacing stages of the repair on their own.

Three measurements, each printed as one JSON object per line:

* ``clean``: every PerDT sentence repaired alone; the share of whitespace tokens that changed
  (correct text must pass through unchanged) and examples of what changed.
* ``synthetic``: PerDT sentences broken by :func:`corrupt.corrupt` (seeded) and repaired: word
  error rate strict and with ZWNJ≡space, ZWNJ precision/recall/F1, splits repaired, false merges;
  also for the broken text itself (before).
* ``seed``: the share of Persian tokens of the paper's extracted text that are lexicon words,
  before and after repair (read in place; never copied).
* ``fixtures``: word error rate (ZWNJ≡space) of the committed PDF round-trip fixtures
  (``fixtures/<renderer>__<extractor>``, our own texts) raw, after these two stages, and after
  the full default repair.

Usage::

    python benchmarks/repair/chars_spacing.py --shared ../shared/data [--only NAME]

where NAME is one of clean, synthetic, seed, fixtures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corrupt as corruption
import metrics

from cirmtext.repair import RepairConfig, repair
from cirmtext.repair.detect import known_share

#: The order stage (another helper's) is not measured here.
STAGES = ("chars", "spacing")


def _config() -> RepairConfig:
    from cirmtext.repair import chars, spacing

    names = [r.name for r in (*chars.RULES, *spacing.RULES) if r.default]
    return RepairConfig.only(names)


def _sentences(shared: Path) -> list[str]:
    path = shared / "ud_perdt" / "perdt_sample.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def clean(shared: Path, show: int = 10) -> dict[str, object]:
    """Share of clean PerDT tokens that the repair changes."""
    config = _config()
    total = changed = 0
    examples = []
    for sentence in _sentences(shared):
        out = repair(sentence, config).text
        ref, hyp = sentence.split(), out.split()
        total += len(ref)
        if out != sentence:
            diff = metrics.edit_distance(ref, hyp)
            changed += diff
            if len(examples) < show:
                examples.append(list(repair(sentence, config).edits)[:3])
    return {"set": "perdt-clean", "tokens": total, "changed": changed,
            "changed_rate": changed / total if total else 0.0,
            "examples": [[(e.rule, e.before, e.after) for e in ex] for ex in examples]}


def synthetic(shared: Path, seed: int = 13, doc_size: int = 20) -> dict[str, object]:
    """Repair PerDT sentences broken by the corruption model, as documents of ``doc_size``."""
    config = _config()
    rng = random.Random(seed)
    sentences = _sentences(shared)
    docs = ["\n".join(sentences[i:i + doc_size]) for i in range(0, len(sentences), doc_size)]
    rows = {"before": [], "after": []}
    start = time.perf_counter()
    for doc in docs:
        broken = corruption.corrupt(doc, rng)
        fixed = repair(broken, config).text
        for name, hyp in (("before", broken), ("after", fixed)):
            rows[name].append((doc, broken, hyp))
    elapsed = time.perf_counter() - start
    out: dict[str, object] = {"set": "perdt-synthetic", "docs": len(docs), "seconds": elapsed}
    for name, triples in rows.items():
        ref = "\n".join(t[0] for t in triples)
        brk = "\n".join(t[1] for t in triples)
        hyp = "\n".join(t[2] for t in triples)
        p, r, f = metrics.zwnj_prf(ref, hyp)
        split = metrics.split_stats(ref, brk, hyp)
        out[name] = {
            "wer": round(metrics.word_error_rate(ref, hyp), 4),
            "wer_zwnj_space": round(metrics.word_error_rate(ref, hyp, zwnj_as_space=True), 4),
            "zwnj_p": round(p, 4), "zwnj_r": round(r, 4), "zwnj_f1": round(f, 4),
            "splits": split["splits"], "splits_repaired": round(split["repaired_rate"], 4),
            "zwnj_splits_repaired": round(split["zwnj_repaired_rate"], 4),
            "false_merges": split["false_merges"],
            "false_merge_rate": round(split["false_merge_rate"], 5),
        }
    return out


def seed_text(shared: Path) -> dict[str, object]:
    """Known-word share of the paper's extracted text before and after repair."""
    text = (shared / "seed_redacted.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    result = repair(text, _config())
    elapsed = time.perf_counter() - start
    return {"set": "seed", "known_before": round(known_share(text), 4),
            "known_after": round(known_share(result.text), 4), "edits": len(result.edits),
            "seconds": round(elapsed, 3)}


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixtures(shared: Path) -> list[dict[str, object]]:
    """WER (ZWNJ≡space) per renderer/extractor pair of the committed PDF round-trip fixtures:
    raw, after the chars + spacing stages, after the full default repair."""
    from cirmtext.repair import RepairConfig as Config

    rows: list[dict[str, object]] = []
    for pair in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and "__" in p.name):
        refs, raws, stages, fulls = [], [], [], []
        for path in sorted(pair.glob("*.txt")):
            gold = FIXTURES / "gold" / path.name
            if not gold.is_file():
                continue
            raw = path.read_text(encoding="utf-8")
            refs.append(gold.read_text(encoding="utf-8"))
            raws.append(raw)
            stages.append(repair(raw, _config()).text)
            fulls.append(repair(raw, Config()).text)
        if not refs:
            continue
        ref = "\n".join(refs)
        rows.append({"set": f"fixtures:{pair.name}", **{
            name: round(metrics.word_error_rate(ref, "\n".join(hyp), zwnj_as_space=True), 3)
            for name, hyp in (("raw", raws), ("stages", stages), ("full", fulls))}})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument("--only", choices=("clean", "synthetic", "seed", "fixtures"))
    args = parser.parse_args(argv)
    for name, func in (("clean", clean), ("synthetic", synthetic), ("seed", seed_text)):
        if args.only in (None, name):
            print(json.dumps(func(args.shared), ensure_ascii=False))
    if args.only in (None, "fixtures") and FIXTURES.is_dir():
        for row in fixtures(args.shared):
            print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
