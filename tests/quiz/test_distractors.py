"""Distractor selection: nothing the message says, nor an echo of it, nor anything the
course states in the stem's context; the best set chosen the same way under every seed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tall_teach.model import Glossary, SourceRef
from tall_teach.quiz import generate_items
from tall_teach.quiz.evidence import Claim, Evidence, _claim, course_evidence
from tall_teach.quiz.selection import SelectionContext, select_distractors
from tall_teach.quiz.terms import KeyTerm, build_vocabulary
from tall_teach.quiz.text import contains_term

from .conftest import course_with, msg, text_slide

DRUGS = ["ACE inhibitors", "ARBs", "thiazide diuretics", "calcium channel blockers",
         "beta blockers"]  # fmt: skip
MEASURES = ["ambulatory monitoring", "home monitoring", "office measurement"]


def select(key: str, category: str, terms: list[str], message: str, claims: list[str] = (),
           count: int = 3, evidence_claims: list[Claim] = (),
           **kwargs: object):  # type: ignore[no-untyped-def]
    glossary = Glossary(((category, tuple(terms)),))
    vocab = build_vocabulary(glossary, [message, *claims])
    evidence = Evidence([*(_claim(c, "", "bullet", "Slide", None) for c in claims),
                         *evidence_claims])  # fmt: skip
    ctx = SelectionContext(message, None, vocab, evidence, **kwargs)  # type: ignore[arg-type]
    return select_distractors(KeyTerm(key, category, "bold", canonical=key), ctx, count)


def test_a_candidate_echoing_a_distinctive_word_beside_the_key_is_refused() -> None:
    message = "Confirm the diagnosis with ambulatory monitoring or home readings"
    chosen = select("ambulatory monitoring", "measure", MEASURES, message).chosen
    assert chosen == ("office measurement",)


def test_words_shared_by_several_terms_of_the_category_do_not_count_as_echoes() -> None:
    message = "Thiazide diuretics, ACE inhibitors, ARBs and calcium channel blockers are first-line"
    chosen = select("thiazide diuretics", "drug", DRUGS, message).chosen
    assert chosen == ("beta blockers",)  # the others are written in the message


def test_the_key_in_another_spelling_is_never_a_distractor() -> None:
    chosen = select("allo-HSCT", "therapy", ["allo HSCT", "CAR-T", "chemotherapy"],
                    "Consolidated with allo-HSCT").chosen  # fmt: skip
    assert set(chosen) == {"CAR-T", "chemotherapy"}


def test_a_term_nested_in_one_already_taken_is_passed_over() -> None:
    terms = ["pediatric-inspired", "Dara-Ven-CAGE", "CAGE", "HCVAD", "BFM"]
    chosen = select("pediatric-inspired", "approach", terms, "A **pediatric-inspired** regimen",
                    count=4).chosen  # fmt: skip
    assert not ({"CAGE", "Dara-Ven-CAGE"} <= set(chosen))
    assert len(chosen) == 3  # three clean ones, not a nested fourth


def test_a_candidate_the_course_states_in_the_stem_context_is_rejected_with_its_claim() -> None:
    # the course lists fratricide among the hurdles: it is a second right answer
    issues = ["antigen-negative relapse", "fratricide", "lymphoblast contamination", "CRS",
              "neurotoxicity"]  # fmt: skip
    message = "Hurdles remain: antigen-negative relapse and infectious toxicity after CAR-T"
    claims = ["Hurdles of CAR-T: fratricide, infectious toxicity and antigen-negative relapse"]
    selection = select("antigen-negative relapse", "issue", issues, message, claims)
    assert "fratricide" not in selection.chosen
    (why,) = [r for r in selection.reasons if r.startswith("rejected 'fratricide'")]
    assert "arguably true" in why and "Hurdles of CAR-T" in why


def test_an_author_exclusion_and_the_key_of_another_item_are_never_offered() -> None:
    terms = ["nelarabine", "venetoclax", "daratumumab", "cytarabine", "etoposide"]
    selection = select("nelarabine", "drug", terms, "**Nelarabine** is given in consolidation",
                       excluded=("venetoclax",), other_keys={"daratumumab": "tt-x-cloze"})
    assert set(selection.chosen) == {"cytarabine", "etoposide"}
    assert any("the key of item tt-x-cloze" in r for r in selection.reasons)
    assert any("excluded by the author" in r for r in selection.reasons)


def test_author_distractors_come_first_even_outside_the_glossary() -> None:
    selection = select("nelarabine", "drug", ["nelarabine", "cytarabine", "etoposide"],
                       "**Nelarabine** is given in consolidation",
                       author_distractors=("clofarabine",))  # fmt: skip
    assert selection.chosen[0] == "clofarabine"


MESSAGES = [
    "**Nelarabine** is added in consolidation for high-risk patients",
    "**Venetoclax** is combined with chemotherapy at relapse",
    "Relapse is treated mainly with **chemotherapy**",
    "About **30-35%** of patients still relapse",
    "**CD7** is the most common CAR-T target",
]


def test_every_seed_gives_the_same_items_and_option_sets() -> None:
    messages = [msg(m, line=10 + i) for i, m in enumerate(MESSAGES)]

    def content(seed: int) -> list[tuple[str, str, frozenset[str]]]:
        course, _ = generate_items(course_with(messages, seed=seed))
        return [(i.id, i.stem, frozenset(o.text for o in i.options)) for i in course.items]

    first = content(1)
    assert first and all(content(seed) == first for seed in range(2, 21))


WORDS = st.sampled_from(["relapse", "toxicity", "hurdle", "marker", "response", "trial",
                         "dose", "survival", "target", "therapy"])  # fmt: skip
TERMS = ["CD7", "CD5", "CD38", "CD84", "nelarabine", "venetoclax", "daratumumab",
         "cytarabine", "etoposide", "chemotherapy", "CAR-T", "allo-HSCT"]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(TERMS), st.lists(WORDS, min_size=2, max_size=4)),
             min_size=1, max_size=4),
    st.lists(st.tuples(st.lists(st.sampled_from(TERMS), min_size=1, max_size=3),
                       st.lists(WORDS, min_size=1, max_size=4)), max_size=6),
)  # fmt: skip
def test_no_distractor_co_occurs_with_its_stems_content_in_any_course_text(
    messages: list[tuple[str, list[str]]], slides: list[tuple[list[str], list[str]]]
) -> None:
    taught = [text_slide(f"a/s{i}", f"Slide {i}", [" ".join([*terms, *words])])
              for i, (terms, words) in enumerate(slides)]  # fmt: skip
    built = [msg(f"**{term}** {' '.join(words)}", id=f"m{i}", line=i + 1)
             for i, (term, words) in enumerate(messages)]  # fmt: skip
    course, _ = generate_items(course_with(built, extra_slides=taught))
    evidence = course_evidence(course)
    for item in course.items:
        if item.kind == "authored":
            continue
        for option in (o for o in item.options if not o.correct):
            # as selection reads it: the kind's own name ("therapy") is no shared content
            kind = course.glossary.category_of(item.key_term) or ""
            assert evidence.support(option.text, item.message, item.key_term, item.source,
                                    kind=kind) is None  # fmt: skip
            assert not contains_term(item.message, option.text)


def test_a_table_row_relating_the_candidate_to_the_messages_subject_rejects_it() -> None:
    # "Heart failure | SGLT2 inhibitor": heart failure is a right answer for SGLT2 inhibitors
    glossary = Glossary((("comorbidity", ("chronic kidney disease", "heart failure",
                                          "obesity", "gout")),))  # fmt: skip
    message = "SGLT2 inhibitors slow chronic kidney disease"
    vocab = build_vocabulary(glossary, [message])
    row = _claim("heart failure | SGLT2 inhibitor", "Comorbidity Preferred class", "table row",
                 "Choosing", None)  # fmt: skip
    ctx = SelectionContext(message, None, vocab, Evidence([row]), anchors=("SGLT2 inhibitors",))
    selection = select_distractors(
        KeyTerm("chronic kidney disease", "comorbidity", "bold"), ctx, 3
    )
    assert set(selection.chosen) == {"obesity", "gout"}
    assert any(r.startswith("rejected 'heart failure': arguably true") for r in selection.reasons)


def test_values_side_by_side_are_no_support_but_a_list_of_members_is() -> None:
    """"four groups means sp³, three means sp²": the course gives sp² another value, so
    it is wrong here. "fratricide, infectious toxicity and …" lists members: support."""
    message = "A carbon atom with four single bonds is sp³ hybridised and tetrahedral"
    claims = ["Count the groups around the carbon atom: four groups means sp³, three means "
              "sp², two means sp"]  # fmt: skip
    selection = select("sp³", "hybridisation", ["sp³", "sp²", "sp"], message, claims)
    assert set(selection.chosen) == {"sp²", "sp"}


def test_a_blank_without_an_article_takes_no_phrase_that_needs_one() -> None:
    """"because _____ spreads the charge": "hyperconjugation" reads there, "inductive
    effect" does not (it needs "the")."""
    message = "An acid is stronger because resonance spreads the negative charge"
    terms = ["resonance", "inductive effect", "hyperconjugation", "field effect"]
    selection = select("resonance", "electronic effect", terms, message, [])
    assert "inductive effect" not in selection.chosen
    assert "hyperconjugation" in selection.chosen
    # with an article before the key, any phrase reads
    message = "An acid is stronger because the resonance spreads the negative charge"
    selection = select("resonance", "electronic effect", terms, message, [])
    assert "inductive effect" in selection.chosen
    # a key our rules would give an article, written bare, shows such names read bare
    message = "Tropical rainforest has the highest net primary production of any biome"
    biomes = ["tropical rainforest", "boreal forest", "temperate grassland", "desert"]
    selection = select("tropical rainforest", "biome", biomes, message, [])
    assert {"boreal forest", "temperate grassland"} <= set(selection.chosen)


