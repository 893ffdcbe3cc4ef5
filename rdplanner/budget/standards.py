"""Expense standards (会议费开支标准) read from resources/standards/expense_standards.toml.

The office edits that file to follow its local standard; no code change is needed.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdplanner.errors import RdplannerError
from rdplanner.os_errors import entry_reason, read_reason
from rdplanner.resources import STANDARDS

STANDARDS_FILE = STANDARDS / "expense_standards.toml"


@dataclass(frozen=True)
class ExpenseStandard:
    """The per person-day ceilings of one meeting category, in yuan."""

    category: int
    label: str
    lodging: int
    meals: int
    other: int
    total: int
    max_days: int
    max_participants: int

    def summary(self) -> str:
        """Return one line for the screen, e.g. 二类：住宿费400、伙食费150、其他费用100，合计650元/人·天."""
        text = (
            f"{self.label}：住宿费{self.lodging}、伙食费{self.meals}、其他费用{self.other}，"
            f"合计{self.total}元/人·天（合计为上限，各项可调剂使用）"
        )
        limits = []
        if self.max_days:
            limits.append(f"会期不超过{self.max_days}天")
        if self.max_participants:
            limits.append(f"参会人数不超过{self.max_participants}人")
        return text + ("；" + "，".join(limits) if limits else "")


@lru_cache(maxsize=4)
def load_standards(path: Path = STANDARDS_FILE) -> tuple[str, dict[int, ExpenseStandard]]:
    """Return (source document, standards by category 1–4).

    Raises:
        RdplannerError naming the file and the entry when the file is missing or malformed.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RdplannerError(f"无法读取开支标准文件 {path}：{read_reason(exc)}") from exc
    standards = {}
    for key, entry in data.get("categories", {}).items():
        try:
            standards[int(key)] = ExpenseStandard(
                category=int(key),
                label=str(entry["label"]),
                **{f: int(entry.get(f, 0)) for f in ("lodging", "meals", "other", "total", "max_days", "max_participants")},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RdplannerError(f"开支标准文件 {path} 中 categories.{key} 有误：{entry_reason(exc)}") from exc
    return str(data.get("source", "")), standards
