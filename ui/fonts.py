"""Registers the bundled Noto Sans SC / Noto Serif SC with Qt and makes Noto Sans SC the application font.

Without a CJK font Qt draws Chinese as empty boxes; with these the app no longer depends on the fonts
installed. Registering all four files takes about 1-8 ms in total (Qt reads only their tables), so all are
registered at start-up.
"""

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from rdplanner.exports.font_files import FAMILIES, family_name, font_path

log = logging.getLogger(__name__)

DEFAULT_POINT_SIZE = 10

# Families that documents and style sheets of the office name, mapped onto the bundled family of the same
# style. Qt uses a substitute only when the named family is not installed.
SUBSTITUTED_FAMILIES = {
    "sans": ("SimHei", "黑体", "Microsoft YaHei", "微软雅黑", "PingFang SC", "Source Han Sans SC",
             "思源黑体", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "文泉驿微米黑"),
    "serif": ("SimSun", "宋体", "NSimSun", "新宋体", "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312",
              "KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STSong", "华文宋体", "方正小标宋简体",
              "Source Han Serif SC", "思源宋体", "Noto Serif CJK SC"),
}

_font_ids: dict[Path, int] = {}


def register_app_fonts() -> list[str]:
    """Register the four bundled font files with Qt, once per process; return the families registered.

    A file Qt cannot load is logged and skipped, so the app still starts on the system fonts.

    Raises:
        RuntimeError: no QGuiApplication exists yet (Qt needs one to register fonts).
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("register_app_fonts() needs a QGuiApplication; create it first")
    families: list[str] = []
    for family in FAMILIES:
        for bold in (False, True):
            path = font_path(family, bold)
            if path not in _font_ids:
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id < 0:
                    log.warning("cannot load the bundled font %s", path)
                    continue
                _font_ids[path] = font_id
            for name in QFontDatabase.applicationFontFamilies(_font_ids[path]):
                if name not in families:
                    families.append(name)
    return families


def bundled_font(family: str = "sans", point_size: float = DEFAULT_POINT_SIZE, bold: bool = False) -> QFont:
    """Return a QFont of a bundled family that falls back on the other one, then on the system's.

    The families differ at the edges (only the serif has U+9FF0-U+9FFF and U+4DB6-U+4DBF), so each
    lists the other as its first fallback.

    Args:
        family: "sans" or "serif".
        point_size: the size in points.
        bold: the bold weight.
    """
    other = "serif" if family == "sans" else "sans"
    font = QFont()
    font.setFamilies([family_name(family), family_name(other)])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def apply_default_font(app: QGuiApplication, point_size: float = DEFAULT_POINT_SIZE) -> QFont:
    """Register the bundled fonts and make Noto Sans SC the default font of ``app``.

    Also maps the usual Chinese family names (宋体, 黑体, 仿宋, 微软雅黑 …) onto the bundled families when
    they are not installed, so text that asks for them still shows Chinese.

    Args:
        app: the running application.
        point_size: the default size in points.

    Returns:
        The font set as the application default.
    """
    register_app_fonts()
    for family, names in SUBSTITUTED_FAMILIES.items():
        for name in names:
            QFont.insertSubstitution(name, family_name(family))
    font = bundled_font("sans", point_size)
    app.setFont(font)
    return font
