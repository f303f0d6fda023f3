"""SVG output shared by every illustration: palette, figure strokes, props and the start/end layout.

Drawing units have y pointing up from the floor; `Canvas` flips them into SVG's y-down space.
Colours are CSS classes in one `<style>` with a `prefers-color-scheme: dark` block, because an SVG
shown through `<img>` does not inherit the page's CSS but does see the reader's colour scheme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from figure import FOOT_W, HEAD_R, LIMB_W, TORSO_W, FrontPose, Placed, SidePose

# One palette for every drawing: light values, then dark ones (the theme's own colours).
PALETTE = {
    # class: (light, dark, what it paints)
    "n": ("#26303b", "#e4e7eb", "stroke"),  # figure, near side
    "f": ("#9ba7b4", "#6f7b88", "stroke"),  # figure, far side
    "h": ("#26303b", "#e4e7eb", "fill"),  # head
    "fl": ("#a9b3bd", "#4f5964", "stroke"),  # floor line
    "r": ("#f0b36a", "#a8652a", "fill"),  # foam roller body
    "re": ("#b86b1c", "#e6a461", "stroke"),  # foam roller edge
    "bd": ("#d6336c", "#ff7aa2", "stroke"),  # bands
    "w": ("#e3e7ec", "#262b32", "fill"),  # wall / mat / post
    "we": ("#a9b3bd", "#4f5964", "stroke"),  # wall / mat edge
    "a": ("#0a58a8", "#82b8ff", "stroke"),  # arrows and motion paths
    "ah": ("#0a58a8", "#82b8ff", "fill"),  # arrow heads
}


# The post heroes are pictures with their own background (they double as share cards, which are
# raster and cannot follow a colour scheme): the dark palette on a deep blue panel, in both schemes.
HERO_BG = "#1c2e42"
HERO = {"n": "#f4f1ea", "h": "#f4f1ea", "f": "#8da3b9", "fl": "#5f7890", "w": "#2a4360", "we": "#5f7890",
        "r": "#d98a3a", "re": "#f2b46f", "a": "#ffb86b", "ah": "#ffb86b", "bd": "#ff7aa2"}
COMMON = ".n,.f,.fl,.re,.bd,.we,.a{fill:none;stroke-linecap:round;stroke-linejoin:round}"


def style(hero: bool = False, scope: str = "", extra: str = "") -> str:
    """The `<style>` element every illustration carries; with `scope`, every rule applies only
    inside an element of that class (a drawing shown inline, in a page with its own classes);
    `extra` rules come last."""
    if hero:
        fixed = "".join(f".{k}{{{PALETTE[k][2]}:{v}}}" for k, v in HERO.items())
        return f"<style>{COMMON}{fixed}.t{{fill:#f4f1ea}}.tm{{fill:#b7c6d6}}</style>"
    pre = f".{scope} " if scope else ""
    # A scoped drawing may be a page's embedded document (an <object>), whose canvas is opaque
    # unless it takes the page's colour schemes.
    common = f".{scope}{{color-scheme:light dark}}" + COMMON.replace(".", pre + ".") if scope else COMMON
    light = "".join(f"{pre}.{k}{{{kind}:{lt}}}" for k, (lt, _, kind) in PALETTE.items())
    dark = "".join(f"{pre}.{k}{{{kind}:{dk}}}" for k, (_, dk, kind) in PALETTE.items())
    return f"<style>{common}{light}@media(prefers-color-scheme:dark){{{dark}}}{extra}</style>"


def num(v: float) -> str:
    """A coordinate with one decimal at most, so files stay small and byte-stable."""
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


@dataclass
class Box:
    """A bounding box in drawing units (y up)."""

    x0: float = math.inf
    y0: float = math.inf
    x1: float = -math.inf
    y1: float = -math.inf

    def add(self, x: float, y: float, r: float = 0.0) -> None:
        """Grow to hold a circle of radius r at (x, y)."""
        self.x0, self.y0 = min(self.x0, x - r), min(self.y0, y - r)
        self.x1, self.y1 = max(self.x1, x + r), max(self.y1, y + r)


class Canvas:
    """Collects SVG elements; `pt` maps drawing units (y up, floor at 0) to SVG units."""

    def __init__(self, width: int, height: int, floor: float, zoom: float = 1.0, hero: bool = False):
        self.width, self.height, self.floor = width, height, floor
        self.zoom, self.hero = zoom, hero  # zoom: pixels per drawing unit (width/height attributes)
        self.parts: list[str] = []
        self.origin = (0.0, 0.0)

    def pt(self, p: tuple[float, float]) -> str:
        """One point as `x,y` in SVG units."""
        return f"{num(self.origin[0] + p[0])},{num(self.floor - self.origin[1] - p[1])}"

    def line(self, cls: str, width: float, *pts: tuple[float, float]) -> None:
        """A polyline (or a line) through `pts`."""
        if len(pts) == 2:
            a, b = self.pt(pts[0]).split(","), self.pt(pts[1]).split(",")
            self.parts.append(
                f'<line class="{cls}" stroke-width="{num(width)}" x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}"/>'
            )
        else:
            d = " ".join(self.pt(p) for p in pts)
            self.parts.append(f'<polyline class="{cls}" stroke-width="{num(width)}" points="{d}"/>')

    def path(self, cls: str, width: float, d: str, extra: str = "") -> None:
        """A path with `d` already in SVG units."""
        self.parts.append(f'<path class="{cls}" stroke-width="{num(width)}"{extra} d="{d}"/>')

    def circle(self, cls: str, c: tuple[float, float], r: float, width: float = 0.0) -> None:
        """A circle; `width` > 0 gives it an outline of class `cls`."""
        x, y = self.pt(c).split(",")
        sw = f' stroke-width="{num(width)}"' if width else ""
        self.parts.append(f'<circle class="{cls}"{sw} cx="{x}" cy="{y}" r="{num(r)}"/>')

    def rect(self, cls: str, x: float, y: float, w: float, h: float, rx: float = 0.0,
             width: float = 0.0) -> None:
        """A rectangle given by its lower-left corner in drawing units: filled, or with `width` > 0
        an outline of class `cls`."""
        sx, sy = self.pt((x, y + h)).split(",")
        rxa = f' rx="{num(rx)}"' if rx else ""
        sw = f' stroke-width="{num(width)}"' if width else ""
        self.parts.append(f'<rect class="{cls}"{sw} x="{sx}" y="{sy}" width="{num(w)}" height="{num(h)}"{rxa}/>')

    def raw(self, s: str) -> None:
        """Anything else, as written."""
        self.parts.append(s)

    def svg(self, title: str, desc: str = "") -> str:
        """The whole document."""
        esc = title.replace("&", "&amp;").replace("<", "&lt;")
        d = f"<desc>{desc.replace('&', '&amp;').replace('<', '&lt;')}</desc>" if desc else ""
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{round(self.width * self.zoom)}" '
            f'height="{round(self.height * self.zoom)}" viewBox="0 0 {self.width} {self.height}" role="img">'
        )
        return head + f"<title>{esc}</title>{d}{style(self.hero)}" + "".join(self.parts) + "</svg>\n"

    def text(self, cls: str, p: tuple[float, float], size: float, s: str, anchor: str = "start",
             weight: str = "normal", colour: str = "") -> None:
        """A line of text with its baseline at p."""
        x, y = self.pt(p).split(",")
        esc = s.replace("&", "&amp;").replace("<", "&lt;")
        bold = ' font-weight="bold"' if weight == "bold" else ""
        fill = f' style="fill:{colour}"' if colour else ""
        self.parts.append(
            f'<text class="{cls}"{fill} x="{x}" y="{y}" font-size="{num(size)}" text-anchor="{anchor}"{bold} '
            f'font-family="DejaVu Sans, Verdana, sans-serif">{esc}</text>'
        )


# ---------- the figure ----------


def figure_box(points: dict[str, tuple[float, float]]) -> Box:
    """The space a placed figure's strokes cover."""
    box = Box()
    for key, (x, y) in points.items():
        r = HEAD_R if key == "head" else TORSO_W / 2 if key in ("hip", "shoulder", "spine") else LIMB_W / 2
        box.add(x, y, r)
    return box


