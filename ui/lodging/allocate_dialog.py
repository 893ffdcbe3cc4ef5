"""自动分房: the allocation rules, editable and stated in plain Chinese, the proposal made on the worker
thread (lodging.allocate.propose_rooms: one row per room with its guests and nights, then who could not
be placed and why), and 保存 handing back the rules and the proposal for the page to save as one
undoable step (lodging.allocate.save_allocation).
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rdplanner.labels import ROLES
from rdplanner.lodging.allocate import propose_rooms
from rdplanner.lodging.allocation import PAIR_BY, RoomProposal
from rdplanner.lodging.nights import span_text
from rdplanner.lodging.read import LodgingView, PolicyRow, split_list
from ui import tasks
from ui.dialogs import fit_to_screen, report_failure

COLUMNS = ("饭店", "房号", "房型", "入住人员", "日期")
SHOWN_UNPLACED = 8


class AllocateDialog(QDialog):
    """Set the rules, make the proposal, save it (``policy`` and ``proposal`` when accepted)."""

    def __init__(self, parent: QWidget | None, hub, view: LodgingView) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("自动分房"))
        self._hub, self._event_id = hub, view.event_id
        self.proposal: RoomProposal | None = None
        policy = view.policy
        self.roles = {code: QCheckBox(label, self, checked=code in policy.single_roles) for code, label in ROLES.items()}
        self.posts = QLineEdit("、".join(policy.single_posts), self,
                               placeholderText=self.tr("职务中含这些词的人单独住，如：主任、秘书长、团长"))
        self.rank = QSpinBox(self, minimum=0, maximum=999, value=policy.single_rank_within)
        self.rank.setToolTip(self.tr("名单排序在前 N 位的人单独住；0 表示不按排序"))
        self.pair_by = QComboBox(self)
        for code, label in PAIR_BY.items():
            self.pair_by.addItem(label, code)
        self.pair_by.setCurrentIndex(max(0, self.pair_by.findData(policy.pair_by)))
        self.hotels = QListWidget(self)
        self.hotels.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.hotels.setToolTip(self.tr("拖动调整饭店的安排顺序：先住满前面的饭店"))
        rank = {h: n for n, h in enumerate(policy.hotel_order)}
        for hotel in sorted(view.directory.hotels, key=lambda h: (rank.get(h.id, len(rank)), h.name)):
            item = QListWidgetItem(hotel.name)
            item.setData(Qt.ItemDataRole.UserRole, hotel.id)
            self.hotels.addItem(item)
        self.make = QPushButton(self.tr("生成方案"), self)
        self.rules = QLabel(self, objectName="hint", wordWrap=True)
        self.summary = QLabel(self, wordWrap=True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.unplaced = QLabel(self, objectName="error", wordWrap=True)
        self.buttons = QDialogButtonBox(self)
        self.save = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save.setEnabled(False)
        self._build()
        fit_to_screen(self, 1000, 660)

    def _build(self) -> None:
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("单独住宿的身份"), self), 0, 0)
        roles = QHBoxLayout()
        for box in self.roles.values():
            roles.addWidget(box)
        roles.addStretch(1)
        grid.addLayout(roles, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("职务含"), self), 1, 0)
        grid.addWidget(self.posts, 1, 1)
        grid.addWidget(QLabel(self.tr("或排序前"), self), 1, 2)
        grid.addWidget(self.rank, 1, 3)
        grid.addWidget(QLabel(self.tr("同住分组"), self), 2, 0)
        grid.addWidget(self.pair_by, 2, 1)
        grid.addWidget(self.make, 2, 3)
        grid.setColumnStretch(1, 1)
        hotels = QVBoxLayout()
        hotels.addWidget(QLabel(self.tr("饭店顺序"), self))
        hotels.addWidget(self.hotels)
        self.hotels.setMaximumHeight(84)
        top = QHBoxLayout()
        top.addLayout(grid, 3)
        top.addLayout(hotels, 1)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 60, 70, 400)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rules)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.unplaced)
        layout.addWidget(self.buttons)
        self.make.clicked.connect(self.propose)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for box in self.roles.values():
            box.toggled.connect(self._outdated)
        self.posts.textChanged.connect(self._outdated)
        self.rank.valueChanged.connect(self._outdated)
        self.pair_by.currentIndexChanged.connect(self._outdated)
        self.hotels.model().rowsMoved.connect(self._outdated)

    def policy(self) -> PolicyRow:
        """The rules as set on screen."""
        order = tuple(self.hotels.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.hotels.count()))
        return PolicyRow(tuple(c for c, box in self.roles.items() if box.isChecked()), split_list(self.posts.text()),
                         self.rank.value(), self.pair_by.currentData(), order)

    def _outdated(self, *_args) -> None:
        """A rule changed: the proposal shown no longer follows it and cannot be saved."""
        if self.proposal is not None:
            self.proposal = None
            self.save.setEnabled(False)
            self.summary.setText(self.tr("规则已改变，请重新生成方案。"))

    def propose(self) -> None:
        hub, event_id, policy = self._hub, self._event_id, self.policy()

        def work(progress, cancelled) -> RoomProposal:
            return hub.read(propose_rooms, event_id=event_id, policy=policy, progress=progress, cancelled=cancelled)

        self.make.setEnabled(False)
        tasks.run_task(self, self.tr("正在生成分房方案……"), work, done=self.show_proposal, failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.make.setEnabled(True)
        report_failure(self, error, self.tr("无法生成方案"))

    def show_proposal(self, proposal: RoomProposal) -> None:
        self.make.setEnabled(True)
        self.proposal = proposal
        rooms: dict[int, list] = {}
        for placement in proposal.placements:
            rooms.setdefault(placement.room_id, []).append(placement)
        self.table.setRowCount(len(rooms))
        for row, here in enumerate(rooms.values()):
            first = here[0]
            names = "、".join(p.name for p in here) + ("（单独住宿）" if first.single else "")
            spans = "；".join(sorted({span_text(p.check_in, p.check_out) for p in here}))
            for column, text in enumerate((first.hotel, first.number, first.room_type, names, spans)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.rules.setText(self.tr("规则：") + "".join(proposal.rules))
        self.summary.setText(self.tr("方案：安排 %1 人、%2 间；保留锁定的住宿 %3 条；不安排本地人员 %4 人、已获准请假 %5 人。"
                                     "保存后替换未锁定的原有安排，可撤销。")
                             .replace("%1", str(len(proposal.placements))).replace("%2", str(proposal.rooms))
                             .replace("%3", str(proposal.kept)).replace("%4", str(proposal.not_lodged_local))
                             .replace("%5", str(proposal.not_lodged_leave)))
        if proposal.unplaced:
            shown = "；".join(f"{u.name}：{u.reason}" for u in proposal.unplaced[:SHOWN_UNPLACED])
            more = len(proposal.unplaced) - SHOWN_UNPLACED
            self.unplaced.setText(self.tr("未能安排 %1 人：").replace("%1", str(len(proposal.unplaced))) + shown
                                  + (self.tr("，另有 %1 人").replace("%1", str(more)) if more > 0 else ""))
        else:
            self.unplaced.setText("")
        self.save.setEnabled(bool(proposal.placements))
