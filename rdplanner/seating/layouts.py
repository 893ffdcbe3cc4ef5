"""Hall layout templates: a serialisable LayoutSpec (auditorium, boardroom, classroom, banquet) turned
into seats, with per-seat overrides (zone, disabled), seat numbering schemes and table outlines.

Coordinates are in seat widths, x growing to the audience's right, y growing away from the rostrum
(rostrum rows have negative y; around tables the door is on the +y side). Row seats are numbered left
to right as the audience sees them, or 单双号 (odd numbers on the audience's right).
"""

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rdplanner.errors import InvalidInput
from rdplanner.exports.shapes import TableShape  # noqa: F401  (this module's API: tables of a layout)
from rdplanner.labels import ZONES

AISLE = 1.5
ROW_PITCH = 1.3
ROSTRUM_GAP = 2.5
MAX_SEATS = 10000  # a national congress hall (the Great Hall seats about 10,000)
KINDS = {"auditorium": "礼堂式（主席台＋台下）", "boardroom": "会议桌式", "classroom": "课桌式",
         "banquet": "宴会圆桌"}
SHAPES = {"rectangle": "长方桌", "u": "U 形桌", "hollow": "回字形（中空方桌）"}
NUMBERINGS = {
    "sequential": "顺序号：面向主席台从左到右 1、2、3……",
    "odd_even": "单双号：1、2 号居中，面向主席台时单号在右侧、双号在左侧",
}
TABLE_NOTE = "会议桌、餐桌的座位号即位次：1 号为主位（面向门口）。"
DEFAULT_PARAMS: dict[str, dict[str, Any]] = {
    "auditorium": {"rostrum_rows": [9], "blocks": [{"zone": "members", "rows": 5, "sections": [5, 8, 5]}]},
    "boardroom": {"shape": "rectangle", "long_side": 6, "short_side": 2, "outer_rows": 0},
    "classroom": {"rows": 6, "sections": [4, 4], "front_table": 5, "zone": "members"},
    "banquet": {"tables": 6, "seats_per_table": 10, "tables_per_row": 3, "main_seats": 12},
}


@dataclass(frozen=True)
class SeatSpec:
    """A seat to create: what is printed (``label``) and where it is drawn."""

    label: str
    zone: str
    section: str
    row_no: int
    seat_no: int
    x: float
    y: float
    rank: int | None = None
    rotation: float = 0.0
    disabled: bool = False


@dataclass(frozen=True)
class Block:
    """Consecutive audience rows of one zone, split by aisles into sections of given widths."""

    zone: str
    rows: int
    sections: tuple[int, ...]


@dataclass(frozen=True)
class LayoutSpec:
    """A layout template: ``kind``, its ``params`` (JSON values), numbering and per-seat overrides.

    ``overrides`` maps a seat label to {"zone": code, "disabled": bool}; labels no longer generated are
    kept (they apply again if the seat comes back).
    """

    kind: str
    params: Mapping[str, Any]
    numbering: str = "sequential"
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def default_spec(kind: str) -> LayoutSpec:
    """Return a new spec of ``kind`` with the default parameters."""
    _choice(kind, KINDS, "布局类型", "kind")
    return LayoutSpec(kind, json.loads(json.dumps(DEFAULT_PARAMS[kind])))


def spec_to_json(spec: LayoutSpec) -> str:
    """Serialise a spec for Layout.spec_json."""
    return json.dumps({"kind": spec.kind, "numbering": spec.numbering, "params": dict(spec.params),
                       "overrides": {k: dict(v) for k, v in spec.overrides.items()}},
                      ensure_ascii=False, sort_keys=True)


def spec_from_json(text: str) -> LayoutSpec | None:
    """Read Layout.spec_json; None for a layout saved without a template (older databases)."""
    try:
        data = json.loads(text or "{}")
    except ValueError as exc:
        raise InvalidInput("座位布局的模板数据已损坏，无法读取。", field="spec_json") from exc
    if not isinstance(data, dict) or "kind" not in data:
        return None
    return LayoutSpec(data["kind"], data.get("params", {}), data.get("numbering", "sequential"),
                      data.get("overrides", {}))


