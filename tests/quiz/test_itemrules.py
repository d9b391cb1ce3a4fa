"""Each NBME item-writing rule, with a sound item that passes and a case that fails it."""

from __future__ import annotations

from tall_teach.model import Option, QuizItem, SourceRef
from tall_teach.quiz.itemrules import check_item, lead_in

from .conftest import GLOSSARY


def item(stem: str, options: list[str], correct: tuple[int, ...] = (0,)) -> QuizItem:
    return QuizItem(
        id="tt-x",
        kind="authored",
        stem=stem,
        options=tuple(Option(t, i in correct) for i, t in enumerate(options)),
        explanation="",
        module_id="m",
        module_title="M",
        slide_id="m/s",
        slide_title="S",
        citations=(),
        source=SourceRef("modules/m.md", 3),
    )


SOUND = item(
    "Which drug was added to frontline consolidation in the GRAALL study?",
    ["nelarabine", "venetoclax", "daratumumab", "cytarabine"],
)


def rules(it: QuizItem) -> list[str]:
    return [f.rule for f in check_item(it, GLOSSARY)]


def test_a_sound_item_breaks_no_rule() -> None:
    assert rules(SOUND) == []


def test_exactly_one_key() -> None:
    assert "one-key" in rules(item(SOUND.stem, ["nelarabine", "venetoclax", "cytarabine"], (0, 1)))
    assert "one-key" in rules(item(SOUND.stem, ["nelarabine", "venetoclax", "cytarabine"], ()))


def test_three_to_five_options() -> None:
    assert "option-count" in rules(item(SOUND.stem, ["nelarabine", "venetoclax"]))


def test_options_unique_after_normalising() -> None:
    it = item("Which therapy consolidates the response?", ["allo-HSCT", "Allo HSCT", "CAR-T"])
    assert "unique-options" in rules(it)


def test_options_homogeneous() -> None:
    it = item("Which target was tested?", ["CD7", "nelarabine", "CD38", "CD84"])
    assert "homogeneous-options" in rules(it)


def test_cd_names_outside_the_glossary_count_as_the_antigen_kind() -> None:
    assert "homogeneous-options" not in rules(item("Which?", ["CD7", "CD19", "CD38"]))


def test_key_not_conspicuously_longest() -> None:
    it = item(
        "Which drug was added?", ["pegylated asparaginase", "G-CSF", "venetoclax", "nelarabine"]
    )
    assert "key-longest" in rules(it)


def test_a_slightly_longer_short_key_is_not_conspicuous() -> None:
    assert "key-longest" not in rules(item("Which antigen?", ["CD38", "CD7", "CD5", "CD1"]))


def test_no_word_of_the_key_in_the_stem() -> None:
    it = item(
        "Venetoclax was added to HCVAD: which drug caused thrombocytopenia?",
        ["venetoclax", "nelarabine", "cytarabine"],
    )
    assert "key-word-in-stem" in rules(it)


def test_a_word_every_option_shares_is_not_a_cue() -> None:
    it = item("Which CAR-T product is described?", ["CD7 CAR-T", "CD5 CAR-T", "CD38 CAR-T"])
    assert "key-word-in-stem" not in rules(it)


def test_no_negative_lead_in() -> None:
    it = item("Which drug was NOT added to HCVAD?", ["etoposide", "venetoclax", "nelarabine"])
    assert "negative-stem" in rules(it)
    it = item("All are true EXCEPT which?", ["etoposide", "venetoclax", "nelarabine"])
    assert "negative-stem" in rules(it)


def test_a_negative_in_the_vignette_is_not_a_negative_lead_in() -> None:
    stem = "The role of nelarabine in T-LBL was not investigated. Which value is right?"
    assert lead_in(stem) == "Which value is right?"
    assert "negative-stem" not in rules(item(stem, ["10%", "20%", "30%"]))


def test_lead_in_is_a_question() -> None:
    assert "lead-in-question" in rules(item("Pick the drug.", SOUND_OPTIONS))


def test_no_all_or_none_of_the_above() -> None:
    assert "all-none-of-above" in rules(item(SOUND.stem, [*SOUND_OPTIONS[:3], "None of the above"]))


def test_no_absolute_wording_in_some_options_only() -> None:
    it = item("Which is true?", ["It always works", "It helps some", "It helps few"])
    assert "absolute-terms" in rules(it)


SOUND_OPTIONS = [o.text for o in SOUND.options]


