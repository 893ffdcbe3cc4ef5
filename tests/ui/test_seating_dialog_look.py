"""How the seating and document dialogs look on a desktop whose style puts icons on dialog buttons: one
look for every button of a row."""

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QProxyStyle, QStyle

from rdplanner.registry import documents
from ui.documents.dialog import DocumentDialog
from ui.seating.fitting_combo import MAX_WIDTH, FittingCombo


class IconButtonStyle(QProxyStyle):
    """The style of desktops (GNOME, KDE, Windows themes) that give standard dialog buttons an icon."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):  # noqa: N802 (Qt override)
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


@pytest.fixture
def icon_buttons(qapp):
    name = qapp.style().name()
    qapp.setStyle(IconButtonStyle(name))
    probe = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert not probe.buttons()[0].icon().isNull()  # the stand-in style does what a desktop's does
    yield
    qapp.setStyle(name)


@pytest.mark.parametrize("kind", ["seatmap", "cards", "seatlist", "signin"])
def test_export_dialog_buttons_are_alike_without_icons(qtbot, icon_buttons, kind):
    dialog = DocumentDialog(documents()[kind])
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    buttons = box.findChildren(QAbstractButton)
    assert sorted(b.text() for b in buttons) == sorted(["导出文件…", "打印预览…", "取消"])
    assert [b.text() for b in buttons if not b.icon().isNull()] == []


def test_export_dialog_cancel_button_rejects(qtbot):
    dialog = DocumentDialog(documents()["seatmap"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cancel_button.click()
    assert dialog.result() == dialog.DialogCode.Rejected and dialog.choice is None


def test_a_squeezed_toolbar_combo_elides_in_the_middle_and_shows_the_whole_text_as_tooltip(qtbot):
    full = "大会堂（人民代表大会全体会议布局）"
    combo = FittingCombo(toolTip="本次活动使用的座位布局")
    qtbot.addWidget(combo)
    combo.addItem(full)
    combo.show()
    combo.resize(combo.minimumSizeHint())
    shown = combo.shown_text()
    assert "…" in shown and len(shown) < len(full) and shown[0] == full[0] and shown[-1] == full[-1]
    assert combo.toolTip() == f"{full}\n本次活动使用的座位布局"
    combo.resize(combo.sizeHint())
    assert combo.shown_text() == full and combo.toolTip() == "本次活动使用的座位布局"


def test_a_toolbar_combo_is_as_wide_as_its_text_up_to_a_maximum(qtbot):
    combo = FittingCombo()
    qtbot.addWidget(combo)
    combo.addItem("大会堂（大会布局）")
    combo.show()
    combo.resize(combo.sizeHint())
    assert not combo.is_elided()
    combo.addItem("市民中心大会堂（人民代表大会全体会议专用布局，含列席旁听区）")
    assert combo.sizeHint().width() == MAX_WIDTH
