"""The sign-in page's delegation filter (全部代表团 / one delegation / 未分代表团) and what it says about
the rows it leaves out: the scope note for the quorum panel and the note on a name found elsewhere.
Emits QComboBox's currentIndexChanged when the choice changes."""

import re
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from rdplanner.people.attendance import SignInRow
from rdplanner.people.roster_order import delegation_names

ALL = "\x00all"  # item data of 全部代表团; "" is the data of 未分代表团 (a delegation's name is never blank)
NAMES_LISTED = 6


class DelegationFilter(QComboBox):
    """The choice of delegation to show; hidden (and showing everyone) at an event without delegations."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, toolTip=self.tr("只列出所选代表团的人员；法定人数仍按本会次全体人员计算"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.set_rows([], convention="xingming")

    def set_rows(self, rows: Sequence[SignInRow], *, convention: str) -> None:
        """Offer 全部代表团, the delegations of rows in the roster's order, and 未分代表团 if someone has none
        (列席 at a congress); keep the current choice while it is still offered. Emits no signal."""
        current = self.currentData()
        names = delegation_names(rows, convention=convention)
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("全部代表团"), ALL)
        for name in names:
            self.addItem(name, name)
        if names and any(not row.delegation for row in rows):
            self.addItem(self.tr("未分代表团"), "")
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def has_delegations(self) -> bool:
        return self.count() > 1

    def is_filtering(self) -> bool:
        return self.currentData() != ALL

    def shows(self, row: SignInRow) -> bool:
        return not self.is_filtering() or row.delegation == self.currentData()

    def scope_note(self, shown: int) -> str:
        """Say which delegation the table shows and that the quorum counts the whole sitting ("" if all)."""
        if not self.is_filtering():
            return ""
        return (self.tr("当前显示：%1 %2 人；法定人数按全体计算")
                .replace("%1", self.currentText()).replace("%2", str(shown)))

    def outside_note(self, query: str, found_shown: bool, outside: Sequence[SignInRow]) -> str:
        """The sentence on candidates the filter hides: after the shown candidates, or on its own."""
        if not outside:
            return ""
        unassigned = self.tr("未分代表团")
        names = "、".join(f"{r.name}（{r.delegation or unassigned}）" for r in outside[:NAMES_LISTED])
        if found_shown:
            text = self.tr("其他代表团另有 %1 人：%3。")
        else:
            text = self.tr("当前显示的%4中没有“%2”；其他代表团有 %1 人：%3。"
                           "请切换到其所在代表团或“全部代表团”后签到。")
        values = {"1": str(len(outside)), "2": query.strip(), "3": names, "4": self.currentText()}
        return re.sub(r"%([1-4])", lambda m: values[m.group(1)], text)  # one pass: typed text stays as typed
