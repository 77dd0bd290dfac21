"""Build hook: draw the home page's timeline, ``timeline.svg``, from ``milestones()``.

At every build of the site, :func:`on_files` computes the calendar of the
example session (a class on Wednesday 1 April 2026, across the March change
of clock) with the library itself and adds the picture to the site as a
plain SVG file. Nothing is fetched when a reader opens the page, and the
picture cannot drift from the code.
"""

from __future__ import annotations

from html import escape
from itertools import groupby
from typing import TYPE_CHECKING

import pendulum
from mkdocs.structure.files import File, Files

from incompany_rules import Session, milestones, schedule
from incompany_rules.examples import confirmed_session

if TYPE_CHECKING:
    import datetime as dt

    from mkdocs.config.defaults import MkDocsConfig

NAME = "timeline.svg"

WIDTH = 720  # about the width of the page's text column, so that it is shown unscaled
LEFT, RIGHT = 16, 704  # the drawing area, in pixels
ROW = 28
SIZE = 13  # the labels' font size, in pixels
CHAR = 0.58 * SIZE  # a generous average width of one character of the labels
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK, GREY, BLUE, GREEN, ORANGE = "#1f2328", "#8c959f", "#3f6ec6", "#2e8b57", "#c2571a"


def rows(session: Session) -> list[tuple[dt.datetime, str]]:
    """Return one ``(instant, label)`` per day with milestones, in order.

    A label names the day's milestones and their rules, as in
    ``Class start / class end (R3)``.
    """
    found: list[tuple[dt.datetime, str]] = []
    for _, same_day in groupby(milestones(session), key=lambda m: m.at.date()):
        day = list(same_day)
        names = " / ".join(m.kind.value.replace("_", " ") for m in day)
        rules = " ".join(dict.fromkeys(m.rule for m in day))
        found.append((day[0].at, f"{names.capitalize()} ({rules})"))
    return found


def wrap(label: str, width: int) -> list[str]:
    """Cut ``label`` after its `` / `` separators into lines of at most ``width`` characters.

    A part longer than ``width`` stays whole on its line.

    >>> wrap("Class start / class end (R3), 01/04", 20)
    ['Class start /', 'class end (R3), 01/04']
    """
    lines: list[str] = []
    for part in label.replace(" / ", " /\n").splitlines():
        if lines and len(lines[-1]) + 1 + len(part) <= width:
            lines[-1] = f"{lines[-1]} {part}"
        else:
            lines.append(part)
    return lines


def clock_changes(first: pendulum.DateTime, last: pendulum.DateTime) -> list[pendulum.DateTime]:
    """Return 03:00 local on each day from ``first`` to ``last`` whose UTC offset changes."""
    found = []
    day = first
    while day < last:
        following = day.add(days=1)
        if following.utcoffset() != day.utcoffset():
            found.append(day.set(hour=3))
        day = following
    return found


def timeline(session: Session) -> str:
    """Return the SVG picture of ``session``'s windows and milestones."""
    plan = schedule(session)
    zone = pendulum.timezone(session.policy.timezone)
    first = plan.dates_confirmed.in_tz(zone).start_of("day").subtract(days=3)
    last = plan.evaluation.in_tz(zone).start_of("day").add(days=4)
    span = (last - first).total_seconds()

    def x(at: dt.datetime) -> float:
        return LEFT + (RIGHT - LEFT) * (at - first).total_seconds() / span

    def text(at_x: float, y: float, words: str, **style: str) -> str:
        attributes = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in style.items())
        return f'<text x="{at_x:.1f}" y="{y:.1f}"{attributes}>{escape(words)}</text>'

    title = (
        f"One session: class on {plan.start:dddd D MMMM YYYY}, "
        f"{plan.start:HH:mm}-{plan.end:HH:mm} ({session.policy.timezone})"
    )
    parts = [text(LEFT, 22, title, font_size="15", font_weight="600")]
    y: float = 44
    # The axis: one tick a week, from the Monday before the first day.
    axis_top, tick = y, first.start_of("week")
    ticks = []
    while tick <= last:
        if tick >= first:
            ticks.append(tick)
        tick = tick.add(weeks=1)
    y += 18
    windows = [
        ("Registration open (R8)", plan.dates_confirmed, plan.registration_closes, BLUE),
        ("Free cancellation (R15)", plan.dates_confirmed, plan.free_cancellation_closes, GREEN),
    ]
    parts.append(text(LEFT, y + 4, "Windows", font_size="12", fill=GREY, font_weight="600"))
    y += ROW * 0.6
    for label, start, end, colour in windows:
        parts.append(
            f'<rect x="{x(start):.1f}" y="{y:.1f}" width="{x(end) - x(start):.1f}" '
            f'height="{ROW - 8}" rx="3" fill="{colour}" fill-opacity="0.85"/>'
        )
        parts.append(text(x(start) + 8, y + ROW - 13, label, font_size="12", fill="#ffffff"))
        y += ROW
    parts.append(text(LEFT, y + 8, "Milestones", font_size="12", fill=GREY, font_weight="600"))
    y += ROW * 0.75
    for at, label in rows(session):
        centre_x, centre_y = x(at), y + (ROW - 8) / 2
        parts.append(
            f'<path d="M {centre_x:.1f} {centre_y - 8:.1f} l 8 8 l -8 8 l -8 -8 z" fill="{ORANGE}"/>'
        )
        right = centre_x < (LEFT + RIGHT) / 2
        room = (RIGHT - centre_x - 14) if right else (centre_x - 14 - LEFT)
        lines = wrap(f"{label}, {at:DD/MM}", int(room / CHAR))
        anchor = {} if right else {"text_anchor": "end"}
        for number, line in enumerate(lines):
            at_x = centre_x + 14 if right else centre_x - 14
            parts.append(
                text(at_x, centre_y + 4 + number * 16, line, font_size=str(SIZE), **anchor)
            )
        y += ROW + 16 * (len(lines) - 1)
    grid = [
        f'<line x1="{x(t):.1f}" y1="{axis_top + 4}" x2="{x(t):.1f}" y2="{y:.1f}" '
        f'stroke="{GREY}" stroke-opacity="0.35"/>'
        + text(x(t), axis_top, f"{t:DD/MM}", font_size="11", fill=GREY, text_anchor="middle")
        for t in ticks
    ]
    for change in clock_changes(first, last):
        offset = change.utcoffset()
        hours = 0 if offset is None else offset.total_seconds() / 3600
        grid.append(
            f'<line x1="{x(change):.1f}" y1="{axis_top + 4}" x2="{x(change):.1f}" y2="{y:.1f}" '
            f'stroke="{INK}" stroke-dasharray="4 3"/>'
            + text(
                x(change),
                y + 12,
                f"clocks change: UTC{hours:+g}, {change:DD/MM}",
                font_size="11",
                text_anchor="middle",
            )
        )
    y += 16
    height = int(y + 12)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" fill="{INK}" role="img">\n'
        f"<title>{escape(title)}</title>\n"
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>\n'
        + "\n".join([*grid, *parts])
        + "\n</svg>\n"
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add ``timeline.svg``, drawn from the example session, to the site.

    The session's class is on Wednesday 1 April 2026, 09:00 in Brussels.
    """
    home = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
    files.append(File.generated(config, NAME, content=timeline(home)))
    return files
