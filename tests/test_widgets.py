"""Widgets appear in JupyterLab and stay inert while nbgrader grades."""

from __future__ import annotations

import ipywidgets

from visiondl import widgets


def test_interactive_is_inert_under_grading(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    calls = []
    assert widgets.interactive(calls.append, x=(0, 10)) is None
    assert widgets.slider(0.1, 0.001, 1.0, log=True) == 0.1
    assert calls == []


def test_interactive_displays_a_widget_once(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    shown, seen = [], []
    monkeypatch.setattr("IPython.display.display", shown.append)
    assert widgets.interactive(lambda x: seen.append(x), x=(0, 10)) is None
    assert len(shown) == 1 and isinstance(shown[0], ipywidgets.interactive) and seen == [5]


def test_log_slider_spans_the_range(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    s = widgets.slider(0.1, 0.001, 1.0, log=True, description="lr")
    assert isinstance(s, ipywidgets.FloatLogSlider) and (s.min, s.max) == (-3, 0)


def test_text_box_updates_on_enter_and_is_plain_under_grading(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    box = widgets.text("sharpen", description="kernel")
    assert isinstance(box, ipywidgets.Text) and box.continuous_update is False
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert widgets.text("sharpen") == "sharpen"


def test_static_mode_draws_once_at_the_start_values(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("VISIONDL_STATIC_WIDGETS", "1")
    calls = []
    lr = widgets.slider(0.1, 0.001, 1.0, log=True)
    widgets.interactive(
        lambda **kw: calls.append(kw), lr=lr, epochs=(1, 10), kind=["max", "avg"], scale=(0.0, 1.0)
    )
    assert calls == [{"lr": 0.1, "epochs": 5, "kind": "max", "scale": 0.5}]
