"""The venue set-up's defaults and labels: the standard checks and materials (resources/templates/
venue_setup.json, data the office may edit), the quantity bases, the booking statuses and the words
the frugality rule looks for (flowers and backdrops, which meetings may not pay for).
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdplanner.errors import RdplannerError
from rdplanner.os_errors import entry_reason, read_reason
from rdplanner.resources import TEMPLATES

TEMPLATE_FILE = TEMPLATES / "venue_setup.json"
DEFAULT_SPARE_PERCENT = 10
BASES: dict[str, str] = {"card": "按席卡", "participant": "按参会人数", "fixed": "固定数量"}
BASIS_HELP: dict[str, str] = {
    "card": "主席台和会议桌上已排座的人，每人一份",
    "participant": "参会人员（不含请假的人），每人一份",
    "fixed": "按填写的数量准备，不加备用",
}
BOOKING_STATUSES: dict[str, str] = {"tentative": "意向预订", "confirmed": "已确认", "cancelled": "已取消"}
CANCELLED = "cancelled"
ON_LEAVE = ("requested", "approved")  # as the roster counts 请假 (people.domain.on_leave_count)
BANNER_DAYS_KEY = "venue.banner_approval_days"  # office setting: days before the start the banner is due
DEFAULT_BANNER_DAYS = 3


@dataclass(frozen=True)
class CheckTemplate:
    name: str
    notes: str = ""


@dataclass(frozen=True)
class MaterialTemplate:
    name: str
    unit: str
    basis: str
    per_unit: int = 1
    notes: str = ""


@dataclass(frozen=True)
class SetupTemplate:
    """What a new set-up starts with."""

    spare_percent: int
    checks: tuple[CheckTemplate, ...]
    materials: tuple[MaterialTemplate, ...]
    forbidden_words: tuple[str, ...]


def load_setup_template(path: Path = TEMPLATE_FILE) -> SetupTemplate:
    """Return the default checks and materials of a set-up (read once per file).

    Raises:
        RdplannerError naming the file (and the entry) when it cannot be read or is malformed.
    """
    return _load(Path(path))


@lru_cache(maxsize=4)
def _load(path: Path) -> SetupTemplate:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RdplannerError(f"无法读取会场布置模板 {path}：{read_reason(exc)}") from exc
    try:
        checks = tuple(CheckTemplate(str(c["name"]), str(c.get("notes", ""))) for c in data.get("checks", []))
        materials = tuple(_material(m) for m in data.get("materials", []))
        spare = int(data.get("spare_percent", DEFAULT_SPARE_PERCENT))
        words = tuple(str(w) for w in data.get("forbidden_words", []) if str(w).strip())
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RdplannerError(f"会场布置模板 {path} 缺少或填错字段：{entry_reason(exc)}") from exc
    for material in materials:
        if material.basis not in BASES:
            raise RdplannerError(f"会场布置模板 {path} 中物品“{material.name}”的数量依据 basis 应为 card、"
                                 f"participant 或 fixed，而不是“{material.basis}”。")
    if not 0 <= spare <= 100:
        raise RdplannerError(f"会场布置模板 {path} 的备用余量 spare_percent 应在 0 到 100 之间，"
                             f"而不是 {spare}。")
    return SetupTemplate(spare, checks, materials, words)


def _material(entry: dict) -> MaterialTemplate:
    return MaterialTemplate(str(entry["name"]), str(entry.get("unit", "")),
                            str(entry.get("basis", "participant")), int(entry.get("per_unit", 1)),
                            str(entry.get("notes", "")))
