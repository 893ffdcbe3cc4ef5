"""The dialogs of the catering page: a meal (day, kind, style, place, who is included, table size, the
kitchen's provisions, a reception's hosts and guests), the headcount's adjustment with its reason, and a
dish with its price. Each exposes ``ask`` (tests replace it) returning the values, or None if cancelled."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from rdplanner.catering.kinds import MEAL_KINDS, MEAL_STYLES
from rdplanner.catering.read import DishRow, MealRow
from ui.dialogs import fit_to_screen

UNSET = -1  # a spin box at its minimum: counted from the roster


def _combo(parent: QWidget, labels: dict[str, str], current: str) -> QComboBox:
    box = QComboBox(parent)
    for code, label in labels.items():
        box.addItem(label, code)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class _FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent, windowTitle=title)
        self.form = QFormLayout(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

    def finish(self, width: int = 460) -> None:
        self.form.addRow(self.buttons)
        fit_to_screen(self, width, self.sizeHint().height())


class MealDialog(_FormDialog):
    """A meal's fields; ``values()`` as update_meal takes them."""

    def __init__(self, parent: QWidget | None, *, day: date, meal: MealRow | None = None,
                 is_reception: bool = False) -> None:
        super().__init__(parent, self.tr("编辑用餐") if meal else self.tr("添加用餐"))
        self.day = QDateEdit(QDate(*(meal.meal_date if meal else day).timetuple()[:3]), self, calendarPopup=True,
                             displayFormat="yyyy年M月d日")
        self.kind = _combo(self, MEAL_KINDS, meal.kind if meal else "lunch")
        self.style = _combo(self, MEAL_STYLES, meal.style if meal else "working")
        self.place = QLineEdit(meal.place if meal else "", self, placeholderText=self.tr("如：机关食堂二楼"))
        self.staff = QCheckBox(self.tr("计入工作人员"), self, checked=bool(meal and meal.include_staff))
        self.drivers = QCheckBox(self.tr("计入当天出车的驾驶员"), self, checked=bool(meal and meal.include_drivers))
        self.table_size = QSpinBox(self, minimum=1, maximum=30, value=meal.table_size if meal else 10, suffix=" 人")
        self.provisions = QLineEdit(meal.provisions if meal else "", self,
                                    placeholderText=self.tr("厨房准备的特殊餐食，如：清真，素食，无花生"))
        self.guests = QSpinBox(self, minimum=UNSET, maximum=9999, specialValueText=self.tr("按名单"))
        self.hosts = QSpinBox(self, minimum=UNSET, maximum=9999, specialValueText=self.tr("按名单"))
        self.guests.setValue(UNSET if meal is None or meal.guest_count is None else meal.guest_count)
        self.hosts.setValue(UNSET if meal is None or meal.host_count is None else meal.host_count)
        self.notes = QLineEdit(meal.notes if meal else "", self)
        for label, widget in ((self.tr("日期"), self.day), (self.tr("餐次"), self.kind), (self.tr("形式"), self.style),
                              (self.tr("地点"), self.place), ("", self.staff), ("", self.drivers),
                              (self.tr("每桌"), self.table_size), (self.tr("特殊餐食"), self.provisions)):
            self.form.addRow(label, widget)
        if is_reception:
            self.form.addRow(self.tr("接待对象人数"), self.guests)
            self.form.addRow(self.tr("陪餐人数"), self.hosts)
        else:  # a meeting counts its diners from the roster: the boxes keep "按名单" and stay hidden
            self.guests.hide()
            self.hosts.hide()
        self.form.addRow(self.tr("备注"), self.notes)
        self.finish()

    def values(self) -> dict:
        def count(box: QSpinBox):
            return None if box.value() == UNSET else box.value()

        picked = self.day.date()
        return {"meal_date": date(picked.year(), picked.month(), picked.day()), "kind": self.kind.currentData(),
                "style": self.style.currentData(), "place": self.place.text(),
                "include_staff": self.staff.isChecked(), "include_drivers": self.drivers.isChecked(),
                "table_size": self.table_size.value(), "provisions": self.provisions.text(),
                "guest_count": count(self.guests), "host_count": count(self.hosts), "notes": self.notes.text()}

    @classmethod
    def ask(cls, parent: QWidget, *, day: date, meal: MealRow | None = None, is_reception: bool = False) -> dict | None:
        dialog = cls(parent, day=day, meal=meal, is_reception=is_reception)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class AdjustDialog(_FormDialog):
    """The adjustment of a meal's derived headcount and its reason."""

    def __init__(self, parent: QWidget | None, meal: MealRow, derived: int) -> None:
        super().__init__(parent, self.tr("调整就餐人数"))
        self.adjustment = QSpinBox(self, minimum=-2000, maximum=2000, value=meal.adjustment)
        self.reason = QLineEdit(meal.adjustment_reason, self, placeholderText=self.tr("必填，如：随行记者 2 人"))
        self.derived = QLabel(self.tr("%1：按名单推算 %2 人").replace("%1", meal.label)
                              .replace("%2", str(derived)), self)
        self.form.addRow(self.derived)
        self.form.addRow(self.tr("增减人数"), self.adjustment)
        self.form.addRow(self.tr("调整原因"), self.reason)
        self.finish(420)

    @classmethod
    def ask(cls, parent: QWidget, meal: MealRow, derived: int) -> tuple[int, str] | None:
        dialog = cls(parent, meal, derived)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.adjustment.value(), dialog.reason.text()


class DishDialog(_FormDialog):
    """A dish: name, category and price per person (元)."""

    def __init__(self, parent: QWidget | None, dish: DishRow | None = None) -> None:
        super().__init__(parent, self.tr("编辑菜品") if dish else self.tr("添加菜品"))
        self.name = QLineEdit(dish.name if dish else "", self)
        self.category = QLineEdit(dish.category if dish else "", self, placeholderText=self.tr("如：热菜、主食、汤"))
        self.price = QDoubleSpinBox(self, minimum=0, maximum=1000, decimals=2, suffix=" 元",
                                    value=(dish.price_fen / 100) if dish else 0)
        self.form.addRow(self.tr("菜名"), self.name)
        self.form.addRow(self.tr("类别"), self.category)
        self.form.addRow(self.tr("人均价格"), self.price)
        self.finish(400)

    def values(self) -> dict:
        return {"name": self.name.text(), "category": self.category.text(), "price_fen": round(self.price.value() * 100)}

    @classmethod
    def ask(cls, parent: QWidget, dish: DishRow | None = None) -> dict | None:
        dialog = cls(parent, dish)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
