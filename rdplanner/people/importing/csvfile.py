"""Reading CSV (and tab-separated text) rosters in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16.

Chinese Excel saves "CSV (逗号分隔)" in the system code page, GBK, which GB18030 decodes as a
superset; "CSV UTF-8" adds a BOM; "Unicode 文本" is tab-separated UTF-16 with a BOM.
"""

import codecs
import csv
import io
import itertools
import re
from pathlib import Path

from rdplanner.people.importing.errors import ImportFileError
from rdplanner.people.importing.table import (
    MAX_COLUMNS,
    MAX_ROWS,
    RawTable,
    check_cancelled,
    column_letter,
    finish_rows,
)
from rdplanner.progress import IsCancelled, Progress

DELIMITERS = (",", "\t", ";")
FORMULA_STARTS = ("=", "+", "-", "@")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_csv(path: Path, *, progress: Progress, cancelled: IsCancelled) -> RawTable:
    """Read a delimited text file (see read_table)."""
    name = path.name
    text, encoding = decode(path.read_bytes(), name)
    progress(0.3)
    delimiter = sniff_delimiter(text)
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    first_line = last_start = 1  # where the record being read, and the one read before, start
    try:
        for row in reader:
            if len(rows) % 2000 == 0:
                check_cancelled(cancelled)
            if reader.line_num > first_line:
                _check_swallowed(row, (first_line, reader.line_num), rows, delimiter, name)
            rows.append([_unescape(cell) for cell in row])
            _check_size(rows, name)
            last_start, first_line = first_line, reader.line_num + 1
    except csv.Error as exc:
        raise _unparsable(name, exc, first_line, reader.line_num) from exc
    if rows:
        _check_closed_at_end(text, last_start, delimiter, name)
    note = () if encoding.startswith("utf") else (f"文件按 {encoding.upper()} 编码读取。",)
    return RawTable(name, finish_rows(rows), notes=note)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return the text of ``data`` and the encoding it was read in.

    Raises:
        ImportFileError if the bytes are binary or in no supported encoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data:
        _refuse_stray_nul(data, name)
        raise ImportFileError(
            f"文件 {name} 不是文本文件，也不是 Excel 工作簿，无法作为名单导入。", file=name
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        _refuse_mixed_encoding(data, exc.start, name)
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    raise ImportFileError(
        f"无法识别文件 {name} 的文字编码（既不是 UTF-8，也不是 GBK/GB18030）。"
        "请用 Excel 打开后另存为“CSV UTF-8”或 .xlsx 再导入。",
        file=name,
    )


def sniff_delimiter(text: str) -> str:
    """Return the delimiter used most in the first lines (comma when none is used)."""
    sample = [line for line in text[:20000].splitlines()[:20] if line.strip()]
    counts = {d: sum(line.count(d) for line in sample) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def refuse_fake_workbook(path: Path) -> None:
    """Refuse an .xlsx/.xls that is really a web page; let CSV/tab text through.

    Some government systems export HTML tables named .xls; Excel opens them, this app cannot.

    Raises:
        ImportFileError for HTML or for anything that is not text.
    """
    with path.open("rb") as handle:
        head = handle.read(4096)
    lowered = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if lowered.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta")) or b"<table" in lowered:
        raise ImportFileError(
            f"文件 {path.name} 实际是网页（HTML）格式，不是真正的 Excel 文件。"
            "请用 Excel 打开后另存为 .xlsx 再导入。",
            file=path.name,
        )
    if b"\x00" in head or not _looks_like_text(head):
        raise ImportFileError(
            f"文件 {path.name} 不是有效的 Excel 工作簿：可能已损坏，或是其他格式的文件改了扩展名。"
            "请用 Excel 打开后另存为 .xlsx 再导入。",
            file=path.name,
        )


def _looks_like_text(head: bytes) -> bool:
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut off by the 4 KB sample
                return True
    return False


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            line, col = _place_of(data, exc.start)
            raise ImportFileError(
                f"文件 {name} 标明是 UTF-8 编码，但第 {line} 行 {column_letter(col)} 列有无法识别的字节"
                "（多半是该行按 GBK 等其他编码保存）。请在 Excel 中把整个文件另存为“CSV UTF-8”后再导入。",
                file=name, row=line, field=column_letter(col),
            ) from exc
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"文件 {name} 标明是 {encoding.upper()} 编码，但第 {line} 行附近有无法识别的字节，"
            "文件可能已损坏。",
            file=name, row=line,
        ) from exc


# A stray NUL in an otherwise textual file (a cell pasted from another program) is named by its row; a
# file with more NULs than this share of its bytes is binary (or UTF-16 without a BOM).
STRAY_NUL_SHARE = 0.001
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _refuse_stray_nul(data: bytes, name: str) -> None:
    """Refuse, naming its row and column, a NUL byte in a file that is otherwise UTF-8 or GBK text."""
    if data.count(b"\x00") > max(1, len(data) * STRAY_NUL_SHARE):
        return
    rest = data.replace(b"\x00", b"")
    if not any(_decodes(rest, encoding) for encoding in ("utf-8", "gb18030")):
        return
    line, col = _place_of(data, data.index(b"\x00"))
    raise ImportFileError(
        f"文件 {name} 第 {line} 行 {column_letter(col)} 列含有空字符（NUL，通常是从其他程序复制来的不可见字符）。"
        "请删去该单元格中的不可见字符，或在 Excel 中打开后另存为 .xlsx 再导入。",
        file=name, row=line, field=column_letter(col),
    )


def _refuse_mixed_encoding(data: bytes, bad: int, name: str) -> None:
    """Refuse a UTF-8 file with a row saved in another encoding (GBK), which GB18030 would garble.

    The file counts as UTF-8 when another line holds Chinese text that decodes as UTF-8: GBK text almost
    never does (its byte pairs decode, if at all, to Latin or Arabic letters, not to Chinese).
    """
    utf8_chinese = False
    for raw in data.split(b"\n"):
        if raw.isascii():
            continue
        try:
            utf8_chinese = bool(_CJK.search(raw.decode("utf-8")))
        except UnicodeDecodeError:
            continue
        if utf8_chinese:
            break
    if not utf8_chinese:
        return
    line, col = _place_of(data, bad)
    raise ImportFileError(
        f"文件 {name} 是 UTF-8 编码，但第 {line} 行 {column_letter(col)} 列的文字是另一种编码（多半是 GBK），"
        "按任一种编码读取都会有一部分变成乱码。请在 Excel 中把整个文件另存为“CSV UTF-8”后再导入。",
        file=name, row=line, field=column_letter(col),
    )


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _place_of(data: bytes, offset: int) -> tuple[int, int]:
    """Return the line (1-based) and column (0-based) holding byte ``offset`` of a delimited text."""
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    head = data[start:offset].decode("utf-8", errors="replace")
    sample = data[:20000].decode("utf-8", errors="replace")
    return line, head.count(sniff_delimiter(sample))


def _unparsable(name: str, exc: csv.Error, first_line: int, line: int) -> ImportFileError:
    if "field larger than field limit" in str(exc):  # a quote left open ran over the whole file
        return ImportFileError(
            f"文件 {name} 第 {first_line} 行起的一个字段超过 {csv.field_size_limit():,} 个字符："
            "多半是该行有引号未闭合，其后的内容都被并进了这一个单元格。请检查该行的引号（\"）后再导入。",
            file=name, row=first_line,
        )
    message = f"文件 {name} 第 {line} 行无法解析，可能是引号不成对。"
    return ImportFileError(message, file=name, row=line)


def _check_swallowed(
    row: list[str], lines: tuple[int, int], rows: list[list[str]], delimiter: str, name: str
) -> None:
    """Refuse a record whose quoted field swallowed following lines that look like records.

    A multi-line 备注 is real, so a line break inside quotes is allowed; but a continued line
    holding about as many delimiters as a record means a quote was left open and people would
    vanish into one cell (seen: 21 people in the file, 18 imported, three inside a 工作单位).
    """
    width = max([len(row)] + [len(r) for r in rows[-50:]])
    enough = max(1, min(width - 1, max(2, (width - 1) // 2)))
    for cell in row:
        if any(piece.count(delimiter) >= enough for piece in _LINE_BREAK.split(cell)[1:]):
            line, col = _open_quote(row, lines[0])
            raise ImportFileError(
                f"文件 {name} 第 {line} 行 {column_letter(col)} 列字段的引号未闭合：其后第 {line + 1} 至 "
                f"{lines[1]} 行（看似独立的记录）被并进了这一个单元格。"
                "请在该字段补上右引号（\"）或删去多余的引号后再导入。",
                file=name, row=line, field=column_letter(col),
            )


def _check_closed_at_end(text: str, first_line: int, delimiter: str, name: str) -> None:
    """Refuse a file whose last record ends inside an open quote (it swallowed the rest of the file)."""
    tail = list(itertools.islice(io.StringIO(text, newline=""), first_line - 1, None))
    try:
        for _row in csv.reader(tail, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "end of data" not in str(exc):
            return
        row = next(csv.reader(tail, delimiter=delimiter, strict=False))
        line, col = _open_quote(row, first_line, last=True)
        raise ImportFileError(
            f"文件 {name} 第 {line} 行 {column_letter(col)} 列字段的引号未闭合，"
            "直到文件末尾都没有对应的右引号，其后的内容全被并进了这一个单元格。请在该字段补上右引号（\"）后再导入。",
            file=name, row=line, field=column_letter(col),
        ) from None


def _open_quote(row: list[str], first_line: int, *, last: bool = False) -> tuple[int, int]:
    """Return (line, 0-based column) where the quote opens: in the first field of the record that
    holds a line break or, when the quote ran to the end of the file, in its last field."""
    col = len(row) - 1 if last else next((i for i, c in enumerate(row) if _LINE_BREAK.search(c)), 0)
    return first_line + sum(len(_LINE_BREAK.findall(cell)) for cell in row[:col]), max(col, 0)


def _unescape(cell: str) -> str:
    # Our own CSV exports (and other careful writers) prefix text that starts like a formula with
    # an apostrophe so spreadsheets keep it as text; undo that so the text round-trips.
    if cell.startswith("'") and cell[1:2] in FORMULA_STARTS:
        return cell[1:]
    return cell


def _check_size(rows: list[list[str]], name: str) -> None:
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"文件 {name} 超过 {MAX_ROWS} 行，无法作为名单导入。", file=name)
    if len(rows[-1]) > MAX_COLUMNS and any(c.strip() for c in rows[-1][MAX_COLUMNS:]):
        col = next(i for i in range(MAX_COLUMNS, len(rows[-1])) if rows[-1][i].strip())
        raise ImportFileError(
            f"文件 {name} 第 {len(rows)} 行在 {column_letter(col)} 列有内容，"
            f"超出名单的最大列数（{MAX_COLUMNS} 列）。",
            file=name,
            row=len(rows),
        )