def test_a_stem_word_the_key_only_extends_is_a_clang_cue() -> None:
    it = item("All pathways converge on C3; _____ opsonises microbes. Which molecule?",
              ["C3b", "interferon", "perforin", "MHC class II"])  # fmt: skip
    assert "key-word-in-stem" in rules(it)
    fair = item("All pathways converge on C3; _____ opsonises microbes. Which molecule?",
                ["C3b", "C3a", "C5a", "perforin"])  # fmt: skip
    assert "key-word-in-stem" not in rules(fair)


def test_the_key_and_one_wrong_option_sharing_a_word_stand_out_as_a_pair() -> None:
    from dataclasses import replace

    pair = replace(item("_____ presents cytosolic peptides to CD8 T cells. Which molecule?",
                        ["MHC class I", "MHC class II", "perforin", "interferon"]),
                   kind="cloze")  # fmt: skip
    assert "key-pair" in rules(pair)
    parallel = replace(item("Innate cells sense microbes through _____. Which receptor?",
                            ["Toll-like receptors", "Fc receptors", "T-cell receptors"]),
                       kind="cloze")  # fmt: skip
    assert "key-pair" not in rules(parallel)


def test_a_letter_that_names_something_in_the_stem_and_starts_only_the_key_is_a_cue() -> None:
    from dataclasses import replace

    cued = replace(item("T cells mature in the _____, B cells in the bone marrow. Which organ?",
                        ["thymus", "spleen", "lymph node"]), kind="cloze")  # fmt: skip
    assert "key-word-in-stem" in rules(cued)
    fair = replace(item("T cells mature in the _____. Which organ?",
                        ["thymus", "tonsil", "spleen"]), kind="cloze")  # fmt: skip
    assert "key-word-in-stem" not in rules(fair)


def test_the_article_a_is_no_letter_name() -> None:
    """"A monopoly charges a price _____" does not point at "Above"."""
    from tall_teach.quiz.itemrules import _letter_name

    assert _letter_name("Above", "A monopoly charges a price _____ marginal cost.",
                        ["Below", "Equal to"]) is None  # fmt: skip
    assert _letter_name("Thymus", "T cells mature in the _____.", ["Spleen", "Liver"])


def test_a_module_label_that_echoes_the_key_only_is_a_cue() -> None:
    """"Router" under the label "Routing": the label answers the item."""
    from dataclasses import replace

    echo = replace(item("A _____ forwards packets by IP address. Which device best completes "
                        "the statement?", ["Router", "Switch", "Hub"]),
                   kind="cloze", module_title="Routing")  # fmt: skip
    assert "key-in-label" in rules(echo)
    # a label every option echoes, or none, is no cue
    assert "key-in-label" not in rules(replace(echo, module_title="Devices"))
    both = replace(echo, options=(Option("Router", True), Option("Route reflector", False),
                                  Option("Hub", False)))  # fmt: skip
    assert "key-in-label" not in rules(both)
    # the generator shows no label above such an item: nothing there to answer it
    assert "key-in-label" not in rules(replace(echo, shows_module=False))


def test_an_item_whose_key_the_module_title_names_is_shown_without_the_label() -> None:
    from dataclasses import replace

    from tall_teach.model import Glossary
    from tall_teach.quiz import generate_items
    from tall_teach.writers.quiz_html import item_data

    from .conftest import course_with, msg

    course = course_with([msg("**Nelarabine** is given as consolidation after induction")])
    course = replace(course, modules=(replace(course.modules[0], title="Nelarabine"),),
                     glossary=Glossary((("drug", ("nelarabine", "venetoclax", "daratumumab",
                                                  "cytarabine")),)))  # fmt: skip
    generated, _ = generate_items(course)
    (item,) = [i for i in generated.items if i.kind == "cloze"]
    assert not item.shows_module and item.module_title == "Nelarabine"
    data = item_data(item, generated)
    assert data["label"] == "" and data["module"] == "Nelarabine"  # the record keeps it


def test_a_key_of_another_sort_than_every_wrong_option_stands_apart() -> None:
    odd = item("The plasma membrane is a(n) _____ whose core is hydrophobic. Which option?",
               ["Phospholipid bilayer", "Peripheral membrane protein", "Glycoprotein",
                "Integral membrane protein"])  # fmt: skip
    assert "key-odd-one-out" in rules(odd)
    even = item("Sister chromatids separate in _____. Which option?",
                ["Anaphase", "Metaphase", "Prophase", "Telophase"])  # fmt: skip
    assert "key-odd-one-out" not in rules(even)


