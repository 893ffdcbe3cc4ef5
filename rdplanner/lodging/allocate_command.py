"""The ``allocate-rooms`` command: run the automatic room allocation on an event under its saved rules,
print the proposal's summary in Chinese, and with ``--apply`` save it (locked stays are kept).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable

from rdplanner.cli_types import record_id
from rdplanner.lodging.allocation import RoomProposal

MAX_UNPLACED_SHOWN = 20


def add_arguments(parser: argparse.ArgumentParser,
                  add_db_argument: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the command's options to its sub-parser (``add_db_argument`` adds the shared --db)."""
    add_db_argument(parser)
    parser.add_argument("--event", type=record_id, required=True, metavar="ID", help="活动编号")
    parser.add_argument("--apply", action="store_true", help="保存方案（不加时只显示，不改动数据）")


def proposal_lines(proposal: RoomProposal) -> list[str]:
    """The proposal as printed: the rules, rooms per hotel, who is left out, who could not be placed."""
    lines = [f"规则：{rule}" for rule in proposal.rules]
    per_hotel: dict[str, set[int]] = {}
    people: Counter[str] = Counter()
    for p in proposal.placements:
        per_hotel.setdefault(p.hotel, set()).add(p.room_id)
        people[p.hotel] += 1
    lines += [f"  {hotel}：{len(rooms)} 间，{people[hotel]} 人" for hotel, rooms in per_hotel.items()]
    singles = sum(p.single for p in proposal.placements)
    lines.append(f"共安排 {len(proposal.placements)} 人、{proposal.rooms} 间（单独住宿 {singles} 人）；"
                 f"保留锁定的住宿 {proposal.kept} 条。")
    if proposal.not_lodged_local or proposal.not_lodged_leave:
        lines.append(f"不安排：本地人员 {proposal.not_lodged_local} 人，已获准请假 {proposal.not_lodged_leave} 人。")
    if proposal.unplaced:
        lines.append(f"未能安排 {len(proposal.unplaced)} 人：")
        lines += [f"  {u.name}：{u.reason}" for u in proposal.unplaced[:MAX_UNPLACED_SHOWN]]
        more = len(proposal.unplaced) - MAX_UNPLACED_SHOWN
        if more > 0:
            lines.append(f"  另有 {more} 人。")
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the proposal; with --apply save it. Errors for the user are raised (RdplannerError)."""
    from rdplanner.cli_database import open_for_command
    from rdplanner.db import resolve_url, sqlite_path
    from rdplanner.db_files import refuse_unreadable
    from rdplanner.lodging.allocate import apply_rooms, propose_rooms

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is not None:
        refuse_unreadable(path.expanduser().absolute())  # a mistyped --db is refused, never created
    db = open_for_command(url, read_only=not args.apply)
    try:
        with db.session() as session:
            proposal = propose_rooms(session, event_id=args.event)
            session.rollback()  # reading only: end the read before printing
            print("\n".join(proposal_lines(proposal)))
            if not args.apply:
                print("未保存：加 --apply 保存此方案。")
                return 0
            saved = apply_rooms(session, event_id=args.event, proposal=proposal).value
    finally:
        db.close()
    print(f"已保存 {saved} 条住宿安排（未锁定的原有安排已替换）。")
    return 0
