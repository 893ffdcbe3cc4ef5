"""The people domain (参会人员) as the registry sees it: the roster's overview line, what duplicating an
event copies (participants with their leave and reply slips cleared), the roster, sign-in and reply-slip
(回执表) documents."""

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.domain import CopyContext, DocOption, Document, Domain, OverviewLine
from rdplanner.labels import LEAVE_STATUSES, ROLES


def role_counts(session: Session, event_id: int) -> tuple[tuple[str, int], ...]:
    """How many participants the event has per role, in the database's order."""
    from rdplanner.models import Participation as p

    query = select(p.role, func.count()).where(p.event_id == event_id).group_by(p.role)
    return tuple((role, count) for role, count in session.execute(query).all())


def on_leave_count(session: Session, event_id: int) -> int:
    from rdplanner.models import Participation as p

    return session.scalar(select(func.count()).select_from(p).where(
        p.event_id == event_id, p.leave_status.in_(("approved", "requested")))) or 0


def people_text(roles: tuple[tuple[str, int], ...], on_leave: int) -> str:
    """"83 人：代表 40，常委会组成人员 35…；请假 2 人" — the roles in the office's order."""
    counts = dict(roles)
    parts = [f"{label} {counts[code]}" for code, label in ROLES.items() if counts.get(code)]
    text = f"{sum(counts.values())} 人" + ("：" + "，".join(parts) if parts else "")
    return text + (f"；请假 {on_leave} 人" if on_leave else "")


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    return (OverviewLine("参会人员", people_text(role_counts(session, event_id), on_leave_count(session, event_id))),)


def _copy(session: Session, context: CopyContext) -> None:
    from rdplanner.models import Participation
    from rdplanner.people.replies import EMPTY_REPLY
    from rdplanner.store import copy_event_rows

    # A reply slip (回执) answers one meeting's notice: the copy waits for new ones.
    context.ids["participation"] = copy_event_rows(
        session, Participation, context.source_id, context.target_id,
        {"leave_status": "none", "leave_reason": ""} | EMPTY_REPLY)


def _read(session: Session, event_id: int):
    from rdplanner.people.service import load_roster

    return load_roster(session, event_id=event_id)


SENSITIVE = DocOption("show_sensitive", "手机和身份证号", ((False, "部分隐藏（默认）"), (True, "显示完整号码")),
                      "--show-sensitive", "名单中显示完整的手机和身份证号", flag=True)

DOMAIN = Domain(
    key="people",
    title="参会人员",
    overview=_overview,
    copy=_copy,
    copies="参会人员（请假状态、回执清空）",
    read=_read,
    documents=(
        Document("roster", "参会人员名单", (".xlsx",), "rdplanner.people.documents:export_roster",
                 "参会人员名单（.xlsx）", options=(SENSITIVE,),
                 hint="按职务和姓名笔画排列；手机和身份证号默认部分隐藏。"),
        Document("signin", "签到表", (".pdf", ".xlsx"), "rdplanner.people.documents:export_signin",
                 "签到表（.pdf 或 .xlsx，按文件扩展名）", markable=True,
                 hint="按代表团（组）分组，组内按姓名笔画排列，每人留签名栏。"),
        Document("replies", "回执表", (".xlsx",), "rdplanner.people.reply_slips:export_replies",
                 "参会回执表（.xlsx）：到达、返程的日期、时间、方式、车次/航班、站点及接送站",
                 hint="每人一行，发给参会人员填写；收回后用“导入名单”读回，已填的回执随之更新。"),
    ),
    labels={"roles": ROLES, "leave_statuses": LEAVE_STATUSES},
)
