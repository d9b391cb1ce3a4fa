"""What gives an option away: the stem's dates, years and units, another item's stem,
numbers stated near the message, ranges that touch, values written twice."""

from __future__ import annotations

from dataclasses import replace

from tall_teach.model import Glossary, QuizControls
from tall_teach.quiz import generate_items
from tall_teach.quiz.cues import date_clash, far_in_time, gives_answer, unit_names_key
from tall_teach.quiz.dates import parse_date
from tall_teach.quiz.evidence import Evidence, course_evidence, years
from tall_teach.quiz.numbers import choose_values, parse_quantity, separated

from .conftest import course_with, msg, question, question_slide, text_slide

EVENTS = Glossary((
    ("event", ("flight to Varennes", "Great Fear", "October Days", "September massacres",
               "Tennis Court Oath")),
    ("person", ("Napoleon Bonaparte", "Marie Antoinette", "Charlotte Corday", "Sieyès",
                "Babeuf", "Barras")),
))  # fmt: skip
HISTORY = [
    text_slide("h/1", "1789", ["The Great Fear swept the countryside in July 1789.",
                               "The October Days brought the king to Paris in 1789."]),
    text_slide("h/2", "1793", ["Marie Antoinette was executed in October 1793.",
                               "Charlotte Corday killed Marat in July 1793."]),
    text_slide("h/3", "1795-1799", ["Barras led the Directory from 1795.",
                                    "Babeuf's conspiracy was crushed in 1797.",
                                    "Sieyès sat in the Directory in 1799."]),
]  # fmt: skip


def _evidence(*slides: object) -> Evidence:
    return course_evidence(course_with([msg("Placeholder message")], extra_slides=list(slides)))


def test_years_are_not_doses() -> None:
    assert years("titrated to about 2000 mg a day") == set()
    assert years("on 18 Brumaire (9 November 1799), in 1957, and the 1960 prize") == {
        1799, 1957, 1960,
    }  # fmt: skip


def test_a_name_carrying_another_month_than_the_stem_is_ruled_out() -> None:
    stem = "The flight to Varennes in June 1791 destroyed trust in the king"
    assert date_clash("October Days", stem)
    assert date_clash("September massacres", stem)
    assert not date_clash("Great Fear", stem)
    assert not date_clash("October Days", "The king was brought to Paris")  # no date: no clash


def test_a_person_the_course_places_years_away_from_the_stem_is_implausible() -> None:
    evidence = _evidence(*HISTORY)
    stem = "Napoleon Bonaparte seized power on 18 Brumaire (9 November 1799)"
    assert far_in_time("Marie Antoinette", stem, evidence)
    assert far_in_time("Charlotte Corday", stem, evidence)
    assert not far_in_time("Babeuf", stem, evidence)  # 1797: near enough to be believed
    assert not far_in_time("Sieyès", stem, evidence)
    assert not far_in_time("Lafayette", stem, evidence)  # the course never dates him


def test_a_unit_only_the_key_is_written_with_names_it() -> None:
    evidence = _evidence(text_slide("d/1", "Insulin", ["Start basal insulin at 10 units a day.",
                                                       "Metformin 500 mg; sitagliptin 100 mg."]))
    terms = ["basal insulin", "metformin", "sitagliptin", "pioglitazone"]
    stem = "Basal insulin starts at 10 units a day"
    assert unit_names_key("basal insulin", stem, evidence, terms)
    # a dose in mg says nothing: any drug is given in mg
    assert not unit_names_key("metformin", "Metformin is started at 500 mg a day", evidence, terms)


def test_whole_number_ranges_never_touch_and_no_range_overlaps() -> None:
    key = parse_quantity("7-10 days")
    assert key is not None
    touching, apart = parse_quantity("4-7 days"), parse_quantity("3-6 days")
    assert touching is not None and apart is not None
    assert not separated(key, key, touching)
    assert separated(key, key, apart)
    for q in choose_values(key, [touching], 3, 1):
        assert q.high is not None and (q.high < 7 or q.low > 10)
    fine = parse_quantity("3.5-5.5 mmol/L")  # a continuous scale may be binned edge to edge
    assert fine is not None
    assert all(q.high is not None and (q.high <= 3.5 or q.low >= 5.5)
               for q in choose_values(fine, [], 3, 1))  # fmt: skip


def test_a_value_the_course_states_near_the_message_is_never_a_wrong_value() -> None:
    table = text_slide("i/1", "Speed", ["Adaptive immunity takes days (4-7 days for a first "
                                        "response)."])  # fmt: skip
    course = course_with([msg("The primary response takes about **7-10 days**")],
                         extra_slides=[table])  # fmt: skip
    course, _ = generate_items(course)
    (item,) = course.items
    assert "4-7 days" not in [o.text for o in item.options]


def test_a_value_written_again_in_other_units_is_not_blanked() -> None:
    course = course_with([msg("Diabetes is diagnosed at an HbA1c of **6.5%** (48 mmol/mol)")])
    course, warnings = generate_items(course)
    assert course.items == ()
    assert "again as '(48 mmol/mol)'" in warnings[0].message


