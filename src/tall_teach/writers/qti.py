"""QTI 1.2 package (quiz/qti.zip) laid out the way Canvas imports it (text2qti's layout).

The zip holds `imsmanifest.xml` (IMS CP 1.1 in the Common Cartridge namespace),
the assessment `{aid}/{aid}.xml`, Canvas's `{aid}/assessment_meta.xml` and an
empty `non_cc_assessments/`. Canvas converts QTI 1.2 to 2.1, whose identifiers
are NCNames, so every ident is letter-first without dots, colons or spaces.
Answer shuffling is off at quiz level: options are already shuffled (key
positions balanced) and numeric ladders must stay in ascending order.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from tall_teach.model import Course, QuizItem
from tall_teach.quizkit import (
    FIXED_ZIP_TIME,
    general_feedback_html,
    iso_date_or_default,
    ncname,
    option_feedback,
    paragraph_html,
    short_hash,
    text_to_html,
    xml_safe,
)
from tall_teach.theme import Theme

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
MD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def x(text: str) -> str:
    """Escaped element text."""
    return escape(xml_safe(text))


def a(text: str) -> str:
    """A quoted, escaped attribute value."""
    return quoteattr(xml_safe(text))


def assessment_id(course: Course) -> str:
    return f"tt_assessment_{short_hash('assessment', course.id, length=16)}"


def choice_ids(item: QuizItem) -> list[str]:
    base = ncname(item.id)
    return [f"{base}_choice{n}" for n in range(1, len(item.options) + 1)]


def mattext(html_text: str, indent: str) -> str:
    return (
        f'{indent}<material>\n{indent}  <mattext texttype="text/html">{x(html_text)}</mattext>\n'
        f"{indent}</material>"
    )


def metadata_field(label: str, entry: str) -> str:
    return (
        "            <qtimetadatafield>\n"
        f"              <fieldlabel>{x(label)}</fieldlabel>\n"
        f"              <fieldentry>{x(entry)}</fieldentry>\n"
        "            </qtimetadatafield>"
    )


def item_metadata(item: QuizItem, ids: list[str]) -> list[str]:
    return [
        "        <itemmetadata>",
        "          <qtimetadata>",
        metadata_field("question_type", "multiple_choice_question"),
        metadata_field("points_possible", "1.0"),
        metadata_field("original_answer_ids", ",".join(ids)),
        metadata_field("assessment_question_identifierref", f"{ncname(item.id)}_ref"),
        "          </qtimetadata>",
        "        </itemmetadata>",
    ]


def presentation(item: QuizItem, ids: list[str]) -> list[str]:
    shuffle = "No" if item.numeric else "Yes"
    lines = [
        "        <presentation>",
        mattext(paragraph_html(item.stem), "          "),
        '          <response_lid ident="response1" rcardinality="Single">',
        f'            <render_choice shuffle="{shuffle}">',
    ]
    for ident, option in zip(ids, item.options, strict=True):
        lines += [
            f"              <response_label ident={a(ident)}>",
            mattext(text_to_html(option.text), "                "),
            "              </response_label>",
        ]
    lines += ["            </render_choice>", "          </response_lid>"]
    return [*lines, "        </presentation>"]


def condition(test: str, actions: list[str], cont: str) -> list[str]:
    return [
        f'          <respcondition continue="{cont}">',
        "            <conditionvar>",
        f"              {test}",
        "            </conditionvar>",
        *(f"            {action}" for action in actions),
        "          </respcondition>",
    ]


def show(link: str) -> str:
    return f'<displayfeedback feedbacktype="Response" linkrefid={a(link)}/>'


def resprocessing(item: QuizItem, ids: list[str]) -> list[str]:
    """General feedback always, per-choice feedback, then SCORE 100 for the key."""
    lines = [
        "        <resprocessing>",
        "          <outcomes>",
        '            <decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/>',
        "          </outcomes>",
        *condition("<other/>", [show("general_fb")], "Yes"),
    ]
    for ident in ids:
        equal = f'<varequal respident="response1">{x(ident)}</varequal>'
        lines += condition(equal, [show(f"{ident}_fb")], "Yes")
    key_equal = f'<varequal respident="response1">{x(ids[item.key_index])}</varequal>'
    score = '<setvar action="Set" varname="SCORE">100</setvar>'
    lines += condition(key_equal, [score, show("correct_fb")], "No")
    lines += condition("<other/>", [show("general_incorrect_fb")], "Yes")
    return [*lines, "        </resprocessing>"]


def feedback_block(ident: str, html_text: str) -> list[str]:
    return [
        f"        <itemfeedback ident={a(ident)}>",
        "          <flow_mat>",
        mattext(html_text, "            "),
        "          </flow_mat>",
        "        </itemfeedback>",
    ]


def item_xml(item: QuizItem, course: Course) -> list[str]:
    ids = choice_ids(item)
    lines = [f"      <item ident={a(ncname(item.id))} title={a(item.id)}>"]
    lines += item_metadata(item, ids) + presentation(item, ids) + resprocessing(item, ids)
    lines += feedback_block("general_fb", general_feedback_html(item, course))
    lines += feedback_block("correct_fb", "<p>Correct.</p>")
    lines += feedback_block("general_incorrect_fb", "<p>Not quite.</p>")
    for ident, option in zip(ids, item.options, strict=True):
        lines += feedback_block(f"{ident}_fb", text_to_html(option_feedback(item, option)))
    return [*lines, "      </item>"]


def assessment_xml(course: Course, aid: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<questestinterop xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation='
        f'"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">',
        f"  <assessment ident={a(aid)} title={a(course.title)}>",
        "    <qtimetadata>",
        "      <qtimetadatafield>",
        "        <fieldlabel>cc_maxattempts</fieldlabel>",
        "        <fieldentry>1</fieldentry>",
        "      </qtimetadatafield>",
        "    </qtimetadata>",
        '    <section ident="root_section">',
    ]
    for item in course.items:
        lines += item_xml(item, course)
    lines += ["    </section>", "  </assessment>", "</questestinterop>"]
    return "\n".join(lines) + "\n"


def manifest_xml(course: Course, aid: str) -> str:
    """IMS CP manifest; the LOM is strict IMS MD 1.2 (langstring) so it validates too."""
    lang = course.language or "en"
    dependency = f"{aid}_meta"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{aid}_manifest" xmlns="{CP_NS}" xmlns:imsmd="{MD_NS}" xmlns:xsi="{XSI_NS}" \
xsi:schemaLocation="{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd \
{MD_NS} http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd">
  <metadata>
    <schema>IMS Content</schema>
    <schemaversion>1.1.3</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title>
          <imsmd:langstring xml:lang={a(lang)}>{x(course.title)}</imsmd:langstring>
        </imsmd:title>
      </imsmd:general>
    </imsmd:lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="{aid}" type="imsqti_xmlv1p2">
      <file href="{aid}/{aid}.xml"/>
      <dependency identifierref="{dependency}"/>
    </resource>
    <resource identifier="{dependency}" \
type="associatedcontent/imscc_xmlv1p1/learning-application-resource" \
href="{aid}/assessment_meta.xml">
      <file href="{aid}/assessment_meta.xml"/>
    </resource>
  </resources>
</manifest>
"""


