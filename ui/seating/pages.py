"""The seating domain's page: the seat map (座次)."""

from ui.pages import PageEntry

PAGES = (PageEntry("seating", "座次", "ui.seating.seat_map_page:SeatMapPage"),)
