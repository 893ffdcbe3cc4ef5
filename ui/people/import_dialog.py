"""The roster import dialog: choose a file, check the column mapping, review every problem per row and
field (in the table and, for the selected row, in full below it), correct cells, untick rows, then
import all accepted rows at once (or none). A row whose only error is its ID number may be imported
with the ID left empty."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rdplanner.errors import RdplannerError
from rdplanner.labels import ROLES
from rdplanner.people.importing import (
    FIELDS,
    ColumnGuess,
    ImportPreview,
    apply_import,
    build_preview,
    column_letter,
    detect_columns,
    read_table,
    write_template,
)
from rdplanner.people.importing.preview import can_leave_id_empty
from rdplanner.people.snapshots import ROSTER
from rdplanner.undo import Recorded, record
from ui import tasks
from ui.dialogs import ask_save_path, fit_to_screen, report_failure, show_error
from ui.hub import Hub
from ui.people.import_rows import FIELD_ROLE, detail_text, fill_rows, set_up_table


def ask_open_path(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "选择名单文件", str(Path.home()),
                                          "名单文件 (*.xlsx *.xls *.csv);;所有文件 (*)")
    return path


class ImportDialog(QDialog):
    """Reads the file in the core, shows the preview, and applies the import through the hub."""

    def __init__(self, parent: QWidget | None, hub: Hub, *, event_id: int, default_role: str,
                 recorded: Callable[[Recorded, str], None] | None = None) -> None:
        super().__init__(parent, windowTitle=self.tr("导入参会人员名单"))
        self._hub, self._event_id, self._recorded = hub, event_id, recorded
        self._file_name = ""
        self._table = None
        self._guess: ColumnGuess | None = None
        self.preview: ImportPreview | None = None
        self.result_text = ""
        self._corrections: dict[tuple[int, str], str] = {}
        self._ids_left_empty: set[int] = set()
        self._unticked: set[int] = set()
        self._refresh_soon = QTimer(self, singleShot=True, interval=0)
        self._refresh_soon.timeout.connect(self.refresh_preview)
        self.file_label = QLabel(self.tr("尚未选择文件"), self, wordWrap=True)
        self.choose = QPushButton(self.tr("选择文件…"), self)
        self.template = QPushButton(self.tr("导出空白模板…"), self)
        self.header_row = QSpinBox(self, minimum=1, maximum=30, prefix=self.tr("表头在第 "), suffix=self.tr(" 行"))
        self.role = QComboBox(self)
        for code, label in ROLES.items():
            self.role.addItem(label, code)
        self.role.setCurrentIndex(max(0, self.role.findData(default_role)))
        self.mapping = QTableWidget(2, 0, self)
        self.rows = QTableWidget(0, 0, self)
        self.detail = QLabel(self.tr("选中一行，可在此查看它的全部问题。"), self, wordWrap=True,
                             objectName="hint", textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.leave_id_empty = QPushButton(self.tr("身份证号留空导入"), self, visible=False)
        self.summary = QLabel(self, wordWrap=True)
        self.import_button = QPushButton(self.tr("导入所选"), self, enabled=False)
        self.cancel = QPushButton(self.tr("取消"), self)
        self._build()

    def _build(self) -> None:
        self.mapping.setVerticalHeaderLabels([self.tr("文件中的列"), self.tr("导入为")])
        self.mapping.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._fit_mapping_height()
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.rows.verticalHeader().hide()
        set_up_table(self.rows)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose)
        top.addWidget(self.template)
        options = QHBoxLayout()
        options.addWidget(self.header_row)
        options.addWidget(QLabel(self.tr("未注明身份时按"), self))
        options.addWidget(self.role)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(QLabel(self.tr("列的对应关系（可修改）："), self))
        layout.addWidget(self.mapping)
        layout.addWidget(self.rows, 1)
        detail = QHBoxLayout()
        detail.addWidget(self.detail, 1)
        detail.addWidget(self.leave_id_empty, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(detail)
        layout.addLayout(buttons)
        fit_to_screen(self, 1100, 700)
        self.choose.clicked.connect(self.choose_file)
        self.template.clicked.connect(self.export_template)
        self.header_row.valueChanged.connect(self._header_moved)
        self.role.currentIndexChanged.connect(self.refresh_preview)
        self.rows.itemChanged.connect(self._item_changed)
        self.rows.currentCellChanged.connect(self._show_detail)
        self.leave_id_empty.clicked.connect(self._leave_current_id_empty)
        self.import_button.clicked.connect(self.run_import)
        self.cancel.clicked.connect(self.reject)

    def choose_file(self) -> None:
        path = ask_open_path(self)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        """Read the file (in the background) and show its preview; an unreadable file is reported."""
        def work(progress, cancelled):
            table = read_table(path, progress=progress, cancelled=cancelled)
            return table, detect_columns(table)

        tasks.run_task(self, self.tr("正在读取 %1 ……").replace("%1", path.name), work,
                       done=lambda result: self._opened(path, *result),
                       failed=lambda error: report_failure(self, error, self.tr("无法读取文件")))

    def _opened(self, path: Path, table, guess: ColumnGuess) -> None:
        self._table, self._guess = table, guess
        self._corrections, self._ids_left_empty, self._unticked = {}, set(), set()
        self.file_label.setText(str(path))
        self.header_row.blockSignals(True)
        self.header_row.setValue((guess.header_row or 0) + 1)
        self.header_row.blockSignals(False)
        self._fill_mapping()
        self.refresh_preview()

    def _header_moved(self, number: int) -> None:
        if self._table is None:
            return
        self._guess = detect_columns(self._table, header_row=number - 1)
        self._fill_mapping()
        self.refresh_preview()

    def _fill_mapping(self) -> None:
        guess = self._guess
        self.mapping.setColumnCount(len(guess.headers))
        self.mapping.setHorizontalHeaderLabels([column_letter(c) for c in range(len(guess.headers))])
        for column, header in enumerate(guess.headers):
            self.mapping.setItem(0, column, QTableWidgetItem(header))
            combo = QComboBox(self.mapping)
            combo.addItem(self.tr("（不导入）"), None)
            for code, spec in FIELDS.items():
                combo.addItem(spec.label, code)
            combo.setCurrentIndex(max(0, combo.findData(guess.mapping.get(column))))
            combo.currentIndexChanged.connect(lambda _i, c=column, box=combo: self._remap(c, box.currentData()))
            self.mapping.setCellWidget(1, column, combo)
        self.mapping.resizeRowsToContents()
        self._fit_mapping_height()

    def _fit_mapping_height(self) -> None:
        """Make the mapping strip exactly tall enough for its header, both rows and the scrollbar."""
        rows = sum(max(self.mapping.rowHeight(r), self.mapping.sizeHintForRow(r)) for r in range(2))
        height = (self.mapping.horizontalHeader().sizeHint().height() + rows
                  + self.mapping.horizontalScrollBar().sizeHint().height() + 2 * self.mapping.frameWidth())
        self.mapping.setFixedHeight(height)

    def _remap(self, column: int, field: str | None) -> None:
        self._guess = self._guess.remap(column, field)
        self.refresh_preview()

    def refresh_preview(self) -> None:
        if self._table is None:
            return
        try:
            self.preview = self._hub.read(build_preview, event_id=self._event_id, table=self._table,
                                          mapping=self._guess, default_role=self.role.currentData(),
                                          corrections=dict(self._corrections),
                                          ids_left_empty=frozenset(self._ids_left_empty))
        except RdplannerError as exc:
            self.preview = None
            self.rows.setRowCount(0)
            self.summary.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        self._fill_rows()

    def _fill_rows(self) -> None:
        current = self.rows.currentRow()
        number = self.rows.item(current, 0).data(Qt.ItemDataRole.UserRole) if current >= 0 else None
        fill_rows(self.rows, self.preview, self._unticked)
        numbers = [r.row_number for r in self.preview.rows]
        if number in numbers:
            self.rows.setCurrentCell(numbers.index(number), 0)
        self._show_detail(self.rows.currentRow())
        self._update_summary()

    def accepted_rows(self) -> list[int]:
        return [self.rows.item(n, 0).data(Qt.ItemDataRole.UserRole) for n in range(self.rows.rowCount())
                if self.rows.item(n, 0).checkState() == Qt.CheckState.Checked]

    def _item_changed(self, item: QTableWidgetItem) -> None:
        """A tick changed, or the officer corrected a cell: the latter checks the rows again."""
        number = self.rows.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        field = item.data(FIELD_ROLE)
        if field is not None:
            self._corrections[(number, field)] = item.text()
            self._refresh_soon.start()  # not from inside the table's own signal
            return
        if item.column() != 0:
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        (self._unticked.discard if ticked else self._unticked.add)(number)
        if ticked and self.preview.row(number).has_errors:
            self._ids_left_empty.add(number)  # only an ID error makes an error row tickable
            self._refresh_soon.start()
            return
        self._update_summary()

    def _current_preview_row(self):
        current = self.rows.currentRow()
        if self.preview is None or current < 0 or self.rows.item(current, 0) is None:
            return None
        return self.preview.row(self.rows.item(current, 0).data(Qt.ItemDataRole.UserRole))

    def _show_detail(self, *_cells: int) -> None:
        row = self._current_preview_row()
        self.detail.setText(detail_text(row) if row else self.tr("选中一行，可在此查看它的全部问题。"))
        self.leave_id_empty.setVisible(row is not None and can_leave_id_empty(row))

    def _leave_current_id_empty(self) -> None:
        row = self._current_preview_row()
        if row is not None and can_leave_id_empty(row):
            self._ids_left_empty.add(row.row_number)
            self._unticked.discard(row.row_number)
            self.refresh_preview()

    def _update_summary(self) -> None:
        accepted = self.accepted_rows()
        counts = self.preview.counts(accepted)
        text = self.tr("共 %1 行；将导入 %2 行：新增 %3，更新 %4，不变 %5。").replace("%1", str(len(self.preview.rows)))
        text = (text.replace("%2", str(len(accepted))).replace("%3", str(counts.get("add", 0)))
                .replace("%4", str(counts.get("update", 0))).replace("%5", str(counts.get("unchanged", 0))))
        if self.preview.error_row_count:
            text += self.tr("有错误的 %1 行不能导入（红色）：可双击单元格改正，或改正文件后重新选择。").replace(
                "%1", str(self.preview.error_row_count))
        if self.preview.warning_count:
            text += self.tr("另有 %1 处提示（黄色），请核对。").replace("%1", str(self.preview.warning_count))
        if self.preview.skipped:
            text += self.tr("已跳过 %1 行（标题、合计等）。").replace("%1", str(len(self.preview.skipped)))
        self.summary.setText(text)
        self.import_button.setEnabled(bool(accepted))
        self.import_button.setText(self.tr("导入所选（%1 行）").replace("%1", str(len(accepted))))

    def run_import(self) -> None:
        """Save the ticked rows in the background, all or nothing."""
        if self._refresh_soon.isActive():  # a correction or tick not yet checked again
            self._refresh_soon.stop()
            self.refresh_preview()
        if self.preview is None:
            return
        preview, accepted, name = self.preview, self.accepted_rows(), Path(self.file_label.text()).name
        self.import_button.setEnabled(False)

        self._file_name = name

        def work(progress, cancelled):  # one recorded action (the roster's undo), in one write transaction
            return self._hub.database.run(record, snapshotter=ROSTER, key=self._event_id, action=apply_import,
                                          event_id=self._event_id, preview=preview,
                                          accepted_row_numbers=accepted, file_name=name,
                                          progress=progress, cancelled=cancelled)

        tasks.run_task(self, self.tr("正在导入 %1 行……").replace("%1", str(len(accepted))), work,
                       done=self._imported, failed=self._import_failed)

    def _imported(self, done: Recorded) -> None:
        self._hub.announce(done.changes)
        self.result_text = done.result.summary()
        if self._recorded is not None:
            self._recorded(done, self._file_name)
        self.accept()

    def _import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        report_failure(self, error, self.tr("导入未完成，数据库未作任何改动"))

    @classmethod
    def ask(cls, parent: QWidget | None, hub: Hub, *, event_id: int, default_role: str,
            recorded: Callable[[Recorded, str], None] | None = None) -> str:
        """Show the dialog; return the result sentence of the import, or "" if nothing was imported.

        ``recorded(done, file_name)`` is handed the import as a recorded action, for the roster's undo.
        """
        dialog = cls(parent, hub, event_id=event_id, default_role=default_role, recorded=recorded)
        dialog.exec()
        return dialog.result_text

    def export_template(self) -> None:
        path = ask_save_path(self, self.tr("导出空白模板"), "参会人员名单模板.xlsx", ".xlsx")
        if not path:
            return
        try:
            write_template(Path(path))
        except RdplannerError as exc:
            show_error(self, exc, self.tr("导出失败"))
            return
        self.summary.setText(self.tr("模板已导出：%1").replace("%1", path))

