"""The build cache: unchanged outputs are skipped, changed inputs rebuild what depends on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tall_teach.errors import ContentError
from tall_teach.pipeline import build

from .conftest import edit

FAST = ["dump", "gift", "moodle"]  # cheap writers: one course-wide, two fed by the quiz


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_second_build_with_nothing_changed_is_up_to_date_and_parses_nothing(
    course: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(course, out, FAST)
    before = snapshot(out / "demo")

    def no_parsing(*_args: object) -> None:
        raise AssertionError("a no-op build must not read the course")

    monkeypatch.setattr("tall_teach.pipeline.diagnose", no_parsing)
    result = build(course, out, FAST)
    assert result.up_to_date
    assert snapshot(out / "demo") == before


def test_rebuilding_with_force_gives_byte_identical_outputs(course: Path, out: Path) -> None:
    build(course, out, FAST)
    before = snapshot(out / "demo")
    result = build(course, out, FAST, force=True)
    assert sorted(result.written) == sorted(["dump", "gift", "moodle"])
    assert snapshot(out / "demo") == before


def test_editing_a_slide_body_rebuilds_slide_outputs_but_not_the_quiz(
    course: Path, out: Path
) -> None:
    build(course, out, FAST)
    edit(course / "modules/01-example.md", "- a second level", "- a second, edited level")
    result = build(course, out, FAST)
    assert result.written == ["dump"]
    assert sorted(result.skipped) == ["gift", "moodle"]


def test_editing_a_take_home_message_rebuilds_the_quiz_and_lists_the_question(
    course: Path, out: Path
) -> None:
    build(course, out, FAST)
    edit(course / "modules/01-example.md", "marks a figure still to be inserted",
         "marks a figure that is still to be inserted")
    result = build(course, out, FAST)
    assert "gift" in result.written and "moodle" in result.written
    changes = (out / "demo" / "CHANGES.md").read_text(encoding="utf-8")
    assert "## Questions" in changes and "Changed:" in changes
    assert "example/take-home-messages" in changes  # the take-home slide changed too


def test_adding_and_removing_a_slide_is_listed_in_changes(course: Path, out: Path) -> None:
    build(course, out, ["dump"])
    module = course / "modules/01-example.md"
    table = "## A table [@handbook2023]"
    edit(module, table, f"## A new slide\n\n- New point\n\n{table}")
    build(course, out, ["dump"])
    changes = (out / "demo" / "CHANGES.md").read_text(encoding="utf-8")
    assert "- Added: `example/a-new-slide` (A new slide)" in changes
    edit(module, "## A new slide\n\n- New point\n\n", "")
    build(course, out, ["dump"])
    changes = (out / "demo" / "CHANGES.md").read_text(encoding="utf-8")
    assert "- Removed: `example/a-new-slide` (A new slide)" in changes


@pytest.mark.parametrize(
    ("relative", "old", "new", "rebuilt"),
    [
        ("course.yaml", "subtitle: A starter", "subtitle: An edited starter", {"dump"}),
        ("references.yaml", "title: Example handbook", "title: Edited handbook", {"dump"}),
        ("glossary.yaml", "flashcards]", "flashcards, slides]", {"dump"}),
        ("figures/flow.png", None, None, {"dump"}),
    ],
)
def test_each_input_kind_invalidates_the_outputs_made_from_it(
    course: Path, out: Path, relative: str, old: str | None, new: str | None, rebuilt: set[str]
) -> None:
    build(course, out, FAST)
    path = course / relative
    if old is None:
        path.write_bytes(path.read_bytes() + b"\0")  # PNG readers ignore trailing bytes
    else:
        edit(path, old, new or "")
    result = build(course, out, FAST)
    assert not result.up_to_date
    assert rebuilt <= set(result.written)


def test_a_content_error_leaves_the_previous_outputs_intact(course: Path, out: Path) -> None:
    build(course, out, FAST)
    before = snapshot(out / "demo")
    edit(course / "modules/01-example.md", "[@example2024]", "[@nosuchkey]")
    with pytest.raises(ContentError) as caught:
        build(course, out, FAST)
    assert any("nosuchkey" in d.message for d in caught.value.diagnostics)
    assert snapshot(out / "demo") == before


def test_a_writer_that_fails_midway_leaves_the_previous_outputs_intact(
    course: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(course, out, FAST)
    before = snapshot(out / "demo")
    edit(course / "modules/01-example.md", "- a second level", "- a changed level")

    def broken(*_args: object) -> dict[str, bytes]:
        raise RuntimeError("injected fault")

    monkeypatch.setattr("tall_teach.writers.moodle.render", broken)
    with pytest.raises(RuntimeError, match="injected fault"):
        build(course, out, FAST, force=True)
    assert snapshot(out / "demo") == before
    assert not list((out / "demo").rglob("*.tmp"))


def test_an_interrupted_write_leaves_no_partial_file(
    course: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(course, out, ["dump"])
    before = snapshot(out / "demo")
    edit(course / "modules/01-example.md", "- a second level", "- a changed level")
    import os

    real_fsync = os.fsync
    calls: list[int] = []

    def interrupted(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # Ctrl+C while the second file is being written
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr("tall_teach.outputs.os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(course, out, ["dump"])
    assert snapshot(out / "demo") == before
    assert not list((out / "demo").rglob("*.tmp"))


def test_an_unwritable_output_folder_is_a_clear_error(course: Path, tmp_path: Path) -> None:
    from tall_teach.errors import OutputError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the build folder should be", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write"):
        build(course, blocker, ["dump"])


def test_a_full_disk_is_a_clear_error_and_leaves_no_temporary_file(
    course: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from tall_teach.errors import OutputError

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tall_teach.outputs.os.fsync", full)
    with pytest.raises(OutputError, match="disk is full"):
        build(course, out, ["dump"])
    assert not list(out.rglob("*.tmp"))


@pytest.mark.parametrize(("jobs", "only"), [("1", ["pptx", *FAST]), ("2", ["pptx", *FAST]),
                                          ("2", ["pptx"])])
def test_keys_recorded_by_a_first_build_are_the_keys_a_later_one_compares(
    course: Path, out: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, only: list[str]
) -> None:
    """A writer with no output on record is keyed once started (not to choose it): the key
    recorded must be the one the next build computes to skip it."""
    from tall_teach import pipeline
    from tall_teach.cache import BuildCache

    monkeypatch.setenv("TALL_TEACH_JOBS", jobs)
    build(course, out, only)
    diagnosis = pipeline.diagnose(course)
    chosen = pipeline._select(diagnosis.course, diagnosis.theme, only,
                              BuildCache.load(out / "demo"), out / "demo", False, lambda _: None)
    assert chosen.todo == [] and sorted(chosen.skipped) == sorted(only)
