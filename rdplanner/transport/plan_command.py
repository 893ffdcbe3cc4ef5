"""The ``plan-transport`` command: propose cars for one programme item (rdplanner.transport.planner),
print the proposal in Chinese, and with ``--apply`` save it and say what was saved.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from rdplanner.cli_types import record_id
from rdplanner.transport.planner import Proposal, ProposedTrip

MAX_NAMES_SHOWN = 60  # a coach's list stays on one line; beyond, "等 N 人"


def _count(what: str, most: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what}无效：“{text[:20]}”不是整数") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"{what}无效：{text}（不能为负数）")
        if value > most:
            raise argparse.ArgumentTypeError(f"{what}无效：{text[:20]}（最多 {most}）")
        return value

    return parse


def add_arguments(parser: argparse.ArgumentParser,
                  add_db_argument: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the command's options to its sub-parser (``add_db_argument`` adds the shared --db)."""
    add_db_argument(parser)
    parser.add_argument("--event", type=record_id, required=True, metavar="ID", help="活动编号")
    parser.add_argument("--item", type=record_id, required=True, metavar="ITEM_ID", help="日程编号")
    parser.add_argument("--apply", action="store_true", help="保存方案（不加时只显示，不改动数据）")
    parser.add_argument("--leaders", type=_count("领导人数", 100), default=5, metavar="N",
                        help="职务排序前 N 位的领导每人单独乘车（默认 5，0 表示不单独安排）")
    parser.add_argument("--window", type=_count("时间窗口", 24 * 60), default=60, metavar="MIN",
                        help="接站、送站时同车的到达或离开时间相差不超过的分钟数（默认 60）")


def trip_line(trip: ProposedTrip) -> str:
    """One vehicle: 车牌 车型 驾驶员 人数/座位 乘车人员."""
    names = [p.name for p in trip.passengers]
    more = f"等 {len(names)} 人" if len(names) > MAX_NAMES_SHOWN else ""
    shown = "、".join(names[:MAX_NAMES_SHOWN]) + more
    mark = "（领导单独乘车）" if trip.leader else ""
    return (f"  {trip.plate_text} {trip.kind_label} {trip.driver_name} "
            f"{len(trip.passengers)}人/{trip.capacity}座 {shown}{mark}")


def proposal_lines(proposal: Proposal) -> list[str]:
    """The proposal as printed: the item, each ride (route and time) with its vehicles, the unplaced."""
    lines = [f"日程：{proposal.item_label}"]
    lines += [f"说明：{rule}" for rule in proposal.rules]
    if proposal.already_riding:
        lines.append(f"已在本日程行程上的 {len(proposal.already_riding)} 人不再安排。")
    ride = None
    for trip in proposal.trips:
        here = (trip.origin, trip.destination, trip.when)
        if here != ride:
            ride = here
            lines.append(f"【{trip.origin}→{trip.destination}，{trip.when}】")
        lines.append(trip_line(trip))
    lines.append(f"共 {len(proposal.trips)} 辆车，乘车 {proposal.passenger_count} 人。")
    if proposal.unplaced:
        lines.append(f"未能安排 {len(proposal.unplaced)} 人：")
        lines += [f"  {u.name}：{u.reason}" for u in proposal.unplaced]
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the proposal; with --apply save it. Errors for the user are raised (RdplannerError)."""
    from rdplanner.cli_database import open_for_command
    from rdplanner.db import resolve_url, sqlite_path
    from rdplanner.db_files import refuse_unreadable
    from rdplanner.transport.planner import apply_proposal, propose_transport

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is not None:
        refuse_unreadable(path.expanduser().absolute())  # a mistyped --db is refused, never created
    db = open_for_command(url)
    try:
        with db.session() as session:
            proposal = propose_transport(session, event_id=args.event, item_id=args.item,
                                         leader_rank=args.leaders, window_minutes=args.window)
            session.rollback()  # reading only: end the read before printing
            print("\n".join(proposal_lines(proposal)))
            if not args.apply:
                if proposal.trips:
                    print("未保存：加 --apply 保存此方案。")
                return 0
            if not proposal.trips:
                print("没有可保存的行程。")
                return 0
            ids = apply_proposal(session, event_id=args.event, proposal=proposal).value
    finally:
        db.close()
    print(f"已保存 {len(ids)} 趟行程（状态“已申请”），行程编号：{'、'.join(map(str, ids))}。")
    return 0
