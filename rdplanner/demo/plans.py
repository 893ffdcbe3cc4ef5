"""The demo's plans and reference data: halls, posts, hotel, meals, budget, contingencies (the cars are
in rdplanner.demo.transport)."""

from datetime import datetime, time, timedelta

from sqlalchemy import insert, select
from sqlmodel import Session

from rdplanner.budget.standards import load_standards
from rdplanner.models import (
    BudgetLine,
    ContingencyPlan,
    Event,
    Hall,
    Layout,
    Seat,
    Sitting,
    Venue,
)
from rdplanner.readiness.templates import TaskTemplate
from rdplanner.seating.layout_service import seat_values
from rdplanner.seating.layouts import LayoutSpec, SeatSpec, generate, spec_to_json

HOTEL = "市人大会议中心宾馆"  # the agreement hotel: where the lodged stay and are picked up
CONGRESS_ROSTRUM = (31, 33)  # the presidium's two rostrum rows
DELEGATIONS = (
    "上城区代表团", "拱墅区代表团", "西湖区代表团", "滨江区代表团", "萧山区代表团", "余杭区代表团",
    "临平区代表团", "钱塘区代表团", "富阳区代表团", "临安区代表团", "桐庐县代表团", "淳安县代表团",
    "建德市代表团", "解放军代表团",
)
COMMITTEES = (
    "法制委员会", "财政经济委员会", "教育科学文化卫生委员会", "城乡建设环境保护委员会",
    "农业与农村委员会", "民族宗教华侨外事委员会", "社会建设委员会", "监察和司法委员会",
)
ATTENDEE_POSTS = (
    ("副市长", "市人民政府", False),
    ("市人民政府秘书长", "市人民政府", False),
    ("院长", "市中级人民法院", False),
    ("检察长", "市人民检察院", False),
    ("局长", "市司法局", False),
    ("局长", "市财政局", False),
    ("局长", "市生态环境局", False),
    ("主任", "上城区人大常委会", False),
    ("主任", "萧山区人大常委会", True),
    ("主任", "余杭区人大常委会", True),
    ("主任", "富阳区人大常委会", True),
    ("主任", "临安区人大常委会", True),
    ("主任", "桐庐县人大常委会", True),
    ("主任", "淳安县人大常委会", True),
    ("主任", "建德市人大常委会", True),
    ("市人大代表", "西湖区代表团", False),
    ("市人大代表", "滨江区代表团", False),
    ("市人大代表", "钱塘区代表团", False),
)
OBSERVER_UNITS = ("上城区湖滨街道", "西湖区文新街道", "拱墅区米市巷街道", "滨江区西兴街道", "萧山区城厢街道")
STAFF_POSTS = (
    "办公室主任", "会务组组长", "会务组", "会务组", "秘书组组长", "秘书组", "车辆组组长",
    "生活组组长", "技术保障组", "宣传组", "财务组", "医务人员",
)
CONTINGENCIES = (
    ("weather", "恶劣天气应急预案", "气象部门发布暴雨、大雪或台风预警",
     "提前通知参会人员调整出行时间；车辆组增派车辆接送；会场入口铺设防滑垫"),
    ("power", "停电及音响设备故障应急预案", "会场停电或扩音、表决系统故障",
     "启用备用电源和备用话筒；技术人员 5 分钟内到场排除；必要时改为举手表决"),
    ("illness", "人员突发疾病应急预案", "参会人员突发身体不适",
     "驻会医务人员即时处置；联系定点医院开通绿色通道；车辆组保留一辆应急车辆"),
    ("speaker_absent", "主要发言人缺席预案", "作报告或说明的人员临时不能到会",
     "事先确定代为报告人选并提前送达材料；主持词备用版本"),
    ("crowding", "人员拥挤疏导预案", "报到、散会时出入口人员集中", "分时段报到，增开通道，工作人员现场引导"),
    ("fire", "消防安全应急预案", "会场或驻地发生火情", "按疏散路线组织撤离，拨打 119，清点人数"),
)
REVIEW_NOTES = (
    ("keep", "座次图和席卡双人交叉校对", "本次会议座次图、席卡零差错", "", "继续执行双人校对制度"),
    ("improve", "第二次全体会议一支话筒中断约 1 分钟", "会议进行中一支话筒电量耗尽",
     "会前检查只测试了开关，未测电池电量", "会前检查增加电池电量测试，每席备用电池到位"),
    ("improve", "列席人员报到集中，签到台排队", "8:30—8:45 签到台排队约 10 分钟",
     "报到时间未分时段，只设一个签到台", "增设一个签到台，通知中写明分时段报到"),
)


