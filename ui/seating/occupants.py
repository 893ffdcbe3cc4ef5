"""Who sits where, put on the seat items: the views of a plan's assignments after an action, and the
painter that updates only the seats whose occupant changed since its last paint (a swap in a 10,000-seat
hall touches two items, not every one)."""

from collections.abc import Iterable, Mapping, Sequence

from rdplanner.seating.editing import SeatingPerson, Snapshot
from rdplanner.seating.service import AssignmentView
from ui.seating.scene import NO_DELEGATION, ZONE_COLOURS, SeatItem, delegation_palette


def assignment_views(shown: Sequence[AssignmentView], state: Snapshot,
                     people: Iterable[SeatingPerson]) -> tuple[AssignmentView, ...]:
    """The assignments of ``state`` as the page shows them (people not in ``people`` left out). A seat
    whose view equals the one ``shown`` keeps that very object, so the painter finds changes by identity."""
    by_id = {person.participation_id: person for person in people}
    by_seat = {a.seat_id: a for a in shown}
    views = []
    for p in state.placements:
        person = by_id.get(p.participation_id)
        if person is None:
            continue
        old = by_seat.get(p.seat_id)
        if (old is not None and old.participation_id == p.participation_id and old.locked == p.locked
                and old.source == p.source and old.name == person.name and old.role == person.role
                and old.delegation == person.delegation and old.unit == person.unit):
            views.append(old)
        else:
            views.append(AssignmentView(p.seat_id, p.participation_id, person.name, person.role, p.locked,
                                        p.source, person.delegation, person.unit))
    return tuple(views)


class OccupantPainter:
    """Shows each seat's occupant on its item. Only the seats whose assignment differs from the last
    paint are touched, unless the colours changed (the colouring, or the delegations seated) or the items
    are new (``forget``)."""

    def __init__(self) -> None:
        self._painted: dict[int, AssignmentView] | None = None  # seat id → occupant as last painted
        self._colours: tuple = ()

    def forget(self) -> None:
        """The items were rebuilt: the next paint touches every seat."""
        self._painted = None

    def paint(self, items: Mapping[int, SeatItem], assignments: Sequence[AssignmentView], *,
              by_delegation: bool) -> tuple[bool, dict[str, str] | None]:
        """Paint ``assignments`` on ``items``; returns whether anything was touched (the legend may have
        changed) and the delegation palette when colouring by delegation."""
        by_seat = {a.seat_id: a for a in assignments}
        palette = delegation_palette(sorted({a.delegation or NO_DELEGATION for a in assignments}))
        colours = (by_delegation, tuple(palette.items()) if by_delegation else ())
        painted = self._painted
        if painted is not None and colours == self._colours:
            seat_ids = [s for s, a in by_seat.items() if (old := painted.get(s)) is not a and old != a]
            seat_ids += [s for s in painted if s not in by_seat]
        else:
            seat_ids = list(items)
        shown_palette = palette if by_delegation else None
        for seat_id in seat_ids:
            item = items.get(seat_id)
            if item is not None:
                _show_seat(item, by_seat.get(seat_id), shown_palette)
        first = painted is None
        self._painted, self._colours = by_seat, colours
        return bool(seat_ids) or first, shown_palette


def _show_seat(item: SeatItem, placed: AssignmentView | None, palette: dict[str, str] | None) -> None:
    if placed is None:
        item.show_occupant(None, "")
        return
    delegation = placed.delegation
    if palette is not None:
        colour = palette[delegation or NO_DELEGATION]
    else:
        colour = ZONE_COLOURS.get(item.zone, "#eeeeee")
    item.show_occupant(placed.participation_id, placed.name, locked=placed.locked, unit=placed.unit,
                       delegation=delegation, colour=colour)
