"""The errors of writing a document, apart from the writers so that light modules (fonts) can raise
them without loading openpyxl."""

from rdplanner.errors import RdplannerError
from rdplanner.progress import Cancelled


class ExportError(RdplannerError):
    """A document could not be written; ``params["path"]`` names the file. Nothing half-written is left."""

    code = "export"


class ExportCancelled(ExportError, Cancelled):
    """The user cancelled the export; no file was written."""

    code = "export_cancelled"
    default_message = "已取消导出，未生成文件。"
