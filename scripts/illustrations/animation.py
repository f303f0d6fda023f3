"""The animated drawing of an exercise: one figure moving through its key poses and back, looping.

Frames are sampled along a timeline (ease in and out of each key pose, a pause at each end, a
longer one at a held end pose) and drawn like the still drawing; what changes from frame to frame
becomes SMIL `<animate>` values, so the file plays with no script, in every browser, and stays a
few kilobytes. All frames share one box, so the floor and any wall or post stand still.

SMIL does not follow `prefers-reduced-motion`, so each run of moving elements is drawn twice: as
it moves (class MOVING), and right after it, a still copy of its start pose, the same elements
without their `<animate>` children (class STILL); the file's own stylesheet shows one or the
other. A reader who asks for reduced motion (or prints) sees the start pose even when the file is
opened by itself or embedded by another site, where the theme's stylesheet cannot step in.
"""

from __future__ import annotations

import math
import re
from xml.etree import ElementTree

from draw import Box, Canvas, Scene, mat as draw_mat, style
from layout import BOTTOM, MIN_HEIGHT, TOP, Exercise, draw_scene
from tween import mix_placed

STEPS = 4  # frames per move between two key poses (linear in between, eased across them)
CHECKS = 16  # poses checked per move (every frame drawn is one of them)
HOLD = 3.0  # seconds at the end pose of a held exercise (a 30 s hold, shown shortened)
SIDE = 14.0  # space left and right of the figure
SCOPE = "fig-anim"  # the root's class: an inline copy's colours apply to it alone
ZOOM = 1.4  # pixels per drawing unit: the still drawing's scale in a 680 px column
MOVING, STILL = "mv", "st"  # the groups of moving elements and of their still copies
# Which group shows: the moving one, unless the reader asks for reduced motion or prints (a
# browser that does not know the media feature keeps moving, as before).
MOTION_CSS = (f".{SCOPE} .{STILL}{{display:none}}@media print,(prefers-reduced-motion:reduce){{"
              f".{SCOPE} .{MOVING}{{display:none}}.{SCOPE} .{STILL}{{display:inline}}}}")


def key_scenes(ex: Exercise) -> list[Scene]:
    """The poses an exercise moves through, each laid out (placed on the floor)."""
    keys = ex.keys or [ex.start, ex.end]
    for k in keys:
        k.layout()
    return keys


def scene_at(ex: Exercise, g: float) -> Scene:
    """The scene at place g along the key poses (0 the first, 1 the second, ...)."""
    if ex.sweep:
        return ex.sweep(g)
    keys = key_scenes(ex)
    seg = min(int(g), len(keys) - 2)
    a, b = keys[seg], keys[seg + 1]
    return Scene(mix_placed(a.figure, b.figure, g - seg), a.props, a.floor, a.extra)


def segments(ex: Exercise) -> int:
    """How many moves from the first key pose to the last."""
    return 1 if ex.sweep else len(key_scenes(ex)) - 1


def ease(u: float) -> float:
    """Slow out of a pose and slow into the next."""
    return (1 - math.cos(math.pi * u)) / 2


def timeline(ex: Exercise, rep: float) -> list[tuple[float, float]]:
    """(seconds, place along the key poses) of each frame of one loop: out, pause, back, pause.

    One rep is the way out and back: each way takes 40% of it (through every key pose, slowing
    only at the ends), each turn 10%; a held exercise holds its end pose HOLD seconds instead."""
    m, move, turn = segments(ex), 0.4 * rep, 0.1 * rep
    n = STEPS * m
    out: list[tuple[float, float]] = []
    t = 0.0
    for direction in (1, -1):
        for i in range(n):
            g = m * ease(i / n)
            out.append((t + move * i / n, g if direction == 1 else m - g))
        t += move
        out.append((t, float(m) if direction == 1 else 0.0))
        t += HOLD if direction == 1 and ex.hold else turn
    out.append((t, 0.0))
    return out


def problems(ex: Exercise) -> list[str]:
    """Anatomy and floor contact problems of every pose on the way, CHECKS per move."""
    out = []
    m = segments(ex)
    for i in range(m * CHECKS + 1):
        g = i / CHECKS
        scene = scene_at(ex, g)
        name = f"{ex.id} animation at {g:.2f}"
        out += scene.figure.pose.check(name) + scene.contact_errors(name)
    return out


PART = re.compile(r'^<(\w+) (.*?)/>$')
ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def elements(c: Canvas) -> list[tuple[str, list[tuple[str, str]]]]:
    """A canvas' parts as (tag, attributes); a line becomes a polyline (one attribute to animate)."""
    out = []
    for part in c.parts:
        m = PART.match(part)
        if not m:
            raise SystemExit(f"animation: cannot animate {part[:60]}")
        tag, attrs = m.group(1), ATTR.findall(m.group(2))
        if tag == "line":
            d = dict(attrs)
            rest = [(k, v) for k, v in attrs if k not in ("x1", "y1", "x2", "y2")]
            tag, attrs = "polyline", rest + [("points", f"{d['x1']},{d['y1']} {d['x2']},{d['y2']}")]
        out.append((tag, attrs))
    return out


