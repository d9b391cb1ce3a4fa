"""The reader: the only code that knows Markdown and YAML. Course folder -> Course model.

`read_course(root)` returns the model and its warnings, or raises ContentError
carrying every error found in every file. `read_module_text(text, path, ...)`
reads one module from a string (tests, tools).

Decisions beyond the contract (content-format.md):
- Raw HTML is never markup: tags stay literal text (warning), `<br>` is a line
  break, HTML comments are dropped.
- Setext headings are off: a `---` line always starts an untitled slide; a `---`
  right before a heading (Marp style) adds no empty slide.
- An image written inside text, a list or a table moves out as a Figure placed
  after that block; an image alone in a paragraph is the Figure.
- Links other than http(s) and mailto keep their text and lose the link (warning).
- Blockquotes are read as their content; code blocks become Code lines.
- `## Title {#id .class}` (Pandoc attributes): `#id` replaces the title's slug.
- A take-home block may hold a bullet or an ordered list; authored questions'
  citations stay on the Question, not in the slide's source footer.
- YAML `Yes`/`No`/`on`/`off` are read back as the words written where text is
  expected (titles, glossary terms, chart categories).
"""

from tall_teach.reader.course import read_course
from tall_teach.reader.module import read_module_text

__all__ = ["read_course", "read_module_text"]
