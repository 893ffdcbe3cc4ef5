"""``rdplanner import-roster --db PATH --event ID FILE [--role ROLE] [--dry-run]``.

Without a dialog the detected columns are used as they are, and the file is all or nothing: any
row with an error stops the import (exit 2, one line on stderr naming file, row and field) and the
database is left unchanged. Warnings do not stop it; their count is printed.
"""

import argparse
import sys
from pathlib import Path

from rdplanner.cli_types import db_path, record_id
from rdplanner.errors import InvalidInput, RdplannerError
from rdplanner.labels import ROLES
from rdplanner.people.importing import (
    ImportPreview,
    apply_import,
    build_preview,
    default_role_for,
    describe_problem,
    detect_columns,
    read_table,
)
from rdplanner.people.importing.fields import role_code

EXIT_USER_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the import-roster arguments to ``parser``."""
    parser.add_argument("--db", type=db_path, metavar="PATH", help=(
                        "SQLite 数据库文件（默认：环境变量 RDPLANNER_DATABASE_URL、RDPLANNER_DB 或用户数据目录）"))
    parser.add_argument("--event", type=record_id, required=True, metavar="ID",
                        help="导入到哪个活动（活动编号）")
    parser.add_argument("--role", metavar="ROLE",
                        help=f"名单中未填参会身份的人员按此身份导入（{'、'.join(ROLES.values())}；默认按活动类型）")
    parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库")
    parser.add_argument("file", metavar="FILE", help="名单文件（.xlsx、.xls 或 .csv）")


def run(args: argparse.Namespace) -> int:
    """Import the roster; return 0 on success, 2 (after one line on stderr) on bad input."""
    try:
        return _run(args)
    except RdplannerError as exc:
        print(f"rdplanner: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR


def _run(args: argparse.Namespace) -> int:
    from rdplanner.cli_database import open_for_command
    from rdplanner.db import resolve_url, sqlite_path
    from rdplanner.db_files import refuse_unreadable
    from rdplanner.events.service import get_event

    path = Path(args.file)
    table = read_table(path)
    guess = detect_columns(table)
    # The event must exist already: never create a database; a dry run only reads (and never waits).
    url = resolve_url(args.db)
    if sqlite_path(url) is not None:
        refuse_unreadable(sqlite_path(url))
    db = open_for_command(url, read_only=args.dry_run)
    try:
        with db.read_session() if args.dry_run else db.session() as session:
            event = get_event(session, args.event)
            role = _role(args.role) if args.role else default_role_for(event.event_type)
            preview = build_preview(session, event_id=args.event, table=table, mapping=guess,
                                    default_role=role)
            _refuse_errors(preview)
            if args.dry_run:
                print(f"试运行（未写入）：{path.name} 导入到“{event.name}”将{_counts(preview)}。")
            else:
                result = apply_import(session, event_id=args.event, preview=preview,
                                      accepted_row_numbers=preview.accepted_row_numbers, file_name=path.name)
                print(f"已将 {path.name} 导入“{event.name}”：{result.summary()}（导入批次 {result.batch_id}）。")
    finally:
        db.close()
    _report_warnings(preview)
    return 0


def _role(text: str) -> str:
    code = role_code(text)
    if code is None:
        raise InvalidInput(f"未知的参会身份“{text}”，应为：{'、'.join(ROLES.values())}", field="role")
    return code


def _refuse_errors(preview: ImportPreview) -> None:
    failing = [(row, problem) for row in preview.rows for problem in row.errors]
    if failing:
        row, problem = failing[0]
        others = len(failing) - 1
        more = f"（另有 {others} 处错误）" if others else ""
        raise InvalidInput(f"{describe_problem(preview.file_name, row.row_number, problem)}{more}；未导入任何数据。",
                           field=problem.field)


def _counts(preview: ImportPreview) -> str:
    counts = preview.counts()
    return f"新增 {counts['add']} 人，更新 {counts['update']} 人，未变 {counts['unchanged']} 人"


def _report_warnings(preview: ImportPreview) -> None:
    if preview.warning_count:
        first = next(row for row in preview.rows if row.warnings)
        example = describe_problem(preview.file_name, first.row_number, first.warnings[0])
        print(f"提示 {preview.warning_count} 条，例如：{_one_line(example)}")
    for row_number, reason in preview.skipped:
        print(f"已跳过第 {row_number} 行：{reason}")


def _one_line(text: str) -> str:
    return " ".join(text.split())
