"""The normalised form the menu review compares dishes and words on (pure): "鱼 翅", "魚翅", "鱼-翅" and
"鱼\u200b翅" all read 鱼翅. The form is NFKC (full-width and compatibility characters to their plain
forms), without spaces, punctuation, symbols or invisible characters, in lower case, with traditional
characters folded to their simplified forms by the table below.

The table is data: pairs of traditional → simplified characters, one group per line. It holds the
characters of the bundled frugality word list (resources/standards/frugality_words.toml) and of dishes
and drinks a menu or a word the office adds commonly names; a character not in it is compared as is.
"""

import unicodedata

TRADITIONAL_PAIRS = """
魚鱼 窩窝 參参 蔘参 鮑鲍 龍龙 蝦虾 鰕虾 檔档 餚肴 殽肴 動动 煙烟 菸烟 臺台 檯台 糧粮 醬酱 蟲虫 鴨鸭
鵝鹅 雞鸡 鷄鸡 鴿鸽 鵪鹌 鶉鹑 鮮鲜 蠔蚝 貝贝 鱉鳖 龜龟 鱘鲟 鰻鳗 鱸鲈 鯉鲤 鯊鲨 鰭鳍 魷鱿 鱈鳕 鯽鲫
鱖鳜 鰣鲥 鱔鳝 螞蚂 駝驼 驢驴 豬猪 羆罴 麅狍 貓猫 猻狲 蠍蝎 鵰雕 鷹鹰 飯饭 麵面 湯汤 燒烧 燉炖 滷卤
鹵卤 醃腌 醞酝 釀酿 飲饮 類类 雜杂 鍋锅 點点 麥麦 黃黄 紅红 乾干 幹干 貴贵 價价 廠厂 產产 級级 陳陈
壇坛 罈坛 樓楼 館馆 廳厅 會会 議议 禮礼 贈赠 捲卷 葉叶 蘭兰 蓮莲 筍笋 雲云 絲丝 醫医 藥药 補补 漿浆
園园 莊庄 場场 區区
"""
FOLD = {ord(pair[0]): pair[1] for pair in TRADITIONAL_PAIRS.split()}


def _kept(ch: str) -> bool:
    """Letters, marks and digits are compared; spaces, punctuation, symbols and controls are not."""
    return unicodedata.category(ch)[0] in "LMN"


def normalised(text: str) -> str:
    """``text`` in the form the menu review compares: "魚 翅（大）" → "鱼翅大"."""
    plain = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in plain if _kept(ch)).translate(FOLD)