def test_no_key_written_in_another_items_stem_and_no_option_tied_there() -> None:
    authored = question("In the study of CD5-edited CAR-T cells, what was the CR rate?",
                        [("100%", True), ("94%", False), ("57%", False)])  # fmt: skip
    course = course_with(
        [msg("**CD5**-targeting CAR-T have shown impressive response rates"),
         msg("**CD7** CAR-T is one of the CAR-T products tested in T-ALL", line=11)],
        extra_slides=[question_slide(authored)],
    )  # fmt: skip
    course, _ = generate_items(course)
    generated = [i for i in course.items if i.kind != "authored"]
    shown = {i.id: i.stem for i in course.items}
    for item in generated:
        key = item.options[item.key_index].text
        assert not any(key in stem for other, stem in shown.items() if other != item.id)
    assert not any("CD5" in o.text for i in generated for o in i.options)


def test_what_the_course_says_of_insulin_it_says_of_basal_insulin() -> None:
    glossary = Glossary((("drug class", ("sulfonylurea", "biguanide", "basal insulin",
                                         "SGLT2 inhibitor", "DPP-4 inhibitor")),))  # fmt: skip
    notes = text_slide("d/2", "Insulin",
                       ["Insulin lowers glucose but brings weight gain and hypoglycaemia."])
    course = course_with(
        [msg("**Sulfonylureas** lower glucose quickly but cause hypoglycaemia and weight gain")],
        extra_slides=[notes], glossary=glossary,
    )  # fmt: skip
    course, _ = generate_items(course)
    (item,) = course.items
    assert "Basal insulins" not in [o.text for o in item.options]
    assert any("arguably true" in r and "basal insulin" in r for r in item.reasons)


ROUTING = Glossary((("routing protocol", ("RIP", "OSPF", "BGP")),))


def test_one_fact_of_a_two_fact_message_is_asked_alone_when_the_whole_makes_no_item() -> None:
    table = text_slide("r/1", "Routing inside a network", [
        "RIP counts hops as a distance-vector protocol.",
        "BGP is the path-vector protocol between networks.",
    ])  # fmt: skip
    course = course_with([msg("**OSPF** is a link-state protocol; **RIP** is distance-vector")],
                         extra_slides=[table], glossary=ROUTING)  # fmt: skip
    course, _ = generate_items(course)
    (item,) = course.items
    assert item.stem.startswith("_____ is a link-state protocol.")
    assert "distance-vector" not in item.stem
    assert sorted(o.text for o in item.options) == ["BGP", "OSPF", "RIP"]
    assert "RIP is distance-vector" in item.explanation
    assert any("asked the clause" in r for r in item.reasons)


def test_a_table_row_comparing_key_and_candidate_is_no_evidence_for_the_candidate() -> None:
    from tall_teach.quiz.evidence import _compares

    assert _compares("Example | RIP | OSPF", "OSPF", "RIP")
    assert not _compares("RIP and OSPF | interior", "OSPF", "RIP")  # one cell: listed together


def _table_slide(rows: list[tuple[str, ...]], header: tuple[str, ...] = ("Layer", "Examples"),
                 title: str = "Layers") -> object:
    """A content slide holding one plain table, its cells as written."""
    from tall_teach.model import Slide, SourceRef, Table, Text

    cells = tuple(tuple((Text(c),) for c in row) for row in rows)
    table = Table(tuple((Text(h),) for h in header), cells, ("",) * len(header),
                  SourceRef("modules/a.md", 5))  # fmt: skip
    return Slide("n/1", "content", (Text(title),), (table,), (), (), SourceRef("m.md", 4))


def test_a_table_row_listing_the_key_with_its_kind_is_its_finer_kind() -> None:
    glossary = Glossary((("protocol", ("IP", "TCP", "UDP", "ICMP", "HTTP", "DNS", "ARP")),))
    table = _table_slide([("Application", "HTTP, DNS"), ("Transport", "TCP, UDP, QUIC"),
                          ("Network", "IP, ICMP")])  # fmt: skip
    course = course_with([msg("**TCP** is reliable and connection-oriented")],
                         extra_slides=[table], glossary=glossary)  # fmt: skip
    course, _ = generate_items(course)
    (item,) = course.items
    assert sorted(o.text for o in item.options) == ["QUIC", "TCP", "UDP"]
    assert any("of another kind" in r and "'IP'" in r for r in item.reasons)


def test_a_number_that_names_is_never_made_up() -> None:
    course = course_with([msg("DNS queries use UDP port **53**")])
    course, warnings = generate_items(course)
    assert course.items == ()
    assert "'port 53' names something" in warnings[0].message


