"""Reference data written into a database once (seeds): the frugality word list from
resources/standards/frugality_words.toml, and whatever later issues add (the expense standards).

Each seed runs once per database and is marked as done in OfficeSetting (``seeded:<name>``), so the
office's own edits are never overwritten, and a word it removed does not come back. ``ensure_seeded`` is
called by rdplanner.db.open_database after migrating, for writable databases only.
"""

import tomllib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.errors import RdplannerError
from rdplanner.models import FrugalityRule, OfficeSetting
from rdplanner.os_errors import read_reason
from rdplanner.resources import STANDARDS

FRUGALITY_WORDS_FILE = STANDARDS / "frugality_words.toml"
SEED_PREFIX = "seeded:"


def read_frugality_words(path: Path = FRUGALITY_WORDS_FILE) -> list[dict]:
    """Return the words of the bundled list as FrugalityRule values (word, category, rule, applies_to).

    Raises:
        RdplannerError naming the file when it is missing or malformed.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return [{"word": str(w["word"]).strip(), "category": str(w.get("category", "")),
                 "rule": str(w.get("rule", "")), "applies_to": str(w.get("applies_to", "all"))}
                for w in data.get("words", [])]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RdplannerError(f"无法读取节约词表文件 {path}：{read_reason(exc)}") from exc
    except (KeyError, TypeError) as exc:
        raise RdplannerError(f"节约词表文件 {path} 有误：每个词条都要有 word。") from exc


def seed_frugality_words(session: Session) -> None:
    """Add the bundled words the table does not hold yet (the caller commits)."""
    held = set(session.scalars(select(FrugalityRule.word)))
    session.add_all(FrugalityRule(**values) for values in read_frugality_words()
                    if values["word"] and values["word"] not in held)


SEEDS: tuple[tuple[str, Callable[[Session], None]], ...] = (
    ("frugality_words", seed_frugality_words),
)


def ensure_seeded(session: Session, seeds: tuple[tuple[str, Callable[[Session], None]], ...] = SEEDS) -> list[str]:
    """Run every seed not yet run on this database, each marked done in the same commit; return their
    names. Writes nothing when every seed has run."""
    done = set(session.scalars(select(OfficeSetting.key).where(OfficeSetting.key.startswith(SEED_PREFIX))))
    ran = []
    for name, seed in seeds:
        if SEED_PREFIX + name in done:
            continue
        seed(session)
        session.add(OfficeSetting(key=SEED_PREFIX + name, value="1"))
        session.commit()
        ran.append(name)
    session.rollback()  # end the reading transaction
    return ran


def seed_on_open(database) -> None:
    """Run the seeds on a database just opened (rdplanner.db.open_database, writable only). A failure is
    a notice of the opening, not a refusal to open: the office can still work, and the next opening
    tries again."""
    from sqlalchemy.exc import DBAPIError

    from rdplanner.db_errors import first_line

    try:
        with database.read_session() as session:
            ensure_seeded(session)
    except (RdplannerError, DBAPIError) as exc:
        database.notices.append(f"参考数据（节约词表等）未能写入数据库：{first_line(exc)}")
