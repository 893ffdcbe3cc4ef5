"""The command line run as a user runs it (``python -m rdplanner``): demo prints the new event's id,
user errors are one Chinese line on stderr with a non-zero status and leave the file untouched.
"""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rdplanner.db import open_database, sqlite_url
from rdplanner.events.service import get_event
from seated import seat_event

ROOT = Path(__file__).parents[2]


def rdplanner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rdplanner", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged(path: Path, damage: str) -> Path:
    if damage == "random_bytes":
        path.write_bytes(bytes(range(256)) * 32)
    else:
        path.write_bytes(b"SQLite format 3\x00" + b"\x13\x37" * 2000)
    return path


def test_cli_demo_prints_the_new_event_id_last(tmp_path):
    path = tmp_path / "x.sqlite"

    done = rdplanner("demo", "--db", str(path))

    assert done.returncode == 0, done.stderr
    event_id = int(re.findall(r"\d+", done.stdout)[-1])
    db = open_database(sqlite_url(path))
    try:
        with db.session() as session:
            assert get_event(session, event_id).is_demo
    finally:
        db.close()


@pytest.mark.parametrize("damage", ["random_bytes", "sqlite_header_then_garbage"])
def test_cli_demo_refuses_corrupt_database_in_one_line_leaving_it_untouched(tmp_path, damage):
    path = damaged(tmp_path / "x.sqlite", damage)
    before = sha256(path)

    done = rdplanner("demo", "--db", str(path))

    assert done.returncode != 0
    assert len(done.stderr.splitlines()) == 1 and str(path) in done.stderr
    assert "Traceback" not in done.stderr
    assert sha256(path) == before


def test_cli_demo_rejects_unknown_size(tmp_path):
    path = tmp_path / "x.sqlite"

    done = rdplanner("demo", "--db", str(path), "--size", "huge")

    assert done.returncode != 0 and "huge" in done.stderr
    assert not path.exists()


def test_cli_unknown_command_exits_non_zero():
    done = rdplanner("frobnicate")

    assert done.returncode != 0 and "frobnicate" in done.stderr


def test_cli_without_command_exits_non_zero():
    assert rdplanner().returncode != 0


def test_cli_sort_names_orders_stdin_by_name_strokes():
    done = subprocess.run([sys.executable, "-m", "rdplanner", "sort-names"], input="田富\n田大利\n王五\n文六\n",
                          capture_output=True, text=True, cwd=ROOT, encoding="utf-8")
    assert done.returncode == 0
    assert done.stdout.split() == ["王五", "文六", "田大利", "田富"]


