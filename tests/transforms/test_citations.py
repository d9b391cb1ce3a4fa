"""Citation formatting: short footers and Vancouver entries hold only what the entry states."""

from __future__ import annotations

import pytest

from tall_teach.model import Name, Reference, SourceRef
from tall_teach.transforms.citations import edition_text, footer_text, short_citation, vancouver

SRC = SourceRef("references.yaml", 1)


def ref(key: str, authors: tuple[Name, ...], **kw: object) -> Reference:
    base: dict[str, object] = {"type": "article-journal", "title": "", "container": "", "year": ""}
    base.update(kw)
    return Reference(key=key, authors=authors, source=SRC, **base)  # type: ignore[arg-type]


def test_short_citation_uses_first_author_initials_journal_and_year() -> None:
    r = ref("b", (Name("Bassan", "R"),), container="JCO", year="2018", et_al=True)
    assert short_citation(r) == "Bassan R et al, JCO 2018"


def test_short_citation_of_a_single_author_has_no_et_al() -> None:
    r = ref("z", (Name("Zhang", ""),), container="AJH", year="2023")
    assert short_citation(r) == "Zhang, AJH 2023"


def test_short_citation_of_two_authors_says_et_al() -> None:
    r = ref("x", (Name("Author", "Anna B"), Name("Second", "C")), container="J", year="2024")
    assert short_citation(r) == "Author AB et al, J 2024"


def test_short_citation_falls_back_to_title_without_authors() -> None:
    r = ref("ct", (), title="ClinicalTrials.gov")
    assert short_citation(r) == "ClinicalTrials.gov"


def test_vancouver_entry_includes_volume_and_pages_only_when_given() -> None:
    r = ref("z", (Name("Zhang", ""),), container="AJH", year="2023", volume="98", pages="1898-1908")
    assert vancouver(r) == "Zhang. AJH. 2023;98:1898-1908."
    bare = ref("b", (Name("Bassan", "R"),), container="JCO", year="2018", et_al=True)
    assert vancouver(bare) == "Bassan R, et al. JCO. 2018."


def test_vancouver_keeps_the_title_and_the_abstract_note() -> None:
    r = ref("j", (Name("Jain", "N"),), title="A study title.", container="ASH", year="2023",
            note="Abstract 963", et_al=True)
    assert vancouver(r) == "Jain N, et al. A study title. ASH. 2023. Abstract 963."


def test_vancouver_shortens_more_than_six_authors_to_three_et_al() -> None:
    names = tuple(Name(f"N{i}", "A") for i in range(7))
    assert vancouver(ref("k", names, year="2020")).startswith("N0 A, N1 A, N2 A, et al.")


def test_footer_joins_distinct_known_citations_in_order() -> None:
    from tall_teach.model import Course, Glossary, HandoutSettings, QuizSettings

    refs = (
        ref("a", (Name("Ann", "A"),), container="J", year="2001", et_al=True),
        ref("b", (Name("Bob", "B"),), container="K", year="2002"),
    )
    course = Course(
        id="c", root="/tmp/c", title="T", subtitle="", authors=(), date="2026-01-01",
        language="en", theme="default", modules=(), references=refs, glossary=Glossary(),
        handout=HandoutSettings(), quiz=QuizSettings(), source=SRC,
    )
    assert footer_text(("b", "a", "b", "missing"), course) == "Bob B, K 2002; Ann A et al, J 2001"


def test_a_paragraph_that_only_labels_its_citation_is_recognised() -> None:
    from tall_teach.model import Cite, Text
    from tall_teach.transforms.citations import only_labels_its_citation

    assert only_labels_its_citation((Text("Source: "), Cite(("a",))))
    assert only_labels_its_citation((Text("Adapted from:"), Cite(("a", "b"))))
    assert not only_labels_its_citation((Text("Source:"),))  # no citation: the author's text
    assert not only_labels_its_citation((Text("Relapse in 30%: "), Cite(("a",))))
    assert not only_labels_its_citation((Text("Outcome improved "), Cite(("a",))))


def test_an_edited_book_is_cited_by_its_editors_never_by_a_bare_year() -> None:
    # round 31: "Source: … 2015" for the Oxford Companion, which has editors, no author
    from tall_teach.model import Name, Reference, SourceRef
    from tall_teach.transforms.citations import short_citation, vancouver

    book = Reference("robinson2015", "book", (), "The Oxford companion to wine", "", "2015",
                     SourceRef("references.yaml", 10),
                     editors=(Name("Robinson", "Jancis"), Name("Harding", "Julia")))
    assert short_citation(book) == "Robinson J et al (eds), 2015"
    assert vancouver(book).startswith("Robinson J, Harding J, editors. The Oxford companion")
    anonymous = Reference("anon", "book", (), "A manual", "", "2001", SourceRef("r.yaml", 1))
    assert short_citation(anonymous) == "A manual, 2001"


FRANCIS = (Name("Francis", "Peter"), Name("Oppenheimer", "Clive"))
VOLCANO_EDITORS = tuple(Name(f, g) for f, g in (
    ("Sigurdsson", "Haraldur"), ("Houghton", "Bruce"), ("McNutt", "Stephen R."),
    ("Rymer", "Hazel"), ("Stix", "John")))


