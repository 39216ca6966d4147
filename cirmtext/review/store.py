"""The project file: one SQLite database holding a coding project and its decision log.

A project keeps the documents (the text as read and as repaired, with the repair's edits and
offset map), their segments, every codebook version used, the machine's suggestions (with the
method, model and codebook version behind them) and an **append-only log** of what coders decided.
Nothing in the log is ever updated or deleted (triggers refuse it); the current coding is
derived from the log by :meth:`Project.state`, and an undo is itself a logged entry.

Safety: WAL journal, ``synchronous=FULL`` and one transaction per decision, so a process killed
mid-review loses at most the decision it was writing; readers in other processes see the last
committed state. A file that is not a cirmtext project (another SQLite database, a text file, a
damaged file) is a :class:`~cirmtext.errors.ProjectError` naming it.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.cirm"
>>> with Project.open(path, create=True) as project:
...     project.add_document(Document("d1", "سلام دنیا", original="سلام دنیا"),
...                          [Segment("d1:0-9", "d1", 0, 9, "سلام دنیا")])
...     _ = project.record("d1:0-9", "add", "مریم", code_id="C01")
...     project.state()[("مریم", "d1:0-9")].codes
True
frozenset({'C01'})
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .._version import __version__
from ..codebook import Codebook
from ..errors import ProjectError
from ..records import Decision, Document, Edit, Evidence, Segment, Suggestion
from ..repair.align import OffsetMap, StageMap
from .schema import MIGRATIONS, statements

__all__ = ["ACTIONS", "APPLICATION_ID", "Project", "SegmentState", "utc_now"]

#: ``PRAGMA application_id`` of a cirmtext project ("CIRM" in ASCII).
APPLICATION_ID = 0x4349524D

#: What a log entry can say. ``done`` marks a segment finished by a coder; ``undo`` takes back
#: the entry named by ``undoes``.
ACTIONS = ("accept", "reject", "add", "change", "remove", "memo", "done", "undo")

_SQLITE_HEADER = b"SQLite format 3\x00"

def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class SegmentState:
    """One coder's current view of one segment, replayed from the log.

    Attributes:
        codes: the codes the coder gives the segment.
        rejected: suggested codes the coder turned down.
        memo: the coder's latest memo on the segment.
        done: the coder marked the segment finished.
        last: id of the coder's last live log entry on the segment.
    """

    codes: frozenset[str] = frozenset()
    rejected: frozenset[str] = frozenset()
    memo: str = ""
    done: bool = False
    last: int = 0

    @property
    def decided(self) -> bool:
        """Whether the coder has decided anything about the segment."""
        return self.done or bool(self.codes) or bool(self.rejected)


@dataclass(slots=True)
class _Replay:
    codes: set[str] = field(default_factory=set)
    rejected: set[str] = field(default_factory=set)
    memo: str = ""
    done: bool = False
    last: int = 0

    def apply(self, d: Decision) -> None:
        code = d.code_id or ""
        if d.action in ("accept", "add"):
            self.codes.add(code)
            self.rejected.discard(code)
        elif d.action == "reject":
            self.codes.discard(code)
            self.rejected.add(code)
        elif d.action == "remove":
            self.codes.discard(code)
        elif d.action == "change":
            self.codes.discard(d.previous_code_id or "")
            self.codes.add(code)
        elif d.action == "memo":
            self.memo = d.memo
        elif d.action == "done":
            self.done = True
        self.last = d.id or 0


class Project:
    """An open project file. Use :meth:`open`; close it (or use ``with``) when finished."""

    def __init__(self, connection: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self._db = connection
        self._depth = 0
        self._savepoints = itertools.count(1)

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, readonly: bool = False) -> Project:
        """Open (or with ``create=True`` create) the project at ``path``.

        Raises:
            ProjectError: the file is missing, not a cirmtext project, damaged, or from a newer
                cirmtext.
        """
        path = Path(path)
        if path.is_dir():
            raise ProjectError("is a folder, not a project file", path=path,
                               hint="give the .cirm file made by `cirmtext init`")
        fresh = not path.exists() or path.stat().st_size == 0
        if fresh and not create:
            raise ProjectError("no such project", path=path,
                               hint=f"create it with: cirmtext init {path}")
        if not fresh:
            with path.open("rb") as fh:
                head = fh.read(len(_SQLITE_HEADER))
            if head != _SQLITE_HEADER:
                raise ProjectError("is not a cirmtext project (not an SQLite database)", path=path,
                                   hint="give the .cirm file made by `cirmtext init`")
        try:
            project = cls._connect(path, fresh=fresh, readonly=readonly)
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"is damaged or not a cirmtext project ({exc})", path=path,
                               hint="restore it from a backup copy") from None
        return project

    @classmethod
    def _connect(cls, path: Path, *, fresh: bool, readonly: bool) -> Project:
        if fresh:
            path.parent.mkdir(parents=True, exist_ok=True)
        uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly and not fresh else 'rwc'}"
        db = sqlite3.connect(uri, uri=True, timeout=30.0, isolation_level=None,
                             check_same_thread=False)
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id != APPLICATION_ID and not (fresh or (app_id == 0 and tables == 0)):
                raise ProjectError("is an SQLite database but not a cirmtext project", path=path,
                                   hint="give the .cirm file made by `cirmtext init`")
            if version > len(MIGRATIONS):
                raise ProjectError(f"was written by a newer cirmtext (schema {version})",
                                   path=path, hint="upgrade cirmtext to open it")
            db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = FULL")
            project = cls(db, path, readonly)
            if version < len(MIGRATIONS):
                if readonly:
                    raise ProjectError("needs upgrading before it can be read", path=path,
                                       hint="open it once with a command that writes")
                project._migrate()
        except BaseException:
            db.close()
            raise
        return project

    def _migrate(self) -> None:
        with self.atomic():
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                             "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in self._db.execute("SELECT name FROM schema_migrations")}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in statements(sql):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, utc_now()))
            self._db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
            meta = {"format": "cirmtext-project", "created": utc_now(),
                    "created_by": f"cirmtext {__version__}"}
            self._db.executemany("INSERT OR IGNORE INTO project_meta VALUES (?, ?)", meta.items())

    def close(self) -> None:
        """Close the file (committed work is already on disk)."""
        self._db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise ProjectError(f"cannot be read or written ({exc})", path=self.path,
                               hint="check it with `cirmtext status --check`; if it is damaged, "
                                    "restore it from a backup copy") from exc

    def __repr__(self) -> str:
        return f"Project({str(self.path)!r})"

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction: all of the block's writes are kept, or none (savepoints when nested)."""
        if self._depth == 0:
            self._db.execute("BEGIN IMMEDIATE")
            name = None
        else:
            name = f"sp{next(self._savepoints)}"
            self._db.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self._db
        except BaseException:
            self._depth -= 1
            if name is None:
                self._db.execute("ROLLBACK")
            else:
                self._db.execute(f"ROLLBACK TO {name}")
                self._db.execute(f"RELEASE {name}")
            raise
        self._depth -= 1
        self._db.execute("COMMIT" if name is None else f"RELEASE {name}")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Project]:
        """Read several things as of one moment: writers in other processes go on, unseen."""
        if self._depth:
            yield self
            return
        self._db.execute("BEGIN DEFERRED")
        self._depth += 1
        try:
            yield self
        finally:
            self._depth -= 1
            self._db.execute("COMMIT")

    def check(self) -> list[str]:
        """Problems ``PRAGMA quick_check`` finds in the file (empty when it is sound)."""
        rows = [r[0] for r in self._db.execute("PRAGMA quick_check")]
        return [] if rows == ["ok"] else rows

    def meta(self) -> dict[str, str]:
        """The project's metadata (``format``, ``created``, ``created_by``)."""
        return dict(self._db.execute("SELECT key, value FROM project_meta").fetchall())

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [r[0] for r in self._db.execute("SELECT name FROM schema_migrations ORDER BY rowid")]

    # -- documents and segments --------------------------------------------------------------

    def add_document(self, document: Document, segments: Sequence[Segment],
                     offsets: OffsetMap | None = None) -> bool:
        """Store a document and its segments; ``False`` if the same text is already stored.

        Raises:
            ProjectError: another text is stored under the same document id.
        """
        original = document.original or document.text
        digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
        row = self._db.execute("SELECT sha256 FROM documents WHERE id = ?",
                               (document.id,)).fetchone()
        if row is not None:
            if row[0] == digest:
                return False
            raise ProjectError(f"already holds a different document named {document.id!r}",
                               path=self.path, hint="rename the file or use another project")
        stages = [] if offsets is None else offsets.stages
        with self.atomic() as db:
            seq = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (document.id, seq, Path(document.path).name if document.path else document.id,
                 document.path, original, document.text, digest,
                 _json([e.to_dict() for e in document.edits]),
                 _json([[s.in_starts, s.in_ends, s.out_starts, s.out_ends] for s in stages]),
                 _json(document.metadata), utc_now()))
            db.executemany("INSERT INTO segments VALUES (?,?,?,?,?,?,?,?,?,?,?)", [
                (s.id, document.id, s.start, s.end,
                 s.start if s.original_start is None else s.original_start,
                 s.end if s.original_end is None else s.original_end,
                 s.text, s.unit, s.speaker, s.role, _json(s.metadata)) for s in segments])
        return True

    def documents(self) -> list[Document]:
        """Every document, in the order they were added."""
        rows = self._db.execute("SELECT id, text, original, path, edits, metadata "
                                "FROM documents ORDER BY seq")
        return [Document(r[0], r[1], r[2], r[3], tuple(Edit(**e) for e in json.loads(r[4])),
                         json.loads(r[5])) for r in rows]

    def document_names(self) -> dict[str, str]:
        """Document id -> the file name it was added from."""
        return dict(self._db.execute("SELECT id, name FROM documents ORDER BY seq").fetchall())

    def offsets(self, document_id: str) -> OffsetMap:
        """The repair's offset map of a document (repaired text -> text as read)."""
        row = self._db.execute("SELECT offsets FROM documents WHERE id = ?",
                               (document_id,)).fetchone()
        if row is None:
            raise ProjectError(f"has no document {document_id!r}", path=self.path)
        return OffsetMap([StageMap(*(tuple(x) for x in s)) for s in json.loads(row[0])])

    def segments(self, document_id: str | None = None) -> list[Segment]:
        """Segments in reading order (document order, then position)."""
        sql = ("SELECT s.* FROM segments s JOIN documents d ON d.id = s.document_id "
               + ("WHERE s.document_id = ? " if document_id else "") + "ORDER BY d.seq, s.start")
        rows = self._db.execute(sql, (document_id,) if document_id else ())
        return [_segment(r) for r in rows]

    def segment_ids(self) -> list[str]:
        """Segment ids in reading order (cheaper than :meth:`segments` for large projects)."""
        rows = self._db.execute("SELECT s.id FROM segments s JOIN documents d "
                                "ON d.id = s.document_id ORDER BY d.seq, s.start")
        return [r[0] for r in rows]

    def segment(self, segment_id: str) -> Segment:
        """One segment by id."""
        row = self._db.execute("SELECT * FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is None:
            raise ProjectError(f"has no segment {segment_id!r}", path=self.path)
        return _segment(row)

    def counts(self) -> dict[str, int]:
        """How many documents, segments, suggestions and log entries the project holds."""
        out = {}
        for table in ("documents", "segments", "codebooks", "suggestions", "decisions"):
            out[table] = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    # -- codebooks and suggestions -----------------------------------------------------------

    def add_codebook(self, codebook: Codebook) -> int:
        """Store a codebook unless the same one is stored already; return its version number."""
        fingerprint = codebook.fingerprint
        row = self._db.execute("SELECT version FROM codebooks WHERE fingerprint = ?",
                               (fingerprint,)).fetchone()
        if row is not None:
            return int(row[0])
        with self.atomic() as db:
            cur = db.execute("INSERT INTO codebooks (codebook_id, fingerprint, data, added_at) "
                             "VALUES (?,?,?,?)",
                             (codebook.id, fingerprint, _json(codebook.to_dict()), utc_now()))
        return int(cur.lastrowid or 0)

    def codebook(self, version: int | None = None) -> Codebook | None:
        """The stored codebook ``version`` (the latest if ``None``); ``None`` if there is none."""
        if version is None:
            row = self._db.execute("SELECT data FROM codebooks "
                                   "ORDER BY version DESC LIMIT 1").fetchone()
        else:
            row = self._db.execute("SELECT data FROM codebooks WHERE version = ?",
                                   (version,)).fetchone()
        if row is None:
            return None
        return Codebook.from_dict(json.loads(row[0]), path=str(self.path), repair=False)

    def codebook_version(self) -> int | None:
        """The number of the latest stored codebook version."""
        row = self._db.execute("SELECT max(version) FROM codebooks").fetchone()
        return None if row[0] is None else int(row[0])

    def add_suggestions(self, segment_ids: Iterable[str], suggestions: Iterable[Suggestion], *,
                        method: str, model: str, codebook_version: int | None) -> int:
        """Store one suggestion run covering ``segment_ids``; return the run id.

        A segment's current suggestions are those of the latest run that covered it, so a
        segment for which a newer run found nothing shows nothing.
        """
        with self.atomic() as db:
            run = db.execute("INSERT INTO suggestion_runs (method, model, codebook_version, "
                             "created_at) VALUES (?,?,?,?)",
                             (method, model, codebook_version, utc_now())).lastrowid
            db.executemany("INSERT INTO suggestion_coverage VALUES (?, ?)",
                           [(sid, run) for sid in dict.fromkeys(segment_ids)])
            rank: dict[str, int] = {}
            rows = []
            for s in suggestions:
                rank[s.segment_id] = rank.get(s.segment_id, 0) + 1
                rows.append((run, s.segment_id, s.code_id, rank[s.segment_id], s.score,
                             s.method, _json([e.to_dict() for e in s.evidence])))
            db.executemany("INSERT INTO suggestions (run_id, segment_id, code_id, rank, score, "
                           "method, evidence) VALUES (?,?,?,?,?,?,?)", rows)
        return int(run or 0)

    def suggestions(self, segment_id: str | None = None) -> dict[str, list[Suggestion]]:
        """Current suggestions by segment id, best first."""
        sql = ("SELECT s.segment_id, s.code_id, s.score, s.method, s.evidence FROM suggestions s "
               "JOIN (SELECT segment_id, max(run_id) AS run_id FROM suggestion_coverage "
               + ("WHERE segment_id = ? " if segment_id else "") + "GROUP BY segment_id) c "
               "ON c.segment_id = s.segment_id AND c.run_id = s.run_id "
               "ORDER BY s.segment_id, s.rank")
        out: dict[str, list[Suggestion]] = {}
        for r in self._db.execute(sql, (segment_id,) if segment_id else ()):
            evidence = tuple(Evidence(**e) for e in json.loads(r[4]))
            out.setdefault(r[0], []).append(Suggestion(r[0], r[1], r[2], r[3], evidence))
        return out

    def suggestion_runs(self) -> list[dict[str, Any]]:
        """Every suggestion run: id, method, model, codebook version, time."""
        cur = self._db.execute("SELECT id, method, model, codebook_version, created_at "
                               "FROM suggestion_runs ORDER BY id")
        keys = ("id", "method", "model", "codebook_version", "created_at")
        return [dict(zip(keys, r, strict=True)) for r in cur]

    # -- the decision log --------------------------------------------------------------------

    def record(self, segment_id: str, action: str, coder: str, *, code_id: str | None = None,
               previous_code_id: str | None = None, memo: str = "",
               suggestion_method: str | None = None, undoes: int | None = None,
               time: str | None = None) -> Decision:
        """Append one entry to the log, in its own transaction, and return it with its id."""
        if action not in ACTIONS:
            raise ProjectError(f"unknown decision action {action!r}", path=self.path,
                               hint=f"use one of {', '.join(ACTIONS)}")
        if action in ("accept", "reject", "add", "remove", "change") and not code_id:
            raise ProjectError(f"a {action!r} decision needs a code", path=self.path)
        if not coder.strip():
            raise ProjectError("a decision needs a coder name", path=self.path,
                               hint="pass --coder NAME")
        decision = Decision(segment_id, code_id, action, coder, time or utc_now(),
                            suggestion_method, previous_code_id, memo, None, undoes)
        try:
            with self.atomic() as db:
                cur = db.execute(
                    "INSERT INTO decisions (segment_id, code_id, action, coder, time, "
                    "suggestion_method, previous_code_id, memo, undoes) VALUES (?,?,?,?,?,?,?,?,?)",
                    (segment_id, code_id, action, coder, decision.time, suggestion_method,
                     previous_code_id, memo, undoes))
        except sqlite3.IntegrityError as exc:
            raise ProjectError(f"cannot record {action} on {segment_id!r}: {exc}",
                               path=self.path, hint="is the segment in this project?") from None
        return _with_id(decision, cur.lastrowid)

    def decisions(self, coder: str | None = None, *, live: bool = False) -> list[Decision]:
        """Log entries in order; ``live=True`` leaves out undos and what they took back."""
        table = "live_decisions" if live else "decisions"
        sql = (f"SELECT segment_id, code_id, action, coder, time, suggestion_method, "
               f"previous_code_id, memo, id, undoes FROM {table} "
               + ("WHERE coder = ? " if coder else "") + "ORDER BY id")
        return [Decision(*r) for r in self._db.execute(sql, (coder,) if coder else ())]

    def coders(self) -> list[str]:
        """Everyone who has decided something, in order of first decision."""
        rows = self._db.execute("SELECT coder FROM decisions GROUP BY coder ORDER BY min(id)")
        return [r[0] for r in rows]

    def state(self, coder: str | None = None) -> dict[tuple[str, str], SegmentState]:
        """Current state per ``(coder, segment_id)``, replayed from the live log."""
        replay: dict[tuple[str, str], _Replay] = {}
        for d in self.decisions(coder, live=True):
            replay.setdefault((d.coder, d.segment_id), _Replay()).apply(d)
        return {k: SegmentState(frozenset(v.codes), frozenset(v.rejected), v.memo, v.done,
                                v.last) for k, v in replay.items()}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _segment(r: Sequence[Any]) -> Segment:
    return Segment(r[0], r[1], r[2], r[3], r[6], r[7], r[8], r[9], r[4], r[5], json.loads(r[10]))


def _with_id(decision: Decision, row_id: int | None) -> Decision:
    from dataclasses import replace

    return replace(decision, id=row_id)
