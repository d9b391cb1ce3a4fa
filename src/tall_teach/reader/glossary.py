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
    fields = Fields(data, relative, "the glossary", collector)
    categories = []
    for name, node in data.value.items():
        if not node.is_list:
            fields.error(node, f"glossary category '{name}' must be a list of terms such as "
                         f"'{name}: [term one, term two]'")
            continue
        terms = fields.text_list(name, "terms", allow_single=False)
        categories.append((name, terms))
    return Glossary(tuple(categories))
