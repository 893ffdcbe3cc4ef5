"""The transport documents: the dispatch schedule (车辆调度表, .xlsx), the dispatch slips (派车单, .pdf)
and the ride list (乘车表, .pdf or .xlsx), for all the event's days or one.

Reads the trips' read model (transport.trips_read) and the roster, hands plain rows to the writers in
rdplanner/exports/ (dispatch_xlsx, tripslip_pdf, rides_pdf, rides_xlsx) and writes nothing to the
database. The slips are issued by the office named in the office settings (单位设置).
"""

from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.errors import InvalidInput
from rdplanner.events.service import get_event
from rdplanner.exports.dispatch_xlsx import DispatchDay, DispatchLine, DispatchSheet
from rdplanner.exports.errors import ExportCancelled
from rdplanner.exports.rides_xlsx import RideLine, Rider, RidesSheet
from rdplanner.exports.tripslip_pdf import SlipSeat, TripSlip
from rdplanner.labels import EVENT_TYPE_BODY, VEHICLE_KINDS
from rdplanner.office_settings import name_convention, office_identity
from rdplanner.people.documents import voting_roles_of
from rdplanner.people.roster_order import official_order
from rdplanner.people.service import load_roster
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled
from rdplanner.transport.fleet_rules import plate_text
from rdplanner.transport.trips_read import PassengerRow, TripRow, day_text, load_event_trips

WEEKDAYS = "一二三四五六日"
NO_TIME = "未定出车时间"
ON_LEAVE = ("approved", "requested")


def date_text(day: date) -> str:
    """"2026年6月2日（星期二）"."""
    return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def event_day(start: date, end: date, day: int | date | None) -> date | None:
    """The date ``day`` names: None (every day), the event's N-th day (1 = ``start``), or a date.

    Raises:
        InvalidInput: a day number past the event's last day, or neither a number nor a date (field day).
    """
    if day is None or isinstance(day, date):
        return day.date() if isinstance(day, datetime) else day
    if isinstance(day, bool) or not isinstance(day, int) or day < 1:
        raise InvalidInput("日期应为会期第几天（从 1 起）或一个日期。", field="day")
    days = (end - start).days + 1
    if day > days:
        raise InvalidInput(f"本活动会期 {days} 天（{day_text(start)}至{day_text(end)}），没有第 {day} 天。",
                           field="day")
    return start + timedelta(days=day - 1)


def _scope(session: Session, event_id: int, day: int | date | None):
    """The event, the chosen date (None: all) and its trips by departure, with the title's date line."""
    event = get_event(session, event_id)
    chosen = event_day(event.start_date, event.end_date, day)
    trips = load_event_trips(session, event_id)
    if chosen is not None:
        trips = tuple(t for t in trips if t.depart_at is not None and t.depart_at.date() == chosen)
        return event, trips, f"日期：{date_text(chosen)}"
    start, end = event.start_date, event.end_date
    if start == end:
        return event, trips, f"日期：{date_text(start)}"
    last = f"{end.month}月{end.day}日" if end.year == start.year else f"{end.year}年{end.month}月{end.day}日"
    return event, trips, f"会期：{start.year}年{start.month}月{start.day}日至{last}"


def clock_text(trip: TripRow) -> str:
    """The trip's time within its day: "07:40—11:30", "07:40 出发", "20:00—6月2日 01:00"; "未定" if none."""
    if trip.depart_at is None:
        return "未定"
    start = f"{trip.depart_at:%H:%M}"
    if trip.return_at is None:
        return f"{start} 出发"
    if trip.return_at.date() == trip.depart_at.date():
        return f"{start}—{trip.return_at:%H:%M}"
    return f"{start}—{day_text(trip.return_at)} {trip.return_at:%H:%M}"


def ends_text(trip: TripRow) -> str:
    """"起点→终点" ("" if neither is set)."""
    if not trip.origin and not trip.destination:
        return ""
    return f"{trip.origin or '？'}→{trip.destination or '？'}"


def vehicle_text(trip: TripRow) -> str:
    """"大巴（49座）", or "" without a car."""
    if trip.vehicle_id is None:
        return ""
    kind = VEHICLE_KINDS.get(trip.vehicle_kind, trip.vehicle_kind)
    return f"{kind}（{trip.seats}座）" if trip.seats else kind


def seat_text(trip: TripRow, passenger: PassengerRow) -> str:
    """The passenger's seat label, "" while the trip has no car (a seat means nothing without one)."""
    return passenger.seat_label if trip.vehicle_id is not None else ""


