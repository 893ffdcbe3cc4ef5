"""The two lists of a hall's set-up: its checks (检查项目: 标记已检查 asks who, 清除, add, edit, remove) and
its materials (物品: the derived quantity with its formula as tooltip, 实备数量 typed in place, add, edit,
remove) with the spare margin beside them. Every action is one undo step through the page's
``undoable``; several rows at once are one step too."""

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from rdplanner.venue import service as svc
from rdplanner.venue.read import CheckRow, MaterialRow, SetupRow, VenueView
from ui.dialogs import ask_yes_no, show_error
from ui.venue.item_dialogs import CheckDialog, MaterialDialog
from ui.venue.venue_models import PREPARED_COLUMN, MaterialTableModel, check_model
from ui.venue.widgets import button_row, one_step, select_ids, selected_ids, table

SPARE_DELAY_MS = 600  # the spare margin is saved once the arrows stop


class PreparedDelegate(QStyledItemDelegate):
    """The 实备数量 editor: digits only, right-aligned; blank means not counted yet."""

    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        editor = QLineEdit(parent, placeholderText=self.tr("未清点"), alignment=Qt.AlignmentFlag.AlignRight)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,7}"), editor))
        return editor


class ChecksPanel(QWidget):
    """``page``: ``undoable``, ``undo_stack``; ``ask_signer(title, label)`` asks who checked."""

    def __init__(self, page, ask_signer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page, self._ask_signer = page, ask_signer
        self.setup: SetupRow | None = None
        self.title = QLabel(self, objectName="panelTitle")
        self.model = check_model(self)
        self.table = table(self, self.model, (130, 64, 96))
        self.table.doubleClicked.connect(self.edit_check)
        buttons, self.buttons = button_row(
            self, (self.tr("标记已检查…"), self.mark_checks, self.tr("记录所选项目已检查，以及检查人和时间")),
            (self.tr("清除"), self.clear_checks, self.tr("把所选项目改回未检查")),
            (self.tr("添加…"), self.add_check, self.tr("添加检查项目")),
            (self.tr("编辑…"), self.edit_check, self.tr("修改所选检查项目的名称和备注")),
            (self.tr("删除"), self.remove_checks, self.tr("删除所选检查项目")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)

    def show_setup(self, setup: SetupRow | None, *, keep: bool) -> None:
        kept = set(selected_ids(self.table)) if keep else set()
        self.setup = setup
        self.model.set_rows(setup.checks if setup else ())
        select_ids(self.table, kept)
        done = sum(c.is_done for c in setup.checks) if setup else 0
        self.title.setText(self.tr("检查项目（已完成 %1/%2）").replace("%1", str(done)).replace(
            "%2", str(len(setup.checks) if setup else 0)))
        self.update_buttons()

    def update_buttons(self, *_args) -> None:
        chosen = self.chosen()
        marked = any(c.checked_by or c.checked_at for c in chosen)
        wanted = (bool(chosen), marked, self.setup is not None, len(chosen) == 1, bool(chosen))
        for button, enabled in zip(self.buttons, wanted, strict=True):
            button.setEnabled(enabled)

    def chosen(self) -> list[CheckRow]:
        ids = selected_ids(self.table)
        return [c for i in ids for c in self.model.rows if c.id == i]

    def mark_checks(self) -> None:
        checks = self.chosen()
        if not checks:
            return
        what = f"“{checks[0].name}”" if len(checks) == 1 else self.tr("所选 %1 项").replace(
            "%1", str(len(checks)))
        who = self._ask_signer(self.tr("标记已检查"), self.tr("%1的检查人：").replace("%1", what))
        if not who:
            return
        text = self.tr("标记%1已检查").replace("%1", what)
        with one_step(self._page.undo_stack, text, len(checks)):
            for check in checks:
                self._page.undoable(text, svc.mark_check, check_id=check.id, checked_by=who)
        select_ids(self.table, {c.id for c in checks})

    def clear_checks(self) -> None:
        checks = [c for c in self.chosen() if c.checked_by or c.checked_at]
        text = self.tr("清除%1的检查记录").replace("%1", f"“{checks[0].name}”" if len(checks) == 1 else
                                                   self.tr(" %1 项").replace("%1", str(len(checks))))
        with one_step(self._page.undo_stack, text, len(checks)):
            for check in checks:
                self._page.undoable(text, svc.clear_check, check_id=check.id)
        select_ids(self.table, {c.id for c in checks})

    def add_check(self) -> None:
        if self.setup is None:
            return
        dialog = CheckDialog(self)
        if dialog.exec() == CheckDialog.DialogCode.Accepted:
            made = self._page.undoable(self.tr("添加检查项目“%1”").replace("%1", dialog.values()["name"]),
                                       svc.add_check, setup_id=self.setup.id, **dialog.values())
            if made is not None:
                select_ids(self.table, {made.value}, scroll=True)

    def edit_check(self, *_args) -> None:
        checks = self.chosen()
        if len(checks) != 1:
            return
        check = checks[0]
        dialog = CheckDialog(self, check)
        if dialog.exec() == CheckDialog.DialogCode.Accepted:
            self._page.undoable(self.tr("编辑检查项目“%1”").replace("%1", check.name), svc.update_check,
                                check_id=check.id, expected_version=check.version, **dialog.values())
            select_ids(self.table, {check.id})

    def remove_checks(self) -> None:
        checks = self.chosen()
        names = "、".join(f"“{c.name}”" for c in checks)
        question = self.tr("删除检查项目 %1？可撤销。").replace("%1", names)
        if not checks or not ask_yes_no(self, self.tr("删除检查项目"), question):
            return
        text = self.tr("删除 %1 项检查项目").replace("%1", str(len(checks)))
        with one_step(self._page.undo_stack, text, len(checks)):
            for check in checks:
                self._page.undoable(text, svc.remove_check, check_id=check.id)


class MaterialsPanel(QWidget):
    """``page``: ``undoable``, ``undo_stack``."""

    def __init__(self, page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self.setup: SetupRow | None = None
        self.view: VenueView | None = None
        self.title = QLabel(self.tr("物品"), self, objectName="panelTitle")
        self.model = MaterialTableModel(self.edit_prepared, self)
        self.table = table(self, self.model, (96, 34, 96, 58, 58))
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.table.setItemDelegateForColumn(PREPARED_COLUMN, PreparedDelegate(self.table))
        self.table.doubleClicked.connect(self._double_clicked)
        self.spare = QSpinBox(self, minimum=0, maximum=100, suffix=" %", keyboardTracking=False,
                              toolTip=self.tr("按席卡和按参会人数计算的物品多备的比例（固定数量的物品不加）"))
        self._spare_timer = QTimer(self, singleShot=True, interval=SPARE_DELAY_MS)
        self._spare_timer.timeout.connect(self.save_spare)
        self.spare.valueChanged.connect(self._spare_timer.start)
        buttons, self.buttons = button_row(
            self, (self.tr("添加…"), self.add_material, self.tr("添加物品")),
            (self.tr("编辑…"), self.edit_material, self.tr("修改所选物品")),
            (self.tr("删除"), self.remove_materials, self.tr("删除所选物品")))
        self.hint = QLabel(self.tr("双击“实备数量”填写"), self, objectName="hint")
        buttons.addWidget(self.hint)
        title = QHBoxLayout()
        title.addWidget(self.title)
        title.addStretch(1)
        title.addWidget(QLabel(self.tr("备用余量"), self))
        title.addWidget(self.spare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)

    def show_setup(self, view: VenueView, setup: SetupRow | None, *, keep: bool) -> None:
        kept = set(selected_ids(self.table)) if keep else set()
        self.view, self.setup = view, setup
        self.model.set_rows(setup.materials if setup else ())
        select_ids(self.table, kept)
        self.spare.blockSignals(True)
        self.spare.setValue(setup.spare_percent if setup else 0)
        self.spare.blockSignals(False)
        rows = setup.materials if setup else ()
        short = sum(m.prepared is not None and m.prepared < m.quantity for m in rows)
        title = self.tr("物品（%1 种，%2 种不足）") if short else self.tr("物品（%1 种）")
        self.title.setText(title.replace("%1", str(len(rows))).replace("%2", str(short)))
        self.update_buttons()

    def update_buttons(self, *_args) -> None:
        chosen = self.chosen()
        self.spare.setEnabled(self.setup is not None)
        for button, enabled in zip(self.buttons, (self.setup is not None, len(chosen) == 1, bool(chosen)),
                                   strict=True):
            button.setEnabled(enabled)

    def chosen(self) -> list[MaterialRow]:
        ids = selected_ids(self.table)
        return [m for i in ids for m in self.model.rows if m.id == i]

    def save_spare(self) -> None:
        self._spare_timer.stop()
        setup = self.setup
        if setup is None or self.spare.value() == setup.spare_percent:
            return
        self._page.undoable(self.tr("备用余量改为 %1%").replace("%1", str(self.spare.value())),
                            svc.set_spare_percent, setup_id=setup.id, spare_percent=self.spare.value(),
                            expected_version=setup.version)

    def edit_prepared(self, material: MaterialRow, text: str) -> bool:
        """Save a 实备数量 typed in the table (blank or 未清点: not counted yet); True if saved."""
        material = next((m for m in self.model.rows if m.id == material.id), material)  # as shown now
        text = text.strip()
        if text in ("", self.tr("未清点")):
            prepared = None
        elif text.isdigit() and int(text) <= svc.MAX_PREPARED:
            prepared = int(text)
        else:
            show_error(self, self.tr("实备数量应为 0 到 %1 之间的整数，或留空表示未清点。").replace(
                "%1", str(svc.MAX_PREPARED)))
            return False
        if prepared == material.prepared:
            return False
        done = self._page.undoable(
            self.tr("“%1”实备数量改为 %2").replace("%1", material.name).replace(
                "%2", self.tr("未清点") if prepared is None else str(prepared)),
            svc.update_material, material_id=material.id, expected_version=material.version,
            name=material.name, unit=material.unit, basis=material.basis, per_unit=material.per_unit,
            prepared=prepared, notes=material.notes)
        return done is not None

    def _double_clicked(self, index) -> None:
        if index.column() != PREPARED_COLUMN:
            self.edit_material()

    def _dialog(self, material: MaterialRow | None) -> MaterialDialog:
        bases = {"card": self.setup.card_seats, "participant": self.view.participants}
        return MaterialDialog(self, bases=bases, spare_percent=self.setup.spare_percent, material=material)

    def add_material(self) -> None:
        if self.setup is None:
            return
        dialog = self._dialog(None)
        if dialog.exec() == MaterialDialog.DialogCode.Accepted:
            draft = dialog.draft()
            made = self._page.undoable(self.tr("添加物品“%1”").replace("%1", draft.name), svc.add_material,
                                       setup_id=self.setup.id, **draft.values())
            if made is not None:
                select_ids(self.table, {made.value}, scroll=True)

    def edit_material(self, *_args) -> None:
        materials = self.chosen()
        if len(materials) != 1:
            return
        material = materials[0]
        dialog = self._dialog(material)
        if dialog.exec() == MaterialDialog.DialogCode.Accepted:
            self._page.undoable(self.tr("编辑物品“%1”").replace("%1", material.name), svc.update_material,
                                material_id=material.id, expected_version=material.version,
                                **dialog.draft().values())
            select_ids(self.table, {material.id})

    def remove_materials(self) -> None:
        materials = self.chosen()
        question = self.tr("删除物品 %1？可撤销。").replace("%1", "、".join(f"“{m.name}”" for m in materials))
        if not materials or not ask_yes_no(self, self.tr("删除物品"), question):
            return
        text = self.tr("删除 %1 种物品").replace("%1", str(len(materials)))
        with one_step(self._page.undo_stack, text, len(materials)):
            for material in materials:
                self._page.undoable(text, svc.remove_material, material_id=material.id)
