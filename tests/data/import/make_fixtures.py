"""Generate the roster-import fixtures in this folder: ``python tests/data/import/make_fixtures.py``.

The same roster grid is written as .xlsx (merged title, two-level merged header, a delegation
merged down, a formula column with results cached as Excel saves them), .xls, and CSV in UTF-8,
UTF-8 with BOM and GB18030; plus hostile files. The 10,000-row workbook is made at test time by
``write_big_xlsx`` instead of being committed. Needs openpyxl and, for the .xls, xlwt.
"""

import csv
import random
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from openpyxl import Workbook  # noqa: E402

from rdplanner.people.idcard import check_digit  # noqa: E402

TITLE = "市第十七届人大常委会第二十三次会议参会人员名单"
HEADER_TOP = ["序号", "姓名", "性别", "民族", "工作单位", "职务", "代表团", "参会身份", "联系信息", "", "是否住宿", "备注", "排序"]
HEADER_SUB = ["", "", "", "", "", "", "", "", "手机号码", "公民身份号码", "", "", ""]
WIDTH = len(HEADER_TOP)
FIRST_DATA_ROW = 5
LONG_NAME = "欧阳" + "娜" * 70
HYPERLINK_NOTE = '=HYPERLINK("http://example.com/zhoutao","周涛简历")'
HYPERLINK_NAME = '=HYPERLINK("http://example.com/","吴敏")'  # refused as a name; corrected in the update


def id_number(region: str, born: str, sequence: str) -> str:
    """Return a valid 18-digit ID number (sequence's last digit: odd 男, even 女)."""
    first17 = region + born + sequence
    return first17 + check_digit(first17)


ID_A = id_number("330102", "19700312", "011")
ID_B = id_number("330105", "19750621", "022")
ID_C = id_number("330106", "19800909", "044")
ID_D = id_number("330108", "19690101", "062")
ID_E = id_number("330109", "19720505", "073")
ID_F = id_number("330110", "19850220", "084")
ID_G = id_number("330122", "19660718", "095")
ID_H = id_number("330127", "19710411", "017")
ID_J = id_number("330102", "19780830", "031")
ID_K = id_number("330106", "19820115", "053")
ID_WU = id_number("330105", "19790303", "026")
ID_BAD_CHECK = ID_J[:17] + ("0" if ID_J[17] != "0" else "1")
OLD_ID = "330106630415026"  # 15-digit, born 1963-04-15, female


def roster_rows() -> list[list[object]]:
    """Return the data rows (row 5 onward) of the roster; None marks an empty cell."""
    return [
        [1, "王建国", "男", "汉族", "市财政局", "局长", "上城区代表团", "常委会组成人员", 13800138001, ID_A, "是", None, "=A5"],
        [2, "李　娜", "女", "回族", "市教育局", "副局长", None, "列席", "0571-87654321", ID_B, "否", None, "=A6"],
        [3, " 赵  丽 ", "女", "汉族", "市卫生健康委员会", "主任", None, "组成人员", "138 0013 8003", ID_C, "是", None, "=A7"],
        ["二、其他人员"] + [None] * (WIDTH - 1),
        [4, "张伟", "男", "汉族", "市交通运输局", "局长", "西湖区代表团", "代表", 13800138004, ID_BAD_CHECK, "否", None, "=A9"],
        [5, "刘洋", "男", "汉族", "市公安局", "副局长", "西湖区代表团", "代表", 13800138005, ID_A, None, None, "=A10"],
        [6, "陈静", "女", "汉族", "市民政局", "局长", "滨江区代表团", "代表", 1380013800, ID_D, None, None, "=A11"],
        [7, "杨磊", "男", "汉族", "市商务局", "局长", "滨江区代表团", "志愿者", 13800138007, ID_E, None, None, "=A12"],
        [8, LONG_NAME, "女", "汉族", "市文化广电旅游局", "副局长", "滨江区代表团", "代表", 13800138008, ID_F, None, None, "=A13"],
        [9, "周涛", "男", "汉族", "市司法局", "局长", "萧山区代表团", "旁听", 13800138009, ID_G, "否", HYPERLINK_NOTE, "=A14"],
        [10, HYPERLINK_NAME, "女", "汉族", "市外办", "处长", None, "嘉宾", 13800138010, None, None, None, "=A15"],
        [11, "王建国", "男", "汉族", "市审计局", "副局长", "余杭区代表团", "代表", 13800138011, ID_H, None, None, "=A16"],
        [12, "孙敏", "女", "满族", "市体育局", "局长", "余杭区代表团", "工作人员", "0571 88886666", OLD_ID, None, None, "=A17"],
        [None] * WIDTH,
        [None, "合计：12人"] + [None] * (WIDTH - 2),
    ]


