"""Drawing, as SVG strings: the pictures of exercises (``figures``) and the progress page's
charts (``charts``).

Pure functions, like the rest of the core: the same input always gives the same string.
"""

from strideback.core.drawing import charts, figures

__all__ = ["charts", "figures"]
