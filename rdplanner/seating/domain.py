"""The seating domain (座次) as the registry sees it: the seats line of the overview, the seating problems
of the event's seat plan, the seat map, the name cards and the "find your seat" list."""

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.domain import DocOption, Document, Domain, OverviewLine
from rdplanner.errors import InvalidInput
from rdplanner.labels import ZONES
from rdplanner.problems import COMPLETE, WARNING, ItemRef, Problem


def seat_figures(session: Session, event_id: int) -> tuple[int, int]:
    """(usable seats in the event's hall, people seated in the event's seat plans)."""
    from rdplanner.models import Event, Layout, Seat, SeatAssignment, SeatPlan

    hall = select(Event.hall_id).where(Event.id == event_id).scalar_subquery()
    seats = session.scalar(select(func.count()).select_from(Seat).where(
        Seat.layout_id.in_(select(Layout.id).where(Layout.hall_id == hall)), Seat.disabled.is_(False))) or 0
    seated = session.scalar(select(func.count()).select_from(SeatAssignment).where(
        SeatAssignment.seat_plan_id.in_(select(SeatPlan.id).where(SeatPlan.event_id == event_id)))) or 0
    return seats, seated


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    seats, seated = seat_figures(session, event_id)
    return (OverviewLine("会场座位", f"可用座位 {seats} 个，已排座 {seated} 人"),)


def seating_findings(session: Session, event_id: int) -> tuple[Problem, ...]:
    """The problems of the event's saved seating (the seating page's list), or that it has none yet."""
    from rdplanner.models import Participation
    from rdplanner.seating.service import load_seating, saved_seat_plan

    plan_id = saved_seat_plan(session, event_id=event_id)
    if plan_id is not None:
        return load_seating(session, seat_plan_id=plan_id).problems
    people = session.scalar(select(func.count()).select_from(Participation).where(
        Participation.event_id == event_id)) or 0
    if not people:
        return ()
    return (Problem("no_seat_plan", f"本活动 {people} 名参会人员还没有排座，请在“座次”页排座。",
                    (ItemRef("events", "event", event_id),), WARNING, COMPLETE, "seating"),)


def _read(session: Session, event_id: int):
    from rdplanner.seating.read import load_assignments, load_hall_seats

    return load_hall_seats(session, event_id), load_assignments(session, event_id)


def parse_tiles(text: str) -> tuple[int, int]:
    """"2x2" (also 2×2, 2*2) → (2, 2): columns by rows of a tiled seat map."""
    import re

    match = re.fullmatch(r"\s*(\d{1,3})\s*[xX×*]\s*(\d{1,3})\s*", text)
    if not match:
        raise InvalidInput(f"分图应写作“列x行”，如 2x2，而不是“{text}”。", field="tiles")
    return int(match[1]), int(match[2])


SEATMAP_OPTIONS = (
    DocOption("viewpoint", "视角", (("audience", "面向主席台（台下视角）"), ("stage", "主席台视角")), "--view",
              "audience：面向主席台（默认）；stage：主席台视角", metavar="stage|audience"),
    DocOption("page", "纸张", (("A3", "A3"), ("A4", "A4")), "--page", "纸张大小（默认 A3）", metavar="A4|A3"),
    DocOption("landscape", "方向", ((True, "横向"), (False, "纵向")), "--portrait", "纵向打印（默认横向）",
              flag=True, flag_value=False),
    DocOption("tiles", "分页", ((None, "一页打印整个会场"), ((2, 1), "横向分 2 页"), ((2, 2), "分 2×2 共 4 页"),
                               ((3, 2), "分 3×2 共 6 页"), ((3, 3), "分 3×3 共 9 页")), "--tiles",
              "大会场分多张打印：列x行，如 2x2（先印总图，再印各分图）", metavar="CxR", parse=parse_tiles),
)
CARD_OPTIONS = (
    DocOption("size", "尺寸", tuple((s, f"{s} 毫米") for s in ("210×140", "200×100", "180×120", "150×100")),
              "--size", "席卡尺寸（毫米，宽x展开高）：210x140（默认）、200x100、180x120、150x100",
              metavar="210x140|…"),
    DocOption("family", "字体", (("serif", "宋体（衬线，庄重，常用）"), ("sans", "黑体（无衬线，醒目）")), "--family",
              "字体：serif 宋体风格（默认）或 sans 黑体风格", metavar="serif|sans"),
    DocOption("per_sheet", "排版", ((False, "每张纸一张席卡（按席卡尺寸出纸）"), (True, "A4 纸排多张，带裁切线和折线")),
              "--per-sheet", "多张席卡拼印在 A4 纸上，带裁切线和折线", flag=True),
    DocOption("scope", "范围", (("rostrum", "主席台就座人员（按位次）"), ("tables", "会议桌、宴会桌全部就座人员")),
              "--scope", "rostrum：主席台人员；tables：全部就座人员（默认按座位布局而定）", metavar="rostrum|tables"),
)

DOMAIN = Domain(
    key="seating",
    title="座次",
    overview=_overview,
    problems=seating_findings,
    read=_read,
    documents=(
        Document("seatmap", "座次图", (".pdf",), "rdplanner.seating.documents:export_seatmap", "座次图（.pdf）",
                 options=SEATMAP_OPTIONS, markable=True,
                 hint="分页打印时各页之间留有重叠边，并附一页总览，便于拼接。"),
        Document("cards", "席卡", (".pdf",), "rdplanner.seating.documents:export_cards",
                 "席卡（.pdf；默认主席台人员按位次，会议桌或宴会布局为全部就座人员）", options=CARD_OPTIONS,
                 markable=True, defaults="rdplanner.seating.documents:card_defaults",
                 hint="席卡两面都印姓名，折起后前后都能看到；字号按最长的姓名统一确定。"),
        Document("seatlist", "对号入座名单", (".pdf", ".xlsx"), "rdplanner.seating.documents:export_seatlist",
                 "对号入座名单（.pdf 或 .xlsx，按文件扩展名）", markable=True,
                 hint="按区域列出，主席台按位次，其余按姓名笔画，每人后附座位号。"),
    ),
    labels={"zones": ZONES},
)
