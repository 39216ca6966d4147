"""Word error rate on hand-corrected lines of the paper's PDF text, with the gold kept elsewhere.

The paper's text (``seed_redacted.txt``) must never be copied into the repository, so its
hand-corrected lines live outside it. This script scores no repair (``raw``), hazm's
``Normalizer().normalize`` and ``cirmtext.normalize`` against such a gold file: a UTF-8 TSV,
one sampled line a row, ``line<TAB>raw<TAB>gold`` (``line`` is the 1-based line number in the
text, ``raw`` that line as extracted, checked against the text, ``gold`` its corrected form in
reading order; blank lines and lines starting with ``#`` are skipped). Where the right form is
truly ambiguous the gold lists the forms it accepts, ``{به عنوان|به‌عنوان}``; a line's
distance is the smallest over its readings, its length that of the first reading.

How lines are compared: hazm runs on each raw line alone. cirmtext repairs the *whole* text
(its rules use evidence from the whole document and may drop or move lines), and each token of
its output goes to the raw line its source span starts in, through
``cirmtext.repair(text).offsets``; "cirmtext, line alone" is ``cirmtext.normalize`` of each raw
line on its own, as a user who pastes one line gets it (no evidence from the rest of the
text). Word error rate is the word edit distance over whitespace tokens
(``metrics.edit_distance``), summed over the lines and divided by the gold's words;
"ZWNJ≡space" first replaces ZWNJ by a space in both texts.

    python benchmarks/repair/seed_sample.py /outside/the/repo/gold.tsv \\
        [--seed ../shared/data/seed_redacted.txt] [--skip 288-340] [--details /tmp/lines.tsv]

Without the gold file or the text it says which is absent and exits 0 (nothing to measure).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from metrics import edit_distance  # noqa: E402

ZWNJ = "\u200c"
SYSTEMS = ("raw", "hazm", "cirmtext", "cirmtext, line alone")
_VARIANTS = re.compile(r"\{([^{}]*)\}")
#: A gold line with more readings than this is scored on its first this many.
MAX_READINGS = 256


def readings(gold: str) -> list[str]:
    """Every reading of a gold line with ``{a|b}`` variants, the first variants first.

    >>> readings("یک {به عنوان|به‌عنوان} دو") == ["یک به عنوان دو", "یک به\u200cعنوان دو"]
    True
    """
    parts = _VARIANTS.split(gold)
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.islice(itertools.product(*choices), MAX_READINGS)]


def _words(text: str, zwnj_as_space: bool) -> list[str]:
    return (text.replace(ZWNJ, " ") if zwnj_as_space else text).split()


def line_distance(gold: str, hyp: str, zwnj_as_space: bool = False) -> tuple[int, int]:
    """``(errors, gold words)``: the smallest word edit distance over the gold's readings,
    and the number of words of its first reading.

    >>> line_distance("{به عنوان|به‌عنوان} مشتری", "به‌عنوان مشتری")
    (0, 3)
    >>> line_distance("می‌رود", "می رود"), line_distance("می‌رود", "می رود", zwnj_as_space=True)
    ((2, 1), (0, 2))
    """
    options = readings(gold)
    hyp_words = _words(hyp, zwnj_as_space)
    best = min(edit_distance(_words(r, zwnj_as_space), hyp_words) for r in options)
    return best, len(_words(options[0], zwnj_as_space))


def read_gold(path: Path, lines: list[str]) -> list[tuple[int, str]]:
    """``(line number, gold)`` for each row; a row whose raw column is not that line of the
    text (a gold made for another version of it) stops the run."""
    rows = []
    for k, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        fields = row.split("\t")
        if len(fields) != 3 or not fields[0].strip().isdigit():
            raise SystemExit(f"{path}:{k}: expected line<TAB>raw<TAB>gold")
        number = int(fields[0])
        if not 1 <= number <= len(lines) or lines[number - 1].strip() != fields[1].strip():
            raise SystemExit(f"{path}:{k}: the raw column is not line {number} of the text")
        rows.append((number, fields[2]))
    return rows


def cirmtext_lines(text: str) -> dict[int, str]:
    """``cirmtext.repair`` of the whole text, split back into its lines (1-based numbers)."""
    import cirmtext

    repaired = cirmtext.repair(text)
    out = repaired.text
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", out)]
    by_line: dict[int, list[str]] = {}
    for (start, end), (source, _) in zip(spans, repaired.offsets.spans_to_input(spans),
                                         strict=True):
        by_line.setdefault(bisect.bisect_right(line_starts, source), []).append(out[start:end])
    return {number: " ".join(tokens) for number, tokens in by_line.items()}


def outputs(text: str, numbers: list[int]) -> dict[str, dict[int, str]]:
    """Each system's output for the given lines of ``text``."""
    import hazm

    import cirmtext

    lines = text.split("\n")
    per_line: dict[str, Callable[[str], str]] = {
        "raw": lambda line: line, "hazm": hazm.Normalizer().normalize,
        "cirmtext, line alone": lambda line: cirmtext.normalize(line).strip()}
    out = {name: {n: system(lines[n - 1]) for n in numbers} for name, system in per_line.items()}
    repaired = cirmtext_lines(text)
    out["cirmtext"] = {n: repaired.get(n, "") for n in numbers}
    return out


