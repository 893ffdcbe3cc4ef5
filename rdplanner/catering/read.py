"""Read models of catering: an event's meals with their menus, the people who may eat them, the drivers
on duty each day, the frugality word list, and each meal's derived headcount (headcount.count_meal)."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.budget.standards import load_standards
from rdplanner.catering.headcount import Diner, MealCount, count_meal, provisions_of
from rdplanner.catering.kinds import MEAL_KINDS, MEAL_ORDER, MEAL_STYLES, RECEPTION_TYPES
from rdplanner.models import Event, FrugalityRule, Meal, MenuItem, Participation, Person, Sitting, Stay, Trip
from rdplanner.readmodels import load_rows
from rdplanner.store import get_or_raise

WEEKDAYS = "一二三四五六日"


def day_text(day: date, *, weekday: bool = False) -> str:
    """"6月2日" or "6月2日（星期二）"."""
    text = f"{day.month}月{day.day}日"
    return f"{text}（星期{WEEKDAYS[day.weekday()]}）" if weekday else text


def yuan(fen: int) -> str:
    """"35 元" or "35.50 元" for an amount in fen."""
    return f"{fen // 100} 元" if fen % 100 == 0 else f"{fen // 100}.{fen % 100:02d} 元"


@dataclass(frozen=True, slots=True)
class DishRow:
    id: int
    meal_id: int
    name: str
    category: str
    price_fen: int
    sort_order: int
    version: int


@dataclass(frozen=True, slots=True)
class MealRow:
    id: int
    meal_date: date
    kind: str
    style: str
    place: str
    planned_count: int
    standard_fen: int
    notes: str = ""
    sitting_id: int | None = None
    include_staff: bool = False
    include_drivers: bool = False
    adjustment: int = 0
    adjustment_reason: str = ""
    table_size: int = 10
    provisions: str = ""
    host_count: int | None = None
    guest_count: int | None = None
    version: int = 1
    sitting_name: str = ""
    menu: tuple[DishRow, ...] = ()

    @property
    def kind_label(self) -> str:
        return MEAL_KINDS.get(self.kind, self.kind)

    @property
    def style_label(self) -> str:
        return MEAL_STYLES.get(self.style, self.style)

    @property
    def label(self) -> str:
        """The meal as messages name it: "6月2日午餐"."""
        return f"{day_text(self.meal_date)}{self.kind_label}"

    @property
    def price_fen(self) -> int:
        """The menu's price per person: the sum of its dishes'."""
        return sum(d.price_fen for d in self.menu)

    @property
    def provision_list(self) -> tuple[str, ...]:
        return provisions_of(self.provisions)

    @property
    def order(self) -> tuple:
        return (self.meal_date, MEAL_ORDER.get(self.kind, 9), self.id)


@dataclass(frozen=True, slots=True)
class WordRow:
    """A word of the frugality list (FrugalityRule)."""

    id: int
    word: str
    category: str
    rule: str
    applies_to: str
    version: int


@dataclass(frozen=True)
class CateringPlan:
    """What the catering page, its checks and its documents read of one event."""

    event_id: int
    event_name: str
    event_type: str
    start_date: date
    end_date: date
    category: int
    meals: tuple[MealRow, ...]
    diners: tuple[Diner, ...]
    drivers: dict[date, tuple[str, ...]]  # the drivers of the event's trips, by day
    words: tuple[WordRow, ...]
    counts: dict[int, MealCount] = field(default_factory=dict)
    meal_quota_fen: int | None = None  # the category's 伙食费 per person-day, None without a standard
    quota_source: str = ""
    category_label: str = ""

    @property
    def is_reception(self) -> bool:
        return self.event_type in RECEPTION_TYPES

    def meal(self, meal_id: int) -> MealRow | None:
        return next((m for m in self.meals if m.id == meal_id), None)

    def days(self) -> tuple[date, ...]:
        """The event's days and any day a meal falls on outside them, in order."""
        span = {date.fromordinal(n) for n in range(self.start_date.toordinal(), self.end_date.toordinal() + 1)}
        return tuple(sorted(span | {m.meal_date for m in self.meals}))

    def meals_on(self, day: date) -> tuple[MealRow, ...]:
        return tuple(m for m in self.meals if m.meal_date == day)