def updated_rows() -> list[list[object]]:
    """Return the roster as sent again a week later: fixes, changes, newcomers; ranks typed in."""
    return [
        [1, "王建国", "男", "汉族", "市财政局", "局长", "上城区代表团", "常委会组成人员", 13800138001, ID_A, "是", None, 1],
        [2, "李娜", "女", "回族", "市教育局", "副局长", "上城区代表团", "列席", 13900139002, ID_B, "否", None, 2],
        [3, "赵丽", "女", "汉族", "市卫生健康委员会", "党组书记、主任", "上城区代表团", "组成人员", 13800138003, ID_C, "是", None, 3],
        [4, "张伟", "男", "汉族", "市交通运输局", "局长", "西湖区代表团", "代表", 13800138004, ID_J, "否", None, 4],
        [5, "周涛", "男", "汉族", "市司法局", "局长", "萧山区代表团", "旁听", 13800138009, ID_G, "否", HYPERLINK_NOTE, 9],
        [6, "吴敏", "女", "汉族", "市外办", "处长", None, "嘉宾", 13800138010, ID_WU, None, None, 10],
        [7, "王建国", "男", "汉族", "市审计局", "副局长", "余杭区代表团", "代表", 13800138011, ID_H, None, None, 11],
        [8, "孙敏", "女", "满族", "市体育局", "局长", "余杭区代表团", "工作人员", "0571-88886666", OLD_ID, None, None, 12],
        [9, "郑凯", "男", "汉族", "市科学技术局", "局长", "萧山区代表团", "代表", 13800138012, ID_K, "是", None, 13],
    ]


def grid(rows: list[list[object]]) -> list[list[object]]:
    """Return the whole sheet: title, subtitle, two header rows, then ``rows``."""
    return [[TITLE] + [None] * (WIDTH - 1), ["（按姓氏笔画排序）"] + [None] * (WIDTH - 1),
            HEADER_TOP, HEADER_SUB] + rows


ROSTER_DATA_MERGES = ("G5:G7", "A8:M8")  # a delegation merged down; a section title across


def merges(data_merges: tuple[str, ...]) -> list[str]:
    """Return the merged ranges: title rows, headers over two rows, the group header, data merges."""
    found = ["A1:M1", "A2:M2", "I3:J3"]
    found += [f"{c}3:{c}4" for c in "ABCDEFGHKLM"]
    return found + list(data_merges)


def cached_results(rows: list[list[object]]) -> dict[str, object]:
    """Return the values Excel would cache for the formula cells (=An → the 序号 of that row)."""
    results = {}
    for index, row in enumerate(rows):
        formula = row[-1]
        if isinstance(formula, str) and formula.startswith("="):
            results[f"M{FIRST_DATA_ROW + index}"] = row[0]
    return results


def write_xlsx(path: Path, rows: list[list[object]], data_merges: tuple[str, ...] = ()) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    for r, row in enumerate(grid(rows), start=1):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            is_formula = c == WIDTH and r >= FIRST_DATA_ROW and str(value).startswith("=")
            if isinstance(value, str) and not is_formula:
                cell.data_type = "s"  # user text such as =HYPERLINK(...) stays text
    for ref in merges(data_merges):
        sheet.merge_cells(ref)
    book.save(path)
    cache_formula_results(path, cached_results(rows))


