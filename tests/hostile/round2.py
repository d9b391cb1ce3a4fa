"""Generators for the second round of hostile cases (issue 17): themes, SVG encodings,
bombs, hard links and large-but-legitimate inputs, all made at test time in tmp."""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

SVG_NS = "http://www.w3.org/2000/svg"


def _outside(root: Path, name: str, text: str) -> Path:
    target = root.parent / "outside" / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def module_file(root: Path) -> Path:
    return root / "modules" / "one.md"


def append(root: Path, text: str) -> None:
    with module_file(root).open("a", encoding="utf-8") as handle:
        handle.write(text)


def copy_default_theme(root: Path, name: str = "mytheme") -> Path:
    from tall_teach.theme import theme_search_path

    default = next(p / "default" for p in theme_search_path() if (p / "default").is_dir())
    target = root / name
    shutil.copytree(default, target)
    return target


def _set_theme_yaml(theme: Path, old: str, new: str) -> None:
    settings = theme / "theme.yaml"
    text = settings.read_text(encoding="utf-8")
    assert old in text, old
    settings.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- themes ---------------------------------------------------------------------------------


def gen_theme_template_symlink_out(root: Path) -> None:
    """handout.html.j2 includes 'secret.j2', a symlink to a private file outside."""
    theme = copy_default_theme(root)
    secret = _outside(root, "passwd", "root:x:0:0:a private line:/root:/bin/sh\n")
    (theme / "handout" / "secret.j2").symlink_to(secret)
    template = theme / "handout" / "handout.html.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("</body>", "{% include 'secret.j2' %}</body>", 1),
                        encoding="utf-8")


def _theme_setting(old: str, new: str) -> Callable[[Path], None]:
    """A generator: the default theme copied into the course with one theme.yaml line changed."""
    return lambda root: _set_theme_yaml(copy_default_theme(root), old, new)


gen_theme_css_injection = _theme_setting(
    "  body: Calibri", '  body: "Evil\\n} body { display:none } x {"')
gen_theme_colour_injection = _theme_setting(
    'primary: "1F3A5F"', 'primary: "1F3A5F; } body { display:none"')
gen_theme_size_not_a_number = _theme_setting("max_lines: 8", "max_lines: eight")


def gen_theme_extends_loop(root: Path) -> None:
    theme = copy_default_theme(root)
    _set_theme_yaml(theme, "name: default", "name: mine\nextends: ../other")
    other = root / "other"
    other.mkdir()
    (other / "theme.yaml").write_text("name: other\nextends: ../mytheme\n", encoding="utf-8")


def gen_theme_zip_bomb(root: Path, megabytes: int = 300) -> None:
    """template.pptx whose one member unzips to 300 MB of zeros (300 KB on disk)."""
    theme = copy_default_theme(root)
    bomb = theme / "template.pptx"
    bomb.unlink()
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("ppt/media/zeros.bin", "w", force_zip64=True) as member:
        for _ in range(megabytes):
            member.write(chunk)


def gen_theme_lying_zip(root: Path) -> None:
    """template.pptx whose header says 1 KB for a member that inflates to 300 MB."""
    gen_theme_zip_bomb(root)
    bomb = root / "mytheme" / "template.pptx"
    data = bomb.read_bytes()
    for width in (8, 4):  # the zip64 extra field, and the central directory's own field
        size, small = (300 << 20).to_bytes(width, "little"), (1024).to_bytes(width, "little")
        data = data.replace(size, small)
    bomb.write_bytes(data)
    with zipfile.ZipFile(bomb) as archive:
        assert archive.infolist()[0].file_size == 1024


# --- SVG figures --------------------------------------------------------------------------------


SVG_DRAWING = (f'<svg xmlns="{SVG_NS}" {{size}} viewBox="0 0 120 80">'
               '<rect x="4" y="4" width="112" height="72" rx="8" fill="#0F7C8C"/>'
               '<circle cx="60" cy="40" r="22" fill="#FFFFFF"/></svg>\n')


def _use_svg(root: Path, svg: bytes, name: str = "drawing.svg") -> None:
    (root / "figures" / name).write_bytes(svg)
    module = module_file(root)
    module.write_text(module.read_text(encoding="utf-8").replace(
        "figures/dot.png", f"figures/{name}"), encoding="utf-8")


def gen_svg_figure(root: Path) -> None:
    _use_svg(root, SVG_DRAWING.format(size='width="240" height="160"').encode("utf-8"))


def gen_svg_figure_without_size(root: Path) -> None:
    _use_svg(root, SVG_DRAWING.format(size="").encode("utf-8"))


def gen_svg_utf16_entity(root: Path) -> None:
    """UTF-16 with an internal entity: a byte search for '<!ENTITY' cannot see it."""
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n'
            '<!DOCTYPE svg [<!ENTITY leak "EXPANDED-ENTITY-TEXT">]>\n'
            f'<svg xmlns="{SVG_NS}" width="10" height="10"><text>&leak;</text></svg>\n')
    _use_svg(root, text.encode("utf-16"))