def _get_or_create(session: Session, table: type, where: dict, **values) -> int:
    found = session.scalar(select(table.id).filter_by(**where))
    if found is not None:
        return found
    row = table(**where, **values)
    session.add(row)
    session.flush()
    return row.id


def standing_committee_hall(session: Session) -> tuple[int, int]:
    """Return (hall id, venue id) of the standing committee's meeting hall, with its layout."""
    venue_id = _get_or_create(session, Venue, {"name": "市人大常委会机关"}, address="市府大道 1 号")
    spec = _auditorium_spec((9,), ("members", 5), ("attendee", 2), ("observer", 1), ("staff", 1),
                            sections=(5, 8, 5))
    seats = generate(spec)
    hall_id = _get_or_create(session, Hall, {"venue_id": venue_id, "name": "常委会会议厅"},
                             capacity=len(seats))
    _layout(session, hall_id, "常委会会议厅（常用布局）", spec, seats)
    return hall_id, venue_id


def congress_hall(session: Session) -> tuple[int, int]:
    """Return (hall id, venue id) of the 1,000-seat congress hall, with its layout."""
    venue_id = _get_or_create(session, Venue, {"name": "市人民大会堂"}, address="市民中心 A 座")
    spec = _auditorium_spec(CONGRESS_ROSTRUM, ("members", 17), ("attendee", 3), ("observer", 1),
                            ("staff", 2), ("media", 1), sections=(10, 19, 10))
    seats = generate(spec)
    hall_id = _get_or_create(session, Hall, {"venue_id": venue_id, "name": "大会堂"}, capacity=len(seats))
    _layout(session, hall_id, "大会堂（大会布局）", spec, seats)
    return hall_id, venue_id


def _auditorium_spec(rostrum: tuple[int, ...], *zones: tuple[str, int],
                     sections: tuple[int, ...]) -> LayoutSpec:
    blocks = [{"zone": zone, "rows": rows, "sections": list(sections)} for zone, rows in zones]
    return LayoutSpec("auditorium", {"rostrum_rows": list(rostrum), "blocks": blocks})


def _layout(session: Session, hall_id: int, name: str, spec: LayoutSpec, seats: list[SeatSpec]) -> None:
    """Store the layout with its template (spec_json), so the officer can edit it later."""
    if session.scalar(select(Layout.id).where(Layout.hall_id == hall_id, Layout.name == name)):
        return
    layout = Layout(hall_id=hall_id, name=name, kind=spec.kind, numbering=spec.numbering,
                    spec_json=spec_to_json(spec))
    session.add(layout)
    session.flush()
    session.execute(insert(Seat), seat_values(layout.id, seats))


def standing_committee_posts(factory) -> list[tuple[str, str]]:
    """Return (post, unit) of 45 members in rank order: 主任, 7 副主任, 秘书长, 36 委员."""
    posts = [("主任", "市人大常委会")]
    posts += [("副主任", "市人大常委会")] * 7
    posts.append(("秘书长", "市人大常委会"))
    for n in range(36):
        committee = COMMITTEES[n % len(COMMITTEES)]
        posts.append(("委员", f"市人大{committee}" if n < 20 else factory.pick(
            ("浙江大学", "市总工会", "市律师协会", "市第一人民医院", "市工商业联合会", "市妇女联合会"))))
    return posts


