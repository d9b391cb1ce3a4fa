"""Fixture cases: each cases/<name>.md read as a module must give cases/<name>.json.

Regenerate the expectations with TALL_TEACH_REGEN=1 (then review the diff: the
committed JSON files are the reviewed, correct model).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tall_teach.reader import read_module_text
from tall_teach.writers.dump import to_jsonable

CASES = Path(__file__).parent / "cases"
KNOWN_KEYS = {"smith2020", "jones2021", "lee2022"}
NAMES = sorted(p.stem for p in CASES.glob("*.md"))


def actual(name: str) -> dict:
    text = (CASES / f"{name}.md").read_text("utf-8")
    module, warnings = read_module_text(
        text, f"{name}.md", root=CASES, known_keys=KNOWN_KEYS
    )
    return {"module": to_jsonable(module), "warnings": [str(w) for w in warnings]}


@pytest.mark.parametrize("name", NAMES)
def test_case_reads_to_the_expected_model(name: str) -> None:
    expected_path = CASES / f"{name}.json"
    got = actual(name)
    if os.environ.get("TALL_TEACH_REGEN"):
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert got == json.loads(expected_path.read_text("utf-8"))


def test_every_case_has_an_expectation() -> None:
    assert NAMES and all((CASES / f"{n}.json").exists() for n in NAMES)
