"""A toolbar combo box as wide as its longest item up to a maximum, which may shrink when the window is
narrow: then its text is elided in the middle and the whole text shows as its tooltip. Emits nothing of
its own."""

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

MAX_WIDTH = 240  # px: a layout named at length must not push the rest of the toolbar off a laptop screen
MIN_CHARACTERS = 5  # shrunk this far, a combo still shows enough to be recognised
TEXT_PAD = 2  # the label is drawn 1 px inside the edit field on each side


class FittingCombo(QComboBox):
    """A combo sized to its contents (at most ``MAX_WIDTH``) that elides in the middle when squeezed."""

    def __init__(self, parent: QWidget | None = None, *, toolTip: str = "") -> None:  # noqa: N803 (Qt)
        super().__init__(parent)
        self._help = toolTip
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaximumWidth(MAX_WIDTH)
        self.currentTextChanged.connect(self._update_tooltip)
        self._update_tooltip()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # Qt's hint lets a long text run under the arrow (Fusion clips it there): room for all of it.
        hint = super().sizeHint()
        widths = (self.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count()))
        longest = max(widths, default=0)
        width = max(hint.width(), longest + TEXT_PAD + self._chrome(hint))
        return QSize(min(MAX_WIDTH, width), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # The whole text is the size hint; the minimum lets a narrow window squeeze the combo rather
        # than widen the page past the screen (the page's minimum pushed the event list aside).
        hint = super().minimumSizeHint()
        room = self.fontMetrics().horizontalAdvance("汉" * MIN_CHARACTERS)
        return QSize(min(hint.width(), room + TEXT_PAD + self._chrome(hint)), hint.height())

    def shown_text(self) -> str:
        """The current text as drawn: elided in the middle if the combo is too narrow for all of it."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        text, width = self.currentText(), field.width() - TEXT_PAD
        if self.fontMetrics().horizontalAdvance(text) <= width:
            return text  # elidedText shortens some mixed Latin and CJK texts that fit exactly
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, width)

    def is_elided(self) -> bool:
        return self.shown_text() != self.currentText()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update_tooltip()

    def setToolTip(self, text: str) -> None:  # noqa: N802 (Qt override)
        self._help = text
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        parts = [self.currentText()] if self.is_elided() else []
        super().setToolTip("\n".join(parts + ([self._help] if self._help else [])))

    def _chrome(self, size: QSize) -> int:
        """The width the frame and the arrow take besides the text, at ``size``."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(QPoint(0, 0), size)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return size.width() - field.width()
