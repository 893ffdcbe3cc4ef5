"""自动安排车辆: the planning helper's proposal for one programme item, reviewed before it is saved.

The proposal is made on the worker thread (rdplanner.transport.planner.propose_transport) and shown as
one row per car with its driver, times, route and riders in seat order, then who could not be placed
and why, and the rules it followed. 保存方案 hands the proposal back; the page saves it as one
undoable step (apply_proposal).
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rdplanner.programme.read import ProgrammeItem
from rdplanner.transport.planner import Proposal, propose_transport
from ui import tasks
from ui.dialogs import fit_to_screen, report_failure

COLUMNS = ("车辆", "驾驶员", "时间", "起点—终点", "人数/座位", "乘车人员（按座次）")


class PlanDialog(QDialog):
    """Choose an item and the rule's two settings, see the proposal, and save it (``proposal``)."""

    def __init__(self, parent: QWidget | None, hub, *, event_id: int, items: tuple[ProgrammeItem, ...],
                 item_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("自动安排车辆"))
        self._hub, self._event_id = hub, event_id
        self.proposal: Proposal | None = None
        self.item = QComboBox(self)
        for entry in items:
            self.item.addItem(entry.label, entry.id)
        if item_id is not None:
            self.item.setCurrentIndex(max(0, self.item.findData(item_id)))
        self.leaders = QSpinBox(self, minimum=0, maximum=50, value=5)
        self.leaders.setToolTip(self.tr("职务排序在前 N 位的领导每人单独乘坐一辆轿车或商务车；0 表示不单独安排"))
        self.window = QSpinBox(self, minimum=10, maximum=240, value=60, suffix=self.tr(" 分钟"))
        self.window.setToolTip(self.tr("接站、送站时，同一车站或机场、到达（离开）时间相差不超过此数的人员同车"))
        self.make = QPushButton(self.tr("生成方案"), self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.summary = QLabel(self, wordWrap=True)
        self.unplaced = QLabel(self, objectName="error", wordWrap=True)
        self.rules = QLabel(self, objectName="hint", wordWrap=True)
        self.buttons = QDialogButtonBox(self)
        self.save = self.buttons.addButton(self.tr("保存方案"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save.setEnabled(False)
        self._build()
        fit_to_screen(self, 1000, 640)

    def _build(self) -> None:
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column, width in enumerate((110, 90, 120, 170, 72)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日程"), self))
        top.addWidget(self.item, 1)
        top.addWidget(QLabel(self.tr("单独乘车的领导：前"), self))
        top.addWidget(self.leaders)
        top.addWidget(QLabel(self.tr("位　接送站时间窗"), self))
        top.addWidget(self.window)
        top.addWidget(self.make)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.unplaced)
        layout.addWidget(self.rules)
        layout.addWidget(self.buttons)
        self.make.clicked.connect(self.propose)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for changed in (self.item.currentIndexChanged, self.leaders.valueChanged, self.window.valueChanged):
            changed.connect(self._outdated)

    def _outdated(self, *_args) -> None:
        """A setting changed: the proposal shown no longer follows it and cannot be saved."""
        if self.proposal is not None:
            self.proposal = None
            self.save.setEnabled(False)
            self.summary.setText(self.tr("设置已改变，请重新生成方案。"))

    def propose(self) -> None:
        item_id = self.item.currentData()
        if item_id is None:
            return
        hub, event_id = self._hub, self._event_id
        leaders, window = self.leaders.value(), self.window.value()

        def work(progress, cancelled) -> Proposal:
            return hub.read(propose_transport, event_id=event_id, item_id=item_id, leader_rank=leaders,
                            window_minutes=window, progress=progress, cancelled=cancelled)

        self.make.setEnabled(False)
        tasks.run_task(self, self.tr("正在生成派车方案……"), work, done=self.show_proposal,
                       failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.make.setEnabled(True)
        report_failure(self, error, self.tr("无法生成方案"))

    def show_proposal(self, proposal: Proposal) -> None:
        self.make.setEnabled(True)
        self.proposal = proposal
        self.table.setRowCount(len(proposal.trips))
        for row, trip in enumerate(proposal.trips):
            riders = "、".join(f"{s.name}（{s.label}）" if trip.vehicle_kind in ("sedan", "mpv") else s.name
                               for s in trip.passengers)
            texts = (f"{trip.plate_text} {trip.kind_label}" + ("（租用）" if trip.hired else ""), trip.driver_name,
                     trip.when, f"{trip.origin}—{trip.destination}", f"{len(trip.passengers)}/{trip.capacity}",
                     ("领导用车：" if trip.leader else "") + riders)
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 4:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, cell)
        self.summary.setText(self.tr("“%1”：%2 辆车，%3 人；已在本日程车上的 %4 人不再安排。")
                             .replace("%1", proposal.item_label).replace("%2", str(len(proposal.trips)))
                             .replace("%3", str(proposal.passenger_count))
                             .replace("%4", str(len(proposal.already_riding))))
        if proposal.unplaced:
            lines = [f"{u.name}：{u.reason}" for u in proposal.unplaced[:8]]
            more = len(proposal.unplaced) - len(lines)
            self.unplaced.setText(self.tr("未能安排 %1 人：").replace("%1", str(len(proposal.unplaced)))
                                  + "；".join(lines) + (self.tr("，另有 %1 人").replace("%1", str(more)) if more else ""))
        else:
            self.unplaced.setText("")
        self.rules.setText(self.tr("规则：") + "".join(r if r.endswith("。") else r + "。" for r in proposal.rules))
        self.save.setEnabled(bool(proposal.trips))
