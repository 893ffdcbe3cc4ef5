"""Roster import: read an .xlsx/.xls/.csv roster, map its columns, preview every problem, then save
all accepted rows in one transaction (merging with people already in the directory) or nothing;
undo an import; write the blank template. Qt-free; the dialog and the command line build on it.

Typical use::

    table = read_table(path, progress=..., cancelled=...)
    guess = detect_columns(table)            # the dialog lets the user correct it (guess.remap)
    preview = build_preview(session, event_id=..., table=table, mapping=guess, default_role="member")
    result = apply_import(session, event_id=..., preview=preview,
                          accepted_row_numbers=preview.accepted_row_numbers, file_name=path.name)
    undo_import(session, batch_id=result.batch_id)
"""

from rdplanner.people.importing.apply import apply_import
from rdplanner.people.importing.columns import ColumnGuess, detect_columns
from rdplanner.people.importing.errors import ImportCancelled, ImportFileError
from rdplanner.people.importing.fields import FIELDS, default_role_for, field_label
from rdplanner.people.importing.preview import build_preview
from rdplanner.people.importing.rows import (
    ImportPreview,
    ImportResult,
    PreviewRow,
    Problem,
    describe_problem,
)
from rdplanner.people.importing.table import RawTable, column_letter, read_table
from rdplanner.people.importing.template import write_template
from rdplanner.people.importing.undo import ImportBatchRow, ImportUndone, list_import_batches, undo_import

__all__ = [
    "FIELDS",
    "ColumnGuess",
    "ImportCancelled",
    "ImportFileError",
    "ImportPreview",
    "ImportResult",
    "ImportBatchRow",
    "ImportUndone",
    "PreviewRow",
    "Problem",
    "RawTable",
    "apply_import",
    "build_preview",
    "column_letter",
    "default_role_for",
    "describe_problem",
    "detect_columns",
    "field_label",
    "list_import_batches",
    "read_table",
    "undo_import",
    "write_template",
]
