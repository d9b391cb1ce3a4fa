"""```chart fences: YAML chart data checked key by key, errors at the line inside the fence."""

from __future__ import annotations

import math
import re

from tall_teach.model import Chart, Series, SourceRef
from tall_teach.reader.context import ModuleContext
from tall_teach.reader.markdown import Node, citation_keys
from tall_teach.reader.schema import Fields
from tall_teach.reader.yamlsafe import YNode, describe, load_yaml

CHART_KEYS = ("type", "title", "unit", "categories", "series", "source")
CHART_TYPES = ("bar", "column", "line", "pie")
SERIES_KEYS = ("name", "values")
READABLE_CATEGORIES = 30
MAX_CATEGORIES = {"bar": 100, "column": 100, "pie": 100, "line": 500}
_NUMBER_WITH_UNIT = re.compile(r"^[-+]?\d+(?:[.,]\d+)?\s*\S*$")
_EXPONENT = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+$")


def convert_chart(node: Node, ctx: ModuleContext) -> Chart | None:
    """The Chart of a ```chart fence, or None with every problem recorded."""
    before = len(ctx.collector.errors)
    data = load_yaml(node.token.content, ctx.path, ctx.collector, first_line=node.line + 1)
    if data is None:
        return None
    if not data.is_mapping:
        ctx.error(node.line, "a chart block holds YAML settings (type, categories, series): "
                  "see the chart example in the authoring guide")
        return None
    fields = Fields(data, ctx.path, "the chart", ctx.collector)
    fields.check_keys(CHART_KEYS)
    chart_type = _chart_type(fields, node.line)
    categories = _categories(fields, node.line)
    categories = _readable(categories, chart_type, fields)
    series = _series(fields, categories, node.line)
    if chart_type == "pie" and series is not None and len(series) != 1:
        ctx.error(data.value["series"].key_line,
                  f"a pie chart has exactly one series, not {len(series)}: "
                  "use a bar or column chart to compare series")
    if chart_type == "pie" and series:
        _check_pie(series[0], data.value["series"].key_line, ctx)
    citations = _source(fields, ctx)
    title = fields.text("title")
    unit = fields.text("unit")
    if len(ctx.collector.errors) > before or categories is None or series is None:
        return None
    return Chart(chart_type, title, unit, categories, series, citations,
                 SourceRef(ctx.path, node.line))


def _check_pie(series: Series, line: int, ctx: ModuleContext) -> None:
    """A pie shows shares of a whole: no negative slice, and something to share."""
    negative = [v for v in series.values if v < 0]
    if negative:
        ctx.error(line, f"a pie chart cannot show negative values (series '{series.name}' has "
                  f"{negative[0]:g}): use a bar or column chart")
    elif not any(series.values):
        ctx.error(line, f"the values of pie series '{series.name}' are all 0: a pie needs "
                  "something to share out")


def _chart_type(fields: Fields, line: int) -> str:
    if "type" not in fields.node.value:
        fields.collector.error(fields.path, line, "the chart needs 'type: bar' (or column, line, "
                               "pie)")
        return "bar"
    return fields.choice("type", CHART_TYPES, "bar")


def _readable(categories: tuple[str, ...] | None, chart_type: str, fields: Fields
              ) -> tuple[str, ...] | None:
    """Categories a slide and a page can show: a warning past READABLE_CATEGORIES, an error
    past the limit (a 10,000-bar chart drew every handout bar at a negative width)."""
    if categories is None:
        return None
    count, limit = len(categories), MAX_CATEGORIES.get(chart_type, MAX_CATEGORIES["bar"])
    line = fields.node.value["categories"].key_line
    if count > limit:
        fields.collector.error(fields.path, line, f"a {chart_type} chart of {count} categories "
                               f"cannot be read (at most {limit}): group them, or show the "
                               "data as a table")
        return None
    if count > READABLE_CATEGORIES and chart_type != "line":
        fields.collector.warn(fields.path, line, f"a {chart_type} chart of {count} categories "
                              "is hard to read on a slide: group them or keep the top ones")
    return categories