def with_overrides(spec: LayoutSpec, labels: Sequence[str], *, zone: str | None = None,
                   disabled: bool | None = None) -> LayoutSpec:
    """Return ``spec`` with ``zone`` and/or ``disabled`` set on the seats ``labels``."""
    if zone is not None:
        _choice(zone, ZONES, "区域", "zone")
    overrides = {k: dict(v) for k, v in spec.overrides.items()}
    for label in labels:
        entry = overrides.setdefault(label, {})
        if zone is not None:
            entry["zone"] = zone
        if disabled is not None:
            entry["disabled"] = bool(disabled)
    return replace(spec, overrides=overrides)


def renumber(spec: LayoutSpec, numbering: str) -> LayoutSpec:
    """Return ``spec`` with another numbering; overrides move to the new label of the same seat."""
    old = {seat.label: (seat.x, seat.y) for seat in generate(replace(spec, overrides={}))}
    renumbered = generate(replace(spec, numbering=numbering, overrides={}))
    new = {(seat.x, seat.y): seat.label for seat in renumbered}
    overrides = {new.get(old[label], label) if label in old else label: dict(value)
                 for label, value in spec.overrides.items() if label not in old or old[label] in new}
    return replace(spec, numbering=numbering, overrides=overrides)


def generate(spec: LayoutSpec) -> list[SeatSpec]:
    """Return the seats of a spec with its overrides applied.

    Raises:
        InvalidInput: an unknown kind, shape, zone or numbering, or a parameter out of range (the
        message names the field and the allowed range).
    """
    _choice(spec.kind, KINDS, "布局类型", "kind")
    _choice(spec.numbering, NUMBERINGS, "编号方式", "numbering")
    seats = _GENERATORS[spec.kind](spec.params, spec.numbering)
    _check_total(len(seats))
    result = []
    for seat in seats:
        override = spec.overrides.get(seat.label)
        if override:
            zone = override.get("zone", seat.zone)
            _choice(zone, ZONES, f"座位“{seat.label}”的区域", "overrides")
            seat = replace(seat, zone=zone, disabled=bool(override.get("disabled", seat.disabled)))
        result.append(seat)
    return result


def table_shapes(spec: LayoutSpec) -> list[TableShape]:
    """Return the tables of a spec (rostrum tables, desks, boardroom and banquet tables) to draw."""
    if spec.kind == "boardroom":
        return _boardroom_tables(spec.params)
    if spec.kind == "banquet":
        return _banquet_tables(spec.params)
    seats = generate(replace(spec, overrides={}))
    return _desks([s for s in seats if spec.kind == "classroom" or s.zone == "rostrum"])



def auditorium(*, rostrum_rows: Sequence[int], blocks: Sequence[Block],
               numbering: str = "sequential") -> list[SeatSpec]:
    """Return the seats of an auditorium: rostrum rows first (front to back), then the audience."""
    seats = []
    for row, width in enumerate(rostrum_rows, 1):
        positions = _row_positions((width,))
        y = -ROSTRUM_GAP - (row - 1) * ROW_PITCH  # row 1, the highest ranks, nearest the audience
        seats.extend(SeatSpec(f"主席台{row}排{n}座", "rostrum", "主席台", row, n, x, y)
                     for n, x in zip(seat_numbers(len(positions), numbering), positions, strict=True))
    row = 0
    for block in blocks:
        positions = _row_positions(block.sections)
        names = _section_names(block.sections)
        numbers = seat_numbers(len(positions), numbering)
        for _ in range(block.rows):
            row += 1
            seats.extend(SeatSpec(f"{row}排{n}座", block.zone, name, row, n, x, (row - 1) * ROW_PITCH)
                         for n, name, x in zip(numbers, names, positions, strict=True))
    return seats


