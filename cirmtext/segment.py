"""Speaker turns and codable segments of a transcript, with stable ids and exact offsets.

**Turns.** A line that starts with a speaker label opens a turn; lines without one continue
the current turn. Labels recognised out of the box (a colon, ASCII or full-width, ends each):
``مصاحبه‌گر``, ``مصاحبه‌کننده``, ``پرسشگر`` (interviewer); ``مصاحبه‌شونده``, also numbered
(``مصاحبه‌شونده ۱``), ``پاسخ‌دهنده``, ``پاسخگو``, ``شرکت‌کننده`` (respondent); ``س``/``ج``,
``پرسش``/``پاسخ``, ``سؤال``/``جواب``, ``Q``/``A``, ``I``/``R``/``P``, ``Interviewer``/
``Respondent``; bracketed ids ``[P03]``, ``[I1]`` (``I`` = interviewer, ``P``/``R`` =
respondent); and a short name of one to three words followed by a colon (``دکتر رضایی:``),
accepted only when the same name opens at least two lines of the document, so that a line like
«نکته: ...» is not taken for a speaker. A name or id equal to the front matter's
``interviewer`` gets the interviewer role, one equal to ``participant`` the respondent role.
When only named speakers are found, none with a role, the one who asks (clearly the most turns
with a question mark, at least half of theirs) is taken as the interviewer and the others as
respondents.
Your own patterns (``patterns=``) are tried first; ``ROLE=REGEX`` sets the role.

**Segments.** ``unit`` is ``turn``, ``paragraph`` (blank-line blocks, cut at turn starts),
``sentence`` or ``window`` (``window`` consecutive sentences of one turn). A segment's span
never crosses a turn and never includes the speaker label. Interviewer segments are left out
unless ``include_interviewer=True``.

**Ids** are ``{document id}:{unit}:{hash}`` where ``hash`` is the first 10 hex digits of the
SHA-1 of the segment's whitespace-normalised text; the second and later segments with the same
text in the same document get ``.2``, ``.3``... So a re-run gives the same ids, and editing one
part of a transcript does not renumber the segments elsewhere (ids do not depend on offsets).

>>> from cirmtext.corpus import document_from_text
>>> doc = document_from_text("مصاحبه‌گر: نظرتان چیست؟\\nمصاحبه‌شونده: خوب است.", "d1")
>>> [(t.speaker, t.role, t.text) for t in turns(doc)]
[('مصاحبه‌گر', 'interviewer', 'نظرتان چیست؟'), ('مصاحبه‌شونده', 'respondent', 'خوب است.')]
>>> [s.text for s in segment(doc)]
['خوب است.']
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .corpus import expand_paths, offset_map, read_document
from .errors import ConfigError, SegmentationError
from .io import DEFAULT_MAX_BYTES
from .records import Document, Segment, Turn
from .repair import RepairConfig
from .tokenize import sentences

__all__ = ["UNITS", "segment", "segment_corpus", "segment_id", "turns"]

UNITS = ("turn", "paragraph", "sentence", "window")
_COLON = r"[ \t]*[:：][ \t]*"
_DIGITS = "0-9۰-۹٠-٩"
#: What may come before a label on its line: spaces or a page break (PDF text), a bullet, bold
#: markers, a timestamp ([00:12:33]).
_LEAD = (rf"^[ \t\f\v]*(?:[-–•*]+[ \t]*)?(?:[\[(]?[{_DIGITS}]{{1,2}}(?::[{_DIGITS}]{{2}}){{1,2}}"
         rf"[\])]?[ \t]*(?:[-–][ \t]*)?)?(?:\*\*)?")
_NUM = rf"(?:[ \t]*[{_DIGITS}]{{1,3}})?"
_Z = "[\u200c ]?"
_BUILTIN: tuple[tuple[str, str], ...] = (
    ("interviewer", rf"مصاحبه{_Z}گر{_NUM}|مصاحبه{_Z}کننده{_NUM}|پرسشگر{_NUM}|پرسش{_Z}گر{_NUM}"),
    ("respondent", rf"مصاحبه{_Z}شونده{_NUM}|پاسخ{_Z}دهنده{_NUM}|پاسخگو{_NUM}|"
                   rf"شرکت{_Z}کننده{_NUM}"),
    ("interviewer", rf"(?:س|پرسش|سؤال|سوال){_NUM}|Q|I|Interviewer|INTERVIEWER"),
    ("respondent", rf"(?:ج|پاسخ|جواب){_NUM}|A|R|P|Respondent|RESPONDENT|Interviewee"),
)
_BRACKET = re.compile(rf"{_LEAD}\[(?P<speaker>[A-Za-z]{{1,3}}[0-9]{{0,4}})\](?:{_COLON}|[ \t]+)",
                      re.M)
_NAME = re.compile(
    rf"{_LEAD}(?P<speaker>[^\W\d_][^\s:：]{{0,15}}(?:[ \u200c][^\W\d_][^\s:：]{{0,15}}){{0,2}})"
    rf"(?:\*\*)?{_COLON}(?=\S|\r?\n)", re.M)
_BLANK = re.compile(r"\r?\n[ \t\r\f\v]*\n")


@dataclass(frozen=True, slots=True)
class _Label:
    start: int  # where the line starts
    content: int  # where the words after the label start
    speaker: str
    role: str


def _compile(patterns: Sequence[str] | None) -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for item in patterns or ():
        role, _, regex = item.partition("=") if re.match(r"^\w+=", item) else ("", "", item)
        if role and role not in ("interviewer", "respondent", "unknown"):
            raise ConfigError(f"unknown role {role!r} in speaker pattern {item!r}",
                              hint="use interviewer=REGEX, respondent=REGEX or just REGEX")
        regex = regex.replace(" ", "[ \u200c]")  # repair may have turned a space into ZWNJ
        try:
            compiled.append((role or "unknown",
                             re.compile(rf"{_LEAD}(?P<speaker>{regex}){_COLON}", re.M)))
        except re.error as exc:
            raise ConfigError(f"speaker pattern {item!r} is not a valid regular expression "
                              f"({exc})", hint="escape special characters") from None
    for role, regex in _BUILTIN:
        compiled.append((role, re.compile(rf"{_LEAD}(?P<speaker>{regex})(?:\*\*)?{_COLON}",
                                          re.M)))
    return compiled


def _labels(document: Document, patterns: Sequence[str] | None) -> list[_Label]:
    text = document.text
    meta = {str(k).lower(): str(v) for k, v in document.metadata.items()}
    found: dict[int, _Label] = {}
    for role, regex in _compile(patterns):
        for m in regex.finditer(text):
            if m.start() not in found:
                found[m.start()] = _Label(m.start(), m.end(), _clean(m.group("speaker")), role)
    for m in _BRACKET.finditer(text):
        if m.start() not in found:
            ident = m.group("speaker")
            role = {"I": "interviewer", "P": "respondent", "R": "respondent"}.get(
                ident[0].upper(), "unknown")
            found[m.start()] = _Label(m.start(), m.end(), ident, role)
    names = [m for m in _NAME.finditer(text) if m.start() not in found]
    counts = Counter(_clean(m.group("speaker")) for m in names)
    for m in names:
        name = _clean(m.group("speaker"))
        if counts[name] >= 2:
            found[m.start()] = _Label(m.start(), m.end(), name, "unknown")
    labels = []
    for label in sorted(found.values(), key=lambda x: x.start):
        role = label.role
        if label.speaker == meta.get("interviewer"):
            role = "interviewer"
        elif label.speaker in (meta.get("participant"), meta.get("respondent")):
            role = "respondent"
        labels.append(_Label(label.start, label.content, label.speaker, role))
    return labels


def _clean(speaker: str) -> str:
    return " ".join(speaker.replace("*", "").split())


def turns(document: Document, *, patterns: Sequence[str] | None = None) -> list[Turn]:
    """The speaker turns of a transcript; text before the first label is an unknown turn.

    Returns an empty list when no line starts with a speaker label.
    """
    labels = _labels(document, patterns)
    if not labels:
        return []
    text = document.text
    out: list[Turn] = []
    bounds = [(0, 0, "", "unknown")] + [(lb.start, lb.content, lb.speaker, lb.role)
                                        for lb in labels]
    for i, (_, content, speaker, role) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        start, stop = _trim(text, content, end)
        if start < stop:
            out.append(Turn(document.id, speaker, role, start, stop, text[start:stop]))
    return _guess_roles(out)


def _guess_roles(found: list[Turn]) -> list[Turn]:
    """Named speakers without a role: the one who asks (most turns with ؟) interviews."""
    speakers = {t.speaker for t in found if t.speaker}
    if len(speakers) < 2 or any(t.role != "unknown" for t in found if t.speaker):
        return found
    asks = {name: sum(("؟" in t.text or "?" in t.text) for t in found if t.speaker == name)
            / sum(1 for t in found if t.speaker == name) for name in speakers}
    ranked = sorted(asks.values(), reverse=True)
    if ranked[0] < 0.5 or ranked[0] - ranked[1] < 0.25:
        return found
    asker = max(asks, key=lambda name: asks[name])
    return [Turn(t.document_id, t.speaker, ("interviewer" if t.speaker == asker else
                                            "respondent") if t.speaker else t.role,
                 t.start, t.end, t.text) for t in found]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def segment_id(document_id: str, unit: str, text: str, seen: Counter[str] | None = None) -> str:
    """The stable id of a segment (see the module docstring).

    >>> segment_id("d1", "turn", "خوب  است.")
    'd1:turn:f9a498c638'
    """
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]
    base = f"{document_id}:{unit}:{digest}"
    if seen is None:
        return base
    seen[base] += 1
    return base if seen[base] == 1 else f"{base}.{seen[base]}"


def segment(document: Document, *, unit: str = "turn", window: int = 3,
            include_interviewer: bool = False,
            patterns: Sequence[str] | None = None) -> list[Segment]:
    """Cut a document into codable segments (see the module docstring).

    Raises:
        SegmentationError: ``unit="turn"`` and no speaker labels were found.
        ConfigError: an unknown unit, a window below 1, or a bad speaker pattern.
    """
    if unit not in UNITS:
        raise ConfigError(f"unknown segment unit {unit!r}", hint=f"use one of {', '.join(UNITS)}")
    if unit == "window" and (not isinstance(window, int) or window < 1):
        raise ConfigError(f"window must be a whole number of sentences >= 1, not {window!r}")
    found = turns(document, patterns=patterns)
    if unit == "turn" and not found:
        raise SegmentationError(
            "has no recognisable speaker turns", path=document.path or document.id,
            hint="label turns like 'مصاحبه‌گر:' / 'مصاحبه‌شونده:', pass --speakers PATTERN, "
                 "or use --unit paragraph")
    blocks = found or [Turn(document.id, "", "unknown", *_trim(document.text, 0,
                                                               len(document.text)), "")]
    spans: list[tuple[int, int, Turn]] = []
    for turn in blocks:
        if turn.role == "interviewer" and not include_interviewer:
            continue
        spans += [(s, e, turn) for s, e in _units(document.text, turn, unit, window)]
    offsets = offset_map(document)
    seen: Counter[str] = Counter()
    out = []
    for start, end, turn in spans:
        text = document.text[start:end]
        o_start, o_end = offsets.span_to_input(start, end)
        out.append(Segment(
            id=segment_id(document.id, unit, text, seen), document_id=document.id,
            start=start, end=end, text=text, unit=unit,
            speaker=turn.speaker or None, role=turn.role if found else None,
            original_start=o_start, original_end=o_end, metadata=dict(document.metadata)))
    return out


def _units(text: str, turn: Turn, unit: str, window: int) -> list[tuple[int, int]]:
    if unit == "turn":
        return [(turn.start, turn.end)]
    body = text[turn.start:turn.end]
    if unit == "paragraph":
        out, pos = [], 0
        for m in _BLANK.finditer(body):
            out.append(_trim(text, turn.start + pos, turn.start + m.start()))
            pos = m.end()
        out.append(_trim(text, turn.start + pos, turn.end))
        return [(s, e) for s, e in out if s < e]
    sents = [(turn.start + s.start, turn.start + s.end) for s in sentences(body)]
    if unit == "sentence":
        return sents
    return [(sents[i][0], sents[min(i + window, len(sents)) - 1][1])
            for i in range(0, len(sents), window)]


def _segment_path(args: tuple[Any, ...]) -> list[Segment]:
    path, kwargs, read_kwargs = args
    switches = read_kwargs.pop("repair_switches", None)
    if switches is not None:  # sent as a dict: RepairConfig objects do not pickle
        read_kwargs["repair_config"] = RepairConfig(**switches)
    return segment(read_document(path, **read_kwargs), **kwargs)


def segment_corpus(paths: Iterable[str | os.PathLike[str]], *, unit: str = "turn",
                   window: int = 3, include_interviewer: bool = False,
                   patterns: Sequence[str] | None = None, n_jobs: int = 1,
                   progress: bool = False, repair_config: RepairConfig | None = None,
                   encoding: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Segment]:
    """Segments of every document of a corpus, streamed file by file, in file order.

    Args:
        paths: files and folders (folders expand as in :func:`cirmtext.corpus.expand_paths`).
        n_jobs: worker processes (``-1``: all cores); each reads, repairs and segments whole
            files, and the results come back in file order.
        progress: show a progress bar over files on stderr.
        unit, window, include_interviewer, patterns: as for :func:`segment`.
        repair_config, encoding, max_bytes: as for :func:`cirmtext.corpus.read_document`.
    """
    files = expand_paths(paths)
    kwargs = {"unit": unit, "window": window, "include_interviewer": include_interviewer,
              "patterns": list(patterns) if patterns else None}
    read_kwargs = {"encoding": encoding, "max_bytes": max_bytes,
                   "repair_switches": repair_config.as_dict() if repair_config else None}
    jobs = [(path, kwargs, dict(read_kwargs)) for path in files]
    bar = _progress(len(files)) if progress else None
    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    if n_jobs <= 1 or len(files) <= 1:
        for job in jobs:
            yield from _segment_path(job)
            if bar:
                bar.update(1)
    else:
        import multiprocessing

        # a sliding window of 2 files per worker: results never pile up in memory when the
        # consumer is slower than the workers (Pool.imap would queue every file's result)
        with multiprocessing.get_context("spawn").Pool(n_jobs,
                                                       initializer=_ignore_interrupts) as pool:
            pending: deque[Any] = deque()
            for job in jobs:
                pending.append(pool.apply_async(_segment_path, (job,)))
                if len(pending) >= 2 * n_jobs:
                    yield from pending.popleft().get()
                    if bar:
                        bar.update(1)
            while pending:
                yield from pending.popleft().get()
                if bar:
                    bar.update(1)
    if bar:
        bar.close()


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _progress(total: int) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm comes with hazm
        return None
    return tqdm(total=total, unit="file", file=sys.stderr, disable=total < 2)
