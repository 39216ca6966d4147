"""Measure one system's throughput and peak memory on N MB of fixture text, in this process.

Run by ``run.py`` in a fresh interpreter per measurement. The input is the committed fixture
texts (raw extractions) repeated to ``--mb`` MB of UTF-8. The system is warmed up on one fixture
first (lexicons loaded, caches built). ``--measure time`` then times ``normalize(text)``;
``--measure memory`` traces it with :mod:`tracemalloc` (which slows it down, hence a separate
run): the peak of Python allocations made during the call, and *working memory*, that peak less
the size of the output string, which any API returning one string must hold. The resident set
size high-water mark (``ru_maxrss``) is reported too. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path


def build_input(fixtures: Path, mb: float) -> str:
    """The fixture extractions, in manifest order, repeated to at least ``mb`` MB of UTF-8."""
    manifest = json.loads((fixtures / "manifest.json").read_text(encoding="utf-8"))
    texts = []
    for item in manifest["fixtures"]:
        with (fixtures / item["path"]).open(encoding="utf-8", newline="") as fh:
            texts.append(fh.read().rstrip("\n") + "\n\n")
    target = int(mb * 1_000_000)
    sizes = [len(t.encode("utf-8")) for t in texts]
    parts: list[str] = []
    total = 0
    while total < target:  # whole texts only, and one join: no large temporary copies
        i = len(parts) % len(texts)
        parts.append(texts[i])
        total += sizes[i]
    return "".join(parts)


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, required=True)
    parser.add_argument("--system", choices=["hazm", "cirmtext"], required=True)
    parser.add_argument("--fixtures", type=Path, required=True)
    parser.add_argument("--measure", choices=["time", "memory"], default="time")
    args = parser.parse_args()
    if args.system == "hazm":
        import hazm

        normalize = hazm.Normalizer().normalize
    else:
        import cirmtext

        normalize = cirmtext.normalize
    text = build_input(args.fixtures, args.mb)
    warm = text[: text.find("\n\n", 5000) + 2]
    normalize(warm)
    result = {"system": args.system, "mb": len(text.encode("utf-8")) / 1e6,
              "chars": len(text)}
    if args.measure == "memory":
        tracemalloc.start()
        tracemalloc.reset_peak()
        out = normalize(text)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        out_mib = sys.getsizeof(out) / 2**20
        result |= {"peak_mib": peak, "output_mib": out_mib,
                   "working_mib": max(peak - out_mib, 0.0), "maxrss_mib": _maxrss_mib()}
    else:
        started = time.perf_counter()
        normalize(text)
        seconds = time.perf_counter() - started
        result |= {"seconds": seconds, "chars_per_s": len(text) / seconds}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