def test_a_stated_value_skipped_between_options_is_a_hole() -> None:
    from tall_teach.quiz.numbers import leaves_a_hole, parse_quantity

    def values(*texts: str) -> list:
        return [parse_quantity(t) for t in texts]

    stated = [(8.0, None, "%")]
    assert leaves_a_hole(values("5%", "6%", "7%", "9%"), stated)  # 8% skipped: a hint
    assert not leaves_a_hole(values("5%", "6%", "7%", "8%"), stated)
    assert not leaves_a_hole(values("6 hours", "8 hours", "12 hours", "24 hours"), stated)
    days = [(14.0, None, "day")]
    assert leaves_a_hole(values("7-10 days", "17-20 days", "22-25 days"), days)


FILLER = [f"Filler sentence number {n} about cabling and wireless links" for n in range(12)]


def test_a_parallel_sentence_with_other_rare_words_is_no_support() -> None:
    """"Router: forwards packets by IP address" says the message's frame with other words
    where "frames" and "MAC" stand: it is about the router, not support for it here."""
    message = "A switch forwards frames by MAC address"
    claims = ["Router (layer 3): forwards packets by IP address", *FILLER]
    selection = select("switch", "device", ["switch", "router", "hub"], message, claims)
    assert "router" in selection.chosen
    # a claim with the message's rare words is support
    claims = ["A router also forwards frames by MAC address on its LAN ports", *FILLER]
    selection = select("switch", "device", ["switch", "router", "hub"], message, claims)
    assert "router" not in selection.chosen


def test_an_option_the_stem_writes_longer_is_refused() -> None:
    """"HTTPS uses port 443" in the stem names HTTP's sibling: HTTP is struck at once."""
    message = "DNS queries use UDP port 53; HTTPS uses port 443"
    selection = select("DNS", "protocol", ["DNS", "HTTP", "SMTP", "FTP"], message)
    assert "HTTP" not in selection.chosen and len(selection.chosen) == 2


def test_a_doubling_grid_has_no_hole_at_a_value_between_its_steps() -> None:
    from tall_teach.quiz.numbers import leaves_a_hole, parse_quantity

    sizes = [parse_quantity(t) for t in ("4 bytes", "8 bytes", "16 bytes", "32 bytes")]
    assert not leaves_a_hole(sizes, [(20.0, None, "byte")])  # even by ratio
    bits = [parse_quantity(t) for t in ("8 bits", "32 bits", "64 bits")]
    assert leaves_a_hole(bits, [(16.0, None, "bit")])  # 16 skipped in a doubling series


def test_a_determiner_one_modifier_back_serves_the_blank() -> None:
    """"A binding _____ causes a shortage": "price floor" reads after "A binding"."""
    message = "A binding price ceiling, such as rent control, causes a shortage"
    terms = ["price ceiling", "price floor", "price band"]
    selection = select("price ceiling", "price control", terms, message, [])
    assert "price floor" in selection.chosen
    # a preposition starts the phrase afresh: "because _____" is still bare
    message = "An acid is stronger because strong resonance spreads the negative charge"
    terms = ["strong resonance", "inductive effect", "hyperconjugation"]
    selection = select("strong resonance", "electronic effect", terms, message, [])
    assert "inductive effect" not in selection.chosen


def test_possessive_names_and_adjective_phrases_need_no_article() -> None:
    from tall_teach.quiz.grammar import needs_article

    assert needs_article("inductive effect")
    assert needs_article("price floor")
    assert not needs_article("Markovnikov's rule")
    assert not needs_article("perfectly inelastic")
    assert not needs_article("hyperconjugation")  # a mass noun
    assert needs_article("reducing agent")  # a noun, though it ends like an adjective


def test_a_possessive_before_the_blank_serves_as_its_article() -> None:
    # "Lijphart's _____" is determined as "the _____" is: "Lijphart's Westminster model"
    from tall_teach.quiz.grammar import _bare

    assert not _bare("consensus democracy",
                     "Lijphart's consensus democracy disperses power through coalitions")
    assert not _bare("turnout", "the voters' turnout fell")
    assert _bare("resonance", "An acid is stronger because resonance spreads the charge")


def test_the_article_reason_quotes_the_blank_it_is_about() -> None:
    message = "An acid is stronger because resonance spreads the negative charge"
    terms = ["resonance", "inductive effect", "hyperconjugation"]
    selection = select("resonance", "electronic effect", terms, message, [])
    (reason,) = [r for r in selection.reasons if "inductive effect" in r]
    assert '"stronger because _____ spreads the"' in reason


def test_a_phase_named_by_a_symbol_needs_no_article() -> None:
    """"during S phase": "G1 phase" reads there as well."""
    from tall_teach.quiz.grammar import needs_article

    assert not needs_article("G1 phase")
    assert not needs_article("M phase")


