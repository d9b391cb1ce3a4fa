"""The package's zips made directly are the bytes zipfile writes for them."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from tall_teach.writers.pptx.package import write_zip, zip_with_zipfile

NAMES = st.one_of(
    st.sampled_from(["[Content_Types].xml", "_rels/.rels", "ppt/slides/slide1.xml",
                     "docProps/core.xml"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/\\"),
            min_size=1, max_size=12),
)
DATA = st.one_of(st.binary(max_size=3000),
                 st.text(max_size=2000).map(lambda t: (t * 3).encode("utf-8")))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(NAMES, DATA, max_size=8))
def test_a_zip_is_the_one_zipfile_writes(entries: dict[str, bytes]) -> None:
    expected = zip_with_zipfile(entries)
    memo: dict[bytes, tuple[bytes, int]] = {}
    assert write_zip(entries) == expected
    assert write_zip(entries, memo) == expected
    assert write_zip(entries, memo) == expected  # each entry's deflated data kept now
    with zipfile.ZipFile(io.BytesIO(expected)) as opened:
        assert {name: opened.read(name) for name in opened.namelist()} == entries


def test_the_same_bytes_under_two_names_are_deflated_once() -> None:
    part = b"<theme>" + b"constant " * 500 + b"</theme>"
    entries = {"xl/theme/theme1.xml": part, "copy.xml": part, "empty": b""}
    memo: dict[bytes, tuple[bytes, int]] = {}
    assert write_zip(entries, memo) == zip_with_zipfile(entries)
    assert set(memo) == {part, b""}