def test_the_key_alone_qualifying_the_shared_name_is_the_most_specific() -> None:
    specific = item("A _____ gives every group the same chance. Which option?",
                    ["Simple random sample", "Cluster sample", "Stratified sample",
                     "Convenience sample"])  # fmt: skip
    assert "key-most-specific" in rules(specific)
    parallel = item("_____ states that P² = a³. Which law?",
                    ["Kepler's third law", "Kepler's first law", "Kepler's second law"])
    assert "key-most-specific" not in rules(parallel)


def test_a_stem_word_of_the_keys_root_is_a_cue() -> None:
    """"built from silicon-oxygen tetrahedra" beside "Silicates"; "parasympathetic" holds
    "sympathetic". The lead-in's kind noun ("Which therapy" beside "Chemotherapy") is not."""
    silicon = item("_____, built from silicon-oxygen tetrahedra, make up the crust. Which option?",
                   ["Silicates", "Carbonates", "Sulfides", "Halides"])  # fmt: skip
    assert "key-word-in-stem" in rules(silicon)
    para = item("The _____ prepares for flight, and the parasympathetic system calms it. "
                "Which option?", ["Sympathetic nervous system", "Central nervous system",
                                  "Somatic nervous system"])  # fmt: skip
    assert "key-word-in-stem" in rules(para)
    therapy = item("Options at relapse are mainly _____. Which therapy best completes it?",
                   ["Chemotherapy", "CAR-T", "allo-HSCT"])  # fmt: skip
    assert "key-word-in-stem" not in rules(therapy)


def test_words_one_ending_or_starting_the_other_or_of_one_short_base_are_of_one_root() -> None:
    """Round 23's cues: "factory-made" and "Readymade", "locks" and "locking", "order" and
    "Ordinal", "salts" and "Salinity"."""
    cases = [
        ("Fountain, a factory-made urinal, is a _____. Which option?",
         ["Readymade", "Photomontage", "Papier collé"]),
        ("Under _____, a transaction acquires all its locks first. Which option?",
         ["Two-phase locking", "Timestamp ordering", "Snapshot isolation"]),
        ("Categories with a natural order make an _____ variable. Which option?",
         ["Ordinal", "Nominal", "Binary"]),
        ("The _____ of seawater is about 35 g of dissolved salts per kilogram. Which option?",
         ["Salinity", "Density", "Turbidity"]),
    ]  # fmt: skip
    for stem, options in cases:
        assert "key-word-in-stem" in rules(item(stem, options)), stem
    # a wrong option of the same root takes the cue away; unrelated short words are no root
    assert "key-word-in-stem" not in rules(item(
        "Under _____, a transaction acquires all its locks first. Which option?",
        ["Two-phase locking", "Tree locking", "Snapshot isolation"]))  # fmt: skip
    assert "key-word-in-stem" not in rules(item(
        "A religion may shape the _____ between groups. Which option?",
        ["Relation", "Distance", "Border"]))  # fmt: skip


def test_a_label_echo_ignores_accents_and_hides_the_whole_modules_labels() -> None:
    from dataclasses import replace

    from tall_teach.model import Glossary
    from tall_teach.quiz import generate_items
    from tall_teach.quiz.itemrules import label_echo

    from .conftest import course_with, msg

    assert label_echo("From silent cinema to the new waves", "Cinématographe",
                      ["Kinetoscope", "Phonograph"]) == "cinematographe"  # fmt: skip
    course = course_with([msg("**Nelarabine** is given as consolidation after induction"),
                          msg("**CD38** is the target of daratumumab in relapse")])
    course = replace(course, modules=(replace(course.modules[0], title="Nelarabine"),),
                     glossary=Glossary((("drug", ("nelarabine", "venetoclax", "cytarabine",
                                                  "etoposide")),
                                        ("antigen", ("CD38", "CD7", "CD5", "CD84")))))
    generated, _ = generate_items(course)
    assert len(generated.items) == 2
    assert not any(i.shows_module for i in generated.items)  # both: one label, one module


def test_a_stem_word_in_the_other_number_of_a_key_word_is_a_cue() -> None:
    # "the real burden of debts" beside the key "Debt deflation"
    from tall_teach.quiz.itemrules import _root

    assert _root("debts", "debt") == "debt"
    assert _root("debt", "debt") == ""  # the same word: the exact-word rule says so


