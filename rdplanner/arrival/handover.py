"""What the arrival desk (报到) hands over and which pass each role gets: the codes of the items handed
(stored comma-separated on ArrivalCheckIn.handed) with their Chinese labels, what a participant is due,
and the pass kinds (证件) with their print colours. Pure data and functions."""

from collections.abc import Iterable

# Items handed over at the desk, in the order the desk hands them out.
HANDOVER: dict[str, str] = {
    "materials": "材料袋",
    "pass": "证件",
    "room_card": "房卡",
    "meal_ticket": "餐券",
}

# Pass kinds: the printed title and the colour band of each (RGB hex), as the sheets' legend states.
PASS_KINDS: dict[str, str] = {
    "deputy": "代表证",
    "attendee": "列席证",
    "staff": "工作证",
    "media": "记者证",
    "vehicle": "车辆通行证",
}
PASS_COLOURS: dict[str, str] = {
    "deputy": "#C0161F",   # 红
    "attendee": "#1F4E9E",  # 蓝
    "staff": "#1E7B34",    # 绿
    "media": "#D9780A",    # 橙
    "vehicle": "#6B2C91",  # 紫
}
COLOUR_NAMES: dict[str, str] = {"deputy": "红", "attendee": "蓝", "staff": "绿", "media": "橙", "vehicle": "紫"}

# The pass of each role: voting members (代表, 常委会组成人员) the deputy's pass, 列席 / 旁听 / 嘉宾 the
# attendee's pass.
ROLE_PASS: dict[str, str] = {
    "deputy": "deputy",
    "member": "deputy",
    "attendee": "attendee",
    "observer": "attendee",
    "guest": "attendee",
    "staff": "staff",
    "media": "media",
}
PERSON_PASSES = ("deputy", "attendee", "staff", "media")


def pass_kind(role: str) -> str:
    """The pass a participant of ``role`` gets (an unknown role: the attendee's)."""
    return ROLE_PASS.get(role, "attendee")


def parse_handed(text: str) -> tuple[str, ...]:
    """The known item codes of a stored ``handed`` text, in hand-over order (unknown codes dropped)."""
    found = {part.strip() for part in (text or "").split(",")}
    return tuple(code for code in HANDOVER if code in found)


def handed_text(codes: Iterable[str]) -> str:
    """The stored form of the items handed: known codes in hand-over order, comma-separated."""
    wanted = set(codes)
    return ",".join(code for code in HANDOVER if code in wanted)


def items_due(role: str, *, has_room: bool, needs_meals: bool) -> tuple[str, ...]:
    """What the desk hands a participant: everyone a pass, everyone but staff the materials bag, a room card
    to whoever has a room, meal tickets to whoever takes the meals."""
    due = {"pass"}
    if role != "staff":
        due.add("materials")
    if has_room:
        due.add("room_card")
    if needs_meals:
        due.add("meal_ticket")
    return tuple(code for code in HANDOVER if code in due)


def labels_of(codes: Iterable[str]) -> str:
    """"材料袋、证件" for ("materials", "pass")."""
    return "、".join(HANDOVER.get(code, code) for code in codes)