def cache_formula_results(path: Path, results: dict[str, object]) -> None:
    """Write cached results into formula cells, as Excel does on save (openpyxl cannot)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode("utf-8")
    for ref, value in results.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)?')
        xml, count = pattern.subn(lambda m, v=value: f"{m.group(1)}{m.group(2)}<v>{v}</v>", xml)
        assert count == 1, ref
    parts[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def excel_values(rows: list[list[object]]) -> list[list[object]]:
    """Return the grid as Excel holds it after saving: formulas replaced by their results."""
    results = cached_results(rows)
    out = []
    for r, row in enumerate(grid(rows), start=1):
        out.append([results.get(f"M{r}", value) if c == WIDTH - 1 else value for c, value in enumerate(row)])
    return out


def write_csv(path: Path, rows: list[list[object]], encoding: str) -> None:
    """Write the grid as Excel saves CSV: results of formulas, merged values in the first cell only."""
    texts = [["" if value is None else str(value) for value in row] for row in excel_values(rows)]
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(texts)


def write_xls(path: Path, rows: list[list[object]], data_merges: tuple[str, ...] = ()) -> None:
    """Write the grid as .xls; xlwt cannot cache formula results, so 排序 holds plain numbers."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    values = excel_values(rows)
    covered = set()
    for ref in merges(data_merges):
        (c0, r0), (c1, r1) = (_ref(part) for part in ref.split(":"))
        sheet.write_merge(r0, r1, c0, c1, values[r0][c0] if values[r0][c0] is not None else "")
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            if value not in (None, "") and (r, c) not in covered:
                sheet.write(r, c, value)
    book.save(str(path))


def _ref(ref: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return ord(match.group(1)) - 65, int(match.group(2)) - 1


def write_big_xlsx(path: Path, count: int, *, seed: int = 7) -> Path:
    """Write a plain roster of ``count`` distinct people (title row, header row, data rows)."""
    from rdplanner.demo.people import PersonFactory

    factory = PersonFactory(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append([f"测试名单（{count} 人）"])
    sheet.append(["序号", "姓名", "性别", "民族", "工作单位", "职务", "代表团", "手机", "身份证号"])
    for index in range(count):
        person = factory.person()
        sheet.append([index + 1, person.name, person.gender, person.ethnicity, f"第{index % 97 + 1}单位",
                      "委员", f"第{index % 13 + 1}代表团", int(person.phone), person.id_card_no])
    book.save(path)
    return path


def write_hostile(folder: Path) -> None:
    """Write the files that must be refused with a clear message (and must never crash)."""
    (folder / "empty.csv").write_bytes(b"")
    Workbook().save(folder / "empty.xlsx")
    noise = random.Random(7)
    noise_bytes = bytes(noise.randrange(256) for _ in range(4096))
    (folder / "binary.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + noise_bytes)
    (folder / "html_table.xls").write_text(
        "<html><body><table><tr><td>姓名</td></tr><tr><td>张三</td></tr></table></body></html>", encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机", "代表团"])
    sheet.append(["张三", 13800138000, '="上城区"&"代表团"'])
    book.save(folder / "formula_uncached.xlsx")
    book = Workbook()
    book.active.append(["姓名"])
    book.active.append(["张三"])
    book.active["XFD1048576"] = "远处的一个值"
    book.save(folder / "far_cell.xlsx")


def main(folder: Path = HERE) -> None:
    roster = roster_rows()
    write_xlsx(folder / "roster.xlsx", roster, ROSTER_DATA_MERGES)
    write_xlsx(folder / "roster_updated.xlsx", updated_rows())
    write_csv(folder / "roster_utf8.csv", roster, "utf-8")
    write_csv(folder / "roster_utf8_bom.csv", roster, "utf-8-sig")
    write_csv(folder / "roster_gb18030.csv", roster, "gb18030")
    write_xls(folder / "roster.xls", roster, ROSTER_DATA_MERGES)
    write_hostile(folder)


if __name__ == "__main__":
    main()
