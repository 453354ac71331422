"""Exercise pictures: every catalog entry has one, each is plain, safe SVG that stays inside its
frame, stands on its floor, comes out the same every time, and a bad pose in a file is named."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from strideback.core.catalog import Catalog, Position, load_catalog
from strideback.core.catalog.pose import Arm, Arrow, Leg, Point, Pose, Props
from strideback.core.drawing.figures import (
    BASES,
    Drawing,
    default_pose,
    exercise_drawing,
    exercise_figure,
    figure_operators,
    render_pose,
)
from strideback.core.drawing.figures.paint import _arc
from strideback.core.drawing.figures.render import WIDTH, pose_drawing
from strideback.core.errors import InputError

SVG = "{http://www.w3.org/2000/svg}"
DATA = Path(__file__).resolve().parents[2] / "strideback" / "core" / "data" / "exercises"
CATALOG = load_catalog()
IDS = sorted(CATALOG.exercises)
ALLOWED_TAGS = {"svg", "title", "g", "line", "circle", "ellipse", "rect", "polyline", "path"}
ALLOWED_ATTRIBUTES = {
    "xmlns",
    "viewBox",
    "role",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "width",
    "height",
    "points",
    "d",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def tag(element: ET.Element) -> str:
    return element.tag.removeprefix(SVG)


def extents(root: ET.Element) -> list[tuple[float, float]]:
    """Every point a drawing reaches: coordinates widened by radii and half stroke widths."""
    reached: list[tuple[float, float]] = []
    for element in root.iter():
        a = element.attrib
        half = float(a.get("stroke-width", 0)) / 2 if a.get("stroke", "none") != "none" else 0
        name = tag(element)
        points: list[tuple[float, float]] = []
        pad_x = pad_y = half
        if name == "line":
            points = [(float(a["x1"]), float(a["y1"])), (float(a["x2"]), float(a["y2"]))]
        elif name == "polyline":
            pairs = a["points"].split()
            points = [(float(p.split(",")[0]), float(p.split(",")[1])) for p in pairs]
        elif name == "circle":
            points = [(float(a["cx"]), float(a["cy"]))]
            pad_x = pad_y = float(a["r"]) + half
        elif name == "ellipse":
            points = [(float(a["cx"]), float(a["cy"]))]
            pad_x, pad_y = float(a["rx"]) + half, float(a["ry"]) + half
        elif name == "rect":
            x, y = float(a["x"]), float(a["y"])
            points = [(x, y), (x + float(a["width"]), y + float(a["height"]))]
        elif name == "path":
            points = path_points(a["d"])
        for x, y in points:
            reached += [(x - pad_x, y - pad_y), (x + pad_x, y + pad_y)]
    return reached


def path_points(d: str) -> list[tuple[float, float]]:
    """Points along a path: the ends of M and L, and samples along each arc (A)."""
    points: list[tuple[float, float]] = []
    for command, body in re.findall(r"([MLAZ])([^MLAZ]*)", d):
        numbers = [float(n) for n in body.split()]
        if command in "ML":
            points.append((numbers[0], numbers[1]))
        elif command == "A":
            points += arc_points(points[-1], numbers)
    return points


def arc_points(start: tuple[float, float], numbers: list[float]) -> list[tuple[float, float]]:
    """Samples along a circular SVG arc, from its end-point form (SVG 1.1, appendix F.6.5)."""
    r, _, _, large, sweep, x2, y2 = numbers
    x1, y1 = start
    hx, hy = (x1 - x2) / 2, (y1 - y2) / 2
    half_chord = hx * hx + hy * hy
    r = max(r, math.sqrt(half_chord))
    coef = math.sqrt(max(0.0, (r * r - half_chord) / half_chord)) if half_chord else 0.0
    coef = -coef if large == sweep else coef
    cx, cy = coef * hy + (x1 + x2) / 2, -coef * hx + (y1 + y2) / 2
    theta = math.atan2(y1 - cy, x1 - cx)
    turn = math.atan2(y2 - cy, x2 - cx) - theta
    if sweep and turn < 0:
        turn += 2 * math.pi
    if not sweep and turn > 0:
        turn -= 2 * math.pi
    steps = 24
    return [
        (cx + r * math.cos(theta + turn * i / steps), cy + r * math.sin(theta + turn * i / steps))
        for i in range(steps + 1)
    ]


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(n) for n in root.attrib["viewBox"].split())
    return x, y, x + w, y + h


def assert_inside(svg: str) -> None:
    root = parse(svg)
    low_x, low_y, high_x, high_y = view_box(root)
    for x, y in extents(root):
        assert low_x - 0.11 <= x <= high_x + 0.11, (x, svg)
        assert low_y - 0.11 <= y <= high_y + 0.11, (y, svg)


def assert_clean(svg: str) -> None:
    root = parse(svg)
    assert tag(root) == "svg"
    assert "width" not in root.attrib
    assert "height" not in root.attrib
    assert root.attrib["role"] == "img"
    for element in root.iter():
        assert tag(element) in ALLOWED_TAGS, tag(element)
        assert set(element.attrib) <= ALLOWED_ATTRIBUTES, element.attrib
        if tag(element) == "path":
            assert re.fullmatch(r"[MLAZ0-9 .\-]+", element.attrib["d"]), element.attrib["d"]
    assert "<script" not in svg
    assert "style" not in svg
    assert " id=" not in svg


# ---------------------------------------------------------------------------------------
# The catalog's pictures.


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_catalog_exercise_has_a_pose_and_a_clean_titled_figure(exercise_id: str) -> None:
    exercise = CATALOG.exercise(exercise_id)
    assert exercise.pose is not None, f"{exercise_id} has no pose"
    svg = exercise_figure(exercise)
    assert_clean(svg)
    assert_inside(svg)
    title = parse(svg).find(f"{SVG}title")
    assert title is not None
    assert exercise.name in (title.text or "")


def test_the_catalog_covers_every_exercise_file() -> None:
    files = sorted(path.stem for path in DATA.glob("*.yaml"))
    assert files == IDS
    assert len(IDS) >= 28


def test_a_title_with_markup_is_escaped() -> None:
    svg = render_pose(Pose(base="standing"), title='Squats & lunges <fast> "now"')
    title = parse(svg).find(f"{SVG}title")
    assert title is not None
    assert title.text == 'Squats & lunges <fast> "now"'


def test_figures_differ_between_positions(catalog: Catalog) -> None:
    pictures = {exercise_figure(e).split("</title>")[1] for e in catalog.exercises.values()}
    # Walks share a picture, as do the bridges and the lying squeezes; most differ.
    assert len(pictures) >= 22


@pytest.mark.parametrize("position", get_args(Position))
def test_an_exercise_without_a_pose_gets_a_plain_figure_of_its_position(
    catalog: Catalog, position: str
) -> None:
    exercise = catalog.exercise("easy_walk").model_copy(update={"pose": None, "position": position})
    svg = exercise_figure(exercise)
    assert_clean(svg)
    assert_inside(svg)
    assert svg == render_pose(default_pose(position), title="Easy walk: the key position")


def test_every_catalog_position_has_a_base_posture() -> None:
    assert set(get_args(Position)) <= set(BASES)


def svg_points(element: ET.Element) -> list[tuple[float, float]]:
    """Where an SVG element's outline starts and turns, as the PDF operators move and line."""
    a = {name: float(value) for name, value in element.attrib.items() if name[0] in "xycrwh"}
    kind = tag(element)
    if kind == "line":
        return [(a["x1"], a["y1"]), (a["x2"], a["y2"])]
    if kind == "polyline":
        pairs = element.attrib["points"].split()
        return [(float(x), float(y)) for x, y in (pair.split(",") for pair in pairs)]
    if kind == "circle":
        return [(a["cx"] + a["r"], a["cy"])]
    if kind == "ellipse":
        return [(a["cx"] + a["rx"], a["cy"])]
    if kind == "rect":
        return [(a["x"], a["y"] + a["height"])]  # its lower-left corner
    moves = re.findall(r"([ML])(-?[\d.]+) (-?[\d.]+)", element.attrib["d"])
    return [(float(x), float(y)) for _, x, y in moves]