def test_vancouver_book_has_edition_place_and_publisher() -> None:
    r = ref("f", FRANCIS, type="book", title="Volcanoes", year="2004", edition="2",
            publisher="Oxford University Press", place="Oxford")
    assert vancouver(r) == ("Francis P, Oppenheimer C. Volcanoes. 2nd ed. Oxford: Oxford "
                            "University Press; 2004.")


def test_vancouver_edited_book_is_cited_by_its_editors() -> None:
    r = ref("s", (), type="book", editors=VOLCANO_EDITORS, title="The encyclopedia of volcanoes",
            year="2015", edition="2", publisher="Academic Press", place="Amsterdam")
    assert vancouver(r) == ("Sigurdsson H, Houghton B, McNutt SR, Rymer H, Stix J, editors. "
                            "The encyclopedia of volcanoes. 2nd ed. Amsterdam: Academic Press; "
                            "2015.")


def test_vancouver_chapter_is_in_its_book_with_pages() -> None:
    r = ref("c", (Name("Cashman", "Katharine V."),), type="chapter", title="Magma fragmentation",
            editors=VOLCANO_EDITORS[:2], container="The encyclopedia of volcanoes", year="2015",
            edition="2", publisher="Academic Press", place="Amsterdam", pages="459-471")
    assert vancouver(r) == ("Cashman KV. Magma fragmentation. In: Sigurdsson H, Houghton B, "
                            "editors. The encyclopedia of volcanoes. 2nd ed. Amsterdam: Academic "
                            "Press; 2015. p. 459-471.")
    bare = ref("d", (Name("Cashman", "K"),), type="chapter", title="A chapter.",
               container="A book", year="2015")
    assert vancouver(bare) == "Cashman K. A chapter. In: A book. 2015."


def test_vancouver_report_with_publisher_and_a_book_with_only_some_parts() -> None:
    r = ref("r", (Name("", "", "Example Working Group"),), type="report", title="A report",
            year="2020", publisher="Example Agency", container="Example series")
    assert vancouver(r) == ("Example Working Group. A report. Example Agency; 2020. "
                            "(Example series).")
    place_only = ref("p", FRANCIS, type="book", title="Volcanoes", place="Oxford", year="2004")
    assert vancouver(place_only) == "Francis P, Oppenheimer C. Volcanoes. Oxford; 2004."


def test_vancouver_thesis_is_published_by_its_university() -> None:
    r = ref("t", (Name("Leaf", "Ada"),), type="thesis", title="An example thesis", year="2019",
            publisher="University of Example", place="Exampleton")
    assert vancouver(r) == "Leaf A. An example thesis. Exampleton: University of Example; 2019."


def test_a_book_or_report_without_imprint_reads_as_before() -> None:
    r = ref("h", (Name("", "", "Example Working Group"),), type="book", title="Example handbook",
            year="2023")
    assert vancouver(r) == "Example Working Group. Example handbook. 2023."
    report = ref("m", (Name("Zhang", ""),), type="report", title="T", container="MMWR",
                 year="2023", volume="72", pages="1-9")
    assert vancouver(report) == "Zhang. T. MMWR. 2023;72:1-9."


@pytest.mark.parametrize(("written", "shown"), [
    ("2", "2nd ed."), ("3", "3rd ed."), ("4", "4th ed."), ("11", "11th ed."), ("12", "12th ed."),
    ("13", "13th ed."), ("21", "21st ed."), ("22", "22nd ed."), ("103", "103rd ed."),
    ("111", "111th ed."), ("2nd", "2nd ed."), ("2nd edition", "2nd ed."), ("2nd ed.", "2nd ed."),
    ("Second", "2nd ed."), ("third edition", "3rd ed."), ("1", ""), ("First", ""),
    ("Revised", "Revised."), ("Rev. ed.", "Rev. ed."), ("", ""),
])
def test_edition_numbers_become_ordinals_and_words_stay_as_written(written: str,
                                                                     shown: str) -> None:
    assert edition_text(written) == shown


def test_journal_articles_ignore_publisher_fields() -> None:
    r = ref("z", (Name("Zhang", ""),), container="AJH", year="2023", volume="98",
            pages="1898-1908", publisher="Wiley", place="Hoboken")
    assert vancouver(r) == "Zhang. AJH. 2023;98:1898-1908."


def test_csl_styles_get_edition_place_publisher_and_a_chapters_editors() -> None:
    from tall_teach.transforms.citations import STYLES_DIR, csl_formatted

    book = ref("f", FRANCIS, type="book", title="Volcanoes", year="2004", edition="2",
               publisher="Oxford University Press", place="Oxford")
    chapter = ref("c", (Name("Cashman", "Katharine V."),), type="chapter",
                  title="Magma fragmentation", editors=VOLCANO_EDITORS[:1],
                  container="The encyclopedia of volcanoes", year="2015",
                  publisher="Academic Press", place="Amsterdam", pages="459-471")
    got = csl_formatted((book, chapter), STYLES_DIR / "harvard-cite-them-right.csl")
    assert [r.formatted for r in got] == [
        "Francis, P. and Oppenheimer, C. (2004) Volcanoes. 2nd ed. Oxford: Oxford University "
        "Press.",
        "Cashman, K.V. (2015) \u201cMagma fragmentation\u201d, in H. Sigurdsson (ed.) The "
        "encyclopedia of volcanoes. Amsterdam: Academic Press, pp. 459\u2013471.",
    ]
