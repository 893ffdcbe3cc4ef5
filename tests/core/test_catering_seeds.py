"""Seeding the frugality word list from a damaged file or into a database that refuses the write
(rdplanner.seeds, run by open_database): a bad entry is skipped with a notice naming the file and the
entry, the rest is written; a refusal is a plain Chinese notice, and only an incomplete seed is retried."""

import pytest
from sqlalchemy import create_engine, delete, select, text
from sqlalchemy.engine import make_url

from rdplanner import seeds
from rdplanner.db import open_database
from rdplanner.models import FrugalityRule, OfficeSetting

DRIVER_WORDS = ("psycopg", "sqlite", "unique", "constraint", "duplicate", "permission", "violat")
BAD_FILE = """
[[words]]
word = " 鱼\\u200b翅 "
category = "菜肴"
[[words]]
word = "鱼翅"
[[words]]
word = "长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长"
[[words]]
word = "燕窝"
applies_to = "bogus"
[[words]]
word = "  \\u202e "
[[words]]
word = "鲍\\u0000鱼"
category = ["菜肴"]
[[words]]
word = "海参"
rule = "不得安排\\u0090高档菜肴"
[[words]]
word = "龙\\u202e虾\\u0000"
applies_to = "meeting"
[[words]]
word = "茅台"
size = 1
"""


def unseed(database) -> None:
    with database.session() as session:
        session.execute(delete(FrugalityRule))
        session.execute(delete(OfficeSetting).where(OfficeSetting.key.startswith(seeds.SEED_PREFIX)))
        session.commit()


def held(url: str) -> tuple[list[tuple], bool]:
    database = open_database(url)
    try:
        with database.session() as session:
            f = FrugalityRule
            rows = session.execute(select(f.word, f.category, f.applies_to).order_by(f.word)).all()
            return [tuple(r) for r in rows], session.get(OfficeSetting, "seeded:frugality_words") is not None
    finally:
        database.close()


def test_bad_entries_are_skipped_naming_file_and_entry_and_the_rest_is_seeded_once(database, db_url,
                                                                                    tmp_path, monkeypatch):
    unseed(database)
    words = tmp_path / "dir" / "frugality_words.toml"
    words.parent.mkdir()
    words.write_text(BAD_FILE, encoding="utf-8")
    monkeypatch.setattr(seeds, "FRUGALITY_WORDS_FILE", words)
    opened = open_database(db_url)
    notices = opened.notices
    opened.close()
    name = "节约词表文件 frugality_words.toml 的"
    assert notices == [
        name + "第 2 个词条“鱼翅”未写入：与前面的词条重复，只写入一次。",
        name + f"第 3 个词条“{'长' * 20}…”未写入：词语不能超过 40 个字（现有 41 个字）。",
        name + "第 4 个词条“燕窝”未写入：适用范围只能是会议和公务接待、仅会议、仅公务接待之一。",
        name + "第 5 个词条未写入：请填写词语。",
        name + "第 6 个词条“鲍鱼”未写入：类别须为一段文字。",
        name + "第 7 个词条“海参”未写入：依据的第 5 个字是不可见的控制字符，请删去后再保存。",
        name + "第 9 个词条“茅台”未写入：有未知的字段 size。"]
    assert not any(str(tmp_path) in n for n in notices)
    assert held(db_url) == ([("鱼翅", "菜肴", "all"), ("龙虾", "", "meeting")], True)
    again = open_database(db_url)
    assert again.notices == []  # the seed completed: its notices are not shown again
    again.close()


@pytest.mark.parametrize(("body", "reason"), [
    ('words = "鱼翅"\n', "节约词表文件 frugality_words.toml 有误：words 应为一组 [[words]] 词条。"),
    ("[[words]\nword = 1\n", "无法读取节约词表文件 frugality_words.toml：第 1 行第 8 列格式有误。")])
def test_an_unreadable_file_is_a_notice_without_its_path_and_is_retried(database, db_url, tmp_path,
                                                                       monkeypatch, body, reason):
    unseed(database)
    words = tmp_path / "frugality_words.toml"
    words.write_text(body, encoding="utf-8")
    monkeypatch.setattr(seeds, "FRUGALITY_WORDS_FILE", words)
    for _ in range(2):
        opened = open_database(db_url)
        assert opened.notices == [f"参考数据（节约词表）未能写入数据库：{reason}下次打开数据库时将再试。"]
        opened.close()
    monkeypatch.undo()
    assert held(db_url)[1] is True  # a readable file at a later opening completes the seed


def test_a_write_the_database_refuses_is_a_plain_notice_and_is_retried(database, db_url, monkeypatch):
    unseed(database)

    def clashing(session, notices):
        session.add_all([FrugalityRule(word="鱼翅"), FrugalityRule(word="鱼翅")])

    monkeypatch.setattr(seeds, "SEEDS", (("frugality_words", clashing),))
    opened = open_database(db_url)
    notices = opened.notices
    opened.close()
    assert len(notices) == 1 and notices[0].startswith("参考数据（节约词表）未能写入数据库：")
    assert notices[0].endswith("下次打开数据库时将再试。")
    assert not any(word in notices[0].lower() for word in DRIVER_WORDS)
    monkeypatch.undo()
    words, done = held(db_url)
    assert done and {"鱼翅", "燕窝", "茅台"} <= {word for word, _, _ in words}


def postgres_only(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("a read-only login is a PostgreSQL account setting")


def test_a_login_that_may_only_read_gets_a_plain_notice(database, db_url):
    postgres_only(db_url)
    unseed(database)
    url = make_url(db_url)
    role = "rdp_test_reader"
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
                          f"THEN CREATE ROLE {role} LOGIN; END IF; END $$"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    try:
        reader = open_database(url.set(username=role, password=None).render_as_string(hide_password=False))
        notices = reader.notices
        reader.close()
        assert notices == ["参考数据（节约词表）未能写入数据库：当前登录的数据库账号只有读取权限，不能写入。"
                           "其余功能可照常使用；以可写入的账号打开时将自动补写。"]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
        admin.dispose()
    assert held(db_url)[1] is True  # the office's own login writes it at its next opening


def test_a_database_set_to_read_only_gets_a_plain_notice(database, db_url):
    postgres_only(db_url)
    unseed(database)
    name = make_url(db_url).database
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
    try:
        opened = open_database(db_url)
        notices = opened.notices
        opened.close()
        assert notices == ["参考数据（节约词表）未能写入数据库：数据库是只读的，不能写入。"
                           "其余功能可照常使用；以可写入的账号打开时将自动补写。"]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" RESET default_transaction_read_only'))
        admin.dispose()
