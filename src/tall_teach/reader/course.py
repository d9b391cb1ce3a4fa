"""A course folder -> Course: course.yaml, bibliography, glossary, then every module."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from tall_teach.errors import ContentError, Diagnostic
from tall_teach.model import (
    Course,
    Glossary,
    HandoutSettings,
    Module,
    QuizSettings,
    Reference,
    SlidesSettings,
    SourceRef,
)
from tall_teach.reader.bibliography import find_bibliography, read_bibliography
from tall_teach.reader.collect import check_block_ids
from tall_teach.reader.context import slugify, valid_authored_id
from tall_teach.reader.diagnostics import Collector, did_you_mean
from tall_teach.reader.files import CourseFiles
from tall_teach.reader.glossary import DEFAULT_NAMES as GLOSSARY_NAMES
from tall_teach.reader.glossary import read_glossary
from tall_teach.reader.module import parse_module
from tall_teach.reader.review import read_reviews
from tall_teach.reader.schema import Fields
from tall_teach.reader.yamlsafe import YNode, describe, load_yaml

CONFIG = "course.yaml"
COURSE_KEYS = ("id", "title", "subtitle", "authors", "date", "language", "theme", "bibliography",
               "glossary", "modules", "handout", "quiz", "institution", "slide_level", "csl",
               "slides")
HANDOUT_KEYS = ("layout", "paper")
SLIDES_KEYS = ("pdf",)
QUIZ_KEYS = ("seed", "options", "per_message", "formats", "review", "swap_distractors")
QUIZ_FORMATS = ("html", "moodle", "gift", "qti", "pdf", "anki")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FRONT_ID = re.compile(r"^id\s*:", re.MULTILINE)


@dataclass(frozen=True)
class _Listed:
    """A module as course.yaml lists it: the path written and the line it is on."""

    written: str
    line: int


def read_course(root: Path) -> tuple[Course, list[Diagnostic]]:
    """The whole course and its warnings; raises ContentError carrying every error found."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError.at(str(root), 0, f"course folder {root} not found")
    collector = Collector()
    files = CourseFiles(root, collector)
    config = _read_config(files)
    if config is None:
        collector.raise_if_errors()
        raise ContentError.at(CONFIG, 1, "course.yaml is empty: add 'title:' and 'modules:'")
    fields = Fields(config, CONFIG, CONFIG, collector)
    fields.check_keys(COURSE_KEYS)
    errors_before = len(collector.errors)
    references = _references(files, fields)
    # A bibliography that could not be read at all (its errors are reported) would make
    # every citation 'unknown' with the wrong advice: then citations are not checked.
    unreadable = not references and len(collector.errors) > errors_before
    keys = None if unreadable else {ref.key for ref in references}
    references = _styled(files, fields, references)
    glossary = _glossary(files, fields)
    slide_level = fields.integer("slide_level", 2, 1, 2)
    modules = [m for m in _modules(files, fields, keys, slide_level) if m is not None]
    _check_module_ids(modules, files, collector)
    check_block_ids(modules, collector)
    title = fields.text("title", required=True)
    course = Course(
        id=files.root.name, root=str(files.root), title=title, identity=_identity(fields, title),
        subtitle=fields.text("subtitle"), authors=fields.text_list("authors", "names"),
        date=_date(fields), language=fields.text("language", "en"),
        theme=fields.text("theme", "default"), modules=tuple(modules), references=references,
        glossary=glossary, handout=_handout(fields), quiz=_quiz(fields),
        source=SourceRef(CONFIG, 1), institution=fields.text("institution"),
        reviews=read_reviews(files),
        inputs=_inputs(files), html_slides=_slides(fields),
    )
    collector.raise_if_errors()
    return course, collector.in_reading_order("warning")


def _inputs(files: CourseFiles) -> tuple[tuple[str, str], ...]:
    """Every file read, and the optional files looked for by name: creating one (a
    references.yaml, a quiz-review.yaml) changes the build as editing a read file does."""
    from tall_teach.reader.bibliography import DEFAULT_NAMES as BIBLIOGRAPHY_NAMES
    from tall_teach.reader.review import REVIEW_FILE

    for name in (*BIBLIOGRAPHY_NAMES, *GLOSSARY_NAMES, REVIEW_FILE):
        files.used.setdefault(name, "")
    return tuple(sorted(files.used.items()))