def test_a_plural_option_does_not_follow_a_singular_verb() -> None:
    """"The _____ has taken up 91% of the heat": "soils has" does not read."""
    message = "The ocean has taken up about 91% of the extra heat"
    selection = select("ocean", "reservoir", ["ocean", "soils", "permafrost", "atmosphere"],
                       message)  # fmt: skip
    assert "soils" not in selection.chosen
    assert "permafrost" in selection.chosen


def test_the_verb_after_a_phrase_set_off_by_commas_still_agrees_with_the_key() -> None:
    # "_____, such as laws and moral rules, are external": "Positivism … are" does not read
    message = "Durkheim argued that social facts, such as laws and moral rules, are external"
    selection = select("social facts", "founding idea",
                       ["social facts", "positivism", "anomie", "norms"], message)
    assert "positivism" not in selection.chosen and "anomie" not in selection.chosen
    assert any("singular, where the stem's 'are'" in r for r in selection.reasons)


def test_a_list_of_examples_with_commas_of_its_own_still_leaves_the_verb_to_agree() -> None:
    # round 31: "Lipsky's _____, such as teachers, police officers and social workers,
    # shape policy": "implementation gap … shape" does not read
    message = ("Lipsky's street-level bureaucrats, such as teachers, police officers and "
               "social workers, shape policy in practice through their discretion")
    selection = select("street-level bureaucrats", "implementation idea",
                       ["street-level bureaucrats", "implementation gap", "clearance points",
                        "policy entrepreneurs"], message)  # fmt: skip
    assert "implementation gap" not in selection.chosen
    assert "clearance points" in selection.chosen
    assert any("singular, where the stem's 'shape'" in r for r in selection.reasons)


def test_a_word_that_is_no_plain_verb_leaves_singular_options_alone() -> None:
    """"Social facts in a society…", "Aliases of one list…": no verb to agree with."""
    from tall_teach.quiz.grammar import reads_in_stem

    evidence = Evidence([])
    for message in ("Social facts in every society constrain behaviour",
                    "Two names are aliases of one list", "Aliases often surprise beginners",
                    "Social facts constrained behaviour"):
        key = "aliases" if "liases" in message else "social facts"
        assert "singular" not in reads_in_stem("anomie", key, message, evidence)


def test_a_law_is_no_option_beside_quantities() -> None:
    message = "By the central limit theorem, a sample mean is close to normal"
    terms = ["central limit theorem", "standard error", "margin of error", "law of large numbers"]
    selection = select("central limit theorem", "estimation", terms, message)
    assert "standard error" not in selection.chosen
    assert "margin of error" not in selection.chosen


def test_a_word_that_makes_one_name_with_the_key_keeps_other_terms_out() -> None:
    """"Rock weathering removes CO₂": "rock respiration" is no name the course uses."""
    message = "Rock weathering removes CO₂ only over hundreds of thousands of years"
    terms = ["weathering", "respiration", "photosynthesis", "erosion"]
    selection = select("weathering", "process", terms, message,
                       ["Rock erosion carries sediment to the sea."])  # fmt: skip
    assert selection.chosen == ("erosion",)
    # an adjective reads before any term
    message = "Atmospheric methane rose from 700 to 1900 ppb"
    terms = ["methane", "nitrous oxide", "ozone"]
    assert select("methane", "gas", terms, message).chosen


def test_a_term_discussed_on_the_subject_is_no_false_copy() -> None:
    filler = [_claim(f"Other slide {i} about membranes and proteins.", "", "bullet", "S", None)
              for i in range(8)]  # fmt: skip
    evidence = Evidence([_claim("Fermentation keeps glycolysis going and yields its two ATP "
                                "per glucose in the cytosol.", "", "bullet", "S", None), *filler])
    frame = "  takes place in the cytosol and splits one glucose into two pyruvate"
    assert evidence.discussed_with("fermentation", frame)
    assert not evidence.discussed_with("fermentation", "The Calvin cycle fixes CO₂")


@pytest.mark.parametrize(("key", "kind", "terms", "message", "out", "kept"), [
    # "The _____ shifts the spectral lines": "The spectroscopy shifts" does not read
    ("Doppler effect", "phenomenon",
     ["Doppler effect", "spectroscopy", "parallax", "photoelectric effect"],
     "The Doppler effect shifts the spectral lines of a receding source",
     "spectroscopy", "photoelectric effect"),
    # "proteins that arrive from the ER": the smooth endoplasmic reticulum is the ER
    ("Golgi apparatus", "organelle",
     ["Golgi apparatus", "smooth endoplasmic reticulum", "lysosome", "nuclear envelope"],
     "The Golgi apparatus modifies proteins that arrive from the ER",
     "smooth endoplasmic reticulum", "lysosome"),
])  # fmt: skip
def test_an_option_the_stems_words_rule_out_is_not_offered(
    key: str, kind: str, terms: list[str], message: str, out: str, kept: str
) -> None:
    selection = select(key, kind, terms, message)
    assert out not in selection.chosen
    assert kept in selection.chosen


def test_latin_plurals() -> None:
    from tall_teach.quiz.terms import pluralise

    assert pluralise("smooth endoplasmic reticulum") == "smooth endoplasmic reticula"
    assert pluralise("drum") == "drums"


def test_a_bare_key_shows_its_head_noun_needs_no_article() -> None:
    """"Rhyolitic magma is viscous": "basaltic magma" reads there too."""
    message = "Rhyolitic magma is rich in silica, so it is viscous and erupts explosively"
    terms = ["rhyolitic magma", "basaltic magma", "andesitic magma"]
    selection = select("rhyolitic magma", "magma type", terms, message)
    assert set(selection.chosen) == {"basaltic magma", "andesitic magma"}


def test_irregular_plurals() -> None:
    from tall_teach.quiz.terms import pluralise, singulars

    assert "half-life" in singulars("half-lives")
    assert pluralise("half-life") == "half-lives"


def test_two_named_changes_stand_together_a_law_and_a_quantity_do_not() -> None:
    from tall_teach.quiz.grammar import law_beside_quantity

    assert law_beside_quantity("central limit theorem", "standard error")
    assert not law_beside_quantity("Grimm's Law", "Great Vowel Shift")
    assert law_beside_quantity("Pascal's law", "hydrostatic pressure")  # round 74
    assert law_beside_quantity("Engel's law", "expected urban wage")
    assert law_beside_quantity("Alternative hypothesis", "P-value")  # round 45
    assert not law_beside_quantity("Alternative hypothesis", "Null hypothesis")


def test_a_variables_letter_is_no_fact_two_rows_share() -> None:
    # the connectives' table: "if P then Q" and "not P" share only the letter P, which the
    # message writes too; the rows do not say the same of "All S are P"
    message = '"All S are P" is symbolised with the universal quantifier and a conditional'
    readings = [("conditional", "if P then Q"), ("negation", "not P"),
                ("disjunction", "P or Q"), ("conjunction", "P and Q")]  # fmt: skip
    rows = [_claim(f"{name} | {reading}", "Connective English", "table row", "Connectives",
                   SourceRef("modules/b.md", 15)) for name, reading in readings]  # fmt: skip
    selection = select("conditional", "connective",
                       ["conditional", "negation", "disjunction", "conjunction"], message,
                       count=3, evidence_claims=rows)  # fmt: skip
    assert not [r for r in selection.reasons if r.startswith("rejected")]
    assert "negation" in selection.chosen and len(selection.chosen) >= 2


