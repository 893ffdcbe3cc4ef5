"""What a service call changed, so that every view can decide for itself what to refresh.

Every mutating service returns an ``Outcome``: its ``changes`` and, where the caller needs one, a
``value`` (the id of what it created, a seating snapshot …). The UI's hub broadcasts ``changes``.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# The parts a Changes can name besides the registry's domain keys (rdplanner.registry): a domain's data
# that another view shows on its own. "attendance": the sign-in of sittings (people); "layouts": the
# halls' seat layouts, shared by every event (seating).
PARTS = ("attendance", "layouts")


@dataclass(frozen=True)
class Changes:
    """A change set (Anki's OpChanges): which domain's data of which event changed, and which rows.

    ``domains`` holds (key, event id) pairs; an event id of None means "for every event" (a hall's
    layout, a setting). ``rows`` holds (kind, id) pairs where a view can use them ("seat", 12) to update
    in place instead of reloading. ``event_ids``: events whose own record changed; ``events_list``: the
    event list must be read again (an event added, renamed, re-dated, deleted, its head count changed).
    """

    domains: frozenset[tuple[str, int | None]] = frozenset()
    rows: frozenset[tuple[str, int]] = frozenset()
    event_ids: frozenset[int] = frozenset()
    events_list: bool = False
    deleted_event_ids: frozenset[int] = frozenset()
    settings: frozenset[str] = frozenset()

    @classmethod
    def of(cls, key: str, event_id: int | None = None, *, rows: Iterable[tuple[str, int]] = (),
           **fields: Any) -> "Changes":
        """The change of one domain (or part) of one event (None: of every event)."""
        return cls(domains=frozenset({(key, event_id)}), rows=frozenset(rows), **fields)

    def touches(self, key: str, event_id: int | None) -> bool:
        """True if ``key``'s data of the event changed (or of every event, or the event was deleted)."""
        return ((key, event_id) in self.domains or (key, None) in self.domains
                or (event_id is not None and event_id in self.deleted_event_ids))

    def touches_event(self, event_id: int | None) -> bool:
        """True if anything of the event changed: its record or any domain's data of it."""
        return event_id is not None and (event_id in self.event_ids or event_id in self.deleted_event_ids
                                         or any(e in (event_id, None) for _, e in self.domains))

    def row_ids(self, kind: str) -> frozenset[int]:
        """The ids of the changed rows of ``kind`` this change set names (empty: not said, reload)."""
        return frozenset(i for k, i in self.rows if k == kind)

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.domains | other.domains, self.rows | other.rows, self.event_ids | other.event_ids,
                       self.events_list or other.events_list, self.deleted_event_ids | other.deleted_event_ids,
                       self.settings | other.settings)

    def __bool__(self) -> bool:
        return bool(self.domains or self.event_ids or self.events_list or self.deleted_event_ids or self.settings)


NO_CHANGES = Changes()


@dataclass(frozen=True)
class Outcome:
    """What every mutating service returns: the change set and the service's value, if any.

    Unpacks as ``value, changes`` for callers that want both at once.
    """

    changes: Changes = NO_CHANGES
    value: Any = None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.value, self.changes))
