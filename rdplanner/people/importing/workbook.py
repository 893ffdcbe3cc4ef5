"""Reading Excel workbooks: .xlsx with python-calamine (after xlsxbounds' checks, in a child process),
legacy .xls with xlrd.

xlrd rather than calamine for .xls: calamine allocates the whole 65,536 × 256 grid (about 1 GB)
when a hostile or careless .xls has a value in its last cell, while xlrd with ragged rows keeps
only the cells that exist. .xls files are small, so xlrd's speed (0.2 s for 10,000 rows) is enough.
"""

import zipfile
from pathlib import Path

from rdplanner.people.importing import xlsxbounds, xlsxchild, xlsxscan
from rdplanner.people.importing.errors import ImportFileError
from rdplanner.people.importing.table import (
    MAX_COLUMNS,
    MAX_ROWS,
    CellRange,
    RawTable,
    cell_text,
    check_cancelled,
    column_letter,
    finish_rows,
)
from rdplanner.progress import IsCancelled, Progress


def read_xlsx(path: Path, *, sheet: str, progress: Progress, cancelled: IsCancelled) -> RawTable:
    """Read one sheet of an .xlsx (see read_table): bounded by xlsxbounds, then read by calamine in
    a child process (xlsxchild) so that not even an unforeseen file can abort the app."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise _damaged(name) from exc
    with archive:
        xlsxscan.check_sizes(archive, name)
        chosen, others, xml = _choose_sheet(archive, name, sheet)
        _check_bounds(archive, name, chosen, xml)
        bad = xlsxscan.bad_cells(xml)
    del xml
    progress(0.2)
    check_cancelled(cancelled)
    grid, ranges = xlsxchild.read_sheet(path, chosen.name, cancelled=cancelled)
    merged = _merged(ranges, (len(grid), max(map(len, grid), default=0)), name, chosen.name)
    progress(0.6)
    rows = _text_rows(grid, cancelled)
    return RawTable(name, rows, sheet_name=chosen.name, merged=merged, bad_cells=bad,
                    notes=_other_sheets_note(chosen.name, others))


def read_xls(path: Path, *, sheet: str, progress: Progress, cancelled: IsCancelled) -> RawTable:
    """Read one sheet of a legacy .xls (see read_table)."""
    import xlrd

    name = path.name
    try:
        book = _open_xls(path)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ImportFileError(f"文件 {name} 设置了打开密码，请去掉密码后再导入。", file=name) from exc
        raise _damaged(name) from exc
    try:
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
        shown = [s for s in sheets if s.visibility == 0]
        chosen = _pick(shown or sheets, sheet, name, has_cells=lambda s: s.nrows > 0)
        progress(0.4)
        if chosen.nrows > MAX_ROWS + 1:
            raise _too_large(name, chosen.name)
        check_xls_cells(chosen, name)
        grid = [[_xls_value(chosen, book, r, c) for c in range(min(chosen.row_len(r), MAX_COLUMNS))]
                for r in range(chosen.nrows)]
        ranges = [((r0, c0), (r1 - 1, c1 - 1)) for r0, r1, c0, c1 in chosen.merged_cells]
        merged = _merged(ranges, (len(grid), max(map(len, grid), default=0)), name, chosen.name)
    finally:
        book.release_resources()
    progress(0.6)
    rows = _text_rows(grid, cancelled)
    others = [s.name for s in shown if s is not chosen]
    return RawTable(name, rows, sheet_name=chosen.name, merged=merged,
                    notes=_other_sheets_note(chosen.name, others))


def _check_bounds(archive: zipfile.ZipFile, name: str, chosen: xlsxscan.SheetPart, xml: bytes) -> None:
    """Refuse, before calamine sees it, a workbook whose grid or text would not fit in memory."""
    workbook, relationships = xlsxscan.workbook_relationships(archive, name)
    strings = xlsxbounds.companion_parts(archive, workbook, relationships, "sharedStrings")
    sizes = xlsxbounds.shared_string_sizes(archive, strings, name)
    xlsxbounds.measure_sheet(xml, sizes, file_name=name, sheet_name=chosen.name, part=chosen.part)
    styles = xlsxbounds.companion_parts(archive, workbook, relationships, "styles")
    xlsxbounds.check_unpacked(archive, ["[Content_Types].xml", *styles], name)


def _merged(ranges, extent: tuple[int, int], name: str, sheet: str) -> tuple[CellRange, ...]:
    """Return the merged blocks clipped to the cells read. The scan bounded the cells, not the
    merges: one <mergeCell ref="A1:XFD1048576"/> would keep the column detection busy for ever.

    Raises:
        ImportFileError if the blocks together cover more than xlsxbounds.MAX_CELLS cells.
    """
    blocks = []
    area = 0
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= extent[0] or c0 >= extent[1]:
            continue
        block = CellRange(r0, c0, min(r1, extent[0] - 1), min(c1, extent[1] - 1))
        area += (block.last_row - block.first_row + 1) * (block.last_col - block.first_col + 1)
        if area > xlsxbounds.MAX_CELLS:
            raise ImportFileError(
                f"文件 {name} 的工作表“{sheet}”合并单元格过多（合计超过 {xlsxbounds.MAX_CELLS:,} 格），"
                "无法作为名单导入。请取消无关的合并后再导入。",
                file=name,
            )
        blocks.append(block)
    return tuple(blocks)


def _open_xls(path: Path):
    import xlrd

    try:
        return xlrd.open_workbook(str(path), ragged_rows=True, formatting_info=True, on_demand=True)
    except NotImplementedError:
        # xlrd reads merged cells only with formatting_info, which very old BIFF versions lack.
        return xlrd.open_workbook(str(path), ragged_rows=True, on_demand=True)


def _choose_sheet(
    archive: zipfile.ZipFile, name: str, sheet: str
) -> tuple[xlsxscan.SheetPart, list[str], bytes]:
    parts = xlsxscan.worksheets(archive, name)
    shown = [p for p in parts if p.visible] or parts
    contents: dict[str, bytes] = {}

    def has_cells(part: xlsxscan.SheetPart) -> bool:
        contents.setdefault(part.part, xlsxscan.read_part(archive, part.part, name))
        return xlsxscan.has_cells(contents[part.part])

    chosen = _pick(shown, sheet, name, has_cells=has_cells)
    xml = contents.get(chosen.part) or xlsxscan.read_part(archive, chosen.part, name)
    others = [p.name for p in shown if p is not chosen]
    return chosen, others, xml


def _pick(sheets: list, wanted: str, name: str, *, has_cells) -> object:
    """Return the sheet named ``wanted``, else the first that has cells, else the first."""
    if not sheets:
        raise ImportFileError(f"文件 {name} 中没有工作表。", file=name)
    if wanted:
        for sheet in sheets:
            if sheet.name == wanted:
                return sheet
        listed = "、".join(f"“{s.name}”" for s in sheets)
        raise ImportFileError(f"文件 {name} 中没有名为“{wanted}”的工作表（有：{listed}）。", file=name)
    return next((s for s in sheets if has_cells(s)), sheets[0])


def check_xls_cells(sheet, name: str) -> None:
    """Refuse an .xls sheet holding more than xlsxbounds.MAX_CELLS cells, or a value past the last
    column. BIFF blank-run records make millions of styled blank cells in a few KB, each of which
    would cost a Python call below; columns past the last are never read.

    Raises:
        ImportFileError naming the file (and the far cell).
    """
    if sum(sheet.row_len(row) for row in range(sheet.nrows)) > xlsxbounds.MAX_CELLS:
        raise ImportFileError(
            f"文件 {name} 的工作表“{sheet.name}”单元格超过 {xlsxbounds.MAX_CELLS:,} 个，无法作为名单导入。",
            file=name,
        )
    _check_xls_columns(sheet, name)


def _check_xls_columns(sheet, name: str) -> None:
    for row in range(sheet.nrows):
        for col in range(MAX_COLUMNS, sheet.row_len(row)):
            if str(sheet.cell_value(row, col)).strip():
                raise ImportFileError(
                    f"文件 {name} 的工作表“{sheet.name}”在单元格 {column_letter(col)}{row + 1} 有内容，"
                    f"超出名单的最大列数（{MAX_COLUMNS} 列，即 A 至 {column_letter(MAX_COLUMNS - 1)} 列）。"
                    "请删除该处的无关内容后再导入。",
                    file=name,
                )


def _xls_value(sheet, book, row: int, col: int) -> object:
    import xlrd

    cell = sheet.cell(row, col)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#VALUE!")
    return cell.value


def _text_rows(grid: list[list[object]], cancelled: IsCancelled) -> tuple[tuple[str, ...], ...]:
    rows = []
    for index, row in enumerate(grid):
        if index % 2000 == 0:
            check_cancelled(cancelled)
        rows.append([cell_text(value) for value in row])
    return finish_rows(rows)


def _other_sheets_note(chosen: str, others: list[str]) -> tuple[str, ...]:
    if not others:
        return ()
    listed = "、".join(f"“{n}”" for n in others)
    return (f"已读取工作表“{chosen}”；其他工作表 {listed} 未读取，如需导入请另行选择。",)


def _damaged(name: str) -> ImportFileError:
    return ImportFileError(
        f"文件 {name} 不是有效的 Excel 工作簿：可能已损坏、设置了打开密码，或是其他格式的文件改了扩展名。"
        "请用 Excel 打开后另存为 .xlsx 再导入。",
        file=name,
    )


def _too_large(name: str, sheet: str) -> ImportFileError:
    return ImportFileError(f"文件 {name} 的工作表“{sheet}”超过 {MAX_ROWS} 行，无法作为名单导入。", file=name)
