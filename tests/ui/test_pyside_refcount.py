"""Regression tests of the Qt runtime the app relies on: PySide6's refcount bug, and the bundled fonts."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

from ui import fonts

ROOT = Path(__file__).parents[2]


def test_void_qt_calls_keep_the_refcount_of_none(qapp):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call, then aborts Python."""
    obj, timer = QObject(), QTimer()
    before = sys.getrefcount(None)
    for done in range(100, 10_001, 100):
        for _ in range(100):
            obj.setObjectName("probe")
            timer.stop()
        lost = before - sys.getrefcount(None)
        # checked every 100 calls, so a leaking PySide6 fails here before None is freed and Python aborts
        assert lost <= 100, f"None lost {lost} references after {done} calls each of two void Qt methods"


@pytest.fixture
def app_font(qapp):
    saved = QApplication.font()
    yield qapp
    QApplication.setFont(saved)


def test_register_app_fonts_adds_both_bundled_families_in_two_weights(qapp):
    assert fonts.register_app_fonts() == ["Noto Sans SC", "Noto Serif SC"]
    families = QFontDatabase.families()
    for family in ("Noto Sans SC", "Noto Serif SC"):
        assert family in families
        assert {"Regular", "Bold"} <= set(QFontDatabase.styles(family))


def test_register_app_fonts_loads_each_file_once(qapp, monkeypatch):
    fonts.register_app_fonts()
    loaded = []

    class CountingDatabase:
        applicationFontFamilies = staticmethod(QFontDatabase.applicationFontFamilies)

        @staticmethod
        def addApplicationFont(path):
            loaded.append(path)
            return QFontDatabase.addApplicationFont(path)

    monkeypatch.setattr(fonts, "QFontDatabase", CountingDatabase)
    assert fonts.register_app_fonts() == ["Noto Sans SC", "Noto Serif SC"]
    assert loaded == []


def test_apply_default_font_makes_noto_sans_sc_draw_chinese(app_font):
    fonts.apply_default_font(app_font)
    font = QApplication.font()
    assert QFontInfo(font).family() == "Noto Sans SC"
    assert font.pointSizeF() == fonts.DEFAULT_POINT_SIZE
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # the default font itself, no fallback
    metrics = QFontMetrics(font)
    # not inFont(): PySide6 6.11 passes it U+FF00 + the first UTF-8 byte of a non-ASCII character
    assert all(metrics.inFontUcs4(ord(ch)) for ch in " 张三，欧阳娜娜。A1𬌗")
    assert not metrics.inFontUcs4(ord("𠀀"))


def test_apply_default_font_substitutes_chinese_families_that_are_not_installed(app_font):
    fonts.apply_default_font(app_font)
    installed = set(QFontDatabase.families())
    for name, expected in (("仿宋_GB2312", "Noto Serif SC"), ("微软雅黑", "Noto Sans SC")):
        if name not in installed:
            assert QFontInfo(QFont(name)).family() == expected


def test_bundled_font_falls_back_on_the_other_bundled_family(qapp):
    fonts.register_app_fonts()
    font = fonts.bundled_font("serif", 14, bold=True)
    assert font.families() == ["Noto Serif SC", "Noto Sans SC"]
    assert QFontInfo(font).family() == "Noto Serif SC"
    assert QFontInfo(font).bold()


CHINESE_WITHOUT_SYSTEM_FONTS = """
import sys
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
app = QGuiApplication([])
before = QFontMetrics(app.font()).inFontUcs4(0x5F20)
from ui.fonts import apply_default_font
apply_default_font(app)
print(before, QFontMetrics(app.font()).inFontUcs4(0x5F20), QFontMetrics(QFont("宋体")).inFontUcs4(0x5F20))
"""


def test_chinese_renders_on_a_machine_without_any_font_installed(tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "FONTCONFIG_FILE": str(config)}
    result = subprocess.run([sys.executable, "-c", CHINESE_WITHOUT_SYSTEM_FONTS], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    before, after, song = result.stdout.split()
    if before == "True":
        pytest.skip("this Qt does not use fontconfig, so system fonts cannot be hidden from it")
    assert (after, song) == ("True", "True")
