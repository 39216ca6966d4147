"""Shipped class-pair statistics for judging word order when a line comes alone.

``cirmtext/data/order_class_pairs.tsv`` holds counts of adjacent class units (see
:func:`cirmtext.repair.lines.token_units`) in text we may use; ``scripts/build_order_stats.py``
regenerates it and ``cirmtext/data/README-order.md`` gives its provenance.
"""

from __future__ import annotations

import functools
from collections import Counter

from ..resources import data_path

__all__ = ["STATS_FILE", "shipped_class_pairs"]

STATS_FILE = "order_class_pairs.tsv"


@functools.cache
def shipped_class_pairs() -> Counter[tuple[str, str]]:
    """The shipped class-pair counts (empty if the file is missing from a source checkout)."""
    counts: Counter[tuple[str, str]] = Counter()
    path = data_path(STATS_FILE)
    if not path.is_file():
        return counts
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            a, b, n = line.rstrip("\n").split("\t")
            counts[a, b] = int(n)
    return counts
