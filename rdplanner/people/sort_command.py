"""The ``sort-names`` command: one name a line in (UTF-8 with or without BOM, or GB18030), the names out in
stroke order as UTF-8; identical names and characters without stroke data are warned about on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdplanner.os_errors import os_reason
from rdplanner.people.ordering import CONVENTION_LABELS, Convention, order_names

EXIT_UNREADABLE = 2
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the command's options to its sub-parser."""
    parser.add_argument("--convention", choices=[c.value for c in Convention], default=Convention.XINGMING,
                        help="xingming：姓名笔画（默认，人大通用）；xingshi：姓氏笔画（单名排在双名之前）")
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="每行一个姓名的文本文件（UTF-8 或 GB18030）；省略或为 - 时读标准输入")


def decode_names(data: bytes) -> str | None:
    """Decode a name list: a BOM's encoding, else UTF-8, else GB18030; None if it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            candidates: tuple[str, ...] = (encoding,)
            break
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "文件不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    return f"读取出错（{os_reason(exc)}）"


def _read_input(file: str | None) -> tuple[bytes | None, str]:
    """The raw input and how to name it to the user; None (after telling the user) if unreadable."""
    if file in (None, "-"):
        stream = sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
        return data, "标准输入"
    try:
        return Path(file).read_bytes(), f"文件 {file}"
    except OSError as exc:
        print(f"rdplanner: 无法读取文件 {file}：{_why(exc)}", file=sys.stderr)
        return None, file


def _write(text: str) -> None:
    # UTF-8 whatever the console's locale: the output is meant for files and pipes.
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(text)


def run(args: argparse.Namespace) -> int:
    """Sort the names of FILE (or stdin) and print them, one a line; return the exit status."""
    data, label = _read_input(getattr(args, "file", None))
    if data is None:
        return EXIT_UNREADABLE
    text = decode_names(data)
    if text is None:
        print(f"rdplanner: 无法读取{label}：不是 UTF-8 或 GB18030 编码的文本", file=sys.stderr)
        return EXIT_UNREADABLE
    lines = text.splitlines()
    numbered = [(number, line.strip()) for number, line in enumerate(lines, 1) if line.strip()]
    names = [name for _, name in numbered]
    convention = Convention(getattr(args, "convention", Convention.XINGMING))
    result = order_names(names, convention)
    _write("".join(f"{names[i]}\n" for i in result.order))
    for warning in result.warnings(lambda i: f"第{numbered[i][0]}行"):
        print(f"rdplanner: 注意（{CONVENTION_LABELS[convention]}）：{warning}", file=sys.stderr)
    return 0
