"""Bounds on what python-calamine would build from an .xlsx, measured before it runs.

Why: calamine makes a dense grid from A1 to the last cell it places and copies a shared string
into every cell that refers to it; when that does not fit in memory it aborts the whole process
(no exception: the window just vanishes). OOXML makes the ``r`` attributes of rows and cells
optional, so the bounds here come from a real XML parse (expat) that places every cell the way a
reader does: a row without ``r`` follows the row before, a cell without ``r`` the cell before.
The shared-strings part is streamed with a cap on its unpacked size (a zip bomb stops at the cap).

Only a cell calamine would place extends the bounds: one with inline text, a formula, or a value.
Excel keeps a formatted cell after its contents are deleted (``<c r="XFD2" s="3"/>``), and calamine
skips it (measured: such a cell at XFD2 or A1048576 leaves a 2 × 7 grid and 12 MB), so it counts
only toward MAX_CELLS. An empty ``<v/>`` is skipped too, except in cells of type "str" and "d",
where calamine places an empty cell (measured: the grid then reaches XFD).
"""

import posixpath
import re
import zipfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.parsers import expat

from rdplanner.people.importing import xlsxscan
from rdplanner.people.importing.errors import ImportFileError
from rdplanner.people.importing.table import MAX_COLUMNS, MAX_ROWS, column_letter

MAX_CELLS = 3_000_000  # a 99,999-row roster of 30 columns
MAX_SHARED_STRINGS = MAX_CELLS
MAX_TEXT_BYTES = 256 * 1024 * 1024  # text the cells would hold: shared strings × references, inline text
CHUNK_BYTES = 1024 * 1024

# Cell types whose empty <v></v> calamine skips; any other type (str, d, ...) places the cell.
_EMPTY_VALUE_SKIPPED = frozenset({None, "n", "b", "e", "s", "inlineStr"})
_PREFIXED_CELL = re.compile(rb"<[\w.-]+:c[\s/>]")
_PLAIN_REF = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"')
# Past row 99,999 (six or more digits) or column BL (MAX_COLUMNS = 64): three letters, C-Z
# followed by a letter, or BM-BZ.
_FAR_REF = re.compile(rb'<c r="(?:[A-Z]{1,3}[0-9]{%d,}|[A-Z]{3}|[C-Z][A-Z]|B[M-Z])' % len(str(MAX_ROWS + 1)))


@dataclass(frozen=True)
class SheetExtent:
    """What a sheet asks of a reader: its last row and column (1-based), cells and text bytes."""

    rows: int
    columns: int
    cells: int
    text_bytes: int


def companion_parts(
    archive: zipfile.ZipFile, workbook: str, relationships: Iterable[tuple[str, str, str]], kind: str
) -> list[str]:
    """Return the parts of one kind ("sharedStrings", "styles") a reader may load with the
    workbook: those its relationships name, and the usual name beside it."""
    names = set(archive.namelist())
    found = [target for _id, rel_type, target in relationships if rel_type.endswith("/" + kind)]
    found.append(posixpath.join(posixpath.dirname(workbook), kind + ".xml"))
    return [part for part in dict.fromkeys(found) if part in names]


def check_unpacked(archive: zipfile.ZipFile, parts: Iterable[str], file_name: str) -> None:
    """Unpack parts a reader loads whole, refusing any past the size cap or failing its CRC.

    Raises:
        ImportFileError naming the file.
    """
    for part in parts:
        try:
            for _chunk in stream_part(archive, part, file_name):
                pass
        except zipfile.BadZipFile as exc:
            raise damaged(file_name, part, "解压校验失败") from exc


def shared_string_sizes(archive: zipfile.ZipFile, parts: list[str], file_name: str) -> array:
    """Return the UTF-8 size of every shared string (the largest where several parts exist).

    Raises:
        ImportFileError if a part unpacks beyond xlsxscan.MAX_PART_BYTES, declares or holds more than
        MAX_SHARED_STRINGS strings (calamine reserves room for the declared count up front),
        or is damaged.
    """
    sizes = array("Q")
    for part in parts:
        scan = _SharedStrings(file_name)
        _parse(scan.parser, stream_part(archive, part, file_name), file_name, part)
        for index, size in enumerate(scan.sizes):
            if index < len(sizes):
                sizes[index] = max(sizes[index], size)
            else:
                sizes.append(size)
    return sizes


