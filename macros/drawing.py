"""Pictures drawn at build time as inline SVG: QR codes and bar charts. Both are decorative or
repeat figures that stand beside them as text, so no reader needs the picture."""

from __future__ import annotations

from functools import cache

from markupsafe import Markup

from .templating import environment


@cache  # the web checklist and its PDF show the same code
def qr_svg(url: str) -> Markup:
    """A QR code to `url` as inline SVG, made at build time. Decorative: the address is printed beside it.

    A fixed mask pattern: trying all eight and scoring them took 80 % of a code's 15 ms, and any
    mask reads the same (the browser test decodes the code on the printed sheet)."""
    import segno

    svg = segno.make(url, error="m", mask=0).svg_inline(scale=2, border=2, svgclass="ks-qr", lineclass=None)
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def bar_chart(rows: list[tuple[str, int, str]], chart_id: str, title: str) -> Markup:
    """An inline SVG bar chart, drawn at build time; rows are (label, value, value as text).

    The SVG is an image with a name and a description; the same figures stand in a table
    next to it, so no one needs the picture to read the numbers. It has no viewBox: it is as
    wide as the page and its text keeps its size (14 px) on a phone, where a scaled drawing
    shrank it to 9 px. Each row is a line of text (label and amount) above a bar in percent.
    """
    line, bar_height, gap = 20, 14, 14
    top = max(value for _, value, _ in rows)
    bars = []
    for i, (label, value, shown) in enumerate(rows):
        y = i * (line + bar_height + gap)
        length = round(100 * value / top, 1) if top else 0
        bars.append({"label": label, "shown": shown, "y": y, "length": length})
    height = len(rows) * (line + bar_height + gap) - gap
    description = "; ".join(f"{label}: {shown}" for label, _, shown in rows)
    return Markup(environment().get_template("_bar_chart.svg").render(
        chart_id=chart_id, title=title, description=description, bars=bars,
        height=height, line=line, bar_height=bar_height,
    ))  # fmt: skip
