"""os_reason: every OS error gets a Chinese reason, never the system's English text."""

import errno
import os
import re

import pytest

from rdplanner.os_errors import os_reason


@pytest.mark.parametrize("code", [errno.ELOOP, errno.EISDIR, errno.ENOTDIR, errno.EEXIST,
                                  errno.ENAMETOOLONG, errno.ENOSPC, errno.EROFS, errno.EACCES, 9999])
def test_reason_is_chinese(code):
    reason = os_reason(OSError(code, os.strerror(code) if code != 9999 else "Weird English"))
    assert not re.search(r"[A-Za-z]", reason)
    assert re.search(r"[\u4e00-\u9fff]", reason)


def test_real_errors_from_the_file_system(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OSError) as caught:
        loop.open()
    assert os_reason(caught.value) == "符号链接层数过多（可能是循环链接）"
    with pytest.raises(OSError) as caught:
        (tmp_path / ("x" * 300)).open("w")
    assert os_reason(caught.value) == "文件名过长"


def test_opening_under_a_file_names_the_reason_in_chinese(tmp_path):
    from rdplanner.db import open_database, sqlite_url
    from rdplanner.errors import DatabaseError

    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError) as caught:
        open_database(sqlite_url(blocker / "sub" / "r.sqlite"))
    assert "路径中的某一级不是文件夹" in str(caught.value)
    assert "directory" not in str(caught.value).lower().replace(str(tmp_path).lower(), "")