def svg_colours(element: ET.Element) -> list[str]:
    """The colours an SVG element is painted in, as PDF operators set them."""
    found = []
    for name, operator, default in (("fill", "rg", "#000000"), ("stroke", "RG", "none")):
        value = element.attrib.get(name, default)
        if value == "none" or (name == "fill" and tag(element) == "line"):
            continue
        levels = (int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))
        found.append(" ".join(f"{v:.3f}".rstrip("0").rstrip(".") or "0" for v in levels))
        found[-1] += f" {operator}"
    return found


def assert_pdf_drawing_matches_svg(drawing: Drawing, svg: str) -> None:
    """The PDF operators (drawn a point per picture unit) paint the SVG's elements, in order,
    through the same points (the SVG's to a tenth, a rectangle's corner to two tenths), in the
    same colours."""
    elements = [e for e in parse(svg) if tag(e) != "title"]
    operators = figure_operators(drawing, WIDTH).split("\n")[1:]  # after the miter limit
    assert len(operators) == len(elements)
    for element, line in zip(elements, operators, strict=True):
        moves = re.findall(r"(-?[\d.]+) (-?[\d.]+) (?:m|l|-?[\d.]+ -?[\d.]+ re)\b", line)
        points = [(float(x), -float(y)) for x, y in moves]
        expected = svg_points(element)
        assert len(points) == len(expected), (line, ET.tostring(element))
        for (x, y), (sx, sy) in zip(points, expected, strict=True):
            assert (x, y) == pytest.approx((sx, sy), abs=0.11), (line, ET.tostring(element))
        for colour in svg_colours(element):
            assert colour in line, (colour, line)
        assert line.endswith((" S", " f", " B")), line


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_pdf_draws_each_figure_as_its_svg_does(exercise_id: str) -> None:
    exercise = CATALOG.exercise(exercise_id)
    assert_pdf_drawing_matches_svg(exercise_drawing(exercise), exercise_figure(exercise))


