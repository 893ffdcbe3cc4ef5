"""The programme domain's page: the event's programme (会议日程)."""

from ui.pages import PageEntry

PAGES = (PageEntry("programme", "会议日程", "ui.programme.programme_page:ProgrammePage"),)