def centred_short_row(xs: Sequence[float], people: int, *, even: str = "majority") -> list[tuple[float, int]]:
    """Return (x, rank within the row) of the chairs a rostrum row of ``people`` needs, left to right as
    the audience sees it, when its layout has more chairs (at ``xs``) than people.

    The surplus chairs are taken away and the row closes up at the row's pitch, centred on the row's
    centre line, and ranked centre-outwards as a row of ``people`` seats (DOMAIN §2): 32 people on a row
    of 33 chairs sit as an even row (No.1 and No.2 the centre pair), not 33 with an empty end chair.
    """
    from rdplanner.seating.protocol import rostrum_row

    ordered = sorted(xs)
    centre = (ordered[0] + ordered[-1]) / 2
    pitch = (ordered[-1] - ordered[0]) / (len(ordered) - 1) if len(ordered) > 1 else 1.0
    ranks = rostrum_row(people, view="audience", even=even)
    return [(centre + (i - (people - 1) / 2) * pitch, rank) for i, rank in enumerate(ranks)]


def seat_numbers(count: int, numbering: str) -> list[int]:
    """Return the numbers of ``count`` seats listed left to right as the audience sees them.

    "odd_even": 1 and 2 take the centre, odd numbers outwards on the audience's right, even on the left.
    """
    if numbering != "odd_even":
        return list(range(1, count + 1))
    centre = count // 2
    return [1 + 2 * (i - centre) if i >= centre else 2 + 2 * (centre - 1 - i) for i in range(count)]


def _auditorium(params: Mapping[str, Any], numbering: str) -> list[SeatSpec]:
    rostrum = _int_list(params.get("rostrum_rows", []), "主席台各排座位数", "rostrum_rows", 0, 5, 1, 200)
    raw_blocks = params.get("blocks", [])
    if not isinstance(raw_blocks, list) or not 1 <= len(raw_blocks) <= 20:
        raise InvalidInput("台下分块应有 1 到 20 块。", field="blocks")
    blocks = [_block(b) for b in raw_blocks]
    _check_total(sum(rostrum) + sum(b.rows * sum(b.sections) for b in blocks))
    return auditorium(rostrum_rows=rostrum, blocks=blocks, numbering=numbering)


def _classroom(params: Mapping[str, Any], numbering: str) -> list[SeatSpec]:
    front = _int(params, "front_table", "前排桌（主席台）座位数", 0, 200)
    block = _block({"zone": params.get("zone", "members"), "rows": params.get("rows"),
                    "sections": params.get("sections")})
    _check_total(front + block.rows * sum(block.sections))
    return auditorium(rostrum_rows=(front,) if front else (), blocks=(block,), numbering=numbering)


def _block(raw: Any) -> Block:
    if not isinstance(raw, Mapping):
        raise InvalidInput("台下分块的格式不正确。", field="blocks")
    zone = _choice(raw.get("zone", "members"), ZONES, "区域", "zone")
    rows = _int(raw, "rows", "排数", 1, 100)
    sections = _int_list(raw.get("sections"), "每排各区座位数", "sections", 1, 9, 1, 200)
    if sum(sections) > 200:
        raise InvalidInput(f"每排座位数应在 1 到 200 之间，而不是 {sum(sections)}。", field="sections")
    return Block(zone, rows, tuple(sections))


def _row_positions(sections: Sequence[int]) -> list[float]:
    total = sum(sections) + AISLE * (len(sections) - 1)
    x = -total / 2 + 0.5
    positions = []
    for width in sections:
        positions.extend(x + i for i in range(width))
        x += width + AISLE
    return positions


def _section_names(sections: Sequence[int]) -> list[str]:
    names = {1: ["中区"], 2: ["左区", "右区"], 3: ["左区", "中区", "右区"]}.get(
        len(sections), [f"{i}区" for i in range(1, len(sections) + 1)]
    )
    return [name for name, width in zip(names, sections, strict=True) for _ in range(width)]


def _desks(seats: Sequence[SeatSpec]) -> list[TableShape]:
    # One desk per run of adjacent seats of a row, on the side the seats face.
    runs: dict[tuple[float, str], list[float]] = {}
    for seat in seats:
        runs.setdefault((seat.y, seat.section), []).append(seat.x)
    shapes = []
    for (y, section), xs in runs.items():
        facing = 1 if section == "主席台" else -1  # the rostrum faces the audience, the audience the rostrum
        width = max(xs) - min(xs) + 0.9
        shapes.append(TableShape("rect", (max(xs) + min(xs)) / 2, y + facing * 0.6, width, 0.3))
    return shapes