def test_a_key_another_item_shows_by_its_short_form_is_not_asked() -> None:
    glossary = Glossary((("receptor", ("Toll-like receptors", "Fc receptors", "T-cell receptors",
                                       "B-cell receptors")),
                         ("gene", ("TLR4", "TLR5", "TLR9", "TLR3"))))  # fmt: skip
    slide = text_slide("i/2", "Sensors", ["Toll-like receptors (TLRs) sit on the cell surface.",
                                          "TLR5 binds flagellin; TLR9 binds CpG DNA."])  # fmt: skip
    course = course_with(
        [msg("Innate cells recognise microbial patterns through **Toll-like receptors**"),
         msg("**TLR4** recognises lipopolysaccharide", line=11)],
        extra_slides=[slide], glossary=glossary,
    )  # fmt: skip
    course, warnings = generate_items(course)
    assert [i.key_term for i in course.items] == ["TLR4"]
    assert "shows it in its stem or options" in warnings[0].message


def test_a_date_the_course_gives_no_neighbour_for_is_asked_with_the_key_moved_by_months() -> None:
    from tall_teach.quiz.dates import parse_date, shifted

    assert shifted("14 July 1789", (2, -2)) == ["25 September 1789", "8 May 1789"]
    assert shifted("31 January 1790", (1,)) == ["14 February 1790"]  # a day every month has
    assert shifted("July 14, 1789", (6,)) == ["January 25, 1790"]
    assert shifted("August 1789", (-3,)) == ["May 1789"]
    # round 70: "1 January 1801" the one round date among arbitrary days
    assert shifted("1 January 1801", (2, -2)) == ["1 March 1801", "1 November 1800"]
    course = course_with([msg("The Bastille fell on **14 July 1789**")], glossary=Glossary())
    course, _ = generate_items(course)
    (item,) = course.items
    dates = [parse_date(o.text) for o in item.options]
    assert all(d is not None and d[0] in (1789, 1790) for d in dates)
    assert any("kept '25 September 1789'" in r for r in item.reasons)
    assert len({o.text.split()[0] for o in item.options}) == len(item.options)  # days differ


def test_wrong_dates_never_lie_across_a_date_the_quiz_shows() -> None:
    taught = text_slide("a/t", "Timeline", [
        "8 August 1788: the Estates-General are called",
        "24 January 1789: the letters of convocation",
        "5 May 1789: the Estates-General open", "20 June 1789: the Tennis Court Oath",
        "26 August 1789: the Declaration", "5 October 1789: the October Days",
        "10 August 1792: the monarchy falls", "22 September 1792: the Republic",
        "21 January 1793: the king is executed", "20 April 1792: war on Austria",
    ])  # fmt: skip
    course = course_with(
        [msg("The Estates-General opened on **5 May 1789**"),
         msg("The **Tennis Court Oath** (20 June 1789) bound the deputies to give France a "
             "constitution", line=11),
         msg("The monarchy fell on 10 August 1792 and the king was executed on "
             "**21 January 1793**", line=12)],
        extra_slides=[taught],
        glossary=Glossary((("event", ("Tennis Court Oath", "Great Fear", "Night of 4 August",
                                      "Federation")),)),
    )  # fmt: skip
    course, _ = generate_items(course)
    assert any(i.key_term == "Tennis Court Oath" for i in course.items)
    dates = {i.key_term: [parse_date(o.text) for o in i.options] for i in course.items}
    assert all(d is not None and d < (1789, 6, 20) for d in dates["5 May 1789"])
    assert all(d is not None and d > (1792, 8, 10) for d in dates["21 January 1793"])


def test_made_up_dates_keep_to_the_titles_years_and_off_the_courses_own_days() -> None:
    from dataclasses import replace

    taught = text_slide("a/t", "Timeline", ["21 January 1793: the king is executed",
                                            "22 September 1792: the Republic"])  # fmt: skip
    course = replace(course_with([msg("The Bastille fell on **14 July 1789**")],
                                 extra_slides=[taught], glossary=Glossary()),
                     title="The Revolution, 1789-1799")  # fmt: skip
    course, _ = generate_items(course)
    (item,) = course.items
    for option in item.options:
        value = parse_date(option.text)
        assert value is not None and 1789 <= value[0] <= 1799
        assert value[1:] not in ((1, 21), (9, 22))


def test_a_comparison_table_rejects_what_it_gives_the_same_and_keeps_what_differs() -> None:
    from tall_teach.model import Slide, SourceRef, Table, Text

    rows = [("Perfect competition", "many", "equal"), ("Monopolistic competition", "many",
            "above"), ("Oligopoly", "a few", "usually above"), ("Monopoly", "one", "above")]
    table = Table(tuple((Text(h),) for h in ("Structure", "Sellers", "Price vs marginal cost")),
                  tuple(tuple((Text(c),) for c in row) for row in rows), ("", "", ""),
                  SourceRef("modules/a.md", 5))  # fmt: skip
    slide = Slide("m/1", "content", (Text("Four market structures"),), (table,), (), (),
                  SourceRef("modules/a.md", 4))  # fmt: skip
    glossary = Glossary((("market structure", ("perfect competition", "monopolistic competition",
                                               "oligopoly", "monopoly", "monopsony")),))
    course = course_with([msg("A **monopoly** charges a price above marginal cost")],
                         extra_slides=[slide], glossary=glossary)  # fmt: skip
    evidence = course_evidence(course)
    message = "A monopoly charges a price above marginal cost"
    assert evidence.support("monopolistic competition", message, "monopoly") is not None
    assert evidence.support("oligopoly", message, "monopoly") is not None  # "usually above"
    assert evidence.support("perfect competition", message, "monopoly") is None  # "equal"


