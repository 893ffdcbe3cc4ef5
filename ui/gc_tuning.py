"""How the app keeps Python's cyclic garbage collector from blocking the GUI thread.

A full collection walks every tracked object, and the validators SQLModel's tables carry (pydantic-core)
are slow to walk: with the app's modules loaded one full collection took about 100 ms here, and a
national-scale seating action (tens of thousands of new objects) set one off nearly every time.
"""

import gc


def freeze_startup_objects() -> None:
    """Move every object alive now (modules, classes, the window) out of the collector's sight.

    Call once, when start-up is over. Those objects live as long as the app; later objects are collected
    as usual. A cycle that is already garbage now is kept for good: a one-off few kilobytes at most,
    against a tenth of a second on every full collection.
    """
    gc.freeze()