def dispatch_line(trip: TripRow) -> DispatchLine:
    route = ends_text(trip) + (f"\n（{trip.route}）" if trip.route else "")
    return DispatchLine(time=clock_text(trip), item=trip.sitting_name or trip.purpose, route=route.strip(),
                        plate=plate_text(trip.plate) if trip.plate else "未派车", vehicle=vehicle_text(trip),
                        driver=trip.driver_name or "未定", phone=trip.driver_phone,
                        riders=len(trip.passengers), names="、".join(trip.passenger_names),
                        status=trip.status_label)


def dispatch_sheet(event_name: str, subtitle: str, trips: tuple[TripRow, ...]) -> DispatchSheet:
    """The schedule's rows: a day per departure date in order (the trips without a time last)."""
    days: dict[date | None, list[TripRow]] = defaultdict(list)
    for trip in trips:
        days[trip.depart_at.date() if trip.depart_at else None].append(trip)
    groups = []
    for day, rows in days.items():
        heading = date_text(day) if day is not None else NO_TIME
        cars = len({t.vehicle_id for t in rows if t.vehicle_id is not None})
        groups.append(DispatchDay(f"{heading}　行程 {len(rows)} 趟，用车 {cars} 辆",
                                  tuple(dispatch_line(t) for t in rows)))
    return DispatchSheet(f"{event_name}车辆调度表", subtitle, tuple(groups))


