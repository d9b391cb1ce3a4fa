"""`tall-teach new`: a starter course that uses every block of the authoring contract."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from tall_teach.errors import TallTeachError

_TEMPLATE = Path(__file__).resolve().parent / "course"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def create_course(parent: Path, name: str, today: date | None = None) -> Path:
    """Copy the starter course to parent/name, filling in its title and date."""
    if not _NAME.match(name):
        raise TallTeachError(
            f"course name {name!r} must be lowercase letters, digits, '-' or '_' "
            "(it becomes the folder and the output names), e.g. 'my-course'"
        )
    target = parent / name
    if target.exists():
        raise TallTeachError(f"{target} already exists; choose another name or remove it")
    shutil.copytree(_TEMPLATE, target)
    config = target / "course.yaml"
    title = name.replace("-", " ").replace("_", " ").capitalize()
    text = config.read_text(encoding="utf-8")
    text = text.replace("__TITLE__", title).replace("__DATE__", (today or date.today()).isoformat())
    config.write_text(text, encoding="utf-8")
    return target
