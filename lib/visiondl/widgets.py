"""Interactive ipywidgets for the notebooks; inert under nbgrader.

Each builder returns the widget it displays, or None when the notebook is being
graded (``NBGRADER_EXECUTION`` is set) or ipywidgets is missing, so a grading
run never waits on a slider and never prints widget noise.
"""

from __future__ import annotations

from collections.abc import Callable

from visiondl import runtime


def interactive(func: Callable, **controls) -> None:
    """Show `func` with one control per keyword (ipywidgets.interactive); nothing under nbgrader.

    It displays the widget itself and returns None, so a cell that ends with this call
    does not show the widget a second time.
    """
    if runtime.is_grading():
        return
    try:
        import ipywidgets
        from IPython.display import display
    except ImportError:
        return
    display(ipywidgets.interactive(func, **controls))


def slider(
    value: float, low: float, high: float, step: float | None = None, description: str = "", log=False
):
    """Return a float slider (log-scaled when `log`), or the bare value under nbgrader."""
    if runtime.is_grading():
        return value
    import ipywidgets

    if log:
        import math

        return ipywidgets.FloatLogSlider(
            value=value,
            base=10,
            min=math.log10(low),
            max=math.log10(high),
            step=step or 0.1,
            description=description,
        )
    return ipywidgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step or (high - low) / 100,
        description=description,
        continuous_update=False,
    )


def text(value: str = "", description: str = "", placeholder: str = ""):
    """Return a text box that updates on Enter (not on every key), or the bare value under nbgrader."""
    if runtime.is_grading():
        return value
    import ipywidgets

    return ipywidgets.Text(
        value=value, description=description, placeholder=placeholder, continuous_update=False
    )
