"""The national-scale demo, built only by ``python -m rdplanner bench --scale national``: a session of a
全国人民代表大会-sized congress, 3,000 participants seated in a 10,000-seat hall (the seating plan only:
no cars, rooms, meals or budget).
"""

from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.demo import plans
from rdplanner.demo.build import Cast, _event, _insert_memberships, _insert_people, _participations, _seat
from rdplanner.demo.people import PersonFactory
from rdplanner.models import Hall, Person, Venue
from rdplanner.seating.layouts import LayoutSpec, generate

PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
    "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾省",
)
DELEGATIONS = tuple(f"{p}代表团" for p in PROVINCES) + ("解放军和武警部队代表团",)
ROSTRUM = (40, 40, 40, 40, 40)  # the presidium
ZONES = (("members", 56), ("attendee", 22), ("observer", 12), ("staff", 5), ("media", 3))
SECTIONS = (25, 50, 25)
DEPUTIES = 2900
OTHERS = (("attendee", 60), ("staff", 20), ("media", 20))
PRESIDIUM_PER_DELEGATION = 6  # ranked from the heads down, as many as the rostrum seats


def build_national_demo(session: Session, *, today: date | None = None) -> int:
    """Create the national-scale event (3,000 participants, a 10,000-seat hall, seated); return its id."""
    today = today or date.today()
    taken = set(session.scalars(select(Person.id_card_no).where(Person.id_card_no.is_not(None))))
    factory = PersonFactory(seed=20270305 + len(taken), taken_ids=taken)
    hall_id, venue_id = national_hall(session)
    cast = _national_cast(factory)
    person_ids = _insert_people(session, cast.people)
    _insert_memberships(session, cast, person_ids, body="congress")
    event = _event(session, "第十四届全国人民代表大会第五次会议（基准测试）", "congress_session",
                   today + timedelta(days=90), 7, venue_id, hall_id, status="planning", category=1)
    _participations(session, event, cast, person_ids)
    _seat(session, event.id)
    session.commit()
    return event.id


def national_hall(session: Session) -> tuple[int, int]:
    """Return (hall id, venue id) of the 10,000-seat hall (200 on the rostrum), with its layout."""
    venue_id = plans._get_or_create(session, Venue, {"name": "人民大会堂（基准测试）"}, address="北京")
    blocks = [{"zone": zone, "rows": rows, "sections": list(SECTIONS)} for zone, rows in ZONES]
    spec = LayoutSpec("auditorium", {"rostrum_rows": list(ROSTRUM), "blocks": blocks})
    seats = generate(spec)
    hall_id = plans._get_or_create(session, Hall, {"venue_id": venue_id, "name": "万人大礼堂"},
                                   capacity=len(seats))
    plans._layout(session, hall_id, "万人大礼堂（大会布局）", spec, seats)
    return hall_id, venue_id


def _national_cast(factory: PersonFactory) -> Cast:
    cast = Cast(rows=[], people=[])
    per, extra = divmod(DEPUTIES, len(DELEGATIONS))
    for d_index, delegation in enumerate(DELEGATIONS):
        for n in range(per + (1 if d_index < extra else 0)):
            person = factory.person(min_age=30, max_age=65)
            person.delegation, person.unit = delegation, delegation.removesuffix("代表团")
            person.post = "代表团团长" if n == 0 else "全国人大代表"
            rank = n * len(DELEGATIONS) + d_index + 1 if n < PRESIDIUM_PER_DELEGATION else 0
            rank = rank if rank <= sum(ROSTRUM) else 0
            cast.people.append(person)
            cast.rows.append({"role": "deputy", "rank_order": rank, "delegation": delegation,
                              "group_name": delegation, "dietary": person.dietary})
    for role, count in OTHERS:
        for n in range(count):
            person = factory.person(min_age=24, max_age=62)
            person.post, person.unit = plans.other_post(factory, role, n)
            cast.people.append(person)
            cast.rows.append({"role": role, "rank_order": n + 1, "dietary": person.dietary})
    return cast