def gen_svg_utf16_external_image(root: Path) -> None:
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n'
            f'<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
            'height="10"><image xlink:href="file:///etc/passwd" width="5" height="5"/></svg>\n')
    _use_svg(root, text.encode("utf-16-le"))


def gen_svg_not_xml(root: Path) -> None:
    _use_svg(root, b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>\n")


# --- course files -----------------------------------------------------------------------------


def gen_large_unused_file(root: Path) -> None:
    """A sparse 3 GB file nobody names (no disk used): a build must not read it."""
    with (root / "figures" / "raw-scan.tiff").open("wb") as handle:
        handle.truncate(3 * 1024**3)


def gen_hard_link_out(root: Path) -> None:
    """figures/dot.png is a hard link to a file beside the course (same file system)."""
    image = root / "figures" / "dot.png"
    outside = root.parent / "outside" / "private.png"
    outside.parent.mkdir(exist_ok=True)
    shutil.copyfile(image, outside)
    image.unlink()
    os.link(outside, image)


# --- large legitimate input -------------------------------------------------------------------


def gen_wide_table(root: Path, columns: int = 500) -> None:
    header = "| " + " | ".join(f"c{i}" for i in range(columns)) + " |\n"
    rule = "|" + "---|" * columns + "\n"
    row = "| " + " | ".join(str(i) for i in range(columns)) + " |\n"
    append(root, f"\n## A very wide table\n\n{header}{rule}{row}{row}")


def gen_huge_title(root: Path) -> None:
    words = " ".join(f"word{i}" for i in range(20_000))  # about 200 KB
    append(root, f"\n## Title {words}\n\n- one point\n")


def gen_80_categories(root: Path) -> None:
    gen_many_categories(root, 80, "column")


def gen_many_categories(root: Path, count: int = 10_000, kind: str = "bar") -> None:
    categories = ", ".join(f"k{i}" for i in range(count))
    values = ", ".join(str(i % 7 + 1) for i in range(count))
    append(root, "\n## A chart with too many bars\n\n```chart\n"
            f"type: {kind}\n"
            f"title: Many categories\ncategories: [{categories}]\nseries:\n"
            f"  - name: Count\n    values: [{values}]\n```\n")




def gen_big_bibtex(root: Path, entries: int = 40_000) -> None:
    """A 5 MB BibTeX of 40,000 entries (a whole reference manager export), one of them cited."""
    parts = [f"@article{{ref{i},\n  author = {{Leaf, Ada and Brew, Bo}},\n  title = {{An "
             f"example study number {i} of steeping}},\n  journal = {{Journal of Example "
             f"Drinks}},\n  year = {{{2000 + i % 25}}},\n  volume = {{{i % 90}}},\n  pages = "
             f"{{{i}--{i + 9}}},\n  doi = {{10.1000/example.{i}}}\n}}\n\n"
             for i in range(entries)]
    parts.append("@article{leaf2020,\n  author = {Leaf, Ada},\n  title = {An example study of "
                 "steeping},\n  journal = {Journal of Example Drinks},\n  year = {2020}\n}\n")
    (root / "references.bib").write_text("".join(parts), encoding="utf-8")
    (root / "references.yaml").unlink()
    config = root / "course.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "bibliography: references.yaml", "bibliography: references.bib"), encoding="utf-8")


def gen_big_glossary(root: Path, terms: int = 100_000) -> None:
    """A 3 MB glossary: 100,000 terms in 50 categories."""
    lines = [f"cat{c}: [{', '.join(f'leaf term {c} number {i}' for i in range(terms // 50))}]\n"
             for c in range(50)]
    with (root / "glossary.yaml").open("a", encoding="utf-8") as handle:
        handle.writelines(lines)


def gen_2400_slides(root: Path) -> None:
    slides = "".join(f"\n## Slide number {i}\n\n- **Point** {i} about steeping [@leaf2020]\n"
                     f"- another point {i}\n" for i in range(2400))
    append(root, slides)


GENERATORS: dict[str, Callable[[Path], None]] = {
    "theme_template_symlink_out": gen_theme_template_symlink_out,
    "theme_css_injection": gen_theme_css_injection,
    "theme_colour_injection": gen_theme_colour_injection,
    "theme_size_not_a_number": gen_theme_size_not_a_number,
    "theme_extends_loop": gen_theme_extends_loop,
    "theme_zip_bomb": gen_theme_zip_bomb,
    "theme_lying_zip": gen_theme_lying_zip,
    "svg_figure": gen_svg_figure,
    "svg_figure_without_size": gen_svg_figure_without_size,
    "svg_utf16_entity": gen_svg_utf16_entity,
    "svg_utf16_external_image": gen_svg_utf16_external_image,
    "svg_not_xml": gen_svg_not_xml,
    "large_unused_file": gen_large_unused_file,
    "hard_link_out": gen_hard_link_out,
    "wide_table": gen_wide_table,
    "huge_title": gen_huge_title,
    "many_categories": gen_many_categories,
    "80_categories": gen_80_categories,
    "big_bibtex": gen_big_bibtex,
    "big_glossary": gen_big_glossary,
    "2400_slides": gen_2400_slides,
}
