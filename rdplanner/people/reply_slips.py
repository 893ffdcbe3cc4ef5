"""The 回执表 (reply-slip workbook): sent to the participants, filled in, and read back in through the
roster import, whose headers it uses, so a returned copy updates the slips and an untouched one changes
nothing. Writes nothing to the database.
"""

from pathlib import Path

from sqlmodel import Session

from rdplanner.events.service import get_event
from rdplanner.labels import EVENT_TYPE_BODY, ROLES
from rdplanner.office_settings import name_convention
from rdplanner.people.replies import MODES, REPLY_FIELDS, SLIP_HEADERS
from rdplanner.people.roster_order import order_roster
from rdplanner.people.service import RosterRow, load_roster

SLIP_NOTE = (
    "填写说明：每人一行，请勿修改表头及姓名、工作单位等前五列，不要合并单元格。"
    "日期写成 2027-1-3 或 1月3日，时间写成 9:30；到达方式、返程方式、是否接站、是否送站请从下拉列表中选择；"
    "乘高铁或飞机的请填写车次或航班号（如 G7512、CA1234）和车站或机场，需要接站、送站的选“是”；"
    "上车地点指送站时上车的地点（如驻地宾馆）。填好后交会务组，由会务组通过“导入名单”读回。"
)
IDENTITY = (("name", 10), ("unit", 24), ("post", 16), ("role", 10), ("delegation", 12))
SLIP_KINDS = {"arrival_date": "date", "arrival_time": "time", "arrival_mode": "mode",
              "needs_pickup": "yes_no", "departure_date": "date", "departure_time": "time",
              "departure_mode": "mode", "needs_dropoff": "yes_no"}
WIDTHS = {"date": 11, "time": 8, "mode": 9, "yes_no": 6, "text": 12}
YES_NO = ("是", "否")


def reply_columns() -> list:
    """The sheet's columns: who the person is, then every reply field, under headers the import knows."""
    from rdplanner.exports.replies_xlsx import ReplyColumn
    from rdplanner.people.importing.fields import standard_header

    columns = [ReplyColumn(standard_header(code), "text", width) for code, width in IDENTITY]
    for field in REPLY_FIELDS:
        kind = SLIP_KINDS.get(field, "text")
        choices = tuple(MODES.values()) if kind == "mode" else YES_NO if kind == "yes_no" else ()
        width = 20 if field == "pickup_point" else WIDTHS[kind]
        columns.append(ReplyColumn(SLIP_HEADERS[field], "choice" if choices else kind, width, choices))
    return columns


def reply_values(row: RosterRow) -> list:
    """One person's row; 接站 and 送站 say 是 whenever they are asked for, 否 only once the way they
    travel is known (blank otherwise: not answered yet)."""
    values: list = [row.name, row.unit, row.post, ROLES.get(row.role, row.role), row.delegation]
    for field, value in row.reply().items():
        if field.endswith("_mode"):
            value = MODES.get(value, value)
        elif isinstance(value, bool):
            mode = row.arrival_mode if field == "needs_pickup" else row.departure_mode
            value = "是" if value else ("否" if mode else "")
        values.append(value)
    return values


def export_replies(session: Session, *, event_id: int, path: Path) -> Path:
    """Write the event's 回执表, people in official order (as the roster), and return its path.

    Raises:
        NotFound (event), ExportError (the file could not be written).
    """
    from rdplanner.exports.replies_xlsx import write_replies_xlsx

    event = get_event(session, event_id)
    convention = name_convention(session, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
    rows = order_roster(load_roster(session, event_id=event_id), mode=convention, convention=convention).rows
    return write_replies_xlsx(path, title=f"{event.name}回执表", note=SLIP_NOTE, columns=reply_columns(),
                              rows=[reply_values(r) for r in rows])
