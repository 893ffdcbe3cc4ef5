"""The delegations in the roster's order, as the sign-in page's filter lists them."""

from types import SimpleNamespace

from rdplanner.people.roster_order import delegation_names, order_roster
from rdplanner.people.service import RosterRow


def rows(*delegations):
    return [SimpleNamespace(delegation=d) for d in delegations]


def test_delegation_names_follow_the_strokes_of_their_names():
    # 上 3 strokes, 西 6, 拱 9; input order and repeats do not matter
    names = delegation_names(rows("拱墅区代表团", "西湖区代表团", "", "上城区代表团", "西湖区代表团"))
    assert names == ["上城区代表团", "西湖区代表团", "拱墅区代表团"]


def test_delegation_names_match_the_rosters_order_by_delegation():
    fields = {name: "" for name in RosterRow.__dataclass_fields__}
    delegations = ["解放军代表团", "余杭区代表团", "临平区代表团", "上城区代表团", "萧山区代表团",
                   "滨江区代表团"]
    roster = [RosterRow(**{**fields, "participation_id": n, "name": f"代表{n}", "role": "deputy",
                           "rank_order": 0, "delegation": d}) for n, d in enumerate(delegations)]
    grouped = [r.delegation for r in order_roster(roster, mode="delegation").rows]
    assert delegation_names(roster) == list(dict.fromkeys(grouped))


def test_delegation_names_of_an_event_without_delegations_are_empty():
    assert delegation_names(rows("", "")) == []
