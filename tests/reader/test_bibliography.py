"""Bibliographies in CSL-YAML, CSL-JSON and BibTeX read to the same References."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from tall_teach.model import Name, Reference

from .helpers import errors_of, located, read_ok

CourseDir = Callable[..., Path]

CSL_YAML = """\
references:
  - id: zhang2023
    type: article-journal
    author:
      - {family: Zhang, given: Xian}
      - {family: Li, given: Wei}
    title: An example trial
    container-title: American Journal of Examples
    container-title-short: AJE
    issued: {date-parts: [[2023, 5]]}
    volume: 98
    issue: "12"
    page: 1898-1908
    DOI: 10.0000/aje.1
  - id: group2020
    type: paper-conference
    author:
      - {literal: Example Study Group}
    et-al: true
    title: A meeting abstract
    container-title: EXM
    issued: {raw: "December 2020"}
    note: Abstract 42
    URL: https://example.org/a
"""

CSL_JSON = """[
  {"id": "zhang2023", "type": "article-journal",
   "author": [{"family": "Zhang", "given": "Xian"}, {"family": "Li", "given": "Wei"}],
   "title": "An example trial", "container-title": "American Journal of Examples",
   "container-title-short": "AJE", "issued": {"date-parts": [[2023, 5]]},
   "volume": "98", "issue": "12", "page": "1898-1908", "DOI": "10.0000/aje.1"},
  {"id": "group2020", "type": "paper-conference",
   "author": [{"literal": "Example Study Group"}], "et-al": true,
   "title": "A meeting abstract", "container-title": "EXM",
   "issued": {"raw": "December 2020"}, "note": "Abstract 42", "URL": "https://example.org/a"}
]
"""

BIBTEX = r"""% a comment line
@article{zhang2023,
  author = {Zhang, Xian and Li, Wei},
  title = {An {Example} Trial},
  journal = {AJE},
  year = {2023},
  volume = {98},
  number = {12},
  pages = {1898--1908},
  doi = {10.0000/aje.1}
}

