"""The command line, ``python -m rdplanner COMMAND`` (also installed as ``rdplanner``).

Each command is a (name, help, add_arguments, run) entry in COMMANDS; run returns the exit status.
Errors meant for the user are printed as one Chinese line on stderr with a non-zero status.
"""

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rdplanner.cli_types import db_path
from rdplanner.errors import RdplannerError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1

# argparse's own words (usage, help, errors) in Chinese: every word a user sees is Chinese.
_ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "需要一个值",
}


def _chinese_argparse() -> None:
    argparse._ = lambda text: _ARGPARSE_WORDS.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse with a usage error as one Chinese line (naming the help to read), status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USER_ERROR, f"{self.prog}：参数错误：{message}。用法见 {self.prog} -h\n")


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=db_path,
        metavar="PATH",
        help="SQLite 数据库文件（默认：环境变量 RDPLANNER_DATABASE_URL、RDPLANNER_DB 或用户数据目录）",
    )


def _open(args: argparse.Namespace, *, read_only: bool = False):
    from rdplanner.cli_database import open_for_command
    from rdplanner.db import resolve_url

    return open_for_command(resolve_url(args.db), read_only=read_only)


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    _add_db_argument(parser)
    parser.add_argument("--size", choices=("small", "large"), default="small",
                        help="small：常委会会议（约 80 人）；large：人民代表大会会议（800 人）")


def _run_demo(args: argparse.Namespace) -> int:
    from rdplanner.demo import build_demo
    from rdplanner.events.service import get_event

    db = _open(args)
    try:
        with db.session() as session:
            event_id = build_demo(session, size=args.size)
            event = get_event(session, event_id)
    finally:
        db.close()
    print(f"已创建演示活动：{event.name}（{event.participant_count} 人），数据库 {db.describe()}")
    print(f"活动编号 {event_id}")
    return 0


def _bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 数组输出每项指标")
    parser.add_argument("--scale", choices=("large", "national"), default="large",
                        help="large：800 人、1,000 座（默认）；national：3,000 人、10,000 座")


def _run_bench(args: argparse.Namespace) -> int:
    from rdplanner.bench import run_benchmark

    return run_benchmark(as_json=args.json, scale=args.scale)


def _sort_arguments(parser: argparse.ArgumentParser) -> None:
    from rdplanner.people.sort_command import add_arguments

    add_arguments(parser)


def _run_sort(args: argparse.Namespace) -> int:
    from rdplanner.people.sort_command import run

    return run(args)


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    from rdplanner.people.import_command import add_arguments

    add_arguments(parser)


def _run_import(args: argparse.Namespace) -> int:
    from rdplanner.people.import_command import run

    return run(args)


def _rostrum_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("n", type=int, metavar="N", help="主席台一排的座位数")
    parser.add_argument("--view", choices=("stage", "audience"), default="stage",
                        help="stage：主席台视角（默认）；audience：面向主席台")
    parser.add_argument("--even", choices=("majority", "minority"), default="majority",
                        help="双数时的排法：majority（2 号在 1 号左侧，默认）或 minority")


def _run_rostrum(args: argparse.Namespace) -> int:
    from rdplanner.seating.protocol import rostrum_row

    print(" ".join(str(rank) for rank in rostrum_row(args.n, view=args.view, even=args.even)))
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    from rdplanner.cli_export import add_arguments

    add_arguments(parser, _add_db_argument)


def _run_export(args: argparse.Namespace) -> int:
    from rdplanner.cli_export import run

    return run(args, _open)


COMMANDS: tuple[Command, ...] = (
    Command("demo", "创建演示活动并输出其编号", _demo_arguments, _run_demo),
    Command("sort-names", "按笔画排序姓名（每行一个，无文件时读标准输入）", _sort_arguments, _run_sort),
    Command("rostrum", "按职务排序输出主席台一排各座位的位次（从左到右）", _rostrum_arguments, _run_rostrum),
    Command("import-roster", "从 Excel/CSV 导入参会人员名单", _import_arguments, _run_import),
    Command("export", "导出文档", _export_arguments, _run_export),
    Command("bench", "运行性能基准测试", _bench_arguments, _run_bench),
)


def build_parser() -> argparse.ArgumentParser:
    _chinese_argparse()
    parser = _Parser(prog="rdplanner", description="rdplanner 会务保障规划 命令行")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    from rdplanner.registry import DOMAINS

    for entry in DOMAINS:  # the domains' own commands (plan-transport …), after the shared ones
        for command in entry.commands:
            sub = commands.add_parser(command.name, help=command.help, description=command.help)
            command.add_arguments(sub, _add_db_argument)
            sub.set_defaults(run=lambda args, command=command: command.runner()(args))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (0 on success)."""
    from rdplanner.app_log import log_to_file

    log_to_file()  # stderr carries only the one Chinese line, never a logged warning
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except RdplannerError as exc:
        print(f"rdplanner: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("rdplanner: 已中断", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001  (a defect: logged for a technician, one line for the user)
        logging.getLogger("rdplanner.cli").exception("unexpected error in %s", args.command)
        from rdplanner.app_log import LOG_FILE, log_folder

        log = log_folder() / LOG_FILE
        print(f"rdplanner: 程序内部错误，命令未完成（已写入日志 {log}），请联系技术人员。", file=sys.stderr)
        return EXIT_INTERNAL_ERROR
