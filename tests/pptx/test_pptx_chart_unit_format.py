"""A chart unit lands in an Excel number format that python-pptx pastes into XML as is."""

from __future__ import annotations

import pytest

from tall_teach.writers.pptx.charts import number_format
from tall_teach.writers.pptx.specs import ChartSpec


def spec(unit: str) -> ChartSpec:
    return ChartSpec(kind="column", title="T", unit=unit, categories=("A",),
                     series=(("S", (1.0,)),), alt="", size=18.0)


@pytest.mark.parametrize(("unit", "fmt"), [
    ("%", 'General"%"'),
    ("mg", 'General" mg"'),
    ("mmol/L", 'General" mmol/L"'),
    ("arbitrary units", "General"),  # a long unit goes into the title
    ("", "General"),
    ('<&">', "General"),
    ('a"b', 'General" ab"'),
])
def test_the_number_format_never_holds_xml_markup_or_a_quote(unit: str, fmt: str) -> None:
    assert number_format(spec(unit)) == fmt
