"""Alembic environment: runs migrations on the connection open_database() hands over.

Batch mode for SQLite (it cannot ALTER most things in place). The whole upgrade runs in the
caller's transaction, so a failing step leaves the database as it was.
"""

from alembic import context
from sqlmodel import SQLModel

import rdplanner.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from rdplanner.errors import MigrationRefused

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("rdplanner migrations run through rdplanner.db.open_database()")

is_sqlite = connection.dialect.name == "sqlite"
if connection.dialect.name == "postgresql":
    # Two clients starting at once on a shared server: only one migrates.
    connection.exec_driver_sql("SELECT pg_advisory_xact_lock(72019)")
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=is_sqlite,
    compare_server_default=True,
)
context.run_migrations()
if is_sqlite:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise MigrationRefused(
            f"数据库中有 {len(problems)} 条记录引用了不存在的数据（如表 {table} 第 {rowid} 行引用的 {parent}），"
            "无法升级数据库结构。升级已撤销，文件未被改动；请联系技术人员修复后再打开。"
        )
