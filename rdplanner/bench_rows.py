"""What every benchmark module shares: a measured row, the context of the measurements (the database
holding the demo), and seating the demo as 自动排座 does."""

import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from rdplanner.db import Database


@dataclass(frozen=True)
class BenchRow:
    """One measured figure and its target (``ok`` when within it)."""

    name: str
    value: float
    unit: str
    target: float
    ok: bool
    label: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("label")
        return data


def bench_row(name: str, label: str, value: float, unit: str, target: float) -> BenchRow:
    return BenchRow(name=name, value=round(value, 3), unit=unit, target=target, ok=value <= target,
                    label=label)


@dataclass
class BenchContext:
    """What the measurements share: the database holding the large demo and its event id."""

    database: Database
    event_id: int
    folder: Path

    @property
    def settings(self) -> Path:
        return self.folder / "bench.ini"



def ensure_seated(context: BenchContext) -> None:
    """Seat the bench's event as 自动排座 does, unless it is seated: documents print only a saved seating."""
    from rdplanner.seating.service import ensure_seat_plan, load_seating, run_auto_seating

    with context.database.session() as session:
        plan_id, _ = ensure_seat_plan(session, event_id=context.event_id)
        if not load_seating(session, seat_plan_id=plan_id).assignments:
            run_auto_seating(session, seat_plan_id=plan_id)


def name_sorting_ms() -> float:
    """The median ms of 5 sorts of 10,000 realistic names in 姓名笔画 order, the stroke data loaded."""
    from rdplanner.demo.people import PersonFactory
    from rdplanner.people.ordering import order_names

    factory = PersonFactory(seed=10000)
    names = [factory.person().name for _ in range(10000)]
    order_names(names[:10])
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        order_names(names)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000
