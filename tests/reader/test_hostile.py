"""Hostile and odd input: nothing outside the course is read, nothing remote is fetched,
no YAML object is built, and huge or deep input reads quickly or fails clearly."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import errors_of, located, png_bytes, png_header_only, read_ok

CourseDir = Callable[..., Path]


def image_module(target: str) -> str:
    return f"## Picture\n\n![A picture]({target})\n"


@pytest.mark.parametrize(
    ("target", "wanted"),
    [
        ("../../etc/passwd", "leads out of the course folder (through '..')"),
        ("figures/../../outside.png", "leads out of the course folder (through '..')"),
        ("/etc/passwd", "is absolute: write it relative to the course folder"),
        ("<C:\\Windows\\x.png>", "is absolute"),
    ],
)
def test_image_paths_leading_out_of_the_course_are_refused(
    course_dir: CourseDir, target: str, wanted: str
) -> None:
    (error,) = errors_of(course_dir(module=image_module(target)))
    assert located([error]) == [("modules/one.md", 3)]
    assert wanted in error.message


def test_a_symlink_leading_out_of_the_course_is_refused_and_not_opened(
    course_dir: CourseDir, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(png_bytes())
    root = course_dir(module=image_module("figures/link.png"))
    (root / "figures").mkdir()
    (root / "figures" / "link.png").symlink_to(outside)
    (error,) = errors_of(root)
    assert "leads out of the course folder (through a symbolic link)" in error.message


def test_a_symlink_inside_the_course_is_fine(course_dir: CourseDir) -> None:
    root = course_dir({"figures/real.png": png_bytes(5, 2)}, image_module("figures/link.png"))
    (root / "figures" / "link.png").symlink_to(root / "figures" / "real.png")
    course, _ = read_ok(root)
    figure = course.modules[0].slides[0].blocks[0]
    assert (figure.path, figure.width, figure.height) == ("figures/link.png", 5, 2)


def test_modules_and_bibliographies_outside_the_course_are_refused(
    course_dir: CourseDir, tmp_path: Path
) -> None:
    (tmp_path / "outside.md").write_text("## Outside\n")
    root = course_dir({"course.yaml": "title: T\nbibliography: /etc/hosts\n"
                                      "modules: [../outside.md]\n"})
    errors = errors_of(root)
    assert located(errors) == [("course.yaml", 2), ("course.yaml", 3)]
    assert "is absolute" in errors[0].message
    assert "leads out of the course folder" in errors[1].message


@pytest.mark.parametrize(
    "url",
    ["https://example.org/x.png", "http://example.org/x.png", "//example.org/x.png",
     "data:image/png;base64,iVBORw0KGgo=", "file:///etc/passwd"],
)
def test_remote_images_are_refused_with_what_to_do(course_dir: CourseDir, url: str) -> None:
    (error,) = errors_of(course_dir(module=image_module(url)))
    assert located([error]) == [("modules/one.md", 3)]
    assert error.message.startswith("remote images are not fetched at build time: download")
    assert "into figures/ and link the file" in error.message


def test_a_decompression_bomb_is_an_error_not_a_hang(course_dir: CourseDir) -> None:
    root = course_dir({"figures/bomb.png": png_header_only(100_000, 100_000)},
                      image_module("figures/bomb.png"))
    started = time.perf_counter()
    (error,) = errors_of(root)
    assert time.perf_counter() - started < 5
    assert "figures/bomb.png" in error.message and "reduce it" in error.message


def test_an_image_just_over_the_pixel_limit_is_refused(course_dir: CourseDir) -> None:
    root = course_dir({"figures/big.png": png_header_only(10_000, 9_000)},
                      image_module("figures/big.png"))
    (error,) = errors_of(root)
    assert "10000×9000 pixels" in error.message


def test_a_truncated_image_is_an_error(course_dir: CourseDir) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 50).convert("RGB").save(buffer, "PNG")
    root = course_dir({"figures/cut.png": buffer.getvalue()[:300]}, image_module("figures/cut.png"))
    (error,) = errors_of(root)
    assert "figures/cut.png" in error.message
    assert "damaged or truncated" in error.message or "is not a PNG" in error.message


def test_a_text_file_named_png_is_not_an_image(course_dir: CourseDir) -> None:
    root = course_dir({"figures/fake.png": "not a picture"}, image_module("figures/fake.png"))
    (error,) = errors_of(root)
    assert error.message.startswith("figures/fake.png is not a PNG, JPEG or GIF image")


def test_a_jpeg_named_png_is_read_with_a_warning(course_dir: CourseDir) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6)).save(buffer, "JPEG")
    root = course_dir({"figures/photo.png": buffer.getvalue()}, image_module("figures/photo.png"))
    course, warnings = read_ok(root)
    assert course.modules[0].slides[0].blocks[0].width == 8
    assert ["is really a JPEG file" in w.message for w in warnings] == [True]


SVG_OK = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="3cm">'
          '<rect width="10" height="10" fill="url(#a)"/></svg>')


@pytest.mark.parametrize(
    ("svg", "wanted"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
         '<image xlink:href="https://example.org/x.png"/></svg>', "refers to an external resource"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>',
         "refers to an external resource"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "contains a <script> element"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>',
         "loads an external resource"),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler"),
        ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
         "declares entities"),
        ("<svg", "not well-formed XML"),
    ],
)
def test_svg_with_external_references_or_scripts_is_refused(
    course_dir: CourseDir, svg: str, wanted: str
) -> None:
    root = course_dir({"figures/x.svg": svg}, image_module("figures/x.svg"))
    (error,) = errors_of(root)
    assert wanted in error.message


def test_a_self_contained_svg_is_read_with_its_size(course_dir: CourseDir) -> None:
    course, _ = read_ok(course_dir({"figures/x.svg": SVG_OK}, image_module("figures/x.svg")))
    figure = course.modules[0].slides[0].blocks[0]
    assert (figure.width, figure.height) == (120, 113)


@pytest.mark.parametrize(
    ("yaml_text", "wanted"),
    [
        ("title: !!python/object/apply:os.system ['echo hacked']\nmodules: [modules/one.md]\n",
         "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
        ("title: !custom x\nmodules: [modules/one.md]\n", "YAML tag '!custom' is not allowed"),
        ("a: &a [x, x]\nb: &b [*a, *a]\ntitle: T\nmodules: [modules/one.md]\n",
         "YAML anchor '&a' is not allowed"),
        ("title: T\nmodules: [modules/one.md]\n---\ntitle: again\n", "more than one YAML document"),
    ],
)
def test_unsafe_yaml_is_refused_before_anything_is_built(
    course_dir: CourseDir, yaml_text: str, wanted: str
) -> None:
    (error,) = errors_of(course_dir({"course.yaml": yaml_text}))
    assert error.source.path == "course.yaml"
    assert wanted in error.message


def test_a_billion_laughs_document_is_refused_at_once(course_dir: CourseDir) -> None:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    root = course_dir({"course.yaml": "\n".join(lines) + "\n"})
    started = time.perf_counter()
    (error,) = errors_of(root)
    assert time.perf_counter() - started < 2
    assert located([error]) == [("course.yaml", 1)] and "anchor" in error.message


def test_tags_in_front_matter_and_charts_are_refused_too(course_dir: CourseDir) -> None:
    module = ("---\nid: !!python/name:os.system x\n---\n\n## C\n\n```chart\n"
              "type: !!binary aGk=\ncategories: [A]\nseries: [{name: s, values: [1]}]\n```\n")
    errors = errors_of(course_dir(module=module))
    assert located(errors) == [("modules/one.md", 2), ("modules/one.md", 8)]
    assert all("is not allowed" in e.message for e in errors)


def test_bom_crlf_and_cr_line_ends_read_like_plain_utf8(course_dir: CourseDir) -> None:
    text = "---\nid: m\n---\n\n## Titlé [@smith2020]\n\n- one\n- two\n"
    results = []
    for variant in (text, "\ufeff" + text, text.replace("\n", "\r\n"), text.replace("\n", "\r")):
        root = course_dir(module=variant.encode("utf-8"),
                          files={"course.yaml": "\ufeff" + "title: T\r\nmodules: [modules/one.md]"})
        course, _ = read_ok(root)
        results.append(course.modules[0])
    assert all(m == results[0] for m in results)
    assert results[0].slides[0].id == "m/title"


def test_a_five_megabyte_module_reads_in_seconds(course_dir: CourseDir) -> None:
    slide = ("## Slide {n} [@smith2020]\n\nA paragraph of **text** with a "
             "[link](https://example.org) that runs over a line or two, as lecture text does.\n\n"
             "- one bullet\n- another bullet\n\n")
    body = "".join(slide.format(n=n) for n in range(31_000))
    assert len(body.encode()) > 5_000_000
    started = time.perf_counter()
    course, _ = read_ok(course_dir(module=body))
    elapsed = time.perf_counter() - started
    assert len(course.modules[0].slides) == 31_000
    assert elapsed < float(os.environ.get("TALL_TEACH_BIG_MODULE_SECONDS", "30"))


def test_a_list_of_ten_thousand_items_reads(course_dir: CourseDir) -> None:
    body = "## Long list\n\n" + "".join(f"- item {n}\n" for n in range(10_000))
    course, _ = read_ok(course_dir(module=body))
    assert len(course.modules[0].slides[0].blocks[0].items) == 10_000


def test_lists_nested_fifty_deep_read_in_full(course_dir: CourseDir) -> None:
    body = "## Deep\n\n" + "".join("  " * depth + f"- level {depth}\n" for depth in range(50))
    course, _ = read_ok(course_dir(module=body))
    depth, current = 0, course.modules[0].slides[0].blocks[0]
    while current is not None:
        depth += 1
        item = current.items[0]
        current = item.children[0] if item.children else None
    assert depth == 50


def test_nesting_far_too_deep_is_a_clear_error(course_dir: CourseDir) -> None:
    body = "## Deep\n\n" + "".join("  " * depth + "- x\n" for depth in range(300))
    (error,) = errors_of(course_dir(module=body))
    assert error.source.path == "modules/one.md"
    assert "nested more than" in error.message and "flatten" in error.message


def test_deeply_nested_quotes_and_brackets_do_not_crash(course_dir: CourseDir) -> None:
    body = "## Odd\n\n" + ">" * 500 + " quote\n\n" + "[" * 5000 + "x" + "]" * 5000 + "\n"
    try:
        read_ok(course_dir(module=body))
    except Exception as exc:
        from tall_teach.errors import ContentError

        assert isinstance(exc, ContentError), repr(exc)


def test_a_truncated_image_is_an_error_even_after_weasyprint_was_imported(
    course_dir: CourseDir,
) -> None:
    import io

    import weasyprint  # noqa: F401 - it switches PIL to loading truncated images
    from PIL import Image, ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 50).convert("RGB").save(buffer, "PNG")
    root = course_dir({"figures/cut.png": buffer.getvalue()[:300]}, image_module("figures/cut.png"))
    (error,) = errors_of(root)
    assert "figures/cut.png" in error.message
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it


def test_a_symlink_loop_is_an_error_not_a_crash(course_dir: CourseDir) -> None:
    root = course_dir(module=image_module("figures/a.png"))
    (root / "figures").mkdir(exist_ok=True)
    (root / "figures" / "a.png").symlink_to("b.png")
    (root / "figures" / "b.png").symlink_to("a.png")
    (error,) = errors_of(root)
    assert located([error]) == [("modules/one.md", 3)]
    assert "is a symbolic link that loops back on itself" in error.message


def test_a_named_pipe_is_refused_without_being_opened(course_dir: CourseDir) -> None:
    root = course_dir(module=image_module("figures/pipe.png"))
    (root / "figures").mkdir(exist_ok=True)
    os.mkfifo(root / "figures" / "pipe.png")  # opening it to read would block forever
    (error,) = errors_of(root)
    assert "is not a regular file (a pipe, device or socket)" in error.message