def test_a_phrase_of_manner_never_stands_beside_names() -> None:
    message = "The Impressionists often painted en plein air, to capture changing light"
    selection = select("en plein air", "practice", ["en plein air", "fresco", "collage",
                                                   "sfumato", "in situ"], message)  # fmt: skip
    assert not {"fresco", "collage", "sfumato"} & set(selection.chosen)
    assert any(r.startswith("rejected 'fresco': a phrase of manner") for r in selection.reasons)


def test_an_option_negating_a_stem_word_is_not_offered() -> None:
    message = "A sound argument is a valid argument whose premises are all true"
    selection = select("sound", "evaluation", ["sound", "unsound", "invalid", "cogent",
                                              "strong"], message)  # fmt: skip
    assert "invalid" not in selection.chosen
    assert any(r.startswith("rejected 'invalid': it negates the stem's own 'valid'")
               for r in selection.reasons)  # fmt: skip


def test_the_authors_own_wrong_answers_are_not_held_to_the_article_guess() -> None:
    # "Speed is the change in position" reads, though no ending marks "speed" as a mass
    # noun: from the glossary the guess refuses it, from the author it is taken
    message = "Displacement is the change in position, a vector"
    glossary_only = select("Displacement", "quantity", ["Displacement", "speed", "force"],
                           message)  # fmt: skip
    assert "speed" not in glossary_only.chosen
    vouched = select("Displacement", "quantity", ["Displacement"], message,
                     author_distractors=("speed", "force"))  # fmt: skip
    assert set(vouched.chosen) == {"speed", "force"}


def test_a_term_inside_a_longer_term_of_another_stem_is_not_written_there() -> None:
    # "moment of inertia" in another item's stem does not tie "inertia" to that item
    message = "A body's mass measures its inertia"
    glossary = Glossary((("quantity", ("inertia", "moment of inertia", "momentum", "weight",
                                       "impulse")),))  # fmt: skip
    vocab = build_vocabulary(glossary, [message])
    stems = (("tt-q-skater", "Pulling the arms in lowers her moment of inertia, so her mass "
              "spins faster"),)  # fmt: skip
    filler = [_claim(f"Slide {n} speaks of something else entirely", "", "bullet", "S", None)
              for n in range(10)]  # "mass" is rare in the course: the stems share it
    evidence = Evidence([_claim("Mass resists changes of motion", "", "bullet", "S", None),
                         *filler])  # fmt: skip
    ctx = SelectionContext("A body's mass measures its weight", None, vocab, evidence,
                           other_stems=stems)  # fmt: skip
    selection = select_distractors(KeyTerm("weight", "quantity", "bold"), ctx, 3)
    assert "inertia" in selection.chosen
    assert any("'moment of inertia': written in the stem" in r for r in selection.reasons)


def test_an_earlier_items_wrong_options_are_never_all_repeated() -> None:
    # an earlier item offered cytarabine, etoposide and vincristine: three of them again
    # with another key would show both keys as the options not repeated
    terms = ["nelarabine", "cytarabine", "etoposide", "vincristine", "methotrexate"]
    earlier = (frozenset({"cytarabine", "etoposide", "vincristine"}),)
    selection = select("nelarabine", "drug", terms, "**Nelarabine** is given in consolidation",
                       earlier=earlier)  # fmt: skip
    assert "methotrexate" in selection.chosen and len(selection.chosen) == 3


def test_a_term_the_course_defines_by_another_option_is_passed_over() -> None:
    terms = ["federation", "unitary state", "devolution", "confederation"]
    claims = ["Devolution: a unitary state transfers powers to regions but keeps the right "
              "to take them back",
              "Confederation: sovereign states pool some powers by treaty"]  # fmt: skip
    result = select("federation", "territorial organisation", terms,
                    "In a **federation**, neither the centre nor the regions can abolish "
                    "the other", claims)  # fmt: skip
    assert not ({"unitary state", "devolution"} <= set(result.chosen))
    assert any("passed over (the course defines it by" in r for r in result.reasons)


def test_a_definition_comparing_or_contrasting_does_not_count_as_defining_by() -> None:
    claims = ["Mitosis: one division giving two identical cells, unlike meiosis",
              "Acalabrutinib: a BTK inhibitor more selective than ibrutinib",
              "TLR5: flagellin; TLR3: dsRNA; TLR9: CpG DNA"]  # fmt: skip
    evidence = Evidence(_claim(c, "", "bullet", "Slide", None) for c in claims)
    assert evidence.definition("mitosis") == "one division giving two identical cells"
    assert not evidence.defined_by("mitosis", "meiosis")
    assert not evidence.defined_by("acalabrutinib", "ibrutinib")
    assert evidence.definition("TLR5") == "flagellin"
    assert not evidence.defined_by("TLR5", "TLR3")


def test_another_name_of_the_key_or_of_a_chosen_option_is_never_offered_beside_it() -> None:
    claims = ["Majoritarian democracy (the Westminster model) concentrates power",
              "Mitosis, also called equational division, gives two identical cells"]
    evidence = Evidence(_claim(c, "", "bullet", "Slide", None) for c in claims)
    assert evidence.same_as("Westminster model", "majoritarian democracy")
    assert evidence.same_as("equational division", "mitosis")
    assert not evidence.same_as("mitosis", "meiosis")
    # round 79: "This condition is called sensitization; in welds it appears as weld decay"
    welds = Evidence([_claim("This condition is called sensitization; in welds it appears "
                             "as weld decay", "", "bullet", "Slide", None)])
    assert welds.same_as("sensitization", "weld decay")
    assert not welds.same_as("sensitization", "pitting")
    terms = ["majoritarian democracy", "consensus democracy", "Westminster model",
             "direct democracy"]
    result = select("consensus democracy", "model of democracy", terms,
                    "Lijphart's consensus democracy disperses power", claims[:1])
    assert not ({"majoritarian democracy", "Westminster model"} <= set(result.chosen))
    # a second name of the key is a second right answer
    result = select("majoritarian democracy", "model of democracy", terms,
                    "The majoritarian democracy of Britain concentrates power", claims[:1])
    assert "Westminster model" not in result.chosen
    assert any("another name of the key" in r for r in result.reasons)


def test_a_row_giving_the_same_in_one_column_the_message_speaks_of_supports_it() -> None:
    # "closed" for slavery as for caste: slavery is defensible, whatever its basis of rank
    rows = ["Slavery | some people are owned by others | closed",
            "Caste | birth, justified by religion | closed",
            "Class | mainly economic | open"]  # fmt: skip
    claims = [_claim(r, "System | Basis of rank | Mobility", "table row", "Four systems",
                     SourceRef("m.md", 3)) for r in rows]  # fmt: skip
    result = select("caste", "stratification system", ["caste", "slavery", "class", "estates"],
                    "A caste system is a closed system in which position is fixed at birth",
                    evidence_claims=claims)  # fmt: skip
    assert "slavery" not in result.chosen


