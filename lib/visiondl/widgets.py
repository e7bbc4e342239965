"""Interactive ipywidgets for the notebooks; inert under nbgrader, static when built.

In JupyterLab the builders show live controls. While nbgrader grades
(``NBGRADER_EXECUTION`` is set) they do nothing, so grading never waits on a slider.
While the solutions are executed headless (``VISIONDL_STATIC_WIDGETS`` is set, as
`visiondl build` does) they draw the figure once at the controls' start values:
headless executors can block on live widget messages (jupyter/nbclient#312), and
a worked solution should show the picture anyway.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from visiondl import runtime


def static() -> bool:
    """Tell whether widgets should render once, without live controls (headless builds)."""
    return bool(os.environ.get("VISIONDL_STATIC_WIDGETS"))


def interactive(func: Callable, **controls) -> None:
    """Show `func` with one control per keyword (ipywidgets.interactive); nothing under nbgrader.

    It displays the widget itself and returns None, so a cell that ends with this call
    does not show the widget a second time.
    """
    if runtime.is_grading():
        return
    if static():
        func(**{name: start_value(control) for name, control in controls.items()})
        return
    try:
        import ipywidgets
        from IPython.display import display
    except ImportError:
        return
    display(ipywidgets.interactive(func, **controls))


def start_value(control):
    """Return the value ipywidgets would start a control at: (lo, hi[, step]) its middle, a list its first."""
    if isinstance(control, tuple):
        lo, hi = control[0], control[1]
        middle = (lo + hi) / 2
        return int(middle) if all(isinstance(v, int) for v in control) else middle
    if isinstance(control, (list, dict)):
        return next(iter(control.values() if isinstance(control, dict) else control))
    return getattr(control, "value", control)


def slider(
    value: float, low: float, high: float, step: float | None = None, description: str = "", log=False
):
    """Return a float slider (log-scaled when `log`), or the bare value under nbgrader."""
    if runtime.is_grading() or static():
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
    if runtime.is_grading() or static():
        return value
    import ipywidgets

    return ipywidgets.Text(
        value=value, description=description, placeholder=placeholder, continuous_update=False
    )