def test_a_sentence_saying_the_opposite_direction_is_no_evidence() -> None:
    from tall_teach.quiz.evidence import _opposite

    demand = "The law of demand: other things equal, a higher price lowers the quantity demanded"
    assert _opposite(demand, "Law of supply: when the price rises, the quantity supplied rises")
    assert not _opposite(demand, "Law of demand: a higher price lowers the quantity bought")
    assert not _opposite("SGLT2 inhibitors reduce hospitalisation",
                         "Empagliflozin reduces hospitalisation and increases infections")
    # a dairy-science writer's report: adrenaline "blocks let-down", oxytocin causes it
    assert _opposite("Oxytocin causes milk let-down", "Stress releases adrenaline, which "
                     "blocks let-down")


def test_a_sentence_setting_the_candidate_against_the_key_is_no_evidence() -> None:
    """ "Prolactin … is needed for the start of lactation, but it is oxytocin that…" and "A
    comparison with NULL gives UNKNOWN, not TRUE or FALSE": the course says the candidate
    is not what the key is."""
    from tall_teach.quiz.evidence import _contrasts

    prolactin = ("Prolactin, another pituitary hormone, is needed for the start of lactation, "
                 "but it is oxytocin that moves the milk")
    assert _contrasts(prolactin, "prolactin", "oxytocin")
    assert _contrasts("A comparison with NULL gives UNKNOWN, not TRUE or FALSE", "FALSE",
                      "UNKNOWN")
    assert not _contrasts("Hot pressing and hot isostatic pressing add a driving force",
                          "hot isostatic pressing", "hot pressing")
    assert not _contrasts("Prolactin starts lactation", "prolactin", "oxytocin")


def test_a_stem_unit_only_the_key_is_measured_in_sorts_the_options() -> None:
    """"6.5% (48 mmol/mol)": the course writes mmol/mol beside HbA1c, never beside eGFR or
    BMI, so the unit names the key among these options."""
    from tall_teach.quiz.cues import unit_sorts_options
    from tall_teach.quiz.evidence import Evidence, _claim

    claims = [_claim("HbA1c below 53 mmol/mol for most adults", "", "bullet", "Targets", None),
              _claim("eGFR below 30 mL/min/1.73 m² stops metformin", "", "bullet", "Renal", None),
              _claim("BMI of 30 kg/m² or more is obesity", "", "bullet", "Weight", None)]
    evidence = Evidence(claims)
    stem = "Diabetes is diagnosed with a(n) _____ of 6.5% (48 mmol/mol) or more"
    assert unit_sorts_options("HbA1c", stem, evidence, ["eGFR", "BMI"])
    # a unit the course also writes beside a wrong option sorts nothing
    claims.append(_claim("Fasting glucose of 7.0 mmol/mol", "", "bullet", "Glucose", None))
    evidence = Evidence(claims)
    assert not unit_sorts_options("HbA1c", stem, evidence, ["fasting glucose", "BMI"])


def test_an_authored_option_that_states_the_fact_tells_it() -> None:
    from tall_teach.quiz.cues import states_fact

    message = "The ocean has taken up about 91% of the extra heat accumulated in the climate system"
    face = "Where has most of the extra heat gone?\nThe ocean has taken up most of the extra heat"
    assert states_fact(face, message, ["ocean"])
    assert states_fact("The axis is tilted by about 23.5°, so the seasons change with the Sun",
                       "The seasons are caused by the Earth's axial tilt of about 23.5°, not by "
                       "its changing distance from the Sun", ["axial tilt"])  # fmt: skip
    assert not states_fact(face, message, ["permafrost"])
    # a skater's question writes "mass", "body" and "change": two common words are no fact
    assert not states_fact("Pulling the arms in brings mass closer to the axis; her body "
                           "spins faster, her angular momentum cannot change",
                           "A body's weight is the gravitational force on it, so it changes "
                           "from the Earth to the Moon while its mass does not",
                           ["weight", "mass"])  # fmt: skip