def test_a_phrase_with_of_takes_its_number_from_the_word_before_of() -> None:
    # "Points of difference is arranging…" does not read
    message = "Positioning is arranging for a product to occupy a clear place in minds"
    selection = select("Positioning", "STP concept",
                       ["Positioning", "points of difference", "segmentation", "targeting"],
                       message)  # fmt: skip
    assert "points of difference" not in selection.chosen


def test_a_year_the_message_gives_ties_a_claim_to_its_event_whatever_else_it_pairs() -> None:
    # "146 BC: Rome destroyed both Carthage and Corinth" names no Third Punic War, which
    # the message also writes; the year ties it to the same event: Corinth is right too
    from pathlib import Path

    from tall_teach.reader.course import read_course

    root = Path(__file__).resolve().parents[2]
    course, _ = read_course(root / "tests/fixtures/probes12/rome-intro")
    generated, _ = generate_items(course)
    item = next(i for i in generated.items if i.key_term == "Carthage")
    assert "Corinth" not in [o.text for o in item.options]


def test_a_predicated_adjective_key_takes_no_noun_options() -> None:
    # "rival paradigms are _____": "Crisis" or "Exemplar" only read as cues
    message = "Kuhn held that rival paradigms are incommensurable, lacking a neutral standard"
    selection = select("incommensurable", "Kuhn's concept",
                       ["incommensurable", "crisis", "exemplar", "cumulative", "progressive"],
                       message)  # fmt: skip
    assert set(selection.chosen) == {"cumulative", "progressive"}
    called = select("corroborated", "Popper's concept",
                    ["corroborated", "Duhem-Quine thesis", "falsified", "verified"],
                    "Popper called a theory that has survived severe tests corroborated")
    assert "Duhem-Quine thesis" not in called.chosen


def test_a_noun_in_ism_never_qualifies_the_word_after_the_blank() -> None:
    # "Modernism architecture uses curved walls" does not read beside "Baroque architecture"
    selection = select("Baroque", "style or period",
                       ["Baroque", "Modernism", "Gothic", "Romanesque"],
                       "Baroque architecture uses the classical orders with curved walls")
    assert "Modernism" not in selection.chosen
    assert {"Gothic", "Romanesque"} <= set(selection.chosen)


def test_options_read_in_the_stem_after_round_35() -> None:
    """"The Easy problems asks…", "The Problem of other minds of consciousness",
    "In the Compton scattering", "A Libertarian paternalism changes…" do not read."""
    from tall_teach.quiz.grammar import reads_in_stem

    evidence = Evidence([])
    asks = "The interaction problem asks how a non-physical mind could cause changes"
    assert "plural" in reads_in_stem("easy problems", "interaction problem", asks, evidence)
    assert not reads_in_stem("hard problem", "interaction problem", asks, evidence)
    hard = "The hard problem of consciousness is to explain why processing is experienced"
    assert "of consciousness" in reads_in_stem("problem of other minds", "hard problem", hard,
                                               evidence)
    photo = "In the photoelectric effect, the energy of the electrons depends on frequency"
    assert "article" in reads_in_stem("Compton scattering", "photoelectric effect", photo,
                                      evidence)
    assert not reads_in_stem("Compton effect", "photoelectric effect", photo, evidence)


def test_a_lone_wrong_answer_must_be_taught_and_offered_once() -> None:
    from tall_teach.quiz.selection import lone_filler
    from tall_teach.quiz.text import base

    evidence = Evidence([_claim("Mary's room is a thought experiment", "", "bullet", "S", None)])
    ctx = SelectionContext("", None, build_vocabulary(Glossary(()), [], [], [], []), evidence)
    assert "never teaches" in lone_filler("inverted spectrum", ctx)
    earlier = replace(ctx, earlier=(frozenset({base("Mary's room")}),))
    assert "another item" in lone_filler("Mary's room", earlier)
    assert lone_filler("Mary's room", ctx) == ""
    named = replace(ctx, evidence=Evidence([_claim("Gutenberg's Bible was printed in Mainz", "",
                                                   "bullet", "S", None)]))
    assert lone_filler("Johannes Gutenberg", named) == ""


def test_an_ist_kind_is_not_named_above_isms() -> None:
    from tall_teach.quiz.templates import _names_holders

    assert _names_holders("dualist", ["Substance dualism", "Interactionism"])
    assert not _names_holders("sociologist", ["Émile Durkheim", "Max Weber"])


def test_the_verb_after_the_blank_takes_the_keys_sort_of_subject() -> None:
    """Round 36: "The swept area says that…", "Curtailment falls when demand exceeds…"."""
    from tall_teach.quiz.grammar import reads_in_stem

    evidence = Evidence([])
    says = "The Betz limit says that a turbine captures at most 59% of the wind's power"
    assert "statement" in reads_in_stem("swept area", "Betz limit", says, evidence)
    assert not reads_in_stem("actuator disc theory", "Betz limit", says, evidence)
    falls = "The grid frequency falls when demand exceeds supply"
    assert "quantity" in reads_in_stem("curtailment", "grid frequency", falls, evidence)
    assert not reads_in_stem("grid voltage", "grid frequency", falls, evidence)


def test_a_number_before_the_blank_counts_a_plural() -> None:
    """Round 37: "has six _____": "six Frame" does not read."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "A rigid body moving freely in space has six degrees of freedom"
    assert "counts" in reads_in_stem("frame", "degrees of freedom", message, Evidence([]))
    assert not reads_in_stem("joint variables", "degrees of freedom", message, Evidence([]))


def test_the_key_in_another_form_is_no_option() -> None:
    """Round 38: "Eusocial" and "Eusociality" as the two options."""
    from tall_teach.quiz.selection import _another_form

    assert _another_form("eusociality", "eusocial")
    assert _another_form("dualism", "dualist")
    assert not _another_form("conductor", "insulator")
    assert not _another_form("sociality", "eusocial")


def test_a_mass_noun_does_not_follow_the_messages_indefinite_article() -> None:
    """Round 39: "A(n) Phishing exhausts a server's memory…" (the key "SYN flood" starts
    with an acronym, which the article rules otherwise leave alone)."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "A SYN flood exhausts a server's memory for half-open TCP connections"
    assert "article" in reads_in_stem("phishing", "SYN flood", message, Evidence([]))


def test_options_read_in_the_stem_after_round_40() -> None:
    """"The Thompson's construction", "fragments … are called volcanic Bomb"."""
    from tall_teach.quiz.grammar import reads_in_stem

    evidence = Evidence([])
    subset = "The subset construction turns an NFA into a DFA"
    assert "possessive" in reads_in_stem("Thompson's construction", "subset construction",
                                         subset, evidence)
    ash = "Tephra fragments smaller than 2 mm across are called volcanic ash"
    assert "plural" in reads_in_stem("bomb", "ash", ash, evidence)
    assert not reads_in_stem("lapilli", "ash", ash, evidence)


def test_a_key_given_a_value_takes_no_law_or_doctrine_beside_it() -> None:
    """Round 41: "the Keynesian multiplier is 5" with "Say's law" as an option."""
    from tall_teach.quiz.grammar import reads_in_stem
    from tall_teach.quiz.templates import _class_noun

    message = "With a marginal propensity to consume of 0.8, the Keynesian multiplier is 5"
    assert reads_in_stem("Say's law", "Keynesian multiplier", message, Evidence([]))
    assert "value" in reads_in_stem("law of diminishing returns", "Keynesian multiplier",
                                    message, Evidence([]))
    assert "value" in reads_in_stem("neoclassical synthesis", "Keynesian multiplier", message,
                                    Evidence([]))
    assert not _class_noun("meltwater")


