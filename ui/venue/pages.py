"""The venue domain's page: the event's venue set-up (会场布置)."""

from ui.pages import PageEntry

PAGES = (PageEntry("venue", "会场布置", "ui.venue.venue_page:VenuePage"),)