def draw_side(c: Canvas, placed: Placed) -> None:
    """A side-view figure: far limbs light, torso and head, near limbs dark."""
    pose: SidePose = placed.pose  # type: ignore[assignment]
    p = placed.points()
    for side, cls in (("f", "f"), ("n", "n")):
        if side == "n":
            spine_ctrl = (2 * p["spine"][0] - (p["hip"][0] + p["shoulder"][0]) / 2,
                          2 * p["spine"][1] - (p["hip"][1] + p["shoulder"][1]) / 2)
            c.path("n", TORSO_W, f"M{c.pt(p['hip'])}Q{c.pt(spine_ctrl)} {c.pt(p['shoulder'])}")
            c.line("n", LIMB_W, p["shoulder"], p["neck"])
            c.circle("h", p["head"], HEAD_R)
            if pose.shoulder_bar:
                ang = math.atan2(p["shoulder"][1] - p["hip"][1], p["shoulder"][0] - p["hip"][0])
                dx, dy = -math.sin(ang) * pose.shoulder_bar, math.cos(ang) * pose.shoulder_bar
                s = p["shoulder"]
                c.line("n", LIMB_W, (s[0] - dx, s[1] - dy), (s[0] + dx, s[1] + dy))
        c.line(cls, LIMB_W, p["hip"], p["knee_" + side], p["ankle_" + side])
        c.line(cls, FOOT_W, p["heel_" + side], p["toe_" + side])
        if pose.hand_on_hip != side:
            c.line(cls, LIMB_W, p["shoulder"], p["elbow_" + side], p["wrist_" + side], p["hand_" + side])
        else:
            c.line(cls, LIMB_W, p["shoulder"], p["elbow_" + side], p["hip"])