def test_cli_sort_names_xingshi_puts_single_given_name_first(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("田大利\n田富\n", encoding="gb18030")
    done = rdplanner("sort-names", "--convention", "xingshi", str(names))
    assert done.returncode == 0
    assert done.stdout.split() == ["田富", "田大利"]


def test_cli_export_signin_pdf_and_roster_xlsx(tmp_path):
    db = tmp_path / "x.sqlite"
    demo = rdplanner("demo", "--db", str(db))
    event_id = re.findall(r"\d+", demo.stdout)[-1]
    pdf, xlsx = tmp_path / "签到表.pdf", tmp_path / "名单.xlsx"
    assert rdplanner("export", "signin", "--db", str(db), "--event", event_id, "-o", str(pdf)).returncode == 0
    assert rdplanner("export", "roster", "--db", str(db), "--event", event_id, "-o", str(xlsx)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any(t.endswith("会议参会人员名单") for t in texts)
    assert not any("名单人员名册" in t for t in texts)
    assert not any(len(t) == 18 and t[:17].isdigit() for t in texts)


def test_cli_export_unknown_event_fails_in_one_line(tmp_path):
    db = tmp_path / "x.sqlite"
    rdplanner("demo", "--db", str(db))
    done = rdplanner("export", "roster", "--db", str(db), "--event", "999", "-o", str(tmp_path / "a.xlsx"))
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1
    assert "999" in done.stderr


def test_cli_usage_errors_are_in_chinese():
    done = rdplanner("frob")
    assert done.returncode != 0
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "参数错误" in done.stderr and "用法见 rdplanner -h" in done.stderr
    assert "error" not in done.stderr and "usage" not in done.stderr


def test_cli_a_bad_option_of_a_command_is_one_line_naming_the_command_help():
    done = rdplanner("export", "nope", "--event", "1", "-o", "a.pdf")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "无效的选择：'nope'" in done.stderr and "用法见 rdplanner export -h" in done.stderr


def test_cli_export_seatmap_and_cards_print_the_saved_seating_and_write_nothing(tmp_path):
    db = tmp_path / "x.sqlite"
    event_id = re.findall(r"\d+", rdplanner("demo", "--db", str(db)).stdout)[-1]
    seatmap, cards = tmp_path / "座次图.pdf", tmp_path / "席卡.pdf"
    unseated = _digest(db)

    refused = rdplanner("export", "seatmap", "--db", str(db), "--event", event_id, "-o", str(seatmap))

    assert refused.returncode == 2 and "还没有排座" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert not seatmap.exists() and _digest(db) == unseated  # no seat plan made, nothing seated
    database = open_database(sqlite_url(db))
    with database.session() as session:
        seat_event(session, int(event_id))
    database.close()
    seated = _digest(db)
    assert rdplanner("export", "seatmap", "--db", str(db), "--event", event_id, "-o", str(seatmap)).returncode == 0
    assert rdplanner("export", "cards", "--db", str(db), "--event", event_id, "-o", str(cards)).returncode == 0
    assert _digest(db) == seated
    text = subprocess.run(["pdftotext", str(seatmap), "-"], capture_output=True, text=True).stdout
    assert "主席台" in text and "座次图" in text
    assert cards.read_bytes().startswith(b"%PDF")


def _digest(db: Path) -> str:
    """The database's content (its -wal too, where the last writes may still be)."""
    parts = [db, db.with_name(db.name + "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


@pytest.fixture(scope="module")
def seating_demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("seating") / "x.sqlite"
    event_id = re.findall(r"\d+", rdplanner("demo", "--db", str(db)).stdout)[-1]
    database = open_database(sqlite_url(db))
    with database.session() as session:  # the officer seats the event before printing its documents
        seat_event(session, int(event_id))
    database.close()
    return db, event_id


def export(seating_demo, kind, output, *options):
    db, event_id = seating_demo
    return rdplanner("export", kind, "--db", str(db), "--event", event_id, "-o", str(output), *options)


def test_cli_export_seatlist_pdf_and_xlsx(seating_demo, tmp_path):
    pdf, xlsx = tmp_path / "对号入座名单.pdf", tmp_path / "对号入座名单.xlsx"

    assert export(seating_demo, "seatlist", pdf).returncode == 0
    assert export(seating_demo, "seatlist", xlsx).returncode == 0

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "对号入座名单" in text and "主席台" in text
    from openpyxl import load_workbook

    assert load_workbook(xlsx).active["A3"].value == "序号"


def test_cli_export_seatmap_options(seating_demo, tmp_path):
    out = tmp_path / "座次图.pdf"

    done = export(seating_demo, "seatmap", out, "--view", "stage", "--page", "A4", "--portrait",
                  "--tiles", "2x1")

    assert done.returncode == 0, done.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+3\b", info) and re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)
    assert "主席台视角" in subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout


def test_cli_export_cards_options(seating_demo, tmp_path):
    out = tmp_path / "席卡.pdf"

    done = export(seating_demo, "cards", out, "--size", "210x140", "--family", "sans", "--per-sheet",
                  "--scope", "rostrum")

    assert done.returncode == 0, done.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+5\b", info)  # 9 rostrum cards, 2 to an A4 sheet


@pytest.mark.parametrize("kind, options, named", [
    ("seatmap", ("--view", "side"), "--view"),
    ("seatmap", ("--page", "A5"), "--page"),
    ("seatmap", ("--tiles", "2by2"), "--tiles"),
    ("seatmap", ("--tiles", "0x2"), "--tiles"),
    ("cards", ("--size", "1x1"), "--size"),
    ("cards", ("--family", "mono"), "--family"),
    ("cards", ("--scope", "all"), "--scope"),
    ("cards", ("--tiles", "2x2"), "--tiles"),
    ("signin", ("--per-sheet",), "--per-sheet"),
    ("seatlist", (), "-o"),
])
def test_cli_export_bad_option_fails_in_one_chinese_line_writing_nothing(seating_demo, tmp_path, kind,
                                                                         options, named):
    out = tmp_path / ("名单.docx" if kind == "seatlist" else "文件.pdf")

    done = export(seating_demo, kind, out, *options)

    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in done.stderr
    assert re.search(r"[\u4e00-\u9fff]", lines[0])
    assert not out.exists()


@pytest.mark.parametrize("kind, name, allowed", [
    ("roster", "r.pdf", ".xlsx"), ("roster", "名单", ".xlsx"), ("seatmap", "座次图.xlsx", ".pdf"),
    ("cards", "席卡.docx", ".pdf"), ("signin", "签到表.csv", ".pdf 或 .xlsx"),
])
def test_cli_export_wrong_extension_exits_2_naming_file_and_allowed_writing_nothing(seating_demo, tmp_path,
                                                                                   kind, name, allowed):
    out = tmp_path / name

    done = export(seating_demo, kind, out)

    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and allowed in lines[0]
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def rare_name_demo(tmp_path_factory):
    """A demo whose director is named 𠀤七 (U+20024, a character the print fonts lack)."""
    from sqlmodel import select

    from rdplanner.models import Participation, Person

    db = tmp_path_factory.mktemp("rare") / "x.sqlite"
    event_id = re.findall(r"\d+", rdplanner("demo", "--db", str(db)).stdout)[-1]
    database = open_database(sqlite_url(db))
    try:
        with database.session() as session:
            person = session.exec(select(Person).join(Participation, Participation.person_id == Person.id)
                                  .where(Participation.event_id == int(event_id),
                                         Participation.role == "member", Participation.rank_order == 1)).one()
            person.name = "\U00020024七"
            session.add(person)
            session.commit()
            seat_event(session, int(event_id))  # the officer seats the event before printing its documents
    finally:
        database.close()
    return db, event_id


@pytest.mark.parametrize("kind", ["seatmap", "cards", "signin"])
def test_cli_export_refuses_a_missing_glyph_naming_the_mark_missing_flag(rare_name_demo, tmp_path, kind):
    out = tmp_path / "文件.pdf"

    done = export(rare_name_demo, kind, out)

    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "U+20024" in lines[0] and "--mark-missing" in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("kind", ["seatmap", "cards", "seatlist", "signin"])
def test_cli_export_mark_missing_prints_the_mark_and_names_the_marked_texts(rare_name_demo, tmp_path, kind):
    out = tmp_path / "文件.pdf"

    done = export(rare_name_demo, kind, out, "--mark-missing")

    assert done.returncode == 0, done.stderr
    assert "已导出" in done.stdout
    warning = done.stderr.strip().splitlines()
    assert len(warning) == 1 and "\U00020024七" in warning[0] and "U+20024" in warning[0]
    assert "〓" in warning[0] and "手写" in warning[0]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "〓七" in "".join(text.split()).replace("\u3000", "")


@pytest.mark.parametrize("kind, name", [("roster", "名单.xlsx"), ("signin", "签到表.xlsx"),
                                        ("seatlist", "名单.xlsx")])
def test_cli_export_mark_missing_is_refused_where_no_pdf_is_written(rare_name_demo, tmp_path, kind, name):
    out = tmp_path / name

    done = export(rare_name_demo, kind, out, "--mark-missing")

    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "--mark-missing" in lines[0] and ".pdf" in lines[0]
    assert not out.exists()


def test_cli_export_mark_missing_without_missing_glyphs_prints_no_warning(seating_demo, tmp_path):
    done = export(seating_demo, "seatmap", tmp_path / "座次图.pdf", "--mark-missing")
    assert done.returncode == 0 and done.stderr == ""
