"""rdplanner's PySide6 user interface; imports the core, never the other way round."""
