"""The 24 exercises of the shipped library, each as a start and an end pose.

Read each exercise's text in posts/exercises/ beside its drawing: the poses follow the set-up and
the movement it describes (side view unless the movement happens across the body; then from the
front, or from above on a mat).
"""

from __future__ import annotations

import copy
import math

from draw import (Scene, band_loop, band_ring, pad, panel_wall, post, roller, roller_top,
                  roller_under, wall, ROLLER_R)
from figure import (FOOT, HEEL, HIP_HALF, SHIN, THIGH, TORSO, FrontPose, Limb, Placed, SidePose,
                    arm_to, leg_to, polar, two_link, UPPER_ARM, FOREARM)
from layout import Exercise
from tween import mix, mix_placed

LH, TH, FH = 3.5, 5.5, 3.0  # half widths of a limb, the torso, a foot: a contact's height
EXERCISES: list[Exercise] = []


def side(hip, torso, arm_n, arm_f, leg_n, leg_f, contacts=(), **kw) -> Placed:
    """A side-view pose, placed as authored."""
    return Placed(SidePose(hip, torso, arm_n, arm_f, leg_n, leg_f, **kw), contacts=list(contacts))


def front(pelvis, spine, arm_l, arm_r, leg_l, leg_r, contacts=(), **kw) -> Placed:
    """A front-view (or from-above) pose, placed as authored."""
    return Placed(FrontPose(pelvis, spine, arm_l, arm_r, leg_l, leg_r, **kw), contacts=list(contacts))


def shoulder_of(hip, torso):
    """Where the shoulder is for a hip and a torso angle."""
    return polar(hip, torso, TORSO)


def kneel(thigh: float, foot: float = -110.0, knee_y: float = LH) -> Limb:
    """A kneeling leg: knee down, toes tucked on the floor behind it (shin rises to meet them)."""
    rise = FH - knee_y - FOOT * math.sin(math.radians(foot))
    return Limb(thigh, 180.0 - math.degrees(math.asin(rise / SHIN)), foot)


def toward(a, b) -> float:
    """The angle from point a to point b."""
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def add(*args, **kw) -> None:
    EXERCISES.append(Exercise(*args, **kw))


def between(a: Scene, b: Scene, s: float, **limbs: Limb) -> Scene:
    """A pose on the way from scene a to scene b (a fraction s), with some limbs set apart: where
    going straight from a to b would take a limb through the floor or the wrong way round."""
    placed = mix_placed(a.figure, b.figure, s)
    for name, limb in limbs.items():
        setattr(placed.pose, name, limb)
    return Scene(placed, a.props, a.floor, a.extra)


# ---------- lying on the back ----------

# Glute bridge: knees bent, feet flat; hips up to a straight shoulders-hips-knees line.
_gb_up = (95.9, 24.5)  # hip at the top: torso 204.4 degrees puts the shoulder at (54, 5.5)
add("glute-bridge",
    "Glute Bridge: lying on your back, knees bent and feet flat (start); hips lifted until shoulders, "
    "hips and knees form a straight line (end)",
    Scene(side((100, TH), 180, Limb(0, 0), Limb(0, 0), leg_to((100, TH), (132.3, FH), 0),
               leg_to((100, TH), (132.3, FH), 0), neck=164,
               contacts=["hip", "shoulder", "head", "heel_n", "toe_n"])),
    Scene(side(_gb_up, 204.4, Limb(0, 0), Limb(0, 0), leg_to(_gb_up, (132.3, FH), 0),
               leg_to(_gb_up, (132.3, FH), 0), neck=164, contacts=["shoulder", "head", "heel_n", "toe_n"])),
    )

# Single-leg bridge: one foot planted, the other leg straight in line with the thigh.
_sl_up = _gb_up
add("single-leg-glute-bridge",
    "Single-Leg Glute Bridge: lying on your back, one foot planted and the other leg straight in "
    "line with the bent thigh (start); hips lifted to a straight line from shoulder to knee, "
    "pelvis level (end)",
    Scene(side((100, TH), 180, Limb(0, 0), Limb(0, 0), Limb(55, 55, 140),
               leg_to((100, TH), (132.3, FH), 0), neck=164, contacts=["hip", "shoulder", "head", "heel_f"])),
    Scene(side(_sl_up, 204.4, Limb(0, 0), Limb(0, 0), Limb(24.4, 24.4, 110),
               leg_to(_sl_up, (132.3, FH), 0), neck=164, contacts=["shoulder", "head", "heel_f"])),
    )

# Dead bug: arms up, hips and knees at 90; one arm overhead and the opposite leg long, hovering.
# The animation works both sides: near arm and far leg, back to the start, far arm and near leg.
_db_reach, _db_up, _db_tuck, _db_long = Limb(174, 176), Limb(90, 90), Limb(90, 0, 60), Limb(8, 5, 80)


def _dead_bug(arm_n: Limb, arm_f: Limb, leg_n: Limb, leg_f: Limb) -> Scene:
    return Scene(side((120, TH), 180, arm_n, arm_f, leg_n, leg_f, neck=164,
                      contacts=["hip", "shoulder", "head"]))


