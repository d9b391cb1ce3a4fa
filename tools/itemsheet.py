"""Write the item sheet a rater reads: every generated item of each course, as trainees see it.

Used for the rating rounds of docs/quiz-quality.md (the sheets are
docs/quiz-ratings/round-NN-items.md). The sheet shows what a trainee sees (quiz header,
module label, stem, options in delivery order) plus the key, the source message and the
explanation; it never shows the generator's reasons, so a rater judges the item alone.

    python tools/itemsheet.py COURSE_DIR [COURSE_DIR ...] > items.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from tall_teach.quiz import generate_items
from tall_teach.reader.course import read_course

HEADER = (
    "Delivery note: in every quiz format the generated items below come first, then the "
    "course's authored questions (the ::: question blocks). Each item's explanation is shown "
    "only after the trainee has answered it (the HTML quiz goes forward one item at a time; "
    "LMS exports show feedback after answering or after submission; the printed quiz has its "
    "answer key at the end).\n"
)
NO_LABEL = "(none: the quiz shows no label above this item)"


def course_sheet(root: Path) -> str:
    """One course's section of the sheet."""
    course, _ = read_course(root)
    course, _ = generate_items(course)
    items = [i for i in course.items if i.kind != "authored"]
    header = course.title + (f": {course.subtitle}" if course.subtitle else "")
    out = [f"\n## Course: {root} ({len(items)} generated items)\n",
           f'Quiz header shown to trainees: "{header}"\n']  # fmt: skip
    for item in items:
        out.append(f"### {item.id}\n")
        label = item.module_title if item.shows_module else NO_LABEL
        out.append(f"Module label shown above the item: {label}\n")
        out.append(f"Stem: {item.stem}\n")
        for n, option in enumerate(item.options):
            mark = "   <- key" if option.correct else ""
            out.append(f"{chr(65 + n)}. {option.text}{mark}")
        out.append("")
        out.append(f"Source message: {item.message}  ({item.source})")
        out.append(f"Explanation shown to trainees: {item.explanation}\n")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    from tall_teach.errors import ContentError

    sheets = []
    for arg in argv:
        try:
            sheets.append(course_sheet(Path(arg)))
        except ContentError as exc:  # a course that does not read: say where, write nothing
            print(exc, file=sys.stderr)
            return 1
    print(HEADER)
    print("\n".join(sheets))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
