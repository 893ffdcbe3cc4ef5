"""Reference data written into a database once (seeds): the frugality word list from
resources/standards/frugality_words.toml, and whatever later issues add (the expense standards).

Each seed runs once per database and is marked as done in OfficeSetting (``seeded:<name>``), so the
office's own edits are never overwritten, and a word it removed does not come back. ``ensure_seeded`` is
called by rdplanner.db.open_database after migrating, for writable databases only.

A seed checks each entry of its file as the office's own edits are checked (frugality_words.clean_word):
a bad entry is skipped with a notice naming the file (by its name: the screen never shows a file path)
and the entry, and the rest is written. A seed that could not complete (its file unreadable, the
database refusing the write) is not marked done, so the next opening tries again; its notice never
shows the driver's text.
"""

import logging
import tomllib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.errors import ConcurrentEdit, DatabaseReadOnly, InvalidInput, RdplannerError
from rdplanner.frugality_words import clean_word
from rdplanner.models import FrugalityRule, OfficeSetting
from rdplanner.os_errors import read_reason
from rdplanner.resources import STANDARDS
from rdplanner.text import clean_text

log = logging.getLogger("rdplanner.seeds")
log.addHandler(logging.NullHandler())

FRUGALITY_WORDS_FILE = STANDARDS / "frugality_words.toml"
SEED_PREFIX = "seeded:"
WORD_KEYS = ("word", "category", "rule", "applies_to")
SHOWN_WORD = 20  # characters of a bad word a notice quotes
NO_PRIVILEGE_STATES = frozenset({"42501"})  # insufficient_privilege: a login that may only read

Seed = Callable[[Session, list[str]], None]


def read_frugality_words(path: Path | None = None, notices: list[str] | None = None) -> list[dict]:
    """Return the valid words of the list as FrugalityRule values (word, category, rule, applies_to),
    each word once; append a notice to ``notices`` for each entry skipped.

    Raises:
        RdplannerError naming the file when it is missing, unreadable or not a list of entries.
    """
    path = path or FRUGALITY_WORDS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RdplannerError(f"无法读取节约词表文件 {path.name}：{read_reason(exc)}。") from exc
    entries = data.get("words", [])
    if not isinstance(entries, list):
        raise RdplannerError(f"节约词表文件 {path.name} 有误：words 应为一组 [[words]] 词条。")
    skipped = notices if notices is not None else []
    found: dict[str, dict] = {}
    for number, entry in enumerate(entries, 1):
        values, reason = _entry(entry)
        if values is not None and values["word"] in found:
            values, reason = None, "与前面的词条重复，只写入一次。"
        if values is None:
            skipped.append(f"节约词表文件 {path.name} 的{_entry_name(number, entry)}未写入：{reason}")
        else:
            found[values["word"]] = values
    return list(found.values())


def _entry(entry: object) -> tuple[dict | None, str]:
    """An entry's values as stored, or None with why it is refused."""
    if not isinstance(entry, dict):
        return None, "不是一个词条（应写成 [[words]] 下的 word = \"…\" 等）。"
    if "word" not in entry:
        return None, "缺少 word。"
    unknown = sorted(set(entry) - set(WORD_KEYS))
    if unknown:
        return None, f"有未知的字段 {'、'.join(unknown)}。"
    try:
        return clean_word({"category": "", "rule": "", "applies_to": "all"} | entry), ""
    except InvalidInput as exc:
        return None, str(exc)


def _entry_name(number: int, entry: object) -> str:
    """第 3 个词条 or 第 3 个词条“鱼翅” (cleaned of invisible characters, the start of a long word)."""
    word = entry.get("word") if isinstance(entry, dict) else None
    shown = clean_text(word) if isinstance(word, str) else ""
    if len(shown) > SHOWN_WORD:
        shown = shown[:SHOWN_WORD] + "…"
    return f"第 {number} 个词条“{shown}”" if shown else f"第 {number} 个词条"


def seed_frugality_words(session: Session, notices: list[str]) -> None:
    """Add the bundled words the table does not hold yet (the caller commits)."""
    held = set(session.scalars(select(FrugalityRule.word)))
    session.add_all(FrugalityRule(**values) for values in read_frugality_words(notices=notices)
                    if values["word"] not in held)


SEEDS: tuple[tuple[str, Seed], ...] = (
    ("frugality_words", seed_frugality_words),
)


def ensure_seeded(session: Session, seeds: tuple[tuple[str, Seed], ...] = SEEDS,
                  notices: list[str] | None = None) -> list[str]:
    """Run every seed not yet run on this database, each marked done in the same commit; return their
    names, appending each entry a seed skipped to ``notices``. Writes nothing when every seed has run.

    Raises:
        RdplannerError: a seed's file cannot be read (that seed and those after it stay to be done).
        A driver error: the database refused the write (rolled back).
    """
    done = set(session.scalars(select(OfficeSetting.key).where(OfficeSetting.key.startswith(SEED_PREFIX))))
    ran = []
    for name, seed in seeds:
        if SEED_PREFIX + name in done:
            continue
        skipped: list[str] = []
        try:
            seed(session, skipped)
            session.add(OfficeSetting(key=SEED_PREFIX + name, value="1"))
            session.commit()
        except BaseException:
            session.rollback()
            raise
        if notices is not None:
            notices += skipped
        ran.append(name)
    session.rollback()  # end the reading transaction
    return ran


def seed_on_open(database) -> None:
    """Run the seeds on a database just opened (rdplanner.db.open_database, writable only). A failure is
    a notice of the opening, not a refusal to open: the office can still work, and the next opening
    tries again. Another opening seeding at the same moment is waited for (one more try finds it done)."""
    from sqlalchemy.exc import DBAPIError

    from rdplanner.db_errors import is_driver_error, sqlstate, translate_db_error

    for attempt in (1, 2):
        try:
            with database.read_session() as session:
                ensure_seeded(session, SEEDS, notices=database.notices)
            return
        except RdplannerError as exc:
            database.notices.append(f"参考数据（节约词表）未能写入数据库：{exc}下次打开数据库时将再试。")
            return
        except DBAPIError as exc:
            if not is_driver_error(exc):
                raise
            error = translate_db_error(exc)  # logs the driver's text
            if isinstance(error, ConcurrentEdit) and attempt == 1:
                continue
            database.notices.append(_refusal_notice(exc, error, sqlstate(exc)))
            return


def _refusal_notice(exc: BaseException, error: RdplannerError, state: str) -> str:
    """The notice of a database that refused the seed's write, in plain Chinese."""
    if state in NO_PRIVILEGE_STATES or "permission denied" in str(getattr(exc, "orig", exc)).lower():
        reason = "当前登录的数据库账号只有读取权限，不能写入。"
    elif isinstance(error, DatabaseReadOnly):
        reason = "数据库是只读的，不能写入。"
    else:
        return f"参考数据（节约词表）未能写入数据库：{error}下次打开数据库时将再试。"
    return f"参考数据（节约词表）未能写入数据库：{reason}其余功能可照常使用；以可写入的账号打开时将自动补写。"
