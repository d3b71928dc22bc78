"""A throwaway PostgreSQL cluster on 127.0.0.1 for benchmark 6, durable like production (fsync
on, unlike the tests' cluster which turns fsync off for speed). As root it runs as `postgres`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.fixtures.postgres import postgres_url, why_not

__all__ = ["cluster", "why_not"]


@contextmanager
def cluster(max_connections: int = 200) -> Iterator[str]:
    """A SQLAlchemy URL for a fresh database; the cluster is stopped and deleted afterwards."""
    with postgres_url(f"-c max_connections={max_connections}") as url:
        yield url
