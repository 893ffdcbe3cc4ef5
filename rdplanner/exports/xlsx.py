"""Shared helpers of the xlsx writers (openpyxl) and the atomic save every export uses.

User text is always stored as text (a name such as "=HYPERLINK(…)" stays literal); sheets print on A4,
fit to width, with repeated header rows and "第 N 页 共 M 页" footers. ``atomic_output`` is shared by the PDF
writers too: a file is written beside its target and moved into place only when complete.
"""

from __future__ import annotations

import errno
import math
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from rdplanner.exports.errors import ExportCancelled, ExportError  # noqa: F401  (their old home)
from rdplanner.exports.target import database_target_refusal
from rdplanner.os_errors import os_reason

FONT_NAME = "宋体"  # what office PCs have; WPS and Excel substitute a CJK font where it is missing
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
PAGE_FOOTER = "第 &P 页 共 &N 页"
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BODY_ALIGNMENTS = {"center": _HEADER_ALIGNMENT,
                    "left": Alignment(horizontal="left", vertical="center", wrap_text=True)}


def set_text(cell: Cell, value: object) -> Cell:
    """Store ``value`` as text, never as a formula, number or date (so "=1+1" and "0571…" stay as typed).

    Characters Excel cannot store (control characters) are dropped rather than failing the export.
    """
    text = "" if value is None else str(value)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"  # openpyxl turns any string starting with "=" into a formula otherwise
    return cell


