"""visiondl: helpers for the deep-learning-for-computer-vision course.

Import modules, not names: ``from visiondl import checks, data, plots, runtime``.
"""

__version__ = "0.1.0"
