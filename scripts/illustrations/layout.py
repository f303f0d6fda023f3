"""The exercise illustration layout: start panel, arrow, end panel, on one floor line."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from draw import Box, Canvas, Scene, arrow, draw_figure, mat as draw_mat

WIDTH = 480
MAX_HEIGHT = 240  # the height follows the drawing (a lying figure needs less), at one scale
MIN_HEIGHT = 96
TOP, BOTTOM = 12.0, 10.0  # space above the drawing and below the floor line
PANEL = 200.0  # width of each panel
GAP = 56.0  # between the panels, where the arrow goes
MARGIN = (WIDTH - 2 * PANEL - GAP) / 2


def draw_scene(c: Canvas, scene: Scene, props: list) -> None:
    """A laid-out scene at the canvas' origin: props behind, the figure, props in front."""
    for pr in props:
        if pr.behind:
            pr.draw(c)
    draw_figure(c, scene.figure)
    for pr in props:
        if not pr.behind:
            pr.draw(c)


@dataclass
class Exercise:
    """An exercise drawing: two scenes, what the title says, and motion paths to show."""

    id: str
    title: str
    start: Scene
    end: Scene
    # (joint, bulge): a dashed path in the end panel from where that joint was at the start
    motion: list[tuple[str, float]] = field(default_factory=list)
    # The animation (animation.py): the poses it moves through, start to end, when there are more
    # than these two (or a scene for each place 0..1 from start to end, when mixing the two
    # poses' angles would lose a contact), and whether the end pose is held.
    keys: list[Scene] = field(default_factory=list)
    sweep: Callable[[float], Scene] | None = None
    hold: bool = False

    def problems(self) -> list[str]:
        """Anatomy and floor contact problems of both poses."""
        out = []
        for label, scene in (("start", self.start), ("end", self.end)):
            name = f"{self.id} {label}"
            out += scene.figure.pose.check(name)
            out += scene.contact_errors(name)
        return out

    def svg(self) -> str:
        """The finished SVG document."""
        (p0, props0, box0), (p1, props1, box1) = self.start.layout(), self.end.layout()
        union = Box()
        for b in (box0, box1):
            union.add(b.x0, b.y0)
            union.add(b.x1, b.y1)
        on_floor = self.start.floor
        mat = 0.0 if on_floor else 12.0  # seen from above there is no floor: a mat around it
        height = round(max(MIN_HEIGHT, union.y1 - union.y0 + 2 * mat + TOP + BOTTOM))
        if union.x1 - union.x0 + 2 * mat > PANEL + 2 or height > MAX_HEIGHT:
            raise SystemExit(f"{self.id}: drawing {union.x1 - union.x0:.0f}x{union.y1 - union.y0:.0f} "
                             f"does not fit a {PANEL:.0f}x{MAX_HEIGHT - TOP - BOTTOM:.0f} panel")
        dx = (PANEL - (union.x1 - union.x0)) / 2 - union.x0
        floor = height - BOTTOM
        dy = 0.0 if on_floor else (floor - height / 2 + (TOP - BOTTOM) / 2) - (union.y0 + union.y1) / 2
        c = Canvas(WIDTH, height, floor)
        for i, (p, props) in enumerate(((p0, props0), (p1, props1))):
            c.origin = (MARGIN + i * (PANEL + GAP) + dx, dy)
            if not on_floor:
                draw_mat(c, union, mat)
            draw_scene(c, self.start if i == 0 else self.end, props)
            if i == 1:
                for joint, bulge in self.motion:
                    if math.dist(p0[joint], p1[joint]) < 18:
                        raise SystemExit(f"{self.id}: {joint} moves too little for a motion arrow")
                    arrow(c, p0[joint], p1[joint], bulge, width=2.5, head=8.0, dashed=True)
        if on_floor:
            c.origin = (0.0, 0.0)
            c.line("fl", 2.5, (MARGIN - 6, 0), (MARGIN + PANEL + 6, 0))
            c.line("fl", 2.5, (WIDTH - MARGIN - PANEL - 6, 0), (WIDTH - MARGIN + 6, 0))
        mid_y = min(max((union.y0 + union.y1) / 2 + dy, 20.0), floor - 20.0)
        c.origin = (0.0, 0.0)
        left = MARGIN + PANEL + 14
        arrow(c, (left, mid_y), (left + GAP - 28, mid_y), width=3.5, head=11.0)
        return c.svg(self.title)