_db_start = _dead_bug(_db_up, _db_up, _db_tuck, _db_tuck)
_db_end = _dead_bug(_db_reach, _db_up, _db_tuck, _db_long)
add("dead-bug",
    "Dead Bug: on your back, arms pointing up and hips and knees bent to 90 degrees (start); one arm "
    "reaches overhead while the opposite leg straightens, both hovering above the floor (end)",
    _db_start, _db_end,
    keys=[_db_start, _db_end, _dead_bug(_db_up, _db_up, _db_tuck, _db_tuck),
          _dead_bug(_db_up, _db_reach, _db_long, _db_tuck)],
    motion=[("hand_n", 18), ("ankle_f", -14)])

# ---------- hands and knees ----------

_qh = (60.0, THIGH + LH)  # hip over the knee
_qt = math.degrees(math.asin((UPPER_ARM + FOREARM + LH - _qh[1]) / TORSO))  # torso up to the shoulders
_qs = shoulder_of(_qh, _qt)
_knee_leg = kneel(-90)


def _quad(arm_n=None, arm_f=None, leg_n=None, leg_f=None, hip=_qh, torso=_qt, **kw) -> Placed:
    s = shoulder_of(hip, torso)
    straight = arm_to(s, (s[0], LH), 0)
    return side(hip, torso, arm_n or straight, arm_f or straight, leg_n or _knee_leg, leg_f or _knee_leg,
                contacts=kw.pop("contacts", ["knee_f", "wrist_f", "toe_f"]), **kw)


_bd_start = Scene(_quad(neck=_qt - 8))
_bd_end = Scene(_quad(arm_f=Limb(6, 6, 6), leg_n=Limb(186, 186, -84), neck=_qt - 10, contacts=["knee_f", "wrist_n"]))
add("bird-dog",
    "Bird Dog: on hands and knees, spine neutral (start); one arm reaches forward and the opposite "
    "leg reaches back until both line up with the body, hips level (end)",
    _bd_start, _bd_end,
    motion=[("hand_f", 12), ("toe_n", -10)],
    # the knee lifts off the floor before the leg reaches back, so the toes clear it
    keys=[_bd_start, between(_bd_start, _bd_end, 0.5, leg_n=Limb(-140, 150, -90), arm_f=Limb(-42, -42, -42)),
          _bd_end])

add("cat-camel",
    "Cat-Camel: on hands and knees, breathing out, the whole back rounds up with chin and tailbone "
    "tucked (start); breathing in, the belly drops and head and tailbone lift (end)",
    Scene(_quad(bend=8, neck=_qt - 45)),
    Scene(_quad(bend=-7, neck=_qt + 30)))

# Quadruped thoracic rotation: hips back toward the heels, a hand behind the head; the elbow
# turns down toward the other wrist, then up to the ceiling.
_tr_h = (58.0, 30.0)
_tr_t = math.degrees(math.asin((UPPER_ARM + FOREARM + LH - _tr_h[1]) / TORSO))
_tr_s = shoulder_of(_tr_h, _tr_t)
_tr_head = polar(_tr_s, _tr_t - 10, 16)
_tr_knee = (_tr_h[0] + math.sqrt(THIGH ** 2 - (_tr_h[1] - LH) ** 2), LH)
_tr_leg = kneel(toward(_tr_h, _tr_knee))
_tr_down = polar(_tr_s, -75, UPPER_ARM)
_tr_up = polar(_tr_s, 95, UPPER_ARM)
add("quadruped-thoracic-rotation",
    "Quadruped Thoracic Rotation: on hands and knees with the hips sitting back toward the heels and "
    "one hand behind the head, the elbow turned down toward the other wrist (start); the upper back "
    "turns open and the elbow points to the ceiling (end)",
    Scene(side(_tr_h, _tr_t, Limb(-75, toward(_tr_down, (_tr_head[0] - 2, _tr_head[1] + 4))),
               arm_to(_tr_s, (_tr_s[0] + 2, LH + 0.5), 0), _tr_leg, _tr_leg, neck=_tr_t - 35,
               contacts=["knee_f", "wrist_f"], allow=("elbow",))),
    Scene(side(_tr_h, _tr_t, Limb(95, toward(_tr_up, (_tr_head[0] - 3, _tr_head[1] + 6))),
               arm_to(_tr_s, (_tr_s[0] + 2, LH + 0.5), 0), _tr_leg, _tr_leg, neck=_tr_t + 25, shoulder_bar=10,
               contacts=["knee_f", "wrist_f"], allow=("shoulder", "elbow"))),  # a turn, not a bend
    motion=[("elbow_n", 24)])

# ---------- planks ----------