def export_dispatch(session: Session, *, event_id: int, path: Path, day: int | date | None = None,
                    progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the event's dispatch schedule workbook, of every day or of ``day`` (see event_day).

    Raises:
        NotFound: no such event. InvalidInput: a day not in the event, or a day without trips (field
        day). ExportCancelled, ExportError.
    """
    from rdplanner.exports.dispatch_xlsx import write_dispatch_xlsx

    event, trips, subtitle = _scope(session, event_id, day)
    if not trips and day is not None:  # a day without trips would print an empty sheet
        raise InvalidInput(f"{subtitle.split('：', 1)[1]}没有行程，未生成车辆调度表。", field="day")
    if cancelled():
        raise ExportCancelled("已取消导出车辆调度表，未生成文件。")
    result = write_dispatch_xlsx(path, sheet=dispatch_sheet(event.name, subtitle, trips))
    progress(1.0)
    return result


def _back_text(trip: TripRow) -> str:
    if trip.return_at is None:
        return ""
    same = trip.depart_at is not None and trip.return_at.date() == trip.depart_at.date()
    return f"{trip.return_at:%H:%M}" if same else f"{day_text(trip.return_at)} {trip.return_at:%H:%M}"


def trip_slip(trip: TripRow, travel: dict[int, str] | None = None) -> TripSlip:
    """The trip as its 派车单 prints it; an unknown value is left blank to be written in. ``travel``:
    participation id → "G7714 07:22", the train or flight a pick-up meets (a drop-off takes), printed in
    the remarks so the driver knows whom to meet when."""
    trains = [f"{p.name} {travel[p.participation_id]}" for p in trip.passengers
              if travel and travel.get(p.participation_id)]
    notes = "；".join(part for part in (("车次/航班：" + "，".join(trains)) if trains else "", trip.notes) if part)
    return TripSlip(
        number=str(trip.id), date=date_text(trip.depart_at.date()) if trip.depart_at else "",
        kind=trip.kind_label, purpose=trip.purpose or trip.sitting_name, plate=plate_text(trip.plate),
        vehicle=vehicle_text(trip), driver=trip.driver_name, phone=trip.driver_phone,
        depart=f"{trip.depart_at:%H:%M}" if trip.depart_at else "", back=_back_text(trip),
        origin=trip.origin, destination=trip.destination, route=trip.route,
        passengers=tuple(SlipSeat(seat_text(trip, p), p.name) for p in trip.passengers),
        requested_by=trip.requested_by, approved_by=trip.approved_by,
        odometer_out="" if trip.odometer_out is None else str(trip.odometer_out),
        odometer_in="" if trip.odometer_in is None else str(trip.odometer_in),
        distance="" if trip.distance is None else str(trip.distance), notes=notes,
        depart_label="接站时间" if trip.kind == "pickup" else "出车时间")


def travel_texts(session: Session, trips: tuple[TripRow, ...]) -> dict[int, str]:
    """Participation id → "G7714 07:22" for the riders of the pick-ups (their arrival) and drop-offs
    (their departure) among ``trips``."""
    from rdplanner.models import Participation

    wanted = {p.participation_id: t.kind for t in trips if t.kind in ("pickup", "dropoff") for p in t.passengers}
    if not wanted:
        return {}
    p = Participation
    found = {}
    for pid, a_no, a_time, d_no, d_time in session.execute(
            select(p.id, p.arrival_number, p.arrival_time, p.departure_number, p.departure_time)
            .where(p.id.in_(wanted))):
        number, moment = (a_no, a_time) if wanted[pid] == "pickup" else (d_no, d_time)
        found[pid] = " ".join(x for x in (number, moment.strftime("%H:%M") if moment else "") if x)
    return found


def export_tripslips(session: Session, *, event_id: int, path: Path, day: int | date | None = None,
                     marks=None, progress: Progress = no_progress,
                     cancelled: IsCancelled = not_cancelled) -> Path:
    """Write a 派车单 for each of the event's trips (of ``day`` only if given), two per A4 sheet.

    ``marks``: a GlyphMarks to print characters the font lacks as 〓 (None refuses them).

    Raises:
        NotFound. InvalidInput: a day not in the event, or no trip to print (field day). MissingGlyphsError,
        ExportCancelled, ExportError, FontError.
    """
    from rdplanner.exports.tripslip_pdf import write_tripslips_pdf

    event, trips, subtitle = _scope(session, event_id, day)
    if not trips:
        where = subtitle.split("：", 1)[1] if day is not None else ""
        raise InvalidInput(f"{where or '本活动'}没有行程，未生成派车单。", field="day")
    travel = travel_texts(session, trips)
    return write_tripslips_pdf(path, unit=office_identity(session).name, slips=[trip_slip(t, travel) for t in trips], marks=marks,
                               progress=progress, cancelled=cancelled)


def ride_line(trip: TripRow, seat: str) -> RideLine:
    when = f"{day_text(trip.depart_at)} {clock_text(trip)}" if trip.depart_at else "未定"
    car = " ".join(p for p in (plate_text(trip.plate) if trip.plate else "未派车",
                               VEHICLE_KINDS.get(trip.vehicle_kind, "")) if p)
    driver = " ".join(p for p in (trip.driver_name, trip.driver_phone) if p)
    return RideLine(when.replace(" 出发", ""), trip.purpose or trip.sitting_name, car, seat, ends_text(trip),
                    driver or "未定")


def rides_sheet(session: Session, event, subtitle: str, trips: tuple[TripRow, ...]) -> RidesSheet:
    """Everyone riding, in the roster's official order, each ride by departure; then those who need a
    car (and are not on leave) and have none in these trips."""
    rides: dict[int, list[RideLine]] = defaultdict(list)
    for trip in trips:
        for passenger in trip.passengers:
            rides[passenger.participation_id].append(ride_line(trip, seat_text(trip, passenger)))
    convention = name_convention(session, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
    ordered = official_order(load_roster(session, event_id=event.id), convention=convention,
                             voting=voting_roles_of(event.event_type))

    def name(row) -> str:
        return row.name + (f"（{row.name_note}）" if row.name_note else "")

    riders = tuple(Rider(name(r), tuple(rides[r.participation_id]))
                   for r in ordered if r.participation_id in rides)
    waiting = tuple(Rider(name(r)) for r in ordered if r.participation_id not in rides and r.needs_transport
                    and r.leave_status not in ON_LEAVE)
    return RidesSheet(f"{event.name}乘车表", subtitle, riders, waiting)


def export_rides(session: Session, *, event_id: int, path: Path, day: int | date | None = None, marks=None,
                 progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the ride list (.pdf or .xlsx by suffix) of every day or of ``day``.

    Raises:
        NotFound. InvalidInput: another suffix, a day not in the event. MissingGlyphsError (PDF),
        ExportCancelled, ExportError, FontError.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InvalidInput(f"乘车表只能导出为 .pdf 或 .xlsx 文件，而不是“{suffix or '无扩展名'}”。",
                           field="path")
    event, trips, subtitle = _scope(session, event_id, day)
    sheet = rides_sheet(session, event, subtitle, trips)
    if suffix == ".pdf":
        from rdplanner.exports.rides_pdf import write_rides_pdf

        return write_rides_pdf(path, sheet=sheet, marks=marks, progress=progress, cancelled=cancelled)
    from rdplanner.exports.rides_xlsx import write_rides_xlsx

    if cancelled():
        raise ExportCancelled("已取消导出乘车表，未生成文件。")
    result = write_rides_xlsx(path, sheet=sheet)
    progress(1.0)
    return result
