"""The import preview: every data row parsed, checked and matched, with its problems, before saving.

Rows are checked alone (values.py), against each other (a repeated ID number, the same person
twice, the same name twice) and against the directory and the event (matching.py). The officer may
correct cells in the dialog (``corrections``) or import a row whose only error is its ID number with
the ID left empty and the problem kept in the row's 备注 (``ids_left_empty``); both re-check the rows.
"""

import re
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from sqlmodel import Session

from rdplanner.errors import InvalidInput
from rdplanner.labels import ROLES
from rdplanner.models import Event
from rdplanner.people.importing import matching
from rdplanner.people.importing.columns import ColumnGuess, classify, fill_down_sources, horizontal_blocks
from rdplanner.people.importing.errors import ImportFileError
from rdplanner.people.importing.fields import FIELDS, field_label
from rdplanner.people.importing.rows import ERROR, WARNING, ImportPreview, PreviewRow, Problem
from rdplanner.people.importing.table import RawTable, check_cancelled
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled
from rdplanner.people.importing.values import clean_text, parse_cells, shown
from rdplanner.people.replies import EMPTY_REPLY, REPLY_FIELDS, reply_problems
from rdplanner.people.validation import check_printable
from rdplanner.store import get_or_raise

_SUMMARY = re.compile(r"^(合计|总计|小计|共计|制表|审核|填表|填报|注[:：]|说明[:：]|备注[:：])")
PRINTED_FIELDS = ("name", "name_note")  # printed on the seat map, cards and lists
_SECTION = re.compile(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")


@dataclass
class ParsedRow:
    """A data row after parsing, before matching (internal)."""

    row_number: int
    values: dict
    problems: list[Problem] = field(default_factory=list)


def build_preview(
    session: Session,
    *,
    event_id: int,
    table: RawTable,
    mapping: ColumnGuess,
    default_role: str,
    progress: Progress = no_progress,
    cancelled: IsCancelled = not_cancelled,
    corrections: Mapping[tuple[int, str], str] | None = None,
    ids_left_empty: Collection[int] = (),
) -> ImportPreview:
    """Parse, check and match every data row of ``table`` for importing into an event.

    ``mapping`` is the ColumnGuess from detect_columns, as the user corrected it; rows without a
    role take ``default_role``. ``corrections`` maps (row number, field) to the text that replaces
    the file's cell; the rows numbered in ``ids_left_empty`` whose only errors concern the ID number
    are imported without it, the problem noted in 备注. Reads the database, writes nothing.

    Raises:
        NotFound (event), InvalidInput (role, mapping), ImportFileError (no 姓名 column, no data
        rows), ImportCancelled.
    """
    event = get_or_raise(session, Event, event_id, "活动")
    check_mapping(table, mapping, default_role)
    parsed, skipped = parse_rows(table, mapping, progress=progress, cancelled=cancelled,
                                 corrections=corrections or {}, ids_left_empty=frozenset(ids_left_empty),
                                 around=event.start_date)
    if not parsed:
        header = f"表头（第 {mapping.header_row + 1} 行）下面" if mapping.header_row is not None else "表中"
        raise ImportFileError(f"文件 {table.file_name} 中没有数据行：{header}没有可导入的人员。", file=table.file_name)
    directory = matching.load_directory(session, event_id=event_id, rows=[p.values for p in parsed])
    progress(0.8)
    check_cancelled(cancelled)
    rows = resolve_rows(parsed, directory)
    return ImportPreview(
        event_id=event_id,
        file_name=table.file_name,
        rows=tuple(rows),
        default_role=default_role,
        header_row_number=None if mapping.header_row is None else mapping.header_row + 1,
        skipped=tuple(skipped),
        notes=table.notes,
    )


def check_mapping(table: RawTable, mapping: ColumnGuess, default_role: str) -> None:
    """Refuse a mapping without a 姓名 column or with a field fed by two columns."""
    if default_role not in ROLES:
        raise InvalidInput(f"未知的默认参会身份：{default_role}", field="default_role")
    fields = list(mapping.mapping.values())
    unknown = [code for code in fields if code not in FIELDS]
    if unknown:
        raise InvalidInput(f"未知的字段：{unknown[0]}", field=unknown[0])
    for code in set(fields):
        if fields.count(code) > 1:
            raise InvalidInput(f"“{field_label(code)}”对应了多列，请只保留一列。", field=code)
    if "name" not in fields:
        raise ImportFileError(
            f"文件 {table.file_name} 中没有找到“姓名”列，请指定姓名所在的列（表头应在前 30 行内）。",
            file=table.file_name, field="name",
        )


def parse_rows(
    table: RawTable, mapping: ColumnGuess, *, progress: Progress, cancelled: IsCancelled,
    corrections: Mapping[tuple[int, str], str] | None = None, ids_left_empty: frozenset[int] = frozenset(),
    around: Optional[date] = None,
) -> tuple[list[ParsedRow], list[tuple[int, str]]]:
    """Parse the data rows; return them and the rows skipped on purpose with the reason.

    ``around`` (the event's first day) gives the year of a reply date written without one (1月3日).
    """
    corrections = corrections or {}
    sources = fill_down_sources(table, mapping.data_start)
    blocks = _section_blocks(table, mapping)
    rows_with_bad_cells = {r for r, _c in table.bad_cells}
    parsed, skipped = [], []
    total = max(1, len(table.rows) - mapping.data_start)
    for r in range(mapping.data_start, len(table.rows)):
        if (r - mapping.data_start) % 500 == 0:
            check_cancelled(cancelled)
            progress(0.7 * (r - mapping.data_start) / total)
        if not any(text.strip() for text in table.rows[r]) and r not in rows_with_bad_cells:
            continue
        cells, bad = {}, {}
        for col, code in mapping.mapping.items():
            source = sources.get((r, col), (r, col))
            cells[code] = table.cell(*source)
            if (r + 1, code) in corrections:
                cells[code] = corrections[(r + 1, code)]
            elif source in table.bad_cells:
                bad[code] = table.bad_cells[source]
        reason = skip_reason(table, r, cells, blocks)
        if reason:
            skipped.append((r + 1, reason))
            continue
        if not any(text.strip() for text in cells.values()) and not bad:
            continue  # only unmapped cells (such as a pre-filled 序号): an unused line
        values, problems = parse_cells(cells, bad, around=around)
        if r + 1 in ids_left_empty and only_id_errors(problems):
            values, problems = leave_id_empty(values, problems)
        parsed.append(ParsedRow(r + 1, values, problems + print_font_problems(values)))
    return parsed, skipped


def print_font_problems(values: Mapping[str, object]) -> list[Problem]:
    """Warn of the characters of the printed fields (姓名, 区分备注) that the print fonts lack."""
    problems = []
    for code in PRINTED_FIELDS:
        warning = check_printable(str(values.get(code) or ""))
        if warning:
            problems.append(Problem(code, warning, WARNING))
    return problems


def only_id_errors(problems: Collection[Problem]) -> bool:
    """Tell whether a row's errors all concern its ID number (so it may be imported without it)."""
    errors = [p for p in problems if p.is_error]
    return bool(errors) and all(p.field == "id_card_no" for p in errors)


def can_leave_id_empty(row: PreviewRow) -> bool:
    """Tell whether the officer may import the row with its ID number left empty."""
    return only_id_errors(row.problems)


def leave_id_empty(values: dict, problems: list[Problem]) -> tuple[dict, list[Problem]]:
    """Drop a wrong ID number from a row, keep what was wrong with it in the row's 备注 and as a warning."""
    number = shown(str(values.get("id_card_no", "")))
    wrong = "；".join(p.message for p in problems if p.field == "id_card_no" and p.severity == ERROR)
    note = f"导入时身份证号“{number}”有误，已留空：{wrong}"
    values = {k: v for k, v in values.items() if k != "id_card_no"}
    values["notes"] = f"{values['notes']}；{note}" if values.get("notes") else note
    kept = [p for p in problems if p.field != "id_card_no"]
    return values, [Problem("id_card_no", f"身份证号已留空导入（原号码“{number}”：{wrong}），已记入备注",
                            WARNING), *kept]


def _section_blocks(table: RawTable, mapping: ColumnGuess) -> dict:
    """Return the horizontal merges wide enough to be section titles (3+ columns, 2+ of them mapped).

    A narrower merge is layout (a long name merged over two columns) and holds real data.
    """
    return {key: block for key, block in horizontal_blocks(table).items()
            if block.last_col - block.first_col >= 2
            and sum(block.first_col <= c <= block.last_col for c in mapping.mapping) >= 2}


def skip_reason(table: RawTable, r: int, cells: dict[str, str], blocks: dict) -> Optional[str]:
    """Return why a row is not a person (a section title, a total, a repeated header), or None."""
    name = clean_text(cells.get("name", ""))
    filled = [c for c, text in enumerate(table.rows[r]) if text.strip()]
    lone = clean_text(table.rows[r][filled[0]]) if len(filled) == 1 else ""
    if lone and ((r, filled[0]) in blocks or _SECTION.match(lone)):
        return f"分组标题行：“{shown(lone)}”"
    if _SECTION.match(name):
        return f"分组标题行：“{shown(name)}”"
    if _SUMMARY.match(name):
        return f"合计或说明行：“{shown(name)}”"
    if classify(name) == ("name", True):
        return "重复的表头行"
    return None


def resolve_rows(parsed: list[ParsedRow], directory: matching.Directory) -> list[PreviewRow]:
    """Match rows to people, add the checks across rows, and decide each row's action."""
    matches = {}
    for row in parsed:
        if row.values.get("name"):
            person, problem = matching.match_person(row.values, directory)
            matches[row.row_number] = person
            if problem:
                row.problems.append(problem)
    _flag_repeated_id_numbers(parsed)
    duplicates = _flag_same_person(parsed, matches)
    _flag_same_names(parsed, matches, directory, duplicates)
    return [_preview_row(row, matches.get(row.row_number), directory) for row in parsed]


def _flag_repeated_id_numbers(parsed: list[ParsedRow]) -> None:
    first: dict[str, ParsedRow] = {}
    for row in parsed:
        number = row.values.get("id_card_no")
        if not number or any(p.field == "id_card_no" and p.is_error for p in row.problems):
            continue
        if number in first:
            earlier = first[number]
            row.problems.append(Problem("id_card_no", f"身份证号与第 {earlier.row_number} 行重复"))
            earlier.problems.append(Problem(
                "id_card_no", f"第 {row.row_number} 行使用了相同的身份证号，请核对哪一行有误", WARNING))
        else:
            first[number] = row


def _flag_same_person(parsed: list[ParsedRow], matches: dict) -> set[frozenset[int]]:
    """Flag later rows that are the same person as an earlier one; return the pairs."""
    seen: dict[tuple, tuple[int, Optional[str]]] = {}
    pairs = set()
    for row in parsed:
        if not row.values.get("name"):
            continue
        person = matches.get(row.row_number)
        number = row.values.get("id_card_no")
        key = ("person", person.id) if person else matching.identity_key(row.values)
        earlier = seen.get(key)
        if earlier and (person or not number or not earlier[1]):
            row.problems.append(Problem("name", f"与第 {earlier[0]} 行是同一人（姓名和单位相同），请删除重复的一行"))
            pairs.add(frozenset((earlier[0], row.row_number)))
        else:
            seen.setdefault(key, (row.row_number, number))
    return pairs


def _flag_same_names(parsed: list[ParsedRow], matches: dict, directory: matching.Directory,
                     duplicates: set[frozenset[int]]) -> None:
    by_name: dict[str, list[int]] = defaultdict(list)
    for row in parsed:
        if row.values.get("name"):
            by_name[row.values["name"]].append(row.row_number)
    for row in parsed:
        name = row.values.get("name")
        if not name or row.values.get("name_note"):
            continue  # a 区分备注 already tells namesakes apart
        others = [n for n in by_name[name]
                  if n != row.row_number and frozenset((n, row.row_number)) not in duplicates]
        if others:
            listed = "、".join(f"第 {n} 行" for n in others[:5])
            row.problems.append(
                Problem("name", f"名单中还有同名的“{shown(name)}”（{listed}），请填写“区分备注”以免混淆",
                        WARNING))
        person = matches.get(row.row_number)
        present = [p for p in directory.participant_names.get(name, [])
                   if person is None or p.id != person.id]
        if present:
            unit = shown(present[0].unit) or "未填单位"
            row.problems.append(
                Problem("name", f"本活动已有同名人员“{shown(name)}”（{unit}），请填写“区分备注”以免混淆",
                        WARNING))


def _preview_row(
    row: ParsedRow, person: Optional[matching.PersonSnapshot], directory: matching.Directory
) -> PreviewRow:
    wanted_person = matching.person_values(row.values, person)
    wanted_part = matching.participation_values(row.values)
    part = directory.participations.get(person.id) if person else None
    row.problems.extend(slip_problems(row, part))
    if person is None:
        action, changed = "add", tuple(wanted_person) + tuple(wanted_part)
    elif part is None:
        action, changed = "add", tuple(matching.changed(person, wanted_person)) + tuple(wanted_part)
    else:
        changed = tuple(matching.changed(person, wanted_person)) + tuple(matching.changed(part, wanted_part))
        action = "update" if changed else "unchanged"
    problems = tuple(sorted(row.problems, key=lambda p: not p.is_error))
    return PreviewRow(
        row_number=row.row_number,
        values=dict(row.values),
        problems=problems,
        action=action,
        person_id=person.id if person else None,
        participation_id=part.id if part else None,
        accepted=not any(p.is_error for p in problems),
        changed_fields=tuple(dict.fromkeys(changed)),
        person_version=person.version if person else None,
        participation_version=part.version if part else None,
    )


def slip_problems(row: ParsedRow, part: Optional[matching.ParticipationSnapshot]) -> list[Problem]:
    """Check the reply slip the row leaves the participant with: the row's reply cells over what the
    event already holds (a file with only 是否接站 is checked against the 到达方式 saved before).

    Cells that did not parse are left out: their own error already stands.
    """
    unreadable = {p.field for p in row.problems if p.is_error}
    slip = {f: getattr(part, f) for f in REPLY_FIELDS} if part is not None else dict(EMPTY_REPLY)
    given = {f: v for f, v in row.values.items() if f in REPLY_FIELDS and f not in unreadable and v != ""}
    if not given:
        return []
    return [Problem(f, message) for f, message in reply_problems(slip | given)]
