"""Where the bundled resources (fonts, standards, templates, icons, translations) live."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONTS = RESOURCES / "fonts"
STANDARDS = RESOURCES / "standards"
TEMPLATES = RESOURCES / "templates"
ICONS = RESOURCES / "icons"
TRANSLATIONS = RESOURCES / "translations"
