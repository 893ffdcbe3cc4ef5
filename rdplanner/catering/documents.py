"""The catering documents: the 用餐安排表 (xlsx: per day and meal its place, style, count, dietary counts
and tables), the kitchen's notice (厨房备餐通知, PDF, a page per meal) and the 菜单审核表 (xlsx or PDF:
each menu with its findings and the rule behind each, and the day's cost against the 伙食费 quota).

Reads catering.read.load_catering, hands plain rows to exports/grouped_xlsx / exports/sections_pdf and writes nothing
to the database.
"""

from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session

from rdplanner.catering.headcount import MealCount
from rdplanner.catering.kinds import MEAL_KINDS
from rdplanner.catering.menu_review import review_dishes
from rdplanner.catering.problems import BANQUET_MEAL, OVER_QUOTA, RECEPTION_MEALS, catering_problems
from rdplanner.catering.read import CateringPlan, MealRow, day_text, load_catering, yuan
from rdplanner.errors import InvalidInput
from rdplanner.exports.errors import ExportCancelled
from rdplanner.exports.grouped_xlsx import TableGroup, TableSheet
from rdplanner.exports.sections_pdf import Section, SectionsDocument
from rdplanner.office_settings import office_identity
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

MEAL_HEADERS = ("餐次", "日程", "地点", "形式", "就餐人数", "人数构成", "清真", "素食", "过敏及其他特殊需要（姓名）",
                "桌数", "备注")
MEAL_WIDTHS = (7, 14, 18, 8, 9, 30, 6, 6, 36, 14, 20)
MENU_HEADERS = ("序号", "菜名", "类别", "人均价格", "审核结果", "依据")
MENU_WIDTHS = (6, 22, 10, 11, 26, 58)
OK = "符合"


def long_day(day: date) -> str:
    return f"{day.year}年{day_text(day, weekday=True)}"


def meal_day(plan: CateringPlan, day: int | date | None) -> date | None:
    """The date ``day`` names: None (every day), the event's N-th day (1 = the opening day), or a date
    of the event or of a meal planned outside it (the eve's dinner).

    Raises:
        InvalidInput: a day number past the event's last day, a date outside the event with no meal
            (field day).
    """
    if day is None:
        return None
    days = (plan.end_date - plan.start_date).days + 1
    if isinstance(day, date):
        if hasattr(day, "hour"):
            raise InvalidInput("导出的日期须为一个日期（不含时刻）。", field="day")
        if day not in plan.days():
            raise InvalidInput(f"{long_day(day)}不在本活动会期（{long_day(plan.start_date)}至"
                               f"{day_text(plan.end_date, weekday=True)}）内，当天也没有用餐安排。",
                               field="day")
        return day
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= days:
        raise InvalidInput(f"本活动会期 {days} 天，没有第 {day} 天。", field="day")
    return plan.start_date + timedelta(days=day - 1)


def _chosen(plan: CateringPlan, day, meal: str | None = None, *,
            what: str) -> tuple[tuple[MealRow, ...], str]:
    """The meals of ``day`` (and of the kind ``meal``) with the document's subtitle.

    Raises:
        InvalidInput: an unknown kind (field meal); see meal_day; a chosen day or kind with no meal
            (field day, naming them and ``what`` was not written).
    """
    if meal is not None and meal not in MEAL_KINDS:
        raise InvalidInput(f"餐次只能是 {'、'.join(MEAL_KINDS)} 之一。", field="meal")
    chosen = meal_day(plan, day)
    meals = tuple(m for m in plan.meals
                  if (chosen is None or m.meal_date == chosen) and (meal is None or m.kind == meal))
    if not meals and (chosen is not None or meal is not None):
        when = long_day(chosen) if chosen is not None else "会期内"
        kind = MEAL_KINDS[meal] if meal else "用餐"
        raise InvalidInput(f"{when}没有安排{kind}，未生成{what}。", field="day")
    if chosen is not None:
        return meals, f"日期：{long_day(chosen)}"
    return meals, f"会期：{long_day(plan.start_date)}至{day_text(plan.end_date, weekday=True)}"


def breakdown(count: MealCount, meal: MealRow) -> str:
    """"参会人员 80，工作人员 12，驾驶员 6，调整 +2（随行记者）"."""
    parts = [f"参会人员 {count.participants}"]
    parts += [f"工作人员 {count.staff}"] if meal.include_staff else []
    parts += [f"驾驶员 {count.drivers}"] if meal.include_drivers else []
    if meal.adjustment:
        parts.append(f"调整 {meal.adjustment:+d}（{meal.adjustment_reason or '未填原因'}）")
    return "，".join(parts)


