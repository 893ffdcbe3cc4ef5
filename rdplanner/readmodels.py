"""Turning query results into frozen read models (plain data that outlives its session)."""

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