def _read_config(files: CourseFiles) -> YNode | None:
    collector = files.collector
    if not (files.root / CONFIG).is_file():
        collector.error(CONFIG, 0, f"no course.yaml in {files.root.name}/: every course folder "
                        "needs one (tall-teach new NAME makes a starter course)")
        return None
    resolved = files.resolve(CONFIG, (CONFIG, 0), "course settings file")
    text = files.read_text(*resolved) if resolved else None
    data = load_yaml(text, CONFIG, collector) if text is not None else None
    if data is None or data.value is None:
        return None
    if not data.is_mapping:
        collector.error(CONFIG, data.line, "course.yaml holds 'key: value' settings (title, "
                        f"modules, ...), not {describe(data.value)}")
        return None
    return data


def _references(files: CourseFiles, fields: Fields) -> tuple[Reference, ...]:
    node = fields.node.get("bibliography")
    written = fields.scalar_text(node, "'bibliography'") if node is not None else None
    if node is not None and written is None:
        return ()
    chosen = find_bibliography(files.root, written)
    if chosen is None:
        return ()
    line = node.key_line if node is not None else 0
    return read_bibliography(files, chosen, (CONFIG, line))


def _styled(files: CourseFiles, fields: Fields, references: tuple[Reference, ...]
            ) -> tuple[Reference, ...]:
    """`csl:` a bundled style's name or a .csl file in the course; none: Vancouver."""
    from tall_teach.transforms.citations import STYLES_DIR, bundled_styles, csl_formatted

    node = fields.node.get("csl")
    written = fields.scalar_text(node, "'csl'") if node is not None else None
    if node is None or not written:
        return references
    if written.endswith(".csl"):
        resolved = files.resolve(written, (CONFIG, node.key_line), "citation style")
        if resolved is None:
            return references
        style = resolved[0]
    elif written in bundled_styles():
        style = STYLES_DIR / f"{written}.csl"
    else:
        names = bundled_styles()
        fields.error(node, f"unknown citation style '{written}'{did_you_mean(written, names)}: "
                     f"name a bundled one ({', '.join(names)}) or a .csl file in the course "
                     "(csl: my-style.csl)")
        return references
    try:
        return csl_formatted(references, style)
    except ValueError as exc:
        fields.error(node, f"citation style {written} cannot be used: {exc}"[:300])
        return references


def _glossary(files: CourseFiles, fields: Fields) -> Glossary:
    node = fields.node.get("glossary")
    if node is not None:
        written = fields.scalar_text(node, "'glossary'")
        return read_glossary(files, written, (CONFIG, node.key_line)) if written else Glossary()
    default = next((n for n in GLOSSARY_NAMES if (files.root / n).is_file()), None)
    return read_glossary(files, default, (CONFIG, 0)) if default else Glossary()


def _modules(files: CourseFiles, fields: Fields, keys: set[str] | None, slide_level: int
             ) -> list[Module | None]:
    listed = _listed_modules(fields)
    return [_read_module(files, item, keys, slide_level) for item in listed]


def _listed_modules(fields: Fields) -> list[_Listed]:
    node = fields.node.get("modules")
    if node is None:
        fields.collector.error(CONFIG, fields.node.line, "course.yaml needs 'modules:', the list "
                               "of module files in lecture order (modules/01-intro.md, ...)")
        return []
    if not node.is_list:
        fields.error(node, f"'modules' must be a list of file paths, not {describe(node.value)}")
        return []
    if not node.value:
        fields.error(node, "'modules' is empty: list at least one module file")
        return []
    listed: list[_Listed] = []
    seen: dict[str, int] = {}
    for item in node.value:
        if not isinstance(item.value, str):
            fields.error(item, "'modules' must be a list of file paths "
                         f"(such as modules/01-intro.md), not {describe(item.value)}")
            continue
        normal = item.value.strip().replace("\\", "/").removeprefix("./")
        if normal in seen:
            fields.error(item, f"module '{item.value}' is listed twice (also line {seen[normal]}):"
                         " list it once")
            continue
        seen[normal] = item.line
        listed.append(_Listed(item.value, item.line))
    return listed