def tables_text(count: MealCount) -> str:
    return f"{count.tables} 桌（清真 {count.halal_tables} 桌）" if count.halal_tables else f"{count.tables} 桌"


def special_text(count: MealCount) -> str:
    """Allergies and other needs with the people: "花生过敏 2 人：张三、李四"."""
    return "；".join(f"{label} {len(names)} 人：{'、'.join(names)}" for need, label, names in count.needs()
                    if need not in ("清真", "素食"))


def meal_cells(plan: CateringPlan, meal: MealRow) -> tuple[object, ...]:
    count = plan.counts[meal.id]
    notes = "；".join(p for p in (f"特殊餐食：{'、'.join(meal.provision_list)}" if meal.provisions else "",
                                  meal.notes) if p)
    return (meal.kind_label, meal.sitting_name, meal.place, meal.style_label, count.total, breakdown(count, meal),
            len(count.halal), len(count.vegetarian), special_text(count), tables_text(count), notes)


def meals_sheet(plan: CateringPlan, meals: tuple[MealRow, ...], subtitle: str) -> TableSheet:
    groups = tuple(TableGroup(day_text(day, weekday=True), tuple(meal_cells(plan, m) for m in meals if m.meal_date == day))
                   for day in sorted({m.meal_date for m in meals}))
    notes = ("就餐人数由参会名单推算：按报到和离会日期在会、未请假、需用餐的人员；本地人员不住会的不计早餐；"
             f"工作人员和驾驶员按每餐设置计入；每桌 {meals[0].table_size if meals else 10} 人，清真桌单独计。",)
    return TableSheet("用餐安排表", f"{plan.event_name}用餐安排表", subtitle, MEAL_HEADERS, MEAL_WIDTHS, groups,
                      centred=(0, 3, 4, 6, 7, 9), notes=notes)


