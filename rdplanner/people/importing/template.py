"""The blank roster template (.xlsx) offered by the import dialog: the headers the import knows,
drop-down lists for the coded columns, and text format where Excel would mangle digits.

No example row: a sample person left in the sheet would be imported as a real one, and a marker
telling the import to skip it would also skip a real row the user typed over it. The second row
explains how to fill the sheet instead; the import reads it as a title row.
"""

from pathlib import Path
from typing import Union

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from rdplanner.exports.errors import ExportError
from rdplanner.exports.xlsx import save_workbook
from rdplanner.labels import ROLES
from rdplanner.people.importing.errors import ImportFileError
from rdplanner.people.importing.fields import standard_header
from rdplanner.people.importing.table import column_letter

TEMPLATE_COLUMNS = (
    ("name", 12), ("gender", 6), ("ethnicity", 8), ("unit", 28), ("post", 20), ("delegation", 14),
    ("role", 14), ("rank_order", 6), ("phone", 16), ("id_card_no", 22), ("dietary", 12),
    ("needs_lodging", 10), ("is_local", 10), ("needs_transport", 10), ("notes", 30),
)
TEXT_COLUMNS = ("phone", "id_card_no")
TITLE = "参会人员名单"
INSTRUCTIONS = (
    "填写说明：每行一人，姓名必填；身份证号、手机已设为文本格式，请直接填写；性别、参会身份、是否住宿、"
    "是否本地、是否用车请从下拉列表中选择；请勿修改第 3 行表头，也不要合并单元格。"
)
HEADER_ROW = 3
VALIDATED_ROWS = 2000


def write_template(path: Union[str, Path]) -> Path:
    """Write the blank roster template to ``path`` and return it.

    Raises:
        ImportFileError if the file cannot be written (open in Excel, read-only folder, a database).
    """
    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = TITLE
    _title_rows(sheet)
    _header_row(sheet)
    _validations(sheet)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    try:
        return save_workbook(book, path)  # atomic, never over a database, reasons in Chinese
    except ExportError as exc:
        raise ImportFileError(f"模板未导出：{exc}", file=path.name) from exc


def _title_rows(sheet) -> None:
    last = column_letter(len(TEMPLATE_COLUMNS) - 1)
    for row, text, font, height in ((1, TITLE, Font(bold=True, size=16), 30),
                                    (2, INSTRUCTIONS, Font(size=10, color="666666"), 32)):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.data_type = "s"
        cell.font = font
        cell.alignment = Alignment(horizontal="center" if row == 1 else "left", vertical="center",
                                   wrap_text=True)
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.row_dimensions[row].height = height


def _header_row(sheet) -> None:
    thin = Side(style="thin", color="999999")
    for index, (field, width) in enumerate(TEMPLATE_COLUMNS):
        letter = column_letter(index)
        cell = sheet.cell(row=HEADER_ROW, column=index + 1, value=standard_header(field))
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        dimension = sheet.column_dimensions[letter]
        dimension.width = width
        if field in TEXT_COLUMNS:
            # Column-level text format: Excel applies it to every cell typed into the column,
            # so an 18-digit ID number is not turned into 3.30102E+17 with its last digits lost.
            dimension.number_format = "@"


def _validations(sheet) -> None:
    letters = {field: column_letter(i) for i, (field, _w) in enumerate(TEMPLATE_COLUMNS)}
    first, last = HEADER_ROW + 1, HEADER_ROW + VALIDATED_ROWS

    def add(validation: DataValidation, field: str) -> None:
        validation.add(f"{letters[field]}{first}:{letters[field]}{last}")
        sheet.add_data_validation(validation)

    def choice(values: str, field: str, what: str) -> None:
        add(DataValidation(type="list", formula1=f'"{values}"', allow_blank=True, showErrorMessage=True,
                           errorTitle="请从列表中选择", error=f"{what}请从下拉列表中选择。"), field)

    choice("男,女", "gender", "性别")
    choice(",".join(ROLES.values()), "role", "参会身份")
    choice("是,否", "needs_lodging", "是否住宿")
    choice("是,否", "is_local", "是否本地")
    choice("是,否", "needs_transport", "是否用车")
    add(DataValidation(type="textLength", operator="between", formula1="15", formula2="18", allow_blank=True,
                       showErrorMessage=True, errorTitle="身份证号位数不对", error="身份证号应为 18 位。"),
        "id_card_no")
    add(DataValidation(type="whole", operator="between", formula1="0", formula2="1000000", allow_blank=True,
                       showErrorMessage=True, errorTitle="排序应为整数", error="排序请填写整数，如 1、2、3。"),
        "rank_order")
