"""Errors of the roster import: a file that cannot be read or imported, and a cancelled import."""

from typing import Optional

from rdplanner.errors import RdplannerError
from rdplanner.progress import Cancelled


class ImportFileError(RdplannerError):
    """The file cannot be read or imported; the message names the file (and row and field if known).

    Nothing was written to the database when this is raised.
    """

    code = "import_file"

    def __init__(self, message: str, *, file: str = "", row: Optional[int] = None, field: str = "") -> None:
        super().__init__(message, file=file, row=row, field=field)
        self.file = file
        self.row = row
        self.field = field


class ImportCancelled(Cancelled):
    """The user cancelled a long read, preview or import; nothing was written."""

    code = "import_cancelled"
    default_message = "已取消导入，未写入任何数据。"
