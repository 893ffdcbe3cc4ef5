"""Direct printing with a print preview: the PDF the core writes is what the printer gets.

Every PDF document (seat map, cards, seat list, sign-in sheet) is laid out once, by the core's
writers. Printing renders that same PDF page by page at the printer's resolution with pypdfium2
(PDFium, the renderer of Chrome; PySide6-Essentials has no QtPdf), so the preview, the printed
sheet and the exported file can never disagree. The preview renders each page at the pixels the
screen shows it at (zoom × device pixel ratio) and renders again when the officer
zooms, so strokes stay sharp at 126 % as at 100 %.
"""

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QEvent, QMarginsF, QObject, QRectF, QSizeF, QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QGraphicsView, QWidget

from rdplanner.os_errors import os_reason
from ui.dialogs import fit_to_screen

PRINT_DPI = 300
PREVIEW_DPI = 110  # until the preview knows its zoom
PREVIEW_MIN_DPI = 48
PREVIEW_BUDGET = 160_000_000  # bytes of page images a preview may hold (60 cards: about 130 dpi)
RERENDER_MS = 150  # wait for the zoom to settle before rendering again


def is_preview(printer: QPrinter) -> bool:
    """True while the preview records its pages (a picture engine), False when really printing."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


class PrintDocument:
    """A PDF opened for printing: its page sizes in points and each page rendered as a QImage."""

    def __init__(self, path: Path) -> None:
        try:
            self._pdf = pypdfium2.PdfDocument(str(path))
        except (pypdfium2.PdfiumError, OSError) as exc:
            why = os_reason(exc) if isinstance(exc, OSError) else "文件已损坏或不完整"
            raise OSError(f"无法读取生成的打印文件“{path}”：{why}") from exc
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


class PreviewPainter(QObject):
    """Paints the PDF for a print preview at the screen's pixels, and for the printer at its resolution.

    The preview shows its recorded pages through a QGraphicsView whose scale maps printer dots to
    screen pixels; a page rendered at ``scale × printer resolution × device pixel ratio`` dpi is shown
    one image pixel per screen pixel. A zoom (buttons, fit, resize) repaints the view at a new scale:
    the pages are rendered again once it settles.
    """

    def __init__(self, dialog: QPrintPreviewDialog, document: PrintDocument) -> None:
        super().__init__(dialog)
        self._dialog, self._document = dialog, document
        self._preview = dialog.findChild(QPrintPreviewWidget)
        self._view = self._preview.findChild(QGraphicsView)
        self.rendered_dpi: float | None = None
        area = sum(w * h for w, h in (document.page_points(i) for i in range(document.page_count())))
        self.max_dpi = min(PRINT_DPI, 72 * (PREVIEW_BUDGET / 4 / max(area, 1.0)) ** 0.5)
        self._timer = QTimer(self, singleShot=True, interval=RERENDER_MS)
        self._timer.timeout.connect(self._rerender)
        self._view.viewport().installEventFilter(self)
        dialog.paintRequested.connect(self.paint)

    def screen_dpi(self, printer: QPrinter) -> float:
        """The resolution at which a page shows one image pixel per device pixel at the current zoom."""
        scale = self._view.transform().m11() * self._view.devicePixelRatioF()
        return min(self.max_dpi, max(PREVIEW_MIN_DPI, scale * printer.resolution()))

    def paint(self, printer: QPrinter) -> None:
        # A slot must not raise: a printer that cannot start is reported, not sent to the crash handler.
        try:
            if is_preview(printer):
                self.rendered_dpi = self.rendered_dpi or PREVIEW_DPI
                paint_pdf(self._document, printer, self.rendered_dpi)
            else:
                paint_pdf(self._document, printer, PRINT_DPI)
        except OSError as exc:
            from ui.dialogs import show_error

            show_error(self._dialog, str(exc), "打印未完成")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._stale() and not self._timer.isActive():
            self._timer.start()
        return False

    def _stale(self) -> bool:
        """The pages were rendered for another zoom than the one shown (by more than 3 %)."""
        if self.rendered_dpi is None:
            return False
        return abs(self.screen_dpi(self._dialog.printer) - self.rendered_dpi) > 0.03 * self.rendered_dpi

    def _rerender(self) -> None:
        if self._stale():
            self.rendered_dpi = self.screen_dpi(self._dialog.printer)
            self._preview.updatePreview()


def preview_pdf(parent: QWidget, path: Path, title: str) -> QPrintPreviewDialog:
    """Open the print preview of ``path`` (modal); the officer prints from it with the 打印 button."""
    document = PrintDocument(path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout_for(document))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览：{title}")
    dialog.document = document  # closed by the caller once the dialog is done
    dialog.printer = printer  # the dialog does not own its printer: keep it alive as long as the dialog
    dialog.painter = PreviewPainter(dialog, document)
    fit_to_screen(dialog, 1100, 800)
    return dialog
