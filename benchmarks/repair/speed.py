"""Repair speed: cirmtext against hazm's Normalizer on the same inputs, and peak memory.

Throughput (``normalize``, the text-only entry point, and ``repair``, which also records every
edit and the offset map) against ``hazm.Normalizer().normalize`` in the same process, on the
inputs below. ``normalize`` is timed twice: in this process alone (``jobs=1``: the figure to
compare with hazm, which uses one core) and as called by default (``normalize(text)``: the
sections of a long input after the first repaired in worker processes on every core, see
:func:`cirmtext.repair.repair_sections`; ``--jobs N`` times ``jobs=N`` instead). Ratios are
given by wall-clock time and by CPU time (see :func:`throughput`): on a machine shared with
other work the wall-clock ones vary two- to threefold, the CPU ones far less. The inputs:

* ``samples``: the bundled sample transcripts (``corpora/samples/*.txt``) joined, x4 (clean text);
* ``seed``: the paper's PDF extraction (``--shared``/seed_redacted.txt) x3 (broken text;
  skipped with a message when absent);
* ``10mb``: both repeated (whole copies, one join) to ~10 MB of UTF-8;
* ``10mb-unique``: ~10 MB in which no line repeats, so that nothing keyed on a whole line or
  paragraph can pay off: each line is two PerDT sentences (``--shared``/ud_perdt) drawn at
  random (seeded), half of them broken with ``corrupt.py``, in paragraphs of 3 to 12 lines
  (skipped when the sentences are absent).

Each system is warmed up on the first 5,000 characters; the best of ``--repeat`` runs is kept.
The load average is printed before and after (the machine's other work slows every system,
and worker processes most). Peak memory: in a fresh subprocess per size, the input is built,
the system warmed up, the peak resident size reset (Linux ``/proc/self/clear_refs``) and
``normalize`` run; *growth* is the peak less the resident size before the call, *working*
memory the growth less the size of the returned string; the largest resident size of a worker
process (which shares the pages it was forked with) is printed apart. ``--check`` exits 1 when
``normalize`` as called by default is not at least ``--target`` times hazm's throughput on
every input, or when its working memory at 10 MB is more than twice that at 1 MB plus 16 MiB
(memory flat in the input's size). ``--by-rule`` also prints where the time of one
``normalize`` (in this process) of each input goes: the seconds spent in each rule (every call,
all passes) and their share of the call; what is left is the driver's.

    python benchmarks/repair/speed.py --check
    python benchmarks/repair/speed.py --no-memory --by-rule --inputs seed
    python benchmarks/repair/speed.py --no-memory --jobs 2 --inputs 10mb
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed_probe import measure_peak  # this folder's scripts are not a package

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
#: Working memory at 10 MB may be at most twice that at 1 MB plus this (MiB).
MEMORY_SLACK_MIB = 16.0


def build_inputs(shared: Path, *, unique: bool = True) -> dict[str, str]:
    """The named inputs (see the module docstring); ``unique=False`` leaves out 10mb-unique."""
    samples = "\n\n".join(p.read_text(encoding="utf-8")
                          for p in sorted((ROOT / "corpora" / "samples").glob("*.txt")))
    inputs = {"samples": samples * 4}
    seed_path = shared / "seed_redacted.txt"
    parts = [samples]
    if seed_path.exists():
        seed = seed_path.read_text(encoding="utf-8")
        inputs["seed"] = seed * 3
        parts.append(seed)
    else:
        print(f"seed text absent ({seed_path}): skipped", file=sys.stderr)
    inputs["10mb"] = repeat_to(parts, 10.0)
    text = unique_lines(shared, 10.0) if unique else ""
    if text:
        inputs["10mb-unique"] = text
    return inputs


def unique_lines(shared: Path, mb: float) -> str:
    """``mb`` MB of PerDT sentences in which no line repeats ("" without the sentences)."""
    path = shared / "ud_perdt" / "perdt_sample.jsonl"
    if not path.exists():
        print(f"PerDT sentences absent ({path}): 10mb-unique skipped", file=sys.stderr)
        return ""
    from corrupt import corrupt  # this folder's scripts are not a package

    with path.open(encoding="utf-8") as fh:
        clean = [json.loads(line)["text"] for line in fh if line.strip()]
    rng = random.Random(2)
    pool = list(dict.fromkeys(clean + [corrupt(text, rng) for text in clean]))
    paragraphs: list[str] = []
    seen: set[tuple[int, int]] = set()
    total = 0
    while total < mb * 1_000_000:
        lines = []
        while len(lines) < rng.randint(3, 12):
            pair = (rng.randrange(len(pool)), rng.randrange(len(pool)))
            if pair not in seen:
                seen.add(pair)
                lines.append(f"{pool[pair[0]]} {pool[pair[1]]}")
        paragraphs.append("\n".join(lines) + "\n\n")
        total += len(paragraphs[-1].encode("utf-8"))
    return "".join(paragraphs)


def repeat_to(parts: list[str], mb: float) -> str:
    """``parts`` in turn, whole, blank-line separated, to at least ``mb`` MB of UTF-8."""
    parts = [p.rstrip("\n") + "\n\n" for p in parts]
    sizes = [len(p.encode("utf-8")) for p in parts]
    out: list[str] = []
    total = 0
    while total < mb * 1_000_000:
        i = len(out) % len(parts)
        out.append(parts[i])
        total += sizes[i]
    return "".join(out)


def _systems(jobs: int | None = None) -> dict[str, object]:
    import hazm

    from cirmtext.repair import normalize, repair

    return {"cirmtext.normalize": functools.partial(normalize, jobs=1),
            "cirmtext.normalize jobs": functools.partial(normalize, jobs=jobs),
            "cirmtext.repair": functools.partial(repair, jobs=1),
            "hazm": hazm.Normalizer().normalize}


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its ended child processes (workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _best(func: object, text: str, repeat: int) -> tuple[float, float, float]:
    """The best wall-clock seconds of ``repeat`` calls, with the CPU seconds of that call in
    this process and in its workers."""
    best = (float("inf"), 0.0, 0.0)
    for _ in range(repeat):
        gc.collect()
        own, children = _cpu()
        started = time.perf_counter()
        func(text)  # type: ignore[operator]
        wall = time.perf_counter() - started
        own_after, children_after = _cpu()
        best = min(best, (wall, own_after - own, children_after - children))
    return best


def throughput(inputs: dict[str, str], repeat: int,
               jobs: int | None = None) -> list[dict[str, object]]:
    """One row per input: seconds and chars/s per system, and cirmtext/hazm ratios.

    Besides wall-clock ratios (what a user waits; they suffer from any other work on the
    machine), ``cpu_ratio_normalize`` compares CPU seconds in one process, which other work
    disturbs far less, and ``cpu_ratio_jobs`` what the call with workers would take on idle
    cores: its own CPU seconds plus its workers' shared evenly among ``workers`` of them. This
    counts all of this process's CPU time as time the workers wait for; since the workers
    start during the first section (see :func:`cirmtext.repair.repair_sections`), part of it
    overlaps theirs, so the figure is a lower bound of the speed on idle cores.
    """
    from cirmtext.repair import cpu_count

    workers = cpu_count() if jobs in (None, -1) else jobs
    systems = _systems(jobs)
    rows = []
    for name, text in inputs.items():
        for func in systems.values():
            func(text[:5000])  # type: ignore[operator]
        reps = 1 if len(text) > 2_000_000 else repeat
        timed = {sys_name: _best(func, text, reps) for sys_name, func in systems.items()}
        row: dict[str, object] = {"input": name, "chars": len(text),
                                  "kb": round(len(text.encode("utf-8")) / 1000)}
        for sys_name, (sec, own, children) in timed.items():
            row[sys_name] = {"seconds": round(sec, 3), "cpu_seconds": round(own + children, 3),
                             "worker_cpu_seconds": round(children, 3),
                             "chars_per_s": round(len(text) / sec)}
        hazm, norm = timed["hazm"], timed["cirmtext.normalize"]
        par = timed["cirmtext.normalize jobs"]
        row["ratio_normalize"] = round(hazm[0] / norm[0], 2)
        row["ratio_jobs"] = round(hazm[0] / par[0], 2)
        row["ratio_repair"] = round(hazm[0] / timed["cirmtext.repair"][0], 2)
        row["cpu_ratio_normalize"] = round(hazm[1] / norm[1], 2)
        row["cpu_ratio_jobs"] = round(hazm[1] / (par[1] + par[2] / max(workers or 1, 1)), 2)
        rows.append(row)
    return rows


def by_rule(text: str) -> tuple[float, dict[str, tuple[float, int]]]:
    """One ``normalize(text, jobs=1)`` with a timer around each rule: total seconds, and per
    rule ``(seconds, calls)``, most costly first."""
    import dataclasses
    import importlib

    driver = importlib.import_module("cirmtext.repair")  # the package, not its repair()
    spent: dict[str, tuple[float, int]] = {}

    def timed(rule: object) -> object:
        func = rule.func  # type: ignore[attr-defined]
        name = rule.name  # type: ignore[attr-defined]

        def run(current: str, context: object) -> object:
            started = time.perf_counter()
            try:
                return func(current, context)
            finally:
                seconds, calls = spent.get(name, (0.0, 0))
                spent[name] = (seconds + time.perf_counter() - started, calls + 1)

        return dataclasses.replace(rule, func=run)  # type: ignore[type-var]

    rules = driver.RULES
    driver.RULES = tuple(timed(rule) for rule in rules)
    try:
        driver.normalize(text[:5000], jobs=1)
        spent.clear()
        gc.collect()
        started = time.perf_counter()
        driver.normalize(text, jobs=1)  # the timers count only this process's calls
        total = time.perf_counter() - started
    finally:
        driver.RULES = rules
    return total, dict(sorted(spent.items(), key=lambda item: -item[1][0]))


def probe(shared: Path, mb: float, system: str, jobs: int | None = None) -> dict[str, object]:
    """Peak memory growth of one ``normalize`` call on ``mb`` MB (run in a fresh process)."""
    samples = "\n\n".join(p.read_text(encoding="utf-8")
                          for p in sorted((ROOT / "corpora" / "samples").glob("*.txt")))
    seed_path = shared / "seed_redacted.txt"
    parts = [samples * 4]  # the parts of build_inputs, without building 10mb-unique
    if seed_path.exists():
        parts.append(seed_path.read_text(encoding="utf-8") * 3)
    text = repeat_to(parts, mb)
    func = _systems(jobs)[system]
    func(text[:5000])  # type: ignore[operator]
    # The largest child so far (a library's helper run through a subprocess counts too):
    # a worker is reported only if it outgrew that.
    earlier = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    m = measure_peak(func, text)  # type: ignore[arg-type]
    growth = float(m["growth_kib"]) / 1024
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    worker = largest / 1024 if largest > earlier else 0.0
    return {"system": system, "mb": round(len(text.encode("utf-8")) / 1e6, 2),
            "rss_before_mib": round(float(m["before_kib"]) / 1024, 1),
            "growth_mib": round(growth, 1), "output_mib": round(float(m["output_mib"]), 1),
            "working_mib": round(max(growth - float(m["output_mib"]), 0.0), 1),
            "worker_rss_mib": round(worker, 1)}


def memory(shared: Path, sizes: list[float], system: str,
           jobs: int | None = None) -> list[dict[str, object]]:
    """:func:`probe` for each size, each in a fresh interpreter."""
    rows = []
    for mb in sizes:
        cmd = [sys.executable, __file__, "--probe", str(mb), "--system", system,
               "--shared", str(shared)]
        if jobs is not None:
            cmd += ["--jobs", str(jobs)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--target", type=float, default=2.0)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--by-rule", action="store_true",
                        help="also print the time of each rule in one normalize of each input")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--inputs", nargs="+", metavar="NAME",
                        help="time only these inputs (samples, seed, 10mb, 10mb-unique)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="worker processes of the second normalize (default: as "
                             "normalize(text) chooses)")
    parser.add_argument("--probe", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--system", default="cirmtext.normalize jobs", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe is not None:
        print(json.dumps(probe(args.shared, args.probe, args.system, args.jobs)))
        return 0
    inputs = build_inputs(args.shared, unique=not args.inputs or "10mb-unique" in args.inputs)
    if args.inputs:
        inputs = {name: text for name, text in inputs.items() if name in args.inputs}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"normalize jobs={args.jobs} (None: its default)")
    rows = throughput(inputs, args.repeat, args.jobs)
    print(f"load average {os.getloadavg()[0]:.1f}\n")
    print("| input | KB | normalize, 1 process: s (CPU s) | normalize with workers: s "
          "(CPU s here + workers) | repair, 1 process: s | hazm: s (CPU s) | hazm/normalize "
          "1 process: wall, CPU | hazm/normalize with workers: wall, idle cores | hazm/repair |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        norm, par = row["cirmtext.normalize"], row["cirmtext.normalize jobs"]
        rep, hz = row["cirmtext.repair"], row["hazm"]
        own = round(par["cpu_seconds"] - par["worker_cpu_seconds"], 2)  # type: ignore[index]
        print(f"| {row['input']} | {row['kb']} | {norm['seconds']} ({norm['cpu_seconds']}) "  # type: ignore[index]
              f"| {par['seconds']} ({own} + {par['worker_cpu_seconds']}) "  # type: ignore[index]
              f"| {rep['seconds']} | {hz['seconds']} ({hz['cpu_seconds']}) "  # type: ignore[index]
              f"| {row['ratio_normalize']}, {row['cpu_ratio_normalize']} "
              f"| {row['ratio_jobs']}, {row['cpu_ratio_jobs']} | {row['ratio_repair']} |")
    missed = [row["input"] for row in rows if row["ratio_jobs"] < args.target]  # type: ignore[operator]
    if args.by_rule:
        for name, text in inputs.items():
            total, spent = by_rule(text)
            in_rules = sum(seconds for seconds, _ in spent.values())
            print(f"\n{name}: one normalize {total:.3f} s; in rules {in_rules:.3f} s")
            print("| rule | s | share | calls |\n|---|---:|---:|---:|")
            for rule, (seconds, calls) in spent.items():
                if seconds >= 0.005 * total:
                    print(f"| {rule} | {seconds:.3f} | {seconds / total:.0%} | {calls} |")
    if not args.no_memory:
        for system in ("cirmtext.normalize jobs", "cirmtext.normalize", "hazm"):
            mems = memory(args.shared, [1.0, 10.0], system, args.jobs)
            for mem in mems:
                workers = (f", largest worker RSS {mem['worker_rss_mib']} MiB"
                           if mem["worker_rss_mib"] else "")
                print(f"memory {mem['system']}: {mem['mb']} MB input, peak growth "
                      f"{mem['growth_mib']} MiB, working {mem['working_mib']} MiB "
                      f"(RSS before {mem['rss_before_mib']} MiB){workers}")
            small, large = (float(m["working_mib"]) for m in mems)  # type: ignore[arg-type]
            if system.startswith("cirmtext") and large > 2 * small + MEMORY_SLACK_MIB:
                print(f"memory not flat: {large} MiB working at 10 MB > 2 x {small} + "
                      f"{MEMORY_SLACK_MIB}")
                missed.append("memory")
    if missed:
        print(f"below target: {', '.join(missed)}")  # type: ignore[arg-type]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
