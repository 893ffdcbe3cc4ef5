"""The options asked before a seating document is exported or printed: paper, orientation and tiling
for the seat map; card size, typeface, sheet packing and who gets a card for the name cards; PDF or
Excel for the "find your seat" list.
"""

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import fit_to_screen

CARD_SIZES = ("210×140", "200×100", "180×120", "150×100")  # rdplanner.exports.cards_pdf.SIZES_MM
TILES = {
    "": "一页打印整个会场",
    "2x1": "横向分 2 页",
    "2x2": "分 2×2 共 4 页",
    "3x2": "分 3×2 共 6 页",
    "3x3": "分 3×3 共 9 页",
}
# The typefaces of the cards, named as the office knows them (the bundled fonts are Noto Serif SC / Sans SC).
FAMILIES = {"serif": "宋体（衬线，庄重，常用）", "sans": "黑体（无衬线，醒目）"}
TITLES = {"seatmap": "座次图", "cards": "席卡", "seatlist": "对号入座名单"}


@dataclass
class ExportChoice:
    """What the officer chose: ``action`` is "save" or "print"; ``options`` go to the export service."""

    action: str
    options: dict[str, Any] = field(default_factory=dict)
    suffix: str = ".pdf"


def _combo(parent: QWidget, items: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox(parent)
    for code, text in items.items():
        combo.addItem(text, code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class ExportOptionsDialog(QDialog):
    """Options for one kind of seating document, with 导出 and 打印预览 buttons."""

    def __init__(
        self,
        kind: str,
        *,
        viewpoint: str = "audience",
        card_scope: str = "rostrum",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(self.tr("%1：导出与打印").replace("%1", TITLES[kind]))
        self.choice: ExportChoice | None = None
        form = QFormLayout()
        self.fields: dict[str, QComboBox] = {}
        if kind == "seatmap":
            self.fields["viewpoint"] = _combo(
                self, {"audience": "面向主席台（台下视角）", "stage": "主席台视角"}, viewpoint
            )
            self.fields["page"] = _combo(self, {"A3": "A3", "A4": "A4"}, "A3")
            self.fields["landscape"] = _combo(self, {"yes": "横向", "no": "纵向"}, "yes")
            self.fields["tiles"] = _combo(self, TILES, "")
            labels = ("视角", "纸张", "方向", "分页")
            hint = self.tr("分页打印时各页之间留有重叠边，并附一页总览，便于拼接。")
        elif kind == "cards":
            self.fields["size"] = _combo(self, {s: f"{s} 毫米" for s in CARD_SIZES}, "210×140")
            self.fields["family"] = _combo(
                self,
                FAMILIES,
                "serif",
            )
            self.fields["per_sheet"] = _combo(
                self, {"no": "每张纸一张席卡（按席卡尺寸出纸）", "yes": "A4 纸排多张，带裁切线和折线"}, "no"
            )
            self.fields["scope"] = _combo(
                self,
                {"rostrum": "主席台就座人员（按位次）", "tables": "会议桌、宴会桌全部就座人员"},
                card_scope,
            )
            labels = ("尺寸", "字体", "排版", "范围")
            hint = self.tr("席卡两面都印姓名，折起后前后都能看到；字号按最长的姓名统一确定。")
        else:
            self.fields["format"] = _combo(
                self, {"pdf": "PDF（打印张贴）", "xlsx": "Excel（.xlsx，便于修改）"}, "pdf"
            )
            labels = ("格式",)
            hint = self.tr("按区域列出，主席台按位次，其余按姓名笔画，每人后附座位号。")
        for label, widget in zip(labels, self.fields.values(), strict=True):
            form.addRow(self.tr(label), widget)
        # Plain buttons only: a standard Cancel gets the style's icon (on most desktops), the two
        # custom buttons none, and the row looked unfinished.
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("导出文件…"), self)
        self.print_button = QPushButton(self.tr("打印预览…"), self)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self._finish("save"))
        self.print_button.clicked.connect(lambda: self._finish("print"))
        if kind == "seatlist":
            self.fields["format"].currentIndexChanged.connect(
                lambda: self.print_button.setEnabled(self.fields["format"].currentData() == "pdf")
            )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(hint, self, wordWrap=True, objectName="hint"))
        layout.addWidget(buttons)
        fit_to_screen(self, 480, self.sizeHint().height())

    def options(self) -> ExportChoice:
        """The choice as service keyword arguments (without the path)."""
        values = {key: combo.currentData() for key, combo in self.fields.items()}
        if self.kind == "seatmap":
            tiles = values["tiles"]
            return ExportChoice(
                "save",
                {
                    "viewpoint": values["viewpoint"],
                    "page": values["page"],
                    "landscape": values["landscape"] == "yes",
                    "tiles": tuple(int(n) for n in tiles.split("x")) if tiles else None,
                },
            )
        if self.kind == "cards":
            return ExportChoice(
                "save",
                {
                    "size": values["size"],
                    "family": values["family"],
                    "per_sheet": values["per_sheet"] == "yes",
                    "scope": values["scope"],
                },
            )
        return ExportChoice("save", {}, "." + values["format"])

    def _finish(self, action: str) -> None:
        self.choice = self.options()
        self.choice.action = action
        self.accept()


def ask_export_options(parent: QWidget, kind: str, **defaults: Any) -> ExportChoice | None:
    """Ask how to export or print ``kind``; None if cancelled."""
    dialog = ExportOptionsDialog(kind, parent=parent, **defaults)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