_pk_sh_y = UPPER_ARM + LH  # elbow under shoulder, forearm on the floor
_pk_feet = -80.0  # toes on the floor, heels up
_pk_ankle_y = FH + FOOT * math.sin(math.radians(-_pk_feet))
_pk_full = math.degrees(math.asin((_pk_sh_y - _pk_ankle_y) / (TORSO + THIGH + SHIN)))
_pk_knee = math.degrees(math.asin((_pk_sh_y - LH) / (TORSO + THIGH)))
_pk_arm = Limb(-90, 0, 0)
add("front-plank",
    "Front Plank: forearms on the floor with elbows under the shoulders, knees down (start); legs "
    "long on the toes, one straight line from head to heels (end)",
    Scene(side((100, 0), _pk_knee, _pk_arm, _pk_arm, kneel(180 + _pk_knee, -110), kneel(180 + _pk_knee, -110),
               contacts=["elbow_n", "wrist_n", "knee_n"]), anchor=("elbow_n", 150)),
    Scene(side((100, 0), _pk_full, _pk_arm, _pk_arm, Limb(180 + _pk_full, 180 + _pk_full, _pk_feet),
               Limb(180 + _pk_full, 180 + _pk_full, _pk_feet), contacts=["elbow_n", "wrist_n", "toe_n"]),
          anchor=("elbow_n", 150)),
    hold=True)

# Side plank, seen from the front: lying on one side propped on the elbow, then hips lifted into a
# straight line from head to heels; the top hand rests on the hip.


def _side_plank_pose(spine: float) -> FrontPose:
    """A side-lying front-view pose with the bottom leg reaching the floor and the feet stacked."""
    pose = FrontPose((0.0, 0.0), spine, Limb(-90, 180, 180, (1.0, 0.35)), Limb(0, 0), Limb(0, 0), Limb(0, 0),
                     neck=spine)
    p = pose.points()
    drop = p["hip_l"][1] - (p["elbow_l"][1])  # the elbow is on the floor
    leg = THIGH + SHIN
    a_l = -math.degrees(math.asin(max(-1.0, min(1.0, drop / leg))))
    pose.leg_l = Limb(a_l, a_l, a_l + 60)
    ankle_l = polar(p["hip_l"], a_l, leg)
    a_r = toward(p["hip_r"], (ankle_l[0], ankle_l[1] + 2 * LH))
    pose.leg_r = Limb(a_r, a_r, a_r + 60, scale=(min(1.0, math.dist(p["hip_r"], ankle_l) / leg),) * 2)
    up, fore = two_link(p["shoulder_r"], (p["hip_r"][0] - 3, p["hip_r"][1] + 5), UPPER_ARM, FOREARM, 1)
    pose.arm_r = Limb(up, fore, fore)
    return pose


def _side_plank(hips_down: bool) -> Placed:
    """Propped on the elbow with the hips down, or lifted so the bottom edge is one straight line."""
    if hips_down:
        return Placed(_side_plank_pose(135.0), contacts=["elbow_l", "ankle_l", "hip_l"])

    def bent(spine: float) -> float:
        p = _side_plank_pose(spine).points()
        a = toward(p["shoulder_l"], p["hip_l"])
        b = toward(p["hip_l"], p["ankle_l"])
        return abs(a - b)

    spine = min((150 + k * 0.5 for k in range(60)), key=bent)
    return Placed(_side_plank_pose(spine), contacts=["elbow_l", "ankle_l"])


add("side-plank",
    "Side Plank, seen from the front: lying on one side propped on the forearm, elbow under the "
    "shoulder (start); hips lifted so the body is one straight line from head to heels, top hand on "
    "the hip (end)",
    Scene(_side_plank(True), anchor=("elbow_l", 60)),
    Scene(_side_plank(False), anchor=("elbow_l", 60)),
    hold=True)

# ---------- kneeling and standing ----------

# Half-kneeling hip flexor stretch: back knee on a pad, front foot flat; tall, hips shift forward
# a few inches, the arm on the kneeling side reaches up.
_hk_pad = 5.0
_hk_knee = (60.0, _hk_pad + LH)
_hk_h0 = (60.0, _hk_knee[1] + THIGH)
_hk_h1 = (72.0, _hk_knee[1] + math.sqrt(THIGH ** 2 - 12 ** 2))
_hk_front = (_hk_h0[0] + 42, FH)
add("half-kneeling-hip-flexor-stretch",
    "Half-Kneeling Hip Flexor Stretch: kneeling on one knee on a pad, the other foot flat in front, "
    "sitting tall (start); hips shifted a few inches forward with the trunk upright and the arm of "
    "the kneeling side reaching overhead (end)",
    _hk_start := Scene(side(_hk_h0, 90, Limb(-95, -70), Limb(-80, -60), kneel(-90, -110, _hk_knee[1]),
                            leg_to(_hk_h0, _hk_front, 0), neck=92, contacts=["heel_f", "toe_f"]),
                       extra=[pad(_hk_knee[0] - 16, 32, _hk_pad)]),
    _hk_end := Scene(side(_hk_h1, 90, Limb(95, 98), Limb(-80, -60), kneel(toward(_hk_h1, _hk_knee), -110, _hk_knee[1]),
                          leg_to(_hk_h1, _hk_front, 0), neck=95, contacts=["heel_f", "toe_f"]),
                     extra=[pad(_hk_knee[0] - 16, 32, _hk_pad)]),
    keys=[_hk_start, between(_hk_start, _hk_end, 0.5, arm_n=Limb(0, 8)), _hk_end],
    hold=True)

