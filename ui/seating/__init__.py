"""The seating pages: the seat map and its documents."""
