"""Dataless classification on ``corpora/categories`` (six categories, five seeds per code).

Each method gets the paragraphs of all 60 documents (unlabelled) and the codebook, and ranks the
six codes per paragraph. Paragraph accuracy: the top code is the paragraph's document category.
Document accuracy, two ways: paragraph scores summed per document (keywords: evidence sums;
others: scores), top code against the category ("sum"); and the code that is top for most of
the document's paragraphs ("vote"; ties to the larger sum).

Variants (the files are never changed):

* ``normal``: the codebook as shipped (five seeds per code);
* ``2seeds``: only the first two seed words of each code (seeds appear in far fewer paragraphs,
  closer to the held-out real case where keyword counting gets 0.21 / 0.45);
* ``noseed-text``: five seeds, but every seed word's occurrences removed from the paragraphs.

Methods: ``keywords`` (:class:`KeywordSuggester`), ``nmf`` (``TopicSuggester(model="nmf",
n_free=0)``), ``topics`` (the default :class:`TopicSuggester`), ``topics-grow`` (``grow=10,
expand=10``), ``dataless`` (:class:`BootstrapSuggester`), ``dataless+ctx`` (the same with
``context=0.5``: paragraphs of one document inform each other), ``combined`` (the default
:class:`CombinedSuggester`, what ``cirmtext suggest`` runs, with its shipped weights) and
``combined+ctx`` (the same with ``context=0.5``).

A second figure per method, "whole documents", gives each document's whole text to the method
as one segment (the corpus is then the 60 documents) and takes its top code.

Usage::

    python benchmarks/topics/categories.py [--json out.json]

Exits with status 1 if ``dataless`` does not beat ``keywords`` on paragraphs in the 2seeds variant,
or ``combined`` does not beat ``keywords`` on paragraphs in any variant. This corpus is measured
only: nothing was tuned on it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cirmtext.codebook import Codebook, load_codebook  # noqa: E402
from cirmtext.records import Segment  # noqa: E402
from cirmtext.suggest.combine import CombinedSuggester  # noqa: E402
from cirmtext.suggest.dataless import BootstrapSuggester  # noqa: E402
from cirmtext.suggest.keywords import KeywordSuggester  # noqa: E402
from cirmtext.suggest.topics import TopicSuggester  # noqa: E402
from cirmtext.tokenize import Analyzer  # noqa: E402

FOLDER = ROOT / "corpora" / "categories"


def load(folder: Path) -> tuple[Codebook, list[dict[str, Any]]]:
    codebook = load_codebook(folder / "codebook.yaml")
    with (folder / "documents.jsonl").open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return codebook, docs


def variant(codebook: Codebook, docs: list[dict[str, Any]], name: str
            ) -> tuple[Codebook, list[Segment], list[str]]:
    """The codebook and paragraph segments of one variant; gold code per paragraph."""
    if name == "2seeds":
        for code in list(codebook.codes):
            codebook = codebook.replace_code(dataclasses.replace(code,
                                                                 keywords=code.keywords[:2]))
    segments, gold = [], []
    analyze = Analyzer()
    seeds = {t for c in codebook.codes for k in c.keywords for t in analyze(k)}
    for doc in docs:
        for n, text in enumerate(doc["paragraphs"]):
            if name == "noseed-text":
                words = text.split()
                text = " ".join(w for w in words
                                if not (set(analyze(w)) & seeds)) or text
            segments.append(Segment(f"{doc['id']}-p{n}", doc["id"], 0, len(text), text))
            gold.append("CAT-" + doc["category"])
    return codebook, segments, gold


def documents(segments: list[Segment], gold: list[str]) -> tuple[list[Segment], list[str]]:
    """Each document's paragraphs joined into one segment, with the document's category."""
    texts: dict[str, list[str]] = {}
    label: dict[str, str] = {}
    for s, g in zip(segments, gold, strict=True):
        texts.setdefault(s.document_id, []).append(s.text)
        label[s.document_id] = g
    whole = ["\n\n".join(parts) for parts in texts.values()]
    return ([Segment(d, d, 0, len(t), t) for d, t in zip(texts, whole, strict=True)],
            [label[d] for d in texts])


def rank_scores(method: str, codebook: Codebook, segments: list[Segment]
                ) -> list[dict[str, float]]:
    if method == "keywords":
        model = KeywordSuggester(codebook).fit(segments)
        return [dict(s) for s in model.evidence_sums(segments)]
    if method == "dataless":
        model = BootstrapSuggester(codebook).fit(segments)
    elif method == "dataless+ctx":
        model = BootstrapSuggester(codebook, context=0.5).fit(segments)
    elif method == "combined":
        model = CombinedSuggester(codebook).fit(segments)
    elif method == "combined+ctx":
        model = CombinedSuggester(codebook, context=0.5).fit(segments)
    elif method == "nmf":
        model = TopicSuggester(codebook, model="nmf", n_free=0).fit(segments)
    elif method == "topics":
        model = TopicSuggester(codebook).fit(segments)
    elif method == "topics-grow":
        model = TopicSuggester(codebook, grow=10, expand=10).fit(segments)
    else:
        raise ValueError(method)
    return [{s.code_id: s.score for s in row} for row in model.suggest(segments)]


def accuracy(scores: list[dict[str, float]], segments: list[Segment], gold: list[str]
             ) -> tuple[float, float, float]:
    """Paragraphs; documents by summed scores; documents by a vote of paragraph top codes."""
    para = sum(bool(s) and max(s, key=s.get) == g for s, g in zip(scores, gold, strict=True))
    totals: dict[str, dict[str, float]] = {}
    votes: dict[str, dict[str, int]] = {}
    truth: dict[str, str] = {}
    for s, seg, g in zip(scores, segments, gold, strict=True):
        bucket = totals.setdefault(seg.document_id, {})
        ballot = votes.setdefault(seg.document_id, {})
        truth[seg.document_id] = g
        for code, v in s.items():
            bucket[code] = bucket.get(code, 0.0) + v
        if s:
            top = max(s, key=s.get)
            ballot[top] = ballot.get(top, 0) + 1
    doc = sum(bool(b) and max(b, key=b.get) == truth[d] for d, b in totals.items())
    # ties between equally many votes go to the larger summed score
    vote = sum(bool(b) and max(b, key=lambda c, d=d: (b[c], totals[d].get(c, 0.0))) == truth[d]
               for d, b in votes.items())
    return para / len(gold), doc / len(totals), vote / len(totals)


METHODS = ("keywords", "nmf", "topics", "topics-grow", "dataless", "dataless+ctx", "combined",
           "combined+ctx")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--methods", nargs="+", default=list(METHODS))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    base, docs = load(args.folder)
    report: dict[str, Any] = {}
    print("| variant | with a seed word | with any keyword evidence | method | paragraphs | "
          "documents (sum) | documents (vote) | whole documents | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in ("normal", "2seeds", "noseed-text"):
        codebook, segments, gold = variant(base, docs, name)
        kw = KeywordSuggester(codebook).fit(segments).evidence_sums(segments)
        share = sum(bool(s) for s in kw) / len(segments)
        analyze = Analyzer()
        seeds = {t for c in codebook.codes for k in c.keywords for t in analyze(k)}
        seeded = sum(bool(set(analyze(s.text)) & seeds) for s in segments) / len(segments)
        whole, whole_gold = documents(segments, gold)
        for method in args.methods:
            start = time.perf_counter()
            para, doc, vote = accuracy(rank_scores(method, codebook, segments), segments, gold)
            took = time.perf_counter() - start
            full = accuracy(rank_scores(method, codebook, whole), whole, whole_gold)[0]
            report.setdefault(name, {})[method] = {"paragraphs": para, "documents": doc,
                                                   "documents_vote": vote,
                                                   "whole_documents": full,
                                                   "seconds": took, "evidence_share": share,
                                                   "seed_share": seeded}
            print(f"| {name} | {seeded:.2f} | {share:.2f} | {method} | {para:.3f} | "
                  f"{doc:.3f} | {vote:.3f} | {full:.3f} | {took:.1f} |")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    hard = report.get("2seeds", {})
    if "dataless" in hard and "keywords" in hard and \
            hard["dataless"]["paragraphs"] <= hard["keywords"]["paragraphs"]:
        print("FAIL: dataless does not beat keyword counting on 2seeds paragraphs")
        return 1
    for name, methods in report.items():
        if "combined" in methods and "keywords" in methods and \
                methods["combined"]["paragraphs"] <= methods["keywords"]["paragraphs"]:
            print(f"FAIL: the default combined ranking does not beat keyword counting on "
                  f"{name} paragraphs")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