# Ankle rock: half-kneeling facing a wall, hands on it; the front knee drives over the toes with
# the heel down, then rocks back.
_ar_h0 = (60.0, THIGH + LH)
_ar_front = (_ar_h0[0] + 40, FH)
_ar_wall = _ar_front[0] + FOOT + 12
_ar_h1 = (72.0, LH + math.sqrt(THIGH ** 2 - 12 ** 2))


def _ankle_rock(hip, torso) -> Placed:
    s = shoulder_of(hip, torso)
    hands = arm_to(s, (_ar_wall - LH - 1, s[1] + 6), 90)
    return side(hip, torso, hands, hands, leg_to(hip, _ar_front, 0), kneel(toward(hip, (60.0, LH)), -110),
                contacts=["heel_n", "toe_n", "knee_f"])


add("ankle-dorsiflexion-rock",
    "Ankle Dorsiflexion Rock: half-kneeling facing a wall with hands on it, front foot flat a few "
    "inches from the wall (start); the front knee drives forward over the toes while the heel stays "
    "down (end)",
    Scene(_ankle_rock(_ar_h0, 88), extra=[wall(_ar_wall, 150)]),
    Scene(_ankle_rock(_ar_h1, 84), extra=[wall(_ar_wall, 150)]),
    )

# Wall sit: back on the wall, feet out; slide down until thighs are level, knees over ankles.
_ws_wall = 40.0
_ws_h1 = (_ws_wall + TH + 1, SHIN + FH)
_ws_ankle = (_ws_h1[0] + THIGH, FH)
_ws_h0 = (_ws_wall + TH + 1, 68.0)
add("wall-sit",
    "Wall Sit: standing with the back against a wall and the feet walked out in front (start); slid "
    "down until the thighs are level and the knees are over the ankles, whole back on the wall (end)",
    Scene(side(_ws_h0, 90, Limb(-92, -88), Limb(-88, -84), leg_to(_ws_h0, _ws_ankle, 0),
               leg_to(_ws_h0, _ws_ankle, 0), contacts=["heel_n", "toe_n"]), extra=[wall(_ws_wall, 160, "right")]),
    Scene(side(_ws_h1, 90, arm_to(shoulder_of(_ws_h1, 90), (_ws_h1[0] + 22, _ws_h1[1] + 8), 0),
               arm_to(shoulder_of(_ws_h1, 90), (_ws_h1[0] + 18, _ws_h1[1] + 8), 0),
               leg_to(_ws_h1, _ws_ankle, 0), leg_to(_ws_h1, _ws_ankle, 0), contacts=["heel_n", "toe_n"]),
          extra=[wall(_ws_wall, 160, "right")]),
    hold=True)

# Mini band squat: band above the knees; sit down between the hips, knees pushed out over the toes.
_mb_ankle = (80.0, FH)
_mb_h0 = (_mb_ankle[0] - 4, THIGH + SHIN + FH - 1)
_mb_h1 = (_mb_ankle[0] - 34, 44.0)


def _band_knee(p: dict) -> list:
    thigh = toward(p["hip"], p["knee_n"])
    return [band_ring(polar(p["hip"], thigh, THIGH * 0.82), thigh)]


_mb_start = side(_mb_h0, 90, Limb(-92, -85), Limb(-88, -82), leg_to(_mb_h0, _mb_ankle, 0),
                 leg_to(_mb_h0, _mb_ankle, 0), contacts=["heel_n", "toe_n"])
_mb_end = side(_mb_h1, 58, Limb(2, 2), Limb(-2, -2), leg_to(_mb_h1, _mb_ankle, 0), leg_to(_mb_h1, _mb_ankle, 0),
               neck=75, contacts=["heel_n", "toe_n"])
add("mini-band-squat",
    "Mini Band Squat: standing tall with a mini band just above the knees (start); sitting down "
    "between the hips, knees pushed out against the band over the toes, heels down (end)",
    Scene(_mb_start, _band_knee),
    Scene(_mb_end, _band_knee))

# ---------- foam roller ----------

R2 = 2 * ROLLER_R  # a roller's height


def _rolled(scene_pose, where, rx, half=LH, **kw) -> Scene:
    """A scene with a roller at x = rx under the body point `where(points)`; the body is shifted so
    that point sits on the roller."""
    pt = where(scene_pose.points())
    scene_pose.shift = (rx - pt[0], 0.0)
    return Scene(scene_pose, lambda p: [roller_under(where(p), half)], **kw)


