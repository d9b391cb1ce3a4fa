"""What changed between two builds, by stable slide and question ids (CHANGES.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from tall_teach.cache import hash_text
from tall_teach.model import Course, plain_text

Manifest = dict[str, dict[str, list[str]]]  # kind -> id -> [content hash, title]


def course_manifest(course: Course) -> Manifest:
    """Each slide and quiz item's id, a hash of its content and a human title."""
    from tall_teach.writers.dump import to_jsonable

    slides = {
        s.id: [hash_text(json.dumps(to_jsonable(s), sort_keys=True)), plain_text(s.title)]
        for s in course.slides()
    }
    items = {
        # an item's review status is not a change of the question (the Review section
        # of CHANGES.md reports items pending again)
        i.id: [hash_text(json.dumps(to_jsonable(replace(i, status="")), sort_keys=True)), i.stem]
        for i in course.items
    }
    return {"slides": slides, "questions": items}


@dataclass(frozen=True)
class Diff:
    added: list[tuple[str, str]]
    removed: list[tuple[str, str]]
    changed: list[tuple[str, str]]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def diff(old: dict[str, list[str]], new: dict[str, list[str]]) -> Diff:
    added = [(k, v[1]) for k, v in new.items() if k not in old]
    removed = [(k, v[1]) for k, v in old.items() if k not in new]
    changed = [(k, v[1]) for k, v in new.items() if k in old and old[k][0] != v[0]]
    return Diff(added, removed, changed)


def changes_markdown(course: Course, old: Manifest, new: Manifest) -> str | None:
    """CHANGES.md text, or None when no slide or question changed."""
    if not old:
        slides, items = len(new.get("slides", {})), len(new.get("questions", {}))
        return (
            f"# Changes in {course.title}\n\nFirst build: {slides} slides written in the "
            f"modules (the deck adds its title, section, continuation and reference slides), "
            f"{items} questions.\n"
        )
    sections: list[str] = []
    for kind, label in (("slides", "Slides"), ("questions", "Questions")):
        d = diff(old.get(kind, {}), new.get(kind, {}))
        if not d:
            continue
        lines = [f"## {label}", ""]
        for verb, entries in (("Added", d.added), ("Changed", d.changed), ("Removed", d.removed)):
            lines += [f"- {verb}: `{ident}` {_clip(title)}" for ident, title in entries]
        if kind == "questions":
            lines += ["", "Re-import the changed and added questions into your LMS."]
        sections.append("\n".join(lines))
    stale = [i for i in course.items if i.status == "stale"]
    if stale:
        lines = ["## Review", ""]
        lines += [f"- Pending review again: `{i.id}` {_clip(i.stem)}: its message or options "
                  "changed since it was reviewed" for i in stale]
        sections.append("\n".join(lines))
    if not sections:
        return None
    return f"# Changes in {course.title}\n\n" + "\n\n".join(sections) + "\n"


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"({text[: limit - 1]}…)" if len(text) > limit else f"({text})"
