"""The command line, ``python -m rdplanner COMMAND`` (also installed as ``rdplanner``).

Each command is a (name, help, add_arguments, run) entry in COMMANDS; run returns the exit status.
Errors meant for the user are printed as one Chinese line on stderr with a non-zero status.
"""

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rdplanner.cli_types import db_path, record_id
from rdplanner.errors import InvalidInput, RdplannerError

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
    "%(prog)s: error: %(message)s\n": "%(prog)s：参数错误：%(message)s\n",
}


def _chinese_argparse() -> None:
    argparse._ = lambda text: _ARGPARSE_WORDS.get(text, text)  # type: ignore[attr-defined]


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


EXPORT_KINDS = {
    "seatmap": "座次图（.pdf）",
    "cards": "席卡（.pdf；默认主席台人员按位次，会议桌或宴会布局为全部就座人员）",
    "seatlist": "对号入座名单（.pdf 或 .xlsx，按文件扩展名）",
    "roster": "参会人员名单（.xlsx）",
    "signin": "签到表（.pdf 或 .xlsx，按文件扩展名）",
}
# The file types each kind can write; the extension of -o picks one.
EXPORT_SUFFIXES = {"seatmap": (".pdf",), "cards": (".pdf",), "seatlist": (".pdf", ".xlsx"),
                   "roster": (".xlsx",), "signin": (".pdf", ".xlsx")}
# The documents --mark-missing applies to (as .pdf): their fonts may lack a character of a name.
MARKABLE_KINDS = ("seatmap", "cards", "seatlist", "signin")
# Options that only make sense for one kind of document (dest → kind).
EXPORT_OPTION_KINDS = {"view": "seatmap", "page": "seatmap", "portrait": "seatmap", "tiles": "seatmap",
                       "size": "cards", "family": "cards", "per_sheet": "cards", "scope": "cards"}
# The option the user typed for each field a core error names.
FIELD_OPTIONS = {"viewpoint": "--view", "page": "--page", "tiles": "--tiles", "size": "--size",
                 "family": "--family", "scope": "--scope", "path": "-o"}


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    from rdplanner.exports.glyph_marks import MARK
    parser.add_argument("kind", choices=tuple(EXPORT_KINDS), metavar="KIND",
                        help="；".join(f"{k}：{v}" for k, v in EXPORT_KINDS.items()))
    _add_db_argument(parser)
    parser.add_argument("--event", type=record_id, required=True, metavar="ID", help="活动编号")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")
    parser.add_argument("--show-sensitive", action="store_true", help="名单中显示完整的手机和身份证号")
    parser.add_argument("--mark-missing", action="store_true",
                        help=f"打印字体中没有的字印成“{MARK}”并照常导出 PDF，导出后列出这些文字"
                             "以便手写补上（默认：含有这种字时拒绝导出）")
    seatmap = parser.add_argument_group("座次图（seatmap）选项")
    seatmap.add_argument("--view", metavar="stage|audience",
                         help="audience：面向主席台（默认）；stage：主席台视角")
    seatmap.add_argument("--page", metavar="A4|A3", help="纸张大小（默认 A3）")
    seatmap.add_argument("--portrait", action="store_true", help="纵向打印（默认横向）")
    seatmap.add_argument("--tiles", metavar="CxR",
                         help="大会场分多张打印：列x行，如 2x2（先印总图，再印各分图）")
    cards = parser.add_argument_group("席卡（cards）选项")
    cards.add_argument("--size", metavar="210x140|…",
                       help="席卡尺寸（毫米，宽x展开高）：210x140（默认）、200x100、180x120、150x100")
    cards.add_argument("--family", metavar="serif|sans", help="字体：serif 宋体风格（默认）或 sans 黑体风格")
    cards.add_argument("--per-sheet", action="store_true", help="多张席卡拼印在 A4 纸上，带裁切线和折线")
    cards.add_argument("--scope", metavar="rostrum|tables",
                       help="rostrum：主席台人员；tables：全部就座人员（默认按座位布局而定）")


def _parse_tiles(text: str) -> tuple[int, int]:
    import re

    match = re.fullmatch(r"\s*(\d{1,3})\s*[xX×*]\s*(\d{1,3})\s*", text)
    if not match:
        raise InvalidInput(f"分图应写作“列x行”，如 2x2，而不是“{text}”。", field="tiles")
    return int(match[1]), int(match[2])


