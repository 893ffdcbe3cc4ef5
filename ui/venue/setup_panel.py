"""The set-up part of the venue page: which hall's set-up (会场布置), its banner (会标) with its approval
(审定, who and when), and its checks and materials (setup_lists). Every action runs through the page's
``undoable`` (one undo step each); the panel reads nothing itself."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rdplanner.venue import service as svc
from rdplanner.venue.defaults import CANCELLED
from rdplanner.venue.read import SetupRow, VenueView
from ui.dialogs import ask_yes_no
from ui.venue import item_dialogs
from ui.venue.setup_lists import ChecksPanel, MaterialsPanel
from ui.venue.venue_models import GREEN, signed_text
from ui.venue.widgets import select_ids


class SetupPanel(QWidget):
    """``page`` provides ``undoable(text, service, **kwargs)``, ``undo_stack`` and ``booked_hall()`` (the
    hall of the selected booking, or None)."""

    def __init__(self, page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self.view: VenueView | None = None
        self.signer = ""  # the last name given as 检查人 or 审定人, offered next time
        self.setup_choice = QComboBox(self, minimumContentsLength=16)
        self.create_button = QPushButton(self.tr("为预订的会场建立布置"), self, toolTip=self.tr(
            "按默认模板为所选预订的会场（或尚无布置的已预订会场）生成检查项目和物品清单"))
        self.remove_button = QPushButton(self.tr("删除布置"), self)
        self.banner = QLineEdit(self, maxLength=200, clearButtonEnabled=True,
                                placeholderText=self.tr("会标（横幅）文字，按回车保存"))
        self.save_banner_button = QPushButton(self.tr("保存会标"), self)
        self.approval = QLabel(self, styleSheet=f"QLabel#approved {{ color: {GREEN.name()}; }}")
        self.approve_button = QPushButton(self.tr("审定…"), self,
                                          toolTip=self.tr("记录会标文字已经审定，以及审定人和时间"))
        self.unapprove_button = QPushButton(self.tr("撤销审定"), self)
        self.checks = ChecksPanel(page, self.ask_signer, self)
        self.materials = MaterialsPanel(page, self)
        self.setup_choice.currentIndexChanged.connect(lambda: self._show_current(keep=False))
        self.create_button.clicked.connect(self.create_setup)
        self.remove_button.clicked.connect(self.remove_setup)
        self.banner.editingFinished.connect(self.save_banner)
        self.banner.textChanged.connect(self._update_buttons)
        self.save_banner_button.clicked.connect(self.save_banner)
        self.approve_button.clicked.connect(self.approve_banner)
        self.unapprove_button.clicked.connect(self.clear_approval)
        self._build_layout()

    def _build_layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("布置会场"), self, objectName="panelTitle"))
        head.addWidget(self.setup_choice, 1)
        head.addWidget(self.create_button)
        head.addWidget(self.remove_button)
        banner = QHBoxLayout()
        banner.addWidget(QLabel(self.tr("会标"), self))
        banner.addWidget(self.banner, 1)
        banner.addWidget(self.save_banner_button)
        banner.addWidget(self.approval)
        banner.addWidget(self.approve_button)
        banner.addWidget(self.unapprove_button)
        self.lists = QSplitter(Qt.Orientation.Horizontal, self)
        self.lists.addWidget(self.checks)
        self.lists.addWidget(self.materials)
        self.lists.setStretchFactor(0, 4)
        self.lists.setStretchFactor(1, 5)
        self.lists.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addLayout(banner)
        layout.addWidget(self.lists, 1)

    # -- showing and choosing --

    def show_view(self, view: VenueView) -> None:
        """Show ``view``'s set-ups, keeping the one chosen and its selected rows (if still there)."""
        self.view = view
        chosen = self.setup_choice.currentData()
        self.setup_choice.blockSignals(True)
        self.setup_choice.clear()
        for setup in view.setups:
            self.setup_choice.addItem(setup.place, setup.id)
        if not view.setups:
            self.setup_choice.addItem(self.tr("（还没有：先添加场地预订，再为该会场建立布置）"), None)
        self.setup_choice.setCurrentIndex(max(0, self.setup_choice.findData(chosen)))
        self.setup_choice.blockSignals(False)
        self._show_current(keep=self.setup_choice.currentData() == chosen)

    def current_setup(self) -> SetupRow | None:
        setup_id = self.setup_choice.currentData()
        return next((s for s in self.view.setups if s.id == setup_id), None) if self.view else None

    def _show_current(self, *, keep: bool) -> None:
        setup = self.current_setup()
        if not (keep and self.banner.hasFocus() and self.banner.isModified()):  # the officer is typing
            self.banner.setText(setup.banner_text if setup else "")
            self.banner.setModified(False)
        self.banner.setEnabled(setup is not None)
        self.checks.show_setup(setup, keep=keep)
        self.materials.show_setup(self.view, setup, keep=keep)
        self._show_approval(setup)
        self._update_buttons()

    def _show_approval(self, setup: SetupRow | None) -> None:
        if setup is not None and setup.is_banner_approved:
            self.approval.setObjectName("approved")
            self.approval.setText(self.tr("✓ %1 已审定（%2）").replace("%1", setup.banner_approved_by)
                                  .replace("%2", signed_text(setup.banner_approved_at)))
        else:
            self.approval.setObjectName("warning")
            self.approval.setText(self.tr("未审定") if setup is not None and setup.banner_text else "")
        self.approval.style().unpolish(self.approval)
        self.approval.style().polish(self.approval)

    def _update_buttons(self, *_args) -> None:
        setup = self.current_setup()
        self.create_button.setEnabled(self._hall_to_set_up(ask=False) is not None)
        self.remove_button.setEnabled(setup is not None)
        self.save_banner_button.setEnabled(setup is not None and self._banner_text() != setup.banner_text)
        approved = setup is not None and setup.is_banner_approved
        self.approve_button.setEnabled(setup is not None and bool(self._banner_text()))
        self.approve_button.setVisible(not approved or self._banner_text() != setup.banner_text)
        self.unapprove_button.setVisible(approved)

    def choose_setup(self, setup_id: int) -> bool:
        index = self.setup_choice.findData(setup_id)
        if index >= 0:
            self.setup_choice.setCurrentIndex(index)
        return index >= 0

    def _owner(self, has) -> SetupRow | None:
        return next((s for s in self.view.setups if has(s)), None) if self.view else None

    def select_checks(self, ids: set[int]) -> bool:
        setup = self._owner(lambda s: any(c.id in ids for c in s.checks))
        return setup is not None and self.choose_setup(setup.id) and select_ids(
            self.checks.table, ids, scroll=True)

    def select_material(self, material_id: int) -> bool:
        setup = self._owner(lambda s: any(m.id == material_id for m in s.materials))
        return setup is not None and self.choose_setup(setup.id) and select_ids(
            self.materials.table, {material_id}, scroll=True)

    def choose_hall(self, hall_id: int) -> bool:
        setup = self._owner(lambda s: s.hall_id == hall_id)
        return setup is not None and self.choose_setup(setup.id)

    # -- the set-up --

    def _hall_to_set_up(self, *, ask: bool) -> int | None:
        """The booked hall to set up: the selected booking's if it has none yet, else the only booked hall
        without a set-up (asked when there are several and ``ask``)."""
        if self.view is None:
            return None
        done = {s.hall_id for s in self.view.setups}
        halls = {b.hall_id: b.place for b in self.view.bookings
                 if b.status != CANCELLED and b.hall_id not in done}
        booked = self._page.booked_hall()
        if booked in halls:
            return booked
        if len(halls) <= 1 or not ask:
            return next(iter(halls), None)
        names = list(halls.values())
        chosen, ok = QInputDialog.getItem(self, self.tr("建立会场布置"), self.tr("为哪个会场建立布置："),
                                          names, 0, False)
        return list(halls)[names.index(chosen)] if ok else None

    def create_setup(self) -> None:
        hall_id = self._hall_to_set_up(ask=True)
        if hall_id is None or self.view is None:
            return
        made = self._page.undoable(self.tr("建立会场布置"), svc.ensure_setup, event_id=self.view.event_id,
                                   hall_id=hall_id)
        if made is not None:
            self.choose_setup(made.value)

    def remove_setup(self) -> None:
        setup = self.current_setup()
        if setup is None:
            return
        question = self.tr("删除“%1”的会场布置（会标、%2 项检查和 %3 种物品）？场地预订保留。可撤销。")
        question = question.replace("%1", setup.place).replace("%2", str(len(setup.checks))).replace(
            "%3", str(len(setup.materials)))
        if not ask_yes_no(self, self.tr("删除布置"), question):
            return
        self._page.undoable(self.tr("删除“%1”的会场布置").replace("%1", setup.hall_name), svc.remove_setup,
                            setup_id=setup.id)

    # -- the banner --

    def _banner_text(self) -> str:
        return " ".join(self.banner.text().split())

    def save_banner(self) -> None:
        setup = self.current_setup()
        if setup is None or self._banner_text() == setup.banner_text:
            return
        self.banner.setModified(False)
        self._page.undoable(self.tr("修改会标"), svc.set_banner, setup_id=setup.id, text=self.banner.text(),
                            expected_version=setup.version)

    def ask_signer(self, title: str, label: str) -> str | None:
        """Ask who signs, offering the name given last; remember the answer."""
        name = item_dialogs.ask_name(self, title, label, self.signer)
        if name:
            self.signer = name
        return name

    def approve_banner(self) -> None:
        self.save_banner()
        setup = self.current_setup()
        if setup is None or not setup.banner_text:
            return
        label = self.tr("会标：%1\n\n审定人：").replace("%1", setup.banner_text)
        who = self.ask_signer(self.tr("审定会标"), label)
        if who:
            self._page.undoable(self.tr("审定会标"), svc.approve_banner, setup_id=setup.id, approved_by=who,
                                expected_version=setup.version)

    def clear_approval(self) -> None:
        setup = self.current_setup()
        if setup is not None and ask_yes_no(self, self.tr("撤销审定"), self.tr(
                "撤销会标“%1”的审定记录？").replace("%1", setup.banner_text)):
            self._page.undoable(self.tr("撤销会标审定"), svc.clear_banner_approval, setup_id=setup.id)
