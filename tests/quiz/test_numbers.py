"""Numbers with units: parsing as written, and plausible wrong values of the same shape."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tall_teach.quiz.numbers import (
    bound_before,
    bound_bins,
    choose_values,
    find_quantities,
    ladder,
    parse_quantity,
)


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


def bins(text: str, count: int = 3) -> list[str]:
    key = parse_quantity(text)
    assert key is not None
    return [q.text() for q in bound_bins(key, count)]


def test_a_bound_is_answered_by_bins_on_the_side_where_it_is_false() -> None:
    """A higher ceiling than "less than 20%" is true as well: never offer one."""
    assert bins("less than 20%") == ["20-30%", "30-40%", "more than 40%"]
    assert bins("less than 1%") == ["1-2%", "2-3%", "more than 3%"]
    assert bins("at least 3.0 mmol/L") == ["less than 2.0 mmol/L", "2.0-2.4 mmol/L",
                                           "2.5-2.9 mmol/L"]  # 3.0 is in the bound
    assert bins("<20%") == ["20-30%", "30-40%", ">40%"]
    assert bins("more than 12 months") == ["less than 3 months", "3-6 months", "6-12 months"]


def test_bound_bins_stop_where_the_scale_does() -> None:
    for text in ("up to 90%", "more than 80%", "less than 99%", "at least 1 day"):
        key = parse_quantity(text)
        assert key is not None
        for q in bound_bins(key, 3):
            assert (q.low > 0 and (q.high or q.low) < 100) or q.unit != "%"
    assert bins("30%") == []  # not a bound


def test_a_bound_written_before_a_number_is_found() -> None:
    text = "DKA needs ketonaemia of at least 3.0 mmol/L and (below 7.3"
    assert bound_before(text, text.index("3.0")) == "at least"
    assert bound_before(text, text.index("7.3")) == "below"
    assert bound_before("moreover 3 days", len("moreover ")) == ""
    assert bound_before("give 3 days", len("give ")) == ""


def test_doses_volumes_and_rates_are_numbers_with_units() -> None:
    found = [t for _, t, _ in find_quantities(
        "0.1 units/kg/h, 1 L over an hour, 125 mL/h, 320 mOsm/kg, 0.5 mmol/L/h, 40 mmol"
    )]  # fmt: skip
    assert found == ["0.1 units/kg/h", "1 L", "125 mL/h", "320 mOsm/kg", "0.5 mmol/L/h",
                     "40 mmol"]
    assert values("0.1 units/kg/h", below=1) == ["0.05 units/kg/h", "0.2 units/kg/h",
                                                  "0.3 units/kg/h"]


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


@pytest.mark.parametrize(
    ("written", "unit"),
    [("5 × 10⁹/L", "x10^9/l"), ("0.5 x 10^9/l", "x10^9/l"), ("48 mmol/mol", "mmol/mol"),
     ("30 mL/min/1.73 m²", "ml/min/1.73m2"), ("32 bits", "bit")],
)  # fmt: skip
def test_counts_with_powers_of_ten_and_clinical_scales_are_numbers(written: str, unit: str) -> None:
    key = parse_quantity(written)
    assert key is not None and key.canonical_unit == unit
    assert [q for q, _, _ in find_quantities(f"Platelets above {written} are safe")]


def test_a_year_is_asked_with_nearby_years() -> None:
    key = parse_quantity("1789")
    assert key is not None and key.category == "number:year"
    chosen = choose_values(key, [], 3, 1)
    assert all(1780 <= q.low <= 1800 and q.low != 1789 for q in chosen)


def test_a_bound_on_a_small_percentage_is_asked_with_plausible_bins() -> None:
    key = parse_quantity("below 7%")
    assert key is not None
    assert [q.text() for q in bound_bins(key, 3)] == ["7-12%", "12-17%", "above 17%"]


def test_sizes_in_bits_come_in_powers_of_two() -> None:
    key = parse_quantity("32 bits")
    assert key is not None
    assert {q.low for q in choose_values(key, [], 3, 1)} <= {8, 16, 64, 128, 4, 256}


def test_units_of_the_sciences_are_read() -> None:
    """A bold "1.1 °C" is a number with a unit, not a term without a kind."""
    from tall_teach.quiz.numbers import parse_quantity

    for text, unit in (("1.1 °C", "°C"), ("23.5°", "°"), ("2.7 K", "K"), ("410 ppm", "ppm"),
                       ("340 W/m²", "W/m²")):  # fmt: skip
        quantity = parse_quantity(text)
        assert quantity is not None and quantity.unit == unit


def test_no_wrong_value_within_about_of_the_key() -> None:
    """"about 1.1 °C": 1.2 °C is within the word "about", no wrong answer."""
    from tall_teach.model import Glossary
    from tall_teach.quiz.distractors import numeric_alternatives
    from tall_teach.quiz.numbers import parse_quantity
    from tall_teach.quiz.terms import KeyTerm, build_vocabulary

    message = "The global surface temperature was about 1.1 °C higher than in 1850–1900"
    quantity = parse_quantity("1.1 °C")
    term = KeyTerm("1.1 °C", "number:°c", "number", canonical="1.1 °C", quantity=quantity)
    vocab = build_vocabulary(Glossary(()), [message, "A rise of 1.2 °C over land."])
    values = numeric_alternatives(term, vocab, message, 3, 1)
    assert values and all(abs(v.mid - 1.1) >= 0.15 * 1.1 for v in values)


def test_ages_in_billions_of_years_are_numbers() -> None:
    from tall_teach.quiz.numbers import parse_quantity

    quantity = parse_quantity("4.6 billion years")
    assert quantity is not None and quantity.canonical_unit == "gyr"


def test_a_landmark_angle_is_asked_among_landmarks_not_ten_degree_steps() -> None:
    # "70°, 80°, 100°" beside a 90° phase lag mean nothing, and 100° is impossible
    assert values("90°") == ["45°", "135°", "180°"]
    assert values("60°", count=2) == ["30°", "90°"]
    # an angle off the grid keeps its ladder; a temperature is no angle
    tilt, celsius = parse_quantity("23.5°"), parse_quantity("15 °C")
    assert tilt is not None and celsius is not None
    assert "25.5°" in [q.text() for q in ladder(tilt)]
    assert "17 °C" in [q.text() for q in ladder(celsius)]


def test_a_number_the_message_gives_by_one_product_is_not_asked() -> None:
    from tall_teach.quiz.numbers import given_by_another_number as _derived

    six, hundred, thirty = (parse_quantity(t) for t in ("6°", "100 years", "30 mL/min"))
    assert six is not None and hundred is not None and thirty is not None
    # 60 zones of 6° make a full turn; a 100-year return period is a 1% chance
    assert _derived(six, "The UTM system divides the world into 60 zones, each 6° wide")
    assert _derived(hundred, "A flood with a return period of 100 years has a 1% chance")
    # the same value written twice, or numbers with no such tie, ask nothing away
    assert not _derived(thirty, "Stop metformin when the eGFR falls below 30 mL/min/1.73 m²")
    assert not _derived(six, "An IPv4 address has 32 bits; this one has 6°")


def test_a_course_percentage_of_another_order_is_no_wrong_value() -> None:
    """Round 31: "1%" (a year's growth on a chart) offered for 25% unemployment."""
    key = parse_quantity("25%")
    assert key is not None
    course = [q for q, _, _ in find_quantities("growth 1%; output 40%; prices 15%")]
    chosen = [q.text() for q in choose_values(key, course, 3, 1)]
    assert "1%" not in chosen
    assert "15%" in chosen and "40%" in chosen


def test_per_cent_written_out_is_a_percentage() -> None:
    found = find_quantities("even at its peak it was under 2 per cent a year")
    assert [q.stated() for q, _, _ in found] == [(2.0, None, "%")]


def test_a_bound_in_a_definition_is_a_threshold_asked_alone() -> None:
    """Round 31: "sums each day's mean temperature above 10 °C" was asked with bins
    ("6-8 °C") that do not read as a threshold; a definition's bound keeps its word."""
    from tall_teach.quiz.templates import with_bound
    from tall_teach.quiz.terms import KeyTerm

    text = ("The Winkler index sums, over the growing season, each day's mean temperature "
            "above 10 °C")
    quantity = parse_quantity("10 °C")
    assert quantity is not None
    term = with_bound(KeyTerm("10 °C", "", "number", quantity=quantity), text)
    assert term.quantity is not None and term.quantity.threshold
    assert term.text == "10 °C"


def test_a_number_found_with_its_bound_in_a_definition_keeps_the_bound_in_the_stem() -> None:
    from tall_teach.quiz.templates import with_bound
    from tall_teach.quiz.terms import KeyTerm

    text = "The index sums each day's mean temperature above 10 °C"
    quantity = parse_quantity("above 10 °C")
    assert quantity is not None
    term = with_bound(KeyTerm("above 10 °C", "", "number", quantity=quantity), text)
    assert term.text == "10 °C"
    assert term.quantity is not None and term.quantity.threshold
    assert not term.quantity.qualifier


def test_wrong_values_are_not_all_multiples_of_the_key() -> None:
    """Round 32: "4.6 / 9.2 / 13.8 billion years" (13.8 a course value, 9.2 twice the key)
    shows 4.6 as the unit the others were made from."""
    key = parse_quantity("4.6 billion years")
    assert key is not None
    course = [q for q, _, _ in find_quantities("the universe is 13.8 billion years old")]
    chosen = choose_values(key, course, 2, 0)
    assert len(chosen) == 2
    ratios = sorted(round(q.mid / key.mid, 3) for q in chosen)
    assert ratios != [2.0, 3.0]
    assert not all(r == round(r) for r in ratios)


def test_an_unround_key_gets_no_round_course_values_beside_it() -> None:
    """Round 35: "37%" among 25%, 50% and 60% is the one unround value."""
    key = parse_quantity("37%")
    assert key is not None
    course = [q for q, _, _ in find_quantities("25%; 50%; 60%; 86%")]
    chosen = [q.text() for q in choose_values(key, course, 3, 1)]
    assert not {"25%", "50%", "60%"} & set(chosen)
    assert all(not t.rstrip("%").endswith(("0", "5")) for t in chosen)


def test_a_precise_key_is_not_the_one_exact_value_among_round_ones() -> None:
    """Round 77: "20 mV, 30 mV" beside 59 mV; a round key's round neighbours stay."""
    key = parse_quantity("59 mV")
    assert key is not None
    chosen = [q.text() for q in choose_values(key, [], 2, 2)]
    assert len(chosen) == 2
    assert not all(t.split()[0].endswith(("0", "5")) for t in chosen)
    one = parse_quantity("1%")
    assert one is not None
    assert "0.5%" in [q.text() for q in choose_values(one, [], 3, 1)]


def test_a_number_two_others_of_the_message_give_is_not_asked() -> None:
    """Round 38: "a crop factor of about 1.5, so a 50 mm lens frames like a 75 mm lens"."""
    from tall_teach.quiz.numbers import given_by_another_number

    key = parse_quantity("75 mm")
    assert key is not None
    text = "The crop factor is about 1.5, so a 50 mm lens frames like a 75 mm lens"
    assert given_by_another_number(key, text)
    assert not given_by_another_number(key, "A 75 mm lens on a camera of 2010")


def test_a_number_with_thousands_separators_is_one_number() -> None:
    """Round 44: "between about 12,900 and 11,700 years ago" was blanked as "11,_____"."""
    found = find_quantities("between about 12,900 and 11,700 years ago")
    assert [(w, q.low) for q, w, _ in found] == [("11,700 years", 11700.0)]
    key = parse_quantity("11,700 years")
    assert key is not None and key.text() == "11,700 years"
    assert all("," in q.text() for q in choose_values(key, [], 3, 1))


def test_a_rough_limit_is_found_before_or_after_the_value() -> None:
    from tall_teach.quiz.numbers import rough_limit

    assert rough_limit("warmings of as much as 10 °C within decades", "10 °C") == "as much as"
    assert rough_limit("Greenland warmed by 10 °C or more", "10 °C") == "or more"
    assert rough_limit("a fall of 120 m in sea level", "120 m") == ""
    assert rough_limit("as many as 40 species", "40 species") == "as many as"


def test_a_multiple_is_a_number_on_a_factor_grid() -> None:
    from tall_teach.quiz.numbers import parse_quantity

    q = parse_quantity("32 times")
    assert q is not None and q.canonical_unit == "times"
    assert parse_quantity("10-fold") is not None


def test_a_bound_by_an_unstated_margin_is_a_rough_limit() -> None:
    from tall_teach.quiz.numbers import rough_limit

    text = "The Paris Agreement aims to hold warming well below 2 °C"
    assert rough_limit(text, "2 °C") == "well below"
    assert rough_limit("warming below 2 °C", "2 °C") == ""


def test_a_number_written_as_a_word_gives_a_key_it_equals() -> None:
    from tall_teach.quiz.numbers import given_by_another_number, parse_quantity

    key = parse_quantity("1%")
    assert key is not None
    assert given_by_another_number(key, "One map unit corresponds to 1% recombinant offspring")
    assert not given_by_another_number(key, "A map unit corresponds to 1% recombinant offspring")


def test_a_comparative_of_size_bounds_a_value_like_less_than() -> None:
    """Round 50: "Particles finer than _____ fall in the clay fraction" offered 0.001 mm, as
    true as the key's 0.002 mm; the bound is asked with bins that exclude each other."""
    from tall_teach.quiz.numbers import bound_bins, is_upper_bound, parse_quantity

    fine = parse_quantity("finer than 0.002 mm")
    assert fine is not None and fine.is_bound and is_upper_bound(fine)
    assert [b.text() for b in bound_bins(fine, 3)] == [
        "0.002-0.004 mm", "0.004-0.008 mm", "coarser than 0.008 mm"]
    old = parse_quantity("older than 40 years")
    assert old is not None and old.is_bound and not is_upper_bound(old)


def test_half_and_double_the_key_show_it_as_their_middle() -> None:
    """Round 56: 33, 66 and 132 million years; sizes in bits double by nature."""
    from tall_teach.quiz.numbers import built_on_key

    key = parse_quantity("66 million years")
    assert built_on_key(key, [parse_quantity("33 million years"),
                              parse_quantity("132 million years")])  # fmt: skip
    assert not built_on_key(key, [parse_quantity("33 million years"),
                                  parse_quantity("200 million years")])  # fmt: skip
    bits = parse_quantity("128 bits")
    assert not built_on_key(bits, [parse_quantity("64 bits"), parse_quantity("256 bits")])


def test_science_units_are_read_and_a_decade_is_no_number_of_seconds() -> None:
    """A bold "16.7 ms" (a graphics course's frame time) had no kind; "the 1990s" must
    not become 1990 seconds."""
    from tall_teach.quiz.numbers import find_quantities

    assert parse_quantity("16.7 ms").canonical_unit == "ms"
    assert parse_quantity("154 pm").canonical_unit == "pm"
    assert parse_quantity("101 kPa").canonical_unit == "kpa"
    assert parse_quantity("8.8 MeV").canonical_unit == "mev"  # a nuclear physics writer's
    assert parse_quantity("2 million").canonical_unit == "million"
    assert parse_quantity("4.6 billion years").canonical_unit == "gyr"
    assert parse_quantity("1990s") is None and parse_quantity("5m") is None
    found = [q.text() for q, _, _ in find_quantities("In the 1990s the wall stood 3 m high")]
    assert found == ["3 m"]


def test_an_order_of_magnitude_is_asked_among_orders_of_magnitude() -> None:
    """Round 64: "about 10,000 times" with 5,000 and 20,000; "a factor of 1000" with 996,
    998 and 1002, read as a year."""
    from tall_teach.quiz.numbers import ladder

    values = sorted(q.mid for q in ladder(parse_quantity("10,000 times")))
    assert values[:2] == [100.0, 1000.0] and 100000.0 in values


def test_no_single_share_of_all_is_a_wrong_value() -> None:
    """Round 71: 100% beside "about 80% of the protein in cow's milk is casein", whose
    slide gives whey the other 20%."""
    from tall_teach.quiz.numbers import in_bounds, parse_quantity

    assert not in_bounds(parse_quantity("100%"))  # type: ignore[arg-type]
    assert in_bounds(parse_quantity("80-100%"))  # type: ignore[arg-type]
    assert in_bounds(parse_quantity("95%"))  # type: ignore[arg-type]


def test_an_inclusive_bound_shares_its_value_with_no_bin() -> None:
    """Round 74: "At most 20 years / 20-40 years / …": 20 was in two options."""
    assert bins("at most 20 years", 3) == ["21-40 years", "41-80 years", "more than 80 years"]
    assert bins("less than 20%", 3) == ["20-30%", "30-40%", "more than 40%"]


def test_rounded_multiples_of_a_precise_key_show_it_as_their_base() -> None:
    """Round 82: 0.212, 0.283 and 0.424 beside 0.848 (a quarter, a third, a half, rounded);
    1.71, 2.57 and 15.42 beside 5.14: two whole multiples or fractions are enough."""
    from tall_teach.quiz.numbers import built_on_key

    key = parse_quantity("0.848")
    assert key is not None
    assert built_on_key(key, [parse_quantity(v) for v in ("0.212", "0.283", "0.424")])
    five = parse_quantity("5.14")
    assert five is not None
    assert built_on_key(five, [parse_quantity(v) for v in ("2.57", "15.42", "8.35")])
    assert not built_on_key(five, [parse_quantity(v) for v in ("8.35", "14.83", "2.57")])
    # sizes in bits double by nature
    bits = parse_quantity("128 bits")
    assert bits is not None
    assert not built_on_key(bits, [parse_quantity(v) for v in ("64 bits", "256 bits")])


def test_a_small_percentage_range_gets_its_next_classes() -> None:
    """Hypothesis found "2.4-7.4%" given one wrong range: the next classes (mids 9.9 and
    14.9) read as twice and three times the key's mid, which only factor ladders make."""
    key = parse_quantity("2.4-7.4%")
    assert key is not None
    assert [q.text() for q in choose_values(key, [], 3, 0)] == ["7.4-12.4%", "12.4-17.4%",
                                                                  "17.4-22.4%"]


def test_a_value_after_a_minus_sign_is_not_read_as_positive() -> None:
    """Round 89: liquid hydrogen's "−253 °C" was offered as 253 °C beside 300 °C."""
    from tall_teach.quiz.numbers import find_quantities

    found = [w for _, w, _ in find_quantities("Liquid hydrogen: −253 °C; PEMFC at 60-80 °C")]
    assert found == ["60-80 °C"]


def test_round_whole_number_ranges_move_to_round_ranges() -> None:
    """Round 89: "39-59, 81-101, 102-122 °C" beside "60-80 °C" left the key the only round
    range; round ends stay round, a gap apart."""
    key = parse_quantity("60-80 °C")
    assert key is not None
    texts = [q.text() for q in choose_values(key, [], 3, 1)]
    assert all(q.endswith("0 °C") for q in texts) and "60-80 °C" not in texts
    small = parse_quantity("3-6 days")
    assert small is not None
    assert [q.text() for q in choose_values(small, [], 3, 0)] == ["8-11 days", "13-16 days",
                                                                  "18-21 days"]


def test_durations_stay_whole_and_bins_never_collapse() -> None:
    """Round 91: "0.5 weeks" beside 2 weeks, "40 hours" beside 12 hours, and "2-2 months"
    among the bins of "at least 6 months"."""
    from tall_teach.quiz.numbers import bound_bins

    two_weeks, twelve_hours = parse_quantity("2 weeks"), parse_quantity("12 hours")
    assert two_weeks is not None and twelve_hours is not None
    assert all(q.decimals == 0 for q in choose_values(two_weeks, [], 3, 1))
    assert "36 hours" in [q.text() for q in choose_values(twelve_hours, [], 3, 1)]
    six = parse_quantity("at least 6 months")
    assert six is not None
    assert all(q.high is None or q.high > q.low for q in bound_bins(six, 3))
