"""The demo's catering (用餐): three meals a day with priced home-style menus, attached to the programme's
meal items, the kitchen's provisions for the roster's dietary needs (清真, 素食, allergies on about 5 % of
the people), and, in the large demo, the findings the review exists for: a dinner with 海参 (a forbidden
dish, which also takes that day over the 伙食费 quota), one allergy the kitchen was not told of, and a
headcount adjusted with its reason."""

from datetime import timedelta

from sqlalchemy import insert, select, update
from sqlmodel import Session

from rdplanner.catering.headcount import needs_of
from rdplanner.models import Event, Meal, MenuItem, Participation, Sitting

DINING = "机关食堂二楼"
HOTEL_DINING = "市人大会议中心宾馆自助餐厅"
ALLERGIES = ("花生过敏", "海鲜过敏", "芒果过敏", "牛奶过敏")
DIETARY_SHARE = 0.05
# (name, category, price in fen per person); a day's three meals cost 128 元 a head, within 150 元.
BREAKFAST = (("白粥", "主食", 300), ("豆浆", "饮品", 300), ("包子", "主食", 600), ("煮鸡蛋", "蛋类", 300),
             ("凉拌小菜", "凉菜", 400), ("杂粮馒头", "主食", 300), ("时令水果", "水果", 600))
LUNCH = (("番茄炒蛋", "热菜", 800), ("清炒时蔬", "热菜", 600), ("红烧豆腐", "热菜", 600), ("土豆烧牛肉", "热菜", 1400),
         ("鱼香肉丝", "热菜", 1000), ("冬瓜排骨汤", "汤", 800), ("米饭", "主食", 200), ("杂粮馒头", "主食", 200))
DINNER = (("清蒸鲈鱼", "热菜", 1500), ("西兰花炒虾仁", "热菜", 1200), ("农家小炒肉", "热菜", 1000),
          ("麻婆豆腐", "热菜", 600), ("蒜蓉生菜", "热菜", 500), ("紫菜蛋花汤", "汤", 400), ("米饭", "主食", 200),
          ("葱油花卷", "主食", 200))
FORBIDDEN = ("葱烧海参", "热菜", 3800)
MENUS = {"breakfast": BREAKFAST, "lunch": LUNCH, "dinner": DINNER}


def meals(session: Session, event: Event, *, findings: bool) -> None:
    """Plan the event's meals (``findings``: with the large demo's deliberate findings)."""
    _locals(session, event.id)
    allergens = _dietary(session, event.id)
    provisions = "清真，素食，" + "，".join(f"无{a.removesuffix('过敏')}" for a in allergens)
    items = {(s.starts_at.date(), s.starts_at.hour): s for s in session.scalars(
        select(Sitting).where(Sitting.event_id == event.id, Sitting.kind == "meal", Sitting.starts_at.is_not(None)))}
    day, number = event.start_date, 0
    while day <= event.end_date:
        for kind in ("breakfast", "lunch", "dinner"):
            number += 1
            item = next((s for (d, hour), s in items.items() if d == day and (hour < 15) == (kind == "lunch")
                         and kind != "breakfast"), None)
            meal = Meal(event_id=event.id, meal_date=day, kind=kind, style="buffet" if kind == "breakfast" else "working",
                        place=item.place if item and item.place else (HOTEL_DINING if kind == "breakfast" else DINING),
                        sitting_id=item.id if item else None, include_staff=kind != "breakfast",
                        include_drivers=kind == "lunch", provisions=provisions)
            if findings and number == 8:  # the third day's lunch: the press pool joins
                meal.adjustment, meal.adjustment_reason = 6, "随行记者及电视台摄像 6 人"
            if findings and number == 6 and allergens:  # the second day's dinner: one allergy not passed on
                meal.provisions = provisions.rsplit("，", 1)[0]
            session.add(meal)
            session.flush()
            dishes = list(MENUS[kind])
            if findings and number == 6:
                dishes.insert(0, FORBIDDEN)
            session.execute(insert(MenuItem), [
                {"meal_id": meal.id, "name": name, "category": category, "price_fen": price, "sort_order": n}
                for n, (name, category, price) in enumerate(dishes)])
        day += timedelta(days=1)


def _locals(session: Session, event_id: int) -> None:
    """Mark as local (本地) those who need no lodging, unless the roster already marks someone."""
    p = Participation
    if session.scalar(select(p.id).where(p.event_id == event_id, p.is_local.is_(True)).limit(1)) is None:
        session.execute(update(p).where(p.event_id == event_id, p.needs_lodging.is_(False), p.role != "staff")
                        .values(is_local=True))


def _dietary(session: Session, event_id: int) -> list[str]:
    """Give allergies to enough people that about 5 % have a dietary need; return the allergens used."""
    rows = session.execute(select(Participation.id, Participation.dietary).where(Participation.event_id == event_id)
                           .order_by(Participation.id)).all()
    noted = sum(1 for _, text in rows if text)
    wanting = max(0, round(DIETARY_SHARE * len(rows)) - noted)
    free = [pid for pid, text in rows if not text]
    chosen = free[7::max(1, len(free) // wanting)][:wanting] if wanting else []
    for n, pid in enumerate(chosen):
        session.execute(update(Participation).where(Participation.id == pid)
                        .values(dietary=ALLERGIES[n % len(ALLERGIES)]))
    used = {a for _, text in rows for a in needs_of(text).allergies} | {
        ALLERGIES[n % len(ALLERGIES)].removesuffix("过敏") for n in range(len(chosen))}
    return [a for a in ALLERGIES if a.removesuffix("过敏") in used]
