"""glossary.yaml: key terms by category (quiz distractors, lint)."""

from __future__ import annotations

from tall_teach.model import Glossary
from tall_teach.reader.files import CourseFiles
from tall_teach.reader.schema import Fields
from tall_teach.reader.yamlsafe import load_yaml

DEFAULT_NAMES = ("glossary.yaml", "glossary.yml")


def read_glossary(files: CourseFiles, written: str, where: tuple[str, int]) -> Glossary:
    """The glossary named at `where`; wrong shapes are errors at their lines."""
    collector = files.collector
    resolved = files.resolve(written, where, "glossary")
    if resolved is None:
        return Glossary()
    real, relative = resolved
    text = files.read_text(real, relative)
    data = load_yaml(text, relative, collector) if text is not None else None
    if data is None or data.value is None:
        return Glossary()
    if not data.is_mapping:
        collector.error(relative, data.line, "the glossary maps each category to a list of "
                        "terms, for example 'drug: [nelarabine, venetoclax]'")
        return Glossary()
    categories: list[tuple[str, tuple[str, ...]]] = []
    _read_categories(Fields(data, relative, "the glossary", collector), "", categories)
    return Glossary(tuple(categories))


def _read_categories(
    fields: Fields, parent: str, out: list[tuple[str, tuple[str, ...]]]
) -> None:
    """A category maps to a list of terms, or to sub-kinds (each a list, or a mapping
    again, with `terms:` for terms of the category itself): `drug: {chemotherapy: [...]}`."""
    for name, node in fields.node.value.items():
        path = f"{parent}/{name}" if parent else str(name)
        if "/" in str(name):
            fields.error(node, f"glossary category '{name}' may not hold '/': it separates "
                         "a category from its sub-kinds")
            continue
        if node.is_mapping and name != "terms":
            sub = Fields(node, fields.path, "the glossary", fields.collector)
            if "terms" in node.value:
                out.append((path, sub.text_list("terms", "terms", allow_single=False)))
            _read_categories(sub, path, out)
        elif name == "terms" and parent:
            continue  # the parent's own terms, read above
        elif not node.is_list:
            fields.error(node, f"glossary category '{name}' must be a list of terms such as "
                         f"'{name}: [term one, term two]', or sub-kinds such as "
                         f"'{name}: {{kind one: [a, b], kind two: [c, d]}}'")
        else:
            out.append((path, fields.text_list(name, "terms", allow_single=False)))