def test_an_authored_question_showing_the_key_is_said_before_any_want_of_wrong_answers() -> None:
    # two wrong answers short as well: an author told "add terms" would add them in vain
    authored = question("Which drug is given as consolidation?",
                        [("nelarabine", True), ("venetoclax", False), ("daratumumab", False)],
                        explanation="Nelarabine consolidation improved MRD response.")  # fmt: skip
    glossary = Glossary((("drug", ("nelarabine", "venetoclax")),))
    course = course_with([msg("**Nelarabine** consolidation improved MRD response")],
                         extra_slides=[question_slide(authored)], glossary=glossary)  # fmt: skip
    generated, warnings = generate_items(course)
    # the author's question asks this very fact: the message is covered, a note says so
    (note,) = [w for w in warnings if "take-home message" in w.message]
    assert note.severity == "note" and "is asked by your question tt-q-" in note.message
    (declined,) = generated.declined
    assert declined.asked_by.startswith("tt-q-")
    assert any("more wrong answers will not help" in r for r in declined.reasons)
    assert not any("too few clean distractors" in r for r in declined.reasons)


def test_a_message_that_gives_an_authored_questions_answer_is_asked_by_it() -> None:
    # read first, an item on "forces … equal in size" would answer the author's question
    assert gives_answer("Newton's third law: the forces two bodies exert on each other are "
                        "equal in size and opposite in direction",
                        "The two forces are equal in size")  # fmt: skip
    assert gives_answer("The median is resistant to extreme values", "The median")
    assert not gives_answer("The law of demand: a higher price lowers the quantity demanded",
                            "The demand curve for large cars shifts to the left")  # fmt: skip


def test_a_longer_glossary_term_holding_an_authored_answer_does_not_give_it() -> None:
    """A dermatology writer's report: "Patch testing identifies the allergen" was held to
    answer the author's question on a flat lesion of 1 cm or more ("Patch")."""
    glossary = Glossary((("investigation", ("patch testing", "prick test", "dermoscopy",
                                            "KOH microscopy")),
                         ("lesion", ("patch", "macule", "plaque"))))
    authored = question("A flat, 2 cm change in colour is a:",
                        [("Patch", True), ("Macule", False), ("Plaque", False)])
    message = msg("**Patch testing** identifies the allergen in allergic contact dermatitis")
    course = course_with([message], extra_slides=[question_slide(authored)],
                         glossary=glossary)  # fmt: skip
    generated, _ = generate_items(course)
    assert [i.kind for i in generated.items] == ["cloze", "authored"]


def test_an_authored_explanation_that_only_names_the_key_blocks_no_item() -> None:
    # the authored questions come after the generated items: their explanations are read
    # after those are answered
    authored = question("Which antigen does the trial target?",
                        [("CD38", True), ("CD5", False), ("CD84", False)],
                        explanation="CD38 is the target; nelarabine is the consolidation drug.")
    course = course_with([msg("**Nelarabine** is given as consolidation after induction")],
                         extra_slides=[question_slide(authored)])  # fmt: skip
    generated, _ = generate_items(course)
    assert [i.kind for i in generated.items] == ["cloze", "authored"]


def test_an_authors_wrong_answer_passed_over_is_named_in_the_warning() -> None:
    glossary = Glossary((("collision", ("elastic collision", "inelastic collision")),))
    plain = msg("In an **elastic collision** kinetic energy is conserved as well as momentum")
    course = course_with([replace(plain, controls=QuizControls(
        True, ("perfectly inelastic collision",)))], glossary=glossary)  # fmt: skip
    course, _ = generate_items(course)
    # one clean wrong answer makes a two-option item: the report says what was passed over
    (item,) = course.items
    assert [o.text for o in item.options if not o.correct] == ["Perfectly inelastic collision"]
    assert "passed over (nested in a chosen option) 'inelastic collision'" in " ".join(
        item.reasons)


def test_two_items_with_the_same_wrong_options_and_other_keys_are_not_both_made() -> None:
    # "Silent, Missense" beside "Nonsense" in one item, "Frameshift" in the other: the
    # option not repeated is the key in both
    glossary = Glossary((("mutation", ("silent mutation", "missense mutation",
                                       "nonsense mutation", "frameshift mutation")),))  # fmt: skip
    course = course_with([
        msg("A **nonsense mutation** turns a codon into a stop codon"),
        msg("An inserted base causes a **frameshift mutation** downstream", line=11),
    ], glossary=glossary)  # fmt: skip
    course, warnings = generate_items(course)
    assert len([i for i in course.items if i.key_term]) == 1
    assert any("offers the same wrong options with another key" in w.message for w in warnings)


def test_a_key_written_as_a_verb_in_another_items_stem_is_shown_there() -> None:
    from tall_teach.quiz.messages import _writes_key
    from tall_teach.quiz.terms import build_vocabulary

    vocab = build_vocabulary(Glossary(), [])
    seen = "A red-eyed fly is testcrossed to an aabb fly. What ratio?\n1:1\n3:1"
    assert _writes_key(seen, "Testcross", "testcross", vocab)
    assert not _writes_key(seen, "Backcross", "backcross", vocab)


def test_digits_alone_never_give_an_authored_answer() -> None:
    # "[1, 2, 3, 4]" (a list after an append) is not given by "0.1 + 0.2 == 0.3 is False"
    assert not gives_answer("A float holds only about 15-17 significant digits, so "
                            "0.1 + 0.2 == 0.3 is False", "[1, 2, 3, 4]")  # fmt: skip


