"""The overview of an event's preparation (筹备概况): who, seats, cars, rooms, meals, money, tasks."""

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from rdplanner.budget.money import ceiling_fen, yuan_text
from rdplanner.budget.standards import load_standards
from rdplanner.errors import RdplannerError
from rdplanner.events.plans import EventOverview
from rdplanner.events.service import EventRow
from rdplanner.labels import PHASES, ROLES


def people_text(figures: EventOverview) -> str:
    counts = dict(figures.roles)
    parts = [f"{label} {counts[code]}" for code, label in ROLES.items() if counts.get(code)]
    total = sum(counts.values())
    text = f"{total} 人" + ("：" + "，".join(parts) if parts else "")
    return text + (f"；请假 {figures.on_leave} 人" if figures.on_leave else "")


def budget_text(event: EventRow, figures: EventOverview) -> tuple[str, bool]:
    """Return the budget line and whether it is over the standard ceiling."""
    people = sum(n for _, n in figures.roles)
    text = f"预算 {yuan_text(figures.planned_fen)}"
    if figures.actual_fen:
        text += f"，决算 {yuan_text(figures.actual_fen)}"
    try:
        _, standards = load_standards()
    except RdplannerError as exc:
        return f"{text}（{exc}）", False
    standard = standards.get(event.expense_category)
    if standard is None or not people:
        return text, False
    ceiling = ceiling_fen(standard.total, people, event.days)
    over = figures.planned_fen > ceiling
    verdict = "超出标准，请压减" if over else "在标准以内"
    return (f"{text}；标准上限 {yuan_text(ceiling)}（{people} 人 × {event.days} 天 × {standard.total} 元），"
            f"{verdict}"), over


class OverviewPanel(QGroupBox):
    """Read-only figures; refreshed by ``show_overview``."""

    ROWS = ("参会人员", "会场座位", "车辆行程", "住宿", "用餐", "经费", "工作任务", "应急预案", "复盘改进")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("筹备概况"), parent)
        self.values = {name: QLabel(self, wordWrap=True) for name in self.ROWS}
        form = QFormLayout(self)
        for name in self.ROWS:
            form.addRow(name, self.values[name])

    def show_overview(self, event: EventRow, figures: EventOverview) -> None:
        budget, over = budget_text(event, figures)
        tasks = "，".join(f"{PHASES[p]} {done}/{total}" for p, done, total in figures.tasks_by_phase)
        texts = {
            "参会人员": people_text(figures),
            "会场座位": f"可用座位 {figures.seats} 个，已排座 {figures.assigned_seats} 人",
            "车辆行程": f"行程 {figures.trips} 趟，使用车辆 {figures.vehicles_used} 辆",
            "住宿": f"{figures.lodged} 人入住 {figures.rooms} 间，共 {figures.room_nights} 间·夜",
            "用餐": f"{figures.meals} 餐",
            "经费": budget,
            "工作任务": f"已完成：{tasks}",
            "应急预案": f"{figures.contingencies} 项",
            "复盘改进": (f"上次活动复盘提出的改进事项 {figures.carried_reviews} 条，请在本次落实"
                       if figures.carried_reviews else "无上次活动的复盘改进事项"),
        }
        for name, text in texts.items():
            self.values[name].setText(text)
        self.values["经费"].setProperty("warning", over)
        self.values["经费"].setStyleSheet("color: #b3261e;" if over else "")