def score(rows: list[tuple[int, str]], out: dict[int, str]) -> dict[str, float]:
    """Word error rates (strict and ZWNJ≡space) and exact lines of one system."""
    strict = [line_distance(gold, out[n]) for n, gold in rows]
    loose = [line_distance(gold, out[n], zwnj_as_space=True) for n, gold in rows]
    words = sum(w for _, w in strict) or 1
    words_loose = sum(w for _, w in loose) or 1
    return {"wer": sum(d for d, _ in strict) / words,
            "wer_zwnj": sum(d for d, _ in loose) / words_loose,
            "exact": sum(d == 0 for d, _ in strict), "words": words, "words_zwnj": words_loose}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="the gold TSV (kept outside the repository)")
    parser.add_argument("--seed", type=Path,
                        default=HERE.parents[2] / "shared" / "data" / "seed_redacted.txt",
                        help="the paper's text (default ../shared/data/seed_redacted.txt)")
    parser.add_argument("--skip", metavar="A-B", action="append", default=[],
                        help="leave out the gold rows of lines A to B (repeatable)")
    parser.add_argument("--details", type=Path,
                        help="write each line's outputs and distances here (outside the repo)")
    args = parser.parse_args(argv)
    for path in (args.gold, args.seed):
        if not path.is_file():
            print(f"seed sample skipped: {path} is absent")
            return 0
    text = args.seed.read_text(encoding="utf-8")
    rows = read_gold(args.gold, text.split("\n"))
    for span in args.skip:
        low, _, high = span.partition("-")
        rows = [(n, g) for n, g in rows if not int(low) <= n <= int(high or low)]
    if not rows:
        print("seed sample: no gold rows left")
        return 0
    out = outputs(text, [n for n, _ in rows])
    scores = {name: score(rows, out[name]) for name in SYSTEMS}
    first = scores["raw"]
    print(f"{len(rows)} lines, {first['words']} gold words ({first['words_zwnj']} with ZWNJ as "
          "space)\n\n| system | WER | WER (ZWNJ≡space) | lines exact |\n|---|---|---|---|")
    for name, s in scores.items():
        print(f"| {name} | {s['wer']:.4f} | {s['wer_zwnj']:.4f} | {s['exact']}/{len(rows)} |")
    if args.details:
        from cirmtext.io import atomic_write

        lines = ["system\tline\terrors\terrors_zwnj\toutput\tgold"]
        for name in SYSTEMS:
            for n, gold in rows:
                hyp = out[name][n]
                lines.append(f"{name}\t{n}\t{line_distance(gold, hyp)[0]}\t"
                             f"{line_distance(gold, hyp, True)[0]}\t{hyp}\t{gold}")
        atomic_write(args.details, "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
