"""QTI 1.2 package: the assessment against the IMS QTI 1.2.1 DTD, the manifest against IMS CP.

The schema files are vendored in `tests/fixtures/schemas/qti/` (see its README), so
these tests never skip.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from lxml import etree

from tall_teach.model import Course
from tall_teach.quizkit import paragraph_html
from tall_teach.theme import Theme
from tall_teach.writers import qti

from .quizexport_fixtures import REPO

SCHEMAS = REPO / "tests" / "fixtures" / "schemas" / "qti"
CC_NS = b"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CP_NS = b"http://www.imsglobal.org/xsd/imscp_v1p1"
NCNAME_SAFE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def schema_file(name: str) -> str:
    path = SCHEMAS / name
    assert path.is_file(), f"{path} is missing: the schemas are part of the repository"
    return str(path)


def package(course: Course, theme: Theme) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(qti.render(course, theme)["quiz/qti.zip"]))


def assessment_root(course: Course, theme: Theme) -> etree._Element:
    aid = qti.assessment_id(course)
    return etree.fromstring(package(course, theme).read(f"{aid}/{aid}.xml"), PARSER)


def without_namespaces(root: etree._Element) -> etree._Element:
    """The DTD knows no namespaces: strip them from elements, drop namespaced attributes."""
    root = etree.fromstring(etree.tostring(root), PARSER)
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.startswith("{"):
            node.tag = node.tag.split("}", 1)[1]
        for key in [k for k in node.attrib if k.startswith("{")]:
            del node.attrib[key]
    etree.cleanup_namespaces(root)
    return root


def dtd_errors(root: etree._Element) -> list[str]:
    dtd = etree.DTD(schema_file("ims_qtiasiv1p2p1.dtd"))
    valid = dtd.validate(without_namespaces(root))
    return [] if valid else [str(e) for e in dtd.error_log.filter_from_errors()]


def manifest_errors(data: bytes) -> list[str]:
    """IMS CP 1.1 plus IMS MD 1.2.2 (our LOM is strict 1.2), Canvas's CC namespace mapped."""
    schema = etree.XMLSchema(etree.parse(schema_file("manifest.xsd")))
    doc = etree.fromstring(data.replace(CC_NS, CP_NS), PARSER)
    return [] if schema.validate(doc) else [str(e) for e in schema.error_log]


def test_the_assessment_is_valid_against_the_qti_1_2_1_dtd(course: Course, theme: Theme) -> None:
    assert dtd_errors(assessment_root(course, theme)) == []


def test_the_dtd_check_catches_a_misplaced_element(course: Course, theme: Theme) -> None:
    root = assessment_root(course, theme)
    item = root.find(".//{*}item")
    item.append(item.find("{*}presentation"))  # presentation after itemfeedback: invalid
    assert dtd_errors(root)


def test_the_manifest_is_valid_ims_content_packaging(course: Course, theme: Theme) -> None:
    assert manifest_errors(package(course, theme).read("imsmanifest.xml")) == []


def test_the_manifest_check_catches_a_resource_without_type(course: Course, theme: Theme) -> None:
    data = package(course, theme).read("imsmanifest.xml")
    assert manifest_errors(data.replace(b' type="imsqti_xmlv1p2"', b"", 1))


def test_the_zip_has_text2qtis_layout_and_the_manifest_points_at_real_files(
    course: Course, theme: Theme
) -> None:
    archive = package(course, theme)
    aid = qti.assessment_id(course)
    assert archive.namelist() == [
        "imsmanifest.xml",
        f"{aid}/{aid}.xml",
        f"{aid}/assessment_meta.xml",
        "non_cc_assessments/",
    ]
    manifest = etree.fromstring(archive.read("imsmanifest.xml"), PARSER)
    hrefs = [f.get("href") for f in manifest.iter("{*}file")]
    assert hrefs and all(h in archive.namelist() for h in hrefs)
    resources = {r.get("identifier"): r for r in manifest.iter("{*}resource")}
    assert resources[aid].get("type") == "imsqti_xmlv1p2"
    dependency = resources[aid].find("{*}dependency").get("identifierref")
    assert resources[dependency].get("href") == f"{aid}/assessment_meta.xml"
    meta = etree.fromstring(archive.read(f"{aid}/assessment_meta.xml"), PARSER)
    assert meta.get("identifier") == aid, "Canvas ignores the settings when the ids differ"
    assert meta.findtext("{*}shuffle_answers") == "false"


def test_every_identifier_is_a_letter_first_ncname_unique_in_the_package(
    course: Course, theme: Theme
) -> None:
    root = assessment_root(course, theme)
    idents = [n.get("ident") for n in root.iter() if n.get("ident") is not None]
    assert all(NCNAME_SAFE.match(i) for i in idents), idents
    unique = [n.get("ident") for n in root.iter("{*}item", "{*}response_label", "{*}assessment")]
    assert len(unique) == len(set(unique))


def fields(item: etree._Element) -> dict[str, str]:
    return {
        f.findtext("{*}fieldlabel"): f.findtext("{*}fieldentry") or ""
        for f in item.iter("{*}qtimetadatafield")
    }


def test_each_item_scores_its_key_and_carries_canvas_metadata_and_feedback(
    course: Course, theme: Theme
) -> None:
    items = assessment_root(course, theme).findall(".//{*}item")
    assert len(items) == len(course.items)
    for model, item in zip(course.items, items, strict=True):
        meta = fields(item)
        labels = [r.get("ident") for r in item.iter("{*}response_label")]
        assert meta["question_type"] == "multiple_choice_question"
        assert float(meta["points_possible"]) == 1.0
        assert meta["original_answer_ids"] == ",".join(labels)
        scored = [
            c
            for c in item.iter("{*}respcondition")
            if c.findtext("{*}setvar") == "100" and c.find("{*}setvar").get("varname") == "SCORE"
        ]
        assert len(scored) == 1
        assert scored[0].findtext(".//{*}varequal") == labels[model.key_index]
        feedback_ids = {f.get("ident") for f in item.iter("{*}itemfeedback")}
        linked = {d.get("linkrefid") for d in item.iter("{*}displayfeedback")}
        assert linked <= feedback_ids and "general_fb" in feedback_ids
        shuffle = item.find(".//{*}render_choice").get("shuffle")
        assert shuffle == ("No" if model.numeric else "Yes")


def test_the_html_in_mattext_is_the_escaped_content(course: Course, theme: Theme) -> None:
    items = assessment_root(course, theme).findall(".//{*}item")
    for model, item in zip(course.items, items, strict=True):
        stem_html = item.find("{*}presentation/{*}material/{*}mattext").text
        assert stem_html == paragraph_html(model.stem)
        assert html.unescape(stem_html[3:-4].replace("<br>", "\n")) == model.stem


def test_the_real_courses_validate(real_courses: list[tuple[str, Course]], theme: Theme) -> None:
    for name, real in real_courses:
        assert dtd_errors(assessment_root(real, theme)) == [], name
        assert manifest_errors(package(real, theme).read("imsmanifest.xml")) == [], name
