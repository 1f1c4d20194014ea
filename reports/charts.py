"""Charts for the report pages, drawn here as plain SVG to be inlined under a strict Content-Security-Policy.

A chart library would bring scripts, stylesheets or ``style`` attributes, all of which the policy refuses. These
charts are markup only: no script, no style, no external reference, no event handler; colour comes through SVG
presentation attributes. Every text a caller passes (titles, category and series names) is escaped, since unit
and initiative names are typed by users. Output is deterministic, so the same figures give the same markup, and
prints well: white background, dark text, sizes readable on A4 once the chart is scaled to the page width.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = int | float | Decimal

# Okabe–Ito colours, told apart by readers with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9")
INK = "#222"
GRID = "#ccc"
NO_DATA = "Chưa có số liệu"

WIDTH, RIGHT, TOP, PLOT_HEIGHT = 720, 16, 56, 260
BOTTOM = TOP + PLOT_HEIGHT
MAX_LABEL = 24
MAX_VALUE_LABELS = 12
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")
_VIETNAMESE_SEPARATORS = str.maketrans(",.", ".,")


def bar_chart(*, title: str, categories: list[str], series: list[tuple[str, list[Number]]],
              target: float | None = None, target_label: str = "") -> SafeString:
    """Grouped vertical bars, one colour per series, with an optional dashed target line across the plot."""
    _check(categories, series)
    peak = _peak(value for _, values in series for value in values)
    if not categories or peak <= 0:
        return _no_data(title)
    plot = _Plot(categories, _ticks(max(peak, float(target or 0))))
    parts, legend_top = _axes(plot)
    width = plot.band * 0.8 / len(series)
    for number, (name, values) in enumerate(series):
        bars = []
        for index, (category, value) in enumerate(zip(categories, values)):
            x, y = plot.left + plot.band * (index + 0.1) + width * number, plot.y(value)
            bars.append(_el("rect", _title(f"{category} — {name}: {_number(value)}"),
                            x=x, y=y, width=width, height=BOTTOM - y, fill=PALETTE[number % len(PALETTE)]))
            if len(categories) <= MAX_VALUE_LABELS:
                bars.append(_text(x + width / 2, y - 4, _number(value), font_size=11, text_anchor="middle"))
        parts.append(_el("g", "".join(bars), class_="bars"))
    if target is not None:
        y = plot.y(target)
        hover = f"{target_label}: {_number(target)}" if target_label else _number(target)
        line = _el("line", _title(hover), x1=plot.left, x2=WIDTH - RIGHT, y1=y, y2=y, stroke=INK, stroke_width=1.5,
                   stroke_dasharray="6 4")
        label = _text(WIDTH - RIGHT, y - 6, target_label, font_size=12, text_anchor="end", stroke="#fff",
                      stroke_width=3, paint_order="stroke")
        parts.append(_el("g", line + label, class_="target"))
    legend, height = _legend([(name, PALETTE[n % len(PALETTE)], False) for n, (name, _) in enumerate(series)],
                             legend_top, plot.left)
    return _svg(title, [*parts, legend], height)


def line_chart(*, title: str, categories: list[str], series: list[tuple[str, list[Number | None]]],
               target_series: tuple[str, list[float | None]] | None = None) -> SafeString:
    """Lines with a dot on each value, a gap where a value is ``None``; the target series is drawn dashed."""
    _check(categories, [*series, *([target_series] if target_series else [])])
    peak = _peak(value for _, values in series for value in values)
    if not categories or peak <= 0:
        return _no_data(title)
    target_peak = _peak(target_series[1]) if target_series else 0.0
    plot = _Plot(categories, _ticks(max(peak, target_peak)))
    parts, legend_top = _axes(plot)
    entries = []
    for number, (name, values) in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        dots = "".join(
            _el("circle", _title(f"{category} — {name}: {_number(value)}"),
                cx=plot.centre(index), cy=plot.y(value), r=3.5, fill=colour)
            for index, (category, value) in enumerate(zip(categories, values)) if value is not None)
        path = _el("path", d=_path_data(plot, values), fill="none", stroke=colour, stroke_width=2)
        parts.append(_el("g", path + dots, class_="series"))
        entries.append((name, colour, False))
    if target_series:
        name, values = target_series
        parts.append(_el("g", _el("path", _title(name), d=_path_data(plot, values), fill="none", stroke=INK,
                                  stroke_width=1.5, stroke_dasharray="6 4"), class_="target"))
        entries.append((name, INK, True))
    legend, height = _legend(entries, legend_top, plot.left)
    return _svg(title, [*parts, legend], height)


def stacked_bar_chart(*, title: str, categories: list[str], series: list[tuple[str, list[int]]],
                      colours: list[str] | None = None) -> SafeString:
    """Vertical stacked bars, the series stacked in their order from the axis up, each stack's total above it."""
    _check(categories, series)
    if colours is None:
        colours = [PALETTE[number % len(PALETTE)] for number in range(len(series))]
    elif len(colours) < len(series) or not all(_HEX_COLOUR.fullmatch(colour) for colour in colours):
        raise ValueError(f"Need a hex colour (#rgb or #rrggbb) for each of the {len(series)} series: {colours!r}")
    totals = [sum(values[index] for _, values in series) for index in range(len(categories))]
    if not categories or max(totals, default=0) <= 0:
        return _no_data(title)
    plot = _Plot(categories, _ticks(max(totals)))
    parts, legend_top = _axes(plot)
    width = plot.band * 0.6
    for index, (category, total) in enumerate(zip(categories, totals)):
        x, base, segments = plot.centre(index) - width / 2, 0, []
        for (name, values), colour in zip(series, colours):
            if values[index]:
                top = plot.y(base + values[index])
                segments.append(_el("rect", _title(f"{category} — {name}: {_number(values[index])}"),
                                    x=x, y=top, width=width, height=plot.y(base) - top, fill=colour))
            base += values[index]
        if len(categories) <= MAX_VALUE_LABELS:
            segments.append(_text(x + width / 2, plot.y(total) - 4, _number(total), font_size=11,
                                  text_anchor="middle"))
        parts.append(_el("g", "".join(segments), class_="stack"))
    legend, height = _legend([(name, colour, False) for (name, _), colour in zip(series, colours)],
                             legend_top, plot.left)
    return _svg(title, [*parts, legend], height)


