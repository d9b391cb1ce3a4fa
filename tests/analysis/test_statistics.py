"""Item statistics against an independent numpy computation on a simulated cohort.

The cohort (cohort.py) has items whose behaviour is known: the findings must name the
easy, hard, non-discriminating and miskeyed items and the dead distractor, and nothing
about the ordinary ones.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tall_teach.analysis import analyse
from tall_teach.analysis.findings import item_findings
from tall_teach.analysis.report import Analysis

from .cohort import Simulated


@pytest.fixture(scope="module")
def analysis(sim: Simulated, exports: list[Path]) -> Analysis:
    return analyse(sim.course, exports)


@pytest.fixture(scope="module")
def matrix(sim: Simulated) -> tuple[np.ndarray, np.ndarray]:
    chosen = np.array(sim.answers)
    return chosen, (chosen == 0).astype(float)  # every simulated key is option 0


def test_every_learner_of_the_three_exports_is_read_once(analysis: Analysis) -> None:
    assert len(analysis.cohort.learners) == 400
    assert analysis.cohort.skipped == 1  # the Moodle attempt still in progress
    assert [f.kind for f in analysis.files[:3]] == ["moodle", "canvas", "html"]
    assert analysis.cohort.changed == {} and analysis.cohort.unmatched == {}


def test_facility_discrimination_and_groups_match_numpy(
        analysis: Analysis, matrix: tuple[np.ndarray, np.ndarray]) -> None:
    chosen, scores = matrix
    total = scores.sum(axis=1)
    n = len(total)
    size = int(np.floor(0.27 * n + 0.5))
    order = np.argsort(-total, kind="stable")
    upper, lower = order[:size], order[-size:]
    for j, stats in enumerate(analysis.items):
        assert stats.n == n
        assert stats.facility == pytest.approx(scores[:, j].mean())
        rest = total - scores[:, j]
        assert stats.discrimination == pytest.approx(np.corrcoef(scores[:, j], rest)[0, 1])
        assert stats.upper_lower == pytest.approx(scores[upper, j].mean()
                                                  - scores[lower, j].mean())
        for index, option in enumerate(stats.options):
            assert option.rate == pytest.approx((chosen[:, j] == index).mean())
            assert option.upper == int((chosen[upper, j] == index).sum())
            assert option.lower == int((chosen[lower, j] == index).sum())
        assert stats.no_answer == pytest.approx((chosen[:, j] == -1).mean())


def test_quiz_reliability_matches_numpy(analysis: Analysis,
                                        matrix: tuple[np.ndarray, np.ndarray]) -> None:
    _chosen, scores = matrix
    n, k = scores.shape
    total = scores.sum(axis=1)
    p = scores.mean(axis=0)
    kr20 = k / (k - 1) * (1 - (p * (1 - p)).sum() / total.var(ddof=0))
    quiz = analysis.quiz
    assert (quiz.n, quiz.k) == (n, k)
    assert quiz.mean == pytest.approx(total.mean())
    assert quiz.sd == pytest.approx(total.std(ddof=1))
    assert quiz.kr20 == pytest.approx(kr20)
    assert quiz.sem == pytest.approx(total.std(ddof=1) * np.sqrt(1 - kr20))


def test_the_known_items_are_found_and_the_ordinary_ones_are_not(
        analysis: Analysis, sim: Simulated) -> None:
    found = {}
    for stats, item, kind in zip(analysis.items, sim.course.items, sim.kinds, strict=True):
        found.setdefault(kind, []).append({f.kind for f in item_findings(stats, item)})
    # an item nearly all get right also separates little and leaves its distractors unused
    assert "too-easy" in found["easy"][0]
    assert not found["easy"][0] & {"possible-miskey", "negative-discrimination", "too-hard"}
    assert "too-hard" in found["hard"][0]
    assert found["flat"][0] & {"low-discrimination", "negative-discrimination"}
    assert {"possible-miskey", "negative-discrimination"} <= found["miskeyed"][0]
    assert found["dead-distractor"] == [{"non-functioning-distractor"}]
    assert all(kinds == set() for kinds in found["ordinary"])


def test_the_dead_distractor_is_the_one_named(analysis: Analysis) -> None:
    dead = next(s for s in analysis.items if s.item_id == "tt-sim-9")
    assert dead.nonfunctioning == ("Gamma 9",)
    miskeyed = next(s for s in analysis.items if s.item_id == "tt-sim-8")
    assert miskeyed.miskey == ("Alpha 8",)
