"""Deterministic, realistic Chinese people for the demo: names, units, posts, ID numbers, phones."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from rdplanner.people.idcard import check_digit

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤单解仇区查"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛")
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅志文斌宇浩凯鹏辉俊峰"
    "海燕晓东雪琳晨亮林博宏健婷颖立新春卫庆松涵思远德成永福荣金铭瑞彤佳欣怡婧倩琪蕾丹"
    "学武振兴晋安跃进卫民世杰光辉海涛秋云少华利民宝山家豪子涵一德大利富旭"
)
ETHNICITIES = ["汉族"] * 40 + ["回族", "满族", "蒙古族", "壮族", "土家族", "苗族"]
REGION_CODES = ("330102", "330105", "330106", "330108", "330109", "330110", "330122", "330127")


@dataclass
class DemoPerson:
    """A generated person (plain values, turned into rows by the builder)."""

    name: str
    gender: str
    ethnicity: str
    id_card_no: str
    phone: str
    unit: str = ""
    post: str = ""
    delegation: str = ""
    dietary: str = ""


class PersonFactory:
    """Makes distinct people from a seeded random generator (same seed, same people)."""

    def __init__(self, seed: int, *, taken_ids: set[str] = frozenset()) -> None:
        self._rng = random.Random(seed)
        self._names: set[str] = set()
        self._ids: set[str] = set(taken_ids)

    def person(self, *, min_age: int = 35, max_age: int = 62) -> DemoPerson:
        gender = "女" if self._rng.random() < 0.3 else "男"
        name = self._unique_name()
        ethnicity = self._rng.choice(ETHNICITIES)
        return DemoPerson(
            name=name,
            gender=gender,
            ethnicity=ethnicity,
            id_card_no=self._id_number(gender, min_age, max_age),
            phone="1" + self._rng.choice("3589") + "".join(self._rng.choices("0123456789", k=9)),
            dietary="清真" if ethnicity == "回族" else ("素食" if self._rng.random() < 0.02 else ""),
        )

    def pick(self, options):
        return self._rng.choice(options)

    def chance(self, p: float) -> bool:
        return self._rng.random() < p

    def _unique_name(self) -> str:
        while True:
            if self._rng.random() < 0.02:
                surname = self._rng.choice(COMPOUND_SURNAMES)
            else:
                surname = self._rng.choice(SURNAMES)
            given = "".join(self._rng.choices(GIVEN, k=1 if self._rng.random() < 0.25 else 2))
            name = surname + given
            if name not in self._names:
                self._names.add(name)
                return name

    def _id_number(self, gender: str, min_age: int, max_age: int) -> str:
        while True:
            born = date(2026, 1, 1) - timedelta(days=self._rng.randint(min_age * 365, max_age * 365))
            sequence = self._rng.randint(10, 99) * 10 + self._rng.choice(
                (1, 3, 5, 7, 9) if gender == "男" else (0, 2, 4, 6, 8)
            )
            first17 = f"{self._rng.choice(REGION_CODES)}{born:%Y%m%d}{sequence:03d}"
            number = first17 + check_digit(first17)
            if number not in self._ids:
                self._ids.add(number)
                return number
