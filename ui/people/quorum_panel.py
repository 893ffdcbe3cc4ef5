"""The quorum panel of the sign-in page: live counts, the verdict, the rule, why 应到 may differ from the
list, and the report sentence to copy; above them, when the table shows one delegation, a note that the
counts are the whole sitting's. Shows a core QuorumResult; emits nothing."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from rdplanner.people.quorum import QuorumResult

MET_COLOUR, NOT_MET_COLOUR, NOTE_COLOUR = "#1e7b34", "#b3261e", "#9a6700"
VERDICT_POINTS = 14


class QuorumPanel(QGroupBox):
    """Live counts (应到 实到 请假, and 未签到 until the sitting closes, 缺席 after), the verdict, the rule,
    and the report sentence to copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("法定人数"), parent)
        self.scope = QLabel(self, wordWrap=True, objectName="scope")
        self.scope.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.scope.hide()
        self.figures = {name: QLabel("—", self, objectName="figure") for name in ("应到", "实到", "请假", "未到")}
        self.away_label = QLabel(self.tr("未签到"), self)
        self.verdict = QLabel(self, wordWrap=True, objectName="verdict")
        self._plain_font = QFont(self.verdict.font())
        self._verdict_font = QFont(self.verdict.font())
        self._verdict_font.setPointSize(VERDICT_POINTS)
        self._verdict_font.setBold(True)
        self.basis = QLabel(self, wordWrap=True, objectName="basis")
        self.basis.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.rule = QLabel(self, wordWrap=True, objectName="hint")
        self.others = QLabel(self, wordWrap=True)
        self.sentence = QLabel(self, wordWrap=True, objectName="sentence")
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("复制报告语"), self)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.sentence.text()))
        self._build()

    def _build(self) -> None:
        grid = QGridLayout()
        for n, (name, label) in enumerate(self.figures.items()):
            grid.addWidget(self.away_label if name == "未到" else QLabel(name, self), n, 0)
            grid.addWidget(label, n, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addLayout(grid)
        layout.addWidget(self.verdict)
        layout.addWidget(self.basis)
        layout.addWidget(self.others)
        layout.addWidget(self.rule)
        layout.addWidget(QLabel(self.tr("报告语"), self))
        layout.addWidget(self.sentence)
        layout.addWidget(self.copy_button)
        layout.addStretch(1)
        # The longest verdict line stays whole: the panel is never narrower than it.
        margins = layout.contentsMargins()
        widest = QFontMetrics(self._verdict_font).horizontalAdvance(self.tr("不符合法定人数"))
        self.setMinimumWidth(widest + margins.left() + margins.right() + 8)

    def show_scope(self, note: str) -> None:
        """Show what part of the sitting the table lists ("" hides the note: the table lists everyone)."""
        self.scope.setText(note)
        self.scope.setVisible(bool(note))

    def show_result(self, result: QuorumResult) -> None:
        for name, value in (("应到", result.expected), ("实到", result.present), ("请假", result.leave),
                            ("未到", result.away)):
            self.figures[name].setText(str(value))
        self.away_label.setText(self.tr("缺席") if result.closed else self.tr("未签到"))
        self._show_verdict(result)
        notes = result.basis_notes()
        self.basis.setText("\n".join(notes))
        self.basis.setVisible(bool(notes))
        self.others.setText(self.tr("列席 %1/%2 人，旁听 %3/%4 人（另计，不计入法定人数）")
                            .replace("%1", str(result.attendee_present)).replace("%2", str(result.attendee_total))
                            .replace("%3", str(result.observer_present)).replace("%4", str(result.observer_total)))
        self.rule.setText(result.rule_text())
        self.sentence.setText(result.report_sentence())

    def _show_verdict(self, result: QuorumResult) -> None:
        """The verdict on its own line, the shortfall on the next (a natural break), in the report's unit."""
        if not result.rule.applies:
            self.verdict.setText(self.tr("本会次不计法定人数"))
            self.verdict.setFont(self._plain_font)
            self.verdict.setStyleSheet("")
            return
        self.verdict.setFont(self._verdict_font)
        if result.met:
            self.verdict.setText(self.tr("符合法定人数"))
        else:
            self.verdict.setText(self.tr("不符合法定人数\n尚差 %1 %2").replace("%1", str(result.missing))
                                 .replace("%2", result.unit))
        self.verdict.setStyleSheet(f"color: {MET_COLOUR if result.met else NOT_MET_COLOUR};")