def draw_front(c: Canvas, placed: Placed) -> None:
    """A front-view figure: a spine as thick as the side view's torso, shoulder and hip lines,
    limbs, head."""
    p = placed.points()
    c.line("n", TORSO_W, p["pelvis"], p["chest"])
    c.line("n", LIMB_W, p["shoulder_l"], p["shoulder_r"])
    c.line("n", LIMB_W, p["hip_l"], p["hip_r"])
    c.line("n", LIMB_W, p["chest"], p["neck"])
    c.circle("h", p["head"], HEAD_R)
    for side in ("l", "r"):
        c.line("n", LIMB_W, p["hip_" + side], p["knee_" + side], p["ankle_" + side])
        c.line("n", FOOT_W, p["ankle_" + side], p["toe_" + side])
        c.line("n", LIMB_W, p["shoulder_" + side], p["elbow_" + side], p["wrist_" + side], p["hand_" + side])


def draw_figure(c: Canvas, placed: Placed) -> None:
    """Either view."""
    if isinstance(placed.pose, FrontPose):
        draw_front(c, placed)
    else:
        draw_side(c, placed)


# ---------- props ----------

ROLLER_R = 9.0
BAND_W = 3.5


@dataclass
class Prop:
    """Something drawn with the figure: `draw` paints it, `box` is the space it takes."""

    draw: Callable[[Canvas], None]
    box: Box
    behind: bool = True  # drawn before the figure


def roller(center: tuple[float, float]) -> Prop:
    """A foam roller seen end-on: a circle with its core."""
    box = Box()
    box.add(center[0], center[1], ROLLER_R)

    def draw(c: Canvas) -> None:
        c.circle("r re", center, ROLLER_R, 2.5)
        c.circle("re", center, 2.6, 2.0)

    return Prop(draw, box)


def roller_under(p: tuple[float, float], half: float = LIMB_W / 2) -> Prop:
    """A foam roller right under point `p` of a stroke of half-width `half`."""
    return roller((p[0], p[1] - half - ROLLER_R))


