"""The transport domain's page: the event's trips (车辆行程)."""

from ui.pages import PageEntry

PAGES = (PageEntry("trips", "车辆行程", "ui.transport.trips_page:TripsPage"),)
