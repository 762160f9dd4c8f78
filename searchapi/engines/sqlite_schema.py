"""The embedded engine's SQLite schema, derived from the shared field list."""

from __future__ import annotations

from mappings.fields import TEXT_FIELD_NAMES

SCHEMA_VERSION = 1


def schema_statements() -> list[str]:
    text_columns = ", ".join(TEXT_FIELD_NAMES)
    return [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # rowid is the join key to the FTS, R*Tree and facet tables; id is the public id.
        """CREATE TABLE providers (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            sort_name TEXT NOT NULL,
            lat REAL,
            lon REAL,
            doc TEXT NOT NULL
        )""",
        # Columns hold analysed stems separated by spaces, so FTS5 only splits on them.
        f"""CREATE VIRTUAL TABLE providers_fts USING fts5(
            {text_columns},
            tokenize = 'unicode61 remove_diacritics 0',
            detail = full
        )""",
        "CREATE VIRTUAL TABLE provider_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon)",
        """CREATE TABLE provider_facets (
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            doc INTEGER NOT NULL,
            PRIMARY KEY (facet, value, doc)
        ) WITHOUT ROWID""",
        "CREATE INDEX provider_facets_by_doc ON provider_facets (doc, facet, value)",
        """CREATE TABLE facet_labels (
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (facet, value)
        ) WITHOUT ROWID""",
        # Folded surface words with their document counts, for typo correction.
        "CREATE TABLE vocabulary (word TEXT PRIMARY KEY, doc_count INTEGER NOT NULL) WITHOUT ROWID",
        """CREATE TABLE suggestions (
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            kind TEXT NOT NULL,
            weight INTEGER NOT NULL,
            PRIMARY KEY (key, kind, label)
        ) WITHOUT ROWID""",
    ]
