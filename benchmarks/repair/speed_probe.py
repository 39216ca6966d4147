"""Measure one system's throughput and peak memory on N MB of fixture text, in this process.

Run by ``run.py`` in a fresh interpreter per measurement. The input is the committed fixture
texts (raw extractions) repeated to ``--mb`` MB of UTF-8, joined once (no large temporaries).
The system is warmed up on one fixture first (lexicons loaded, caches built). Then the peak
resident set size is reset (Linux: ``/proc/self/clear_refs``), ``normalize(text)`` is timed, and
the peak (``VmHWM``) is read: *peak growth* is that peak less the resident size just before the
call, and *working memory* is the growth less the size of the output string, which any API
returning one string must hold. cirmtext runs in this one process (``jobs=1``, the figure to
set against hazm's one core) unless ``--jobs N`` (``-1``: every core) asks for its sections to
be repaired in worker processes; the CPU seconds of this process and of the workers are
printed apart, and memory is this process's. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import resource
import sys
import time
from collections.abc import Callable
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


def _status_kib(field: str) -> int:
    with Path("/proc/self/status").open(encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    msg = f"no {field} in /proc/self/status"
    raise OSError(msg)


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def measure_peak(normalize: Callable[[str], str], text: str) -> dict[str, float | bool]:
    """Time one call and its peak resident-size growth (KiB), after resetting the peak.

    Shared by ``run.py`` (through this script) and ``speed.py``.
    """
    gc.collect()
    exact = _reset_peak()
    before = _status_kib("VmRSS")
    own, workers = _cpu()
    started = time.perf_counter()
    out = normalize(text)
    seconds = time.perf_counter() - started
    own_after, workers_after = _cpu()
    peak = _status_kib("VmHWM") if exact else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "before_kib": before, "growth_kib": max(peak - before, 0),
            "output_mib": sys.getsizeof(out) / 2**20, "exact": exact,
            "cpu_seconds": own_after - own, "worker_cpu_seconds": workers_after - workers}


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its ended child processes (workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, required=True)
    parser.add_argument("--system", choices=["hazm", "cirmtext"], required=True)
    parser.add_argument("--fixtures", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1,
                        help="cirmtext's worker processes (default 1: this process only)")
    args = parser.parse_args()
    if args.system == "hazm":
        import hazm

        normalize = hazm.Normalizer().normalize
    else:
        import cirmtext

        normalize = functools.partial(cirmtext.normalize, jobs=args.jobs)
    text = build_input(args.fixtures, args.mb)
    warm = text[: text.find("\n\n", 5000) + 2]
    normalize(warm)
    del warm
    m = measure_peak(normalize, text)
    growth = float(m["growth_kib"]) / 1024
    out_mib = float(m["output_mib"])
    result = {"system": args.system, "mb": len(text.encode("utf-8")) / 1e6,
              "chars": len(text), "seconds": m["seconds"],
              "chars_per_s": len(text) / float(m["seconds"]),
              "rss_before_mib": float(m["before_kib"]) / 1024, "peak_growth_mib": growth,
              "output_mib": out_mib, "working_mib": max(growth - out_mib, 0.0),
              "peak_exact": m["exact"], "jobs": args.jobs if args.system == "cirmtext" else 1,
              "cpu_seconds": m["cpu_seconds"], "worker_cpu_seconds": m["worker_cpu_seconds"]}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
