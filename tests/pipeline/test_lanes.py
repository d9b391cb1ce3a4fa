"""The forked second lane: results in order, errors raised in the parent, Ctrl+C owned by it."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from tall_teach.errors import ThemeError
from tall_teach.lanes import ForkedLane, LaneError


def _square(n: int) -> int:
    return n * n


def _fail() -> None:
    raise ThemeError("template broken")


class _Unpicklable(Exception):
    def __reduce__(self) -> object:
        raise TypeError("no pickling")


def _fail_unpicklably() -> None:
    raise _Unpicklable("odd")


def _sleep_then(value: str, seconds: float) -> str:
    time.sleep(seconds)
    return value


def test_results_come_back_in_task_order() -> None:
    with ForkedLane([(_square, (n,)) for n in range(5)]) as lane:
        assert lane.results() == [0, 1, 4, 9, 16]


def test_a_task_error_is_raised_in_the_parent_with_its_own_type() -> None:
    with ForkedLane([(_square, (2,)), (_fail, ())]) as lane, pytest.raises(ThemeError):
        lane.results()


def test_an_error_that_cannot_be_pickled_still_arrives_with_its_traceback() -> None:
    with ForkedLane([(_fail_unpicklably, ())]) as lane, pytest.raises(LaneError, match="odd"):
        lane.results()


def test_the_worker_ignores_ctrl_c_so_only_the_parent_decides() -> None:
    with ForkedLane([(_sleep_then, ("done", 0.5))]) as lane:
        time.sleep(0.2)
        os.kill(lane._process.pid, signal.SIGINT)
        assert lane.results() == ["done"]


def test_closing_a_busy_lane_stops_the_worker_at_once() -> None:
    lane = ForkedLane([(_sleep_then, ("late", 30.0))])
    started = time.perf_counter()
    lane.close()
    assert time.perf_counter() - started < 5
    assert lane._process.exitcode == -signal.SIGTERM


def test_ctrl_c_in_the_parent_while_waiting_stops_the_worker() -> None:
    lane = ForkedLane([(_sleep_then, ("late", 30.0))])
    threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
    with pytest.raises(KeyboardInterrupt), lane:
        lane.results()
    assert not lane._process.is_alive()


def _warm_up() -> None:
    os.environ["TT_LANE_WARMED"] = "yes"  # only in the child


def _warmed(extra: str) -> str:
    return os.environ.get("TT_LANE_WARMED", "no") + extra


def test_a_lane_started_early_warms_up_then_takes_its_tasks() -> None:
    with ForkedLane.early(_warm_up) as lane:
        lane.submit([(_warmed, ("!",)), (_square, (3,)), (_warmed, ("x" * 200_000,))])
        results = lane.results()
    assert results[:2] == ["yes!", 9] and results[2] == "yes" + "x" * 200_000
    assert "TT_LANE_WARMED" not in os.environ


def test_a_lane_started_early_and_never_given_tasks_closes_at_once() -> None:
    lane = ForkedLane.early()
    started = time.perf_counter()
    lane.close()
    assert time.perf_counter() - started < 5
    assert not lane._process.is_alive()


def test_a_lane_given_tasks_at_start_takes_no_more() -> None:
    with ForkedLane([(_square, (2,))]) as lane, pytest.raises(LaneError):
        lane.submit([(_square, (3,))])


def test_a_lane_says_when_its_results_are_in() -> None:
    with ForkedLane([(_sleep_then, ("done", 0.3))]) as lane:
        assert not lane.done()
        deadline = time.monotonic() + 30
        while not lane.done() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert lane.done() and lane.results() == ["done"]


def test_a_build_in_two_lanes_writes_the_same_bytes_as_one_lane(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The handout in the lane forked before reading (its own chunk lane inside), the
    quiz PDF here: the same outputs as one process doing everything in turn."""
    from datetime import date

    from tall_teach.pipeline import build
    from tall_teach.scaffold import create_course

    course = create_course(tmp_path / "content", "demo", today=date(2026, 1, 2))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("TALL_TEACH_JOBS", jobs)
        lines: list[str] = []
        build(course, tmp_path / f"jobs-{jobs}", report=lines.append)
        folder = tmp_path / f"jobs-{jobs}" / "demo"
        outputs.append({str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
                        if p.is_file() and not p.relative_to(folder).parts[0].startswith(".")})
        assert any("built handout" in line and "in parallel" in line for line in lines) \
            == (jobs == "2"), lines
    assert "handout.pdf" in outputs[0] and outputs[0] == outputs[1]