def text_width(text: str) -> int:
    """Return the width of ``text`` in Excel column units: a CJK (wide) character counts 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def style_header(cells: Sequence[Cell], *, size: int = 11) -> None:
    """Make ``cells`` a table header: bold, centred, shaded, boxed, wrapped."""
    for cell in cells:
        _apply_style(cell, f"表头 {size}号", lambda name: NamedStyle(
            name=name, font=_font(size, bold=True), alignment=_HEADER_ALIGNMENT, fill=HEADER_FILL,
            border=BOX))


def style_body(cells: Sequence[Cell], *, size: int = 11, center: Sequence[int] = ()) -> None:
    """Box and wrap table cells; the cells at positions ``center`` are centred, the others left-aligned."""
    for index, cell in enumerate(cells):
        horizontal = "center" if index in center else "left"
        label = "居中" if horizontal == "center" else "左对齐"
        _apply_style(cell, f"正文 {size}号 {label}", lambda name, h=horizontal: NamedStyle(
            name=name, font=_font(size), alignment=_BODY_ALIGNMENTS[h], border=BOX))


def _apply_style(cell: Cell, name: str, build: Callable[[str], NamedStyle]) -> None:
    """Give ``cell`` the workbook's named style ``name``, adding it (``build(name)``) on first use.

    A named style is one shared entry that each cell points at: building a Font and an Alignment per cell
    and letting openpyxl hash them into its style tables took most of a large roster export's time.
    """
    workbook = cell.parent.parent
    if name not in workbook.named_styles:
        workbook.add_named_style(build(name))
    cell.style = name


@lru_cache(maxsize=64)
def _font(size: float, bold: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold)


def write_title(ws: Worksheet, row: int, text: str, columns: int, *, size: int = 16, bold: bool = True,
                height: float = 30) -> None:
    """Write ``text`` centred across ``columns`` columns of ``row`` (merged)."""
    cell = set_text(ws.cell(row=row, column=1), text)
    cell.font = Font(name=FONT_NAME, size=size, bold=bold)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if columns > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[row].height = height


def write_row(ws: Worksheet, row: int, values: Sequence[object]) -> list[Cell]:
    """Write ``values`` into ``row`` from column A: ints and finite floats (amounts in yuan) as numbers,
    everything else as text."""
    cells = []
    for col, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=col)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            cell.value = value
        else:
            set_text(cell, value)
        cells.append(cell)
    return cells


def set_column_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    """Set the widths of columns A, B, … in Excel units (text_width gives the units of a text)."""
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width


def fit_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], *, minimum: Sequence[float],
               maximum: float = 40) -> list[float]:
    """Return column widths wide enough for the headers and values, within [minimum, maximum]."""
    widths = [max(minimum[i], text_width(h) + 2) for i, h in enumerate(headers)]
    for values in rows:
        for i, value in enumerate(values):
            widths[i] = max(widths[i], min(maximum, text_width(str(value)) + 2))
    return widths


def row_height(values: Sequence[object], widths: Sequence[float], *, minimum: float = 18,
               line: float = 15) -> float:
    """Return a row height (points) tall enough for its wrapped cells: spreadsheet programs do not grow
    a row that a file gives no height, so long units would overlap the next row.

    Args:
        values: the row's values, one per column.
        widths: the columns' widths in Excel units.
        minimum: the least height (a signature row asks for more).
        line: the height of one wrapped line of 11-point text.
    """
    lines = 1
    for value, width in zip(values, widths, strict=True):
        per_line = max(1, int(width) - 1)  # a little less than the width: cells have padding
        lines = max(lines, -(-text_width(str(value)) // per_line))
    return max(minimum, lines * line + 4)


def setup_print(ws: Worksheet, *, header_rows: str, freeze: str, landscape: bool = False,
                gridlines: bool = False) -> None:
    """Print on A4, all columns on one page width, ``header_rows`` (e.g. "3:3") on every page.

    Args:
        ws: the sheet.
        header_rows: the rows repeated at the top of every printed page.
        freeze: the top-left cell of the scrolling area (rows above it stay visible).
        landscape: print across the page.
        gridlines: print the grid as well as the cell borders.
    """
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = gridlines
    ws.print_title_rows = header_rows
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.oddFooter.center.text = PAGE_FOOTER
    ws.oddFooter.center.size = 10
    ws.freeze_panes = freeze


def new_sheet(title: str) -> tuple[Workbook, Worksheet]:
    """Return a new workbook and its only sheet, named ``title`` (cut to Excel's 31 characters)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet1"
    return workbook, sheet


def save_workbook(workbook: Workbook, path: str | os.PathLike[str], *, private: bool = False) -> Path:
    """Save atomically to ``path`` (0600 if ``private``) and return it. Raises ExportError naming the file."""
    with atomic_output(path, private=private) as stream:
        _write_workbook(workbook, stream)
    return Path(path)


def _write_workbook(workbook: Workbook, stream: BinaryIO) -> None:
    """``workbook.save(stream)``, closing the zip on failure too.

    openpyxl leaves its ZipFile open when a write fails (a full disk): collected later, after the stream
    is closed, it prints "Exception ignored in ZipFile.__del__" and a traceback on stderr.
    """
    archive = ZipFile(stream, "w", ZIP_DEFLATED, allowZip64=True)
    workbook.properties.modified = datetime.now(tz=timezone.utc).replace(tzinfo=None)
    try:
        ExcelWriter(workbook, archive).save()
    except BaseException:
        try:
            archive.close()  # its end record may fail too; either way the zip lets go of the stream
        except (OSError, ValueError):
            pass
        raise


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask can only be read by setting it, which is not safe on worker threads.
_UMASK = _read_umask()


@contextmanager
def atomic_output(path: str | os.PathLike[str], *, private: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary file beside ``path``; on success it replaces ``path``, on failure it is removed.

    A ``private`` document (full ID numbers) stays readable by its owner only (0600).

    A full disk, a read-only folder or an exception in the writer therefore leaves the previous file (if
    any) untouched and no half-written file behind.

    Raises:
        ExportError: the file could not be written or moved into place (message names the file), or
            ``path`` is a database (exports.target): nothing is written then.
    """
    target = Path(path)
    refusal = database_target_refusal(target)
    if refusal is not None:
        raise ExportError(refusal, path=str(target))
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".~{target.stem[:40]}-", suffix=".tmp",
                                             dir=target.parent if str(target.parent) else ".")
    except OSError as exc:
        raise _export_error(target, exc) from exc
    try:
        with os.fdopen(handle, "w+b") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if not private:
            os.chmod(temp_name, 0o666 & ~_UMASK)  # mkstemp makes 0600; a document is an ordinary file
        os.replace(temp_name, target)
    except OSError as exc:
        _remove_quietly(temp_name)
        raise _export_error(target, exc) from exc
    except BaseException:
        _remove_quietly(temp_name)
        raise


def run_atomic(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(stream)`` inside ``atomic_output(path)``; return the path."""
    with atomic_output(path) as stream:
        write(stream)
    return Path(path)


def _export_error(target: Path, exc: OSError) -> ExportError:
    if exc.errno == errno.ENOSPC:
        why = "磁盘空间不足"
    elif exc.errno == errno.EROFS:
        why = "磁盘或文件夹是只读的"
    elif exc.errno == errno.ENOENT:
        why = "文件夹不存在"
    elif isinstance(exc, PermissionError):
        why = "没有写入权限，或该文件正被其他程序（如 Excel、WPS）打开"
    else:
        why = os_reason(exc)  # never the system's English strerror
    message = (f"无法保存文件“{target.name}”（{target.parent}）：{why}。"
               "原有文件未被改动，请换个位置或关闭占用的程序后重试。")
    return ExportError(message, path=str(target), errno=exc.errno)


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
