"""Regenerate ``cirmtext/data/wordfreq_fa.tsv``: Persian word frequencies derived from wordfreq.

The table is derived from the Persian ("fa") word list that the ``wordfreq`` package ships
(``small_fa.msgpack.gz``; data licensed CC BY-SA 4.0, see ``cirmtext/data/README.md``). Only
words written wholly in Persian letters (with ZWNJ) are kept; Arabic ي/ك are written as ی/ک
and the higher of two colliding frequencies is kept. Each row is ``word<TAB>zipf`` with the
Zipf frequency (log10 of occurrences per billion words) rounded to two decimals.

Run it where wordfreq is installed (it is not a dependency of cirmtext)::

    pip install wordfreq==3.1.1
    python scripts/make_wordfreq_table.py
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "cirmtext" / "data" / "wordfreq_fa.tsv"
PERSIAN_WORD = re.compile(
    "^[\u0622-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+$"
)


def main() -> int:
    import importlib.metadata

    import wordfreq

    table: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("fa", wordlist="small").items():
        word = word.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک")
        if not PERSIAN_WORD.match(word) or word.startswith("\u200c") or word.endswith("\u200c"):
            continue
        zipf = round(math.log10(freq * 1e9), 2)
        if zipf > table.get(word, -1.0):
            table[word] = zipf
    rows = sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))
    version = importlib.metadata.version("wordfreq")
    header = (f"# Persian word frequencies (Zipf) derived from wordfreq {version} "
              "(CC BY-SA 4.0); regenerate with scripts/make_wordfreq_table.py\n")
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(header + "".join(f"{w}\t{z:.2f}\n" for w, z in rows), encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {len(rows)} words to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
