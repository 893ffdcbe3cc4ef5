"""The programme's codes and their Chinese labels, in display order."""

ITEM_KINDS: dict[str, str] = {
    "arrival": "报到",
    "plenary": "全体会议",
    "group": "分组会议",
    "visit": "视察点",
    "forum": "座谈会",
    "meal": "用餐",
    "departure": "返程",
    "other": "其他",
}
SITTING_KINDS = frozenset({"plenary", "group"})  # the items people sign in to, held in a hall

AUDIENCES: dict[str, str] = {
    "all": "全体人员",
    "role": "按身份",
    "delegation": "代表团",
    "group": "小组",
    "people": "指定人员",
}
