"""Server-rendered SVG bar charts: no script, no style attribute (the CSP holds); colours come from
classes in the stylesheet. The same figures are always in a table beside the chart, so the chart is
an image with a short text alternative."""

from __future__ import annotations

from markupsafe import Markup, escape

from portal.reports.presentation import View

# A narrow canvas, so the text stays readable when a phone shows the chart 330 pixels wide.
WIDTH = 360
LABEL_HEIGHT = 22
BAR_HEIGHT = 16
BAR_GAP = 3
ROW_GAP = 12
LEGEND_HEIGHT = 30
VALUE_ROOM = 64


def bar_chart(table: View, chart_id: str) -> Markup:
    rows = [row for row in table.rows if row.chartable]
    series = len(table.columns)
    numbers = [v for row in rows for v, cell in zip(row.values, row.cells, strict=True)
               if isinstance(v, int | float) and cell not in ("<5", "[c]")]
    top = 1.0 if table.percent else max([*numbers, 1])
    row_height = LABEL_HEIGHT + series * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    height = LEGEND_HEIGHT + max(len(rows), 1) * row_height
    span = WIDTH - VALUE_ROOM
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} {height}" '
             f'role="img" aria-labelledby="{chart_id}-title" focusable="false">',
             f'<title id="{chart_id}-title">{escape(table.title)}: chart (the figures are in the table)</title>']
    x = 0
    for index, name in enumerate(table.columns):
        parts.append(f'<rect class="app-chart__bar app-chart__bar--s{index}" x="{x}" y="4" width="16" height="16"/>')
        parts.append(f'<text class="app-chart__legend" x="{x + 21}" y="17">{escape(name)}</text>')
        x += 34 + 8 * len(name)
    y = LEGEND_HEIGHT
    for row in rows:
        parts.append(f'<text class="app-chart__label" x="0" y="{y + 16}">{escape(row.label)}</text>')
        bar_y = y + LABEL_HEIGHT
        for index, (value, cell) in enumerate(zip(row.values, row.cells, strict=True)):
            hidden = cell in ("<5", "[c]") or not isinstance(value, int | float)
            width = 0 if hidden else round(span * (value / top), 1)
            if width:
                parts.append(f'<rect class="app-chart__bar app-chart__bar--s{index}" x="0" y="{bar_y}" '
                             f'width="{width}" height="{BAR_HEIGHT}"/>')
            parts.append(f'<text class="app-chart__value" x="{width + 4}" y="{bar_y + 13}">{escape(cell)}</text>')
            bar_y += BAR_HEIGHT + BAR_GAP
        y += row_height
    if not rows:
        parts.append(f'<text class="app-chart__label" x="0" y="{LEGEND_HEIGHT + 14}">Nothing to show</text>')
    parts.append("</svg>")
    # Every text and attribute value above went through escape() or is a number we computed.
    return Markup("".join(parts))  # noqa: S704