# Quads: forearm plank with the roller under the thighs, from below the hip to above the knee.
def _quads(t: float) -> Placed:
    contact = R2 + LH
    slope = math.degrees(math.asin((_pk_sh_y - contact) / (TORSO + THIGH * t)))
    legs = Limb(180 + slope, 155 + slope, 215 + slope)  # knees soft, feet off the floor
    return side((0.0, 0.0), slope, _pk_arm, _pk_arm, legs, legs, contacts=["elbow_n", "wrist_n"])


def _on_thigh(t):
    return lambda p: polar(p["hip"], toward(p["hip"], p["knee_n"]), THIGH * t)


add("foam-roll-quads",
    "Foam Roll: Quads: in a forearm plank with a foam roller under the front of the thighs just "
    "below the hips (start); the forearms pull the body forward so the roller travels to just above "
    "the knees (end)",
    _rolled(_quads(0.2), _on_thigh(0.2), 110),
    _rolled(_quads(0.85), _on_thigh(0.85), 110),
    sweep=lambda s: _rolled(_quads(mix(0.2, 0.85, s)), _on_thigh(mix(0.2, 0.85, s)), 110))


# Calves: seated, hands behind, hips lifted; one leg crossed over the other, the roller travelling
# from above the ankle to below the knee.
def _calves() -> Placed:
    hip = (0.0, R2 + LH + 4)
    torso = 180 - math.degrees(math.asin((UPPER_ARM + FOREARM + LH - hip[1]) / TORSO))
    s = shoulder_of(hip, torso)
    arms = arm_to(s, (s[0] - 6, LH + 0.5), 180)
    leg_f = Limb(-3, -3, 85)
    leg_n = Limb(3, -1, 80)
    return side(hip, torso, arms, arms, leg_n, leg_f, neck=torso - 40, contacts=["wrist_f"])


def _on_calf(t):
    return lambda p: polar(p["knee_f"], toward(p["knee_f"], p["ankle_f"]), SHIN * t)


add("foam-roll-calves",
    "Foam Roll: Calves: sitting with hands on the floor behind, hips lifted, one leg crossed over "
    "the other and a foam roller under the calf just above the ankle (start); the body moves so "
    "the roller reaches just below the knee (end)",
    _rolled(_calves(), _on_calf(0.85), 130),
    _rolled(_calves(), _on_calf(0.15), 130),
    sweep=lambda s: _rolled(_calves(), _on_calf(mix(0.85, 0.15, s)), 130))


# Glutes: sitting on the roller, hands behind, one ankle across the other knee (figure four).
def _glutes(lean: float) -> Placed:
    hip = (0.0, R2 + TH + 2)
    torso = 180 - math.degrees(math.asin((UPPER_ARM + FOREARM + LH - hip[1]) / TORSO)) + lean
    s = shoulder_of(hip, torso)
    arms = arm_to(s, (s[0] - 10, LH + 0.5), 180)
    ankle_f = (hip[0] + 48, FH)
    leg_f = leg_to(hip, ankle_f, 0)
    knee_f = polar(hip, leg_f.upper, THIGH)
    leg_n = leg_to(hip, (knee_f[0] - 2, knee_f[1] + 8), None, scale=(0.72, 0.6), bend=-1)
    return side(hip, torso, arms, arms, leg_n, leg_f, neck=torso - 40, contacts=["wrist_f", "heel_f", "toe_f"],
                allow=("knee", "hip"))  # the crossed leg turns out toward the viewer


def _on_seat(dx: float):
    return lambda p: (p["hip"][0] + dx, p["hip"][1])


add("foam-roll-glutes",
    "Foam Roll: Glutes: sitting on a foam roller with hands on the floor behind, one ankle crossed "
    "over the opposite knee, the roller near the top of the pelvis (start); rolling slowly down "
    "toward the crease under the buttock (end)",
    _rolled(_glutes(0), _on_seat(-7), 100, TH + 2),
    _rolled(_glutes(0), _on_seat(4), 100, TH + 2),
    sweep=lambda s: _rolled(_glutes(0), _on_seat(mix(-7, 4, s)), 100, TH + 2))


# Thoracic spine: lying back on the roller under the shoulder blades, arms crossed over the chest,
# feet planted and hips a few inches up; roll from the bottom to the top of the shoulder blades.
def _t_roll(t: float, rx: float) -> Scene:
    contact = R2 + TH
    hip_y = 16.0
    torso = 180 - math.degrees(math.asin((contact - hip_y) / (TORSO * t)))
    hip = (rx - TORSO * t * math.cos(math.radians(180 - torso)) * -1, hip_y)
    hip = (rx + TORSO * t * math.cos(math.radians(180 - torso)), hip_y)
    feet = (rx + 84, FH)
    s = shoulder_of(hip, torso)
    front = torso - 90
    elbow = polar(s, front + 20, UPPER_ARM)
    arms = Limb(front + 20, toward(elbow, polar(s, torso + 180, 6)))
    pose = side(hip, torso, arms, arms, leg_to(hip, feet, 0), leg_to(hip, feet, 0), neck=torso - 25,
                contacts=["heel_n", "toe_n"], allow=("elbow",))
    return Scene(pose, lambda p: [roller((rx, ROLLER_R))])


