"""The roster import dialog: choose a file, check the column mapping, review every problem per row and
field, untick rows, then import all accepted rows at once (or none)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
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
from ui import tasks
from ui.dialogs import ask_save_path, fit_to_screen, report_failure, show_error
from ui.hub import Hub

ACTIONS = {"add": "新增", "update": "更新", "unchanged": "不变"}
ERROR_BRUSH = QBrush(QColor("#fde2e1"))
WARNING_BRUSH = QBrush(QColor("#fff4ce"))
FIXED_COLUMNS = ("导入", "行号", "处理", "问题")


def ask_open_path(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "选择名单文件", str(Path.home()),
                                          "名单文件 (*.xlsx *.xls *.csv);;所有文件 (*)")
    return path


class ImportDialog(QDialog):
    """Reads the file in the core, shows the preview, and applies the import through the hub."""

    def __init__(self, parent: QWidget | None, hub: Hub, *, event_id: int, default_role: str) -> None:
        super().__init__(parent, windowTitle=self.tr("导入参会人员名单"))
        self._hub, self._event_id = hub, event_id
        self._table = None
        self._guess: ColumnGuess | None = None
        self.preview: ImportPreview | None = None
        self.result_text = ""
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
        self.summary = QLabel(self, wordWrap=True)
        self.import_button = QPushButton(self.tr("导入所选"), self, enabled=False)
        self.cancel = QPushButton(self.tr("取消"), self)
        self._build()

    def _build(self) -> None:
        self.mapping.setVerticalHeaderLabels([self.tr("文件中的列"), self.tr("导入为")])
        self.mapping.setFixedHeight(92)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.verticalHeader().hide()
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
        layout.addLayout(buttons)
        fit_to_screen(self, 1100, 700)
        self.choose.clicked.connect(self.choose_file)
        self.template.clicked.connect(self.export_template)
        self.header_row.valueChanged.connect(self._header_moved)
        self.role.currentIndexChanged.connect(self.refresh_preview)
        self.rows.itemChanged.connect(self._tick_changed)
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

    def _remap(self, column: int, field: str | None) -> None:
        self._guess = self._guess.remap(column, field)
        self.refresh_preview()

    def refresh_preview(self) -> None:
        if self._table is None:
            return
        try:
            self.preview = self._hub.read(build_preview, event_id=self._event_id, table=self._table,
                                          mapping=self._guess, default_role=self.role.currentData())
        except RdplannerError as exc:
            self.preview = None
            self.rows.setRowCount(0)
            self.summary.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        self._fill_rows()

    def _fill_rows(self) -> None:
        fields = [f for f in FIELDS if any(f in row.values for row in self.preview.rows)]
        self.rows.blockSignals(True)
        self.rows.clear()
        self.rows.setColumnCount(len(FIXED_COLUMNS) + len(fields))
        self.rows.setHorizontalHeaderLabels([*FIXED_COLUMNS, *(FIELDS[f].label for f in fields)])
        self.rows.setRowCount(len(self.preview.rows))
        for n, row in enumerate(self.preview.rows):
            self._fill_row(n, row, fields)
        self.rows.blockSignals(False)
        self.rows.resizeColumnsToContents()
        for column in range(3, self.rows.columnCount()):
            self.rows.setColumnWidth(column, min(360 if column == 3 else 220, self.rows.columnWidth(column)))
        self._update_summary()

    def _fill_row(self, n: int, row, fields: list[str]) -> None:
        errors = [p for p in row.problems if p.severity == "error"]
        tick = QTableWidgetItem()
        tick.setData(Qt.ItemDataRole.UserRole, row.row_number)
        flags = Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsUserCheckable if not errors else Qt.ItemFlag.NoItemFlags)
        tick.setFlags(flags)
        tick.setCheckState(Qt.CheckState.Checked if row.accepted and not errors else Qt.CheckState.Unchecked)
        problems = "；".join(f"{FIELDS[p.field].label if p.field in FIELDS else p.field}：{p.message}"
                            for p in row.problems)
        texts = [str(row.row_number), ACTIONS.get(row.action, row.action), problems,
                 *(_shown(row.values.get(f)) for f in fields)]
        self.rows.setItem(n, 0, tick)
        brush = ERROR_BRUSH if errors else WARNING_BRUSH if row.problems else None
        for column, text in enumerate(texts, 1):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if brush is not None:
                item.setBackground(brush)
            if column == 3 and problems:
                item.setToolTip(problems.replace("；", "\n"))
            self.rows.setItem(n, column, item)

    def accepted_rows(self) -> list[int]:
        return [self.rows.item(n, 0).data(Qt.ItemDataRole.UserRole) for n in range(self.rows.rowCount())
                if self.rows.item(n, 0).checkState() == Qt.CheckState.Checked]

    def _tick_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self._update_summary()

    def _update_summary(self) -> None:
        accepted = self.accepted_rows()
        counts = self.preview.counts(accepted)
        text = self.tr("共 %1 行；将导入 %2 行：新增 %3，更新 %4，不变 %5。").replace("%1", str(len(self.preview.rows)))
        text = (text.replace("%2", str(len(accepted))).replace("%3", str(counts.get("add", 0)))
                .replace("%4", str(counts.get("update", 0))).replace("%5", str(counts.get("unchanged", 0))))
        if self.preview.error_count:
            text += self.tr("有错误的 %1 行不能导入（红色），请改正文件后重新选择。").replace("%1", str(self.preview.error_count))
        if self.preview.warning_count:
            text += self.tr("另有 %1 处提示（黄色），请核对。").replace("%1", str(self.preview.warning_count))
        if self.preview.skipped:
            text += self.tr("已跳过 %1 行（标题、合计等）。").replace("%1", str(len(self.preview.skipped)))
        self.summary.setText(text)
        self.import_button.setEnabled(bool(accepted))
        self.import_button.setText(self.tr("导入所选（%1 行）").replace("%1", str(len(accepted))))

    def run_import(self) -> None:
        """Save the ticked rows in the background, all or nothing."""
        if self.preview is None:
            return
        preview, accepted, name = self.preview, self.accepted_rows(), Path(self.file_label.text()).name
        self.import_button.setEnabled(False)

        def work(progress, cancelled):
            return self._hub.read(apply_import, event_id=self._event_id, preview=preview,
                                  accepted_row_numbers=accepted, file_name=name,
                                  progress=progress, cancelled=cancelled)

        tasks.run_task(self, self.tr("正在导入 %1 行……").replace("%1", str(len(accepted))), work,
                       done=self._imported, failed=self._import_failed)

    def _imported(self, result) -> None:
        self._hub.announce(result.changes)
        self.result_text = result.summary()
        self.accept()

    def _import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        report_failure(self, error, self.tr("导入未完成，数据库未作任何改动"))

    @classmethod
    def ask(cls, parent: QWidget | None, hub: Hub, *, event_id: int, default_role: str) -> str:
        """Show the dialog; return the result sentence of the import, or "" if nothing was imported."""
        dialog = cls(parent, hub, event_id=event_id, default_role=default_role)
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


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and value in ROLES:
        return ROLES[value]
    return str(value)