def deputy_post(factory, delegation: str, n: int) -> tuple[str, str]:
    area = delegation.removesuffix("代表团")
    if n == 0:
        return "代表团团长", f"{area}委员会"
    if n == 1:
        return "代表团副团长", f"{area}人大常委会"
    return factory.pick(("代表", "代表", "代表")), factory.pick(
        (f"{area}人民政府", f"{area}第一中学", f"{area}人民医院", f"{area}农业农村局", f"{area}某街道社区"))


def other_post(factory, role: str, n: int) -> tuple[str, str]:
    if role == "attendee":
        return factory.pick(("局长", "主任", "副局长")), factory.pick(
            ("市发展和改革委员会", "市财政局", "市教育局", "市卫生健康委员会", "市住房和城乡建设局"))
    if role == "observer":
        return "市民", factory.pick(OBSERVER_UNITS)
    if role == "media":
        return "记者", factory.pick(("市日报社", "市广播电视台", "市新闻网"))
    return STAFF_POSTS[n % len(STAFF_POSTS)], "市人大常委会办公室"


COMMITTEE_GROUPS = ("第一组", "第二组", "第三组", "第四组")


def _item(event: Event, day: int, start: time, end: time, name: str, kind: str, order: int, *,
          hall_id: int | None = None, place: str = "", audience: str = "all", value: str = "",
          notes: str = "") -> dict:
    moment = event.start_date + timedelta(days=day)
    return {"event_id": event.id, "name": name, "kind": kind, "hall_id": hall_id, "place": place,
            "starts_at": datetime.combine(moment, start), "ends_at": datetime.combine(moment, end),
            "sort_order": order, "audience": audience, "audience_value": value, "notes": notes}


def committee_programme(session: Session, event: Event, hall_id: int) -> None:
    """A standing-committee meeting's programme: the opening plenary, group review in four groups, the
    closing plenary with the vote on the last day (or in the afternoon of a one-day meeting)."""
    last = (event.end_date - event.start_date).days
    rows = [_item(event, 0, time(8, 30), time(9), "报到、签到", "arrival", 1, hall_id=hall_id),
            _item(event, 0, time(9), time(11, 30), "第一次全体会议", "plenary", 2, hall_id=hall_id),
            _item(event, 0, time(12), time(13), "工作餐", "meal", 3, place="机关食堂")]
    for n, group in enumerate(COMMITTEE_GROUPS):
        rows.append(_item(event, 0, time(14, 30), time(17, 30), f"分组审议（{group}）", "group", 4 + n,
                          place=f"{n + 2}号会议室", audience="group", value=group))
    closing = (time(9), time(11)) if last else (time(17, 40), time(18, 20))
    rows.append(_item(event, last, *closing, "第二次全体会议（表决）", "plenary", 9, hall_id=hall_id))
    session.execute(insert(Sitting), rows)


def congress_programme(session: Session, event: Event, hall_id: int) -> None:
    """A congress session's programme over its days: arrival and the preparatory meeting, the opening,
    the delegations' reviews, site visits, the closing and the departure."""
    rows, order = [], iter(range(1, 1000))
    last = (event.end_date - event.start_date).days

    def add(day, start, end, name, kind, **fields) -> None:
        rows.append(_item(event, day, start, end, name, kind, next(order), **fields))

    def delegations(day, start, end, title) -> None:
        for n, delegation in enumerate(DELEGATIONS):
            add(day, start, end, f"{delegation}{title}", "group", place=f"{HOTEL}{n + 1}号会议室",
                audience="delegation", value=delegation)

    add(0, time(8, 30), time(11, 30), "代表报到", "arrival", place=f"{HOTEL}大堂")
    add(0, time(14, 30), time(15, 30), "预备会议", "plenary", hall_id=hall_id, audience="role", value="deputy")
    delegations(0, time(16), time(17), "全体会议")
    add(1, time(9), time(11, 30), "开幕大会", "plenary", hall_id=hall_id)
    delegations(1, time(14, 30), time(17, 30), "审议政府工作报告")
    delegations(2, time(9), time(11, 30), "审议计划和预算报告")
    add(2, time(14), time(17), "代表视察：滨江区污水处理厂", "visit", place="滨江区污水处理厂",
        audience="delegation", value=DELEGATIONS[3], notes="乘大巴前往，视察后返回驻地")
    add(2, time(14), time(17), "代表视察：钱塘区智能制造产业园", "visit", place="钱塘区智能制造产业园",
        audience="delegation", value=DELEGATIONS[7])
    delegations(3, time(9), time(11, 30), "审议法规草案")
    add(last, time(9), time(11, 30), "闭幕大会", "plenary", hall_id=hall_id)
    add(last, time(14), time(17), "返程", "departure", place=HOTEL)
    session.execute(insert(Sitting), rows)




