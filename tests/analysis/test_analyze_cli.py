"""`tall-teach analyze` end to end on a copy of the mini course; bad results files."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tall_teach.cli import main
from tall_teach.pipeline import diagnose

from .cohort import Simulated, simulate, write_canvas, write_html, write_moodle

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"
AQUIFER = "tt-practice-aquifer-cloze"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    target = tmp_path / "water"
    shutil.copytree(MINI, target)
    return target


def cohort_for(course_dir: Path, miskey: str = "", dead: str = "") -> Simulated:
    """Ordinary answers to the course's items; `miskey`'s key and first distractor swap
    roles, `dead`'s last distractor is never chosen."""
    sim = simulate(diagnose(course_dir).course, learners=300, real=True)
    for j, item in enumerate(sim.course.items):
        distractors = [i for i, o in enumerate(item.options) if not o.correct]
        for row in sim.answers:
            if item.id == miskey and row[j] in (item.key_index, distractors[0]):
                row[j] = distractors[0] if row[j] == item.key_index else item.key_index
            if item.id == dead and row[j] == distractors[-1]:
                row[j] = distractors[0]
    return sim


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_analyze_writes_the_report_and_check_shows_findings_at_the_message(
        course_dir: Path, tmp_path: Path) -> None:
    sim = cohort_for(course_dir, miskey=AQUIFER)
    results = write_moodle(sim, range(300), tmp_path / "responses.csv")
    code, output = run("analyze", str(course_dir), str(results))
    assert code == 0, output
    folder = tmp_path / "build" / "water" / "analysis"
    data = json.loads((folder / "analysis.json").read_text())
    assert data["learners"] == 300 and data["quiz"]["k"] == len(sim.course.items)
    assert f"{course_dir}/modules/02-practice.md:32: warning: item analysis of '{AQUIFER}': " \
           "possible miskey" in output
    assert "Learner1" not in (folder / "report.html").read_text()
    assert "Learner1" not in (folder / "analysis.json").read_text()
    code, output = run("check", str(course_dir))
    assert f"02-practice.md:32: warning: item analysis of '{AQUIFER}': possible miskey" in output
    (course_dir / "modules" / "02-practice.md").write_text(
        (course_dir / "modules" / "02-practice.md").read_text().replace(
            "for a long time", "for many years"))
    code, output = run("check", str(course_dir))
    assert "possible miskey" not in output  # the item changed: the old finding is not shown


def test_the_same_results_give_the_same_bytes(course_dir: Path, tmp_path: Path) -> None:
    sim = cohort_for(course_dir)
    results = write_canvas(sim, range(300), tmp_path / "canvas.csv")
    outputs = []
    for out in ("one", "two"):
        assert run("analyze", str(course_dir), str(results), "--out", str(tmp_path / out))[0] == 0
        folder = tmp_path / out / "water" / "analysis"
        outputs.append(((folder / "analysis.json").read_bytes(),
                        (folder / "report.html").read_bytes()))
    assert outputs[0] == outputs[1]


def test_names_appear_in_the_report_only_when_asked(course_dir: Path, tmp_path: Path) -> None:
    sim = cohort_for(course_dir)
    results = write_moodle(sim, range(30), tmp_path / "responses.csv")
    assert run("analyze", str(course_dir), str(results), "--names")[0] == 0
    folder = tmp_path / "build" / "water" / "analysis"
    assert "Test Learner1" in (folder / "report.html").read_text()
    assert "Learner1" not in (folder / "analysis.json").read_text()


def test_swap_lists_dead_generated_distractors_to_avoid(course_dir: Path, tmp_path: Path) -> None:
    config = course_dir / "course.yaml"
    config.write_text(config.read_text().replace("  seed: 7\n",
                                                 "  seed: 7\n  swap_distractors: true\n"))
    sim = cohort_for(course_dir, dead=AQUIFER)
    results = [write_html(sim, n, tmp_path / f"r{n}.csv") for n in range(60)]
    code, output = run("analyze", str(course_dir), *map(str, results))
    assert code == 0, output
    assert "under 'avoid:'" in output
    course = diagnose(course_dir).course
    review = course.review_of(AQUIFER)
    item = next(i for i in sim.course.items if i.id == AQUIFER)
    last = [o.text for o in item.options if not o.correct][-1]
    assert review is not None and last in review.avoid
    rebuilt = next((i for i in course.items if i.id == AQUIFER), None)
    assert rebuilt is None or last not in [o.text for o in rebuilt.options]  # swapped out


