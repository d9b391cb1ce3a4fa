"""Same course, same bytes: fixed dates, fixed zip entry times, stable entry order."""

from __future__ import annotations

import io
import zipfile

import pytest

from tall_teach.model import Course
from tall_teach.theme import Theme
from tall_teach.writers.pptx import render


def test_two_builds_give_identical_bytes(course: Course, theme: Theme, deck_bytes: bytes) -> None:
    assert render(course, theme)["demo-deck.pptx"] == deck_bytes


def test_zip_entries_have_fixed_times_and_a_stable_order(deck_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as package:
        infos = package.infolist()
    names = [i.filename for i in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names[2:] == sorted(names[2:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_core_properties_and_chart_workbooks_are_dated_from_the_course(deck_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as package:
        core = package.read("docProps/core.xml").decode()
        workbooks = [n for n in package.namelist() if n.endswith(".xlsx")]
        assert workbooks
        for name in workbooks:
            with zipfile.ZipFile(io.BytesIO(package.read(name))) as book:
                book_core = book.read("docProps/core.xml").decode()
            assert "2026-11-23T00:00:00Z" in book_core
    assert core.count("2026-11-23T00:00:00Z") == 3  # created, modified, last printed


def test_python_pptx_is_the_library_not_this_test_folder() -> None:
    import pptx

    assert hasattr(pptx, "Presentation"), "tests/pptx must not have an __init__.py"


def test_remembered_part_names_give_the_same_deck_as_python_pptx_own_naming(
    course: Course, theme: Theme, deck_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The O(1) part naming is an optimisation only: without it, python-pptx's walk over
    the package must produce the very same bytes (charts, notes, workbooks included)."""
    import tall_teach.writers.pptx.draw as draw

    monkeypatch.setattr(draw, "remember_partnames", lambda package: None)
    assert render(course, theme)["demo-deck.pptx"] == deck_bytes


def test_remembered_part_names_skip_names_already_in_the_package() -> None:
    from pptx import Presentation

    from tall_teach.writers.pptx.partnames import remember_partnames

    prs = Presentation()
    package = prs.part.package
    original = [package.next_partname("/ppt/charts/chart%d.xml")]
    remember_partnames(package)
    names = [package.next_partname("/ppt/charts/chart%d.xml") for _ in range(3)]
    assert original == ["/ppt/charts/chart1.xml"]
    assert names == ["/ppt/charts/chart1.xml", "/ppt/charts/chart2.xml", "/ppt/charts/chart3.xml"]
    assert package.next_partname("/ppt/theme/theme%d.xml") not in {
        str(p.partname) for p in package.iter_parts()}


def test_workbooks_zipped_once_give_the_same_deck_as_xlsxwriters_zip_normalized(
    course: Course, theme: Theme, deck_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chart workbooks kept as entries and zipped once, stamped, are an optimisation only:
    XlsxWriter's own zip, read back and normalized at saving, gives the very same bytes."""
    import contextlib

    import tall_teach.writers.pptx.package as package

    monkeypatch.setattr(package, "workbook_zipped_once", contextlib.nullcontext)
    assert render(course, theme)["demo-deck.pptx"] == deck_bytes
    assert not package._STAMPED and not package._STAMP


def test_a_workbook_zipped_once_is_the_normalized_one() -> None:
    from pptx.chart.data import CategoryChartData

    from tall_teach.writers.pptx.package import (
        normalize_embedded_workbook,
        stamped_workbooks,
        workbook_zipped_once,
    )

    def workbook() -> bytes:
        data = CategoryChartData(number_format='General" %"')
        data.categories = ["A", "B & C", "Ü"]
        data.add_series("Series <1>", [1.5, 0, -3])
        data.add_series("S2", [None, 2, 1e9])
        return data.xlsx_blob  # type: ignore[no-any-return]

    stamp = "2026-01-02T00:00:00Z"
    normalized = normalize_embedded_workbook(workbook(), stamp)
    with stamped_workbooks(stamp), workbook_zipped_once():
        once = workbook()
        assert normalize_embedded_workbook(once, stamp) is once
    assert once == normalized
    with workbook_zipped_once():  # outside a deck: XlsxWriter's own zip, as before
        assert workbook() != normalized