def test_the_pdf_draws_an_arc_as_svg_defines_it() -> None:
    # Half a circle of radius 1 from (1, 0) to (-1, 0): the way round depends on the sweep.
    for sweep, through_y in ((True, 1.0), (False, -1.0)):
        curves = _arc((1.0, 0.0), (-1.0, 0.0), 1.0, 1.0, False, sweep)
        assert len(curves) == 2
        assert curves[0][2] == pytest.approx((0.0, through_y))
        assert curves[1][2] == pytest.approx((-1.0, 0.0))
    # A radius too small to join the ends is scaled up, as SVG does.
    (only,) = _arc((0.0, 0.0), (2.0, 0.0), 0.5, 0.5, False, True)[:1]
    assert only[0][1] < 0  # leaves upwards on the page: y down, sweep positive
    # Three quarters of the way round takes three quarter turns.
    assert len(_arc((1.0, 0.0), (0.0, -1.0), 1.0, 1.0, True, False)) == 3


# ---------------------------------------------------------------------------------------
# Any valid pose.


def angle(low: int, high: int) -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(low, high)


legs = st.builds(
    Leg,
    hip=angle(-45, 150),
    hip_out=angle(-20, 90),
    knee=angle(0, 160),
    ankle=angle(-40, 90),
)
arms = st.builds(
    Arm,
    shoulder=angle(-60, 180),
    shoulder_out=angle(-20, 180),
    elbow=angle(0, 160),
)
points = st.sampled_from(list(get_args(Point)))
props = st.builds(
    Props,
    wall=st.none() | st.sampled_from(["in_front", "behind", "near_side", "far_side"]),
    chair=st.none() | points,
    step=st.none() | points,
    ball=st.none() | points,
    squeeze_ball=st.booleans(),
    band=st.none() | st.sampled_from(["knees", "ankles"]),
    cushion=st.none() | points,
    mat=st.booleans(),
)
arrows = st.none() | st.builds(
    Arrow,
    at=points,
    direction=st.sampled_from(["up", "down", "forward", "back", "out", "in", "circle", "rock"]),
    both_ways=st.booleans(),
)


