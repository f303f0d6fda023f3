"""The line figure every illustration is drawn with: one set of proportions, poses as joint angles.

A pose is a set of absolute segment angles in degrees (0 points right, 90 points up), so an author
reads it off a sketch; `check()` turns them into the joint angles an anatomist would name (knee
flexion, hip flexion, ...) and refuses poses a body cannot take. Two views share the proportions:

- side view (`SidePose`): the sagittal plane, the figure's front is to the right when upright; the
  near limbs are drawn dark over the torso, the far limbs light behind it.
- front view (`FrontPose`): the frontal plane, with shoulder and hip width; a segment can be
  foreshortened (`scale` < 1) when it points at the viewer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Proportions, in drawing units (a standing figure is about 153 units tall).
HEAD_R = 10.0
NECK = 6.0
TORSO = 46.0
UPPER_ARM = 28.0
FOREARM = 22.0  # elbow to wrist
HAND = 8.0  # wrist to the middle of the hand
THIGH = 40.0
SHIN = 38.0
FOOT = 14.0  # ankle to toe
HEEL = 3.0  # heel behind the ankle
SHOULDER_HALF = 15.0  # front view
HIP_HALF = 8.0  # front view

# Stroke widths, shared by every drawing.
TORSO_W = 11.0
LIMB_W = 7.0
FOOT_W = 6.0


def polar(origin: tuple[float, float], angle: float, length: float) -> tuple[float, float]:
    """The point `length` away from `origin` in direction `angle` (degrees, y up)."""
    a = math.radians(angle)
    return (origin[0] + length * math.cos(a), origin[1] + length * math.sin(a))


def norm(angle: float) -> float:
    """An angle folded into [-180, 180)."""
    return (angle + 180.0) % 360.0 - 180.0


def two_link(root: tuple[float, float], target: tuple[float, float], l1: float, l2: float,
             bend: int) -> tuple[float, float]:
    """Angles of a two-segment limb from `root` reaching `target` (clamped to its length).

    Of the two ways to bend, `bend` = +1 takes the one whose second segment turns clockwise from
    the first (a knee, for a figure facing right), -1 the other (an elbow)."""
    dx, dy = target[0] - root[0], target[1] - root[1]
    d = min(math.hypot(dx, dy), l1 + l2 - 1e-6)
    d = max(d, abs(l1 - l2) + 1e-6)
    base = math.degrees(math.atan2(dy, dx))
    inner = math.degrees(math.acos((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)))
    upper = base + inner * bend
    knee = polar(root, upper, l1)
    lower = math.degrees(math.atan2(target[1] - knee[1], target[0] - knee[0]))
    return upper, lower


def leg_to(hip: tuple[float, float], ankle: tuple[float, float], foot: float | None = None,
           scale: tuple[float, float] = (1.0, 1.0), bend: int = 1) -> "Limb":
    """A leg from `hip` whose ankle is at `ankle`, knee bending the way knees bend."""
    return Limb(*two_link(hip, ankle, THIGH * scale[0], SHIN * scale[1], bend), foot=foot, scale=scale)


def arm_to(shoulder: tuple[float, float], wrist: tuple[float, float], hand: float | None = None,
           scale: tuple[float, float] = (1.0, 1.0), bend: int = -1) -> "Limb":
    """An arm from `shoulder` whose wrist is at `wrist`, elbow bending the way elbows bend."""
    return Limb(*two_link(shoulder, wrist, UPPER_ARM * scale[0], FOREARM * scale[1], bend), foot=hand, scale=scale)


@dataclass
class Limb:
    """One arm (upper, fore, hand) or leg (thigh, shin, foot) as absolute angles, optional scales.

    `foot` is the hand of an arm; left out, a hand continues its forearm and a foot stands at a
    right angle to its shin."""

    upper: float
    lower: float
    foot: float | None = None
    scale: tuple[float, float] = (1.0, 1.0)


@dataclass
class SidePose:
    """A side-view pose. `hip` is the hip joint in panel units (y up from the floor)."""

    hip: tuple[float, float]
    torso: float  # hip -> shoulder chord
    arm_n: Limb
    arm_f: Limb
    leg_n: Limb
    leg_f: Limb
    neck: float | None = None  # default: along the torso
    bend: float = 0.0  # spine curve: + rounds the back (flexion), - arches it (extension)
    shoulder_bar: float = 0.0  # half-width of a visible shoulder line (a chest turned to the viewer)
    hand_on_hip: str = ""  # "n" or "f": that arm is hidden as resting on the hip (side plank)
    allow: tuple[str, ...] = ()  # checks a twisted trunk makes meaningless here, e.g. ("shoulder",)

    def points(self) -> dict[str, tuple[float, float]]:
        """Every named joint of the pose (hip, shoulder, head, knee_n, toe_f, ...)."""
        hip = self.hip
        shoulder = polar(hip, self.torso, TORSO)
        neck = self.torso if self.neck is None else self.neck
        head = polar(shoulder, neck, NECK + HEAD_R)
        p = {"hip": hip, "shoulder": shoulder, "head": head, "neck": polar(shoulder, neck, NECK)}
        back = self.torso + 90.0
        mid = polar(((hip[0] + shoulder[0]) / 2, (hip[1] + shoulder[1]) / 2), back, self.bend)
        p["spine"] = mid
        for side in ("n", "f"):
            arm: Limb = getattr(self, "arm_" + side)
            leg: Limb = getattr(self, "leg_" + side)
            p["elbow_" + side] = polar(shoulder, arm.upper, UPPER_ARM * arm.scale[0])
            p["wrist_" + side] = polar(p["elbow_" + side], arm.lower, FOREARM * arm.scale[1])
            hand = arm.lower if arm.foot is None else arm.foot
            p["hand_" + side] = polar(p["wrist_" + side], hand, HAND * arm.scale[1])
            p["knee_" + side] = polar(hip, leg.upper, THIGH * leg.scale[0])
            p["ankle_" + side] = polar(p["knee_" + side], leg.lower, SHIN * leg.scale[1])
            foot = leg.foot if leg.foot is not None else leg.lower + 90.0
            p["toe_" + side] = polar(p["ankle_" + side], foot, FOOT)
            p["heel_" + side] = polar(p["ankle_" + side], foot, -HEEL)
        return p

    def spine_at(self, t: float) -> tuple[float, float]:
        """The point a fraction t of the way up the (curved) spine, from the hip."""
        p = self.points()
        h, s, m = p["hip"], p["shoulder"], p["spine"]
        c = (2 * m[0] - (h[0] + s[0]) / 2, 2 * m[1] - (h[1] + s[1]) / 2)
        u = 1 - t
        return (u * u * h[0] + 2 * u * t * c[0] + t * t * s[0], u * u * h[1] + 2 * u * t * c[1] + t * t * s[1])

    def check(self, name: str) -> list[str]:
        """Joint angles outside what a body does, as messages naming the pose."""
        problems = []
        front_ref = self.torso - 180.0  # a limb hanging along the body
        for side in ("n", "f"):
            arm: Limb = getattr(self, "arm_" + side)
            leg: Limb = getattr(self, "leg_" + side)
            ranges = {
                "shoulder flexion": (norm(arm.upper - front_ref), -70, 185),
                "elbow flexion": (norm(arm.lower - arm.upper), -5, 150),
                "hip flexion": (norm(leg.upper - front_ref), -35, 140),
                "knee flexion": (norm(leg.upper - leg.lower), -5, 160),
            }
            if leg.foot is not None:
                ranges["ankle angle"] = (norm(leg.foot - leg.lower), 25, 130)
            for what, (value, low, high) in ranges.items():
                # Shoulder flexion past 180 wraps to -180: overhead is fine either way.
                if what == "shoulder flexion" and value < -170:
                    value += 360.0
                if what.split()[0] in self.allow:
                    continue
                if not low <= value <= high:
                    problems.append(f"{name}: {what} ({side}) {value:.0f} outside {low}..{high}")
        neck = self.torso if self.neck is None else self.neck
        if abs(norm(neck - self.torso)) > 50:
            problems.append(f"{name}: neck bent {norm(neck - self.torso):.0f} degrees")
        if abs(self.bend) > 9:
            problems.append(f"{name}: spine curve {self.bend} beyond 9")
        return problems


@dataclass
class FrontPose:
    """A front-view pose. `pelvis` is the middle of the hips; `l`/`r` are the viewer's left/right."""

    pelvis: tuple[float, float]
    spine: float  # pelvis -> base of the neck
    arm_l: Limb
    arm_r: Limb
    leg_l: Limb
    leg_r: Limb
    neck: float | None = None
    tilt: float = 0.0  # shoulder and hip lines tilted by this many degrees from square
    foot_out: float = 30.0  # how far a foot, pointing at the viewer, turns out from the shin's line
    torso_scale: float = 1.0  # < 1: the torso points at the viewer (a figure seen from above)
    neck_scale: float = 1.0

    def points(self) -> dict[str, tuple[float, float]]:
        """Every named joint of the pose."""
        pelvis = self.pelvis
        across = self.spine - 90.0 + self.tilt  # the viewer's right, when upright
        top = polar(pelvis, self.spine, TORSO * self.torso_scale)
        neck = self.spine if self.neck is None else self.neck
        p = {
            "pelvis": pelvis,
            "chest": top,
            "neck": polar(top, neck, NECK * self.neck_scale),
            "head": polar(top, neck, (NECK + HEAD_R) * self.neck_scale),
        }
        for side, sign in (("l", -1.0), ("r", 1.0)):
            arm: Limb = getattr(self, "arm_" + side)
            leg: Limb = getattr(self, "leg_" + side)
            sh = polar(top, across, sign * SHOULDER_HALF)
            hp = polar(pelvis, across - self.tilt, sign * HIP_HALF)  # a twist turns the shoulders only
            p["shoulder_" + side] = sh
            p["hip_" + side] = hp
            p["elbow_" + side] = polar(sh, arm.upper, UPPER_ARM * arm.scale[0])
            p["wrist_" + side] = polar(p["elbow_" + side], arm.lower, FOREARM * arm.scale[1])
            hand = arm.lower if arm.foot is None else arm.foot
            p["hand_" + side] = polar(p["wrist_" + side], hand, HAND * arm.scale[1])
            p["knee_" + side] = polar(hp, leg.upper, THIGH * leg.scale[0])
            p["ankle_" + side] = polar(p["knee_" + side], leg.lower, SHIN * leg.scale[1])
            foot = leg.foot if leg.foot is not None else leg.lower + sign * self.foot_out
            p["toe_" + side] = polar(p["ankle_" + side], foot, FOOT * 0.55)
            p["heel_" + side] = p["ankle_" + side]
        return p

    def check(self, name: str) -> list[str]:
        """Front-view limits: knees and elbows do not bend past straight sideways by much."""
        problems = []
        neck = self.spine if self.neck is None else self.neck
        if abs(norm(neck - self.spine)) > 45:
            problems.append(f"{name}: neck bent {norm(neck - self.spine):.0f} degrees")
        for side in ("l", "r"):
            arm: Limb = getattr(self, "arm_" + side)
            leg: Limb = getattr(self, "leg_" + side)
            # A segment pointing at (or away from) the viewer has no visible fold to check.
            if min(arm.scale) >= 0.5 and abs(norm(arm.lower - arm.upper)) > 165:
                problems.append(f"{name}: elbow ({side}) folded past 165")
            if min(leg.scale) >= 0.5 and abs(norm(leg.lower - leg.upper)) > 160:
                problems.append(f"{name}: knee ({side}) folded past 160")
            if max(arm.scale + leg.scale) > 1.0:
                problems.append(f"{name}: a segment ({side}) drawn longer than it is")
        return problems


@dataclass
class Placed:
    """A pose with where it sits: a shift and an optional rotation about the panel's origin."""

    pose: SidePose | FrontPose
    rotate: float = 0.0  # degrees, for views from above (a lying figure seen from the ceiling)
    shift: tuple[float, float] = (0.0, 0.0)
    contacts: list[str] = field(default_factory=list)  # joints that must touch the floor

    def points(self) -> dict[str, tuple[float, float]]:
        """The pose's joints, rotated and shifted into panel units."""
        out = {}
        for key, (x, y) in self.pose.points().items():
            if self.rotate:
                a = math.radians(self.rotate)
                x, y = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
            out[key] = (x + self.shift[0], y + self.shift[1])
        return out
