"""The search engines: SQLite's FTS5 or PostgreSQL's tsvectors, chosen by the database in use."""

from django.db import connection

from .base import IndexUpkeep, SearchBackend, SearchQueries
from .postgresql import PostgresBackend
from .sqlite import SqliteFts5Backend

BACKENDS = {backend.vendor: backend for backend in (SqliteFts5Backend, PostgresBackend)}


def search_backend() -> SearchBackend:
    """The backend for the database in use."""
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from None


__all__ = [
    "BACKENDS",
    "IndexUpkeep",
    "PostgresBackend",
    "SearchBackend",
    "SearchQueries",
    "SqliteFts5Backend",
    "search_backend",
]
