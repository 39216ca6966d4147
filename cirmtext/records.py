"""Plain, frozen records that travel between the stages of the pipeline.

raw text -> repair (``Edit``) -> ``Document`` -> ``Turn`` / ``Segment`` / ``Sentence`` / ``Token``
-> ``Suggestion`` (with ``Evidence``) -> ``Decision``; codebooks are trees of ``Code``.

Offsets are ``[start, end)`` in Unicode code points. Unless a field says otherwise they index the
*repaired* text of the record's document, so ``document.text[s.start:s.end] == s.text``.
Every record turns into a JSON-ready dict with ``to_dict()`` and back with ``from_dict()``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

__all__ = [
    "Code",
    "Decision",
    "Document",
    "Edit",
    "Evidence",
    "Lemma",
    "Record",
    "Segment",
    "Sentence",
    "Suggestion",
    "Token",
    "Turn",
]


class Record:
    """Mixin giving frozen dataclasses a JSON-ready dict round trip.

    Tuples become lists, nested records become dicts; ``from_dict`` ignores no keys silently:
    an unknown key is a ``ValueError`` naming it, so a typo in a file is noticed.
    """

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {}

    def to_dict(self) -> dict[str, Any]:
        """Return the record as plain dicts, lists, strings and numbers."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build the record from the output of :meth:`to_dict` (or equivalent JSON)."""
        fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        unknown = set(data) - set(fields)
        if unknown:
            msg = f"{cls.__name__}: unknown field(s) {sorted(unknown)}; expected {sorted(fields)}"
            raise ValueError(msg)
        hints = typing.get_type_hints(cls)
        kwargs: dict[str, Any] = {}
        for name, value in data.items():
            kwargs[name] = _revive(hints[name], value)
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _revive(hint: Any, value: Any) -> Any:
    """Turn JSON data back into the type named by a field's annotation."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is type(None):
                continue
            return _revive(arg, value)
    if origin is tuple:
        item = args[0] if args else Any
        return tuple(_revive(item, v) for v in value)
    if isinstance(hint, type) and issubclass(hint, Record) and isinstance(value, Mapping):
        return hint.from_dict(value)
    if origin is dict or hint is dict:
        return dict(value)
    return value


@dataclass(frozen=True, slots=True)
class Edit(Record):
    """One change made by a repair rule.

    ``start``/``end`` index the text given to ``repair``; ``before`` is the text the rule
    replaced (as the rule saw it) and ``after`` what it wrote instead.
    """

    rule: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Document(Record):
    """A source text: as read (``original``) and after repair (``text``).

    ``edits`` are the repairs in ``original`` coordinates; with them the repair's offset map can
    be rebuilt to take any span of ``text`` back to ``original``.
    """

    id: str
    text: str
    original: str = ""
    path: str | None = None
    edits: tuple[Edit, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Turn(Record):
    """One speaker's turn in a transcript."""

    document_id: str
    speaker: str
    role: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Segment(Record):
    """The unit of coding: a span of a document with an id that survives re-runs.

    ``start``/``end`` index the repaired ``Document.text``; ``original_start``/``original_end``
    the file as read. ``unit`` says how it was cut (turn, paragraph, sentence, window).
    """

    id: str
    document_id: str
    start: int
    end: int
    text: str
    unit: str = "paragraph"
    speaker: str | None = None
    role: str | None = None
    original_start: int | None = None
    original_end: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sentence(Record):
    """A sentence span of a document's repaired text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Lemma(Record):
    """A dictionary form.

    For nouns and adjectives ``text`` is the base form (``کتاب‌ها`` → ``کتاب``). For verbs
    ``text`` is the past stem (Universal Dependencies' convention: ``می‌روند`` → ``رفت``) and
    ``present`` the present stem (``رو``), which hazm packs as ``'رفت#رو'``.
    """

    text: str
    present: str | None = None

    @property
    def is_verb(self) -> bool:
        """Whether this is a verb lemma (it has a present stem)."""
        return self.present is not None


@dataclass(frozen=True, slots=True)
class Token(Record):
    """A word, number or punctuation mark with its span in the text it was cut from.

    ``kind`` is one of ``word``, ``number``, ``latin``, ``punct``; ``lemma`` is ``None`` for
    punctuation and when lemmas were not asked for.
    """

    text: str
    start: int
    end: int
    kind: str = "word"
    lemma: Lemma | None = None
    is_stopword: bool = False


@dataclass(frozen=True, slots=True)
class Code(Record):
    """One node of a codebook tree.

    ``keywords`` are the terms and phrases that signal the code; ``exclusions`` are terms whose
    presence argues against it. ``codable`` is false for a category that only groups codes.
    """

    id: str
    label: str
    parent: str | None = None
    label_en: str | None = None
    description: str = ""
    keywords: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    level: str | None = None
    codable: bool = True


@dataclass(frozen=True, slots=True)
class Evidence(Record):
    """Why a code was suggested.

    ``kind`` is the method part that produced it (``keyword``, ``topic``, ``similarity``,
    ``supervised``); ``term`` what matched (a codebook term, a topic's top word); ``weight`` its
    contribution; ``start``/``end`` the matched span in the segment's text, when there is one.
    """

    kind: str
    term: str
    weight: float
    start: int | None = None
    end: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion(Record):
    """A candidate code for a segment, with a score in ``[0, 1]`` and its evidence."""

    segment_id: str
    code_id: str
    score: float
    method: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Decision(Record):
    """One entry of a coder's append-only decision log.

    ``action`` is ``accept``, ``reject``, ``add``, ``change``, ``remove`` or ``memo``; ``time`` an
    ISO 8601 UTC timestamp. ``previous_code_id`` is set when a code was changed. A project store
    also logs ``done`` (the coder finished the segment) and ``undo`` (``undoes`` names the entry
    taken back); ``id`` is the entry's place in the store's log.
    """

    segment_id: str
    code_id: str | None
    action: str
    coder: str
    time: str
    suggestion_method: str | None = None
    previous_code_id: str | None = None
    memo: str = ""
    id: int | None = None
    undoes: int | None = None