def budget(session: Session, event: Event, cast_rows: list[dict], *, lines: int | None) -> None:
    """Create budget lines within the expense standard; ``lines`` pads large demos to a fixed count."""
    days = (event.end_date - event.start_date).days + 1
    lodged = sum(1 for r in cast_rows if r.get("needs_lodging"))
    people = len(cast_rows)
    _, standards = load_standards()
    standard = standards[event.expense_category]
    rows = [
        ("lodging", "住宿费（标准间）", standard.lodging * 100 - 2000, lodged, max(1, days - 1)),
        ("meals", "伙食费（工作餐）", standard.meals * 100, people, days),
        ("venue", "会议室租金（机关会议厅，不产生租金）", 0, 1, days),
        ("transport", "交通费（接送参会人员）", 60000, 4, days),
        ("printing", "文件印刷费（会议材料）", 3000, people, 1),
        ("medical", "医药费（常用药品）", 50000, 1, 1),
    ]
    if lines:
        rows += [("printing", f"文件印刷费（{d}分组材料）", 2500, 45, 1) for d in DELEGATIONS]
        rows += [("transport", f"交通费（第{n + 1}批次接送）", 80000, 2, 1) for n in range(lines - len(rows))]
    session.execute(insert(BudgetLine), [
        {"event_id": event.id, "category": c, "item": item, "unit_price_fen": price, "quantity": q,
         "days": d, "planned_fen": int(price * q * d), "sort_order": n}
        for n, (c, item, price, q, d) in enumerate(rows[: lines or len(rows)], 1)
    ])


def contingencies(session: Session, event: Event) -> None:
    session.execute(insert(ContingencyPlan), [
        {"event_id": event.id, "risk": risk, "title": title, "trigger": trigger, "measures": measures,
         "owner": "会务组组长", "contact": "0571-80001234"}
        for risk, title, trigger, measures in CONTINGENCIES
    ])


def extra_tasks(count: int) -> list[TaskTemplate]:
    """Per-delegation tasks of a congress session, up to ``count``."""
    duties = (
        ("before", "驻地联络与报到安排", "报到名单逐人核对，房卡、证件、材料袋按人准备", -3),
        ("before", "分组会场布置", "桌牌、话筒、茶水到位，会标经审定", -1),
        ("before", "分组用车安排", "按代表团编组车辆，司机熟悉路线", -2),
        ("during", "分组会议签到统计", "每次会议前报告应到、实到人数", 0),
        ("during", "代表建议收集登记", "当日建议当日登记、编号", 1),
        ("during", "分组会议简报报送", "当日简报当晚报送大会秘书处", 1),
        ("after", "代表团材料回收", "按编号回收，清点无误", 0),
        ("after", "代表团经费结算", "凭签到表和明细单据结算", 7),
        ("after", "代表团工作小结", "问题查找原因，形成改进事项", 5),
        ("before", "代表团驻地医疗保障", "联系驻地医务室，备常用药品", -2),
        ("during", "代表团用餐协调", "照顾少数民族和特殊饮食需求", 0),
    )
    tasks = []
    while len(tasks) < count:
        phase, title, standard, due = duties[len(tasks) // len(DELEGATIONS) % len(duties)]
        delegation = DELEGATIONS[len(tasks) % len(DELEGATIONS)]
        tasks.append(TaskTemplate(phase, f"{delegation}：{title}", standard, "代表团联络员", due))
    return tasks