add("foam-roll-thoracic-spine",
    "Foam Roll: Thoracic Spine: lying back on a foam roller under the shoulder blades, arms crossed "
    "over the chest, feet planted and hips lifted a few inches (start); the feet push so the roller "
    "travels up to the top of the shoulder blades (end)",
    _t_roll(0.62, 60), _t_roll(0.9, 60),
    sweep=lambda s: _t_roll(mix(0.62, 0.9, s), 60))

# Thoracic extension: glutes on the floor, roller under the shoulder blades, hands behind the head
# and elbows forward; the upper back bends back over the roller and comes back up.


def _t_ext(drop: float) -> Scene:
    rx = 40.0
    hip = (rx + 38, TH)
    torso = 180 - math.degrees(math.asin((R2 + TH - TH) / 38)) - drop
    s = shoulder_of(hip, torso)
    front = torso - 90
    head = polar(s, torso - 10, 16)
    elbow = polar(s, front + 25, UPPER_ARM)
    arms = Limb(front + 25, toward(elbow, polar(head, torso + 90, 6)))
    feet = (hip[0] + 48, FH)
    pose = side(hip, torso, arms, arms, leg_to(hip, feet, 0), leg_to(hip, feet, 0), neck=torso - 10,
                bend=-drop / 4, contacts=["hip", "heel_n"], allow=("elbow",))
    return Scene(pose, lambda p: [roller((rx, ROLLER_R))])


add("thoracic-extension-on-roller",
    "Thoracic Extension on Foam Roller: sitting with a foam roller across the back just under the "
    "shoulder blades, hands behind the head, knees bent and glutes on the floor (start); the upper "
    "back bends back over the roller, head and elbows travelling toward the floor (end)",
    _t_ext(0), _t_ext(16),
    sweep=lambda s: _t_ext(16 * s))

# ---------- across the body: from the front, or from above ----------


def limb_through(root, mid, end, l1: float, l2: float, tip: float | None = None) -> Limb:
    """A limb drawn through three points: angles from the points, foreshortening from the lengths."""
    return Limb(toward(root, mid), toward(mid, end), tip,
                (min(1.0, math.dist(root, mid) / l1), min(1.0, math.dist(mid, end) / l2)))


def _hands_on_hips(pose: FrontPose) -> None:
    p = pose.points()
    for side_, sign in (("l", -1), ("r", 1)):
        up, fore = two_link(p["shoulder_" + side_], (p["hip_" + side_][0] + sign * 2, p["hip_" + side_][1] + 7),
                            UPPER_ARM, FOREARM, sign)
        setattr(pose, "arm_" + side_, Limb(up, fore, fore - sign * 50))


def _band_walk(step: float) -> Placed:
    pose = FrontPose((0.0, 0.0), 90, Limb(0, 0), Limb(0, 0),
                     Limb(-104, -86, None, (0.85, 0.97)), Limb(-76 + step, -94 + step * 0.6, None, (0.85, 0.97)))
    p = pose.points()
    if step:
        knee = polar(p["hip_r"], -62, THIGH * 0.95)
        pose.leg_r = limb_through(p["hip_r"], knee, (knee[0] + 10, p["ankle_l"][1]), THIGH, SHIN, -64)
    _hands_on_hips(pose)
    return Placed(pose, contacts=["toe_l", "toe_r"])


def _knee_band(p) -> list:
    ends = [polar(p["hip_" + s_], toward(p["hip_" + s_], p["knee_" + s_]), 0.82 * math.dist(p["hip_" + s_], p["knee_" + s_]))
            for s_ in ("l", "r")]
    return [band_loop(ends[0], ends[1])]


_bw_start = Scene(_band_walk(0), _knee_band, anchor=("ankle_l", 80))
_bw_step = Scene(_band_walk(24), _knee_band, anchor=("ankle_l", 80))
_bw_step.layout()
# The walk goes on: the trailing foot follows to hip-width (the start pose, where the lead foot
# landed); played back and forth, the figure walks one step out and one step back.
_bw_follow = Scene(_band_walk(0), _knee_band, anchor=("ankle_r", _bw_step.figure.points()["ankle_r"][0]))
add("mini-band-walk",
    "Mini Band Walk, seen from the front: a mini band above the knees, feet hip-width in a quarter "
    "squat (start); one foot steps out to the side against the band, knees pushed out (end)",
    _bw_start, _bw_step,
    motion=[("toe_r", 8)],
    keys=[_bw_start, _bw_step, _bw_follow])

add("wall-slide",
    "Wall Slide, seen from the front: back against a wall, arms in a goalpost with elbows bent to 90 "
    "degrees (start); arms slid up the wall into a Y without shrugging (end)",
    Scene(Placed(FrontPose((0.0, THIGH + SHIN + FH - 1), 90, Limb(180, 90, 90), Limb(0, 90, 90),
                           Limb(-93, -90), Limb(-87, -90)), contacts=["toe_l"]),
          extra=[panel_wall(-62, 62, 190)]),
    Scene(Placed(FrontPose((0.0, THIGH + SHIN + FH - 1), 90, Limb(122, 112, 112), Limb(58, 68, 68),
                           Limb(-93, -90), Limb(-87, -90)), contacts=["toe_l"]),
          extra=[panel_wall(-62, 62, 190)]),
    motion=[("hand_r", -10)])


