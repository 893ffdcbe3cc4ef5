"""`python -m rdplanner export KIND`: the documents and their options come from the domain registry
(rdplanner.registry), so a new domain's documents need no change here."""

import argparse
import sys
from pathlib import Path

from rdplanner.cli_types import record_id
from rdplanner.domain import DocOption, Document
from rdplanner.errors import InvalidInput, RdplannerError
from rdplanner.registry import documents


def _title(document: Document) -> str:
    return document.help.split("（")[0]


def _dest(option: DocOption) -> str:
    return option.cli.lstrip("-").replace("-", "_")


def _owners() -> dict[str, list[tuple[Document, DocOption]]]:
    """CLI spelling → the documents (and their option) that take it."""
    found: dict[str, list[tuple[Document, DocOption]]] = {}
    for document in documents().values():
        for option in document.options:
            found.setdefault(option.cli, []).append((document, option))
    return found


def add_arguments(parser: argparse.ArgumentParser, add_db_argument) -> None:
    from rdplanner.exports.glyph_marks import MARK

    kinds = documents()
    parser.add_argument("kind", choices=tuple(kinds), metavar="KIND",
                        help="；".join(f"{k}：{d.help}" for k, d in kinds.items()))
    add_db_argument(parser)
    parser.add_argument("--event", type=record_id, required=True, metavar="ID", help="活动编号")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")
    parser.add_argument("--mark-missing", action="store_true",
                        help=f"打印字体中没有的字印成“{MARK}”并照常导出 PDF，导出后列出这些文字"
                             "以便手写补上（默认：含有这种字时拒绝导出）")
    groups: dict[str, argparse._ArgumentGroup] = {}
    for cli, owners in _owners().items():
        document, option = owners[0]
        group = groups.get(document.kind) or groups.setdefault(
            document.kind, parser.add_argument_group(f"{_title(document)}（{document.kind}）选项"))
        if option.flag:
            group.add_argument(cli, dest=_dest(option), action="store_true", help=option.help)
        else:
            group.add_argument(cli, dest=_dest(option), metavar=option.metavar or None, help=option.help)


def _check(args: argparse.Namespace, document: Document) -> None:
    from rdplanner.db import resolve_url, sqlite_path
    from rdplanner.exports.target import database_target_refusal

    if Path(args.output).suffix.lower() not in document.suffixes:
        raise InvalidInput(f"参数 -o：文件“{args.output}”的扩展名不对，{document.kind}（{_title(document)}）只能导出为 "
                           f"{' 或 '.join(document.suffixes)} 文件，未写入任何文件。", field="path", path=args.output)
    database = sqlite_path(resolve_url(args.db))
    refusal = database_target_refusal(args.output, databases=[database] if database else [])
    if refusal is not None:
        raise InvalidInput(f"参数 -o：{refusal}", field="path", path=args.output)
    markable = [kind for kind, d in documents().items() if d.markable]
    if args.mark_missing and (not document.markable or not args.output.lower().endswith(".pdf")):
        raise InvalidInput(f"参数 --mark-missing 只适用于导出为 .pdf 的{'、'.join(markable)}，"
                           f"不适用于 {args.kind} 导出为“{args.output}”。", field="mark_missing")
    own = {option.cli for option in document.options}
    for cli, owners in _owners().items():
        if cli not in own and getattr(args, _dest(owners[0][1])) not in (None, False):
            other = owners[0][0]
            raise InvalidInput(f"参数 {cli} 只适用于 {other.kind}（{_title(other)}），不适用于 {args.kind}。",
                               field=_dest(owners[0][1]))


def _options(args: argparse.Namespace, document: Document) -> dict:
    """The writer's keyword arguments from what the user typed (an option not given keeps its default)."""
    options = {}
    for option in document.options:
        given = getattr(args, _dest(option))
        if option.flag:
            options[option.key] = option.flag_value if given else _not(option.flag_value)
        elif given is not None:
            try:
                options[option.key] = option.parse(given) if option.parse else given
            except InvalidInput as exc:
                raise InvalidInput(f"参数 {option.cli}：{exc}", **exc.params) from exc
    if args.mark_missing:
        from rdplanner.exports.glyph_marks import GlyphMarks

        options["marks"] = GlyphMarks()
    return options


def _not(value):
    return not value if isinstance(value, bool) else None


def run(args: argparse.Namespace, open_database) -> int:
    document = documents()[args.kind]
    _check(args, document)
    options = _options(args, document)
    marks = options.get("marks")
    fields = {option.key: option.cli for option in document.options} | {"path": "-o"}
    try:
        made = _write(args, options, open_database)
    except InvalidInput as exc:
        option = fields.get(str(exc.params.get("field", "")))
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
        print(f"rdplanner: 注意：{marks.summary(_title(document))}", file=sys.stderr)
    return 0


def _write(args: argparse.Namespace, options: dict, open_database):
    from rdplanner.planning import write_document

    db = open_database(args, read_only=True)
    try:
        with db.read_session() as session:  # exports read: other processes' writes need not wait
            return write_document(session, kind=args.kind, event_id=args.event, path=Path(args.output), **options)
    finally:
        db.close()
