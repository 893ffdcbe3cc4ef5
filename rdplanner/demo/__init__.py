"""Demo data: a realistic standing-committee meeting (small), a congress session (large) or, for the
benchmark only, a national-scale congress (``rdplanner.demo.national``).

``build_demo`` is imported on first use, so the start-up check ``rdplanner.demo.first_run`` does not load
the demo builders (and what they import) when the database already has its events.
"""

__all__ = ["build_demo"]


def __getattr__(name: str):
    if name == "build_demo":
        from rdplanner.demo.build import build_demo

        return build_demo
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