def test_a_name_and_year_answer_is_given_by_a_message_that_writes_both() -> None:
    """Round 37: "Leibniz published first, in 1684" answers "Who first published…?"
    ("Leibniz, in 1684"), and an item on the message, read first, would give it away."""
    from tall_teach.quiz.cues import gives_answer

    message = ("Newton and Leibniz invented the calculus independently; Newton worked out "
               "his method first, but Leibniz published first, in 1684")
    assert gives_answer(message, "Leibniz, in 1684")
    assert not gives_answer(message, "Newton, in 1687")
    assert not gives_answer("Newton and Leibniz invented the calculus", "Leibniz, in 1684")


def test_an_authored_option_that_writes_the_keys_own_words_shows_it() -> None:
    """Round 39: "Shelterwood, with a dense overstorey kept for many years" among an
    authored question's options, above an item whose key is "Shelterwood method"."""
    from tall_teach.quiz.cues import names_key_part

    seen = "Which method?\nShelterwood, with a dense overstorey kept\nCoppice, from stumps"
    assert names_key_part(seen, "Shelterwood method", frozenset({"shelterwood", "coppic"}))
    assert not names_key_part(seen, "Seed-tree method", frozenset({"shelterwood", "seed"}))
    assert not names_key_part(seen, "Shelterwood", frozenset({"shelterwood"}))


def test_a_prefix_of_difference_is_found_by_its_meaning() -> None:
    from tall_teach.quiz.itemrules import _count_clang

    stem = "A _____ fungus reproduces only with a partner of a different mating type"
    assert _count_clang("Heterothallic", stem, ["Homothallic"]) == ("different", "heterothallic")


def test_a_decade_is_a_year_for_telling_periods_apart() -> None:
    """Round 41: "the stagflation of the 1970s" with the Great Depression (1929-1933) as
    the one wrong answer."""
    from tall_teach.quiz.evidence import years

    assert years("The stagflation of the 1970s") == {1975}
    assert years("the Great Depression of 1929-1933") == {1929, 1933}


def test_an_authored_sentence_option_that_writes_a_keys_rare_words_shows_it() -> None:
    """Round 43: "Equal area, so that the size of each country is correct…" among an
    authored question's options, above Equal-area projection."""
    from tall_teach.quiz.cues import names_key_part

    seen = ("Which projection?\nEqual area, so that the size of each country is correct\n"
            "Conformal")
    assert names_key_part(seen, "Equal-area projection", frozenset({"equal", "area"}))
    assert not names_key_part("Which?\nEqual area\nConformal", "Equal-area projection",
                              frozenset({"equal", "area"}))


def test_a_name_taught_undated_on_a_dated_slide_belongs_to_that_slide_s_years() -> None:
    # "Catherine de' Medici brought these entertainments to the French court" on the slide
    # of the 1581 ballet was offered as the founder of the 1909 Ballets Russes (round 45)
    evidence = _evidence(
        text_slide("d/1", "Dance at the Renaissance courts", [
            "Catherine de' Medici brought these entertainments to the French court.",
            "The Balet comique de la Royne (1581) is usually called the first ballet de cour."]),
        text_slide("d/2", "The Ballets Russes", [
            "Diaghilev's company gave its first Paris season in 1909.",
            "Nijinsky danced for the company in 1912."]),
        text_slide("d/3", "Patrons", ["Louis XIV founded an academy."]),
    )  # fmt: skip
    stem = "_____ founded the Ballets Russes, which gave its first Paris season in 1909"
    assert far_in_time("Catherine de' Medici", stem, evidence)
    assert not far_in_time("Nijinsky", stem, evidence)
    assert not far_in_time("Louis XIV", stem, evidence)  # an undated slide dates nobody


def test_a_bare_count_answer_is_not_given_by_every_message_that_counts() -> None:
    # a chemical-engineering course (round 51): "two states" and "two components" were
    # said to answer "How many independent balances can be written? Two"
    assert not gives_answer("Enthalpy's change is the same along any path between two states",
                            "Two")  # fmt: skip
    assert gives_answer("Leibniz published first, in 1684", "Leibniz, in 1684")


def _stage_table() -> tuple[object, str]:
    from tall_teach.model import Slide, SourceRef, Table, Text

    rows = [("Sensorimotor", "birth to 2 years", "acting on objects"),
            ("Preoperational", "2 to 7 years", "symbols and egocentric thinking"),
            ("Concrete operational", "7 to 11 years", "logical thinking about concrete things"),
            ("Formal operational", "11 to 15 years", "abstract thinking")]  # fmt: skip
    table = Table(tuple((Text(h),) for h in ("Stage", "Age", "Thinking")),
                  tuple(tuple((Text(c),) for c in row) for row in rows), ("", "", ""),
                  SourceRef("modules/a.md", 5))  # fmt: skip
    slide = Slide("m/1", "content", (Text("Piaget's four stages"),), (table,), (), (),
                  SourceRef("modules/a.md", 4))  # fmt: skip
    return slide, ("Piaget's concrete operational stage runs from about **7 to 11 years** "
                   "and brings logical thinking about concrete things")


