"""The arrival domain's page: the desk on arrival day (报到)."""

from ui.pages import PageEntry

PAGES = (PageEntry("arrival", "报到", "ui.arrival.arrival_page:ArrivalPage"),)
