"""Argument types of the command line shared by its commands: --db paths and record ids.

Each raises argparse.ArgumentTypeError with a Chinese message, so a bad value exits 2 with one line.
"""

import argparse

MAX_ID = 2**63 - 1  # the largest id SQLite and PostgreSQL (bigint) can store


def db_path(text: str) -> str:
    """Accept a --db value; refuse an empty one (it would silently mean the default database)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("参数 --db 为空，请给出数据库文件的路径")
    return text


def record_id(text: str) -> int:
    """Accept an id 1 ≤ id ≤ 2**63-1 (a larger one cannot exist and overflows the database driver)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"活动编号无效：“{text}”不是正整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"活动编号无效：{text}（应为正整数）")
    if value > MAX_ID:
        raise argparse.ArgumentTypeError(f"找不到该活动（编号 {text}）")
    return value
