"""Choosing and creating the engine named in the settings."""

from __future__ import annotations

from searchapi.engines.base import Engine
from searchapi.settings import EngineName, Settings


def make_engine(settings: Settings) -> Engine:
    if settings.engine == EngineName.OPENSEARCH:
        from searchapi.engines.opensearch_engine import OpenSearchEngine

        return OpenSearchEngine.from_settings(settings)

    from searchapi.engines.sqlite_engine import SqliteEngine

    return SqliteEngine(
        settings.data_dir,
        query_time_limit_ms=settings.query_time_limit_ms,
        text_cache_entries=settings.text_cache_entries,
    )