@inproceedings{group2020,
  author = {{Example Study Group} and others},
  title = {A meeting abstract},
  booktitle = {EXM},
  year = 2020,
  note = {Abstract 42},
  url = {https://example.org/a}
}
"""

EXPECTED = {
    "zhang2023": dict(type="article-journal", authors=(Name("Zhang", "Xian"), Name("Li", "Wei")),
                      title="An example trial", container="AJE", year="2023", volume="98",
                      issue="12", pages="1898-1908", doi="10.0000/aje.1", et_al=False),
    "group2020": dict(type="paper-conference", authors=(Name("", "", "Example Study Group"),),
                      title="A meeting abstract", container="EXM", year="2020",
                      note="Abstract 42", url="https://example.org/a", et_al=True),
}


def course_with(course_dir: CourseDir, name: str, text: str) -> Path:
    return course_dir({
        "course.yaml": f"title: T\nbibliography: {name}\nmodules: [modules/one.md]\n",
        "modules/one.md": "## A [@zhang2023; @group2020]\n",
        name: text,
    })


def compare(ref: Reference, key: str) -> None:
    values = {f.name: getattr(ref, f.name) for f in dataclasses.fields(ref)}
    for field, wanted in EXPECTED[key].items():
        got = values[field]
        if field == "title":
            got, wanted = got.lower(), str(wanted).lower()  # BibTeX keeps the {Example} case
        assert got == wanted, (key, field)


@pytest.mark.parametrize(
    ("name", "text", "lines"),
    [("references.yaml", CSL_YAML, (2, 15)), ("references.json", CSL_JSON, (2, 7)),
     ("references.bib", BIBTEX, (2, 13))],
)
def test_each_format_reads_to_the_same_references(
    course_dir: CourseDir, name: str, text: str, lines: tuple[int, int]
) -> None:
    course, _ = read_ok(course_with(course_dir, name, text))
    refs = {r.key: r for r in course.references}
    assert list(refs) == ["zhang2023", "group2020"]
    for key in refs:
        compare(refs[key], key)
    assert tuple(r.source.line for r in course.references) == lines
    assert {r.source.path for r in course.references} == {name}


def test_a_bib_file_is_found_without_being_configured(course_dir: CourseDir) -> None:
    root = course_dir({"references.yaml": None, "references.bib": BIBTEX,
                       "modules/one.md": "## A [@zhang2023]\n"})
    course, _ = read_ok(root)
    assert [r.key for r in course.references] == ["zhang2023", "group2020"]


def test_a_malformed_yaml_bibliography_is_an_error_at_its_line(course_dir: CourseDir) -> None:
    root = course_with(course_dir, "refs.yaml", "references:\n  - id: a\n    title: [x\n")
    errors = errors_of(root)
    assert errors[0].source.path == "refs.yaml" and errors[0].source.line >= 3
    assert errors[0].message.startswith("YAML syntax error")


def test_a_malformed_json_bibliography_is_an_error_at_its_line(course_dir: CourseDir) -> None:
    root = course_with(course_dir, "refs.json", '[\n {"id": "a",\n  "title": "x"\n  "bad": 1}\n]')
    errors = errors_of(root)
    assert located(errors[:1]) == [("refs.json", 4)]
    assert errors[0].message.startswith("JSON syntax error")


def test_an_unreadable_bibtex_entry_is_an_error_at_its_line(course_dir: CourseDir) -> None:
    broken = BIBTEX.replace("@inproceedings{group2020,", "@inproceedings{group2020")
    errors = errors_of(course_with(course_dir, "refs.bib", broken))
    assert ("refs.bib", 13) in located(errors)


def test_duplicate_ids_and_entries_without_id_are_errors(course_dir: CourseDir) -> None:
    text = CSL_YAML + "  - id: zhang2023\n    title: again\n  - title: no id\n"
    errors = errors_of(course_with(course_dir, "refs.yaml", text))
    assert located(errors) == [("refs.yaml", 25), ("refs.yaml", 27)]
    assert "bibliography key 'zhang2023' appears twice (first on line 2)" in errors[0].message
    assert "has no 'id'" in errors[1].message


def test_a_bibliography_in_another_format_is_refused(course_dir: CourseDir) -> None:
    errors = errors_of(course_with(course_dir, "refs.txt", "zhang2023 something"))
    assert located(errors)[0] == ("course.yaml", 2)
    assert "must be CSL-YAML (.yaml), CSL-JSON (.json) or BibTeX (.bib)" in errors[0].message


def test_a_citation_without_any_bibliography_says_to_add_one(course_dir: CourseDir) -> None:
    root = course_dir({"references.yaml": None, "modules/one.md": "## A [@zhang2023]\n"})
    (error,) = errors_of(root)
    assert "the course has no bibliography" in error.message


LATEX_BIBTEX = r"""@string{jed = "Journal of " # "Example Drinks"}
@article{leaf2020,
  author = {Leaf, Ad{\"a} and {World Health Organization}},
  title = {An {\em example} study of \emph{pH} and \textit{steeping}: 5--10~min, A---B \& more},
  journal = jed,
  year = 2020,
  pages = {1--10},
  url = {https://example.org/~leaf/a--b},
}
"""


def test_bibtex_font_commands_dashes_and_ties_become_plain_text(course_dir: CourseDir) -> None:
    root = course_with(course_dir, "refs.bib", LATEX_BIBTEX)
    (root / "modules" / "one.md").write_text("## A [@leaf2020]\n", encoding="utf-8")
    course, _ = read_ok(root)
    (ref,) = course.references
    assert ref.title == "An example study of pH and steeping: 5\u201310\u00a0min, A\u2014B & more"
    assert ref.container == "Journal of Example Drinks"
    assert ref.authors[0] == Name("Leaf", "Ad\u00e4")
    assert ref.pages == "1-10"
    assert ref.url == "https://example.org/~leaf/a--b"  # URLs keep their tildes and dashes


def test_an_undefined_bibtex_string_is_named_at_its_line_without_cascading(
    course_dir: CourseDir,
) -> None:
    text = LATEX_BIBTEX.replace("journal = jed", "journal = jxd")
    root = course_with(course_dir, "refs.bib", text)
    (root / "modules" / "one.md").write_text("## A [@leaf2020]\n", encoding="utf-8")
    (error,) = errors_of(root)  # not also "unknown citation key 'leaf2020'"
    assert located([error]) == [("refs.bib", 5)]
    assert "BibTeX string 'jxd' is not defined" in error.message


def test_a_csl_field_that_is_a_list_is_reported_not_silently_dropped(
    course_dir: CourseDir,
) -> None:
    text = ('[\n {"id": "zhang2023", "title": ["Part one", "part two"],\n'
            '  "container-title": "AJH", "volume": {"v": 1}},\n {"id": "group2020"}\n]')
    course, warnings = read_ok(course_with(course_dir, "refs.json", text))
    ref = course.references[0]
    assert ref.title == "" and ref.container == "AJH" and ref.volume == ""
    said = [w.message for w in warnings if w.source and w.source.path == "refs.json"]
    assert any("'title' should be text, not a list" in m for m in said)
    assert any("'volume' should be text, not a mapping" in m for m in said)
    assert located([w for w in warnings if "should be text" in w.message]) == [
        ("refs.json", 2), ("refs.json", 2)]


BOOKS_YAML = """\
references:
  - id: francis2004
    type: book
    author: [{family: Francis, given: Peter}, {family: Oppenheimer, given: Clive}]
    title: Volcanoes
    edition: 2
    publisher: Oxford University Press
    publisher-place: Oxford
    issued: {date-parts: [[2004]]}
  - id: cashman2015
    type: chapter
    author: [{family: Cashman, given: Katharine V.}]
    editor: [{family: Sigurdsson, given: Haraldur}]
    title: Magma fragmentation
    container-title: The encyclopedia of volcanoes
    edition: "2"
    publisher: Academic Press
    publisher-place: Amsterdam
    page: 459-471
    issued: {date-parts: [[2015]]}
"""

BOOKS_JSON = """[
  {"id": "francis2004", "type": "book",
   "author": [{"family": "Francis", "given": "Peter"}, {"family": "Oppenheimer", "given": "Clive"}],
   "title": "Volcanoes", "edition": "2", "publisher": "Oxford University Press",
   "publisher-place": "Oxford", "issued": {"date-parts": [[2004]]}},
  {"id": "cashman2015", "type": "chapter",
   "author": [{"family": "Cashman", "given": "Katharine V."}],
   "editor": [{"family": "Sigurdsson", "given": "Haraldur"}], "title": "Magma fragmentation",
   "container-title": "The encyclopedia of volcanoes", "edition": 2,
   "publisher": "Academic Press", "publisher-place": "Amsterdam", "page": "459-471",
   "issued": {"date-parts": [[2015]]}}
]
"""

BOOKS_BIBTEX = """\
@book{francis2004,
  author = {Francis, Peter and Oppenheimer, Clive},
  title = {Volcanoes},
  edition = {2},
  publisher = {Oxford University Press},
  address = {Oxford},
  year = {2004}
}
@incollection{cashman2015,
  author = {Cashman, Katharine V.},
  editor = {Sigurdsson, Haraldur},
  title = {Magma fragmentation},
  booktitle = {The encyclopedia of volcanoes},
  edition = {2},
  publisher = {Academic Press},
  address = {Amsterdam},
  pages = {459--471},
  year = {2015}
}
"""


@pytest.mark.parametrize(("name", "text"), [("references.yaml", BOOKS_YAML),
                                            ("references.json", BOOKS_JSON),
                                            ("references.bib", BOOKS_BIBTEX)])
def test_books_and_chapters_keep_edition_place_publisher_and_editors(
    course_dir: CourseDir, name: str, text: str
) -> None:
    root = course_with(course_dir, name, text)
    (root / "modules" / "one.md").write_text("## A [@francis2004; @cashman2015]\n",
                                             encoding="utf-8")
    course, _ = read_ok(root)
    book, chapter = course.references
    assert (book.type, book.edition, book.place, book.publisher, book.year) == (
        "book", "2", "Oxford", "Oxford University Press", "2004")
    assert (chapter.type, chapter.edition, chapter.place, chapter.publisher, chapter.pages) == (
        "chapter", "2", "Amsterdam", "Academic Press", "459-471")
    assert chapter.editors == (Name("Sigurdsson", "Haraldur"),)
    assert chapter.container == "The encyclopedia of volcanoes"


def test_a_bibtex_report_is_published_by_its_institution(course_dir: CourseDir) -> None:
    text = ("@techreport{zhang2023,\n  author = {Zhang, Xian},\n  title = {A report},\n"
            "  institution = {Example Agency},\n  address = {Geneva},\n  year = {2023}\n}\n")
    root = course_with(course_dir, "references.bib", text)
    (root / "modules" / "one.md").write_text("## A [@zhang2023]\n", encoding="utf-8")
    (ref,) = read_ok(root)[0].references
    assert (ref.type, ref.publisher, ref.place) == ("report", "Example Agency", "Geneva")


def test_journal_articles_have_no_publisher_fields(course_dir: CourseDir) -> None:
    course, _ = read_ok(course_with(course_dir, "references.yaml", CSL_YAML))
    assert {(r.publisher, r.place, r.edition) for r in course.references} == {("", "", "")}
