"""A fast look inside an .xlsx before it is parsed: which sheets it has, and which cells are
formulas saved without a result or show an error value.

Calamine reads a formula without a cached result as an empty cell, indistinguishable from a
blank; this scan tells them apart with byte-level searches. How far the cells reach, and how
much memory they would take, is measured by xlsxbounds.
"""

import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from rdplanner.people.importing.errors import ImportFileError

MAX_PART_BYTES = 200 * 1024 * 1024
FORMULA_WITHOUT_RESULT = (
    "该单元格是公式，但文件中没有保存计算结果（文件可能由其他程序生成）；请用 Excel 打开并保存后再导入"
)

_REF = re.compile(rb"\sr=[\"']([A-Z]{1,7})([0-9]{1,9})[\"']")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>]")
_OPENING_BEFORE = re.compile(rb"<(?:\w+:)?c\b[^<>]*>$")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>(.*?)</(?:\w+:)?c>", re.S)
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*\st=[\"']e[\"'][^>]*)>(.*?)</(?:\w+:)?c>", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_TYPE_STR = re.compile(rb"\st=[\"']str[\"']")


@dataclass(frozen=True)
class SheetPart:
    """A worksheet of the workbook: its name, the zip member holding it and whether it is shown."""

    name: str
    part: str
    visible: bool


def worksheets(archive: zipfile.ZipFile, file_name: str) -> list[SheetPart]:
    """Return the workbook's worksheets in tab order (chart sheets left out).

    Raises:
        ImportFileError if the archive is not an Excel workbook (a .docx, an .ods, any zip).
    """
    workbook, relationships = workbook_relationships(archive, file_name)
    names = set(archive.namelist())
    targets = {rel_id: target for rel_id, kind, target in relationships if kind.endswith("/worksheet")}
    sheets = []
    for element in _elements(_read_part(archive, workbook, file_name), "sheet"):
        rel_id = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        if rel_id in targets and targets[rel_id] in names:
            visible = element.get("state", "visible") == "visible"
            sheets.append(SheetPart(element.get("name", ""), targets[rel_id], visible))
    return sheets


def workbook_relationships(
    archive: zipfile.ZipFile, file_name: str
) -> tuple[str, list[tuple[str, str, str]]]:
    """Return the workbook part and its relationships as (id, type, resolved target).

    Raises:
        ImportFileError if the archive is not an Excel workbook.
    """
    workbook = _office_document(archive)
    if workbook not in set(archive.namelist()):
        raise ImportFileError(
            f"文件 {file_name} 不是 Excel 工作簿（可能是其他软件的文件改了扩展名）。"
            "请另存为 .xlsx 后再导入。",
            file=file_name,
        )
    rels_path = posixpath.join(posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels")
    relationships = [
        (rel.get("Id", ""), rel.get("Type", ""), _resolve(workbook, rel.get("Target", "")))
        for rel in _elements(_read_part(archive, rels_path, file_name), "Relationship")
    ]
    return workbook, relationships


def read_part(archive: zipfile.ZipFile, part: str, file_name: str) -> bytes:
    """Return a zip member's bytes, refusing one that unpacks to more than MAX_PART_BYTES."""
    return _read_part(archive, part, file_name)


def check_sizes(archive: zipfile.ZipFile, file_name: str) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_PART_BYTES (a zip bomb), or that holds
    two parts of one name (readers disagree on which one counts, so a check could read the other).

    Raises:
        ImportFileError naming the file.
    """
    infos = archive.infolist()
    if any(info.file_size > MAX_PART_BYTES for info in infos):
        raise ImportFileError(f"文件 {file_name} 解压后过大，无法作为名单导入。", file=file_name)
    if len({info.filename for info in infos}) != len(infos):
        raise ImportFileError(f"文件 {file_name} 已损坏（压缩包中有重名的部件），无法读取。", file=file_name)


def has_cells(xml: bytes) -> bool:
    """Return True if a sheet's XML holds at least one cell."""
    return _CELL_START.search(xml) is not None


def bad_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Return (row, column) → reason for formula cells without a result and error-valued cells."""
    found: dict[tuple[int, int], str] = {}
    if b"f>" in xml or b"f " in xml:
        for match in _FORMULA_TAG.finditer(xml):
            _formula_cell(xml, match.start(), found)
    if b"t=\"e\"" in xml or b"t='e'" in xml:
        for match in _ERROR_CELL.finditer(xml):
            position = _position(match.group(1))
            shown = _VALUE.search(match.group(2))
            if position is not None:
                value = shown.group(1).decode("utf-8", "replace") if shown else "#VALUE!"
                found[position] = f"该单元格显示错误值 {value}（公式出错），请在 Excel 中修正后再导入"
    return found


def _formula_cell(xml: bytes, formula_at: int, found: dict[tuple[int, int], str]) -> None:
    # <f> is the first child of its cell, so the cell's opening tag ends right where it starts.
    window_start = max(0, formula_at - 512)
    opening = _OPENING_BEFORE.search(xml, window_start, formula_at)
    cell = _CELL.match(xml, opening.start()) if opening else None
    if cell is None:
        return
    value = _VALUE.search(cell.group(2))
    has_result = bool(value and value.group(1)) or bool(value and _TYPE_STR.search(cell.group(1)))
    position = _position(cell.group(1))
    if not has_result and position is not None:
        found[position] = FORMULA_WITHOUT_RESULT


def _position(attributes: bytes) -> tuple[int, int] | None:
    ref = _REF.search(b" " + attributes)
    if ref is None:
        return None
    col = 0
    for letter in ref.group(1):
        col = col * 26 + letter - 64
    return int(ref.group(2)) - 1, col - 1


def _office_document(archive: zipfile.ZipFile) -> str:
    try:
        rels = _elements(archive.read("_rels/.rels"), "Relationship")
    except KeyError:
        return "xl/workbook.xml"
    for rel in rels:
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return "xl/workbook.xml"


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _read_part(archive: zipfile.ZipFile, part: str, file_name: str) -> bytes:
    try:
        info = archive.getinfo(part)
    except KeyError:
        message = f"文件 {file_name} 不完整（缺少 {part}），可能已损坏。"
        raise ImportFileError(message, file=file_name) from None
    if info.file_size > MAX_PART_BYTES:
        raise ImportFileError(f"文件 {file_name} 解压后过大，无法作为名单导入。", file=file_name)
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_PART_BYTES + 1)
    except zipfile.BadZipFile as exc:  # a CRC or size that does not match the data
        message = f"文件 {file_name} 已损坏（{part} 解压校验失败），无法读取。"
        raise ImportFileError(message, file=file_name) from exc
    if len(data) > MAX_PART_BYTES:  # the size in the zip directory can lie
        raise ImportFileError(f"文件 {file_name} 解压后过大，无法作为名单导入。", file=file_name)
    return data


def _elements(xml: bytes, local_name: str) -> list[ElementTree.Element]:
    # Match on local names: transitional and strict OOXML use different namespaces.
    root = ElementTree.fromstring(xml)
    return [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == local_name]