def _check_export_options(args: argparse.Namespace) -> None:
    _check_export_suffix(args.kind, args.output)
    _check_export_target(args)
    if args.mark_missing and (args.kind not in MARKABLE_KINDS or not args.output.lower().endswith(".pdf")):
        raise InvalidInput(f"参数 --mark-missing 只适用于导出为 .pdf 的{'、'.join(MARKABLE_KINDS)}，"
                           f"不适用于 {args.kind} 导出为“{args.output}”。", field="mark_missing")
    for dest, kind in EXPORT_OPTION_KINDS.items():
        if getattr(args, dest) not in (None, False) and args.kind != kind:
            option = "--" + dest.replace("_", "-")
            raise InvalidInput(f"参数 {option} 只适用于 {kind}（{EXPORT_KINDS[kind].split('（')[0]}），"
                               f"不适用于 {args.kind}。", field=dest)


def _check_export_suffix(kind: str, output: str) -> None:
    """Refuse an output file whose extension the kind cannot write (r.pdf for the roster workbook)."""
    from pathlib import Path

    allowed = EXPORT_SUFFIXES[kind]
    if Path(output).suffix.lower() not in allowed:
        what = EXPORT_KINDS[kind].split("（")[0]
        raise InvalidInput(f"参数 -o：文件“{output}”的扩展名不对，{kind}（{what}）只能导出为 "
                           f"{' 或 '.join(allowed)} 文件，未写入任何文件。", field="path", path=output)


def _check_export_target(args: argparse.Namespace) -> None:
    """Refuse -o naming the database (under any spelling), a backup or its journal, before opening it."""
    from rdplanner.db import resolve_url, sqlite_path
    from rdplanner.exports.target import database_target_refusal

    database = sqlite_path(resolve_url(args.db))
    refusal = database_target_refusal(args.output, databases=[database] if database else [])
    if refusal is not None:
        raise InvalidInput(f"参数 -o：{refusal}", field="path", path=args.output)


def _export_options(args: argparse.Namespace) -> dict:
    """Return the keyword arguments of the chosen export taken from the options the user gave."""
    return _kind_options(args) | _marks_option(args)


def _kind_options(args: argparse.Namespace) -> dict:
    if args.kind == "seatmap":
        given = {"viewpoint": args.view, "page": args.page,
                 "tiles": _parse_tiles(args.tiles) if args.tiles is not None else None}
        return {k: v for k, v in given.items() if v is not None} | {"landscape": not args.portrait}
    if args.kind == "cards":
        given = {"size": args.size, "family": args.family, "scope": args.scope}
        return {k: v for k, v in given.items() if v is not None} | {"per_sheet": args.per_sheet}
    if args.kind == "roster":
        return {"show_sensitive": args.show_sensitive}
    return {}


def _marks_option(args: argparse.Namespace) -> dict:
    """Return {"marks": a GlyphMarks} when --mark-missing was given (cheap: no font is read), else {}."""
    if not args.mark_missing:
        return {}
    from rdplanner.exports.glyph_marks import GlyphMarks

    return {"marks": GlyphMarks()}


def _run_export(args: argparse.Namespace) -> int:
    _check_export_options(args)
    marks = None
    try:
        options = _export_options(args)
        marks = options.get("marks")
        made = _export(args, options)
    except InvalidInput as exc:
        option = FIELD_OPTIONS.get(str(exc.params.get("field", "")))
        if option is None:
            raise
        raise InvalidInput(f"参数 {option}：{exc}", **exc.params) from exc
    except RdplannerError as exc:
        if exc.code != "missing_glyphs":
            raise
        from rdplanner.exports.glyph_marks import MARK

        raise type(exc)(f"{exc}如确需照常导出，可加参数 --mark-missing：这些字将印成“{MARK}”，"
                        "导出后请在打印件上手写补上。", **exc.params) from exc
    print(f"已导出：{made}")
    if marks is not None and marks.texts:
        print(f"rdplanner: 注意：{marks.summary(EXPORT_KINDS[args.kind].split('（')[0])}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace, options: dict):
    from pathlib import Path

    from rdplanner.people.documents import export_roster, export_signin
    from rdplanner.seating.documents import export_cards, export_seatlist, export_seatmap

    writers = {"seatmap": export_seatmap, "cards": export_cards, "seatlist": export_seatlist,
               "roster": export_roster, "signin": export_signin}
    db = _open(args, read_only=True)
    try:
        with db.read_session() as session:  # exports read: other processes' writes need not wait
            return writers[args.kind](session, event_id=args.event, path=Path(args.output), **options)
    finally:
        db.close()


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
    parser = argparse.ArgumentParser(prog="rdplanner", description="rdplanner 会务保障规划 命令行")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
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
