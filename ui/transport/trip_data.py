"""What the trips page and its dialogs read, gathered from the core in one call each (Qt-free, no SQL):
the event's trips with their problems, and what the trip form offers (programme items, people, fleet).
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from rdplanner.events.service import get_event
from rdplanner.labels import EVENT_TYPE_BODY, ROLES
from rdplanner.office_settings import name_convention
from rdplanner.people.roster_order import official_order
from rdplanner.people.service import load_roster
from rdplanner.problems import Problem
from rdplanner.programme.read import ProgrammeItem, load_choices, load_programme
from rdplanner.registry import domain
from rdplanner.transport.domain import needing_transport
from rdplanner.transport.fleet_read import Fleet, load_fleet
from rdplanner.transport.trips_read import TripRow


@dataclass(frozen=True)
class TripsView:
    """One event's trips (by departure) and the transport domain's findings on them."""

    event_id: int
    event_name: str
    start_date: date
    end_date: date
    trips: tuple[TripRow, ...]
    problems: tuple[Problem, ...]

    def trip(self, trip_id: int) -> TripRow | None:
        return next((t for t in self.trips if t.id == trip_id), None)

    def days(self) -> tuple[date, ...]:
        """The event's days, in order."""
        count = (self.end_date - self.start_date).days + 1
        return tuple(date.fromordinal(self.start_date.toordinal() + n) for n in range(count))


def load_trips_view(session: Session, event_id: int) -> TripsView:
    """Return the event's trips and problems. Raises NotFound if the event is gone."""
    from rdplanner.transport.trips_read import load_event_trips

    event = get_event(session, event_id)
    problems = tuple(domain("transport").problems(session, event_id))
    return TripsView(event.id, event.name, event.start_date, event.end_date,
                     load_event_trips(session, event_id), problems)


@dataclass(frozen=True)
class Passenger:
    """A participant the form can seat: what the protocol order needs (seat_order.Rider's fields) and
    what the list shows."""

    participation_id: int
    name: str
    role: str
    rank_order: int
    unit: str
    needs_transport: bool
    on_leave: bool = False

    @property
    def text(self) -> str:
        marks = ("　需用车" if self.needs_transport else "") + ("　已请假" if self.on_leave else "")
        return f"{self.name}　{ROLES.get(self.role, self.role)}　{self.unit}{marks}"


@dataclass(frozen=True)
class TripChoices:
    """What the trip form offers: the programme items, each hall's "venue hall" name, the event's
    people in the official order (those on leave marked), the name convention, and the fleet."""

    items: tuple[ProgrammeItem, ...]
    halls: dict[int, str]
    people: tuple[Passenger, ...]
    convention: str
    fleet: Fleet

    def item(self, item_id: int | None) -> ProgrammeItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def place_of(self, item: ProgrammeItem) -> str:
        """Where a trip to the item goes, as the core's defaults put it: its place, else venue and hall."""
        return item.place or self.halls.get(item.hall_id or -1, item.hall_name)


def load_trip_choices(session: Session, event_id: int) -> TripChoices:
    """Return what the trip form offers for the event. Raises NotFound if the event is gone."""
    event = get_event(session, event_id)
    convention = name_convention(session, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
    needing = needing_transport(session, event_id)
    rows = load_roster(session, event_id=event_id)
    people = tuple(Passenger(r.participation_id, r.name, r.role, r.rank_order, r.unit,
                             r.participation_id in needing, r.leave_status == "approved")
                   for r in official_order(list(rows), convention=convention))
    return TripChoices(load_programme(session, event_id).items, dict(load_choices(session, event_id).halls),
                       people, convention, load_fleet(session))
