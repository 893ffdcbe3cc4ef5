"""The transport documents as the registry lists them (transport/domain.py takes DOCUMENTS): 车辆调度表,
派车单 and 乘车表, with their one option, the day. Cheap to import: the writers are named, not imported."""

import re
from datetime import date

from rdplanner.domain import DocOption, Document
from rdplanner.errors import InvalidInput

LISTED_DAYS = 7  # the export dialog offers 第 1–7 天; the CLI takes any day number or a date
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def parse_day(text: str) -> int | date:
    """Return the day the CLI names: "2" is the event's second day, "2026-06-02" (or 2026/6/2, 2026年6月2日)
    that date.

    Raises:
        InvalidInput: neither a day number from 1 nor a date (field ``day``).
    """
    text = text.strip()
    if text.isdigit() and int(text) >= 1:
        return int(text)
    found = _DATE.fullmatch(text)
    if found:
        try:
            return date(*map(int, found.groups()))
        except ValueError:
            pass
    raise InvalidInput(f"日期“{text}”不对：应为会期第几天（如 2），或日期（如 2026-06-02）。", field="day")


DAY = DocOption("day", "日期",
                ((None, "全部日期"), *((n, f"会期第 {n} 天") for n in range(1, LISTED_DAYS + 1))),
                "--day", "只导出一天：会期第几天（如 2）或日期（如 2026-06-02）；默认全部日期",
                metavar="N|YYYY-MM-DD", parse=parse_day)

DOCUMENTS = (
    Document("dispatch", "车辆调度表", (".xlsx",), "rdplanner.transport.documents:export_dispatch",
             "车辆调度表（.xlsx）", options=(DAY,),
             hint="按日期和出车时间列出每趟行程的车辆、驾驶员和乘车人员（按座次），A4 横向打印。"),
    Document("tripslips", "派车单", (".pdf",), "rdplanner.transport.documents:export_tripslips",
             "派车单（.pdf，每张 A4 纸印两份）", options=(DAY,), markable=True,
             hint="每趟行程一份，A4 纸上下各印一份，沿虚线裁开；乘车人员按座次列出，"
                  "里程和油耗留空，由驾驶员回场后填写。"),
    Document("rides", "乘车表", (".pdf", ".xlsx"), "rdplanner.transport.documents:export_rides",
             "乘车表（.pdf 或 .xlsx，按文件扩展名）", options=(DAY,), markable=True,
             hint="按名单顺序列出每位参会人员所乘车辆、座位、时间、路线和驾驶员；需要派车但尚未安排乘车的"
                  "人员列在最后，不需要派车且未乘车的人员不列出。"),
)
