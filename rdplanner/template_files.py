"""Reading the bundled templates per event type (resources/templates/<kind>_*.toml): the first file
whose ``event_types`` lists the type gives its entries."""

import tomllib
from pathlib import Path

from rdplanner.errors import RdplannerError
from rdplanner.os_errors import read_reason


def template_entries(folder: Path, kind: str, event_type: str, *, what: str, key: str
                     ) -> tuple[Path | None, list[dict]]:
    """Return the file and its ``key`` entries of the first ``<kind>_*.toml`` in ``folder`` (by name)
    that covers ``event_type``; (None, []) if none does. ``what`` names the template in messages
    ("任务模板", "日程模板").

    Raises:
        RdplannerError naming the file when one cannot be read or parsed.
    """
    for path in sorted(folder.glob(f"{kind}_*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise RdplannerError(f"无法读取{what} {path}：{read_reason(exc)}") from exc
        if event_type in data.get("event_types", []):
            return path, list(data.get(key, []))
    return None, []
