"""Background tasks: work runs off the GUI thread and its result or error comes back on it."""

import threading

from PySide6.QtWidgets import QWidget

from ui.tasks import run_task


def test_run_task_delivers_result_on_gui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def work(progress, cancelled):
        progress(0.5)
        return threading.current_thread().name

    run_task(parent, "测试", work, done=lambda value: seen.update(worker=value,
                                                                 gui=threading.current_thread().name),
             failed=lambda error: seen.update(error=error))
    qtbot.waitUntil(lambda: "worker" in seen or "error" in seen)
    assert seen["worker"] == "rdplanner-task"
    assert seen["gui"] == threading.main_thread().name


def test_run_task_delivers_error(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []

    def work(progress, cancelled):
        raise ValueError("坏文件")

    run_task(parent, "测试", work, done=lambda value: seen.append(value), failed=lambda error: seen.append(error))
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0], ValueError)
