"""Event list, event editor and the new-event dialog."""
