"""Numbers with units: parsing as written, and plausible wrong values of the same shape."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tall_teach.quiz.numbers import choose_values, find_quantities, parse_quantity


def values(text: str, below: int = 1, count: int = 3) -> list[str]:
    key = parse_quantity(text)
    assert key is not None
    return [q.text() for q in choose_values(key, [], count, below)]


def test_ranges_stay_ranges_of_the_same_width() -> None:
    assert values("30-35%", below=1) == ["10-15%", "50-55%", "70-75%"]


def test_a_bound_keeps_its_wording() -> None:
    quantity = parse_quantity("less than 20%")
    assert quantity is not None and quantity.is_bound
    assert all(v.startswith("less than ") for v in values("less than 20%"))


def test_units_keep_their_spelling_and_agree_in_number() -> None:
    assert values("1 yr", below=0) == ["2 yrs", "3 yrs", "4 yrs"]
    assert values("2-yr", below=0)[0] == "4-yr"  # a compound adjective stays singular
    assert all(v.endswith(" months") for v in values("15.1 months"))


def test_clinical_measurements_move_on_a_grid_a_clinician_would_write() -> None:
    """Half or double a blood pressure (60 or 240 mmHg) would give the key away."""
    assert values("120 mmHg", below=1) == ["110 mmHg", "130 mmHg", "140 mmHg"]
    assert values("5.5 mmol/L", below=2) == ["4.5 mmol/L", "5.0 mmol/L", "6.0 mmol/L"]
    assert values("250 mg/dL", below=1) == ["230 mg/dL", "270 mg/dL", "290 mg/dL"]


def test_below_and_above_are_bounds_too() -> None:
    assert values("below 130 mmHg", below=1) == ["below 120 mmHg", "below 140 mmHg",
                                                  "below 150 mmHg"]
    bound = parse_quantity("above 30 kg/m2")
    assert bound is not None and bound.is_bound


def test_course_values_of_the_same_unit_and_precision_come_first() -> None:
    key = parse_quantity("94%")
    assert key is not None
    course = [q for q, _, _ in find_quantities("2-yr OS 63%; 15 months; EFS 57.1%")]
    chosen = [q.text() for q in choose_values(key, course, 3, 3)]
    assert "63%" in chosen
    assert "57.1%" not in chosen and "15%" not in chosen


def test_numbers_in_running_text_need_a_unit() -> None:
    found = [t for _, t, _ in find_quantities("N=21, p=0.044, CD7, D28 MRD-negative CR 94%")]
    assert found == ["94%"]


@given(
    st.integers(min_value=1, max_value=1000).map(lambda n: n / 10),
    st.booleans(),
    st.integers(min_value=0, max_value=3),
)
def test_percent_distractors_stay_within_0_100_ascending_and_apart(
    value: float, ranged: bool, below: int
) -> None:
    text = f"{value:g}-{min(value + 5, 100):g}%" if ranged and value < 95 else f"{value:g}%"
    key = parse_quantity(text)
    assert key is not None
    chosen = choose_values(key, [], 3, below)
    assert len(chosen) >= 2
    mids = [q.mid for q in chosen]
    assert mids == sorted(mids)
    for q in chosen:
        assert q.is_range == key.is_range
        assert q.low >= 0 and (q.high if q.high is not None else q.low) <= 100
        assert q.values() != key.values()
