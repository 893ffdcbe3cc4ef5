"""Writing a PDF document whose texts hold characters the print fonts lack: the officer is asked, and may
print it anyway with each such character as 〓 (then told which texts to complete by hand).

The export runs as a background task (ui.tasks); refusing stays the default, so nothing is printed with
marks unless the officer pressed 仍然导出.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from rdplanner.errors import RdplannerError
from rdplanner.exports.glyph_marks import MARK, GlyphMarks
from rdplanner.progress import IsCancelled, Progress
from ui import tasks

# work(progress, cancelled, marks): marks is None on the first try (refuse missing glyphs), else a GlyphMarks
MarkableWork = Callable[[Progress, IsCancelled, GlyphMarks | None], Any]
ANYWAY = "仍然导出"


def run_markable_export(parent: QWidget, title: str, work: MarkableWork, *, what: str,
                        done: Callable[[Any], None], failed: Callable[[BaseException], None],
                        declined: Callable[[], None] = lambda: None) -> None:
    """Run ``work`` as a task; if the fonts lack characters of its texts, ask whether to print them as 〓.

    Args:
        title: the progress dialog's label. what: the document's name (座次图, 签到表…) for the notice.
        done: called with the result of a finished export, after the notice of the marked texts (if any),
            so that a print preview opened by ``done`` shows the document the notice speaks of.
        failed: called with any other error (and with errors of the marked export).
        declined: called when the officer chose 取消 (nothing was written).
    """

    def refused(error: BaseException) -> None:
        if not (isinstance(error, RdplannerError) and error.code == "missing_glyphs"):
            failed(error)
            return
        if not ask_print_marked(parent, error):
            declined()
            return
        marks = GlyphMarks()
        tasks.run_task(parent, title, lambda progress, cancelled: work(progress, cancelled, marks),
                       done=lambda made: _marked_done(parent, marks, what, made, done), failed=failed)

    tasks.run_task(parent, title, lambda progress, cancelled: work(progress, cancelled, None),
                   done=done, failed=refused)


def ask_print_marked(parent: QWidget | None, error: RdplannerError) -> bool:
    """Show the texts and characters the fonts lack (with their U+ codes); True if 仍然导出 was chosen.

    取消 is the default button: pressing Enter does not print marks.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, "打印字体缺字", str(error), parent=parent)
    box.setInformativeText(f"选择「{ANYWAY}」，这些字将印成“{MARK}”，导出后会列出这些文字，请在打印件上"
                           "手写补上；选择「取消」则不导出。")
    anyway = box.addButton(ANYWAY, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is anyway


def show_marked_texts(parent: QWidget | None, text: str) -> None:
    """Tell the officer which texts carry a mark, to be written in by hand."""
    QMessageBox.information(parent, "请手写补字", text)


def _marked_done(parent: QWidget, marks: GlyphMarks, what: str, made: Any,
                 done: Callable[[Any], None]) -> None:
    if marks.texts:
        show_marked_texts(parent, marks.summary(what))
    done(made)
