"""Figures for the layout and order rules (docs/repair.md, section "Layout and order rules").

Reads PerDT and the seed paper in place from ../shared/data (never copies them) and our sample
transcripts from corpora/samples. Prints one line per figure; exits 1 when a target is missed
(no false reorder or false visual turn on clean text, >= 95% of synthetic lines restored).

    python benchmarks/repair/order_rules.py [--shared ../shared/data] [--speed]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cirmtext.repair import RepairConfig, apply_plan, lines, ordercues, repair, visual
from cirmtext.repair.visual import to_logical_order, visual_line_changes
from cirmtext.repair.wordorder import move_leading_citations, reorder_lines

ROOT = Path(__file__).resolve().parents[2]

#: Lines (1-based) of seed_redacted.txt whose word order came out reversed, listed by hand.
SEED_REVERSED = frozenset(
    int(n)
    for line in (Path(__file__).parent / "seed_reversed_lines.txt").read_text(
        encoding="utf-8").splitlines()
    if not line.startswith("#") for n in line.split()
)


#: Lines 290-340 of the seed are garbled (pieces of lines in mixed order); left off the list.
GARBLED = frozenset(range(290, 341))


def _restored(words: list[str], gap: str) -> bool:
    changes = reorder_lines(gap.join(reversed(words)))
    return bool(changes) and changes[0].after.split() == words


def perdt(shared: Path) -> list[tuple[str, float, bool]]:
    path = shared / "ud_perdt" / "tokens_gold.jsonl"
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    rows: list[tuple[str, float, bool]] = []
    false_order = sum(1 for t in texts if reorder_lines(t))
    false_visual = sum(1 for t in texts if visual_line_changes(t))
    rows.append((f"PerDT clean sentences ({len(texts)}): false reorders", false_order,
                 false_order == 0))
    rows.append((f"PerDT clean sentences ({len(texts)}): false visual turns", false_visual,
                 false_visual == 0))
    longer = [t.split() for t in texts if len(t.split()) >= 3]
    for gap, name in ((" ", "single spaces"), ("  ", "double spaces")):
        share = sum(_restored(w, gap) for w in longer) / len(longer)
        rows.append((f"PerDT reversed word order, {name} ({len(longer)}): restored", share,
                     share >= 0.95))
    # Forward lines as a PDF wraps them: the end of one sentence, then the start of the next.
    wrapped = [" ".join(a.split()[-1:] + b.split()[:10])
               for a, b in itertools.pairwise(texts) if len(b.split()) >= 6]
    alone = sum(1 for w in wrapped if reorder_lines(w))
    rows.append((f"PerDT wrapped forward lines starting with a sentence end, each alone "
                 f"({len(wrapped)}): false reorders (no target: a line alone has only grammar)",
                 alone, True))
    stream = " ".join(texts).split()
    paragraph = "\n".join(" ".join(stream[i:i + 12]) for i in range(0, len(stream), 12))
    in_text = len(reorder_lines(paragraph))
    rows.append((f"PerDT as one wrapped text ({paragraph.count(chr(10)) + 1} lines): "
                 "false reorders", in_text, in_text == 0))
    visual = sum(apply_plan(to_logical_order(t), ["reverse_visual_lines"]) == t for t in texts)
    rows.append((f"PerDT drawn in visual order ({len(texts)}): restored", visual / len(texts),
                 visual / len(texts) >= 0.95))
    return rows


def samples() -> list[tuple[str, float, bool]]:
    paths = sorted((ROOT / "corpora" / "samples").glob("*.txt"))
    lines = moved = turned = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines += sum(1 for line in text.splitlines() if len(line.split()) >= 3)
        moved += len(reorder_lines(text))
        turned += len(visual_line_changes(text))
    return [(f"sample transcripts ({len(paths)} files, {lines} lines): false reorders", moved,
             moved == 0),
            (f"sample transcripts ({len(paths)} files, {lines} lines): false visual turns",
             turned, turned == 0)]


def seed(shared: Path) -> list[tuple[str, float, bool]]:
    text = (shared / "seed_redacted.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    result = repair(text)
    seconds = time.perf_counter() - start
    moved = {text.count("\n", 0, c.start) + 1 for c in move_leading_citations(text)}
    reordered = {text.count("\n", 0, e.start) + 1
                 for e in result.edits if e.rule == "restore_word_order"} - moved
    dropped = sum(1 for e in result.edits if e.rule == "drop_page_furniture")
    return [
        (f"seed: hand-listed reversed lines turned round (of {len(SEED_REVERSED)})",
         len(reordered & SEED_REVERSED), True),
        ("seed: other lines turned round, garbled region 290-340",
         len((reordered - SEED_REVERSED) & GARBLED), True),
        ("seed: other lines turned round, elsewhere", len(reordered - SEED_REVERSED - GARBLED),
         not reordered - SEED_REVERSED - GARBLED),
        ("seed: lines whose leading citation was moved to their end", len(moved), True),
        ("seed: page-furniture lines dropped", dropped, True),
        ("seed: full repair seconds", round(seconds, 2), True),
    ]


LAYOUT_ORDER_RULES = ["drop_page_furniture", "reverse_visual_lines", "restore_word_order",
                      "unmirror_brackets", "fix_punctuation_spacing", "collapse_spaces"]


def speed(shared: Path) -> list[tuple[str, float, bool]]:
    """Seconds for the full repair, without the layout/order rules, and for hazm, best of 3."""
    import hazm

    samples = "\n\n".join(p.read_text(encoding="utf-8")
                          for p in sorted((ROOT / "corpora" / "samples").glob("*.txt")))
    inputs = {"sample transcripts x8": "\n\n".join([samples] * 8)}
    seed_path = shared / "seed_redacted.txt"
    if seed_path.is_file():
        inputs["samples + seed paper, x5"] = "\n\n".join(
            [samples + "\n\n" + seed_path.read_text(encoding="utf-8")] * 5)
    normalizer = hazm.Normalizer()
    without = RepairConfig().disable(LAYOUT_ORDER_RULES)
    rows: list[tuple[str, float, bool]] = []
    repair(samples[:50_000])
    for name, text in inputs.items():
        mb = len(text.encode()) / 1e6
        for label, run in (("full repair", lambda t=text: repair(t)),
                           ("repair without layout/order", lambda t=text: repair(t, without)),
                           ("hazm Normalizer", lambda t=text: normalizer.normalize(t))):
            best = min(_seconds(run) for _ in range(3))
            rows.append((f"speed, {name} ({mb:.2f} MB): {label}, seconds", round(best, 2), True))
    return rows


def _seconds(run: Callable[[], object]) -> float:
    """One run, with the per-word and per-line caches of these rules emptied first."""
    for cached in (visual._evidence, visual._vote, ordercues.tok, lines.token_units,
                   lines.word_class):
        cached.cache_clear()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--speed", action="store_true",
                        help="also time the full repair with and without these rules, and hazm")
    args = parser.parse_args(argv)
    rows = samples()
    if (args.shared / "ud_perdt").is_dir():
        rows += perdt(args.shared)
    else:
        print(f"note: {args.shared}/ud_perdt absent; PerDT figures skipped")
    if (args.shared / "seed_redacted.txt").is_file():
        rows += seed(args.shared)
    if args.speed:
        rows += speed(args.shared)
    ok = True
    for name, value, met in rows:
        share = isinstance(value, float) and value <= 1 and "seconds" not in name
        shown = f"{value:.1%}" if share else value
        print(f"{'ok  ' if met else 'MISS'} {name}: {shown}")
        ok &= met
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