def load_meals(session: Session, event_id: int) -> tuple[MealRow, ...]:
    """The event's meals by day and kind, with their menus in order."""
    m = Meal
    meals = load_rows(session, MealRow, select(
        m.id, m.meal_date, m.kind, m.style, m.place, m.planned_count, m.standard_fen, m.notes, m.sitting_id,
        m.include_staff, m.include_drivers, m.adjustment, m.adjustment_reason, m.table_size, m.provisions,
        m.host_count, m.guest_count, m.version, func.coalesce(Sitting.name, ""),
    ).outerjoin(Sitting, Sitting.id == m.sitting_id).where(m.event_id == event_id))
    dishes: dict[int, list[DishRow]] = defaultdict(list)
    for dish in load_rows(session, DishRow, select(
            MenuItem.id, MenuItem.meal_id, MenuItem.name, MenuItem.category, MenuItem.price_fen,
            MenuItem.sort_order, MenuItem.version).join(Meal, Meal.id == MenuItem.meal_id)
            .where(Meal.event_id == event_id).order_by(MenuItem.meal_id, MenuItem.sort_order, MenuItem.id)):
        dishes[dish.meal_id].append(dish)
    return tuple(sorted((replace(meal, menu=tuple(dishes[meal.id])) for meal in meals), key=lambda r: r.order))


def load_words(session: Session) -> tuple[WordRow, ...]:
    """The frugality word list, by category and word."""
    r = FrugalityRule
    return load_rows(session, WordRow, select(r.id, r.word, r.category, r.rule, r.applies_to, r.version)
                     .order_by(r.category, r.word))


def load_diners(session: Session, event_id: int) -> tuple[Diner, ...]:
    """The event's participants as the headcount sees them; lodged: needing lodging, or with a stay."""
    p = Participation
    stayed = set(session.scalars(select(Stay.participation_id).where(Stay.event_id == event_id)))
    rows = session.execute(select(p.id, Person.name, p.role, p.arrival_date, p.departure_date, p.needs_meals,
                                  p.leave_status, p.is_local, p.needs_lodging, p.dietary)
                           .join(Person, Person.id == p.person_id).where(p.event_id == event_id).order_by(p.id))
    return tuple(Diner(pid, name, role, arrival, departure, bool(meals), leave == "approved", bool(local),
                       bool(lodging) or pid in stayed, dietary or "")
                 for pid, name, role, arrival, departure, meals, leave, local, lodging, dietary in rows)


def load_drivers(session: Session, event_id: int) -> dict[date, tuple[str, ...]]:
    """The drivers of the event's trips on each day (a driver once a day)."""
    from rdplanner.models import Driver

    found: dict[date, dict[int, str]] = defaultdict(dict)
    for depart_at, driver_id, name in session.execute(
            select(Trip.depart_at, Trip.driver_id, Driver.name).join(Driver, Driver.id == Trip.driver_id)
            .where(Trip.event_id == event_id, Trip.depart_at.is_not(None))):
        found[depart_at.date()][driver_id] = name
    return {day: tuple(sorted(names.values())) for day, names in found.items()}


def count_meals(meals, diners, drivers, start: date, end: date) -> dict[int, MealCount]:
    """Each meal's derived headcount."""
    return {m.id: count_meal(diners, day=m.meal_date, kind=m.kind, start=start, end=end,
                             include_staff=m.include_staff,
                             drivers=len(drivers.get(m.meal_date, ())) if m.include_drivers else 0,
                             adjustment=m.adjustment, table_size=m.table_size) for m in meals}


def load_catering(session: Session, event_id: int) -> CateringPlan:
    """Return the event's catering with every meal's headcount. Raises NotFound if the event is gone."""
    event = get_or_raise(session, Event, event_id, "活动")
    meals, diners, drivers = load_meals(session, event_id), load_diners(session, event_id), load_drivers(
        session, event_id)
    source, standards = load_standards()
    standard = standards.get(event.expense_category)
    return CateringPlan(
        event.id, event.name, event.event_type, event.start_date, event.end_date, event.expense_category,
        meals, diners, drivers, load_words(session),
        count_meals(meals, diners, drivers, event.start_date, event.end_date),
        standard.meals * 100 if standard else None, source, standard.label if standard else "")
