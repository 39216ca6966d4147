"""Regenerate cirmtext/data/order_class_pairs.tsv from the project's own sample texts.

The statistics are counts of adjacent class units (frequent words, verb classes, word endings,
punctuation; see ``cirmtext.repair.lines.token_units``) in ``corpora/samples/*.txt``, texts the
project wrote itself. Run from the repository root:

    python scripts/build_order_stats.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from cirmtext.io import atomic_write
from cirmtext.repair.lines import class_pair_counts
from cirmtext.repair.orderstats import STATS_FILE
from cirmtext.resources import data_path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sources = sorted((ROOT / "corpora" / "samples").glob("*.txt"))
    if not sources:
        print("no corpora/samples/*.txt to count", file=sys.stderr)
        return 1
    counts: Counter[tuple[str, str]] = Counter()
    for path in sources:
        counts.update(class_pair_counts(path.read_text(encoding="utf-8")))
    lines = [f"# class-pair counts from {len(sources)} files of corpora/samples "
             "(scripts/build_order_stats.py)"]
    lines += [f"{a}\t{b}\t{n}" for (a, b), n in sorted(counts.items())]
    atomic_write(data_path(STATS_FILE), "\n".join(lines) + "\n")
    print(f"{len(counts)} class pairs from {len(sources)} files -> {data_path(STATS_FILE)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
