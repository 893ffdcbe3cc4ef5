"""Turning query results into frozen read models (plain data that outlives its session)."""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlmodel import Session

T = TypeVar("T")


def load_rows(session: Session, row_type: type[T], query: Select[Any]) -> tuple[T, ...]:
    """Run ``query`` (its columns in the order of ``row_type``'s leading fields) into one row per result.

    Fields past the query's columns keep their defaults (filled in afterwards by the caller).
    """
    names = [f.name for f in fields(row_type)]  # type: ignore[arg-type]
    result = session.execute(query)
    if len(result.keys()) > len(names):
        raise ValueError(f"{row_type.__name__}: query gives {len(result.keys())} columns for {len(names)} fields")
    return tuple(row_type(*r) for r in result)


SHARED = "rdplanner_shared_reads"


@contextmanager
def shared_reads(session: Session) -> Iterator[None]:
    """Within the block, ``read_once`` gives every caller the same read for the same key: the domains'
    checks run together (planning.event_problems) read the programme once, not once per domain. Nested
    blocks share the outer one; the reads are forgotten when the outer block ends."""
    if SHARED in session.info:
        yield
        return
    session.info[SHARED] = {}
    try:
        yield
    finally:
        session.info.pop(SHARED, None)


def read_once(session: Session, key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, or within a ``shared_reads`` block the value an earlier caller loaded for ``key``."""
    cache = session.info.get(SHARED)
    if cache is None:
        return load()
    if key not in cache:
        cache[key] = load()
    return cache[key]
