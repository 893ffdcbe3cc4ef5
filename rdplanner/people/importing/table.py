"""Reading a roster file into a RawTable: every cell as the text Excel shows, whatever the format.

The format is chosen from the file's first bytes, not its name, so a CSV saved as .xls or a
workbook saved as .csv still reads; a binary file renamed .xlsx gets a clear message instead.
"""

import logging
import math
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple

from rdplanner.os_errors import os_reason
from rdplanner.people.importing.errors import ImportCancelled, ImportFileError
from rdplanner import progress as job
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 99_999
MAX_COLUMNS = 64  # A to BL; with MAX_ROWS this bounds a hostile sheet to about 300 MB
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")

log = logging.getLogger("rdplanner.import")


class CellRange(NamedTuple):
    """A merged block of cells, 0-based and inclusive."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class RawTable:
    """One sheet as text: ``rows[i][j]`` is row i+1, column j (0 = A) exactly as Excel shows it.

    A merged block keeps its value in its top-left cell only (as Excel stores it); ``merged`` lists
    the blocks. ``bad_cells`` maps (row, column) to why a cell has no trustworthy value (a formula
    saved without its result, an error value such as #N/A); such a cell reads as "".
    """

    file_name: str
    rows: tuple[tuple[str, ...], ...]
    sheet_name: str = ""
    merged: tuple[CellRange, ...] = ()
    bad_cells: Mapping[tuple[int, int], str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> str:
        """Return the text of a cell ("" outside the table)."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


def column_letter(col: int) -> str:
    """Return the Excel column letters of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(
    path: str | Path,
    *,
    sheet: str = "",
    progress: Progress = no_progress,
    cancelled: IsCancelled = not_cancelled,
) -> RawTable:
    """Read the first non-empty visible sheet (or ``sheet``) of an .xlsx, .xls or .csv file.

    Raises:
        ImportFileError: the file is missing, empty, too large, damaged or not a table; the
            message names the file. ImportCancelled if ``cancelled()`` turned true.
    """
    path = Path(path)
    head = _head(path)
    try:
        table = _dispatch(path, head, sheet=sheet, progress=progress, cancelled=cancelled)
    except (ImportFileError, ImportCancelled):
        raise
    except Exception as exc:  # third-party parsers raise arbitrary types on malformed input
        raise unreadable_workbook(path.name, f"{type(exc).__name__}: {exc}") from exc
    if not any(any(cell for cell in row) for row in table.rows):
        raise ImportFileError(f"文件 {path.name} 中没有任何内容（空表）。", file=path.name)
    progress(1.0)
    return table


def unreadable_workbook(name: str, detail: str) -> ImportFileError:
    """The error for a file a parser refused: what is wrong in Chinese; the parser's own text is logged."""
    log.warning("cannot read %s: %s", name, detail[:300])
    return ImportFileError(
        f"无法读取文件 {name}：文件已损坏或不是有效的 Excel 工作簿（也可能是其他格式的文件改了扩展名）。"
        "请用 Excel 打开后另存为 .xlsx 再导入。",
        file=name,
    )


def _head(path: Path) -> bytes:
    try:
        info = path.stat()
        _require_regular(path, info.st_mode)
        head = _read_head(path)
    except FileNotFoundError:
        raise ImportFileError(f"找不到文件 {path}。", file=path.name) from None
    except OSError as exc:
        raise ImportFileError(f"无法打开文件 {path.name}：{os_reason(exc)}。", file=path.name) from exc
    if info.st_size == 0:
        raise ImportFileError(f"文件 {path.name} 是空的（0 字节）。", file=path.name)
    if info.st_size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"文件 {path.name} 过大（{info.st_size / 1024 / 1024:.0f} MB），"
            f"名单文件最多 {MAX_FILE_BYTES // 1024 // 1024} MB。",
            file=path.name,
        )
    return head


def _require_regular(path: Path, mode: int) -> None:
    # Opening a FIFO blocks until something writes to it, and a device never ends: refuse both
    # before anything opens the path (the dialog and the command line would hang for ever).
    if stat.S_ISDIR(mode):
        raise ImportFileError(f"{path.name} 是文件夹，不是名单文件。", file=path.name)
    if not stat.S_ISREG(mode):
        raise ImportFileError(
            f"{path.name} 不是普通文件（可能是管道、设备或套接字），无法作为名单导入。"
            "请选择 .xlsx、.xls 或 .csv 文件。",
            file=path.name,
        )


def _read_head(path: Path) -> bytes:
    # O_NONBLOCK: should the path have been swapped for a FIFO since the stat, open does not wait.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        _require_regular(path, os.fstat(handle.fileno()).st_mode)
        return handle.read(8)


def _dispatch(path: Path, head: bytes, *, sheet: str, progress: Progress, cancelled: IsCancelled) -> RawTable:
    from rdplanner.people.importing import csvfile, workbook

    if head.startswith(ZIP_MAGIC):
        return workbook.read_xlsx(path, sheet=sheet, progress=progress, cancelled=cancelled)
    if head.startswith(OLE_MAGIC):
        return workbook.read_xls(path, sheet=sheet, progress=progress, cancelled=cancelled)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        csvfile.refuse_fake_workbook(path)
    return csvfile.read_csv(path, progress=progress, cancelled=cancelled)


def cell_text(value: object) -> str:
    """Return a cell value as the text Excel shows in a General-format cell.

    Whole numbers print without ".0"; numbers of 16 digits or more have lost digits in Excel
    (it keeps 15 significant digits), so they print as Excel shows them, e.g. 3.30102E+17, and the
    checks downstream can say so instead of importing a wrong ID number.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else _scientific(float(value))
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time() else value.strftime("%Y-%m-%d")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _number_text(value: float) -> str:
    if not math.isfinite(value):
        return ""
    if value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else _scientific(value)
    return format(value, ".15g")


def _scientific(value: float) -> str:
    mantissa, exponent = f"{value:.5E}".split("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent):02d}"


def check_cancelled(cancelled: IsCancelled) -> None:
    """Raise ImportCancelled if the user asked to stop."""
    job.check_cancelled(cancelled, ImportCancelled)


def finish_rows(raw_rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    """Drop trailing empty rows and trailing empty cells of each row."""
    rows = [tuple(_trim(r)) for r in raw_rows]
    while rows and not rows[-1]:
        rows.pop()
    return tuple(rows)


def _trim(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]
