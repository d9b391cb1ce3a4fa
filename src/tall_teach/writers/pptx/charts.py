"""Native, editable charts (the data sheet is embedded) in the theme's colours."""

from __future__ import annotations

from typing import Any

from tall_teach.writers.pptx.specs import ChartSpec
from tall_teach.writers.pptx.template import Box

EMPHASIS_COLOR = "ACCENT_2"  # the compared category, as the divider strip marks "here"
SERIES_COLORS = ("ACCENT_1", "ACCENT_2", "ACCENT_3", "ACCENT_4", "ACCENT_5", "ACCENT_6")
SHORT_UNIT = 12  # units up to this length go into the labels ("40 bytes", as the handout
# writes them), longer ones into the title


def format_number(value: float) -> str:
    """57.1 -> "57.1", 94.0 -> "94"; no float noise in labels or alt text."""
    text = f"{value:.6g}"
    return text[:-2] if text.endswith(".0") else text


_NOT_IN_FORMAT = str.maketrans("", "", '"\\<>&')


def unit_suffix(spec: ChartSpec) -> str:
    """What follows each value in a label: a short unit, spaced unless a sign.

    Labels show it through an Excel number format: a quoted literal, which cannot hold
    `"` or `\\`, pasted by python-pptx into the chart XML unescaped, so no `<`, `>`,
    `&` either. Those are left out here, so what is measured is what is drawn (a long
    unit goes into the title, as written).
    """
    unit = spec.unit.translate(_NOT_IN_FORMAT).strip()
    if not unit or len(unit) > SHORT_UNIT:
        return ""
    return unit if unit in ("%", "‰", "°") else f" {unit}"


def label_text(value: float, spec: ChartSpec) -> str:
    """A data label as the chart shows it."""
    return format_number(value) + unit_suffix(spec)


def number_format(spec: ChartSpec) -> str:
    """An Excel number format: each value as written ("General"), then the unit."""
    suffix = unit_suffix(spec)
    return f'General"{suffix}"' if suffix else "General"


def chart_title(spec: ChartSpec) -> str:
    unit = spec.unit.strip()
    if unit and len(unit) > SHORT_UNIT and unit not in spec.title:
        return f"{spec.title} ({unit})" if spec.title else unit
    return spec.title


def add_chart(slide: Any, spec: ChartSpec, box: Box) -> Any:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    kinds = {
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "line": XL_CHART_TYPE.LINE_MARKERS,
        "pie": XL_CHART_TYPE.PIE,
    }
    fmt = number_format(spec)
    data = CategoryChartData(number_format=fmt)
    data.categories = list(spec.categories)
    for name, values in spec.series:
        data.add_series(name or "Values", list(values))
    from tall_teach.writers.pptx.package import workbook_zipped_once

    with workbook_zipped_once():
        frame = slide.shapes.add_chart(kinds[spec.kind], box.x, box.y, box.w, box.h, data)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt)
    chart = frame.chart
    style_text(chart, spec)
    style_labels(chart, spec, fmt)
    if spec.kind == "pie":
        style_pie(chart, spec)
    else:
        style_series(chart, spec)
        style_axes(chart, spec, fmt)
    return frame


def style_text(chart: Any, spec: ChartSpec) -> None:
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Pt

    from tall_teach.writers.pptx.richtext import theme_color

    chart.font.size = Pt(spec.size)
    theme_color(chart.font, "TEXT_1")
    title = chart_title(spec)
    chart.has_title = bool(title)
    if title:
        frame = chart.chart_title.text_frame
        frame.text = title
        font = frame.paragraphs[0].runs[0].font
        font.size, font.bold = Pt(spec.size + 2), True
        theme_color(font, "TEXT_2")
    chart.has_legend = spec.kind != "pie" and len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(spec.size)


def style_labels(chart: Any, spec: ChartSpec, fmt: str) -> None:
    """Direct data labels with the unit where they fit (chartfit decides): outside the
    bars, above a line's points or only at its right-hand end, category names on a pie."""
    from pptx.enum.chart import XL_LABEL_POSITION
    from pptx.util import Pt

    plot = chart.plots[0]
    plot.has_data_labels = spec.labels != "none"
    if spec.labels == "none":
        return
    labels = plot.data_labels
    labels.number_format = fmt
    labels.number_format_is_linked = False
    labels.show_value = spec.labels == "all"
    labels.font.size = Pt(spec.size)
    if spec.kind == "pie":
        labels.show_category_name = True
        labels.position = XL_LABEL_POSITION.BEST_FIT
    elif spec.kind == "line":
        labels.position = XL_LABEL_POSITION.ABOVE
    else:
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.bold = True
    if spec.labels == "last":
        for series in plot.series:
            end_label(series, len(spec.categories) - 1, spec, fmt)


