"""Pure rules of the fleet directory (车辆与驾驶员名录): plate numbers, seat counts per vehicle kind, the
driving-licence classes that may drive each kind, day rates in 元, and the drafts the services validate.

Each check raises ``InvalidInput`` with a Chinese message and the ``field`` it concerns; nothing here reads
the database.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from rdplanner.errors import InvalidInput
from rdplanner.labels import VEHICLE_KINDS
from rdplanner.people.validation import check_name, check_phone, normalise_name, normalise_phone
from rdplanner.text import INVISIBLE

# The one-character abbreviations of the 31 mainland provinces, regions and municipalities (GA 36).
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# Plates never use I and O in the serial (they would read as 1 and 0).
_SERIAL = "A-HJ-NP-Z0-9"
# A new-energy serial has six characters, a letter saying the kind of energy (D, F; since 2022 A–K
# without I) and four digits: small cars D + letter or digit + 4 digits, large ones 5 digits + D.
_ENERGY = "A-HJK"
PLATE = re.compile(rf"[{PROVINCES}][A-Z]"
                   rf"(?:[{_SERIAL}]{{5}}|[{_ENERGY}][{_SERIAL}]\d{{4}}|\d{{5}}[{_ENERGY}])")
# What officers type between the characters of a plate: spaces, the middle dot and look-alikes, hyphens.
_PLATE_NOISE = re.compile(r"[\s·•∙‧・･．.\-－—]+")

# 核定载客人数 as on the 行驶证 (the driver included), per kind; the ranges follow the legal classes of
# passenger cars: 小型 ≤ 9, 中型 10–19, 大型 ≥ 20 people.
SEAT_RANGES: dict[str, tuple[int, int]] = {"sedan": (2, 5), "mpv": (5, 9), "minibus": (10, 19),
                                           "coach": (20, 70)}

LICENCE_CLASSES = ("A1", "A2", "A3", "B1", "B2", "C1", "C2")
# The licence class each kind requires: 大型客车 A1, 中型客车 B1, 小型汽车 C1.
REQUIRED_LICENCE: dict[str, str] = {"sedan": "C1", "mpv": "C1", "minibus": "B1", "coach": "A1"}
# Which classes a licence permits besides its own (机动车驾驶证申领和使用规定, 准驾车型), for the passenger
# classes above. C2 permits automatic small cars only: the fleet does not record gearboxes, so it covers
# nothing here.
PERMITS: dict[str, frozenset[str]] = {
    "A1": frozenset({"A1", "A3", "B1", "B2", "C1", "C2"}),
    "A2": frozenset({"A2", "B1", "B2", "C1", "C2"}),
    "A3": frozenset({"A3", "C1", "C2"}),
    "B1": frozenset({"B1", "C1", "C2"}),
    "B2": frozenset({"B2", "C1", "C2"}),
    "C1": frozenset({"C1", "C2"}),
    "C2": frozenset({"C2"}),
}
LICENCE_NAMES = {"A1": "大型客车", "B1": "中型客车", "C1": "小型汽车"}

TEXT_LIMITS = {"model": 100, "unit": 200, "hire_company": 200, "reason": 100}
FIELD_LABELS = {"model": "品牌型号", "unit": "所属单位", "hire_company": "租车公司", "reason": "事由"}
DAY_RATE_LIMIT_FEN = 100_000_00  # 10 万元 a day: anything above is a typing slip


@dataclass(frozen=True)
class VehicleDraft:
    """A vehicle as the officer enters it; ``day_rate`` is in 元 (text, Decimal or int), for hired cars."""

    plate: str
    kind: str = "sedan"
    seats: int = 5
    model: str = ""
    unit: str = ""
    default_driver_id: int | None = None
    hired: bool = False
    hire_company: str = ""
    day_rate: object = None
    notes: str = ""


@dataclass(frozen=True)
class DriverDraft:
    """A driver as the officer enters them."""

    name: str
    phone: str = ""
    unit: str = ""
    licence_class: str = ""
    notes: str = ""


def normalise_plate(raw: str) -> str:
    """Return a plate as stored: full-width letters made ASCII, upper case, no spaces, dots or hyphens.

    "浙a·12345", "浙 A 12345" and "浙Ａ-12345" are all "浙A12345".
    """
    text = unicodedata.normalize("NFKC", (raw or "").translate(INVISIBLE))
    return _PLATE_NOISE.sub("", text).upper()


def plate_text(plate: str) -> str:
    """Return a stored plate as printed, with the middle dot after the issuing letter: "浙A·12345"."""
    return f"{plate[:2]}·{plate[2:]}" if len(plate) > 2 and "·" not in plate else plate


def check_plate(raw: str) -> str:
    """Return the normalised plate, or raise InvalidInput (field ``plate``) saying what is wrong."""
    plate = normalise_plate(raw)
    if not plate:
        raise InvalidInput("请填写车牌号。", field="plate")
    if PLATE.fullmatch(plate):
        return plate
    if plate[0] not in PROVINCES:
        reason = "第一个字应为省、自治区、直辖市的简称，如“浙”"
    elif len(plate) < 2 or not "A" <= plate[1] <= "Z":
        reason = "第二位应为发牌机关的字母，如“A”"
    elif re.search(r"[IO]", plate[2:]):
        reason = "车牌不使用字母 I 和 O，请确认是否为数字 1 和 0"
    elif len(plate) == 8:
        reason = ("新能源车牌应为表示能源类型的字母（如 D、F）加 5 位，末 4 位为数字；"
                  "大型新能源车为 5 位数字加该字母")
    else:
        reason = "省份简称和字母之后应为 5 位字母或数字（新能源车为 6 位）"
    raise InvalidInput(f"车牌号“{raw.strip()}”格式不对：{reason}。", field="plate")


def check_seats(kind: str, seats: int) -> None:
    """Refuse a seat count (核定载客人数, the driver included) outside the range of the vehicle's kind."""
    low, high = SEAT_RANGES[kind]
    if not low <= seats <= high:
        fitting = [k for k, (lo, hi) in SEAT_RANGES.items() if k != kind and lo <= seats <= hi]
        hint = f"，{seats} 座的车请选“{VEHICLE_KINDS[fitting[0]]}”" if fitting else ""
        raise InvalidInput(f"{VEHICLE_KINDS[kind]}的核定载客人数（含驾驶员）应在 {low}–{high} 人之间，"
                           f"现为 {seats} 人{hint}。", field="seats")


