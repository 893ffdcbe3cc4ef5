"""The catering domain's page: the event's meals, headcounts and menus (用餐)."""

from ui.pages import PageEntry

PAGES = (PageEntry("catering", "用餐", "ui.catering.catering_page:CateringPage"),)
