"""Exporting and printing the seating page's documents (座次图, 席卡, 对号入座名单): the options dialog,
the file written by the core off the GUI thread (a name the print fonts lack asks 仍然导出 / 取消, see
ui.marked_export), and the print preview of that same PDF."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rdplanner.progress import Cancelled
from ui.dialogs import ask_save_path, ask_yes_no, report_failure, show_error
from ui.marked_export import run_markable_export
from ui.seating.export_dialog import TITLES, ExportChoice, ask_export_options

if TYPE_CHECKING:
    from ui.seating.seat_map_page import SeatMapPage


def export_document(page: SeatMapPage, kind: str) -> None:
    """Ask the options, then write the document to a file or print it through a preview."""
    if page.view_data is not None and not page.view_data.assignments:
        if not ask_yes_no(page, page.tr("尚未排座"), page.tr("本活动还没有排座。是否先自动排座再导出？")):
            return
        page.auto_seat()
        if not page.view_data.assignments:
            return
    from rdplanner.seating.documents import default_card_scope

    defaults = {}
    if kind == "seatmap":
        defaults = {"viewpoint": page.viewpoint.currentData()}
    elif kind == "cards":  # everyone at a boardroom or banquet table, else the rostrum
        defaults = {"card_scope": page._hub.read(default_card_scope, page._event_id)}
    choice = ask_export_options(page, kind, **defaults)
    if choice is None:
        return
    if choice.action == "print":
        folder = Path(tempfile.mkdtemp(prefix="rdplanner-print-"))
        _write(page, kind, choice, folder / f"{TITLES[kind]}.pdf", printing=True)
        return
    path = ask_save_path(
        page, page.tr("导出") + TITLES[kind], TITLES[kind] + choice.suffix, choice.suffix
    )
    if path:
        _write(page, kind, choice, Path(path), printing=False)


def _write(page: SeatMapPage, kind: str, choice: ExportChoice, path: Path, *, printing: bool) -> None:
    from rdplanner.seating import documents

    service = {
        "seatmap": documents.export_seatmap,
        "cards": documents.export_cards,
        "seatlist": documents.export_seatlist,
    }[kind]
    event_id, options = page._event_id, choice.options

    def work(progress, cancelled, marks):
        return page._hub.read(
            service, event_id=event_id, path=path, marks=marks, progress=progress, cancelled=cancelled,
            **options
        )

    def declined() -> None:
        page.message.setText(page.tr("已取消，未生成文件。"))
        if printing:
            shutil.rmtree(path.parent, ignore_errors=True)

    run_markable_export(
        page,
        page.tr("正在生成%1……").replace("%1", TITLES[kind]),
        work,
        what=TITLES[kind],
        done=lambda made: _written(page, kind, Path(made), printing),
        failed=lambda error: _export_failed(page, error),
        declined=declined,
    )


def _export_failed(page: SeatMapPage, error: BaseException) -> None:
    if isinstance(error, Cancelled):  # the officer pressed 取消: nothing was written
        page.message.setText(page.tr("已取消，未生成文件。"))
        return
    report_failure(page, error, page.tr("导出失败"))


def _written(page: SeatMapPage, kind: str, path: Path, printing: bool) -> None:
    if not printing:
        page.message.setText(page.tr("已导出：%1").replace("%1", str(path)))
        return
    from ui.seating.printing import preview_pdf

    try:
        dialog = preview_pdf(page, path, TITLES[kind])
    except OSError as exc:
        show_error(page, str(exc))
        return
    try:
        dialog.exec()
    finally:
        dialog.document.close()
        shutil.rmtree(path.parent, ignore_errors=True)