def normalise_licence(raw: str) -> str:
    """Return a licence class as stored: upper case, without spaces ("b1 " → "B1"); "" stays ""."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw or "")).upper()


def licence_covers(kind: str, licence_class: str) -> bool:
    """True if a driver holding ``licence_class`` may drive a vehicle of ``kind``; "" covers nothing."""
    return REQUIRED_LICENCE[kind] in PERMITS.get(normalise_licence(licence_class), frozenset())


def licence_refusal(kind: str, driver_name: str, licence_class: str) -> str | None:
    """Return why a driver holding ``licence_class`` may not drive ``kind`` (naming who may), or None."""
    if licence_covers(kind, licence_class):
        return None
    required = REQUIRED_LICENCE[kind]
    enough = [c for c in LICENCE_CLASSES if required in PERMITS[c]]
    classes = f"{'、'.join(enough[:-1])} 或 {enough[-1]}" if len(enough) > 1 else enough[0]
    need = f"驾驶{VEHICLE_KINDS[kind]}（{LICENCE_NAMES[required]}）需持 {classes} 驾照"
    if not licence_class:
        held = "未登记准驾车型"
    elif licence_class == "C2":
        held = "持 C2 驾照（只准驾小型自动挡汽车，车辆信息中无法确认变速箱）"
    else:
        held = f"持 {licence_class} 驾照"
    return f"驾驶员“{driver_name}”{held}，{need}"


def parse_yuan(value: object, *, field: str = "day_rate") -> int:
    """Return an amount in 元 (text such as "850.50", a Decimal or an int) as whole fen.

    Raises:
        InvalidInput: not a number, negative, more than two decimals or implausibly large.
    """
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").replace("元", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if amount.is_finite() and amount * 100 > DAY_RATE_LIMIT_FEN:
        raise InvalidInput(f"日租金 {text} 元过高（最多 {DAY_RATE_LIMIT_FEN // 100} 元），"
                           "请检查是否多输了位数。", field=field)
    if not amount.is_finite() or amount < 0 or (amount * 100) % 1:
        raise InvalidInput(f"日租金“{value}”不对：应为不小于 0 的金额（元），"
                           "最多两位小数，如 800 或 850.50。", field=field)
    return int(amount * 100)


def _clean(text: str) -> str:
    return (text or "").translate(INVISIBLE).strip()


def _check_lengths(values: dict[str, str]) -> None:
    for field, value in values.items():
        if len(value) > TEXT_LIMITS[field]:
            limit = TEXT_LIMITS[field]
            raise InvalidInput(f"{FIELD_LABELS[field]}过长（{len(value)} 字，最多 {limit} 字）。",
                               field=field)


def validate_vehicle(draft: VehicleDraft) -> tuple[VehicleDraft, int | None]:
    """Return the cleaned draft and its day rate in fen (None unless hired), or raise InvalidInput.

    The default driver is checked by the service, which reads the driver.
    """
    texts = {f: _clean(getattr(draft, f)) for f in ("model", "unit", "hire_company")}
    draft = replace(draft, plate=check_plate(draft.plate), notes=_clean(draft.notes), **texts)
    _check_lengths(texts)
    if draft.kind not in VEHICLE_KINDS:
        kinds = "、".join(VEHICLE_KINDS.values())
        raise InvalidInput(f"未知的车型：{draft.kind}（应为{kinds}之一）。", field="kind")
    if isinstance(draft.seats, bool) or not isinstance(draft.seats, int):
        raise InvalidInput("核定载客人数应为整数。", field="seats")
    check_seats(draft.kind, draft.seats)
    if not draft.hired:
        return replace(draft, hire_company="", day_rate=None), None
    if not draft.hire_company:
        raise InvalidInput("租用车辆请填写租车公司。", field="hire_company")
    if draft.day_rate is None or str(draft.day_rate).strip() == "":
        raise InvalidInput("租用车辆请填写日租金（元）。", field="day_rate")
    return draft, parse_yuan(draft.day_rate)


def validate_driver(draft: DriverDraft) -> DriverDraft:
    """Return the cleaned draft (licence class upper case, phone without spaces) or raise InvalidInput."""
    texts = {"unit": _clean(draft.unit)}
    draft = replace(draft, name=normalise_name(draft.name), phone=normalise_phone(draft.phone),
                    licence_class=normalise_licence(draft.licence_class), notes=_clean(draft.notes), **texts)
    problem = check_name(draft.name)
    if problem:
        raise InvalidInput(f"驾驶员{problem}。", field="name")
    problem = check_phone(draft.phone)
    if problem:
        raise InvalidInput(f"{problem}。", field="phone")
    if draft.licence_class and draft.licence_class not in LICENCE_CLASSES:
        raise InvalidInput(f"准驾车型“{draft.licence_class}”不对，应为 {'、'.join(LICENCE_CLASSES)} 之一，"
                           "或留空。", field="licence_class")
    _check_lengths(texts)
    return draft
