"""visiondl: helpers for the deep-learning-for-computer-vision course.

Import modules, not names: ``from visiondl import checks, data, plots, runtime``.
"""

import sys

__version__ = "0.1.0"

# nbformat imports jsonschema, whose optional `rfc3987_syntax` builds an Earley parser for IRIs
# at import: 1.5 s of every grading process's start on a 2-core machine, for a format check that
# notebook validation never uses. Marked absent (unless already imported), jsonschema skips it.
sys.modules.setdefault("rfc3987_syntax", None)