def test_a_name_reads_with_the_article_the_course_gives_it() -> None:
    """Round 42: "at the Manzikert" (the course writes "at Manzikert"); "Theodosian Walls
    was rebuilt" (a name's plural head)."""
    from tall_teach.quiz.grammar import reads_in_stem

    evidence = Evidence([_claim("The Seljuks won at Manzikert in 1071", "", "bullet", "S", None)])
    message = "The Arab victory at the Yarmuk in 636 cost the empire Syria"
    assert "without" in reads_in_stem("Manzikert", "Yarmuk", message, evidence)
    walls = "Hagia Sophia was rebuilt for Justinian in five years"
    assert "plural" in reads_in_stem("Theodosian Walls", "Hagia Sophia", walls, Evidence([]))


def test_a_table_cell_is_no_habit_of_writing_a_name_bare() -> None:
    """Round 64: "his conquest of Deccan" (the course writes "the Deccan" in running
    text; a table's cell label "Deccan" is no way of writing it in a sentence)."""
    from tall_teach.quiz.grammar import reads_in_stem

    evidence = Evidence([
        _claim("Bindusara extended Mauryan rule into the Deccan", "", "bullet", "S", None),
        _claim("The Satavahanas ruled the Deccan from about the first century BC", "",
               "bullet", "T", None),
        _claim("Satavahanas Deccan Gautamiputra Satakarni", "", "table row", "U", None),
    ])
    message = "Ashoka's Rock Edict XIII records his remorse after his conquest of Kalinga"
    assert "the Deccan" in reads_in_stem("Deccan", "Kalinga", message, evidence)


def test_a_name_of_capitalised_words_the_course_writes_with_the_once_needs_it() -> None:
    """Round 71: "Catholics met in Portuguese Synagogue" (a table cell writes "the
    Portuguese Synagogue (1675)"); "during M phase" reads bare though the course once
    writes "the M phase"."""
    from tall_teach.quiz.grammar import reads_in_stem

    cell = Evidence([_claim("Sephardic Jews | tolerated | the Portuguese Synagogue (1675)", "",
                            "table row", "S", None)])
    message = "Catholics met in hidden churches in private houses and warehouses"
    assert "the Portuguese Synagogue" in reads_in_stem("Portuguese Synagogue", "hidden churches",
                                                       message, cell)
    steen = Evidence([_claim("A Jan Steen household is a messy one", "", "notes", "S", None)])
    assert not reads_in_stem("Jan Steen", "Rembrandt", "Rembrandt painted The Night Watch",
                             steen)
    phase = Evidence([_claim("Chromosomes condense in the M phase", "", "bullet", "S", None)])
    assert not reads_in_stem("M phase", "S phase", "DNA is copied during S phase", phase)


def test_a_history_stem_reads_its_dates_names_and_plural_parties() -> None:
    """A Russian Revolution course's writer: "The October Manifesto of 1905" dates the
    key (no value a law cannot take); "the Stolypin reforms let" is past tense and
    "April Theses Lenin" has no verb after the blank; "Bolsheviks" and "Left SRs" are
    plurals beside "the Socialist Revolutionaries won"."""
    from tall_teach.quiz.grammar import reads_in_stem

    none = Evidence([])
    assert not reads_in_stem("Fundamental Laws", "October Manifesto",
                             "The October Manifesto of 1905 granted civil liberties", none)
    assert "value" in reads_in_stem("Phillips curve", "Gini coefficient",
                                    "A Gini coefficient of 0 means perfect equality", none)
    assert not reads_in_stem("war communism", "Stolypin reforms",
                             "From 1906 the Stolypin reforms let peasants leave the commune",
                             none)
    assert not reads_in_stem("Decree on Land", "April Theses",
                             "In his April Theses Lenin called for all power to the soviets",
                             none)
    won = "In November 1917 the Socialist Revolutionaries won the largest share of the vote"
    evidence = Evidence([_claim("The Bolshevik seizure of power", "", "bullet", "S", None),
                         _claim("The Mensheviks wanted a mass party", "", "bullet", "T", None)])
    assert not reads_in_stem("Bolsheviks", "Socialist Revolutionaries", won, evidence)
    assert not reads_in_stem("Mensheviks", "Socialist Revolutionaries", won, evidence)
    assert not reads_in_stem("Left SRs", "Socialist Revolutionaries", won, evidence)
    assert "singular" in reads_in_stem("Athens", "Greek city-states",
                                       "The Greek city-states are famous", none)


def test_no_plural_after_the_blank_s_article() -> None:
    """Round 73: "such as a(n) Analytical procedures" above external confirmation."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "Evidence from outside the entity, such as an external confirmation, is reliable"
    assert "plural" in reads_in_stem("analytical procedures", "external confirmation",
                                     message, Evidence([]))
    assert not reads_in_stem("inspection", "external confirmation", message, Evidence([]))


def test_what_is_totalled_or_reduced_is_a_quantity() -> None:
    """Round 72: "the reduction of the powder compact's total _____" with green body (an
    object) beside surface energy."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = ("The driving force for sintering is the reduction of the powder compact's total "
               "surface energy")
    assert "quantity" in reads_in_stem("green body", "surface energy", message, Evidence([]))
    assert not reads_in_stem("grain boundary energy", "surface energy", message, Evidence([]))


def test_a_foreign_plural_shows_itself_by_its_verb() -> None:
    """Round 74: "Mayor of the palace were royal envoys" beside missi dominici; the verb of
    a subject before the key ("The energy levels of the harmonic oscillator are…") is not
    the key's."""
    from tall_teach.quiz.grammar import reads_in_stem

    none = Evidence([])
    missi = "Missi dominici were royal envoys who checked on local government"
    assert "singular" in reads_in_stem("Mayor of the palace", "Missi dominici", missi, none)
    assert not reads_in_stem("Counts", "Missi dominici", missi, none)
    levels = "The energy levels of the harmonic oscillator are equally spaced"
    assert not reads_in_stem("hydrogen atom", "harmonic oscillator", levels, none)


def test_during_takes_a_span_of_time_or_a_process() -> None:
    """Round 67: "During the burst size of a one-step growth curve" (the yield per cell,
    filed by its author among the curve's phases)."""
    from tall_teach.quiz.grammar import reads_in_stem

    none = Evidence([])
    message = "During the eclipse period of a one-step growth curve, no virus is recovered"
    assert reads_in_stem("burst size", "eclipse period", message, none)
    assert "during" in reads_in_stem("burst size", "rise phase",
                                     "During the rise phase, virions leave the cells", none)
    assert not reads_in_stem("latent period", "eclipse period", message, none)
    assert not reads_in_stem("rise phase", "eclipse period", message, none)
    assert not reads_in_stem("replication cycle", "eclipse period", message, none)
    # round 71: a period beside a yield level, wherever the blank is
    dry = "The dry period, about two months without milking, lets the udder renew"
    assert "span of time" in reads_in_stem("Peak yield", "dry period", dry, none)
    assert reads_in_stem("water balance equation", "residence time",
                         "The residence time of water is 9 days", none)
    assert not reads_in_stem("calving interval", "dry period", dry, none)
    assert not reads_in_stem("Stability", "Linear phase",
                             "A symmetric FIR filter has linear phase", none)


