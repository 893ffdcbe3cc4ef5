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


def test_no_import_cycle_between_core_packages_or_modules():
    assert import_cycles(ROOT / "rdplanner", "rdplanner") == []


def test_no_private_name_imported_from_another_core_package():
    assert private_imports(ROOT / "rdplanner", "rdplanner") == []


def test_cycle_and_private_checks_catch_function_level_imports(tmp_path):
    core = tmp_path / "core"
    for package in ("events", "people", "seating"):
        (core / package).mkdir(parents=True)
        (core / package / "__init__.py").write_text("")
    (core / "__init__.py").write_text("")
    (core / "events" / "service.py").write_text("def f():\n    from core.people import roster\n")
    (core / "people" / "roster.py").write_text("from core.events.service import f\n_x = f\n")
    (core / "seating" / "layouts.py").write_text("from core.events.service import _venue_id\n")
    (core / "seating" / "inner.py").write_text("from .layouts import _own  # private inside one package: fine\n")
    (core / "tool.py").write_text("from . import seating\n")

    assert import_cycles(core, "core") == ["events ⇄ people"]
    assert private_imports(core, "core") == ["seating/layouts.py imports _venue_id from core.events.service"]


def _unit(module: str) -> str | None:
    """The package or top-level module of the core a dotted module name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _imports(root: Path, top: str):
    """Yield (file, importing unit, imported module, imported names) for every import under ``root``,
    those inside functions included; relative imports are resolved."""
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).with_suffix("")
        parts = [top, *relative.parts]
        package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
        module = ".".join(parts if parts[-1] != "__init__" else parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                found = [(alias.name, ()) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                found = [(target, tuple(alias.name for alias in node.names))]
            else:
                continue
            for target, names in found:
                if target == top or target.startswith(top + "."):
                    yield path.relative_to(root).as_posix(), _unit(module), target, names


def import_cycles(root: Path, top: str) -> list[str]:
    """Every pair of core units (packages or top-level modules) that import each other, directly or
    through others, as "a ⇄ b" for each strongly connected group's members in turn."""
    edges: dict[str, set[str]] = {}
    for _file, unit, target, names in _imports(root, top):
        others = {_unit(target)} if _unit(target) else {_unit(f"{target}.{n}") for n in names}
        for other in others - {None, unit}:
            if unit is not None:
                edges.setdefault(unit, set()).add(other)
    reach = {u: _reachable(edges, u) for u in edges}
    return sorted({f"{a} ⇄ {b}" for a in edges for b in reach[a] if a < b and a in reach.get(b, ())})


def _reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def private_imports(root: Path, top: str) -> list[str]:
    """Every underscore name imported from another core unit, as "file imports _name from module"."""
    return [f"{file} imports {name} from {target}" for file, unit, target, names in _imports(root, top)
            for name in names if name.startswith("_") and not name.startswith("__") and _unit(target) != unit]
