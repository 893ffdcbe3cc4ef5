"""The progress and cancel convention of every long core job (exports, imports, auto-seating, the demo).

A job takes ``progress(fraction)`` (0..1) and ``cancelled()`` callbacks, both defaulting to no-ops here,
and stops with a ``Cancelled`` (each domain has its own subclass and message) when ``cancelled()`` says so.
"""

from __future__ import annotations

from collections.abc import Callable

from rdplanner.errors import RdplannerError

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]


def no_progress(_fraction: float) -> None:
    """The default progress callback: report nothing."""


def not_cancelled() -> bool:
    """The default cancel predicate: never cancelled."""
    return False


class Cancelled(RdplannerError):
    """The user stopped a long job (or a newer action overtook it); nothing was changed or written."""

    code = "cancelled"
    default_message = "已取消，未作任何改动。"

    def __init__(self, message: str = "", **params: object) -> None:
        super().__init__(message or self.default_message, **params)


def check_cancelled(cancelled: IsCancelled, error: type[Cancelled] = Cancelled) -> None:
    """Raise ``error`` (with its default message) if ``cancelled()`` is true."""
    if cancelled():
        raise error()


def sub_step(progress: Progress, start: float, end: float, *, cancelled: IsCancelled = not_cancelled,
             error: type[Cancelled] = Cancelled) -> Progress:
    """Return a callback for one step of a job: its 0..1 maps onto ``start``..``end`` of ``progress``.

    Each report first polls ``cancelled`` and raises ``error`` if it is true, so a step that only
    reports progress is cancellable too (Orange's ``wrap_callback``).
    """
    span = end - start

    def report(fraction: float) -> None:
        check_cancelled(cancelled, error)
        progress(start + span * fraction)

    return report