def test_a_stem_that_counts_what_the_keys_prefix_names_is_a_cue() -> None:
    """Round 34: "one male and one female" names Social monogamy; "a third of the land
    fallow" names the Three-field system; a wrong option with the same count is no cue."""
    from tall_teach.quiz.itemrules import _count_clang

    assert _count_clang("Social monogamy", "_____, one male and one female raising the young",
                        ["Polygyny", "Polyandry"]) == ("one", "monogamy")
    assert _count_clang("Three-field system", "The _____ left only a third of the land fallow",
                        ["Two-field system"]) == ("third", "three-field")
    assert _count_clang("Three-field system", "The _____ left a third fallow",
                        ["Triennial rotation"]) is None
    assert _count_clang("Trajan", "Two emperors ruled", ["Hadrian"]) is None


def test_a_label_word_that_ends_a_key_word_echoes_it() -> None:
    from tall_teach.quiz.itemrules import label_echo

    assert label_echo("Electric potential and capacitance", "Equipotential surfaces",
                      ["Magnetic field lines"]) == "equipotential"
    assert label_echo("Graphs and charts", "Paragraph", ["Sentence"]) == ""


def test_a_letter_that_names_the_keys_first_part_is_a_cue() -> None:
    """Round 37: "the height of a lowercase x" above X-height."""
    from tall_teach.quiz.itemrules import _letter_part

    assert _letter_part("X-height", "The _____ is the height of a lowercase x",
                        ["Cap height", "Baseline"]) == "x"
    assert _letter_part("X-height", "The _____ decides how large type looks", ["Cap height"]) == ""
    assert _letter_part("T-score", "A _____ of a sample", ["Z-score"]) == ""


def test_two_long_words_of_one_learned_stem_sound_alike() -> None:
    """Round 39: "Zygomycetes such as Rhizopus form a thick-walled _____" above Zygospore."""
    from tall_teach.quiz.itemrules import _root

    assert _root("zygomycetes", "zygospore")
    assert not _root("zygote", "zygospore")  # a short word needs five letters alike


def test_a_small_word_of_place_that_tells_the_key_apart_is_a_cue() -> None:
    """Round 42: "below the level of social awareness" above Change from below."""
    from tall_teach.quiz.itemrules import _telling_small_words

    stem = "_____ operates below the level of social awareness"
    assert _telling_small_words("Change from below", ["Change from above"], stem) == {"below"}
    assert _telling_small_words("Change from below", ["Change from below the line"], stem) == set()


def test_a_key_the_wrong_options_converge_on_is_a_cue() -> None:
    """Round 46: "Logosyllabic" beside "Syllabic"; "Synapomorphy" beside "Symplesiomorphy"
    and "Autapomorphy"; "Hypothyroidism" beside "Hyperthyroidism" is no blend."""
    from tall_teach.model import Glossary
    from tall_teach.quiz.itemrules import key_not_converged

    def one(key: str, *wrong: str) -> QuizItem:
        return item("Maya writing is _____. Which option best completes it?", [key, *wrong])

    assert key_not_converged(one("Logosyllabic", "Alphabetic", "Syllabic"), Glossary())
    assert key_not_converged(one("Synapomorphy", "Symplesiomorphy", "Autapomorphy"),
                             Glossary())  # fmt: skip
    assert key_not_converged(one("Hypothyroidism", "Hyperthyroidism", "Hypoparathyroidism"),
                             Glossary()) is None  # fmt: skip
    assert key_not_converged(one("Primary source", "Secondary source"), Glossary()) is None


def test_a_list_of_three_names_counts_three_for_a_triple_key() -> None:
    """Round 46: "The _____ of Tenochtitlan, Texcoco and Tlacopan" above Triple Alliance."""
    from tall_teach.quiz.itemrules import _count_clang

    stem = "The _____ of Tenochtitlan, Texcoco and Tlacopan was formed in 1428."
    assert _count_clang("Triple Alliance", stem, ["Calpolli", "Tribute province"])
    assert _count_clang("Triple Alliance", "The _____ was formed in 1428.", ["Calpolli"]) is None


def test_an_element_written_by_symbol_in_the_stem_names_the_key() -> None:
    """Round 47: "three Na⁺ out of the cell and two K⁺ into it" above the sodium-potassium
    pump; round 44: "too little ¹⁴C" above radiocarbon dating."""
    pump = item("The _____ moves three Na⁺ out of the cell and two K⁺ into it. Which "
                "protein best completes the statement?",
                ["Sodium-potassium pump", "Proton pump", "Aquaporin"])
    assert "key-word-in-stem" in rules(pump)
    dating = item("_____ dates organic material to 50,000 years: older samples keep too "
                  "little ¹⁴C. Which method best completes the statement?",
                  ["Radiocarbon dating", "Argon–argon dating", "Uranium-series dating"])
    assert "key-word-in-stem" in rules(dating)
    cells = item("_____ need vitamin K and T cells. Which option best completes it?",
                 ["Calcium channels", "Proton pumps", "Aquaporins"])
    assert "key-word-in-stem" not in rules(cells)


