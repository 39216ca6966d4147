"""Learning from confirmations: the re-ranker, and the project workflow that feeds it decisions."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest
from sklearn.exceptions import NotFittedError

from cirmtext.cli import main
from cirmtext.codebook import Codebook, save_codebook
from cirmtext.errors import InputError, ProjectError
from cirmtext.records import Segment
from cirmtext.review.autosuggest import project_decisions, suggest_project
from cirmtext.review.store import Project
from cirmtext.suggest.combine import CombinedSuggester
from cirmtext.suggest.keywords import KeywordSuggester
from cirmtext.suggest.persist import load_model, save_model
from cirmtext.suggest.supervised import FEATURES, ConfirmationRanker

# Both codes share their only keyword, so the base ranking cannot tell them apart (a tie, broken
# by code id: A first); only confirmations tell which wording belongs to which.
CODEBOOK = Codebook.from_dict({"id": "demo", "codes": [
    {"id": "A", "label": "ارتباط با مردم", "keywords": ["سامانه"]},
    {"id": "B", "label": "امور اقتصادی", "keywords": ["سامانه"]}]})
A_TEXTS = ["سامانه پیامکی شکایت‌های شهروندان را ثبت می‌کند و پاسخ پیامکی می‌فرستد.",
           "شهروندان شکایت خود را با پیامک در سامانه ثبت می‌کنند.",
           "پیامک شکایت به سامانه می‌رسد و کارشناس به شکایت پاسخ می‌دهد."]
B_TEXTS = ["سامانه بودجه درآمد و مالیات شهرداری را نشان می‌دهد.",
           "بودجه شهرداری در سامانه مالی ثبت می‌شود و مالیات را حساب می‌کند.",
           "مالیات و بودجه را هر ماه از سامانه بودجه می‌خوانیم."]
SEGMENTS = [Segment(f"s{i}", "d", 0, len(t), t) for i, t in enumerate(A_TEXTS + B_TEXTS)]
CONFIRMED = {"s0": {"A"}, "s1": {"A"}, "s3": {"B"}, "s4": {"B"}}


def _ranking(rows: list[list]) -> list[list[tuple[str, float]]]:
    return [[(s.code_id, s.score) for s in row] for row in rows]


def test_confirmations_reorder_the_base_ranking() -> None:
    base = KeywordSuggester(CODEBOOK).fit(SEGMENTS)
    assert [row[0].code_id for row in base.suggest([SEGMENTS[2], SEGMENTS[5]])] == ["A", "A"]
    ranker = ConfirmationRanker(base).fit(SEGMENTS, CONFIRMED)
    assert ranker.model_ is not None and ranker.codes_ == ["A", "B"]
    assert ranker.model_.coef_.shape == (1, len(FEATURES))
    check = ranker.validation_     # the model is used because it beat the base ranking
    assert check["model"] > check["base"] and check["model_top3"] >= check["base_top3"]
    rest = ranker.suggest([SEGMENTS[2], SEGMENTS[5]])
    assert [row[0].code_id for row in rest] == ["A", "B"]
    best = rest[1][0]
    assert best.method == "supervised" and 0 <= best.score <= 1 and best.score > rest[1][1].score
    near = next(e for e in best.evidence if e.kind == "supervised")
    assert near.term in {"s3", "s4"} and near.weight > 0
    assert any(e.kind == "keyword" for e in best.evidence)  # the base's evidence is kept


def test_without_confirmations_the_base_ranking_is_kept() -> None:
    base = KeywordSuggester(CODEBOOK).fit(SEGMENTS)
    plain = _ranking(base.suggest(SEGMENTS))
    for confirmed in (None, {}, {"s0": {"A", "B"}}):   # nothing, or nothing to contrast
        ranker = ConfirmationRanker(base).fit(SEGMENTS, confirmed)
        assert ranker.model_ is None
        assert _ranking(ranker.suggest(SEGMENTS)) == plain
    # one confirmation per code: no code is shared by two confirmed segments, so the
    # similarity weights cannot be learned yet
    lone = ConfirmationRanker(base).fit(SEGMENTS, {"s0": {"A"}, "s3": {"B"}})
    assert lone.model_ is None and lone.shared_ == 0
    assert _ranking(lone.suggest(SEGMENTS)) == plain
    assert ConfirmationRanker(base).fit(SEGMENTS, CONFIRMED).shared_ == 4
    # without a cross-validation to show the model beats the base ranking, it is not used
    unchecked = ConfirmationRanker(base, folds=1).fit(SEGMENTS, CONFIRMED)
    assert unchecked.model_ is None and _ranking(unchecked.suggest(SEGMENTS)) == plain
    too_few = ConfirmationRanker(base, min_confirmed=5).fit(SEGMENTS, CONFIRMED)
    assert too_few.model_ is None and _ranking(too_few.suggest(SEGMENTS)) == plain
    unknown = ConfirmationRanker(base).fit(SEGMENTS, {"elsewhere": {"A"}})
    assert unknown.confirmed_ == {} and _ranking(unknown.suggest(SEGMENTS)) == plain


def test_rejections_are_honoured_and_learned_from() -> None:
    base = KeywordSuggester(CODEBOOK).fit(SEGMENTS)
    ranker = ConfirmationRanker(base).fit(SEGMENTS, CONFIRMED, {"s3": {"A"}, "s5": {"A"}})
    rows = ranker.suggest(SEGMENTS)
    assert [s.code_id for s in rows[5]] == ["B"]          # rejected on s5: never again there
    assert rows[3][0].code_id == "B"
    # rejections alone (no confirmation) keep the base order but drop what was rejected
    only = ConfirmationRanker(base).fit(SEGMENTS, {}, {"s2": {"A"}})
    assert only.model_ is None
    assert [s.code_id for s in only.suggest(SEGMENTS)[2]] == ["B"]
    assert _ranking(only.suggest(SEGMENTS[:2])) == _ranking(base.suggest(SEGMENTS[:2]))
    # a code both confirmed and rejected on a segment counts as confirmed
    both = ConfirmationRanker(base).fit(SEGMENTS, CONFIRMED, {"s0": {"A"}})
    assert both.rejected_["s0"] == frozenset()


def test_reproducible_with_a_fixed_seed() -> None:
    texts = SEGMENTS
    first = ConfirmationRanker(codebook=CODEBOOK, random_state=3).fit(texts, CONFIRMED)
    again = ConfirmationRanker(codebook=CODEBOOK, random_state=3).fit(texts, CONFIRMED)
    assert isinstance(first.base_, CombinedSuggester) and first.base_.random_state == 3
    assert _ranking(first.suggest(texts)) == _ranking(again.suggest(texts))


def test_bad_decisions_are_refused_clearly() -> None:
    base = KeywordSuggester(CODEBOOK).fit(SEGMENTS)
    with pytest.raises(InputError, match="segment 's0' must be a collection of code ids"):
        ConfirmationRanker(base).fit(SEGMENTS, {"s0": "A"})
    with pytest.raises(InputError, match="rejected decisions must map segment ids"):
        ConfirmationRanker(base).fit(SEGMENTS, {}, ["s0"])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="non-empty strings"):
        ConfirmationRanker(base).fit(SEGMENTS, {"s0": {""}})


def test_unfitted_base_is_fitted_saved_and_unfitted_ranker_refuses(tmp_path: Path) -> None:
    ranker = ConfirmationRanker(KeywordSuggester(CODEBOOK)).fit(SEGMENTS, CONFIRMED)
    assert hasattr(ranker.base_, "patterns_")
    save_model(ranker, tmp_path / "ranker.model")
    again = load_model(tmp_path / "ranker.model", codebook=CODEBOOK)
    assert _ranking(again.suggest(SEGMENTS)) == _ranking(ranker.suggest(SEGMENTS))
    with pytest.raises(NotFittedError):
        ConfirmationRanker(KeywordSuggester(CODEBOOK)).suggest(SEGMENTS)


INTERVIEW = "\n".join(f"مصاحبه‌گر: سؤال {n}؟\nمصاحبه‌شونده: {t}"
                      for n, t in enumerate(A_TEXTS + B_TEXTS, 1)) + "\n"


def _stored_first(path: Path) -> list[str]:
    with Project.open(path, readonly=True) as project:
        found = project.suggestions()
        return [found[s.id][0].code_id if found.get(s.id) else "" for s in project.segments()]


def test_project_workflow_learns_from_the_review(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path, source, book = tmp_path / "study.cirm", tmp_path / "interview.txt", tmp_path / "cb.json"
    source.write_text(INTERVIEW, encoding="utf-8")
    save_codebook(CODEBOOK, book)
    assert main(["init", str(path)]) == 0
    assert main(["add", str(path), str(source)]) == 0
    assert main(["suggest", str(path), "--codebook", str(book), "--method", "keywords"]) == 0
    assert _stored_first(path) == ["A"] * 6            # the base ties A and B everywhere
    # review with scripted keys: accept A on the first two; on the 4th and 5th accept B and
    # reject A (1 pressed twice); skip the 3rd and the 6th
    keys = ["1", "", "1", "", "s", "2", "1", "1", "", "2", "1", "1", "", "q"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(keys) + "\n"))
    assert main(["review", str(path), "--coder", "مریم"]) == 0
    with Project.open(path, readonly=True) as project:
        ids = [s.id for s in project.segments()]
        confirmed, rejected = project_decisions(project)
    assert confirmed == {ids[0]: {"A"}, ids[1]: {"A"}, ids[3]: {"B"}, ids[4]: {"B"}}
    assert rejected == {ids[3]: {"A"}, ids[4]: {"A"}}
    capsys.readouterr()
    assert main(["suggest", str(path), "--method", "keywords"]) == 0
    first = _stored_first(path)
    assert first[2] == "A" and first[5] == "B"         # re-ranked by the decisions
    with Project.open(path) as project:
        runs = project.suggestion_runs()
        assert "re-ranked by 4 confirmed segments and 2 rejections" in runs[-1]["model"]
        # re-suggesting reviewed segments never brings back a rejected code
        result = suggest_project(project, CODEBOOK, method="keywords", everything=True)
        assert result.confirmed == 4 and result.rejected == 2
        again = project.suggestions()
        assert [s.code_id for s in again[ids[3]]] == ["B"]
        # learn=False stores the method's own ranking
        suggest_project(project, CODEBOOK, method="keywords", learn=False)
        assert [s.method for s in project.suggestions()[ids[5]]] == ["keywords", "keywords"]


def test_foreign_or_broken_store_is_a_clear_error(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    foreign = tmp_path / "other.cirm"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE notes (id INTEGER, body TEXT)")
    db.close()
    with pytest.raises(ProjectError, match=r"other\.cirm"):
        Project.open(foreign)
    assert main(["suggest", str(foreign), "--method", "keywords"]) == 1
    assert "other.cirm" in capsys.readouterr().err
    broken = tmp_path / "broken.cirm"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x07" * 200)
    assert main(["suggest", str(broken), "--method", "keywords"]) == 1
    assert "broken.cirm" in capsys.readouterr().err
