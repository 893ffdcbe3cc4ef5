"""The catering documents as the registry lists them (catering/domain.py takes DOCUMENTS): 用餐安排表,
the kitchen's notice (厨房备餐通知) and 菜单审核表. Cheap to import: the writers are named, not imported."""

from rdplanner.domain import DocOption, Document
from rdplanner.transport.document_specs import DAY

MEAL = DocOption("meal", "餐次", ((None, "全部餐次"), ("breakfast", "早餐"), ("lunch", "午餐"), ("dinner", "晚餐")),
                 "--meal", "只印一个餐次：breakfast、lunch 或 dinner；默认全部", metavar="KIND")

DOCUMENTS = (
    Document("meals", "用餐安排表", (".xlsx",), "rdplanner.catering.documents:export_meals",
             "用餐安排表（.xlsx）", options=(DAY,),
             hint="按日期和餐次列出地点、形式、就餐人数（由名单推算，含手工调整）、清真和素食等特殊餐食人数、"
                  "过敏人员和桌数。"),
    Document("kitchen", "厨房备餐通知", (".pdf",), "rdplanner.catering.documents:export_kitchen",
             "厨房备餐通知（.pdf，每餐一页）", options=(DAY, MEAL), markable=True,
             hint="每餐一页，交餐厅或厨房：时间、地点、形式、人数和桌数（清真桌另计）、特殊餐食及过敏人员名单、菜单。"),
    Document("menus", "菜单审核表", (".xlsx", ".pdf"), "rdplanner.catering.documents:export_menus",
             "菜单审核表（.xlsx 或 .pdf，按文件扩展名）", options=(DAY,), markable=True,
             hint="每餐菜单及人均价格，逐道菜对照节约词表审核，列出不符合项及其依据，并核对伙食费标准。"),
)