def _categories(fields: Fields, line: int) -> tuple[str, ...] | None:
    node = fields.node.get("categories")
    if node is None or not isinstance(node.value, list) or not node.value:
        where = node.key_line if node is not None else line
        fields.collector.error(fields.path, where, "the chart needs 'categories:', a list of "
                               "labels such as [ORR, CR]")
        return None
    labels = [fields.scalar_text(item, "each category") for item in node.value]
    if any(label is None for label in labels):
        return None
    return tuple(str(label) for label in labels)


def _series(fields: Fields, categories: tuple[str, ...] | None, line: int
            ) -> tuple[Series, ...] | None:
    node = fields.node.get("series")
    if node is None or not isinstance(node.value, list) or not node.value:
        where = node.key_line if node is not None else line
        fields.collector.error(fields.path, where, "the chart needs 'series:', a list of "
                               "'- name: ...' with 'values: [...]'")
        return None
    found = [_one_series(item, fields, categories) for item in node.value]
    if any(s is None for s in found):
        return None
    return tuple(s for s in found if s is not None)


def _one_series(item: YNode, fields: Fields, categories: tuple[str, ...] | None) -> Series | None:
    if not item.is_mapping:
        fields.collector.error(fields.path, item.line, "each series is a mapping: "
                               "'- name: ...' then 'values: [...]'")
        return None
    series_fields = Fields(item, fields.path, "a chart series", fields.collector)
    series_fields.check_keys(SERIES_KEYS)
    name = series_fields.text("name", required=True)
    values_node = item.get("values")
    if values_node is None or not isinstance(values_node.value, list):
        where = values_node.key_line if values_node is not None else item.line
        fields.collector.error(fields.path, where, f"series '{name}' needs 'values:', a list of "
                               "numbers such as [57.1, 47.6]")
        return None
    values = [_number(v, name, fields) for v in values_node.value]
    if any(v is None for v in values):
        return None
    if categories is not None and len(values) != len(categories):
        fields.collector.error(
            fields.path, values_node.key_line,
            f"series '{name}' has {len(values)} value{'s' * (len(values) != 1)} but there "
            f"{'are' if len(categories) != 1 else 'is'} {len(categories)} "
            f"categor{'ies' if len(categories) != 1 else 'y'}: give one value per category",
        )
        return None
    return Series(name, tuple(float(v) for v in values if v is not None))


def _number(node: YNode, name: str, fields: Fields) -> float | None:
    value = node.value
    if isinstance(value, str) and _EXPONENT.match(value.strip()):
        value = float(value)  # 1e5: YAML 1.1 reads an exponent without a '.' as text
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        fields.collector.error(fields.path, node.line, f"series '{name}' has {str(node.value)!r}, "
                               "which is not a finite number: write a plain number such as 57.1")
        return None
    if isinstance(value, str) and _NUMBER_WITH_UNIT.match(value.strip()):
        advice = "drop the unit and put it in 'unit:' (for example unit: \"%\")"
    else:
        advice = "write a plain number such as 57.1"
    fields.collector.error(fields.path, node.line, f"series '{name}' has {describe(value)} "
                           f"{str(value)[:40]!r} where a number belongs: {advice}")
    return None


def _source(fields: Fields, ctx: ModuleContext) -> tuple[str, ...]:
    node = fields.node.get("source")
    if node is None:
        return ()
    text = fields.scalar_text(node, "'source'")
    if text is None:
        return ()
    inside = text.strip()
    if inside.startswith("[") and inside.endswith("]"):
        inside = inside[1:-1]
    keys = citation_keys(inside)
    if not keys:
        ctx.error(node.line, f"chart source {text!r} is not a citation: write it as "
                  "\"@key\" or \"@a; @b\" (keys from the bibliography)")
        return ()
    for key in keys:
        ctx.check_citation(key, node.line)
    return tuple(dict.fromkeys(keys))
