"""Citation formatting: short footers and Vancouver entries hold only what the entry states."""

from __future__ import annotations

from tall_teach.model import Name, Reference, SourceRef
from tall_teach.transforms.citations import footer_text, short_citation, vancouver

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
