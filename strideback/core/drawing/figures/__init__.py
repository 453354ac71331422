"""Pictures of exercises, drawn as SVG from joint angles written in the catalog.

A pose (``strideback.core.catalog.pose``) takes the angles it leaves out from its base posture
(``postures``); the skeleton is posed in three dimensions (``geometry``, ``skeleton``), seen from
the pose's view and drawn as shapes in metres (``shapes``): the body (``body``), the props
(``props``) and the arrow (``arrows``), fitted into the picture at the end (``render``), which writes the SVG; ``paint`` draws the same
shapes as PDF operators for the PDF handout. What
the angles and the views mean is explained in ``reference``, which writes the professionals'
page on it.
"""

from strideback.core.drawing.figures.paint import figure_operators
from strideback.core.drawing.figures.postures import BASES, default_pose
from strideback.core.drawing.figures.reference import pose_reference_markdown
from strideback.core.drawing.figures.render import (
    Drawing,
    exercise_drawing,
    exercise_figure,
    practice_exercise_figure,
    render_pose,
)

__all__ = [
    "BASES",
    "Drawing",
    "default_pose",
    "exercise_drawing",
    "exercise_figure",
    "figure_operators",
    "pose_reference_markdown",
    "practice_exercise_figure",
    "render_pose",
]
