"""The repair benchmark: cirmtext against no repair and hazm's Normalizer, on four sets.

Sets (each skipped with a message when its data is absent):

* ``fixtures``: our own transcripts rendered to PDF by real tools and extracted by real
  extractors (``fixtures/``, built by ``build_fixtures.py``), one row per renderer/extractor pair,
  scored against the gold transcripts.
* ``perdt``: clean PerDT sentences (``--shared``/ud_perdt/perdt_sample.jsonl) corrupted by
  ``corrupt.corrupt`` and restored; the same sentences with 20% of them put in visual order
  (:func:`visual_order`) and 10% in reversed word order, restored; and the clean sentences
  passed through unchanged; then each sentence corrupted and repaired on its own, and each
  clean sentence passed through on its own (no document around it to give evidence).
* ``spoken``: our own sentences in spoken Persian (``spoken/dev.txt``, ``spoken/test.txt``; see
  ``spoken/README.md``), corrupted by ``corrupt.corrupt`` with three seeds and restored as one
  document and each sentence alone, and passed through clean.
* ``seed``: the paper's PDF text (``--shared``/seed_redacted.txt): share of tokens that are known
  words before and after repair (it has no gold text, so no error rate).
* ``speed``: throughput on the same ~10 MB input (our fixtures repeated) and peak memory for
  1 MB against 10 MB, each in a fresh subprocess.

Three systems run in the same process on the same inputs: ``raw`` (no repair), ``hazm``
(``hazm.Normalizer().normalize`` with its defaults) and ``cirmtext`` (``cirmtext.normalize``).
Targets from issue 2 are printed beside the figures; ``--check`` exits 1 when cirmtext misses one.

    python benchmarks/repair/run.py --out /tmp/repair.md --check
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import multiprocessing
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import corrupt as corruption  # noqa: E402
from known_words import KnownWords  # noqa: E402
from scoring import Score, score_document  # noqa: E402

FIXTURES = HERE / "fixtures"
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
SYSTEMS = ("raw", "hazm", "cirmtext")
PERDT_DOC_SENTENCES = 50
SEED = 20240512

#: Targets from issue 2, checked on cirmtext's row of every set they apply to.
TARGETS = {
    "wer_pairs": 0.05,      # word error rate per renderer/extractor pair
    "wer_seed": 0.03,       # on the paper's PDF text (needs a gold text: not measurable here)
    "zwnj_f1": 0.97,
    "splits_repaired": 0.98,
    "false_merges": 0.002,
    "lines_restored": 0.95,
    "false_reorders": 0,
    "clean_changed": 0.002,
    "speed_ratio": 2.0,     # cirmtext chars/s over hazm's chars/s
    "memory_growth": 2.0,   # working memory at 10 MB over that at 1 MB (+16 MiB slack)
}


def make_systems() -> dict[str, Callable[[str], str]]:
    """The three systems, built once (hazm's Normalizer loads its lexicon when built)."""
    import hazm

    import cirmtext

    normalizer = hazm.Normalizer()
    return {"raw": lambda text: text, "hazm": normalizer.normalize,
            "cirmtext": cirmtext.normalize}


@dataclass
class Result:
    """One row: a set (or pair), a system, its score, and failures against the targets."""

    set_name: str
    system: str
    score: Score
    seconds: float
    misses: list[str] = field(default_factory=list)


def _score(item: tuple[str, str, str]) -> Score:
    return score_document(*item)


class _Serial:
    """Stands in for a process pool with ``--jobs 1``."""

    map = staticmethod(map)


POOL: Any = _Serial()


def check_targets(row: Result, *, wer_target: float | None) -> None:
    """Fill ``row.misses`` with the targets cirmtext's score misses."""
    s, t = row.score, TARGETS
    checks = [
        (wer_target is not None and s.wer > (wer_target or 0), f"WER {s.wer:.3f} > {wer_target}"),
        (s.zwnj_f1 is not None and s.zwnj_f1 < t["zwnj_f1"],
         f"ZWNJ F1 {s.zwnj_f1 or 0:.3f} < {t['zwnj_f1']}"),
        (s.splits_rate is not None and s.splits_rate < t["splits_repaired"],
         f"splits repaired {s.splits_rate or 0:.3f} < {t['splits_repaired']}"),
        (s.false_merge_rate is not None and s.false_merge_rate > t["false_merges"],
         f"false merges {s.false_merge_rate or 0:.4f} > {t['false_merges']}"),
        (s.reorder.reversed_lines > 0 and (s.reorder.restored_rate or 0) < t["lines_restored"],
         f"lines restored {s.reorder.restored_rate or 0:.3f} < {t['lines_restored']}"),
        (s.reorder.false_reorders > t["false_reorders"],
         f"false reorders {s.reorder.false_reorders} > {t['false_reorders']}"),
        (s.clean_changed is not None and s.clean_changed > t["clean_changed"],
         f"clean tokens changed {s.clean_changed or 0:.4f} > {t['clean_changed']}"),
    ]
    row.misses = [msg for failed, msg in checks if failed]


def run_documents(set_name: str, docs: list[tuple[str, str]],
                  systems: dict[str, Callable[[str], str]], *, wer_target: float | None,
                  ) -> list[Result]:
    """Score every system on ``docs`` (``(gold, broken)`` pairs), summed over documents."""
    rows = []
    for name, system in systems.items():
        started = time.perf_counter()
        outputs = [system(broken) for _, broken in docs]
        seconds = time.perf_counter() - started
        scores = list(POOL.map(_score, [(g, b, o) for (g, b), o in zip(docs, outputs,
                                                                        strict=True)]))
        row = Result(set_name, name, Score.total(scores), seconds)
        if name == "cirmtext":
            check_targets(row, wer_target=wer_target)
        rows.append(row)
    return rows


def fixture_pairs(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """``{"renderer__extractor": [(gold, extracted), ...]}`` from the fixture manifest."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pairs: dict[str, list[tuple[str, str]]] = {}
    for item in manifest["fixtures"]:
        gold = (folder / item["gold"]).read_text(encoding="utf-8")
        with (folder / item["path"]).open(encoding="utf-8", newline="") as fh:
            broken = fh.read()
        pairs.setdefault(f"{item['renderer']}__{item['extractor']}", []).append((gold, broken))
    return pairs


def stale_samples(folder: Path) -> list[str]:
    """Samples whose transcript in ``corpora/samples`` changed since the fixtures were built."""
    import hashlib

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    stale = []
    for name, sample in manifest["samples"].items():
        source = ROOT / sample["source"]
        if not source.is_file() or hashlib.sha256(source.read_bytes()).hexdigest() != sample[
                "source_sha256"]:
            stale.append(name)
    return stale


def perdt_documents(shared: Path) -> list[str]:
    """PerDT sentences in documents of 50, one sentence a paragraph."""
    path = shared / "ud_perdt" / "perdt_sample.jsonl"
    with path.open(encoding="utf-8") as fh:
        sentences = [json.loads(line)["text"] for line in fh if line.strip()]
    size = PERDT_DOC_SENTENCES
    return ["\n\n".join(sentences[i:i + size]) + "\n" for i in range(0, len(sentences), size)]


LTR_RUN = re.compile(r"[A-Za-z0-9\u06f0-\u06f9\u0660-\u0669]+(?:[.,:/%-][A-Za-z0-9"
                     r"\u06f0-\u06f9\u0660-\u0669]+)*")


def visual_order(line: str) -> str:
    """A line as a visual-order extractor gives it: characters reversed, LTR runs kept.

    An approximation of the Unicode bidi algorithm for one RTL line: the whole line is
    reversed, then each run of Latin letters and digits is put back in reading order. Brackets
    are not mirrored, so ``(ص)`` comes out as ``)ص(`` as in real extractions.

    >>> visual_order("سال ۱۴۰۰ (CiRM)")
    ')CiRM( ۱۴۰۰ لاس'
    """
    return LTR_RUN.sub(lambda m: m.group()[::-1], line[::-1])


def reverse_lines(doc: str, rng: random.Random, p_letters: float = 0.2,
                  p_words: float = 0.1) -> str:
    """Put some paragraphs of ``doc`` in visual order and reverse the word order of others."""
    out = []
    for para in doc.split("\n\n"):
        roll = rng.random()
        if roll < p_letters:
            para = "\n".join(visual_order(line) for line in para.split("\n"))
        elif roll < p_letters + p_words:
            para = "\n".join(" ".join(reversed(line.split(" "))) for line in para.split("\n"))
        out.append(para)
    return "\n\n".join(out)


def run_perdt(shared: Path, systems: dict[str, Callable[[str], str]]) -> list[Result]:
    docs = perdt_documents(shared)
    rng = random.Random(SEED)
    corrupted = [(doc, corruption.corrupt(doc, rng)) for doc in docs]
    rows = run_documents("PerDT corrupted", corrupted, systems, wer_target=None)
    reversed_docs = [(doc, reverse_lines(doc, rng)) for doc in docs]
    rows += run_documents("PerDT reversed lines", reversed_docs, systems, wer_target=None)
    rows += run_documents("PerDT clean", [(doc, doc) for doc in docs], systems, wer_target=None)
    # The same sentences, each repaired on its own: a pasted line or a table cell carries no
    # document around it (its own corruption draws, so no sentence is damaged as in a document).
    sentences = [s for doc in docs for s in doc.strip("\n").split("\n\n")]
    rng = random.Random(SEED)
    alone = [(s, corruption.corrupt(s, rng)) for s in sentences]
    rows += run_documents("PerDT corrupted, each sentence alone", alone, systems,
                          wer_target=None)
    rows += run_documents("PerDT clean, each sentence alone", [(s, s) for s in sentences],
                          systems, wer_target=None)
    return rows


#: Our own sentences in spoken Persian (see spoken/README.md), and the seeds they are broken with.
SPOKEN = Path(__file__).resolve().parent / "spoken"
SPOKEN_SEEDS = (1000, 1001, 1002)


def run_spoken(systems: dict[str, Callable[[str], str]]) -> list[Result]:
    """Each file of spoken sentences broken (three draws) and restored as one document and
    each sentence alone, then passed through clean."""
    rows: list[Result] = []
    for path in sorted(SPOKEN.glob("*.txt")):
        sentences = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip()]
        docs, alone = [], []
        for seed in SPOKEN_SEEDS:
            rng = random.Random(seed)
            broken = [corruption.corrupt(s, rng) for s in sentences]
            docs.append(("\n\n".join(sentences) + "\n", "\n\n".join(broken) + "\n"))
            alone += list(zip(sentences, broken, strict=True))
        name = f"spoken {path.stem}"
        rows += run_documents(f"{name} corrupted", docs, systems, wer_target=None)
        rows += run_documents(f"{name} corrupted, each sentence alone", alone, systems,
                              wer_target=None)
        rows += run_documents(f"{name} clean, each sentence alone",
                              [(s, s) for s in sentences], systems, wer_target=None)
    return rows


def run_seed(shared: Path, systems: dict[str, Callable[[str], str]]) -> list[tuple[str, float,
                                                                                   int, float]]:
    """``(system, known-word share, tokens, seconds)`` on the paper's PDF text."""
    text = (shared / "seed_redacted.txt").read_text(encoding="utf-8")
    known = KnownWords()
    rows = []
    for name, system in systems.items():
        started = time.perf_counter()
        out = system(text)
        seconds = time.perf_counter() - started
        share, tokens = known.share(out)
        rows.append((name, share, tokens, seconds))
    return rows


def _probe(mb: float, system: str, fixtures: Path) -> dict[str, float]:
    """Run ``speed_probe.py`` in a fresh interpreter and read its JSON line."""
    cmd = [sys.executable, str(HERE / "speed_probe.py"), "--mb", str(mb), "--system", system,
           "--fixtures", str(fixtures)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=3600)
    if proc.returncode != 0:
        msg = f"{' '.join(cmd)} failed: {proc.stderr.strip()[-2000:]}"
        raise RuntimeError(msg)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def run_speed(fixtures: Path, mb: float) -> dict[str, dict[str, float]]:
    """Throughput and peak memory on 1 MB and ``mb`` MB, for hazm and cirmtext."""
    return {f"{system}@{size:g}": _probe(size, system, fixtures)
            for system in ("hazm", "cirmtext") for size in (1.0, mb)}


# ------------------------------------------------------------------------------ report

def _pct(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{100 * value:.{digits}f}%"


def _num(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


HEADER = ("| set | system | WER | WER (ZWNJ≡space) | CER | ZWNJ P / R / F1 | splits repaired "
          "| false merges | reversed lines restored | false reorders | clean tokens changed "
          "| s |\n|---|---|---|---|---|---|---|---|---|---|---|---|")


def format_row(row: Result) -> str:
    s = row.score
    zwnj = " / ".join(_num(v, 3) for v in (s.zwnj_p, s.zwnj_r, s.zwnj_f1))
    splits = f"{_pct(s.splits_rate)} ({s.splits_repaired}/{s.splits})" if s.splits else "n/a"
    merges = f"{_pct(s.false_merge_rate, 2)} ({s.false_merges})" if s.splits else "n/a"
    rr = s.reorder
    restored = (f"{_pct(rr.restored_rate)} ({rr.restored}/{rr.reversed_lines})"
                if rr.reversed_lines else "n/a")
    reorders = f"{rr.false_reorders}/{rr.forward_lines}" if rr.forward_lines else "n/a"
    clean = (f"{_pct(s.clean_changed, 2)} ({s.clean_changed_tokens}/{s.clean_tokens})"
             if s.clean_tokens else "n/a")
    name = f"**{row.system}**" if row.system == "cirmtext" else row.system
    flag = " ✗" if row.misses else ""
    return (f"| {row.set_name} | {name}{flag} | {_num(s.wer)} | {_num(s.wer_zwnj)} | "
            f"{_num(s.cer)} | {zwnj} | {splits} | {merges} | {restored} | {reorders} | "
            f"{clean} | {row.seconds:.2f} |")


def targets_line() -> str:
    t = TARGETS
    return (f"Targets (issue 2, for cirmtext): WER ≤ {t['wer_pairs']} per renderer/extractor "
            f"pair, ≤ {t['wer_seed']} on the paper's text; ZWNJ F1 ≥ {t['zwnj_f1']}; splits "
            f"repaired ≥ {t['splits_repaired']:.0%} with false merges ≤ {t['false_merges']:.1%}; "
            f"reversed lines restored ≥ {t['lines_restored']:.0%} with "
            f"{t['false_reorders']} false reorders; clean tokens changed ≤ "
            f"{t['clean_changed']:.1%}; throughput ≥ {t['speed_ratio']:g}× hazm; memory flat "
            f"(working memory at 10 MB ≤ {t['memory_growth']:g}× that at 1 MB + 16 MiB). "
            "✗ marks a cirmtext row that misses one.")


def report(rows: list[Result], seed_rows: list[tuple[str, float, int, float]] | None,
           speed: dict[str, dict[str, float]] | None, mb: float, misses: list[str],
           notes: list[str]) -> str:
    lines = [targets_line(), "", HEADER, *(format_row(r) for r in rows), ""]
    if seed_rows is not None:
        lines += ["Paper's PDF text (`seed_redacted.txt`, no gold text): share of word tokens "
                  "that are known words (hazm's lexicon, or a form hazm's lemmatizer reduces to "
                  "one).", "", "| system | known-word share | tokens | s |", "|---|---|---|---|"]
        lines += [f"| {name} | {_pct(share)} | {tokens} | {sec:.2f} |"
                  for name, share, tokens, sec in seed_rows]
        lines.append("")
    if speed is not None:
        lines += ["| throughput and memory | hazm | cirmtext | cirmtext / hazm |",
                  "|---|---|---|---|"]
        for size in (1.0, mb):
            h, c = speed[f"hazm@{size:g}"], speed[f"cirmtext@{size:g}"]
            lines.append(f"| chars/s on {h['mb']:.1f} MB ({int(h['chars']):,} chars) | "
                         f"{h['chars_per_s']:,.0f} | {c['chars_per_s']:,.0f} | "
                         f"{c['chars_per_s'] / h['chars_per_s']:.2f}× |")
        for size in (1.0, mb):
            h, c = speed[f"hazm@{size:g}"], speed[f"cirmtext@{size:g}"]
            lines.append(f"| peak RSS growth on {h['mb']:.1f} MB (working memory beyond the "
                         f"output string) | {h['peak_growth_mib']:.1f} MiB "
                         f"({h['working_mib']:.1f}) | {c['peak_growth_mib']:.1f} MiB "
                         f"({c['working_mib']:.1f}) | |")
        if not all(v.get("peak_exact") for v in speed.values()):
            notes.append("the peak RSS could not be reset here: memory figures are high-water "
                         "marks that include the warm-up")
        lines.append("")
    lines += [f"- {note}" for note in notes]
    if misses:
        lines += ["", "Missed targets:", *(f"- {m}" for m in misses)]
    return "\n".join(lines) + "\n"


def speed_misses(speed: dict[str, dict[str, float]], mb: float) -> list[str]:
    h, c = speed[f"hazm@{mb:g}"], speed[f"cirmtext@{mb:g}"]
    misses = []
    ratio = c["chars_per_s"] / h["chars_per_s"]
    if ratio < TARGETS["speed_ratio"]:
        misses.append(f"throughput: cirmtext {ratio:.2f}× hazm < {TARGETS['speed_ratio']:g}× "
                      f"on {mb:g} MB")
    small, big = speed["cirmtext@1"]["working_mib"], c["working_mib"]
    if big > TARGETS["memory_growth"] * small + 16:
        misses.append(f"memory: cirmtext working memory {big:.1f} MiB at {mb:g} MB vs "
                      f"{small:.1f} MiB at 1 MB (not flat)")
    return misses


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared data folder (default: ../shared/data next to the repo)")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--sets", nargs="+", default=["fixtures", "perdt", "spoken", "seed",
                                                      "speed"],
                        choices=["fixtures", "perdt", "spoken", "seed", "speed"])
    parser.add_argument("--mb", type=float, default=10.0, help="throughput input size (MB)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for scoring (default: all cores)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when cirmtext misses a target from issue 2")
    args = parser.parse_args(list(argv) if argv is not None else None)

    global POOL
    systems = make_systems()
    if args.jobs > 1:
        POOL = concurrent.futures.ProcessPoolExecutor(
            args.jobs, mp_context=multiprocessing.get_context("fork"))
    rows: list[Result] = []
    notes: list[str] = []
    seed_rows = speed = None
    if "fixtures" in args.sets:
        if (args.fixtures / "manifest.json").is_file():
            stale = stale_samples(args.fixtures)
            if stale:
                notes.append(f"fixtures of {', '.join(stale)} were built from an older version "
                             "of the transcript (the committed gold still matches them); "
                             "rebuild with build_fixtures.py")
            pair_rows: list[Result] = []
            for pair, docs in sorted(fixture_pairs(args.fixtures).items()):
                pair_rows += run_documents(pair, docs, systems, wer_target=TARGETS["wer_pairs"])
            rows += pair_rows
            for name in systems:
                mine = [r for r in pair_rows if r.system == name]
                total = Result(f"all {len(mine)} pairs", name,
                               Score.total([r.score for r in mine]),
                               sum(r.seconds for r in mine))
                if name == "cirmtext":
                    check_targets(total, wer_target=TARGETS["wer_pairs"])
                rows.append(total)
        else:
            notes.append(f"fixtures skipped: no {args.fixtures / 'manifest.json'}")
    if "perdt" in args.sets:
        if (args.shared / "ud_perdt" / "perdt_sample.jsonl").is_file():
            rows += run_perdt(args.shared, systems)
        else:
            notes.append(f"PerDT skipped: {args.shared}/ud_perdt/perdt_sample.jsonl is absent")
    if "spoken" in args.sets:
        rows += run_spoken(systems)
    if "seed" in args.sets:
        if (args.shared / "seed_redacted.txt").is_file():
            seed_rows = run_seed(args.shared, systems)
            notes.append("WER on the paper's text (target ≤ 0.03) is not measured here: its "
                         "hand-corrected lines are kept outside the repository; score them "
                         "with benchmarks/repair/seed_sample.py GOLD.tsv.")
        else:
            notes.append(f"seed skipped: {args.shared}/seed_redacted.txt is absent")
    misses = [f"{r.set_name}: {m}" for r in rows for m in r.misses]
    if "speed" in args.sets:
        if (args.fixtures / "manifest.json").is_file():
            speed = run_speed(args.fixtures, args.mb)
            misses += speed_misses(speed, args.mb)
        else:
            notes.append("speed skipped: it repeats the fixtures, which are absent")
    notes.append("command: python benchmarks/repair/run.py "
                 + " ".join(sys.argv[1:] if argv is None else list(argv)))
    text = report(rows, seed_rows, speed, args.mb, misses, notes)
    print(text)
    if args.out:
        from cirmtext.io import atomic_write

        atomic_write(args.out, text)
    return 1 if args.check and misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