def export_meals(session: Session, *, event_id: int, path: Path, day: int | date | None = None,
                 progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the 用餐安排表 workbook of every day or of ``day``.

    Raises:
        NotFound: no such event. InvalidInput: a day not in the event, a day with no meal (field day).
        ExportCancelled, ExportError.
    """
    from rdplanner.exports.grouped_xlsx import write_table_xlsx

    plan = load_catering(session, event_id)
    meals, subtitle = _chosen(plan, day, what="用餐安排表")
    if cancelled():
        raise ExportCancelled("已取消导出用餐安排表，未生成文件。")
    result = write_table_xlsx(path, sheet=meals_sheet(plan, meals, subtitle))
    progress(1.0)
    return result


def kitchen_sections(plan: CateringPlan, meal: MealRow) -> tuple[Section, Section]:
    count = plan.counts[meal.id]
    lines = [f"地点：{meal.place or '（未定）'}　　形式：{meal.style_label}" + (f"　　日程：{meal.sitting_name}"
                                                                         if meal.sitting_name else ""),
             f"就餐人数：{count.total} 人（{breakdown(count, meal)}）；共 {tables_text(count)}，每桌 {meal.table_size} 人",
             f"已安排特殊餐食：{'、'.join(meal.provision_list) or '无'}"]
    needs = tuple((label, str(len(names)), "、".join(names)) for _, label, names in count.needs())
    dishes = tuple((str(n), d.name, d.category) for n, d in enumerate(meal.menu, 1))
    return (Section(f"{long_day(meal.meal_date)}{meal.kind_label}", tuple(lines), ("特殊需要", "人数", "姓名"),
                    (40, 20, 114), needs or (("无", "", ""),), new_page=True),
            Section("菜单", (), ("序号", "菜名", "类别"), (20, 110, 44), dishes or (("", "（尚未确定菜单）", ""),)))


def export_kitchen(session: Session, *, event_id: int, path: Path, day: int | date | None = None,
                   meal: str | None = None, marks=None, progress: Progress = no_progress,
                   cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the kitchen's notice, a page per meal (of ``day`` and of the kind ``meal`` if given).

    Raises:
        NotFound. InvalidInput: a day not in the event, an unknown kind, no meal to print (field day).
        MissingGlyphsError, ExportCancelled, ExportError, FontError.
    """
    from rdplanner.exports.sections_pdf import write_sections_pdf

    plan = load_catering(session, event_id)
    meals, subtitle = _chosen(plan, day, meal, what="厨房备餐通知")
    if not meals:
        raise InvalidInput("所选日期和餐次没有用餐安排，未生成厨房备餐通知。", field="day")
    document = SectionsDocument(f"{plan.event_name}厨房备餐通知", subtitle, "厨房备餐通知",
                                tuple(s for m in meals for s in kitchen_sections(plan, m)), footer=issuer_line(session))
    return write_sections_pdf(path, document=document, marks=marks, progress=progress, cancelled=cancelled)


def issuer_line(session: Session) -> str:
    """The office and, when set, the officer the kitchen calls with questions: "市人大常委会办公室　经办人：张明
    0571-87001234"."""
    office = office_identity(session)
    contact = " ".join(t for t in (office.officer, office.phone) if t)
    return f"{office.name}　经办人：{contact}" if contact else office.name


def menu_rows(plan: CateringPlan, meal: MealRow) -> tuple[tuple[object, ...], ...]:
    findings: dict[int, list] = {}
    for f in review_dishes(meal.menu, plan.words, is_reception=plan.is_reception):
        findings.setdefault(f.dish_id, []).append(f)
    rows = []
    for n, dish in enumerate(meal.menu, 1):
        found = findings.get(dish.id, [])
        result = "；".join(f"含“{f.word}”，不符合" for f in found) or OK
        rule = "；".join(dict.fromkeys(f.rule for f in found))
        rows.append((n, dish.name, dish.category, yuan(dish.price_fen), result, rule))
    rows.append(("", "合计", "", yuan(meal.price_fen), "", ""))
    return tuple(rows)


def review_notes(plan: CateringPlan, meals: tuple[MealRow, ...]) -> tuple[str, ...]:
    shown = {m.id for m in meals}
    found = [p.message for p in catering_problems(plan) if p.code in (OVER_QUOTA, BANQUET_MEAL, RECEPTION_MEALS)
             and shown & set(p.ids("meal"))]
    standard = (f"伙食费标准：{plan.category_label}会议 {yuan(plan.meal_quota_fen)}/人·天（{plan.quota_source}）。"
                if plan.meal_quota_fen is not None and not plan.is_reception else "")
    return tuple(p for p in (standard, *found, f"审核依据：节约词表 {len(plan.words)} 项，可在“用餐”页面的“节约词表…”中维护。") if p)


def _heading(meal: MealRow) -> str:
    return f"{day_text(meal.meal_date, weekday=True)}{meal.kind_label}　{meal.style_label}　人均 {yuan(meal.price_fen)}"


def export_menus(session: Session, *, event_id: int, path: Path, day: int | date | None = None, marks=None,
                 progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the 菜单审核表 (.xlsx or .pdf by suffix) of every day or of ``day``.

    Raises:
        NotFound. InvalidInput: another suffix, a day not in the event or with no meal. MissingGlyphsError (PDF),
        ExportCancelled, ExportError, FontError.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InvalidInput(f"菜单审核表只能导出为 .pdf 或 .xlsx 文件，而不是“{suffix or '无扩展名'}”。", field="path")
    plan = load_catering(session, event_id)
    meals, subtitle = _chosen(plan, day, what="菜单审核表")
    notes = review_notes(plan, meals)
    if suffix == ".pdf":
        from rdplanner.exports.sections_pdf import write_sections_pdf

        sections = tuple(Section(_heading(m), (), MENU_HEADERS, (10, 34, 16, 18, 34, 62),
                                 tuple(tuple(map(str, r)) for r in menu_rows(plan, m))) for m in meals)
        sections += (Section("审核说明", notes),)
        document = SectionsDocument(f"{plan.event_name}菜单审核表", subtitle, "菜单审核表", sections)
        return write_sections_pdf(path, document=document, marks=marks, progress=progress, cancelled=cancelled)
    from rdplanner.exports.grouped_xlsx import write_table_xlsx

    if cancelled():
        raise ExportCancelled("已取消导出菜单审核表，未生成文件。")
    groups = tuple(TableGroup(_heading(m), menu_rows(plan, m)) for m in meals)
    result = write_table_xlsx(path, sheet=TableSheet("菜单审核表", f"{plan.event_name}菜单审核表", subtitle,
                                                     MENU_HEADERS, MENU_WIDTHS, groups, centred=(0, 2, 3), notes=notes))
    progress(1.0)
    return result
