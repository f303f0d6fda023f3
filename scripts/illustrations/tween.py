"""In-between poses: two placed poses mixed joint angle by joint angle.

A pose's fields are mixed by what they are: a position (`hip`, `pelvis`) and a plain number
(`bend`, `shoulder_bar`, a scale) along a straight line, an angle the short way round. Because each
joint's angle is the difference of two segment angles, a joint that is within its range at both
ends is within it at every mix. A hand or foot that stays put from one pose to the next (a planted
foot in a bridge, the supporting hand of a bird dog) is held where it is: its limb is reached
to that point again, so it does not slide while the rest moves.
"""

from __future__ import annotations

import copy
import dataclasses
import math

from figure import FOREARM, SHIN, THIGH, UPPER_ARM, Limb, Placed, SidePose, norm, two_link

POSITIONS = ("hip", "pelvis")
ANGLES = ("torso", "spine", "neck")
PLANTED = 2.0  # a hand or foot that moves less than this between two poses stays put
# (end joint, limb field, segment lengths) of each limb, side view then front view
SIDE_LIMBS = [("ankle_n", "leg_n", THIGH, SHIN), ("ankle_f", "leg_f", THIGH, SHIN),
              ("wrist_n", "arm_n", UPPER_ARM, FOREARM), ("wrist_f", "arm_f", UPPER_ARM, FOREARM)]
FRONT_LIMBS = [("ankle_l", "leg_l", THIGH, SHIN), ("ankle_r", "leg_r", THIGH, SHIN),
               ("wrist_l", "arm_l", UPPER_ARM, FOREARM), ("wrist_r", "arm_r", UPPER_ARM, FOREARM)]


def mix(a: float, b: float, s: float) -> float:
    """The number a fraction s of the way from a to b."""
    return a + (b - a) * s


def mix_angle(a: float, b: float, s: float) -> float:
    """The angle a fraction s of the way from a to b, turning the short way."""
    return a + norm(b - a) * s


def mix_point(a: tuple[float, float], b: tuple[float, float], s: float) -> tuple[float, float]:
    """The point a fraction s of the way from a to b."""
    return (mix(a[0], b[0], s), mix(a[1], b[1], s))


def default_foot(pose, side: str, limb: Limb) -> float:
    """The hand or foot angle a pose draws when a limb leaves it out."""
    if side.startswith("arm"):
        return limb.lower
    if isinstance(pose, SidePose):
        return limb.lower + 90.0
    return limb.lower + (-1.0 if side.endswith("l") else 1.0) * pose.foot_out


def mix_limb(pa, pb, side: str, s: float) -> Limb:
    """One limb of two poses mixed: segment angles, the hand or foot angle, the scales."""
    a, b = getattr(pa, side), getattr(pb, side)
    foot = None
    if a.foot is not None or b.foot is not None:
        fa = a.foot if a.foot is not None else default_foot(pa, side, a)
        fb = b.foot if b.foot is not None else default_foot(pb, side, b)
        foot = mix_angle(fa, fb, s)
    scale = (mix(a.scale[0], b.scale[0], s), mix(a.scale[1], b.scale[1], s))
    return Limb(mix_angle(a.upper, b.upper, s), mix_angle(a.lower, b.lower, s), foot, scale)


def mix_pose(pa, pb, s: float):
    """Two poses of the same view mixed field by field."""
    if type(pa) is not type(pb):
        raise SystemExit(f"cannot mix a {type(pa).__name__} with a {type(pb).__name__}")
    out = copy.deepcopy(pa)
    for f in dataclasses.fields(pa):
        a, b = getattr(pa, f.name), getattr(pb, f.name)
        if isinstance(a, Limb):
            value = mix_limb(pa, pb, f.name, s)
        elif f.name in POSITIONS:
            value = mix_point(a, b, s)
        elif f.name in ANGLES:
            ref_a = a if a is not None else getattr(pa, "torso" if isinstance(pa, SidePose) else "spine")
            ref_b = b if b is not None else getattr(pb, "torso" if isinstance(pb, SidePose) else "spine")
            value = mix_angle(ref_a, ref_b, s)
        elif f.name == "allow":
            value = tuple(sorted(set(a) | set(b)))
        elif isinstance(a, (int, float)) and not isinstance(a, bool):
            value = mix(a, b, s)
        else:
            value = a
        setattr(out, f.name, value)
    return out


def bend_of(limb: Limb, root: tuple[float, float], end: tuple[float, float], l1: float, l2: float) -> int:
    """Which way a limb bends (+1 or -1, as `two_link` takes it) to reach `end` as it does."""
    ups = {bend: two_link(root, end, l1, l2, bend)[0] for bend in (1, -1)}
    return min(ups, key=lambda bend: abs(norm(ups[bend] - limb.upper)))


def hold_planted(out: Placed, a: Placed, b: Placed, s: float) -> None:
    """Reaches again each limb whose hand or foot stays put from `a` to `b`, so it does not slide."""
    if a.rotate or b.rotate:
        return
    pa, pb = a.points(), b.points()
    limbs = SIDE_LIMBS if isinstance(out.pose, SidePose) else FRONT_LIMBS
    for end, field_, l1, l2 in limbs:
        if math.dist(pa[end], pb[end]) >= PLANTED:
            continue
        limb: Limb = getattr(out.pose, field_)
        root_key = root_of(out.pose, field_)
        root = out.pose.points()[root_key]
        target = mix_point(pa[end], pb[end], s)
        target = (target[0] - out.shift[0], target[1] - out.shift[1])
        start = getattr(a.pose, field_)
        bend = bend_of(start, a.pose.points()[root_key], a.pose.points()[end],
                       l1 * start.scale[0], l2 * start.scale[1])
        upper, lower = two_link(root, target, l1 * limb.scale[0], l2 * limb.scale[1], bend)
        setattr(out.pose, field_, Limb(upper, lower, limb.foot, limb.scale))


def root_of(pose, field_: str) -> str:
    """The joint a limb hangs from."""
    if isinstance(pose, SidePose):
        return "shoulder" if field_.startswith("arm") else "hip"
    side = field_[-1]
    return ("shoulder_" if field_.startswith("arm") else "hip_") + side


def mix_placed(a: Placed, b: Placed, s: float) -> Placed:
    """Two placed poses mixed; the joints on the floor in both stay on it."""
    out = Placed(mix_pose(a.pose, b.pose, s), mix(a.rotate, b.rotate, s), mix_point(a.shift, b.shift, s),
                 [c for c in a.contacts if c in b.contacts])
    hold_planted(out, a, b, s)
    return out
