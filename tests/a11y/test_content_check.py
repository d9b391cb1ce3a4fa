"""`tall-teach check` names accessibility problems the content causes, at file:line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tall_teach.pipeline import check_course
from tall_teach.scaffold import create_course

from .conftest import TALL_COURSE
from .test_deck import text_picture

PROBLEMS = """## Problems for the checker

![image](figures/flow.png)

![The handout page, scanned](figures/scan.png)

![](figures/flow.png)

|   |   |
|---|---|
| a | b |

## Take-home messages"""
A11Y_WORDS = ("alt text", "image of text", "no header row")


def a11y_messages(course: Path) -> list[str]:
    return [
        f"{d.source.path.rsplit('/', 1)[-1]}:{d.source.line}: {d.message}"
        for d in check_course(course)
        if d.source is not None and any(w in d.message for w in A11Y_WORDS)
    ]


def test_alt_text_images_of_text_and_headerless_tables_are_reported_at_their_line(
    tmp_path: Path,
) -> None:
    course = create_course(tmp_path, "spoiled", today=date(2026, 1, 15))
    (course / "figures" / "scan.png").write_bytes(text_picture())
    module = course / "modules" / "01-example.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("## Take-home messages", PROBLEMS, 1), encoding="utf-8")
    line = text[: text.index("## Take-home messages")].count("\n") + 1
    found = "\n".join(a11y_messages(course))
    assert f"01-example.md:{line + 2}: image figures/flow.png has alt text 'image'" in found
    assert f"01-example.md:{line + 4}: image figures/scan.png looks like an image of text" in found
    assert f"01-example.md:{line + 6}: image figures/flow.png has no alt text" in found
    assert f"01-example.md:{line + 8}: table has no header row" in found
    assert "flow.png looks like" not in found  # a diagram with three words is not text


def test_the_starter_and_t_all_have_none(tmp_path: Path) -> None:
    assert a11y_messages(create_course(tmp_path, "starter", today=date(2026, 1, 15))) == []
    if (TALL_COURSE / "course.yaml").is_file():
        assert a11y_messages(TALL_COURSE) == []
