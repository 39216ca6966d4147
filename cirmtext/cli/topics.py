"""``cirmtext topics``: seeded topics of a corpus, their words and the codes they map to."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..codebook import load_codebook
from ..errors import ConfigError
from ._common import add_input_options, check_not_input, write_output

__all__ = ["ORDER", "register", "run"]

ORDER = 35


def register(sub: Any) -> None:
    """Add the ``topics`` subcommand."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "topics",
        help="fit seeded topic models; show topics, their words and mapped or new codes",
        description=(
            "Fit a topic model on the segments of INPUT (a JSONL file from `cirmtext segment` "
            'or any JSONL of {"id", "text"}) with one topic seeded per code of the codebook '
            "plus free topics, and map every topic to its best code or flag it as a candidate "
            "new code. Prints a table of the topics; -o writes them as JSON (top terms, weights, "
            "mapped code, suggested label, representative segment ids, coherence curve)."
            "\n\nExample: cirmtext topics segments.jsonl -o topics.json "
            "--codebook cirm_phenomenography --k auto"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT", help="segments JSONL, or - for stdin")
    parser.add_argument("-o", "--output", default=None,
                        help="write the topics as JSON here (- for stdout)")
    parser.add_argument("--codebook", default="cirm_phenomenography",
                        help="codebook file or bundled name (default: %(default)s)")
    parser.add_argument("--k", default="auto", metavar="N",
                        help="free topics besides the seeded ones, or auto: chosen by "
                             "coherence among --candidates (default: %(default)s)")
    parser.add_argument("--candidates", default="0,2,4,8",
                        help="free-topic counts tried by --k auto (default: %(default)s)")
    parser.add_argument("--model", choices=("mixture", "lda", "nmf"), default="mixture",
                        help="seeded mixture of unigrams (one topic per segment), warm-started "
                             "gensim LDA or seeded NMF (default: %(default)s)")
    parser.add_argument("--by", default="code",
                        help="seed one topic per code (leaves) or per code of a level, "
                             "e.g. phase1 (default: %(default)s)")
    parser.add_argument("--coherence", choices=("u_mass", "c_npmi", "c_v"), default="u_mass",
                        help="coherence measure for --k auto (default: %(default)s)")
    parser.add_argument("--expand", type=int, default=0, metavar="N",
                        help="grow each code's seeds with up to N co-occurring corpus terms "
                             "(keyword co-occurrence, before fitting)")
    parser.add_argument("--grow", type=int, default=0, metavar="N",
                        help="after a first fit, add up to N words concentrated in each seeded "
                             "topic's segments and refit")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--save-model", default=None, metavar="PATH",
                        help="also save the fitted model (reload with the same codebook)")
    add_input_options(parser)
    parser.set_defaults(func=run)


def _free(value: str) -> int | str:
    if value == "auto":
        return value
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        msg = f"--k must be a non-negative number or auto, not {value!r}"
        raise ConfigError(msg)
    return n


def run(args: argparse.Namespace) -> int:
    """Fit the topic suggester on INPUT and print / write its topics."""
    from ..suggest.persist import save_model
    from ..suggest.topics import TopicSuggester
    from .suggest import read_segments

    check_not_input(args.output, [args.input, args.codebook])
    check_not_input(args.save_model, [args.input, args.codebook, args.output])
    try:
        candidates = tuple(int(x) for x in args.candidates.split(",") if x.strip())
    except ValueError:
        msg = f"--candidates must be comma-separated numbers, not {args.candidates!r}"
        raise ConfigError(msg) from None
    codebook = load_codebook(args.codebook)
    segments, _ = read_segments(args.input, encoding=args.encoding, max_bytes=args.max_bytes)
    model = TopicSuggester(codebook, model=args.model, by=args.by, n_free=_free(args.k),
                           free_candidates=candidates, coherence=args.coherence,
                           expand=args.expand, grow=args.grow,
                           random_state=args.seed).fit(segments)
    texts = {s.id: s.text for s in segments}
    report = {
        "codebook": {"id": codebook.id, "fingerprint": codebook.fingerprint},
        "model": args.model, "by": args.by, "n_free": model.n_free_,
        "coherence": {"measure": args.coherence, "curve": [
            {"n_free": n, "coherence": c} for n, c in model.coherence_curve_]},
        "topics": [{**t.to_dict(), "examples": [texts[i][:200] for i in t.segments[:2]]}
                   for t in model.topics_],
    }
    out = sys.stderr if args.output in (None, "-") and args.output is not None else sys.stdout
    for n, c in model.coherence_curve_:
        print(f"free topics {n}: {args.coherence} {c:.3f}", file=out)
    print(f"{len(model.topics_)} topics ({model.n_free_} free), {len(segments)} segments, "
          f"codebook {codebook.id}", file=out)
    for t in model.topics_:
        code = t.code_id if t.code_id is not None else "NEW"
        how = "seed" if t.bound else f"{t.match:.2f}"
        print(f"{t.topic:>3}  {code:<8} {how:<5} {' '.join(t.terms[:8])}", file=out)
    if args.output is not None:
        write_output(args.output, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    if args.save_model:
        save_model(model, args.save_model)
    return 0
