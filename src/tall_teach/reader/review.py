"""quiz-review.yaml -> ItemReview records, every wrong key or value an error at its line.

The file is written by `tall-teach review` and meant to be edited by hand too, so
its shape is checked here like any other course file. Whether the ids exist and the
hashes are current needs the generated items: review.check_reviews does that.
"""

from __future__ import annotations

from tall_teach.model import DECISIONS, ItemReview, Option, SourceRef
from tall_teach.reader.diagnostics import Collector
from tall_teach.reader.files import CourseFiles
from tall_teach.reader.schema import Fields
from tall_teach.reader.yamlsafe import YNode, describe, load_yaml

REVIEW_FILE = "quiz-review.yaml"
ENTRY_KEYS = ("decision", "by", "at", "hash", "stem", "options", "avoid", "note")
OPTION_KEYS = ("text", "correct")


def read_reviews(files: CourseFiles) -> tuple[ItemReview, ...]:
    """The course's review entries in file order; () when there is no quiz-review.yaml."""
    if not (files.root / REVIEW_FILE).is_file():
        return ()
    resolved = files.resolve(REVIEW_FILE, (REVIEW_FILE, 0), "quiz review file")
    text = files.read_text(*resolved) if resolved else None
    data = load_yaml(text, REVIEW_FILE, files.collector) if text is not None else None
    if data is None or data.value is None:
        return ()
    top = _mapping(data, "quiz-review.yaml holds 'items:' (review entries by item id)",
                   files.collector)
    if top is None:
        return ()
    top.check_keys(("items",))
    items = data.get("items")
    if items is None or items.value is None:
        return ()
    if not items.is_mapping:
        top.error(items, "'items' maps each item id to its review (decision, by, at, hash), "
                  f"not {describe(items.value)}")
        return ()
    return tuple(r for key, node in items.value.items()
                 if (r := _entry(key, node, files.collector)) is not None)


def _mapping(node: YNode, what: str, collector: Collector) -> Fields | None:
    if not node.is_mapping:
        collector.error(REVIEW_FILE, node.line, f"{what}, not {describe(node.value)}")
        return None
    return Fields(node, REVIEW_FILE, "a review entry", collector)


def _entry(item_id: str, node: YNode, collector: Collector) -> ItemReview | None:
    line = node.key_line or node.line
    fields = _mapping(node, f"the review of '{item_id}' must be a mapping (decision: approved, "
                      "by, at, hash)", collector)
    if fields is None:
        return None
    fields.check_keys(ENTRY_KEYS)
    decision = fields.text("decision")
    if decision and decision not in DECISIONS:
        fields.error(node.value["decision"], f"'decision' must be one of {', '.join(DECISIONS)}"
                     f", not {decision!r}")
        return None
    avoid = fields.text_list("avoid", "distractor texts")
    options = _options(fields)
    stem = fields.text("stem")
    if decision == "edited" and not (stem or options):
        fields.error(node, f"'{item_id}' is 'edited' but gives no 'stem' or 'options': "
                     "write the edited text, or decide 'approved'")
    if decision != "edited" and (stem or options):
        fields.error(node, f"'{item_id}' has an edited 'stem' or 'options' but its decision is "
                     f"{decision or 'missing'}: write 'decision: edited'")
    if not decision and not avoid:
        fields.error(node, f"the review of '{item_id}' needs a 'decision' "
                     f"({', '.join(DECISIONS)})")
    return ItemReview(
        item_id=str(item_id), source=SourceRef(REVIEW_FILE, line), decision=decision,
        by=fields.text("by"), at=fields.text("at"), hash=fields.text("hash"), stem=stem,
        options=options, avoid=avoid, note=fields.text("note"),
    )


def _options(fields: Fields) -> tuple[Option, ...]:
    node = fields.node.get("options")
    if node is None:
        return ()
    if not node.is_list or not node.value:
        fields.error(node, "'options' must be a list of '- text: ...' entries (one with "
                     f"'correct: true'), not {describe(node.value)}")
        return ()
    options = []
    for entry in node.value:
        option = _option(entry, fields)
        if option is not None:
            options.append(option)
    keys = sum(o.correct for o in options)
    if len(options) == len(node.value) and (keys != 1 or len(options) < 2):
        fields.error(node, f"'options' must hold at least 2 options and exactly one with "
                     f"'correct: true' (found {len(options)} options, {keys} correct)")
    return tuple(options)


def _option(entry: YNode, fields: Fields) -> Option | None:
    if isinstance(entry.value, str):
        return Option(entry.value, False)
    if not entry.is_mapping:
        fields.error(entry, f"each option is '- text: ...', not {describe(entry.value)}")
        return None
    option = Fields(entry, REVIEW_FILE, "an edited option", fields.collector)
    option.check_keys(OPTION_KEYS)
    correct = entry.get("correct")
    if correct is not None and not isinstance(correct.value, bool):
        option.error(correct, f"'correct' must be true or false, not {describe(correct.value)}")
    text = option.text("text", required=True)
    return Option(text, bool(correct and correct.value is True)) if text else None