def test_a_deck_only_build_draws_the_deck_in_the_early_lane(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--only pptx`: the lane forked before reading imports python-pptx meanwhile and
    draws the deck; the same bytes and warnings as one process."""
    from datetime import date

    from tall_teach.pipeline import build
    from tall_teach.scaffold import create_course

    course = create_course(tmp_path / "content", "demo", today=date(2026, 1, 2))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    decks, warnings = [], []
    for jobs in ("1", "2"):
        monkeypatch.setenv("TALL_TEACH_JOBS", jobs)
        lines: list[str] = []
        result = build(course, tmp_path / f"jobs-{jobs}", only=["pptx"], report=lines.append)
        decks.append((tmp_path / f"jobs-{jobs}" / "demo" / "demo.pptx").read_bytes())
        warnings.append(result.warnings)
        assert any("built pptx" in line and "in parallel" in line for line in lines) \
            == (jobs == "2"), lines
    assert decks[0] == decks[1] and warnings[0] == warnings[1]


def test_the_early_lane_warms_up_for_what_the_selection_needs(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from tall_teach import pipeline

    monkeypatch.setenv("TALL_TEACH_JOBS", "2")
    started: list[object] = []
    monkeypatch.setattr(ForkedLane, "early",
                        classmethod(lambda cls, warm=None: started.append(warm) or "lane"))
    ahead = {}
    for only in ((), ("pptx",), ("pptx", "dump"), ("quiz",), ("handout", "pptx"),
                 ("slides", "dump"), ("dump",), ("slides",), ("anki",)):
        early = pipeline._early_lane(only)
        ahead[only] = None if early is None else sorted(early.ahead)
    assert ahead == {
        (): ["handout", "quiz-pdf"], ("pptx",): ["pptx"], ("pptx", "dump"): ["pptx"],
        ("quiz",): ["quiz-pdf"], ("handout", "pptx"): ["handout"], ("slides", "dump"): [],
        ("dump",): None, ("slides",): None, ("anki",): None,
    }


@pytest.mark.parametrize("early", [False, True])
def test_a_lane_that_cannot_start_leaves_nothing_open(
    monkeypatch: pytest.MonkeyPatch, early: bool
) -> None:
    import multiprocessing.process

    def no_fork(self: object) -> None:
        raise OSError("fork: Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", no_fork)
    before = sorted(os.listdir("/proc/self/fd"))
    with pytest.raises(OSError, match="fork") as failed:
        ForkedLane.early() if early else ForkedLane([(_square, (3,))])
    # closed at once, not when the half-made lane is collected (its frame is still alive)
    assert failed.tb is not None
    assert sorted(os.listdir("/proc/self/fd")) == before


def test_a_lane_started_early_takes_its_tasks_in_batches() -> None:
    """The child starts on a batch while the parent works out the next; results come
    back in the order the tasks were given, once the last batch is done."""
    with ForkedLane.early() as lane:
        lane.submit([(_sleep_then, ("first", 0.2)), (_square, (2,))], last=False)
        lane.submit([(_square, (3,))], last=False)
        assert not lane.done()
        lane.submit([(_square, (4,))])
        assert lane.results() == ["first", 4, 9, 16]


def _steps_meanwhile(steps: int) -> tuple[int, bool, list[int]]:
    """A long task calling `meanwhile` between its steps, until a later batch was done;
    also whether a process it forks would take that batch (it must not)."""
    from tall_teach import lanes

    for step in range(steps):
        time.sleep(0.05)
        lanes.meanwhile()
        if lanes._ORDERS is not None and lanes._ORDERS.done_ahead:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # a fork of the lane: no orders of its own
                os.write(write, b"1" if lanes._ORDERS is None else b"0")
                os._exit(0)
            os.waitpid(pid, 0)
            return step, os.read(read, 1) == b"1", list(lanes._ORDERS.done_ahead)
    return steps, False, []


def test_a_batch_sent_while_a_long_task_runs_is_done_meanwhile() -> None:
    """The task calling `meanwhile` does the next batch between its steps; the results
    still come back in the order the tasks were given; a fork of the lane takes no batch."""
    with ForkedLane.early() as lane:
        lane.submit([(_steps_meanwhile, (200,)), (_square, (2,))], last=False)
        time.sleep(0.2)
        lane.submit([(_square, (3,))])
        (step, forked_none, ahead), four, nine = lane.results()
    assert step < 199 and forked_none and ahead == [9]
    assert (four, nine) == (4, 9)


def test_meanwhile_does_nothing_outside_a_lane() -> None:
    from tall_teach import lanes

    lanes.meanwhile()
    assert lanes._ORDERS is None


def test_the_handout_starts_in_the_early_lane_before_the_quiz_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It reads no quiz item: it starts as soon as the course is read, the rest of the
    lane's share (writers that read items) once the quiz is made."""
    from datetime import date

    import tall_teach.quiz
    from tall_teach import pipeline
    from tall_teach.scaffold import create_course

    course = create_course(tmp_path / "content", "demo", today=date(2026, 1, 2))
    monkeypatch.setenv("TALL_TEACH_JOBS", "2")
    events: list[object] = []
    submit, generate = pipeline._submit, tall_teach.quiz.generate_items

    def recorded_submit(specs: list[pipeline.WriterSpec], *args: object, **kwargs: object
                        ) -> bool:
        events.append(([s.name for s in specs], kwargs.get("last", True)))
        return submit(specs, *args, **kwargs)  # type: ignore[arg-type]

    def recorded_quiz(*args: object) -> object:
        events.append("quiz")
        return generate(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_submit", recorded_submit)
    monkeypatch.setattr(tall_teach.quiz, "generate_items", recorded_quiz)
    pipeline.build(course, tmp_path / "out")
    assert events[:2] == [(["handout"], False), "quiz"]
    assert events[2][1] is True and "handout" not in events[2][0]  # type: ignore[index]
    assert (tmp_path / "out" / "demo" / "handout.pdf").is_file()


def _write_then_hang(marker: str) -> None:
    from tall_teach import cache

    Path(marker + ".tmp").write_text("half")
    cache.WRITING.add(marker + ".tmp")  # as write_entry does while it writes
    Path(marker + ".started").write_text("yes")
    time.sleep(30)


def test_a_stopped_worker_removes_the_cache_entry_it_was_writing(tmp_path: Path) -> None:
    """A Ctrl+C while the lane writes a cache entry: its temporary file is removed, not
    left in the chunk store."""
    marker = str(tmp_path / "task")
    lane = ForkedLane([(_write_then_hang, (marker,))])
    deadline = time.perf_counter() + 10
    while not Path(marker + ".started").exists() and time.perf_counter() < deadline:
        time.sleep(0.02)
    lane.close()
    assert not Path(marker + ".tmp").exists()
    assert lane._process.exitcode == -signal.SIGTERM


def test_a_lane_started_early_says_when_it_is_warm() -> None:
    """The pipeline leaves the handout's page to a lane already warm (`_prepared`)."""
    with ForkedLane.early(lambda: time.sleep(0.5)) as lane:
        assert not lane.warmed()
        deadline = time.monotonic() + 30
        while not lane.warmed() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert lane.warmed()
        lane.submit([(_square, (4,))])
        assert lane.results() == [16]
    with ForkedLane([(_square, (2,))]) as given:
        assert not given.warmed()  # a lane given its tasks at start has no warm-up
        assert given.results() == [4]
