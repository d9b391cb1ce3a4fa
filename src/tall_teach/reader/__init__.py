"""The reader: the only code that knows Markdown and YAML. Course folder -> Course model.

`read_course(root)` returns the model and its warnings, or raises ContentError
carrying every error found. `read_module_text` reads one module from a string.
"""

from tall_teach.reader.course import read_course
from tall_teach.reader.module import read_module_text

__all__ = ["read_course", "read_module_text"]
