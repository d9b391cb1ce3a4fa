"""The model as JSON (our `pandoc -t native`): the first place to look when output is wrong."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from tall_teach.model import Course
from tall_teach.theme import Theme


def to_jsonable(value: Any) -> Any:
    """Dataclasses become objects tagged with their type; tuples become lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {"type": type(value).__name__}
        for f in dataclasses.fields(value):
            data[f.name] = to_jsonable(getattr(value, f.name))
        return data
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def dump_json(course: Course, *, include_root: bool = False) -> str:
    """Stable JSON text; the absolute root is left out so dumps compare across machines,
    and so are the digests of the files read (the build cache's business)."""
    data = to_jsonable(course)
    data.pop("inputs", None)
    if not include_root:
        data.pop("root", None)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    return {"model.json": dump_json(course).encode("utf-8")}
