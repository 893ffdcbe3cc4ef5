"""Direct printing with a print preview: the PDF the core writes is what the printer gets.

The seat map and the name cards are laid out once, by the core's reportlab writers. Printing renders
that same PDF page by page at the printer's resolution with pypdfium2 (PDFium, the renderer of Chrome;
PySide6-Essentials has no QtPdf), so the preview, the printed sheet and the exported file can never
disagree.
"""

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

PRINT_DPI = 300
PREVIEW_DPI = 110


def print_dpi(printer: QPrinter) -> int:
    """Screen resolution while the preview records its pages (a picture engine), printer resolution
    when printing: a preview of 60 cards at 300 dpi would hold gigabytes of images."""
    engine = printer.paintEngine()
    return PREVIEW_DPI if engine is not None and engine.type() == QPaintEngine.Type.Picture else PRINT_DPI


class PrintDocument:
    """A PDF opened for printing: its page sizes in points and each page rendered as a QImage."""

    def __init__(self, path: Path) -> None:
        try:
            self._pdf = pypdfium2.PdfDocument(str(path))
        except (pypdfium2.PdfiumError, OSError) as exc:
            raise OSError(f"无法读取生成的打印文件“{path}”：{exc}") from exc
        self.path = path

    def page_count(self) -> int:
        return len(self._pdf)

    def page_points(self, index: int) -> tuple[float, float]:
        return self._pdf[index].get_size()

    def render(self, index: int, dpi: float = PRINT_DPI) -> QImage:
        bitmap = self._pdf[index].render(scale=dpi / 72, rev_byteorder=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        return image.copy()  # detach from PDFium's buffer before the bitmap is freed

    def close(self) -> None:
        self._pdf.close()


def page_layout_for(document: PrintDocument) -> QPageLayout:
    """The printer page (size and orientation) of the PDF's first page, no margins: the PDF has its own."""
    width, height = document.page_points(0)
    size = QSizeF(min(width, height), max(width, height))
    return QPageLayout(
        QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )


def paint_pdf(document: PrintDocument, printer: QPrinter, dpi: float = PRINT_DPI) -> int:
    """Draw every page of ``document`` onto ``printer``, scaled to the printable page; returns the pages."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("打印机无法开始打印，请检查打印机设置。")
    try:
        for index in range(document.page_count()):
            if index:
                printer.newPage()
            target = QRectF(painter.viewport())
            points_w, points_h = document.page_points(index)
            scale = min(target.width() / points_w, target.height() / points_h)
            width, height = points_w * scale, points_h * scale
            painter.drawImage(
                QRectF(
                    target.x() + (target.width() - width) / 2,
                    target.y() + (target.height() - height) / 2,
                    width,
                    height,
                ),
                document.render(index, dpi),
            )
    finally:
        painter.end()
    return document.page_count()


def _paint_or_report(dialog: QWidget, document: PrintDocument, printer: QPrinter) -> None:
    # A slot must not raise: a printer that cannot start is reported, not sent to the crash handler.
    try:
        paint_pdf(document, printer, print_dpi(printer))
    except OSError as exc:
        from ui.dialogs import show_error

        show_error(dialog, str(exc), "打印未完成")


def preview_pdf(parent: QWidget, path: Path, title: str) -> QPrintPreviewDialog:
    """Open the print preview of ``path`` (modal); the officer prints from it with the 打印 button."""
    document = PrintDocument(path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout_for(document))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览：{title}")
    # The preview re-paints on every zoom: render it at screen resolution, print at the printer's.
    dialog.paintRequested.connect(lambda target: _paint_or_report(dialog, document, target))
    dialog.document = document  # closed by the caller once the dialog is done
    dialog.printer = printer  # the dialog does not own its printer: keep it alive as long as the dialog
    dialog.resize(1100, 800)
    return dialog
