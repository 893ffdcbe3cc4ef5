"""Demo data: a realistic standing-committee meeting (small) or congress session (large)."""

from rdplanner.demo.build import build_demo

__all__ = ["build_demo"]
