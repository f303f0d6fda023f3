"""The hero (and share card) of each post: 1200x630, the exercise figures on a deep blue panel.

Drawn at half size in drawing units (600x315) and shown at twice that, so a figure is the same
figure as in the exercise drawings, only larger. Each hero shows what its post is about, with a few
words in the picture where the post's idea is a list (joints and their jobs, the core's three jobs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from draw import HERO_BG, Canvas, Scene
from exercises import EXERCISES, FH, side
from figure import SHIN, THIGH, Limb
from layout import draw_scene

PIXELS = (1200, 630)
MOBILITY, STABILITY = "#7cc4ff", "#ffb86b"


def scene(exercise_id: str, which: str) -> Scene:
    """The start or end scene of a shipped exercise drawing."""
    ex = next(e for e in EXERCISES if e.id == exercise_id)
    return ex.start if which == "start" else ex.end


def row(c: Canvas, scenes: list[Scene], labels: list[str]) -> None:
    """Scenes side by side on one floor, evenly spaced, each with a label under the floor."""
    laid = [s.layout() for s in scenes]
    widths = [b.x1 - b.x0 for _, _, b in laid]
    gap = (c.width - sum(widths)) / (len(scenes) + 1)
    if gap < 12:
        raise SystemExit(f"hero: {len(scenes)} drawings do not fit side by side")
    x = gap
    c.origin = (0.0, 0.0)
    c.line("fl", 2.5, (10, 0), (c.width - 10, 0))
    for s, (_, props, box), w, label in zip(scenes, laid, widths, labels):
        c.origin = (x - box.x0, 0.0)
        draw_scene(c, s, props)
        c.origin = (0.0, 0.0)
        c.text("t", (x + w / 2, -24), 12, label, "middle", "bold")
        x += w + gap


def foam_rolling(c: Canvas) -> None:
    row(c, [scene("foam-roll-quads", "start"), scene("foam-roll-thoracic-spine", "end"),
            scene("foam-roll-calves", "start")], ["Quads", "Upper back", "Calves"])


def core(c: Canvas) -> None:
    row(c, [scene("front-plank", "end"), scene("pallof-press", "end"), scene("side-plank", "end")],
        ["Anti-extension", "Anti-rotation", "Anti-lateral flexion"])


def low_back_pain(c: Canvas) -> None:
    row(c, [scene("half-kneeling-hip-flexor-stretch", "end"), scene("bird-dog", "end"),
            scene("thoracic-extension-on-roller", "end")], ["Hips: mobility", "Low back: stability",
                                                             "Upper back: mobility"])


def joint_by_joint(c: Canvas) -> None:
    """A standing figure with its seven joints marked, each named with its job."""
    hip = (0.0, THIGH + SHIN + FH - 1)
    fig = side(hip, 90, Limb(-70, -40), Limb(-100, -95), Limb(-90, -90, 0), Limb(-86, -94, 4), neck=92)
    pose = fig.pose
    p = fig.points()
    x0 = 95.0
    c.origin = (0.0, 0.0)
    c.line("fl", 2.5, (10, 0), (c.width - 10, 0))
    c.origin = (x0, 0.0)
    draw_scene(c, Scene(fig), [])
    joints = [  # bottom to top, as the post lists them
        ("Ankle", p["ankle_n"], MOBILITY),
        ("Knee", p["knee_n"], STABILITY),
        ("Hip", p["hip"], MOBILITY),
        ("Low back", pose.spine_at(0.3), STABILITY),
        ("Upper back", pose.spine_at(0.72), MOBILITY),
        ("Shoulder blade", (p["shoulder"][0] - 7, p["shoulder"][1] - 9), STABILITY),
        ("Shoulder", p["shoulder"], MOBILITY),
    ]
    label_x = 92.0
    top, bottom = p["head"][1] + 2, 8.0
    for i, (name, at, colour) in enumerate(joints):
        y = bottom + i * (top - bottom) / (len(joints) - 1)
        job = "mobility" if colour == MOBILITY else "stability"
        c.path("a", 1.3, f"M{c.pt(at)}L{c.pt((label_x - 6, y + 3.5))}", f' style="stroke:{colour};opacity:.8"')
        if colour == MOBILITY:
            c.raw(f'<circle cx="{c.pt(at).split(",")[0]}" cy="{c.pt(at).split(",")[1]}" r="4.5" '
                  f'style="fill:{HERO_BG};stroke:{colour};stroke-width:2.4"/>')
        else:
            x, yy = (float(v) for v in c.pt(at).split(","))
            c.raw(f'<rect x="{x - 4.5:.1f}" y="{yy - 4.5:.1f}" width="9" height="9" rx="1.2" '
                  f'style="fill:{colour}"/>')
        c.text("t", (label_x, y), 11, name, "start", "bold")
        c.text("t", (label_x + 7.4 * len(name) + 6, y), 11, job, colour=colour)


@dataclass
class Hero:
    """One post's hero: its slug (the file name) and how to draw it."""

    id: str
    title: str
    draw: Callable[[Canvas], None]
    k: int = 13  # the drawing is 40k x 21k units shown at 1200x630: a smaller k, bigger figures

    def svg(self) -> str:
        """The finished SVG document (its PNG is rendered from it)."""
        w, h = 40 * self.k, 21 * self.k
        c = Canvas(w, h, h - 40, zoom=PIXELS[0] / w, hero=True)
        c.raw(f'<rect width="{w}" height="{h}" style="fill:{HERO_BG}"/>')
        self.draw(c)
        return c.svg(self.title)


HEROES = [
    Hero("foam-rolling", "Line drawings of foam rolling the quads, the upper back and the calves", foam_rolling),
    Hero("joint-by-joint", "A standing figure with seven joints marked from the ankle up: ankle mobility, "
         "knee stability, hip mobility, low back stability, upper back mobility, shoulder blade "
         "stability, shoulder mobility", joint_by_joint, 10),
    Hero("core", "Line drawings of a front plank (anti-extension), a Pallof press (anti-rotation) and a "
         "side plank (anti-lateral flexion)", core),
    Hero("low-back-pain", "Line drawings of a half-kneeling hip flexor stretch (hips: mobility), a bird dog "
         "(low back: stability) and a thoracic extension on a foam roller (upper back: mobility)",
         low_back_pain),
]
