"""Set up rdplanner in a local virtual environment, then open the app or run the tests.

    python3 run.py app [--db PATH]    set up (first time) and open the app
    python3 run.py test [PYTEST ARGS] set up (first time) and run the whole test suite

Works on Linux and Windows with nothing but Python 3.11+. On Linux, run as root, it also installs
the system libraries Qt needs (apt-get) when they are missing.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".rdplanner-installed"
# Shared libraries the Qt xcb/offscreen plugins load, and the Debian packages that provide them.
QT_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
}


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_python_version() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"rdplanner 需要 Python 3.11 或更高版本，当前为 {sys.version.split()[0]}。")


def ensure_system_libraries() -> None:
    """On Linux, install the Qt runtime libraries with apt-get when missing (root only)."""
    if not sys.platform.startswith("linux"):
        return
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        known = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    except OSError:  # no ldconfig (unusual distribution): let Qt report what it misses
        return
    missing = sorted({pkg for lib, pkg in QT_LIBRARIES.items() if lib not in known})
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("缺少 Qt 运行所需的系统库，请先安装：sudo apt-get install " + " ".join(missing), file=sys.stderr)
        return
    print("正在安装 Qt 运行所需的系统库：" + " ".join(missing), flush=True)
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env, stdout=subprocess.DEVNULL)


def ensure_environment() -> Path:
    """Create .venv and install rdplanner with its test extra when pyproject.toml changed."""
    ensure_python_version()
    ensure_system_libraries()
    if not venv_python().exists():
        print("正在创建虚拟环境 .venv ……", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("正在安装依赖（首次运行需要几分钟）……", flush=True)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        pip = [str(venv_python()), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True, env=env)
        subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True, env=env)
        STAMP.write_text(wanted)
    # Compiled bytecode makes start-up several times faster; PYTHONDONTWRITEBYTECODE may forbid
    # the interpreter from writing it on import, so compile explicitly.
    subprocess.run([str(venv_python()), "-m", "compileall", "-q", "-j", "0", "rdplanner", "ui", "main.py"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return venv_python()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test"):
        print(__doc__)
        return 2
    python = ensure_environment()
    if argv[0] == "app":
        return subprocess.call([str(python), str(ROOT / "main.py"), *argv[1:]], cwd=ROOT)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    return subprocess.call([str(python), "-m", "pytest", "-q", *argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
