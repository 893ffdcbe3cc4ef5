"""How the seating dialogs look on a desktop whose style puts icons on dialog buttons: one look for every
button of a row."""

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QProxyStyle, QStyle

from ui.seating.export_dialog import ExportOptionsDialog


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


@pytest.mark.parametrize("kind", ["seatmap", "cards", "seatlist"])
def test_export_dialog_buttons_are_alike_without_icons(qtbot, icon_buttons, kind):
    dialog = ExportOptionsDialog(kind)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    buttons = box.findChildren(QAbstractButton)
    assert sorted(b.text() for b in buttons) == sorted(["导出文件…", "打印预览…", "取消"])
    assert [b.text() for b in buttons if not b.icon().isNull()] == []


def test_export_dialog_cancel_button_rejects(qtbot):
    dialog = ExportOptionsDialog("seatmap")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cancel_button.click()
    assert dialog.result() == dialog.DialogCode.Rejected and dialog.choice is None