def roller_top(center: tuple[float, float], angle: float, length: float = 78.0) -> Prop:
    """A foam roller seen from above: a bar along `angle` with rounded ends."""
    a = math.radians(angle)
    ux, uy = math.cos(a), math.sin(a)
    vx, vy = -uy * ROLLER_R, ux * ROLLER_R
    hx, hy = ux * length / 2, uy * length / 2
    corners = [
        (center[0] - hx + vx, center[1] - hy + vy),
        (center[0] + hx + vx, center[1] + hy + vy),
        (center[0] + hx - vx, center[1] + hy - vy),
        (center[0] - hx - vx, center[1] - hy - vy),
    ]
    box = Box()
    for x, y in corners:
        box.add(x, y)

    def draw(c: Canvas) -> None:
        pts = " ".join(c.pt(q) for q in corners)
        c.raw(f'<polygon class="r re" stroke-width="2.5" points="{pts}"/>')
        c.line("re", 2.0, (center[0] - hx * 0.9, center[1] - hy * 0.9), (center[0] + hx * 0.9, center[1] + hy * 0.9))

    return Prop(draw, box)


def band_loop(a: tuple[float, float], b: tuple[float, float], gap: float = 3.0) -> Prop:
    """A mini band stretched between two points (both knees, seen from the front)."""
    box = Box()
    box.add(a[0], a[1], 6)
    box.add(b[0], b[1], 6)

    def draw(c: Canvas) -> None:
        c.line("bd", BAND_W, (a[0], a[1] + gap), (b[0], b[1] + gap))
        c.line("bd", BAND_W, (a[0], a[1] - gap), (b[0], b[1] - gap))

    return Prop(draw, box, behind=False)


def band_ring(p: tuple[float, float], along: float) -> Prop:
    """A mini band around both knees seen from the side: a short loop across the leg."""
    box = Box()
    box.add(p[0], p[1], 7)
    a = math.radians(along + 90)
    dx, dy = math.cos(a) * 6.5, math.sin(a) * 6.5

    def draw(c: Canvas) -> None:
        c.line("bd", BAND_W, (p[0] - dx, p[1] - dy), (p[0] + dx, p[1] + dy))

    return Prop(draw, box, behind=False)


def wall(x: float, height: float, facing: str = "left", thick: float = 14.0) -> Prop:
    """A wall seen from the side, its face at `x`."""
    x0 = x if facing == "left" else x - thick
    box = Box()
    box.add(x0, 0)
    box.add(x0 + thick, height)

    def draw(c: Canvas) -> None:
        c.rect("w", x0, 0, thick, height)
        c.line("we", 2.5, (x, 0), (x, height))

    return Prop(draw, box)


def mat(c: Canvas, union: Box, margin: float) -> None:
    """The mat under a figure seen from above, `margin` around `union`: an outline drawn like the
    side views' floor line (no drawing has a filled panel behind its figure)."""
    c.rect("we", union.x0 - margin, union.y0 - margin, union.x1 - union.x0 + 2 * margin,
           union.y1 - union.y0 + 2 * margin, 10, width=2.5)


def panel_wall(x0: float, x1: float, height: float) -> Prop:
    """A wall seen face-on, behind a front-view figure."""
    box = Box()
    box.add(x0, 0)
    box.add(x1, height)

    def draw(c: Canvas) -> None:
        c.rect("we", x0, 0, x1 - x0, height, 4, width=2.5)

    return Prop(draw, box)


def post(x: float, height: float, band_from: float, to: tuple[float, float]) -> Prop:
    """A band anchor post with a band running from height `band_from` to point `to`."""
    box = Box()
    box.add(x - 5, 0)
    box.add(x + 5, height)

    def draw(c: Canvas) -> None:
        c.rect("w", x - 5, 0, 10, height, 2)
        c.line("we", 2.0, (x - 5, 0), (x - 5, height), (x + 5, height), (x + 5, 0))

    def band(c: Canvas) -> None:
        c.line("bd", BAND_W, (x, band_from), to)

    return Prop(lambda c: (draw(c), band(c)), box)


