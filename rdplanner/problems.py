"""The one shape of a planning problem (问题): every domain reports its findings as these plain records,
and the readiness check, the overview and the pages read them without knowing the domain.
"""

from dataclasses import dataclass

EARLY, COMPLETE, FRUGAL = "早", "全", "俭"  # the office's three dimensions
DIMENSIONS = (EARLY, COMPLETE, FRUGAL)
ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = {ERROR: "错误", WARNING: "提醒", INFO: "说明"}


@dataclass(frozen=True, slots=True)
class ItemRef:
    """What a finding points to: a page of ``domain`` selects the ``kind`` row with this ``id``.

    Kinds in use: "event", "participation", "seat" (domain "seating" or "people").
    """

    domain: str
    kind: str
    id: int


@dataclass(frozen=True)
class Problem:
    """One finding.

    ``code`` is stable (scripts and the readiness check rely on it); ``message`` is one complete Chinese
    sentence naming the item; ``items`` lists what it concerns, the first being the one to select.
    """

    code: str
    message: str
    items: tuple[ItemRef, ...] = ()
    severity: str = ERROR
    dimension: str = COMPLETE
    domain: str = ""

    def __post_init__(self) -> None:
        if self.dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {self.dimension!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def pointer(self) -> ItemRef | None:
        """The item a page selects for this finding, if it names one."""
        return self.items[0] if self.items else None

    def ids(self, kind: str) -> tuple[int, ...]:
        """The ids of the items of ``kind`` this finding concerns, in order."""
        return tuple(item.id for item in self.items if item.kind == kind)


def refs(domain: str, kind: str, ids) -> tuple[ItemRef, ...]:
    """ItemRefs of one kind, in the order given."""
    return tuple(ItemRef(domain, kind, i) for i in ids)
