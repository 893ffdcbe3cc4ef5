"""Chinese labels of the stored codes (event types, roles, phases, statuses), in display order, and the
few wording rules every printed document shares (a zone's name for the event's type, unit and post)."""

from typing import Optional

EVENT_TYPES: dict[str, str] = {
    "congress_session": "人民代表大会会议",
    "standing_committee": "常委会会议",
    "directors_meeting": "主任会议",
    "deputy_inspection": "代表视察",
    "law_enforcement_check": "执法检查",
    "inspection_research": "视察调研",
    "special_inquiry": "专题询问",
    "dual_contact": "双联活动",
    "official_reception": "公务接待",
}

EVENT_STATUSES: dict[str, str] = {
    "planning": "筹备中",
    "ready": "准备就绪",
    "ongoing": "进行中",
    "closed": "已结束",
    "cancelled": "已取消",
}

EXPENSE_CATEGORIES: dict[int, str] = {1: "一类", 2: "二类", 3: "三类", 4: "四类"}

ROLES: dict[str, str] = {
    "deputy": "代表",
    "member": "常委会组成人员",
    "attendee": "列席",
    "observer": "旁听",
    "staff": "工作人员",
    "media": "媒体",
    "guest": "嘉宾",
}

BODIES: dict[str, str] = {
    "congress": "人民代表大会",
    "standing_committee": "常务委员会",
    "directors_meeting": "主任会议",
    "presidium": "主席团",
}

PHASES: dict[str, str] = {"before": "会前", "during": "会中", "after": "会后"}

TASK_STATUSES: dict[str, str] = {"todo": "未开始", "doing": "进行中", "done": "已完成", "blocked": "受阻"}

LEAVE_STATUSES: dict[str, str] = {
    "none": "正常参会",
    "requested": "已请假（待批）",
    "approved": "已准假",
    "absent": "缺席",
}

VEHICLE_KINDS: dict[str, str] = {"sedan": "轿车", "mpv": "商务车", "minibus": "中巴", "coach": "大巴"}

TRIP_STATUSES: dict[str, str] = {
    "requested": "已申请",
    "approved": "已批准",
    "dispatched": "已派车",
    "done": "已回场",
}

BUDGET_CATEGORIES: dict[str, str] = {
    "lodging": "住宿费",
    "meals": "伙食费",
    "venue": "会议室租金",
    "transport": "交通费",
    "printing": "文件印刷费",
    "medical": "医药费",
    "other": "其他费用",
}

RISKS: dict[str, str] = {
    "weather": "恶劣天气",
    "power": "停电或音响故障",
    "illness": "人员突发疾病",
    "speaker_absent": "主要发言人缺席",
    "crowding": "人员拥挤",
    "fire": "火灾",
    "disturbance": "突发事件或扰乱秩序",
}

ZONES: dict[str, str] = {
    "rostrum": "主席台",
    "members": "组成人员/代表",  # generic: documents print zone_label(zone, event_type) instead
    "attendee": "列席",
    "observer": "旁听",
    "staff": "工作人员",
    "media": "媒体",
}

# The body whose members take part in (and whose rules govern) each type of event. Inspections,
# hearings and contact activities are organised by the standing committee for deputies, so their
# voting-member notion does not apply; they follow the standing committee's settings.
EVENT_TYPE_BODY: dict[str, str] = {
    "congress_session": "congress",
    "standing_committee": "standing_committee",
    "directors_meeting": "directors_meeting",
    "deputy_inspection": "congress",
    "law_enforcement_check": "standing_committee",
    "inspection_research": "standing_committee",
    "special_inquiry": "standing_committee",
    "dual_contact": "congress",
    "official_reception": "standing_committee",
}


# The name of the voting members' zone on an event's documents, by the body the event belongs to.
MEMBERS_ZONE_BY_BODY: dict[str, str] = {"congress": "代表"}
MEMBERS_ZONE_DEFAULT = "组成人员"


def zone_label(zone: str, event_type: Optional[str] = None) -> str:
    """Return the printed name of a seating zone; the members' zone is named for the event's type.

    At a congress session (and a deputies' activity) the voting zone is 代表; at a standing-committee
    or directors' meeting it is 组成人员. Without an event type the generic "组成人员/代表" is kept.
    """
    if zone == "members" and event_type is not None:
        body = EVENT_TYPE_BODY.get(event_type, "standing_committee")
        return MEMBERS_ZONE_BY_BODY.get(body, MEMBERS_ZONE_DEFAULT)
    return ZONES.get(zone, zone)


def zone_labels(event_type: Optional[str] = None) -> dict[str, str]:
    """Return every zone's printed name for an event's type (see zone_label)."""
    return {zone: zone_label(zone, event_type) for zone in ZONES}


# Posts that, held by a participant of this role, are posts in the body of the event (常委会主任, 委员 …,
# 人大代表), not in the person's unit: printed after the unit with the body named, so "市第一人民医院 委员"
# cannot read as a 委员 of the hospital. Official lists name the body post in full (常委会委员).
BODY_POSTS: dict[str, tuple[str, frozenset[str]]] = {
    "member": ("常委会", frozenset({"主任", "副主任", "秘书长", "委员"})),
    "deputy": ("人大", frozenset({"代表"})),
}


def unit_and_post(unit: str, post: str, role: Optional[str] = None) -> str:
    """Return a person's unit then post as the office writes them: "浙江大学 教授".

    Either may be blank; a post that already begins with the unit ("浙江大学校长") is printed alone,
    so the unit is never doubled. A post in the body of the event (``role`` "member": 主任, 副主任, 秘书长,
    委员; "deputy": 代表) names the body after a "；": "市第一人民医院；常委会委员", unless the unit is the
    body itself ("市人大常委会 主任").
    """
    unit, post = (unit or "").strip(), (post or "").strip()
    body, posts = BODY_POSTS.get(role or "", ("", frozenset()))
    if unit and post in posts and body not in unit:
        return f"{unit}；{body}{post}"
    if not unit or post.startswith(unit):
        return post
    return f"{unit} {post}" if post else unit


def place_text(venue: str, hall: str) -> str:
    """Return a meeting's place: the venue, then the hall, e.g. "市人大常委会机关 常委会会议厅".

    A hall whose name the venue's already ends with ("市人民大会堂" and "大会堂") is printed once; a hall
    named in full ("市人民大会堂二楼会议室") stands alone. Either may be blank.
    """
    venue, hall = (venue or "").strip(), (hall or "").strip()
    if not hall or venue.endswith(hall):
        return venue
    if not venue or hall.startswith(venue):
        return hall
    return f"{venue} {hall}"
