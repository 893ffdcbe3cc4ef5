"""The core (rdplanner/) never imports Qt or ui, neither directly nor through another module."""

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
FORBIDDEN = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2", "shiboken2", "ui"}
QT_MODULES = sorted(FORBIDDEN - {"ui"})

# Imports every module of a package (given as argv[1]) one by one, and reports after which one a
# Qt module first appeared in sys.modules; modules that fail to import are reported too.
IMPORT_ALL = """
import importlib, json, pkgutil, sys
package_name, qt = sys.argv[1], json.loads(sys.argv[2])
package = importlib.import_module(package_name)
failed, pulled_in = {}, {}
def note_failure(name):
    failed[name] = repr(sys.exc_info()[1])
for info in pkgutil.walk_packages(package.__path__, package_name + ".", onerror=note_failure):
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed[info.name] = repr(exc)
    for name in qt:
        if name in sys.modules and name not in pulled_in:
            pulled_in[name] = info.name
print(json.dumps({"failed": failed, "qt": pulled_in}))
"""


def test_core_never_imports_qt_or_ui():
    assert forbidden_imports(ROOT / "rdplanner") == []


def test_importing_every_core_module_loads_no_qt():
    report = import_everything("rdplanner", ROOT)
    assert report["failed"] == {}
    assert report["qt"] == {}, "Qt loaded by importing these core modules (module: first importer)"


def test_layering_checks_catch_direct_and_indirect_qt_imports(tmp_path):
    core = tmp_path / "fakecore"
    (core / "inner").mkdir(parents=True)
    (core / "__init__.py").write_text("")
    (core / "inner" / "__init__.py").write_text("")
    (core / "inner" / "direct.py").write_text("from PySide6 import QtCore\n")
    (core / "inner" / "nested.py").write_text("def f():\n    import ui.main_window\n")
    (core / "indirect.py").write_text("import helper_outside_core\n")
    (tmp_path / "helper_outside_core.py").write_text("import shiboken6\n")

    assert sorted(forbidden_imports(core)) == [
        "inner/direct.py imports PySide6",
        "inner/nested.py imports ui",
    ]
    assert import_everything("fakecore", tmp_path)["qt"]["shiboken6"] == "fakecore.indirect"


def forbidden_imports(root: Path) -> list[str]:
    """Return one line per import of a forbidden top-level module found anywhere under ``root``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            where = path.relative_to(root).as_posix()
            found += [f"{where} imports {name}" for name in sorted(roots & FORBIDDEN)]
    return found


def import_everything(package: str, sys_path: Path) -> dict:
    """Import every module of ``package`` in a fresh interpreter; report failures and Qt modules loaded."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, package, json.dumps(QT_MODULES)],
        cwd=sys_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])