@st.composite
def poses(draw: st.DrawFn) -> Pose:
    fields: dict[str, Any] = {
        "view": draw(
            st.sampled_from(["side", "front", "back", "three_quarter", "three_quarter_back"])
        ),
        "base": draw(st.sampled_from(sorted(BASES))),
        "torso": draw(angle(-120, 120)),
        "head": draw(angle(-45, 60)),
        "legs": draw(legs),
        "near_leg": draw(legs),
        "far_leg": draw(legs),
        "arms": draw(arms),
        "near_arm": draw(arms),
        "far_arm": draw(arms),
        "lift": draw(st.integers(0, 60)),
        "props": draw(props),
        "arrow": draw(arrows),
    }
    try:
        return Pose(**fields)
    except ValidationError:
        assume(False)
        raise


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(poses())
def test_any_valid_pose_gives_clean_svg_inside_its_view_box(pose: Pose) -> None:
    svg = render_pose(pose, title="Any pose")
    assert_clean(svg)
    assert_inside(svg)
    assert_pdf_drawing_matches_svg(pose_drawing(pose), svg)


def ground_y(root: ET.Element) -> float:
    first_line = next(e for e in root.iter() if tag(e) == "line")
    return float(first_line.attrib["y1"])


def lowest_body_point(root: ET.Element) -> float:
    """The bottom of the lowest leg (legs are the round-capped polylines of four points)."""
    bottoms = []
    for element in root.iter():
        if (
            tag(element) == "polyline"
            and len(element.attrib["points"].split()) == 4
            and element.attrib["stroke"] != "#ffffff"
        ):
            half = float(element.attrib["stroke-width"]) / 2
            ys = [float(p.split(",")[1]) for p in element.attrib["points"].split()]
            bottoms.append(max(ys) + half)
    return max(bottoms)


@settings(max_examples=150, deadline=None)
@given(
    torso=st.integers(-10, 10),
    hip=st.integers(-20, 20),
    knee=st.integers(0, 30),
    arms=arms,
    view=st.sampled_from(["side", "front", "back", "three_quarter", "three_quarter_back"]),
    lift=st.integers(0, 60),
)
def test_a_standing_figure_stands_on_the_ground_line(
    torso: int, hip: int, knee: int, arms: Arm, view: str, lift: int
) -> None:
    pose = Pose.model_validate(
        {
            "view": view,
            "base": "standing",
            "torso": torso,
            "near_leg": {"hip": hip, "knee": knee},
            "arms": arms.model_dump(),
            "lift": lift,
        }
    )
    root = parse(render_pose(pose, title="Standing"))
    gap = ground_y(root) - lowest_body_point(root)
    if lift == 0:
        assert abs(gap) <= 0.15  # the sole of the lowest foot is on the line
    else:
        assert gap >= lift / 100 * 40  # off the ground by the lift (the scale is 40-95 per m)


@pytest.mark.parametrize("exercise_id", ["easy_walk", "step_up", "bulgarian_split_squat"])
def test_a_standing_exercise_has_a_foot_on_the_ground(exercise_id: str) -> None:
    root = parse(exercise_figure(CATALOG.exercise(exercise_id)))
    assert abs(ground_y(root) - lowest_body_point(root)) <= 0.15


def test_a_hop_is_drawn_off_the_ground() -> None:
    root = parse(exercise_figure(CATALOG.exercise("hop_in_place_test")))
    assert ground_y(root) - lowest_body_point(root) > 5


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(poses())
def test_the_same_pose_always_gives_the_same_bytes(pose: Pose) -> None:
    again = Pose.model_validate(pose.model_dump())
    assert render_pose(pose, title="Same") == render_pose(again, title="Same")


def test_numbers_are_rounded_to_a_tenth() -> None:
    svg = exercise_figure(CATALOG.exercise("fire_hydrant"))
    assert not re.search(r"\d\.\d\d", svg)


