"""Exporting or printing any document of the registry: ask its options (ui.documents.dialog), write it
through rdplanner.planning.write_document off the GUI thread (a markable PDF asks about missing glyphs,
see ui.marked_export), then say 已导出 or open the print preview of that same PDF."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from rdplanner.domain import Document
from rdplanner.planning import write_document
from rdplanner.progress import Cancelled
from rdplanner.registry import documents
from ui import tasks
from ui.dialogs import ask_save_path, report_failure, show_error
from ui.documents.dialog import PRINT, DocumentChoice, ask_document
from ui.hub import Hub
from ui.marked_export import run_markable_export

CANCELLED = "已取消，未生成文件。"


@dataclass(frozen=True)
class _Export:
    """One export under way: where it goes and how to tell the officer."""

    widget: QWidget
    document: Document
    path: Path
    printing: bool
    message: Callable[[str], None]


def export_document(widget: QWidget, hub: Hub, kind: str, event_id: int, *,
                    defaults: Mapping[str, Any] | None = None, extra: Mapping[str, Any] | None = None,
                    message: Callable[[str], None], suffix: str | None = None,
                    confirm: Callable[[DocumentChoice], bool] | None = None) -> None:
    """Ask the options of the document ``kind``, then write it to a file or print it through a preview.

    Args:
        defaults: option presets from the caller's screen (the seat map's viewpoint); they win over the
            document's own defaults for the event (the cards' scope).
        extra: writer arguments that are no option the officer picks (the sign-in sheet's sitting_id).
        message: shows a line on the caller's page (已导出…, 已取消…).
        suffix: the file type preselected in the dialog.
        confirm: asked after the dialog (a sensitive export's warning); False stops there.
    """
    document = documents()[kind]
    preset = {**_event_defaults(hub, document, event_id), **(defaults or {})}
    choice = ask_document(widget, document, preset, suffix)
    if choice is None or (confirm is not None and not confirm(choice)):
        return
    if choice.action == PRINT:
        path = Path(tempfile.mkdtemp(prefix="rdplanner-print-")) / f"{document.title}.pdf"
    else:
        name = document.title + choice.suffix
        chosen = ask_save_path(widget, widget.tr("导出%1").replace("%1", document.title), name, choice.suffix)
        if not chosen:
            return
        path = Path(chosen)
    job = _Export(widget, document, path, choice.action == PRINT, message)
    _run(job, hub, event_id, {**choice.options, **(extra or {})})


def _event_defaults(hub: Hub, document: Document, event_id: int) -> dict[str, Any]:
    defaults = document.event_defaults()
    return dict(hub.read(defaults, event_id)) if defaults is not None else {}


def _run(job: _Export, hub: Hub, event_id: int, options: dict[str, Any]) -> None:
    """Write the document on the worker thread; runs ``_written`` or ``_failed`` on the GUI thread."""
    kind, path = job.document.kind, job.path
    title = job.widget.tr("正在生成%1……").replace("%1", job.document.title)

    def work(progress, cancelled, marks=None):  # on the worker thread: never touch widgets
        markable = {"marks": marks} if job.document.markable else {}
        return hub.read(write_document, kind=kind, event_id=event_id, path=path, progress=progress,
                        cancelled=cancelled, **options, **markable)

    done, failed = (lambda made: _written(job, Path(made))), (lambda error: _failed(job, error))
    if job.document.markable:
        run_markable_export(job.widget, title, work, what=job.document.title, done=done, failed=failed,
                            declined=lambda: _declined(job))
    else:
        tasks.run_task(job.widget, title, work, done=done, failed=failed)


def _declined(job: _Export) -> None:
    job.message(job.widget.tr(CANCELLED))
    _discard(job)


def _discard(job: _Export) -> None:
    if job.printing:
        shutil.rmtree(job.path.parent, ignore_errors=True)


def _failed(job: _Export, error: BaseException) -> None:
    _discard(job)
    if isinstance(error, Cancelled):  # the officer pressed 取消: nothing was written
        job.message(job.widget.tr(CANCELLED))
        return
    report_failure(job.widget, error, job.widget.tr("导出失败"))


def _written(job: _Export, path: Path) -> None:
    if not job.printing:
        job.message(job.widget.tr("已导出：%1").replace("%1", str(path)))
        return
    from ui.documents.printing import preview_pdf  # pypdfium2: not at start-up

    try:
        dialog = preview_pdf(job.widget, path, job.document.title)
    except OSError as exc:
        show_error(job.widget, str(exc))
        _discard(job)
        return
    try:
        dialog.exec()
    finally:
        dialog.document.close()
        _discard(job)