def test_the_a_of_a_n_is_an_article_not_a_letter() -> None:
    """Round 49: "the stem's 'A' is the start of 'Analytic'" for "A(n) _____ sentence"."""
    analytic = item("A(n) _____ sentence is true by virtue of its meaning alone. Which option "
                    "best completes the statement?", ["Analytic", "Synthetic", "Contradictory"])
    assert "key-word-in-stem" not in rules(analytic)


def test_a_word_whose_start_the_key_holds_shares_its_root() -> None:
    """Round 51: "rejected infant baptism and baptised only adults" above Anabaptists."""
    anabaptists = item("The _____ rejected infant baptism and baptised only adults. Which "
                       "group best completes the statement?", ["Anabaptists", "Huguenots"])
    assert "key-word-in-stem" in rules(anabaptists)


def test_the_c_of_degrees_celsius_is_a_unit_not_a_letter() -> None:
    """Round 52's writer: "the stem's 'C' is the start of 'Conditionally unstable'" for a
    lapse rate of 8 °C per km."""
    lapse = item("A layer cooling at 8 °C per km is _____. Which option best completes the "
                 "statement?", ["Conditionally unstable", "Absolutely stable", "Neutral"])
    assert "key-word-in-stem" not in rules(lapse)


def test_a_key_of_several_words_among_one_word_options_stands_apart() -> None:
    """Rounds 18-55: "Means of production" beside "Bourgeoisie" and "Proletariat" failed
    both raters; one word among longer names ("Census" beside "Sample survey") and proper
    names ("Stamford Bridge" beside "Clontarf") did not."""
    from tall_teach.model import Glossary
    from tall_teach.quiz.itemrules import key_not_odd_form

    def one(key: str, *wrong: str) -> QuizItem:
        return item("For Marx, class depends on the _____. Which option?", [key, *wrong])

    assert key_not_odd_form(one("Means of production", "Bourgeoisie", "Proletariat"), Glossary())
    assert key_not_odd_form(one("Census", "Vital registration", "Sample survey"),
                            Glossary()) is None  # fmt: skip
    assert key_not_odd_form(one("Stamford Bridge", "Clontarf", "Edington"), Glossary()) is None
    # round 72: a name with an epithet of place among bare names
    assert key_not_odd_form(one("Sargon of Akkad", "Lugalzagesi", "Eannatum"), Glossary())
    assert key_not_odd_form(one("Means of production", "Bourgeoisie"), Glossary()) is None
    assert key_not_odd_form(one("Means of production", "Bourgeoisie", "Class struggle"),
                            Glossary()) is None  # fmt: skip


def test_two_pairs_of_options_let_neither_stand_out() -> None:
    """Round 56: "Ice giants" beside "Gas giants" was a pair that stands out, so "Dwarf
    planets" was left alone against the key; with "Terrestrial planets" and "Dwarf planets"
    the other options pair too, and neither pair is a cue."""
    from dataclasses import replace

    def one(*options: str) -> QuizItem:
        return replace(item("Uranus and Neptune are _____. Which option?", list(options)),
                       kind="cloze")  # fmt: skip

    assert "key-pair" in rules(one("Ice giants", "Gas giants", "Dwarf planets"))
    assert "key-pair" not in rules(one("Ice giants", "Gas giants", "Terrestrial planets",
                                       "Dwarf planets"))  # fmt: skip


def test_a_learned_adjective_in_the_stem_names_the_keys_plain_noun() -> None:
    """Round 59: "the same local solar time" above "Sun-synchronous orbit" beside
    "Geostationary orbit"."""
    from tall_teach.quiz.itemrules import _same_root

    key = {"sun", "synchronous", "orbit"}
    assert _same_root(key, {"local", "solar", "time"}, [{"geostationary", "orbit"}]) == (
        "solar", "sun")
    assert _same_root(key, {"local", "clock", "time"}, [{"geostationary", "orbit"}]) is None