def post_top(center: tuple[float, float], to: tuple[float, float]) -> Prop:
    """A band anchor post seen from above, with the band running to point `to`."""
    box = Box()
    box.add(center[0], center[1], 7)

    def draw(c: Canvas) -> None:
        c.rect("w", center[0] - 6, center[1] - 6, 12, 12, 2)
        c.line("we", 2.0, (center[0] - 6, center[1] - 6), (center[0] + 6, center[1] - 6),
               (center[0] + 6, center[1] + 6), (center[0] - 6, center[1] + 6), (center[0] - 6, center[1] - 6))
        c.line("bd", BAND_W, center, to)

    return Prop(draw, box)


def pad(x: float, w: float, h: float = 5.0) -> Prop:
    """A folded towel or mat under a knee."""
    box = Box()
    box.add(x, 0)
    box.add(x + w, h)
    return Prop(lambda c: c.rect("w", x, 0, w, h, 2.5), box)


def arrow(c: Canvas, a: tuple[float, float], b: tuple[float, float], bulge: float = 0.0,
          width: float = 3.0, head: float = 9.0, dashed: bool = False) -> None:
    """An arrow from a to b, curved sideways by `bulge` (drawing units; + bends to the left of a->b)."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    ctrl = (mx + nx * bulge * 2, my + ny * bulge * 2)
    # The head points along the curve's end tangent; the shaft stops short of the tip.
    tx, ty = b[0] - ctrl[0], b[1] - ctrl[1]
    tl = math.hypot(tx, ty) or 1.0
    tx, ty = tx / tl, ty / tl
    end = (b[0] - tx * head * 0.6, b[1] - ty * head * 0.6)
    dash = ' stroke-dasharray="5 5"' if dashed else ""
    c.path("a", width, f"M{c.pt(a)}Q{c.pt(ctrl)} {c.pt(end)}", dash)
    left = (b[0] - tx * head - ty * head * 0.55, b[1] - ty * head + tx * head * 0.55)
    right = (b[0] - tx * head + ty * head * 0.55, b[1] - ty * head - tx * head * 0.55)
    c.raw(f'<polygon class="ah" points="{c.pt(b)} {c.pt(left)} {c.pt(right)}"/>')


@dataclass
class Scene:
    """One panel: a placed figure and its props (props get the figure's points before placing)."""

    figure: Placed
    props: Callable[[dict], list[Prop]] = lambda p: []
    floor: bool = True  # False: seen from above, on a mat
    extra: list[Prop] = field(default_factory=list)
    anchor: tuple[str, float] | None = None  # (joint, x): shift the figure so that joint is at x

    def layout(self) -> tuple[dict, list[Prop], Box]:
        """Points and props, shifted up or down so the lowest thing stands on the floor."""
        if self.anchor:
            joint, x = self.anchor
            sx, sy = self.figure.shift
            self.figure.shift = (sx + x - self.figure.points()[joint][0], sy)
            self.anchor = None
        for _ in range(2):
            p = self.figure.points()
            props = self.props(p) + self.extra
            box = figure_box(p)
            for pr in props:
                box.add(pr.box.x0, pr.box.y0)
                box.add(pr.box.x1, pr.box.y1)
            if not self.floor or abs(box.y0) < 1e-6:
                break
            sx, sy = self.figure.shift
            self.figure.shift = (sx, sy - box.y0)
        return p, props, box

    def contact_errors(self, name: str) -> list[str]:
        """Joints said to touch the floor that float above it or sink into it."""
        p, _, _ = self.layout()
        errors = []
        for key in self.figure.contacts:
            half = HEAD_R if key == "head" else TORSO_W / 2 if key in ("hip", "shoulder", "spine") else (
                FOOT_W / 2 if key.startswith(("toe", "heel")) else LIMB_W / 2)
            gap = p[key][1] - half
            if abs(gap) > 2.0:
                errors.append(f"{name}: {key} is {gap:+.1f} from the floor")
        return errors
