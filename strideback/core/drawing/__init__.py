"""Drawing, as SVG strings: the pictures of exercises (``figures``).

Pure functions, like the rest of the core: the same input always gives the same string.
"""

from strideback.core.drawing import figures

__all__ = ["figures"]
