"""The lodging domain's page: the event's rooms and stays (住宿)."""

from ui.pages import PageEntry

PAGES = (PageEntry("lodging", "住宿", "ui.lodging.lodging_page:LodgingPage"),)