def merge(frames: list[list[tuple[str, list[tuple[str, str]]]]], key_times: str, dur: str) -> str:
    """The elements of all frames as one: what differs between frames is animated.

    Each run of animated elements is a MOVING group followed by a STILL group of the same
    elements at the first frame (the start pose) without their `<animate>`s; elements that stand
    still are drawn once, between the runs, so everything keeps its place in the stacking order."""
    out: list[str] = []
    moving: list[str] = []
    still: list[str] = []

    def close_run() -> None:
        if moving:
            out.append(f'<g class="{MOVING}">{"".join(moving)}</g><g class="{STILL}">{"".join(still)}</g>')
            moving.clear()
            still.clear()

    for i, (tag, attrs) in enumerate(frames[0]):
        if any(f[i][0] != tag or [k for k, _ in f[i][1]] != [k for k, _ in attrs] for f in frames):
            raise SystemExit("animation: frames do not draw the same things")
        moves = ""
        for j, (key, value) in enumerate(attrs):
            values = [f[i][1][j][1] for f in frames]
            if any(v != value for v in values):
                moves += (f'<animate attributeName="{key}" values="{";".join(values)}" keyTimes="{key_times}" '
                          f'dur="{dur}" repeatCount="indefinite"/>')
        head = f"<{tag} " + " ".join(f'{k}="{v}"' for k, v in attrs)
        if moves:
            moving.append(f"{head}>{moves}</{tag}>")
            still.append(f"{head}/>")
        else:
            close_run()
            out.append(f"{head}/>")
    close_run()
    return "".join(out)


def still_problems(name: str, text: str) -> list[str]:
    """Why the animated SVG `text` might move, or show other than its start pose, for a reader
    who asks for reduced motion: every `<animate>` must be in a MOVING group, each MOVING group
    followed by a STILL one holding the same elements with the same attributes and nothing
    animated, every animation starting (keyTime 0) at the value its element has, and the
    stylesheet carrying MOTION_CSS."""
    out = []
    ns = "{http://www.w3.org/2000/svg}"
    root = ElementTree.fromstring(text)
    style_text = "".join(e.text or "" for e in root.iter(f"{ns}style"))
    if MOTION_CSS not in style_text:
        out.append(f"{name}: its <style> does not swap the moving figure for the still one under reduced motion")
    kids = list(root)

    def group(i: int) -> str | None:
        return kids[i].get("class") if 0 <= i < len(kids) and kids[i].tag == f"{ns}g" else None

    if MOVING not in map(group, range(len(kids))):
        out.append(f"{name}: nothing moves")
    for i, k in enumerate(kids):
        if group(i) != MOVING and any(True for _ in k.iter(f"{ns}animate")):
            out.append(f"{name}: an <animate> outside a moving group would play under reduced motion")
        if group(i) == STILL and group(i - 1) != MOVING:
            out.append(f"{name}: still group {i} is the copy of no moving group")
        if group(i) != MOVING:
            continue
        copy = kids[i + 1] if group(i + 1) == STILL else None
        if copy is None:
            out.append(f"{name}: moving group {i} has no still copy right after it")
            continue
        if len(copy) != len(k):
            out.append(f"{name}: moving group {i} has {len(k)} elements, its still copy {len(copy)}")
            continue
        for m, s in zip(k, copy):
            what = f"{name}: {m.tag[len(ns):]} in moving group {i}"
            if s.tag != m.tag or dict(s.attrib) != dict(m.attrib) or len(s):
                out.append(f"{what}: its still copy is not the same element without its <animate>s")
            animates = list(m)
            if not animates or any(a.tag != f"{ns}animate" for a in animates):
                out.append(f"{what}: holds no <animate>, or something else")
            for a in animates:
                key, values, times = a.get("attributeName"), a.get("values", ""), a.get("keyTimes", "")
                if times.split(";")[0] != "0" or values.split(";")[0] != m.get(key):
                    out.append(f"{what}: its {key} does not start at the start pose the still copy shows")
    return out


def number(v: float) -> str:
    """A time or fraction, short."""
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def svg(ex: Exercise, rep: float) -> str:
    """The animated SVG document of an exercise at `rep` seconds per rep."""
    times = timeline(ex, rep)
    scenes = [scene_at(ex, g) for _, g in times]
    laid = [s.layout() for s in scenes]
    union = Box()
    for _, _, box in laid:
        union.add(box.x0, box.y0)
        union.add(box.x1, box.y1)
    on_floor = scenes[0].floor
    mat = 0.0 if on_floor else 12.0
    width = round(union.x1 - union.x0 + 2 * (SIDE + mat))
    height = round(max(MIN_HEIGHT, union.y1 - union.y0 + 2 * mat + TOP + BOTTOM))
    floor = height - BOTTOM
    dx = SIDE + mat - union.x0
    dy = 0.0 if on_floor else (floor - height / 2 + (TOP - BOTTOM) / 2) - (union.y0 + union.y1) / 2
    frames = []
    for scene, (_, props, _) in zip(scenes, laid):
        c = Canvas(width, height, floor)
        c.origin = (dx, dy)
        if not on_floor:
            draw_mat(c, union, mat)
        draw_scene(c, scene, props)
        if on_floor:
            c.origin = (0.0, 0.0)
            c.line("fl", 2.5, (6, 0), (width - 6, 0))
        frames.append(elements(c))
    total = times[-1][0]
    key_times = ";".join(number(t / total) for t, _ in times)
    body = merge(frames, key_times, f"{number(total)}s")
    esc = ex.title.replace("&", "&amp;").replace("<", "&lt;")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{SCOPE}" width="{round(width * ZOOM)}" '
            f'height="{round(height * ZOOM)}" '
            f'viewBox="0 0 {width} {height}" role="img"><title>{esc}</title>{style(scope=SCOPE, extra=MOTION_CSS)}{body}</svg>\n')
