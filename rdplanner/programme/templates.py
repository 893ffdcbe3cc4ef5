"""The programme's first draft per event type, read from resources/templates/programme_*.toml, and
applying it to an event."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.changes import Outcome
from rdplanner.errors import InvalidInput, RdplannerError
from rdplanner.labels import ROLES
from rdplanner.models import Event, Sitting
from rdplanner.os_errors import entry_reason
from rdplanner.programme.kinds import AUDIENCES, ITEM_KINDS, SITTING_KINDS
from rdplanner.programme.service import changes
from rdplanner.resources import TEMPLATES
from rdplanner.template_files import template_entries
from rdplanner.store import get_or_raise, lock_roster


@dataclass(frozen=True)
class ItemTemplate:
    """One item of a draft: ``day`` 1 is the opening day, −1 the closing day; ``min_days`` the event's
    length it needs (a closing plenary of its own only in a meeting of two days or more)."""

    day: int
    start: time
    end: time | None
    name: str
    kind: str
    hall: bool = False
    place: str = ""
    audience: str = "all"
    value: str = ""
    notes: str = ""
    min_days: int = 1

    def date_in(self, start: date, end: date) -> date | None:
        """The item's date in an event from ``start`` to ``end``, or None if the event is too short."""
        length = (end - start).days + 1
        if length < self.min_days or abs(self.day) > length:
            return None
        return start + timedelta(days=self.day - 1) if self.day > 0 else end + timedelta(days=self.day + 1)


def load_programme_template(event_type: str, folder: Path = TEMPLATES) -> list[ItemTemplate]:
    """Return the draft items for an event type (empty if no template covers it).

    Raises:
        RdplannerError naming the file and item when a template is malformed.
    """
    path, entries = template_entries(folder, "programme", event_type, what="日程模板", key="items")
    return [_item(path, n, entry) for n, entry in enumerate(entries, 1)]

def _item(path: Path, number: int, entry: dict) -> ItemTemplate:
    where = f"日程模板 {path} 第 {number} 项"
    try:
        item = ItemTemplate(
            day=int(entry["day"]), start=time.fromisoformat(str(entry["start"])),
            end=time.fromisoformat(str(entry["end"])) if "end" in entry else None,
            name=str(entry["name"]), kind=str(entry["kind"]), hall=bool(entry.get("hall", False)),
            place=str(entry.get("place", "")), audience=str(entry.get("audience", "all")),
            value=str(entry.get("value", "")), notes=str(entry.get("notes", "")),
            min_days=int(entry.get("min_days", 1)))
    except (KeyError, TypeError, ValueError) as exc:
        raise RdplannerError(f"{where}缺少或填错字段：{entry_reason(exc)}") from exc
    if item.day == 0:
        raise RdplannerError(f"{where}的 day 不能为 0（1 为开幕日，-1 为闭幕日）")
    if item.kind not in ITEM_KINDS:
        raise RdplannerError(f"{where}的类型“{item.kind}”应为 {'、'.join(ITEM_KINDS)} 之一")
    if item.audience not in AUDIENCES or item.audience == "people":
        raise RdplannerError(f"{where}的参加范围“{item.audience}”应为 all、role、delegation 或 group")
    if item.audience == "role" and item.value not in ROLES:
        raise RdplannerError(f"{where}的身份代码“{item.value}”应为 {'、'.join(ROLES)} 之一")
    if item.end is not None and item.end <= item.start:
        raise RdplannerError(f"{where}的结束时间应晚于开始时间")
    return item


def apply_programme_template(session: Session, *, event_id: int, folder: Path = TEMPLATES) -> Outcome:
    """Give an event with an empty programme the first draft of its type; the value is the new ids.

    Raises:
        InvalidInput: the event already has a programme (the draft would double it), or no template
        covers its type. NotFound. RdplannerError: a malformed template.
    """
    lock_roster(session, event_id)
    event = get_or_raise(session, Event, event_id, "活动")
    if session.scalar(select(func.count()).select_from(Sitting).where(Sitting.event_id == event_id)):
        raise InvalidInput("本活动已有日程，不能再套用模板；如需重新编排，请先删除现有日程。", field="event_id")
    templates = load_programme_template(event.event_type, folder)
    if not templates:
        raise InvalidInput("本类活动没有日程模板，请逐项添加日程。", field="event_type")
    rows = []
    for n, item in enumerate(templates, 1):
        day = item.date_in(event.start_date, event.end_date)
        if day is None:
            continue
        rows.append(Sitting(
            event_id=event_id, name=item.name, kind=item.kind, starts_at=datetime.combine(day, item.start),
            ends_at=datetime.combine(day, item.end) if item.end else None,
            hall_id=event.hall_id if item.hall else None, place=item.place, sort_order=n,
            audience=item.audience, audience_value=item.value, notes=item.notes))
    session.add_all(rows)
    session.flush()
    ids = tuple(r.id for r in rows)
    session.commit()
    return Outcome(changes(event_id, ids, sittings=any(r.kind in SITTING_KINDS for r in rows)), ids)
