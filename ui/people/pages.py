"""The people domain's pages: the roster (参会人员) and sign-in (签到)."""

from ui.pages import PageEntry

PAGES = (
    PageEntry("roster", "参会人员", "ui.people.roster_page:RosterPage"),
    PageEntry("signin", "签到", "ui.people.signin_page:SignInPage"),
)
