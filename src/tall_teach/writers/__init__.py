"""Writers: each turns the course model into output files.

Every writer module exposes `render(course, theme) -> dict[str, bytes]`: output
paths relative to `build/<course>/` mapped to their bytes. Writers never write
to disk and never import each other or the reader; the pipeline looks them up
by name, imports them only when used, and writes their files atomically.
"""