def test_an_item_changed_since_the_results_is_reported_not_merged(
        course_dir: Path, tmp_path: Path) -> None:
    sim = cohort_for(course_dir)
    item = next(i for i in sim.course.items if i.id == AQUIFER)
    old = replace(item, options=tuple(replace(o, text="Old key") if o.correct else o
                                      for o in item.options))
    changed = replace(sim, course=replace(sim.course, items=tuple(
        old if i.id == AQUIFER else i for i in sim.course.items)))
    results = write_moodle(changed, range(100), tmp_path / "responses.csv")
    code, output = run("analyze", str(course_dir), str(results))
    assert code == 0, output
    data = json.loads((tmp_path / "build" / "water" / "analysis" / "analysis.json").read_text())
    assert AQUIFER in data["changed"] and "responses.csv:2" in data["changed"][AQUIFER]
    assert AQUIFER not in [i["id"] for i in data["items"]]


MOODLE_HEAD = ('"Last name","First name","Email address","State","Started on","Completed",'
               '"Time taken","Grade/1.00","Question 1","Response 1","Right answer 1"\n')


@pytest.mark.parametrize(("name", "text", "where", "words"), [
    ("empty.csv", "", ":1:", "the file is empty"),
    ("blank.csv", "\n\n", ":1:", "the file is empty"),
    ("broken.csv", MOODLE_HEAD + 'A,B,c@x,Finished,,,,1,"Which process forms clouds?,x,y\n',
     ":2:", "broken CSV"),
    ("ragged.csv", MOODLE_HEAD + "A,B,c@x,Finished,,,,1\n", ":2:", "has 8 cells but"),
    ("other.csv", MOODLE_HEAD + 'A,B,c@x,Finished,,,,1,"What is the capital of Peru?",Lima,Lima\n',
     ":1:", "none of its questions matches an item of this course"),
    ("formula.csv", MOODLE_HEAD + 'A,B,c@x,Finished,,,,1,Which process forms clouds?,'
     '"=HYPERLINK(""http://x"")",condensation\n', ":2:", "looks like a spreadsheet formula"),
    ("at.csv", MOODLE_HEAD + 'A,B,c@x,Finished,,,,1,Which process forms clouds?,@SUM(A1),'
     'condensation\n', ":2:", "looks like a spreadsheet formula"),
    ("plus.csv", MOODLE_HEAD + 'A,B,c@x,Finished,,,,1,Which process forms clouds?,+1+2,'
     'condensation\n', ":2:", "looks like a spreadsheet formula"),
    ("unknown.csv", "a,b\n1,2\n", ":1:", "not a results export"),
    ("noquestion.csv", '"Last name","State","Response 1"\nA,Finished,x\n', ":1:",
     "tick 'Question text'"),
    ("html-bad.csv", '"attempt","finished","number","item_id","module","question","your_answer",'
     '"correct_answer","correct"\n"1","t","1","tt-nope","m","q","A. x","A. x","1"\n', ":1:",
     "none of its questions matches"),
])
def test_bad_results_are_an_error_at_file_and_line_and_nothing_is_written(
        course_dir: Path, tmp_path: Path, name: str, text: str, where: str, words: str) -> None:
    good = write_moodle(cohort_for(course_dir), range(30), tmp_path / "good.csv")
    assert run("analyze", str(course_dir), str(good))[0] == 0
    report = tmp_path / "build" / "water" / "analysis" / "report.html"
    before = report.read_bytes()
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    code, output = run("analyze", str(course_dir), str(good), str(bad))
    assert code == 1
    assert f"{bad}{where} error: " in output and words in output, output
    assert "Traceback" not in output and "nothing was written" in output
    assert report.read_bytes() == before
    assert sorted(p.name for p in report.parent.iterdir()) == ["analysis.json", "report.html"]


def test_a_binary_file_is_refused(course_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "results.xlsx"
    bad.write_bytes(b"PK\x03\x04\x00\x00binary")
    code, output = run("analyze", str(course_dir), str(bad))
    assert code == 1 and f"{bad}:1: error: this is a binary file" in output