class _Plot:
    """The drawing area: one equal band per category along x, values from 0 to the top tick along y.

    Category names are turned when there are many or one does not fit its band; the plot then starts far enough
    right for the first turned names to stay inside the chart.
    """

    def __init__(self, categories: list[str], ticks: list[Decimal]) -> None:
        self.ticks = ticks
        self.labels = [_shorten(category) for category in categories]
        self.label_width = max(_text_width(label, 12) for label in self.labels)
        self.left = 16 + max(_text_width(_number(tick), 12) for tick in ticks)
        self.rotated = len(categories) > 8 or self.label_width > 0.95 * self.band
        if self.rotated:
            overhang = max(_text_width(label, 12) * math.cos(math.radians(35)) - index * self.band
                           for index, label in enumerate(self.labels))
            self.left = max(self.left, 8 + overhang)

    @property
    def band(self) -> float:
        return (WIDTH - RIGHT - self.left) / len(self.labels)

    def centre(self, index: int) -> float:
        return self.left + self.band * (index + 0.5)

    def y(self, value: Number) -> float:
        return BOTTOM - PLOT_HEIGHT * max(float(value), 0.0) / float(self.ticks[-1])


def _ticks(peak: float) -> list[Decimal]:
    """From 0 up to the first multiple of a 1, 2 or 5 × 10^k step at or above ``peak``: four to six gridlines."""
    exact = Decimal(str(peak))
    raw_step = exact / 5
    magnitude = Decimal(1).scaleb(raw_step.adjusted())
    step = next(magnitude * factor for factor in (1, 2, 5, 10) if magnitude * factor >= raw_step)
    return [step * count for count in range(math.ceil(exact / step) + 1)]