def measure_sheet(xml: bytes, shared_sizes: array, *, file_name: str, sheet_name: str,
                  part: str = "") -> SheetExtent | None:
    """Check every cell of a sheet's XML against the bounds; return the exact measure when the
    quick check could not vouch for the sheet (None when it did).

    Raises:
        ImportFileError naming the first cell past MAX_ROWS or MAX_COLUMNS (so the user can delete
        it), or saying the sheet has too many cells or too much text, or that its XML is damaged.
    """
    if _quick_check(xml, shared_sizes):
        return None
    scan = _SheetScan(shared_sizes, file_name, sheet_name)
    _parse(scan.parser, [xml], file_name, part or sheet_name)
    return SheetExtent(scan.max_row, scan.max_col + 1, scan.cells, scan.text_bytes)


def _quick_check(xml: bytes, shared_sizes: array) -> bool:
    """Return True if byte counts alone prove the sheet within bounds (the usual Excel file).

    That holds when every cell tag is ``<c r="A1"`` with a plain reference (so no cell is placed
    implicitly), none of those references is past the bounds, and even if every cell held the
    longest shared string the text would fit. Anything unusual goes to the full parse.
    """
    if _PREFIXED_CELL.search(xml) or b"<!DOCTYPE" in xml:
        return False
    cells = sum(xml.count(b"<c" + end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r"))
    if cells > MAX_CELLS or xml.count(b'<c r="') != cells:
        return False
    if _FAR_REF.search(xml) or sum(1 for _ in _PLAIN_REF.finditer(xml)) != cells:
        return False
    longest = max(shared_sizes, default=0)
    return longest * cells + len(xml) <= MAX_TEXT_BYTES


def stream_part(archive: zipfile.ZipFile, part: str, file_name: str) -> Iterator[bytes]:
    """Yield a zip member's unpacked bytes in chunks, refusing it past xlsxscan.MAX_PART_BYTES.

    The size in the zip directory is not trusted; the CRC is checked at the end (zipfile does).
    """
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise damaged(file_name, part, "缺少该部件") from None
    limit = xlsxscan.MAX_PART_BYTES
    if info.file_size > limit:
        raise too_large(file_name)
    total = 0
    with archive.open(info) as handle:
        while chunk := handle.read(CHUNK_BYTES):
            total += len(chunk)
            if total > limit:
                raise too_large(file_name)
            yield chunk


def too_large(file_name: str) -> ImportFileError:
    return ImportFileError(f"文件 {file_name} 解压后过大，无法作为名单导入。", file=file_name)


def damaged(file_name: str, part: str, detail: str = "") -> ImportFileError:
    where = f"（{part} {detail}）" if detail else f"（{part}）"
    return ImportFileError(
        f"文件 {file_name} 已损坏{where}，无法读取。请用 Excel 打开后另存为 .xlsx 再导入。", file=file_name
    )


def _parse(parser, chunks: Iterable[bytes], file_name: str, part: str) -> None:
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise damaged(file_name, part, f"第 {exc.lineno} 行 XML 格式错误") from None
    except zipfile.BadZipFile as exc:
        raise damaged(file_name, part, "解压校验失败") from exc


def _new_parser(owner) -> object:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = owner.refuse_doctype
    parser.EntityDeclHandler = owner.refuse_doctype
    parser.StartElementHandler = owner.start
    parser.EndElementHandler = owner.end
    parser.CharacterDataHandler = owner.text
    return parser


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _attribute(attributes: dict, local_name: str) -> str | None:
    value = attributes.get(local_name)
    if value is None:
        value = next((v for k, v in attributes.items() if _local(k) == local_name), None)
    return value


class _SharedStrings:
    """expat handlers that measure every <si> of a shared-strings part."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.sizes = array("Q")
        self._in_text = False
        self.parser = _new_parser(self)

    def refuse_doctype(self, *_args) -> None:
        raise damaged(self.file_name, "sharedStrings", "含有 DTD 声明")

    def start(self, name: str, attributes: dict) -> None:
        local = _local(name)
        if local == "si":
            if len(self.sizes) >= MAX_SHARED_STRINGS:
                raise self._too_many()
            self.sizes.append(0)
        elif local == "t":
            self._in_text = bool(self.sizes)
        elif local == "sst":  # calamine reserves room for uniqueCount strings up front
            declared = (_attribute(attributes, "uniqueCount") or "0").strip()
            if not declared.isdigit() or int(declared) > MAX_SHARED_STRINGS:
                raise self._too_many()

    def end(self, name: str) -> None:
        if _local(name) == "t":
            self._in_text = False

    def text(self, data: str) -> None:
        if self._in_text:
            self.sizes[-1] += len(data.encode("utf-8", "surrogatepass"))

    def _too_many(self) -> ImportFileError:
        return ImportFileError(
            f"文件 {self.file_name} 中的文字条目过多（超过 {MAX_SHARED_STRINGS:,} 条），无法作为名单导入。",
            file=self.file_name,
        )


class _SheetScan:
    """expat handlers that place every cell of a worksheet and refuse it past the bounds."""

    def __init__(self, shared_sizes: array, file_name: str, sheet_name: str) -> None:
        self.shared_sizes, self.file_name, self.sheet_name = shared_sizes, file_name, sheet_name
        self.row = 0  # 1-based row of the cells being read (0 before the first row)
        self.col = -1  # 0-based column of the cell read last in this row
        self.max_row = 0
        self.max_col = -1
        self.cells = 0
        self.text_bytes = 0
        self._shared = False  # inside a cell of type "s": its <v> is an index into shared strings
        self._type: str | None = None  # the t attribute of the cell being read
        self._placed: tuple[int, int] | None = None  # (row, col) of that cell
        self._has_value = False  # whether calamine would place it
        self._in_v = False
        self._value: list[str] | None = None
        self._inline = False
        self.parser = _new_parser(self)

    def refuse_doctype(self, *_args) -> None:
        raise damaged(self.file_name, f"工作表“{self.sheet_name}”", "含有 DTD 声明")

    def start(self, name: str, attributes: dict) -> None:
        local = _local(name)
        if local == "c":
            self._cell(attributes)
        elif local == "row":
            self._row(attributes)
        elif local == "v":
            self._value = [] if self._shared else None
            self._in_v = True
            self._has_value = self._has_value or self._type not in _EMPTY_VALUE_SKIPPED
        elif local == "is":
            self._inline = self._has_value = True
        elif local == "f":
            self._has_value = True

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "v":
            self._in_v = False
            if self._value is not None:
                index = "".join(self._value).strip()
                if index.isdigit() and int(index) < len(self.shared_sizes):
                    self._add_text(self.shared_sizes[int(index)])
                self._value = None
        elif local == "c":
            if self._has_value and self._placed is not None:
                self._extend(*self._placed)
            self._shared = self._inline = self._has_value = False
            self._placed = None
        elif local == "row":
            self.col = -1

    def text(self, data: str) -> None:
        if self._in_v and data:
            self._has_value = True
        if self._value is not None:
            self._value.append(data)
        elif self._inline:
            self._add_text(len(data.encode("utf-8", "surrogatepass")))

    def _row(self, attributes: dict) -> None:
        # A row without cells places nothing (Excel writes such rows for custom heights).
        ref = _attribute(attributes, "r")
        if ref is None:
            self.row += 1
        elif ref.strip().isdigit():
            self.row = int(ref)
        else:
            raise damaged(self.file_name, f"工作表“{self.sheet_name}”", f"行号“{ref[:20]}”无效")
        self.col = -1

    def _cell(self, attributes: dict) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise self._refuse(f"单元格超过 {MAX_CELLS:,} 个，无法作为名单导入")
        ref = _attribute(attributes, "r")
        if ref is None:
            row, col = max(self.row, 1), self.col + 1
        else:
            row, col = self._reference(ref)
            self.row = max(self.row, row)
        self.col = col
        self._placed, self._has_value, self._in_v = (row, col), False, False
        self._type = _attribute(attributes, "t")
        self._shared = self._type == "s"

    def _extend(self, row: int, col: int) -> None:
        """Grow the bounds by a cell calamine places; refuse it past MAX_ROWS or MAX_COLUMNS."""
        self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)
        if row > MAX_ROWS or col >= MAX_COLUMNS:
            raise self._refuse(
                f"在单元格 {column_letter(col)}{row} 有内容，表格范围过大"
                f"（名单最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列，即 A 至 {column_letter(MAX_COLUMNS - 1)} 列）。"
                "请删除该处的无关内容后再导入"
            )

    def _reference(self, ref: str) -> tuple[int, int]:
        digits = ref[len(ref.rstrip("0123456789")):]
        letters = ref[: len(ref) - len(digits)].replace("$", "").upper()
        if not letters.isascii() or not letters.isalpha() or len(letters) > 7:
            raise damaged(self.file_name, f"工作表“{self.sheet_name}”", f"单元格地址“{ref[:20]}”无效")
        col = 0
        for letter in letters:
            col = col * 26 + ord(letter) - 64
        return (int(digits) if digits else max(self.row, 1)), col - 1

    def _add_text(self, size: int) -> None:
        self.text_bytes += size
        if self.text_bytes > MAX_TEXT_BYTES:
            raise self._refuse(
                f"的文字展开后超过 {MAX_TEXT_BYTES // 1024 // 1024} MB"
                "（可能是一段很长的文字被大量单元格引用），无法作为名单导入"
            )

    def _refuse(self, what: str) -> ImportFileError:
        message = f"文件 {self.file_name} 的工作表“{self.sheet_name}”{what}。"
        return ImportFileError(message, file=self.file_name)
