"""What a service call changed, so that every view can decide for itself what to refresh."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """A change set returned by every mutating service (Anki's OpChanges)."""

    event_ids: frozenset[int] = frozenset()
    events_list: bool = False
    deleted_event_ids: frozenset[int] = frozenset()
    plans: bool = False
    roster_event_ids: frozenset[int] = frozenset()
    attendance_sitting_ids: frozenset[int] = frozenset()
    settings: frozenset[str] = frozenset()