def assessment_meta_xml(course: Course, aid: str) -> str:
    """Canvas's quiz settings; identifiers match the manifest (else Canvas ignores them)."""
    points = f"{float(len(course.items)):.1f}"
    description = paragraph_html(
        f"{course.title}: {len(course.items)} questions from the take-home messages "
        f"(generated by tall_teach, {iso_date_or_default(course.date)})."
    )
    settings = [
        ("title", x(course.title)),
        ("description", x(description)),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", points),
        ("show_correct_answers", "true"),
        ("anonymous_submissions", "false"),
        ("could_be_locked", "false"),
        ("allowed_attempts", "-1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("available", "false"),
    ]
    body = "\n".join(f"  <{tag}>{value}</{tag}>" for tag, value in settings)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz identifier="{aid}" xmlns="{CANVAS_NS}" xmlns:xsi="{XSI_NS}" \
xsi:schemaLocation="{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd">
{body}
  <assignment identifier="{aid}_assignment">
    <title>{x(course.title)}</title>
    <workflow_state>unpublished</workflow_state>
    <quiz_identifierref>{aid}</quiz_identifierref>
    <points_possible>{points}</points_possible>
    <grading_type>points</grading_type>
    <submission_types>online_quiz</submission_types>
  </assignment>
  <assignment_group_identifierref>{aid}_group</assignment_group_identifierref>
</quiz>
"""


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed timestamps and the given order: same files, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def qti_package(course: Course) -> bytes:
    aid = assessment_id(course)
    return zip_bytes(
        [
            ("imsmanifest.xml", manifest_xml(course, aid).encode("utf-8")),
            (f"{aid}/{aid}.xml", assessment_xml(course, aid).encode("utf-8")),
            (f"{aid}/assessment_meta.xml", assessment_meta_xml(course, aid).encode("utf-8")),
            ("non_cc_assessments/", b""),
        ]
    )


def render(course: Course, theme: Theme) -> dict[str, bytes]:
    return {"quiz/qti.zip": qti_package(course)}