def test_another_rows_value_is_the_courses_own_contrast_not_a_value_of_the_message() -> None:
    """Round 51: "7 to 11 years" was asked with made-up "12 to 16", "17 to 21" and "22 to
    26 years", because every row of the stage table shares "thinking" with the message.
    The other stages' ages are the wrong answers a teacher would write."""
    slide, message = _stage_table()
    course = course_with([msg(message)], extra_slides=[slide], glossary=Glossary())
    evidence = course_evidence(course)
    plain = message.replace("**", "")
    others = [c.text.split(" | ")[0] for c in evidence.other_rows(plain)]
    assert others == ["Sensorimotor", "Preoperational", "Formal operational"]
    (item,) = generate_items(course)[0].items
    options = [o.text for o in item.options]
    assert "2 to 7 years" in options and "7 to 11 years" in options
    assert "12 to 16 years" not in options


def test_ranges_the_course_writes_may_meet_at_their_ends() -> None:
    """A made-up "7-10 days" beside "4-7 days" shares its 7; the course's own classes meet
    there by nature ("2 to 7", "7 to 11 years")."""
    key, other = parse_quantity("7 to 11 years"), parse_quantity("2 to 7 years")
    assert not separated(key, key, other)
    assert separated(key, key, other, frozenset({key, other}))


def test_a_term_the_course_calls_a_kind_of_the_key_overlaps_it() -> None:
    """Round 73: "Bacteria" beside actinomycetes, which "are filamentous Gram-positive
    bacteria"; not "a rule of sovereignty" (a part) nor "equivalent to" (a likeness)."""
    from tall_teach.quiz.evidence import _claim

    evidence = Evidence([
        _claim("Actinomycetes are filamentous Gram-positive bacteria", "", "bullet", "S", None),
        _claim("Non-intervention is a rule of sovereignty", "", "notes", "S", None),
        _claim("Gauss's law is equivalent to Coulomb's law", "", "bullet", "S", None),
    ])  # fmt: skip
    assert evidence.kind_of("Bacteria", "Actinomycetes")
    assert evidence.kind_of("Actinomycetes", "Bacteria")  # either way round
    assert evidence.kind_of("Sovereignty", "Non-intervention") == ""
    assert evidence.kind_of("Coulomb's law", "Gauss's law") == ""


def test_one_letter_prefixes_keep_cells_apart() -> None:
    """A semiconductor writer's report: acceptor ("… | p-type") was "the same n-type" as
    donor because "n-type" and "p-type" both read as "type"."""
    from tall_teach.quiz.evidence import _cell_tokens

    assert set(_cell_tokens("n-type")) != set(_cell_tokens("p-type"))
    assert _cell_tokens("T-ALL relapse") == ["tall", "relapse"]


def test_a_stem_that_spells_out_a_short_key_gives_it_away() -> None:
    """Round 79: "most serious hazards come from human error" above SHOT, which the course
    writes as "SHOT (Serious Hazards of Transfusion)"."""
    from tall_teach.quiz.cues import spells_out
    from tall_teach.quiz.text import expansions

    found = expansions(["UK: SHOT (Serious Hazards of Transfusion), a scheme",
                        "SABRE (Serious Adverse Blood Reactions and Events) in law"])
    assert found["SHOT"] == "Serious Hazards of Transfusion"
    stem = "_____ collects reports, because most serious hazards come from human error."
    assert spells_out(stem, "SHOT", ["SABRE"], found) == "serious hazards"
    assert spells_out("_____ collects serious reports.", "SHOT", ["SABRE"], found) == ""
    # a run a wrong option's long form shares tells nothing
    assert spells_out("the serious adverse events", "SABRE", ["SHOT"], found) == "serious adverse"
    assert spells_out(stem, "SABRE", ["SHOT"], found) == ""


def test_an_event_the_course_names_by_another_year_is_ruled_out_by_the_stems_year() -> None:
    """Round 81: "The _____ of 1420" beside the Treaty of Arras, which the course names
    "the Treaty of Arras of 1435" in a course spanning a century."""
    from tall_teach.quiz.evidence import _claim

    texts = ["Edward III claimed the throne in 1337", "Castillon ended the war in 1453",
             "The Treaty of Arras of 1435 reconciled Burgundy with Charles VII",
             "The Treaty of Troyes made Henry V heir in 1420"]
    evidence = Evidence(_claim(t, "", "bullet", "Slide", None) for t in texts)
    stem = "The Treaty of Troyes of 1420 disinherited the Dauphin"
    assert "1435" in far_in_time("Treaty of Arras", stem, evidence)
    assert not far_in_time("Treaty of Arras", "The treaty of 1435 ended the alliance",
                           evidence)  # fmt: skip


