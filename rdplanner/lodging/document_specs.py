"""The lodging documents as the registry lists them (lodging/domain.py takes DOCUMENTS): 住宿安排表 (with
its one option, the hotel) and 住宿用房汇总表. Cheap to import: the writers are named, not imported."""

from rdplanner.domain import DocOption, Document

HOTEL = DocOption("hotel", "饭店", ((None, "全部饭店（每家饭店另起一页）"),), "--hotel",
                  "只导出一家饭店：饭店名称或编号；默认全部饭店", metavar="NAME|ID")

DOCUMENTS = (
    Document("rooming", "住宿安排表", (".xlsx", ".pdf"), "rdplanner.lodging.documents:export_rooming",
             "住宿安排表（.xlsx 或 .pdf，按文件扩展名）", options=(HOTEL,), markable=True,
             hint="供饭店前台使用：每家饭店一页（Excel 中每家一张工作表），按房号列出房型、入住人员、晚数、"
                  "入住和退房日期。住宿页上选定一家饭店时只导出该饭店。"),
    Document("rooms-summary", "住宿用房汇总表", (".xlsx",), "rdplanner.lodging.documents:export_rooms_summary",
             "住宿用房汇总表（.xlsx）",
             hint="按饭店和房型列出每晚用房间数、预留间·夜、用房间·夜、协议价和金额（合租房间每晚计一间）。"),
)
