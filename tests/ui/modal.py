"""Driving a real modal dialog from a test: ``on_modal(kind, act)`` waits (on a QTimer) for the next
modal dialog of ``kind`` to be shown by its ``exec()`` and calls ``act(dialog)``, which fills it in and
accepts or rejects it. A failing ``act`` closes the dialog (so the test never hangs) and is re-raised by
``check()``; ``check()`` also fails when no such dialog was opened."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


class ModalDriver:
    def __init__(self, kind: type, act) -> None:
        self.kind, self.act = kind, act
        self.seen: list[QDialog] = []
        self.error: BaseException | None = None
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, self.kind) or not widget.isVisible():
            return
        self.timer.stop()
        self.seen.append(widget)
        try:
            self.act(widget)
        except BaseException as exc:  # noqa: BLE001 — re-raised by check()
            self.error = exc
            widget.close()
            if isinstance(widget, QDialog):
                widget.reject()

    def check(self) -> QDialog:
        self.timer.stop()
        if self.error is not None:
            raise self.error
        assert self.seen, f"no {self.kind.__name__} was opened"
        return self.seen[0]


def on_modal(kind: type, act) -> ModalDriver:
    return ModalDriver(kind, act)