def _from_above(arm_l, arm_r, leg_l, leg_r) -> Placed:
    """A figure standing or sitting, seen from above: facing down the page, its torso foreshortened."""
    return Placed(FrontPose((0.0, 0.0), 90, arm_l, arm_r, leg_l, leg_r, torso_scale=0.2, neck_scale=0.25))


def _pallof(reach: float) -> Scene:
    """Standing side-on to a band anchored at chest height (the post is drawn behind)."""
    hip = (0.0, THIGH + SHIN + FH - 3)
    s = shoulder_of(hip, 90)
    ankle = (hip[0] + 3, FH)
    hands = (s[0] + 16 + reach, s[1] - 14 + reach * 0.2)
    arm = arm_to(s, hands, 0)
    post_x = hip[0] - 62
    return Scene(side(hip, 90, arm, arm, leg_to(hip, ankle, 0), leg_to(hip, (ankle[0] + 6, FH), 0),
                      contacts=["heel_n", "toe_n"]),
                 extra=[post(post_x, 140, s[1] - 14, (hands[0] + 4, hands[1]))])


add("pallof-press",
    "Pallof Press: standing side-on to a band anchored at chest height, hands "
    "holding the band at the middle of the chest (start); arms pressed straight out from the chest "
    "while the trunk stays square to the front (end)",
    _pallof(0), _pallof(32),
    sweep=lambda s: _pallof(32 * s))

# 90/90 hip switch: sitting tall with the hands on the floor behind, knees up and feet flat a
# little wider than the hips (start); both knees lowered toward the viewer, the front thigh along
# the floor ahead with its shin across toward the viewer, the back thigh toward the viewer with its
# shin along the floor behind (end): each knee at 90 degrees, the across parts foreshortened.
def _ninety(down: bool) -> Placed:
    hip = (0.0, TH)
    torso = 96.0
    s = shoulder_of(hip, torso)
    arms = arm_to(s, (s[0] - 18, LH + 0.5), 180)
    if down:
        front = Limb(-3, 0, 0, (1.0, 0.3))  # far leg: thigh ahead, shin across (toward the viewer)
        back = Limb(-10, 180, 180, (0.28, 1.0))  # near leg: thigh toward the viewer, shin behind
        return side(hip, torso, arms, arms, back, front, neck=92, contacts=["wrist_n", "ankle_n"],
                    allow=("hip", "knee", "ankle"))  # the legs turn out of the picture's plane
    legs = leg_to(hip, (hip[0] + 50, FH), 0)
    return side(hip, torso, arms, arms, legs, leg_to(hip, (hip[0] + 54, FH), 0), neck=92,
                contacts=["wrist_n", "heel_n", "toe_n", "hip"])


def _turned_leg(hip, start: Limb, end: Limb, s: float, foot: float) -> Limb:
    """A leg turning out of the picture's plane from `start` to `end` with its foot on the floor:
    the thigh turns steadily; the shin leans toward the viewer as far as the ankle's height on
    the floor needs, and is drawn as its shadow on the picture (shorter, the nearer it points at
    the viewer)."""
    def vec(angle, scale):
        a = math.radians(angle)
        return (scale * math.cos(a), scale * math.sin(a), math.sqrt(max(0.0, 1 - scale * scale)))
    t0, t1 = vec(start.upper, start.scale[0]), vec(end.upper, end.scale[0])
    t = [mix(a, b, s) for a, b in zip(t0, t1)]
    n = math.sqrt(sum(c * c for c in t))
    tx, ty = t[0] / n, t[1] / n
    # the ankle stays on the floor, lifted by the heel as a foot turns over through upright
    ankle_y = mix(FH, LH, s) + HEEL * max(0.0, math.sin(math.radians(foot)))
    sy = (ankle_y - hip[1] - THIGH * ty) / SHIN
    sx = mix(vec(start.lower, start.scale[1])[0], vec(end.lower, end.scale[1])[0], s)
    sx = max(-math.sqrt(max(0.0, 1 - sy * sy)), min(sx, math.sqrt(max(0.0, 1 - sy * sy))))
    return Limb(math.degrees(math.atan2(ty, tx)), math.degrees(math.atan2(sy, sx)), foot,
                (min(1.0, math.hypot(tx, ty)), min(1.0, math.hypot(sx, sy))))


def _ninety_at(s: float) -> Scene:
    """On the way from knees up to 90/90: both legs turn toward the viewer, feet on the floor."""
    up, down = _ninety(False).pose, _ninety(True).pose
    pose = copy.deepcopy(up)
    pose.leg_n = _turned_leg(up.hip, up.leg_n, down.leg_n, s, 180 * s)  # the foot turns over its toes
    pose.leg_f = _turned_leg(up.hip, up.leg_f, down.leg_f, s, 0)
    pose.allow = ("hip", "knee", "ankle")
    return Scene(Placed(pose, contacts=["wrist_n", "hip"]))