def _axes(plot: _Plot) -> tuple[list[str], float]:
    """Gridlines with their values and the category names under the bands; also where the legend may start."""
    grid = []
    for tick in plot.ticks:
        y = plot.y(tick)
        grid.append(_el("line", x1=plot.left, x2=WIDTH - RIGHT, y1=y, y2=y, stroke=GRID if tick else INK,
                        stroke_width=1))
        grid.append(_text(plot.left - 6, y + 4, _number(tick), font_size=12, text_anchor="end"))
    labels, labels_y = [], BOTTOM + (14 if plot.rotated else 18)
    for index, label in enumerate(plot.labels):
        x = plot.centre(index)
        if plot.rotated:
            labels.append(_text(x, labels_y, label, font_size=12, text_anchor="end",
                                transform=f"rotate(-35 {_format(x)} {_format(labels_y)})"))
        else:
            labels.append(_text(x, labels_y, label, font_size=12, text_anchor="middle"))
    depth = plot.label_width * math.sin(math.radians(35)) + 24 if plot.rotated else 28
    return [_el("g", "".join(grid), class_="y-axis"), _el("g", "".join(labels), class_="x-axis")], BOTTOM + depth


def _legend(entries: list[tuple[str, str, bool]], top: float, left: float) -> tuple[str, float]:
    """A swatch (dashed for a target) and the name of each series, in rows; also the chart's full height."""
    parts, x, y = [], left, top
    for name, colour, dashed in entries:
        width = 24 + _text_width(name, 13) + 20
        if x + width > WIDTH - RIGHT and x > left:
            x, y = left, y + 22
        if dashed:
            parts.append(_el("line", x1=x, x2=x + 18, y1=y + 6, y2=y + 6, stroke=colour, stroke_width=2,
                             stroke_dasharray="6 4"))
        else:
            parts.append(_el("rect", x=x, y=y, width=18, height=12, fill=colour))
        parts.append(_text(x + 24, y + 11, name, font_size=13))
        x += width
    return _el("g", "".join(parts), class_="legend"), y + 30


def _no_data(title: str) -> SafeString:
    return _svg(title, [_text(WIDTH / 2, TOP + PLOT_HEIGHT / 2, NO_DATA, font_size=14, text_anchor="middle")],
                BOTTOM + 24)


def _svg(title: str, body: list[str], height: float) -> SafeString:
    content = "".join(body)
    # Derived from the content, so the id is stable and two different charts on one page do not share it.
    ident = "chart-" + hashlib.sha256(f"{title}\n{content}".encode()).hexdigest()[:12]
    inner = (_el("title", escape(title), id=ident)
             + _el("rect", x=0, y=0, width=WIDTH, height=height, fill="#fff")
             + _text(WIDTH / 2, 30, title, font_size=18, font_weight="bold", text_anchor="middle")
             + content)
    return mark_safe(_el("svg", inner, xmlns="http://www.w3.org/2000/svg",
                         viewBox=f"0 0 {WIDTH} {_format(height)}", width="100%", role="img",
                         aria_labelledby=ident, font_family="sans-serif", fill=INK))


def _path_data(plot: _Plot, values: Sequence[Number | None]) -> str:
    """Move to the first value after each gap, draw a line to the others."""
    commands = []
    for index, value in enumerate(values):
        if value is not None:
            command = "L" if index and values[index - 1] is not None else "M"
            commands.append(f"{command}{_format(plot.centre(index))} {_format(plot.y(value))}")
    return " ".join(commands)


def _check(categories: list[str], series: Iterable[tuple[str, Sequence[object]]]) -> None:
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(categories)} categories.")


def _peak(values: Iterable[Number | None]) -> float:
    return max((float(value) for value in values if value is not None), default=0.0)


def _number(value: Number) -> str:
    """Vietnamese style, at most two decimals: 1.200 and 2,5."""
    return f"{value:,.2f}".rstrip("0").rstrip(".").translate(_VIETNAMESE_SEPARATORS)


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"


def _text_width(text: str, font_size: float) -> float:
    """An estimate: the average sans-serif character is a little over half as wide as the font is high."""
    return 0.58 * font_size * len(text)


def _format(value: object) -> str:
    """Coordinates to a tenth of a unit, finer than print or screen shows, and short enough to read."""
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _title(text: str) -> str:
    return _el("title", escape(text))


def _text(x: float, y: float, text: str, **attributes: object) -> str:
    return _el("text", escape(text), x=x, y=y, **attributes)


def _el(name: str, content: str = "", /, **attributes: object) -> str:
    """An element from already-escaped ``content``; ``font_size`` becomes ``font-size``, ``class_`` ``class``."""
    pairs = "".join(f' {key.rstrip("_").replace("_", "-")}="{escape(_format(value))}"'
                    for key, value in attributes.items())
    return f"<{name}{pairs}>{content}</{name}>" if content else f"<{name}{pairs}/>"