# ---------------------------------------------------------------------------------------
# What a professional is told about a bad pose.


def packaged(exercise_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / f"{exercise_id}.yaml").read_text("utf-8"))
    return data


def load_error(path: Path, pose: Any) -> str:
    data = {**packaged("running_man_wall_push"), "id": "my_wall_push", "pose": pose}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalog([path])
    return caught.value.describe()


@pytest.mark.parametrize(
    ("pose", "words"),
    [
        pytest.param(
            {"base": "standing", "near_leg": {"hip": 200}},
            ["pose.near_leg.hip", "200", "allowed: -45 to 150 degrees"],
            id="hip out of range",
        ),
        pytest.param(
            {"base": "standing", "torso": -130},
            ["pose.torso", "-130", "allowed: -120 to 120 degrees"],
            id="torso out of range",
        ),
        pytest.param(
            {"base": "standing", "lift": 90},
            ["pose.lift", "allowed: 0 to 60 cm"],
            id="hop too high",
        ),
        pytest.param(
            {"base": "standing", "far_arm": {"elbow": "bent"}},
            ["pose.far_arm.elbow", "whole number of degrees from 0 to 160"],
            id="angle in words",
        ),
        pytest.param(
            {"base": "standing", "near_leg": {"knee": True}},
            ["pose.near_leg.knee", "whole number of degrees from 0 to 160"],
            id="angle as yes",
        ),
        pytest.param(
            {"base": "standing", "near_leg": {"elbow": 20}},
            ["pose.near_leg.elbow", "Allowed here", "hip", "hip_out", "knee", "ankle"],
            id="unknown field in a leg",
        ),
        pytest.param(
            {"base": "standing", "colour": "red"},
            ["pose.colour", "Allowed here", "view", "base", "torso", "near_leg", "props"],
            id="unknown field in the pose",
        ),
        pytest.param(
            {"base": "hanging"},
            ["pose.base", "'hanging' is not allowed", "'standing'", "'quadruped'"],
            id="unknown base",
        ),
        pytest.param(
            {"view": "front", "base": "standing", "props": {"wall": "behind"}},
            ["pose", "wall behind", "front view", "near_side"],
            id="wall out of sight",
        ),
        pytest.param(
            {"view": "side", "base": "standing", "props": {"wall": "near_side"}},
            ["pose", "near side", "side view", "in_front"],
            id="side wall in side view",
        ),
        pytest.param(
            {"view": "side", "base": "standing", "arrow": {"at": "knees", "direction": "out"}},
            ["pose", "arrow pointing out", "side view"],
            id="sideways arrow in side view",
        ),
        pytest.param(
            {"view": "front", "base": "standing", "arrow": {"at": "hips", "direction": "forward"}},
            ["pose", "arrow pointing forward", "front view"],
            id="forward arrow in front view",
        ),
        pytest.param({"near_leg": {"hip": 20}}, ["pose.base", "required"], id="no base"),
    ],
)
def test_a_bad_pose_names_the_file_the_field_and_what_is_allowed(
    tmp_path: Path, pose: dict[str, Any], words: list[str]
) -> None:
    path = tmp_path / "mine.yaml"
    message = load_error(path, pose)
    assert str(path) in message
    for word in words:
        assert word in message


def test_a_good_pose_of_my_own_is_drawn(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    pose = {"base": "seated", "near_leg": {"knee": 10}, "props": {"chair": "hips"}}
    data = {**packaged("running_man_wall_push"), "id": "my_wall_push", "pose": pose}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    exercise = load_catalog([path]).exercise("my_wall_push")
    svg = exercise_figure(exercise)
    assert_clean(svg)
    assert sum(1 for e in parse(svg).iter() if tag(e) == "rect") >= 1  # the chair's seat


def test_a_pose_in_code_is_checked_too() -> None:
    with pytest.raises(ValidationError, match="allowed: 0 to 160 degrees"):
        Leg(knee=170)
    assert Leg(knee=160).knee == 160