def _boardroom(params: Mapping[str, Any], numbering: str) -> list[SeatSpec]:
    """Inner ring (zone rostrum, ranked) around the table, then rows of 列席 behind the flanks.

    The head side is the top (-y) long side, facing the door (+y); No.1 takes its centre (the left of
    the centre pair when even), then ranks alternate the head's left (+x) and right outwards and round.
    """
    shape, long_side, short_side, outer = _boardroom_params(params)
    width, depth = long_side + 1.0, short_side + 1.0
    top = [(x, -0.6) for x in _row_positions((long_side,))]
    flank_ys = [depth / 2 + y for y in _row_positions((short_side,))] if short_side else []
    right = [(width / 2 + 0.6, y) for y in flank_ys]
    bottom = [] if shape == "u" else [(x, depth + 0.6) for x in reversed(_row_positions((long_side,)))]
    left = [(-width / 2 - 0.6, y) for y in reversed(flank_ys)]
    head = (long_side - 1) // 2
    ring = top[head:] + right + bottom + left + top[:head]  # from the head, round by the head's left
    ranks = _ring_ranks(len(ring))
    seats = [SeatSpec(f"会议桌{rank}座", "rostrum", "会议桌", 1, rank, x, y, rank, _side_facing(x, y, width))
             for (x, y), rank in zip(ring, ranks, strict=True)]
    for k in range(1, outer + 1):
        offset = 0.6 + k * ROW_PITCH
        path = [(-width / 2 - offset, y) for y in flank_ys]
        if shape != "u":
            path += [(x, depth + offset) for x in _row_positions((long_side,))]
        path += [(width / 2 + offset, y) for y in reversed(flank_ys)]
        seats.extend(SeatSpec(f"列席{k}排{n}座", "attendee", "列席席", k + 1, n, x, y,
                              rotation=_side_facing(x, y, width))
                     for n, (x, y) in zip(seat_numbers(len(path), numbering), path, strict=True))
    return seats


def _boardroom_params(params: Mapping[str, Any]) -> tuple[str, int, int, int]:
    shape = _choice(params.get("shape", "rectangle"), SHAPES, "桌形", "shape")
    long_side = _int(params, "long_side", "长边每边座位数", 1, 40)
    short_side = _int(params, "short_side", "短边每边座位数", 0, 20)
    outer = _int(params, "outer_rows", "列席排数", 0, 5)
    return shape, long_side, short_side, outer


def _ring_ranks(count: int) -> list[int]:
    """Ranks of seats listed round a table from No.1: the next on its left is No.2, on its right No.3…"""
    ranks = [1] + [0] * (count - 1)
    rank, step = 1, 0
    while rank < count:
        step += 1
        for index in (step, count - step):
            if rank < count and ranks[index] == 0:
                rank += 1
                ranks[index] = rank
    return ranks


def _side_facing(x: float, y: float, width: float) -> float:
    """Rotation of a seat along a straight table side: facing across the table."""
    if abs(x) > width / 2:
        return 90.0 if x < 0 else 270.0
    return 180.0 if y < 0 else 0.0


def _facing(x: float, y: float, cx: float, cy: float) -> float:
    """Rotation in degrees of a seat at (x, y) facing (cx, cy); 0 faces -y (the rostrum)."""
    return round(math.degrees(math.atan2(cx - x, -(cy - y))), 1) % 360


def _boardroom_tables(params: Mapping[str, Any]) -> list[TableShape]:
    shape, long_side, short_side, _ = _boardroom_params(params)
    width, depth = long_side + 1.0, short_side + 1.0
    if shape == "u":
        return [TableShape("rect", 0, 0.5, width, 1.0, "会议桌"),
                TableShape("rect", -width / 2 + 0.5, depth / 2, 1.0, depth),
                TableShape("rect", width / 2 - 0.5, depth / 2, 1.0, depth)]
    shapes = [TableShape("rect", 0, depth / 2, width, depth, "会议桌")]
    if shape == "hollow" and width > 2 and depth > 2:
        shapes.append(TableShape("rect", 0, depth / 2, width - 2, depth - 2, hollow=True))
    return shapes



