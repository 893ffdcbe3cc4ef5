"""One Chinese reason for an operating-system error: never the system's English ``strerror``.

``read_reason`` and ``entry_reason`` do the same for a data file rdplanner reads (TOML, UTF-8): the
line of a syntax error, the entry missing a field, never the parser's English text.
"""

import errno
import re

REASONS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘空间已满",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有操作权限",
    errno.EROFS: "文件系统为只读",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "文件已存在",
    errno.ELOOP: "符号链接层数过多（可能是循环链接）",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.EIO: "磁盘读写出错",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "同时打开的文件过多",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EINVAL: "文件名或路径无效",
    errno.EFBIG: "文件过大",
}
GENERIC = "读写文件时出错"


def os_reason(exc: OSError) -> str:
    """Return a short Chinese reason for ``exc`` (a generic one for an errno not listed, never English)."""
    return REASONS.get(getattr(exc, "errno", None) or 0, GENERIC)


def read_reason(exc: BaseException) -> str:
    """Return why a text or TOML file could not be read, in Chinese (with the line of a syntax error)."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, UnicodeDecodeError):
        return f"不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节起无法识别）"
    place = re.search(r"at line (\d+), column (\d+)", str(exc))
    if place:
        return f"第 {place[1]} 行第 {place[2]} 列格式有误"
    return "文件格式有误"


def entry_reason(exc: BaseException) -> str:
    """Return what is wrong with one entry of a data file: a missing field, or a value of the wrong kind."""
    if isinstance(exc, KeyError) and exc.args:
        return f"缺少字段 {exc.args[0]}"
    if isinstance(exc, ValueError):
        return "某个数值不是整数"
    return "某个字段的类型不对"
