"""rdplanner: meeting-logistics planner for a people's congress standing committee office (Qt-free core)."""

__version__ = "0.1.0"