def test_a_number_in_the_keys_name_or_its_spelled_out_initials_in_the_stem_are_cues() -> None:
    """Round 62: "clustered at 62% identity" above BLOSUM62; "the _____ of deuterium and
    tritium" above the D-T reaction. Scattered words do not spell a T-S diagram."""
    from tall_teach.quiz.itemrules import _initials_named, _numbers_named

    stem = "_____ was built from blocks clustered at 62% identity"
    assert _numbers_named("BLOSUM62", ["PAM250", "BLOSUM45"], stem) == {"62"}
    assert _numbers_named("BLOSUM62", ["BLOSUM62a"], "no number here") == set()
    assert _initials_named("D-T reaction", ["CNO cycle"],
                           "The _____ of deuterium and tritium releases 17.6 MeV") == {"D-T"}
    assert _initials_named("T-S diagram", ["Argo float"], "On a _____, a mixture of two "
                           "water masses plots on the straight line between them") == set()


def test_an_acronym_spelled_out_in_the_stem_is_a_cue() -> None:
    """Round 65: "_____ is ammonium nitrate mixed with about 6% fuel oil" above ANFO."""
    from tall_teach.quiz.itemrules import _initials_named

    stem = "_____ is ammonium nitrate mixed with about 6% fuel oil, and it is not water resistant"
    assert _initials_named("ANFO", ["Dynamite", "Emulsion"], stem) == {"ANFO"}
    assert _initials_named("DNA", ["RNA"], "The _____ double helix has two strands") == set()


def test_a_counted_letter_the_stem_spells_out_is_a_cue() -> None:
    """Round 70: "granted the tenants' _____: fair rent, fixity of tenure and free sale"
    above the three Fs."""
    from tall_teach.quiz.itemrules import _initials_named

    stem = ("Gladstone's 1881 Land Act granted the tenants' _____: fair rent, fixity of tenure "
            "and free sale.")
    assert _initials_named("Three Fs", ["Tenant right", "Boycotting"], stem) == {"Three Fs"}
    assert _initials_named("4 Ps", ["SWOT"], "The _____ are product, price and place") == set()


def test_a_short_key_that_starts_a_name_in_the_stem_is_a_cue() -> None:
    """Round 79: "The Daodejing treats … that the great _____ has been abandoned" above dao."""
    stem = ("The Daodejing treats humaneness as a sign that the great _____ has been "
            "abandoned. Which concept best completes the statement?")
    assert "key-word-in-stem" in rules(item(stem, ["dao", "ziran", "pu"]))
    assert "key-word-in-stem" not in rules(item(stem, ["ren", "ziran", "pu"]))
    # a wrong option that starts a name too leaves nothing to tell
    both = stem.replace("The Daodejing", "The Daodejing, like the Zhuangzi,")
    assert "key-word-in-stem" not in rules(item(both, ["dao", "zhu", "pu"]))


def test_an_ion_the_key_writes_as_a_symbol_and_the_stem_names_is_a_cue() -> None:
    """Round 80: "the energy for sodium reabsorption" above Na+/K+-ATPase, the only option
    with Na."""
    from tall_teach.quiz.itemrules import _element_named

    stem = "The basolateral _____ provides the energy for sodium reabsorption"
    assert _element_named("Na+/K+-ATPase", ["H+-ATPase", "H+/K+-ATPase"], stem) == {"sodium"}
    # potassium is in a wrong option too: no cue
    assert _element_named("Na+/K+-ATPase", ["H+/K+-ATPase"], "potassium secretion") == set()


def test_a_tenth_in_the_stem_counts_the_ten_of_the_key() -> None:
    """Round 82: "readmitted once a tenth of its voters took an oath" above Ten Percent Plan."""
    from tall_teach.quiz.itemrules import _count_clang

    stem = "A state was readmitted once a tenth of its 1860 voters swore loyalty"
    assert _count_clang("Ten Percent Plan", stem, ["Wade-Davis Bill"]) == ("tenth", "ten")
    assert _count_clang("Tenure of Office Act", stem, ["Wade-Davis Bill"]) is None


def test_an_acronym_key_among_written_out_names_stands_apart() -> None:
    """Round 82: "CPT" beside "Vane shear test" and "Pressuremeter test"."""
    stem = "The _____ gives a continuous profile of resistance. Which test best completes it?"
    assert "key-odd-form" in rules(item(stem, ["CPT", "Vane shear test", "Pressuremeter test"]))
    assert "key-odd-form" not in rules(item(stem, ["CPT", "SPT", "Pressuremeter test"]))