def test_a_label_that_writes_a_short_key_in_the_plural_echoes_it() -> None:
    """Round 81: "Key" under the label "Shafts, keys and bearings"."""
    from tall_teach.quiz.itemrules import label_echo

    assert label_echo("Shafts, keys and bearings", "Key", ["Spline", "Set screw"]) == "key"
    assert label_echo("Shafts, keys and bearings", "Spline", ["Key", "Set screw"]) == ""


def test_a_persons_surname_in_an_authored_stem_shows_the_key() -> None:
    """Round 83: "the war against Leclerc" in an authored question above Charles Leclerc."""
    authored = question("What news in 1802 turned the war against Leclerc into one of "
                        "independence?", [("Slavery restored", True), ("A treaty", False),
                                          ("A famine", False)])
    glossary = Glossary((("general", ("Charles Leclerc", "Donatien Rochambeau",
                                      "Jean-Jacques Dessalines")),))
    message = msg("**Charles Leclerc** led the French expedition of 1802")
    course = course_with([message], extra_slides=[question_slide(authored)],
                         glossary=glossary)  # fmt: skip
    generated, _ = generate_items(course)
    assert [i.kind for i in generated.items] == ["authored"]


def test_a_table_columns_kind_is_asked_by_its_header_and_a_listing_cell_by_its_names() -> None:
    """Round 86: "Which course:capital best completes the statement?" reached trainees,
    with "Agra, Delhi, Lahore" (one cell of the Capital column) as one option."""
    slide = _table_slide([("Ottomans", "Istanbul"), ("Safavids", "Isfahan"),
                          ("Mughals", "Agra, Delhi, Lahore")], ("Empire", "Capital"))
    message = "Shah Abbas I rebuilt **Isfahan** around a great square as the Safavid capital"
    course = course_with([msg(message)], extra_slides=[slide], glossary=Glossary())
    (item,) = generate_items(course)[0].items
    assert "Which capital best completes" in item.stem
    options = {o.text for o in item.options}
    assert "Agra, Delhi, Lahore" not in options and options & {"Agra", "Delhi", "Lahore"}


def test_a_sub_kind_that_looks_like_an_adjective_asks_for_its_parent_only_if_it_qualifies_it(
) -> None:
    """Round 87: "Which religion" above the New Fire ceremony (`religion/ritual`: "ritual"
    ends like an adjective); "igneous rocks" is written, so "Which rock" stays."""
    from tall_teach.quiz.templates import category_noun
    from tall_teach.quiz.terms import build_vocabulary

    glossary = Glossary((("religion/ritual", ("New Fire ceremony", "flowery war")),
                         ("rock/igneous", ("basalt", "granite"))))
    vocab = build_vocabulary(glossary, ["The New Fire ceremony ended each cycle",
                                        "Igneous rocks such as basalt cool from magma"])
    assert category_noun("religion/ritual", vocab) == "option"
    assert category_noun("rock/igneous", vocab) == "rock"


def test_a_table_column_with_a_unit_in_its_header_gives_values_in_that_unit() -> None:
    """Round 89: the fuel cells' table ("Operating temperature (°C)": 60-80, 150-200 …)
    was not read, and 1100-2500 °C were made up beside the SOFC's 600-1000 °C."""
    from tall_teach.quiz.walk import chart_quantities

    slide = _table_slide([("PEMFC", "60-80"), ("PAFC", "150-200"), ("SOFC", "600-1000")],
                         ("Type", "Operating temperature (°C)"))
    course = course_with([msg("The **SOFC** runs at 600-1000 °C")], extra_slides=[slide],
                         glossary=Glossary())
    assert [q.text() for q in chart_quantities(course)] == ["60-80 °C", "150-200 °C",
                                                             "600-1000 °C"]


def test_a_placeholder_cell_is_no_name_and_a_name_with_a_particle_is_not_cut() -> None:
    """Round 91: "Other" (a table's catch-all row) offered as a drug class; "Fondaco dei
    Tedeschi" asked as "_____ dei Tedeschi" because "fondaco" is a glossary term."""
    from tall_teach.quiz.terms import build_vocabulary, categorise
    from tall_teach.quiz.walk import _is_name

    assert not _is_name("Other") and _is_name("SNRI")
    vocab = build_vocabulary(Glossary((("institution", ("fondaco", "Arsenal")),)), [])
    assert categorise("Fondaco dei Tedeschi", vocab).text == "Fondaco dei Tedeschi"


def test_a_comma_inside_brackets_does_not_split_a_cell() -> None:
    """Round 92: "FIB-4 (age, AST, ALT, platelets)" gave "FIB-4 (age" and "platelets)"."""
    from tall_teach.quiz.walk import course_lists

    slide = _table_slide([("Step 1", "FIB-4 (age, AST, ALT, platelets)"),
                          ("Step 2", "Elastography"), ("Step 3", "Biopsy")], ("Step", "Test"))
    course = course_with([msg("**Elastography** measures liver stiffness")],
                         extra_slides=[slide], glossary=Glossary())
    names = [n for _, ns in course_lists(course) for n in ns]
    assert "FIB-4 (age" not in names and "platelets)" not in names