def end_label(series: Any, index: int, spec: ChartSpec, fmt: str) -> None:
    """The value of a line's last point, to the right of it, in the line's own format."""
    from pptx.enum.chart import XL_LABEL_POSITION
    from pptx.oxml.xmlchemy import OxmlElement
    from pptx.util import Pt

    label = series.points[index].data_label
    label.position = XL_LABEL_POSITION.RIGHT
    label.font.size = Pt(spec.size)
    label.font.bold = True
    num_fmt = OxmlElement("c:numFmt")
    num_fmt.set("formatCode", fmt)
    num_fmt.set("sourceLinked", "0")
    label._dLbl.idx.addnext(num_fmt)  # numFmt follows idx in the schema's order


def style_series(chart: Any, spec: ChartSpec) -> None:
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.util import Pt

    from tall_teach.writers.pptx.richtext import theme_color

    plot = chart.plots[0]
    if spec.kind in ("bar", "column"):
        plot.gap_width = 60
        plot.overlap = -10 if len(spec.series) > 1 else 0
        plot.vary_by_categories = False
    for i, series in enumerate(plot.series):
        color = SERIES_COLORS[i % len(SERIES_COLORS)]
        if spec.kind == "line":
            series.smooth = False
            series.format.line.width = Pt(3.5)
            theme_color(series.format.line, color)
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 9
            series.marker.format.fill.solid()
            theme_color(series.marker.format.fill, color)
            series.marker.format.line.fill.background()
        else:
            series.format.fill.solid()
            theme_color(series.format.fill, color)
            series.format.line.fill.background()
    for index in spec.emphasis:  # the compared category: the second accent
        point = plot.series[0].points[index]
        point.format.fill.solid()
        theme_color(point.format.fill, EMPHASIS_COLOR)
        point.format.line.fill.background()


def style_pie(chart: Any, spec: ChartSpec) -> None:
    from tall_teach.writers.pptx.richtext import theme_color

    plot = chart.plots[0]
    plot.vary_by_categories = True
    for i, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        color = SERIES_COLORS[i % len(SERIES_COLORS)]
        if spec.emphasis:  # one slice stands out, the rest in the first accent
            color = EMPHASIS_COLOR if i in spec.emphasis else SERIES_COLORS[0]
        theme_color(point.format.fill, color)
        point.format.line.fill.solid()
        theme_color(point.format.line.fill, "BACKGROUND_1")


def style_axes(chart: Any, spec: ChartSpec, fmt: str) -> None:
    """Labelled bars hide their value axis; a line, or bars without labels, keep a grid."""
    from pptx.enum.chart import XL_TICK_LABEL_POSITION, XL_TICK_MARK
    from pptx.util import Pt

    from tall_teach.writers.pptx.richtext import theme_color

    category = chart.category_axis
    category.tick_labels.font.size = Pt(spec.size)
    category.major_tick_mark = XL_TICK_MARK.NONE
    category.format.line.fill.solid()
    theme_color(category.format.line.fill, "TEXT_1", 0.5)
    value = chart.value_axis
    value.has_major_gridlines = spec.kind == "line"
    value.tick_labels.number_format = fmt
    value.tick_labels.number_format_is_linked = False
    value.tick_labels.font.size = Pt(spec.size)
    values = [v for _, series in spec.series for v in series]
    if spec.kind != "line" and values and min(values) >= 0:
        value.minimum_scale = 0
        if max(values) > 0 and spec.labels == "all":  # labels above the tallest bar clear it
            value.maximum_scale = max(values) * 1.18
    if spec.axis_step:
        value.major_unit, value.maximum_scale = spec.axis_step, spec.axis_max
    if spec.kind == "bar":
        category.reverse_order = True  # the first category on top, as it reads
        value_axis_at_last_category(value)  # which is at the bottom: the value axis stays there
    if spec.kind == "line" or spec.labels == "none":  # values read off a light grid
        value.has_major_gridlines = True
        value.major_gridlines.format.line.fill.solid()
        theme_color(value.major_gridlines.format.line.fill, "BACKGROUND_2", -0.1)
        value.format.line.fill.background()
    else:
        value.tick_label_position = XL_TICK_LABEL_POSITION.NONE
        value.major_tick_mark = XL_TICK_MARK.NONE
        value.format.line.fill.background()


def value_axis_at_last_category(value: Any) -> None:
    """Where the value axis crosses the category axis (python-pptx sets only the reverse)."""
    from pptx.enum.chart import XL_AXIS_CROSSES

    element = value._element
    element._remove_crossesAt()
    element._remove_crosses()
    element._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)