add("ninety-ninety-hip-switch",
    "90/90 Hip Switch: sitting tall with hands on the floor behind, knees bent and feet flat a little "
    "wider than the hips (start); both knees lowered to one side so the front leg and the back leg "
    "each bend to 90 degrees, front thigh ahead and back shin behind (end)",
    Scene(_ninety(False)), Scene(_ninety(True)),
    sweep=_ninety_at)

# Open book, from above: lying on one side, hips and knees at 90 degrees, the top knee pinned on a
# roller, arms together in front (start); the top arm sweeps over and the chest opens (end).


def _open_book(turn: float) -> Scene:
    """`turn` 0: arms together in front; 1: the top arm over on the floor behind. Seen from above,
    the sweeping arm points at the viewer half-way (drawn shortened), as the chest turns open."""
    c = math.cos(math.pi * turn)
    angle = 90 if c >= 0 else -100
    length = max(abs(c), 0.08)
    top = Limb(angle, angle, angle, (length, length))
    pose = SidePose((0.0, 0.0), 180, top, Limb(90, 90, 90), Limb(90, 0, 90), Limb(86, -4, 86), neck=180,
                    shoulder_bar=11 * turn, allow=("shoulder",) if c < 0 else ())
    return Scene(Placed(pose), lambda p: [roller_top(p["knee_n"], 0, 36)], floor=False)


add("open-book",
    "Open Book, seen from above: lying on one side with hips and knees bent to 90 degrees, the top "
    "knee resting on a foam roller, arms straight out in front with palms together (start); the top "
    "arm sweeps up and over and the chest turns open toward the floor behind, the knee staying down "
    "(end)",
    _open_book(0), _open_book(1),
    motion=[("hand_n", 30)],
    sweep=_open_book)


# Foam roll adductors, from above: lying face down on the forearms, one leg bent out to the side
# with the inner thigh on a roller that lies parallel to the body; the body shifts sideways so the
# roller moves from above the knee toward the groin.
def _adductors(t: float) -> Scene:
    pose = FrontPose((0.0, 0.0), 180, Limb(175, 180, 180, (0.25, 1.0)), Limb(185, 180, 180, (0.25, 1.0)),
                     Limb(-5, -3, -3), Limb(92, 2, 2), neck=180, foot_out=90)
    p = pose.points()
    on_thigh = polar(p["hip_r"], 92, THIGH * t)
    placed = Placed(pose, shift=(0.0, -on_thigh[1]))
    return Scene(placed, lambda q: [roller_top((q["hip_r"][0] + 4, 0.0), 0, 66)], floor=False)


add("foam-roll-adductors",
    "Foam Roll: Adductors, seen from above: lying face down on the forearms, one leg bent out to the "
    "side with the inner thigh across a foam roller that lies parallel to the body, just above the "
    "knee (start); the body shifts sideways so the roller works up toward the groin (end)",
    _adductors(0.85), _adductors(0.3),
    motion=[("head", 0)],
    sweep=lambda s: _adductors(mix(0.85, 0.3, s)))


# Clamshell, from the front and a little above: lying on one side, head on the lower arm, hips and
# knees bent, heels together; the top knee opens while the feet stay together and the hips stay stacked.
def _clam(open_: float) -> Placed:
    pose = FrontPose((0.0, 0.0), 176, Limb(182, 180, 180, (0.95, 0.9)), Limb(0, 0), Limb(0, 0), Limb(0, 0),
                     neck=180, tilt=0)
    p = pose.points()
    hl, hr = p["hip_l"], p["hip_r"]
    knee_l = (hl[0] + 26, hl[1] - 12)
    ankle_l = (hl[0] + 48, hl[1] - 1)
    knee_r = (knee_l[0] - 3 * open_ / 30, knee_l[1] + 13 + open_)
    ankle_r = (ankle_l[0], ankle_l[1] + 6)
    pose.leg_l = limb_through(hl, knee_l, ankle_l, THIGH, SHIN, 10)
    pose.leg_r = limb_through(hr, knee_r, ankle_r, THIGH, SHIN, 10)
    up, fore = two_link(p["shoulder_r"], (hr[0] - 4, hr[1] + 6), UPPER_ARM, FOREARM, 1)
    pose.arm_r = Limb(up, fore, fore)
    return Placed(pose, contacts=["knee_l"])


add("clamshell",
    "Clamshell, seen from the front: lying on one side with the head on the lower arm, hips and knees "
    "bent and heels together, top hand on the hip (start); the top knee lifts while the feet stay "
    "together and the hips stay stacked (end)",
    Scene(_clam(0)), Scene(_clam(26)),
    motion=[("knee_r", 8)],
    sweep=lambda s: Scene(_clam(26 * s)))
