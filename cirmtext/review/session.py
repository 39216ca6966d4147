"""Review logic without a terminal: which segment comes next, record, undo, resume.

A :class:`ReviewSession` walks one coder through a project's segments in reading order. Every
action is written to the project's log at once (one transaction each), so quitting, a crash or
a killed process never loses more than the action being typed. Skipping is not logged: a
skipped segment stays undecided and comes back in a later session. Resuming starts at the
segment of the coder's last entry if it is not finished, else at the next undecided one.

>>> import tempfile, pathlib
>>> from cirmtext.records import Document, Segment, Suggestion
>>> project = Project.open(pathlib.Path(tempfile.mkdtemp()) / "p.cirm", create=True)
>>> _ = project.add_document(Document("d", "الف. ب.", original="الف. ب."),
...                          [Segment("d:0-4", "d", 0, 4, "الف."),
...                           Segment("d:5-7", "d", 5, 7, "ب.")])
>>> _ = project.add_suggestions(["d:0-4"], [Suggestion("d:0-4", "C1", 0.9, "keywords")],
...                             method="keywords", model="demo", codebook_version=None)
>>> session = ReviewSession(project, "مریم")
>>> session.current().segment.id
'd:0-4'
>>> _ = session.toggle(1)      # accept the first suggestion
>>> _ = session.done()         # finish the segment, go to the next
>>> session.current().segment.id
'd:5-7'
>>> _ = session.undo()         # takes back "done": back to the first segment
>>> session.current().segment.id, session.current().state.codes
('d:0-4', frozenset({'C1'}))
>>> project.close()
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Decision, Segment, Suggestion
from .store import Project, SegmentState

__all__ = ["ReviewSession", "SegmentView"]


@dataclass(frozen=True, slots=True)
class SegmentView:
    """What the reviewer sees for one segment."""

    segment: Segment
    document: str
    index: int
    total: int
    suggestions: tuple[Suggestion, ...]
    state: SegmentState


class ReviewSession:
    """One coder's pass over a project.

    Args:
        project: an open, writable project.
        coder: the name recorded with every decision.
    """

    def __init__(self, project: Project, coder: str) -> None:
        self.project = project
        self.coder = coder
        self._ids = project.segment_ids()
        self._index = {sid: i for i, sid in enumerate(self._ids)}
        self._names = project.document_names()
        self._skipped: set[str] = set()
        self._states = project.state(coder)
        self._position: int | None = self._resume_position()

    # -- where we are --------------------------------------------------------------------

    def _state(self, segment_id: str) -> SegmentState:
        return self._states.get((self.coder, segment_id), SegmentState())

    def _refresh(self) -> None:
        self._states = self.project.state(self.coder)

    def _resume_position(self) -> int | None:
        live = self.project.decisions(self.coder, live=True)
        if live:
            last = self._index.get(live[-1].segment_id, 0)
            if not self._state(self._ids[last]).done:
                return last
            return self._next_undecided(last)
        return self._next_undecided(-1)

    def _next_undecided(self, after: int) -> int | None:
        n = len(self._ids)
        for step in range(1, n + 1):
            i = (after + step) % n
            sid = self._ids[i]
            if sid not in self._skipped and not self._state(sid).decided:
                return i
        return None

    @property
    def finished(self) -> bool:
        """True when no undecided, unskipped segment is left."""
        return self._position is None

    def remaining(self) -> int:
        """Segments this coder has not decided yet."""
        return sum(not self._state(sid).decided for sid in self._ids)

    def current(self) -> SegmentView | None:
        """The segment under review, or ``None`` when the pass is finished."""
        if self._position is None:
            return None
        segment = self.project.segment(self._ids[self._position])
        suggestions = self.project.suggestions(segment.id).get(segment.id, [])
        return SegmentView(segment, self._names.get(segment.document_id, segment.document_id),
                           self._position + 1, len(self._ids), tuple(suggestions),
                           self._state(segment.id))

    def _require(self) -> SegmentView:
        view = self.current()
        if view is None:
            msg = "the review is finished: there is no segment to decide on"
            raise IndexError(msg)
        return view

    # -- actions -------------------------------------------------------------------------

    def _log(self, action: str, **kwargs: object) -> Decision:
        view = self._require()
        decision = self.project.record(view.segment.id, action, self.coder, **kwargs)  # type: ignore[arg-type]
        self._refresh()
        return decision

    def toggle(self, number: int) -> Decision:
        """Accept suggestion ``number`` (1-based), or reject it if it is already accepted."""
        view = self._require()
        if not 1 <= number <= len(view.suggestions):
            msg = f"there is no suggestion {number} (this segment has {len(view.suggestions)})"
            raise IndexError(msg)
        suggestion = view.suggestions[number - 1]
        action = "reject" if suggestion.code_id in view.state.codes else "accept"
        return self._log(action, code_id=suggestion.code_id, suggestion_method=suggestion.method)

    def add(self, code_id: str) -> Decision:
        """Give the segment a code that was not suggested."""
        return self._log("add", code_id=code_id)

    def remove(self, code_id: str) -> Decision:
        """Take a code off the segment."""
        return self._log("remove", code_id=code_id)

    def change(self, old: str, new: str) -> Decision:
        """Replace code ``old`` by ``new`` on the segment."""
        return self._log("change", code_id=new, previous_code_id=old)

    def memo(self, text: str) -> Decision:
        """Attach a memo to the segment (the latest memo is the current one)."""
        return self._log("memo", memo=text)

    def done(self) -> Decision:
        """Mark the segment finished and move to the next undecided one."""
        position = self._position
        decision = self._log("done")
        self._position = self._next_undecided(position if position is not None else -1)
        return decision

    def skip(self) -> None:
        """Leave the segment undecided for now and move on (not logged)."""
        view = self._require()
        self._skipped.add(view.segment.id)
        self._position = self._next_undecided(view.index - 1)

    def undo(self) -> Decision | None:
        """Take back this coder's latest live entry (logged as an ``undo``) and go to its segment.

        Returns ``None`` when there is nothing left to undo.
        """
        live = self.project.decisions(self.coder, live=True)
        if not live:
            return None
        target = live[-1]
        decision = self.project.record(target.segment_id, "undo", self.coder, undoes=target.id,
                                       code_id=target.code_id)
        self._refresh()
        self._skipped.discard(target.segment_id)
        self._position = self._index.get(target.segment_id, self._position)
        return decision
