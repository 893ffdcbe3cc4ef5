"""The rules a meal's and a dish's fields keep, pure: rdplanner.catering.service checks with these before
it writes. Each refusal is an InvalidInput naming its field."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from rdplanner.catering.kinds import MEAL_KINDS, MEAL_STYLES
from rdplanner.errors import InvalidInput
from rdplanner.text import INVISIBLE

MEAL_TEXTS = {"place": 200, "provisions": 200, "adjustment_reason": 200, "notes": None}
MEAL_FIELDS = {"meal_date": "日期", "kind": "餐次", "style": "形式", "place": "地点", "sitting_id": "日程",
               "include_staff": "含工作人员", "include_drivers": "含驾驶员", "table_size": "每桌人数",
               "provisions": "特殊餐食", "host_count": "陪餐人数", "guest_count": "接待对象人数",
               "adjustment": "人数调整", "adjustment_reason": "调整原因", "notes": "备注"}
DISH_TEXTS = {"name": 100, "category": 40}
DISH_FIELDS = {"name": "菜名", "category": "类别", "price_fen": "人均价格", "sort_order": "顺序"}
MAX_TABLE = 30
MAX_ADJUSTMENT = 2000
MAX_PRICE_FEN = 100_000  # 1,000 元 a dish per person: beyond it is a typing error
MAX_PEOPLE = 10_000


def text(value: Any, *, name: str, label: str, limit: int | None) -> str:
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"{label}须为一段文字。", field=name)
    cleaned = (value or "").translate(INVISIBLE).strip()
    if limit is not None and len(cleaned) > limit:
        raise InvalidInput(f"{label}不能超过 {limit} 个字（现有 {len(cleaned)} 个字）。", field=name)
    return cleaned


def whole(value: Any, *, name: str, label: str, low: int, high: int, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{label}须为 {low} 到 {high} 之间的整数。", field=name)
    return value


def clean_meal(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return a meal's fields as stored; refuse a field a meal lacks or a value it cannot hold.

    Raises:
        InvalidInput: an unknown field, kind or style; a text too long; a table size outside 1–30; an
        adjustment beyond ±2000; a count below 0; a date that is not a date.
    """
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        label = MEAL_FIELDS.get(name)
        if label is None:
            raise InvalidInput(f"用餐没有“{name}”这一项，无法保存。", field=name)
        if name in MEAL_TEXTS:
            cleaned[name] = text(value, name=name, label=label, limit=MEAL_TEXTS[name])
        elif name == "kind" and value not in MEAL_KINDS:
            raise InvalidInput(f"餐次只能是{'、'.join(MEAL_KINDS.values())}之一。", field=name)
        elif name == "style" and value not in MEAL_STYLES:
            raise InvalidInput(f"用餐形式只能是{'、'.join(MEAL_STYLES.values())}之一。", field=name)
        elif name == "meal_date" and (not isinstance(value, date) or hasattr(value, "hour")):
            raise InvalidInput("用餐日期须为一个日期。", field=name)
        elif name == "table_size":
            cleaned[name] = whole(value, name=name, label=label, low=1, high=MAX_TABLE)
        elif name == "adjustment":
            cleaned[name] = whole(value, name=name, label=label, low=-MAX_ADJUSTMENT, high=MAX_ADJUSTMENT)
        elif name in ("host_count", "guest_count"):
            cleaned[name] = whole(value, name=name, label=label, low=0, high=MAX_PEOPLE, optional=True)
        elif name in ("include_staff", "include_drivers"):
            cleaned[name] = bool(value)
        else:
            cleaned[name] = value
    return cleaned


def check_adjustment(adjustment: int, reason: str) -> None:
    """A headcount changed by hand needs its reason."""
    if adjustment and not reason:
        raise InvalidInput("手工调整人数须填写调整原因（如：临时增加随行人员 2 人）。", field="adjustment_reason")


def clean_dish(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return a dish's fields as stored.

    Raises:
        InvalidInput: an unknown field; an empty or too long name; a price outside 0–1,000 元.
    """
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        label = DISH_FIELDS.get(name)
        if label is None:
            raise InvalidInput(f"菜品没有“{name}”这一项，无法保存。", field=name)
        if name in DISH_TEXTS:
            cleaned[name] = text(value, name=name, label=label, limit=DISH_TEXTS[name])
        elif name == "price_fen":
            cleaned[name] = whole(value, name=name, label=label, low=0, high=MAX_PRICE_FEN)
        else:
            cleaned[name] = whole(value, name=name, label=label, low=0, high=10_000)
    if "name" in cleaned and not cleaned["name"]:
        raise InvalidInput("请填写菜名。", field="name")
    return cleaned
