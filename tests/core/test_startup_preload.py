"""main.py imports the database layer on a side thread while the window is built."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

SCRIPT = """
import json, sys, threading
import main
before = "rdplanner.models" in sys.modules
thread = main.preload_database_layer()
thread.join(60)
print(json.dumps({"before": before, "after": "rdplanner.models" in sys.modules,
                  "sqlalchemy": "sqlalchemy" in sys.modules, "qt": "PySide6" in sys.modules,
                  "daemon": thread.daemon, "alive": thread.is_alive()}))
"""


def test_the_schema_is_imported_on_a_daemon_thread_without_touching_qt():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report == {"before": False, "after": True, "sqlalchemy": True, "qt": False, "daemon": True,
                      "alive": False}


def test_a_failing_preload_is_silent_and_left_to_the_main_thread():
    script = ("import builtins, main\n"
              "real = builtins.__import__\n"
              "def refuse(name, *a, **k):\n"
              "    if name == 'rdplanner.models': raise ImportError('broken install')\n"
              "    return real(name, *a, **k)\n"
              "builtins.__import__ = refuse\n"
              "main.preload_database_layer().join(60)\n"
              "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "ok", "")
