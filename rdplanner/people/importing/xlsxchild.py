"""Run python-calamine on an untrusted .xlsx in a child process with a memory limit.

Why: calamine aborts its whole process (no Python exception) when an allocation fails. The
bounds of xlsxbounds refuse every hostile shape known, and this is the second wall for the ones
not yet known: the child dies instead of the app, and the user gets one clear line. Costs about
0.1 s per workbook (a fresh interpreter that imports only calamine), measured on a 1,000-row roster.
"""

import pickle
import subprocess
import sys
from pathlib import Path

from rdplanner.people.importing.errors import ImportFileError
from rdplanner.people.importing.table import check_cancelled, unreadable_workbook
from rdplanner.progress import IsCancelled

MEMORY_LIMIT_BYTES = 3 * 1024**3  # address space of the child; bounded sheets need far less
_POLL_SECONDS = 0.2

_CHILD = """
import pickle, sys
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
except (ImportError, ValueError, OSError):
    pass  # Windows has no rlimit: the child still keeps an abort away from the app
from python_calamine import CalamineWorkbook
try:
    with CalamineWorkbook.from_path(sys.argv[1]) as book:
        data = book.get_sheet_by_name(sys.argv[2])
        result = ("ok", data.to_python(skip_empty_area=False), list(data.merged_cell_ranges or ()))
except MemoryError:
    sys.exit(70)
except Exception as exc:
    result = ("error", type(exc).__name__, str(exc)[:300])
pickle.dump(result, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
"""


def read_sheet(path: Path, sheet_name: str, *, cancelled: IsCancelled) -> tuple[list[list[object]], list]:
    """Return the sheet's grid (calamine's to_python, empty area kept) and its merged ranges.

    Raises:
        ImportFileError if the child ran out of memory or died; ImportCancelled if the user
        cancelled while it ran (the child is killed), or if calamine refused the file.
    """
    if getattr(sys, "frozen", False):  # a bundled app has no interpreter to start: read here
        return _read_here(path, sheet_name)
    command = [sys.executable, "-I", "-c", _CHILD, str(path), sheet_name, str(MEMORY_LIMIT_BYTES)]
    no_console = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashes up
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, creationflags=no_console)
    output, errors = _wait(child, cancelled)
    if child.returncode == 1 and b"ModuleNotFoundError" in errors:  # calamine only on a path -I drops
        return _read_here(path, sheet_name)
    if child.returncode != 0 or not output:
        raise ImportFileError(
            f"文件 {path.name} 读取时所需内存超出限制（文件可能已损坏，或含有异常大量的数据），"
            "无法作为名单导入。请用 Excel 打开后另存为 .xlsx 再导入。",
            file=path.name,
        )
    result = pickle.loads(output)
    if result[0] == "error":  # calamine's own error: the same message read_table gives in-process
        raise unreadable_workbook(path.name, f"{result[1]}: {result[2]}")
    return result[1], result[2]


def _wait(child: subprocess.Popen, cancelled: IsCancelled) -> tuple[bytes, bytes]:
    while True:
        try:
            return child.communicate(timeout=_POLL_SECONDS)
        except subprocess.TimeoutExpired:
            if cancelled():
                child.kill()
                child.communicate()
                check_cancelled(cancelled)


def _read_here(path: Path, sheet_name: str) -> tuple[list[list[object]], list]:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as book:
        data = book.get_sheet_by_name(sheet_name)
        return data.to_python(skip_empty_area=False), list(data.merged_cell_ranges or ())
