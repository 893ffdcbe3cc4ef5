"""The plan pages after the event overview, found through the domain registry: each domain with pages
has a ``ui/<domain key>/pages.py`` declaring ``PAGES``. The main window builds its navigation from them
and creates a page the first time it is shown.
"""

import importlib
import importlib.util
from dataclasses import dataclass

from rdplanner.registry import DOMAINS


@dataclass(frozen=True)
class PageEntry:
    """A page: its key (tests and findings address it by key), its title, and "module:Class"; the class
    is built as ``Class(hub, parent)``."""

    key: str
    title: str
    factory: str

    def build(self, hub, parent):
        module, name = self.factory.split(":")
        return getattr(importlib.import_module(module), name)(hub, parent)


def plan_pages() -> tuple[PageEntry, ...]:
    """Every domain's pages in registry order (importing only the small ``pages`` modules)."""
    found: list[PageEntry] = []
    for domain in DOMAINS:
        name = f"ui.{domain.key}.pages"
        if importlib.util.find_spec(f"ui.{domain.key}") is not None and importlib.util.find_spec(name) is not None:
            found.extend(importlib.import_module(name).PAGES)
    return tuple(found)
