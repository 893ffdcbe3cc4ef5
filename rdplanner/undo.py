"""One undo for every domain: a snapshot protocol, and recording an action between its snapshots.

``record`` runs one service between a "before" and an "after" snapshot in one transaction, under the
domain's lock, so "after" is exactly what that action did; ``restore_recorded`` puts a snapshot back
only if the current state is still the one expected, else refuses with StaleEdit. Qt-free.
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.errors import StaleEdit


@dataclass(frozen=True)
class Restored:
    """A snapshot put back: what changed, and how many of its items could not be restored."""

    changes: Changes
    skipped: int = 0


class Snapshotter(Protocol):
    """What a domain implements for undo, for one key (a seat plan id, an event id for its roster).

    ``take`` returns plain data that compares equal exactly when the state is the same; ``lock`` takes,
    on a server, the row lock every mutation of that state takes too (a no-op on SQLite, whose write
    transaction already serialises); ``restore`` makes the state ``state`` without committing;
    ``describe`` names what the key stands for, in Chinese, for messages (“座次图“……””).
    """

    domain: str

    def take(self, session: Session, key: Hashable) -> Hashable: ...

    def lock(self, session: Session, key: Hashable) -> None: ...

    def restore(self, session: Session, key: Hashable, state: Any) -> Restored: ...

    def describe(self, session: Session, key: Hashable) -> str: ...


@dataclass(frozen=True)
class Recorded:
    """An action run between its snapshots: undo restores ``before`` (expecting ``after``), redo the
    reverse. ``result`` is what the action returned; ``changes`` its change set (for the hub)."""

    before: Any
    after: Any
    result: Any
    changes: Changes


def changes_of(result: Any) -> Changes:
    """The change set of a service's result (an Outcome, or a domain's result with a ``changes`` field)."""
    return result.changes if result is not None else Changes()


@contextmanager
def _joined(session: Session) -> Iterator[Session]:
    """A session for the action inside ``session``'s transaction: its commit only releases a savepoint
    (SQLAlchemy's "join into an external transaction"), so the lock holds until ``record`` commits."""
    inner = Session(bind=session.connection(), join_transaction_mode="create_savepoint",
                    expire_on_commit=False)
    try:
        yield inner
        inner.flush()
    finally:
        inner.close()


def record(session: Session, *, snapshotter: Snapshotter, key: Hashable, action: Callable[..., Any],
           **kwargs: Any) -> Recorded:
    """Lock the key, snapshot it, run ``action(session, **kwargs)``, snapshot it again, and commit.

    Raises:
        Whatever ``action`` raises (RdplannerError); nothing is changed then.
    """
    snapshotter.lock(session, key)
    before = snapshotter.take(session, key)
    with _joined(session) as inner:
        result = action(inner, **kwargs)
    session.expire_all()  # the action wrote through the inner session: read its rows afresh
    after = snapshotter.take(session, key)
    session.commit()
    return Recorded(before, after, result, changes_of(result))


def restore_recorded(session: Session, *, snapshotter: Snapshotter, key: Hashable, state: Any,
                     expected: Any, redo: bool = False) -> Restored:
    """Put ``state`` back (an undo, or a redo if ``redo``) if the key still holds ``expected``, and commit.

    Raises:
        StaleEdit: someone or something changed the state since ``expected`` was recorded; nothing is
        changed. Whatever the domain's ``restore`` raises.
    """
    snapshotter.lock(session, key)
    if snapshotter.take(session, key) != expected:
        what = snapshotter.describe(session, key)
        session.rollback()
        raise StaleEdit(f"{what}已被他人或其他窗口修改，无法{'重做' if redo else '撤销'}；请刷新后再操作。")
    restored = snapshotter.restore(session, key, state)
    session.commit()
    return restored
