"""The programme domain (会议日程): an event's days and items, who attends each, and the template that
gives a first draft. The plenary and group items are the sittings people sign in to (people.attendance)."""
