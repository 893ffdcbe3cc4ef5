"""Standard task lists per event type, read from resources/templates/tasks_*.toml."""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rdplanner.errors import RdplannerError
from rdplanner.labels import PHASES
from rdplanner.os_errors import entry_reason
from rdplanner.resources import TEMPLATES
from rdplanner.template_files import template_entries


@dataclass(frozen=True)
class TaskTemplate:
    """One standard task: phase, title, standard, owner post and deadline offset in days."""

    phase: str
    title: str
    standard: str
    owner: str
    due: int

    def due_date(self, start: date, end: date) -> date:
        """Return the deadline: after-meeting tasks count from the closing day, the rest from the opening."""
        return (end if self.phase == "after" else start) + timedelta(days=self.due)


def load_task_templates(event_type: str, folder: Path = TEMPLATES) -> list[TaskTemplate]:
    """Return the standard tasks for an event type (empty if no template covers it).

    Raises:
        RdplannerError naming the file and task when a template is malformed.
    """
    path, entries = template_entries(folder, "tasks", event_type, what="任务模板", key="tasks")
    return [_task(path, n, entry) for n, entry in enumerate(entries, 1)]

def _task(path: Path, number: int, entry: dict) -> TaskTemplate:
    try:
        task = TaskTemplate(
            phase=str(entry["phase"]),
            title=str(entry["title"]),
            standard=str(entry.get("standard", "")),
            owner=str(entry.get("owner", "")),
            due=int(entry.get("due", 0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RdplannerError(f"任务模板 {path} 第 {number} 项缺少或填错字段：{entry_reason(exc)}") from exc
    if task.phase not in PHASES:
        raise RdplannerError(f"任务模板 {path} 第 {number} 项的阶段“{task.phase}”应为 before、during 或 after")
    return task
