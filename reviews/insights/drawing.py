"""A chart laid out as horizontal bars, for templates/insights/includes/chart.html to draw as
SVG: each row's label on a line of its own, its bar below, the number at the bar's end. The
sizes are the SVG's own units, which the browser scales to the column's width. The drawing is
narrow (360 units, drawn at most 30em wide by the stylesheet) so that its text stays readable
when a phone scales it down: about 13 pixels on a 320-pixel screen, 21 on a desktop.
"""

from dataclasses import dataclass

WIDTH = 360
BAR_SPACE = 290  # the longest bar; the rest of the width is for its number
ROW_HEIGHT = 50
LABEL_BASELINE = 18
BAR_TOP = 26
BAR_HEIGHT = 16
NUMBER_GAP = 6


@dataclass
class Segment:
    x: float
    width: float
    series: int  # which colour: the series' place in the legend


@dataclass
class DrawnRow:
    label: object
    label_y: int
    bar_y: int
    segments: list
    number: str
    number_x: float
    number_y: int


def layout(chart):
    """The rows of `chart` placed in the drawing, and the drawing's height."""
    if chart.percent:
        scale = BAR_SPACE / 100
    else:
        longest = max((row.total for row in chart.rows), default=0)
        scale = BAR_SPACE / longest if longest else 0
    drawn = []
    for index, row in enumerate(chart.rows):
        top = index * ROW_HEIGHT
        segments, x = [], 0.0
        values = [row.share] if chart.percent else row.counts
        for series, value in enumerate(values):
            if value:
                width = round(value * scale, 1)
                segments.append(Segment(round(x, 1), width, series))
                x += width
        drawn.append(
            DrawnRow(
                label=row.label,
                label_y=top + LABEL_BASELINE,
                bar_y=top + BAR_TOP,
                segments=segments,
                number=f"{row.share}%" if chart.percent else str(row.total),
                number_x=round(x + NUMBER_GAP, 1),
                number_y=top + BAR_TOP + BAR_HEIGHT - 3,
            )
        )
    return {
        "rows": drawn,
        "width": WIDTH,
        "height": max(len(chart.rows), 1) * ROW_HEIGHT,
        "bar_height": BAR_HEIGHT,
    }
