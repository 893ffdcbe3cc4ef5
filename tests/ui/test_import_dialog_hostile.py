"""The import dialog on the real worker thread: a hostile workbook is reported, the app lives on."""

import zipfile
from pathlib import Path

import pytest

from ui import dialogs, tasks
from ui.people.import_dialog import ImportDialog
from ui.tasks import run_task as threaded_run_task

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def far_implicit_cell(path: Path) -> Path:
    """A 3 KB workbook whose cells lack r attributes, the last one landing in XFD1048576."""
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData>'
             '<row r="1"><c t="inlineStr"><is><t>姓名</t></is></c></row>'
             '<row r="1048576">' + "<c><v>1</v></c>" * 16384 + "</row></sheetData></worksheet>")
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                       f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
                           '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                                      f'Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


@pytest.fixture
def dialog(qtbot, window):
    made = ImportDialog(window, window.hub, event_id=window.editor.event_id(), default_role="member")
    qtbot.addWidget(made)
    return made


def test_import_dialog_reports_hostile_workbook_read_on_worker_thread(qtbot, dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(tasks, "run_task", threaded_run_task)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, error, title="": shown.append(str(error)))

    dialog.open_file(far_implicit_cell(tmp_path / "远处.xlsx"))

    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert "远处.xlsx" in shown[0] and "表格范围过大" in shown[0]
    assert dialog.preview is None