def test_agreement_is_read_past_an_of_phrase_after_the_blank() -> None:
    """Round 45: "Chance procedures of the torso is the core principle"."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "Contraction and release of the torso is the core principle of Graham's technique"
    assert "plural" in reads_in_stem("Chance procedures", "Contraction and release", message,
                                     Evidence([]))  # fmt: skip
    assert not reads_in_stem("Fall and recovery", "Contraction and release", message,
                             Evidence([]))  # fmt: skip
    five = "The Five Ways of the Summa are arguments from the world to God"
    assert "singular" in reads_in_stem("Ontological argument", "Five Ways", five, Evidence([]))


def test_agreement_is_read_past_an_of_list_and_a_present_tense_in_ed() -> None:
    """Round 79: "Impressed current of zinc, aluminium or magnesium need no power supply"."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = ("Sacrificial anodes of zinc, aluminium or magnesium need no power supply but "
               "are consumed")
    assert "singular" in reads_in_stem("Impressed current", "Sacrificial anodes", message,
                                       Evidence([]))  # fmt: skip
    assert not reads_in_stem("Galvanic anodes", "Sacrificial anodes", message, Evidence([]))
    freed = "Sacrificial anodes of zinc, aluminium or magnesium freed the hull of rust"
    assert not reads_in_stem("Impressed current", "Sacrificial anodes", freed, Evidence([]))


def test_a_key_that_takes_a_plural_verb_is_plural_whatever_its_form() -> None:
    """Round 80: "The afferent arteriole supply the medulla" beside the vasa recta."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "The vasa recta supply the medulla without washing out its gradient"
    assert "singular" in reads_in_stem("afferent arteriole", "vasa recta", message,
                                       Evidence([]))  # fmt: skip
    assert not reads_in_stem("peritubular capillaries", "vasa recta", message, Evidence([]))
    # a noun after an adjective key is no verb ("In a voiced sound the vocal folds vibrate")
    voiced = "In a voiced sound the vocal folds vibrate"
    assert not reads_in_stem("creaky voice", "voiced", voiced, Evidence([]))


def test_a_name_does_not_fill_a_common_nouns_slot() -> None:
    """Round 80: "workers' Army of Africa", "the Non-Intervention of land and industry"."""
    from tall_teach.quiz.evidence import _claim
    from tall_teach.quiz.grammar import reads_in_stem

    evidence = Evidence(_claim(t, "", "bullet", "Slide", None) for t in (
        "Franco flew to Morocco to lead the Army of Africa across the strait",
        "Britain and France led the policy of Non-Intervention from August 1936",
        "The regime pursued autarky until the 1950s"))
    workers = "Where loyal security forces and workers' militias fought back, the coup failed"
    assert "a name" in reads_in_stem("Army of Africa", "militias", workers, evidence)
    assert not reads_in_stem("columns", "militias", workers, evidence)
    land = "The state gave way to local committees and the collectivisation of land"
    assert reads_in_stem("Non-Intervention", "collectivisation", land, evidence)
    assert not reads_in_stem("autarky", "collectivisation", land, evidence)
    # a name's own slot takes names ("The Restoration of 1660")
    assert not reads_in_stem("Jacobean", "Restoration", "After the Restoration of 1660, "
                             "actresses replaced the boy players", evidence)


def test_a_disease_in_itis_takes_no_article() -> None:
    """Round 82: "The Rapidly progressive glomerulonephritis combines haematuria …"."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "The nephritic syndrome combines haematuria with red cell casts"
    assert reads_in_stem("rapidly progressive glomerulonephritis", "nephritic syndrome",
                         message, Evidence([]))  # fmt: skip
    assert not reads_in_stem("nephrotic syndrome", "nephritic syndrome", message, Evidence([]))


def test_plurals_a_capitalised_glossary_writes_still_disagree_with_a_singular_verb() -> None:
    """Round 84: "Tophi, an acute flare …, is", "Glucocorticoids in low dose treats": the
    glossary capitalises its entries, the course writes them in lower case."""
    from tall_teach.quiz.evidence import _claim
    from tall_teach.quiz.grammar import reads_in_stem

    evidence = Evidence(_claim(t, "", "bullet", "Slide", None) for t in (
        "Chronic gout: look for tophi over the ears", "Flares respond to glucocorticoids",
        "Ask about jeli and envoi"))
    flare = "Podagra, an acute flare of the first joint, is the classic first presentation"
    assert "plural" in reads_in_stem("Tophi", "Podagra", flare, evidence)
    assert not reads_in_stem("Dactylitis", "Podagra", flare, evidence)
    dose = "Colchicine in low dose treats a gout flare"
    assert "plural" in reads_in_stem("Glucocorticoids", "Colchicine", dose, evidence)
    # singular words in -i are no Latin plurals
    assert not reads_in_stem("Jeli", "Podagra", flare, evidence)


def test_a_blank_that_starts_a_that_clause_is_bare() -> None:
    """Round 45: "Schudson argues that Watchdog became an explicit professional ideal"."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "Schudson argues that objectivity became an explicit professional ideal"
    assert "article" in reads_in_stem("watchdog", "objectivity", message, Evidence([]))
    assert not reads_in_stem("independence", "objectivity", message, Evidence([]))
    kept = "Nobody kept that objectivity alive"  # "that" determines here: no clause
    assert not reads_in_stem("watchdog", "objectivity", kept, Evidence([]))


def test_a_doctrine_in_ism_does_not_stand_for_people() -> None:
    """Round 46: "The Chartism of 1811-1816 broke machinery" beside the Luddites."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "The Luddites of 1811-1816 broke machinery in the textile districts"
    assert "-ism" in reads_in_stem("Chartism", "Luddites", message, Evidence([]))
    assert not reads_in_stem("Chartists", "Luddites", message, Evidence([]))


def test_agreement_is_read_past_a_participle_phrase() -> None:
    """Round 48: "Auxin made in the shoot tip moves polarly" beside plural Gibberellins."""
    from tall_teach.quiz.grammar import reads_in_stem

    message = "Auxin made in the shoot tip moves polarly towards the base"
    assert "plural" in reads_in_stem("gibberellins", "Auxin", message, Evidence([]))
    assert not reads_in_stem("ethylene", "Auxin", message, Evidence([]))


def test_possessive_names_and_the_article_before_the_blank() -> None:
    """Round 50: "By the Huygens' principle"; "At angle of incidence" beside "At Brewster's
    angle"."""
    from tall_teach.quiz.grammar import reads_in_stem

    rayleigh = "By the Rayleigh criterion, a larger aperture resolves smaller separations"
    assert "possessive" in reads_in_stem("Huygens' principle", "Rayleigh criterion", rayleigh,
                                         Evidence([]))  # fmt: skip
    brewster = "At Brewster's angle the reflected light is completely polarised"
    assert "article" in reads_in_stem("angle of incidence", "Brewster's angle", brewster,
                                      Evidence([]))  # fmt: skip
    assert not reads_in_stem("Snell's angle", "Brewster's angle", brewster, Evidence([]))


