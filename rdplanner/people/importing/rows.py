"""Plain data the import hands to the dialog and the command line: problems, preview rows, results."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from rdplanner.changes import Changes
from rdplanner.people.importing.fields import field_label

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of one row; ``field`` is a field code ("" for the whole row)."""

    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class PreviewRow:
    """One data row of the file as it would be imported.

    ``row_number`` is the row as Excel shows it (1-based). ``values`` holds the parsed, normalised
    values of the mapped fields. ``action`` is "add" (joins the event, as a new or an existing
    person of the directory), "update" (already in the event; some values change) or
    "unchanged". ``accepted`` is the default tick: False when the row has an error.
    """

    row_number: int
    values: Mapping[str, object]
    problems: tuple[Problem, ...]
    action: str
    person_id: Optional[int] = None
    participation_id: Optional[int] = None
    accepted: bool = True
    changed_fields: tuple[str, ...] = ()
    person_version: Optional[int] = None
    participation_version: Optional[int] = None

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


@dataclass(frozen=True)
class ImportPreview:
    """Everything the dialog shows before the user confirms; pass it back to ``apply_import``.

    ``skipped`` lists rows left out on purpose (section titles, totals, repeated headers) with
    the reason; blank rows are left out silently. ``notes`` are remarks about the file itself.
    """

    event_id: int
    file_name: str
    rows: tuple[PreviewRow, ...]
    default_role: str
    header_row_number: Optional[int] = None
    skipped: tuple[tuple[int, str], ...] = ()
    notes: tuple[str, ...] = ()

    def row(self, row_number: int) -> PreviewRow:
        """Return the preview row of a file row number. Raises KeyError if there is none."""
        return self._by_number[row_number]

    @cached_property
    def _by_number(self) -> dict[int, PreviewRow]:
        return {row.row_number: row for row in self.rows}

    def counts(self, accepted: Optional[Iterable[int]] = None) -> dict[str, int]:
        """Return how many of the accepted rows (default: the ticked ones) each action would be."""
        wanted = set(self.accepted_row_numbers if accepted is None else accepted)
        actions = [row.action for row in self.rows if row.row_number in wanted]
        return {action: actions.count(action) for action in ("add", "update", "unchanged")}

    @property
    def accepted_row_numbers(self) -> tuple[int, ...]:
        """Return the rows ticked by default (those without errors)."""
        return tuple(r.row_number for r in self.rows if r.accepted)

    @property
    def error_row_count(self) -> int:
        """Return how many rows have at least one error (a row with two errors is one row)."""
        return sum(1 for r in self.rows if r.errors)

    @property
    def warning_count(self) -> int:
        return sum(len(r.warnings) for r in self.rows)


@dataclass(frozen=True)
class ImportResult:
    """What an import did: its batch (for undo), its counts and the change set for the views."""

    batch_id: int
    added: int
    updated: int
    unchanged: int
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        """Return the counts as the office reads them."""
        return f"新增 {self.added} 人，更新 {self.updated} 人，未变 {self.unchanged} 人"


def describe_problem(file_name: str, row_number: int, problem: Problem) -> str:
    """Return one line naming the file, the row and the field, e.g. for the command line."""
    where = f"“{field_label(problem.field)}”" if problem.field else ""
    return f"{file_name} 第 {row_number} 行{where}：{problem.message}"
