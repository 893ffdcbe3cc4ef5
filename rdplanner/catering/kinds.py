"""The catering domain's codes and their Chinese labels, in display order (declared on Domain.labels).
APPLIES_TO (which events a word of the frugality list applies to) lives with the list's entry rules."""

from rdplanner.frugality_words import APPLIES_TO  # noqa: F401  (re-exported for the pages and domain)

MEAL_KINDS: dict[str, str] = {"breakfast": "早餐", "lunch": "午餐", "dinner": "晚餐"}
MEAL_ORDER = {kind: n for n, kind in enumerate(MEAL_KINDS)}

# 宴请 is a style meetings may not hold (财行〔2016〕214号) and receptions keep to one working meal.
MEAL_STYLES: dict[str, str] = {"working": "工作餐", "buffet": "自助餐", "set": "桌餐", "boxed": "盒饭",
                               "banquet": "宴请"}
BANQUET = "banquet"
WORKING_MEAL = "working"

RECEPTION_TYPES = frozenset({"official_reception"})

# Dietary needs the kitchen counts apart (Participation.dietary is free text: "清真", "素食", "花生过敏").
HALAL, VEGETARIAN = "清真", "素食"