def test_a_message_that_says_the_key_is_of_its_sub_kind_takes_wrong_answers_beside_it() -> None:
    """Round 80: "NAND is a universal gate: any Boolean function can be built from it
    alone" offered NOR, a universal gate too; the parent kind's other gates are wrong."""
    from tall_teach.quiz import generate_items

    from .conftest import course_with, msg

    glossary = Glossary((("logic gate/basic gate", ("AND", "OR", "NOT")),
                         ("logic gate/universal gate", ("NAND", "NOR")),
                         ("logic gate/parity gate", ("XOR", "XNOR"))))
    course = course_with([msg("**NAND** is a universal gate: any Boolean function can be "
                              "built from it alone")], glossary=glossary)
    course, _ = generate_items(course)
    (item, *_) = [i for i in course.items if i.kind == "cloze"]
    wrong = {o.text for o in item.options if not o.correct}
    assert "NOR" not in wrong and len(wrong) >= 2
    assert any("of the kind 'universal gate'" in r for r in item.reasons)


def test_a_wrong_option_whose_words_are_all_the_keys_is_refused() -> None:
    """Round 85: "Buck converter" beside "Buck-boost converter" (the key reads as the
    complete one); the other way round the key is the plainer name and no cue."""
    converters = ["buck-boost converter", "buck converter", "Cuk converter", "SEPIC converter"]
    selection = select("buck-boost converter", "converter", converters,
                       "A **buck-boost converter** inverts the output polarity")
    assert "buck converter" not in selection.chosen
    assert any(r.startswith("rejected 'buck converter': its words are all the key's")
               for r in selection.reasons)
    things = ["res mancipi", "res nec mancipi", "res corporales"]
    chosen = select("res mancipi", "thing", things, "**Res mancipi** passed by mancipatio").chosen
    assert "res nec mancipi" in chosen


def test_options_left_out_to_mend_a_set_say_so_not_the_author() -> None:
    selection = select("praetor", "magistrate", ["praetor", "aedile", "consul", "quaestor"],
                       "Through his edict the **praetor** made law", left_out=("consul",))
    (why,) = [r for r in selection.reasons if r.startswith("rejected 'consul'")]
    assert "left out of this set" in why and "author" not in why


def test_a_list_of_alternatives_is_no_other_name() -> None:
    """Round 86: ", or dry powder inhaler, or breath-actuated pMDI" lists devices; it does
    not name the spacer again (", or Y," alone still does)."""
    listed = Evidence([_claim("6 years and over: pMDI with spacer, or dry powder inhaler, or "
                              "breath-actuated pMDI", "", "table row", "Devices", None)])
    assert not listed.same_as("spacer", "dry powder inhaler")
    named = Evidence([_claim("Mitosis, or equational division, gives two identical cells", "",
                             "bullet", "Slide", None)])
    assert named.same_as("mitosis", "equational division")


def test_a_wrong_option_the_message_writes_by_its_short_form_is_refused() -> None:
    """Round 86: "a pMDI with a _____" offered "Pressurised metered-dose inhaler"."""
    devices = ["spacer", "nebuliser", "pressurised metered-dose inhaler", "face mask",
               "peak flow meter"]
    selection = select("spacer", "device", devices, "A child uses a pMDI with a **spacer**",
                       claims=["A pressurised metered-dose inhaler (pMDI) alone is a poor "
                               "device for any child"])
    assert "pressurised metered-dose inhaler" not in selection.chosen
    assert any("as 'pMDI'" in r for r in selection.reasons)


def test_a_sub_kind_claimed_with_its_parents_noun_is_claimed() -> None:
    """Round 86: "A silent chest in an acute attack is a life-threatening sign" under
    "sign/life-threatening attack" offered cyanosis, a life-threatening sign too."""
    from tall_teach.quiz import generate_items

    from .conftest import course_with, msg

    glossary = Glossary((
        ("sign/life-threatening attack", ("silent chest", "cyanosis", "exhaustion")),
        ("sign/severe attack", ("tachycardia", "tachypnoea", "accessory muscle use")),
    ))  # fmt: skip
    course = course_with([msg("A **silent chest** in an acute attack is a life-threatening "
                              "sign, not a sign of improvement")], glossary=glossary)
    course, _ = generate_items(course)
    (item,) = [i for i in course.items if i.kind == "cloze"]
    wrong = {o.text for o in item.options if not o.correct}
    assert wrong and not wrong & {"Cyanosis", "Exhaustion"}


def test_when_none_of_the_authors_wrong_answers_stands_the_kind_does_not_stand_in() -> None:
    """An educator pass: "has _____ average power" with the author's "infinite; non-zero"
    both refused was given the z-plane's Pole and Region of convergence ("zero" is filed
    there as a z-plane zero)."""
    selection = select("zero", "z-plane", ["zero", "pole", "region of convergence"],
                       "A signal of finite energy has **zero** average power",
                       author_distractors=("non-zero",))
    assert selection.chosen == ()
    assert any("none of the author's wrong answers" in r for r in selection.reasons)


def test_a_series_is_singular_and_a_column_header_teaches_its_term() -> None:
    """An educator pass: "Fourier series" was refused as a plural, and "Multiple-trigger
    wheeze", heading a column of the course's table, as "never taught"."""
    from tall_teach.model import Slide, Table, Text
    from tall_teach.quiz.grammar import _plural_form

    assert not _plural_form("Fourier series") and _plural_form("Fourier transforms")
    table = Table(tuple((Text(h),) for h in ("Feature", "Episodic viral wheeze",
                                             "Multiple-trigger wheeze")),
                  (((Text("Triggers"),), (Text("colds only"),), (Text("many"),)),), ("", "", ""),
                  SourceRef("modules/a.md", 5))  # fmt: skip
    slide = Slide("m/1", "content", (Text("Preschool wheeze"),), (table,), (), (),
                  SourceRef("modules/a.md", 4))  # fmt: skip
    course = course_with([msg("**Episodic viral wheeze** occurs only with colds")],
                         extra_slides=[slide])
    assert course_evidence(course).mentions("multiple-trigger wheeze")


def test_a_key_among_a_kinds_own_terms_takes_wrong_answers_there() -> None:
    """An educator's report: "Performative" (speech act) was offered with "Representative"
    (speech act/illocutionary class) and dropped as mixed; its own kind's terms come first."""
    from tall_teach.quiz.selection import pool_for

    glossary = Glossary((("speech act", ("performative", "constative", "indirect speech act")),
                         ("speech act/illocutionary class", ("representative", "directive"))))
    vocab = build_vocabulary(glossary, ["A **performative** is the action itself"])
    pool = [t for t, _ in pool_for(KeyTerm("performative", "speech act", "bold"), vocab)]
    assert "representative" not in pool and "constative" in pool


def test_a_not_inside_a_quoted_example_is_no_negative_lead_in() -> None:
    from tall_teach.model import Option, QuizItem
    from tall_teach.quiz.itemrules import positive_lead_in

    def item(stem: str) -> QuizItem:
        return QuizItem(id="q", kind="authored", stem=stem,
                        options=(Option("A", True), Option("B", False)), explanation="",
                        module_id="m", module_title="M", slide_id="s", slide_title="S",
                        citations=(), source=SourceRef("m.md", 1))  # fmt: skip

    assert positive_lead_in(item("Which strategy does *if it's not too much trouble* use?"),
                            Glossary()) is None
    assert positive_lead_in(item("Which strategy is not polite?"), Glossary()) is not None