def _read_module(files: CourseFiles, listed: _Listed, keys: set[str] | None,
                 slide_level: int) -> Module | None:
    collector = files.collector
    resolved = files.resolve(listed.written, (CONFIG, listed.line), "module")
    if resolved is None:
        return None
    real, relative = resolved
    text = files.read_text(real, relative)
    if text is None:
        return None
    return parse_module(text, relative, collector, files, keys, slide_level=slide_level)


def _check_module_ids(modules: list[Module], files: CourseFiles, collector: Collector) -> None:
    """Two modules with one id: an error at each of them."""
    by_id: dict[str, list[Module]] = {}
    for module in modules:
        by_id.setdefault(module.id, []).append(module)
    for module_id, same in by_id.items():
        if len(same) < 2:
            continue
        for module in same:
            others = ", ".join(m.path for m in same if m is not module)
            line = _id_line(files.root / module.path)
            collector.error(module.path, line, f"module id '{module_id}' is also used by "
                            f"{others}: give each module its own 'id:' in its front matter")


def _id_line(path: Path) -> int:
    text = path.read_text("utf-8", errors="replace")
    if not text.lstrip("\ufeff").startswith("---"):
        return 1
    match = _FRONT_ID.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _identity(fields: Fields, title: str) -> str:
    """The course across copies and renamed folders: 'id:' when written, else the title."""
    node = fields.node.get("id")
    written = fields.text("id").strip()
    if node is not None and written and not valid_authored_id(written):
        fields.error(node, f"course id '{written}' may hold only letters, digits, '-', '_' "
                     "and '.' (such as t-all-2026)")
    elif written:
        return written
    return slugify(title) or title.strip()


def _date(fields: Fields) -> str:
    node = fields.node.get("date")
    if node is None:
        return ""
    value = node.value
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    fields.error(node, f"'date' must be a date written YYYY-MM-DD (such as 2026-11-23), "
                 f"not {str(value)[:40]!r}")
    return ""


def _handout(fields: Fields) -> HandoutSettings:
    handout = fields.mapping("handout", "the handout settings")
    if handout is None:
        return HandoutSettings()
    handout.check_keys(HANDOUT_KEYS)
    return HandoutSettings(handout.choice("layout", ("notes", "outline"), "notes"),
                           handout.choice("paper", ("a4", "letter"), "a4"))


def _slides(fields: Fields) -> SlidesSettings:
    slides = fields.mapping("slides", "the HTML slides settings")
    if slides is None:
        return SlidesSettings()
    slides.check_keys(SLIDES_KEYS)
    node = slides.node.get("pdf")
    if node is not None and not isinstance(node.value, bool):
        slides.error(node, f"'pdf' must be true or false, not {describe(node.value)}")
        return SlidesSettings()
    return SlidesSettings(pdf=bool(node.value) if node is not None else False)


def _quiz(fields: Fields) -> QuizSettings:
    quiz = fields.mapping("quiz", "the quiz settings")
    if quiz is None:
        return QuizSettings()
    quiz.check_keys(QUIZ_KEYS)
    defaults = QuizSettings()
    formats = defaults.formats
    if quiz.node.get("formats") is not None:
        formats = tuple(dict.fromkeys(quiz.text_list("formats", "formats", allow_single=False)))
        for name in formats:
            if name not in QUIZ_FORMATS:
                quiz.error(quiz.node.value["formats"], f"unknown quiz format '{name}'"
                           f"{did_you_mean(name, QUIZ_FORMATS)} (formats: "
                           f"{', '.join(QUIZ_FORMATS)})")
        formats = tuple(f for f in formats if f in QUIZ_FORMATS)
    return QuizSettings(
        seed=quiz.integer("seed", defaults.seed),
        options=quiz.integer("options", defaults.options, 3, 5),
        per_message=quiz.integer("per_message", defaults.per_message, 0),
        formats=formats,
        review=quiz.choice("review", ("optional", "required"), defaults.review),
        swap_distractors=_flag(quiz, "swap_distractors"),
    )


def _flag(fields: Fields, key: str) -> bool:
    node = fields.node.get(key)
    if node is None:
        return False
    if not isinstance(node.value, bool):
        fields.error(node, f"'{key}' must be true or false, not {describe(node.value)}")
        return False
    return node.value
