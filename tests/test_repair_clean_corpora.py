"""Correctly written Persian passes through the default repair unchanged: our own corpora.

Every text the project ships (``corpora/``: the interview samples, the dev and held-out sets,
the category documents and the codebooks' labels, descriptions, keywords and examples) is
written in correct modern orthography, so the default repair must not change a character of
it. A rule that starts damaging correct text fails here, with the changes listed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from cirmtext.repair import repair

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def _strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}[{i}]")


def _jsonl(name: str) -> list[dict[str, Any]]:
    lines = (CORPORA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _texts(source: str) -> list[tuple[str, str]]:
    if source == "samples":
        return [(p.name, p.read_text(encoding="utf-8"))
                for p in sorted((CORPORA / "samples").glob("*.txt"))]
    if source in ("devset/cirm_dev.jsonl", "holdout/cirm_holdout.jsonl"):
        return [(row["id"], row["text"]) for row in _jsonl(source)]
    if source == "categories":
        return [(f"{row['id']}[{i}]", para) for row in _jsonl("categories/documents.jsonl")
                for i, para in enumerate(row["paragraphs"])]
    return [pair for p in sorted((CORPORA / "codebooks").glob("*.yaml"))
            for pair in _strings(yaml.safe_load(p.read_text(encoding="utf-8")), p.stem)]


SOURCES = ["samples", "devset/cirm_dev.jsonl", "holdout/cirm_holdout.jsonl", "categories",
           "codebooks"]


@pytest.mark.parametrize("source", SOURCES)
def test_own_corpora_pass_through_unchanged(source: str) -> None:
    texts = _texts(source)
    assert len(texts) >= 5, f"{source}: expected a corpus, found {len(texts)} texts"
    changed = []
    for where, text in texts:
        result = repair(text)
        if result.text != text:
            edits = [(e.rule, e.before, e.after, text[max(0, e.start - 15):e.end + 15])
                     for e in result.edits]
            changed.append((where, edits))
    assert not changed, f"{source}: the repair changed correct text: {changed[:5]}"
