"""The project file's schema: named migrations, applied in order by :class:`Project`.

Each migration is recorded by name in ``schema_migrations`` and ``PRAGMA user_version`` counts
them. Never edit a migration that has shipped: add a new one at the end.
"""

from __future__ import annotations

import sqlite3

__all__ = ["MIGRATIONS", "statements"]

#: ``(name, SQL)`` pairs, oldest first.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_project_meta", """
        CREATE TABLE project_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """),
    ("0002_documents_segments", """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, name TEXT NOT NULL, path TEXT,
            original TEXT NOT NULL, text TEXT NOT NULL, sha256 TEXT NOT NULL,
            edits TEXT NOT NULL, offsets TEXT NOT NULL, metadata TEXT NOT NULL,
            added_at TEXT NOT NULL);
        CREATE TABLE segments (
            id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            original_start INTEGER NOT NULL, original_end INTEGER NOT NULL,
            text TEXT NOT NULL, unit TEXT NOT NULL, speaker TEXT, role TEXT,
            metadata TEXT NOT NULL);
        CREATE INDEX segments_by_document ON segments(document_id, start);
    """),
    ("0003_codebooks_suggestions", """
        CREATE TABLE codebooks (
            version INTEGER PRIMARY KEY AUTOINCREMENT, codebook_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE, data TEXT NOT NULL, added_at TEXT NOT NULL);
        CREATE TABLE suggestion_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, method TEXT NOT NULL, model TEXT NOT NULL,
            codebook_version INTEGER REFERENCES codebooks(version), created_at TEXT NOT NULL);
        CREATE TABLE suggestion_coverage (
            segment_id TEXT NOT NULL REFERENCES segments(id),
            run_id INTEGER NOT NULL REFERENCES suggestion_runs(id),
            PRIMARY KEY (segment_id, run_id));
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES suggestion_runs(id),
            segment_id TEXT NOT NULL REFERENCES segments(id), code_id TEXT NOT NULL,
            rank INTEGER NOT NULL, score REAL NOT NULL, method TEXT NOT NULL,
            evidence TEXT NOT NULL);
        CREATE INDEX suggestions_by_segment ON suggestions(segment_id, run_id, rank);
    """),
    ("0004_decision_log", """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            segment_id TEXT NOT NULL REFERENCES segments(id),
            code_id TEXT,
            action TEXT NOT NULL CHECK (action IN
                ('accept','reject','add','change','remove','memo','done','undo')),
            coder TEXT NOT NULL CHECK (length(coder) > 0),
            time TEXT NOT NULL,
            suggestion_method TEXT, previous_code_id TEXT, memo TEXT NOT NULL DEFAULT '',
            undoes INTEGER REFERENCES decisions(id),
            CHECK ((action = 'undo') = (undoes IS NOT NULL)));
        CREATE INDEX decisions_by_coder ON decisions(coder, id);
        CREATE INDEX decisions_by_segment ON decisions(segment_id);
        CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions
            BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
        CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions
            BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
        CREATE VIEW live_decisions AS
            SELECT * FROM decisions WHERE action != 'undo'
            AND id NOT IN (SELECT undoes FROM decisions WHERE action = 'undo');
    """),
)



def statements(sql: str) -> list[str]:
    """Split a migration into statements (triggers keep their ``BEGIN ... END;`` body)."""
    out, buf = [], ""
    for line in sql.strip().splitlines():
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