def _banquet(params: Mapping[str, Any], numbering: str) -> list[SeatSpec]:
    """The main table (zone rostrum) at the front, round tables behind; every seat ranked.

    At a table the host faces the door (+y): guest 1 on the host's right (-x), guest 2 on the host's
    left, the deputy host opposite with guest 3 on his right and guest 4 on his left, then the rest by
    nearness to the host, right before left. Tables rank by distance to the main table, right above left.
    """
    centres = _banquet_layout(params)
    seats: list[SeatSpec] = []
    for number, (cx, cy, count) in enumerate(centres):
        name = "主桌" if number == 0 else f"{number}桌"
        radius = _seat_radius(count)
        for seat_no, position in enumerate(_table_order(count), 1):
            angle = 2 * math.pi * position / count
            x, y = cx + radius * math.sin(angle), cy - radius * math.cos(angle)
            seats.append(SeatSpec(f"{name}{seat_no}座", "rostrum" if number == 0 else "members", name,
                                  number, seat_no, round(x, 3), round(y, 3), len(seats) + 1,
                                  _facing(x, y, cx, cy)))
    return seats


def _banquet_layout(params: Mapping[str, Any]) -> list[tuple[float, float, int]]:
    """(x, y, seats) of the main table, then of the other tables in rank order."""
    tables = _int(params, "tables", "餐桌数（不含主桌）", 0, 150)
    per_table = _int(params, "seats_per_table", "每桌座位数", 2, 20)
    per_row = _int(params, "tables_per_row", "每排餐桌数", 1, 20)
    main = _int(params, "main_seats", "主桌座位数", 2, 30)
    _check_total(main + tables * per_table)
    pitch = 2 * _seat_radius(per_table) + 1.5
    first_y = _seat_radius(main) + 1.5 + _seat_radius(per_table)
    spots = [((i % per_row - (min(per_row, tables - i // per_row * per_row) - 1) / 2) * pitch,
              first_y + (i // per_row) * pitch) for i in range(tables)]
    spots.sort(key=lambda p: (round(math.hypot(*p), 3), p[0]))  # -x is the host's right: it ranks first
    return [(0.0, 0.0, main)] + [(x, y, per_table) for x, y in spots]


def _seat_radius(count: int) -> float:
    return max(count * 1.1 / (2 * math.pi), 1.0)


def _table_order(count: int) -> list[int]:
    """Positions round a table (0 = the host, counted towards the host's left) in rank order."""
    deputy = count // 2
    chosen = [0, count - 1, 1, deputy, deputy - 1, deputy + 1]
    order = list(dict.fromkeys(p % count for p in chosen if count > 4 or p in (0, count - 1, 1)))
    rest = sorted(set(range(count)) - set(order), key=lambda p: (min(p, count - p), p < count - p))
    return order + rest


def _banquet_tables(params: Mapping[str, Any]) -> list[TableShape]:
    return [TableShape("circle", cx, cy, 2 * _seat_radius(count) - 1.2, 2 * _seat_radius(count) - 1.2,
                       "主桌" if number == 0 else f"{number}桌")
            for number, (cx, cy, count) in enumerate(_banquet_layout(params))]



def _int(params: Mapping[str, Any], key: str, name: str, low: int, high: int) -> int:
    value = params.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{name}应在 {low} 到 {high} 之间，而不是 {value}。", field=key)
    return value


def _int_list(values: Any, name: str, key: str, min_len: int, max_len: int, low: int, high: int) -> list[int]:
    if not isinstance(values, (list, tuple)) or not min_len <= len(values) <= max_len:
        raise InvalidInput(f"{name}应填写 {min_len} 到 {max_len} 个数，用逗号分隔。", field=key)
    return [_int({key: v}, key, name, low, high) for v in values]


def _choice(value: Any, allowed: Mapping[str, str], name: str, key: str) -> str:
    if value not in allowed:
        raise InvalidInput(f"{name}应为{'、'.join(allowed.values())}之一，而不是“{value}”。", field=key)
    return value


def _check_total(count: int) -> None:
    if count > MAX_SEATS:
        raise InvalidInput(f"座位总数不能超过 {MAX_SEATS} 个，当前参数将生成 {count} 个。", field="params")


_GENERATORS = {"auditorium": _auditorium, "boardroom": _boardroom, "classroom": _classroom,
               "banquet": _banquet}
