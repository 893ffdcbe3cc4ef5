"""The print preview renders the PDF at the pixels the screen shows it at, and again after a zoom."""

import pytest
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QGraphicsView

from rdplanner.exports.cards_pdf import write_cards_pdf
from ui.documents import printing
from ui.documents.printing import preview_pdf


@pytest.fixture
def preview(tmp_path, qtbot, monkeypatch):
    rendered = []
    real_render = printing.PrintDocument.render

    def spy(document, index, dpi=printing.PRINT_DPI):
        image = real_render(document, index, dpi)
        rendered.append(image.width())
        return image

    monkeypatch.setattr(printing.PrintDocument, "render", spy)
    source = write_cards_pdf(tmp_path / "cards.pdf", names=["张三"])
    dialog = preview_pdf(None, source, "席卡")
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog, rendered
    dialog.document.close()


def shown_width(dialog) -> float:
    """Device pixels the page spans on screen: its width in printer dots times the view's scale."""
    view = dialog.findChild(QPrintPreviewWidget).findChild(QGraphicsView)
    page_inches = dialog.document.page_points(0)[0] / 72
    return page_inches * dialog.printer.resolution() * view.transform().m11() * view.devicePixelRatioF()


@pytest.mark.parametrize("zoom", [1.26, 0.6])
def test_print_preview_renders_the_page_at_the_zoomed_screen_size(preview, qtbot, zoom):
    dialog, rendered = preview
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: bool(rendered))
    widget.setZoomFactor(zoom)
    target = shown_width(dialog)
    qtbot.waitUntil(lambda: abs(rendered[-1] - target) <= 0.04 * target, timeout=3000)


def test_print_preview_follows_the_device_pixel_ratio(preview, qtbot, monkeypatch):
    dialog, rendered = preview
    view = dialog.findChild(QPrintPreviewWidget).findChild(QGraphicsView)
    qtbot.waitUntil(lambda: bool(rendered))
    dialog.findChild(QPrintPreviewWidget).setZoomFactor(1.0)
    qtbot.waitUntil(lambda: abs(rendered[-1] - shown_width(dialog)) <= 0.04 * shown_width(dialog))
    at_one = rendered[-1]
    monkeypatch.setattr(QGraphicsView, "devicePixelRatioF", lambda self: 2.0)
    view.viewport().update()
    qtbot.waitUntil(lambda: abs(rendered[-1] - 2 * at_one) <= 0.04 * 2 * at_one, timeout=3000)


def test_printing_renders_at_the_printer_resolution(tmp_path, qapp):
    from PySide6.QtPrintSupport import QPrinter

    source = write_cards_pdf(tmp_path / "cards.pdf", names=["张三"])
    document = printing.PrintDocument(source)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    assert not printing.is_preview(printer)
    assert printing.paint_pdf(document, printer, printing.PRINT_DPI) == 1
    document.close()


def test_print_document_of_a_damaged_pdf_says_why_in_chinese(tmp_path):
    import re

    path = tmp_path / "席卡.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage" * 20)

    with pytest.raises(OSError) as caught:
        printing.PrintDocument(path)

    assert "文件已损坏或不完整" in str(caught.value)
    assert not re.search(r"[A-Za-z]{3,}", str(caught.value).replace(str(path), ""))
