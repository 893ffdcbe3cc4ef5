"""Running a core service from a widget through the hub: a core error is shown to the user (dialogs.show_error)
and the call returns None instead of raising; anything else is a bug and propagates."""

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget

from rdplanner.errors import RdplannerError
from ui import dialogs
from ui.hub import Hub

T = TypeVar("T")
FAILED = "操作未完成"


def apply_or_report(widget: QWidget, hub: Hub, service: Callable[..., T], /, error_title: str = FAILED,
                    **kwargs: Any) -> T | None:
    """Run a mutating service through ``hub`` (which broadcasts its changes) and return its result.

    A RdplannerError is shown over ``widget`` under ``error_title``; the call then returns None.
    """
    try:
        return hub.apply(service, **kwargs)
    except RdplannerError as exc:
        dialogs.show_error(widget, exc, error_title)
        return None


def read_or_report(widget: QWidget, hub: Hub, query: Callable[..., T], /, *args: Any, error_title: str = FAILED,
                   **kwargs: Any) -> T | None:
    """Run a reading service through ``hub`` and return its result; a RdplannerError is shown over
    ``widget`` under ``error_title`` and the call returns None (so a query that may itself return None
    needs its own try)."""
    try:
        return hub.read(query, *args, **kwargs)
    except RdplannerError as exc:
        dialogs.show_error(widget, exc, error_title)
        return None
