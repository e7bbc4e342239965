"""Figure helpers draw what they promise."""

from __future__ import annotations

import numpy as np
import torch

from visiondl import plots


def test_image_grid_accepts_channels_first_tensors():
    fig = plots.image_grid(torch.rand(5, 3, 8, 8), titles=list("abcde"), ncols=4)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 5 and shown[0].images[0].get_array().shape == (8, 8, 3)
    assert shown[4].get_title() == "e"


def test_curves_plots_one_line_per_series_on_a_log_axis():
    fig = plots.curves({"train": [1.0, 0.5, 0.2], "test": [1.1, 0.7, 0.6]}, logy=True)
    ax = fig.axes[0]
    assert len(ax.lines) == 2 and ax.get_yscale() == "log"
    assert np.allclose(ax.lines[0].get_xdata(), [1, 2, 3])
    fig.canvas.draw()
    assert all(float(tick).is_integer() for tick in ax.get_xticks())


def test_curves_with_nothing_to_plot_does_not_warn(recwarn):
    plots.curves({"train": [], "test": []})
    assert not [w for w in recwarn if "legend" in str(w.message)]


def test_decision_boundary_shades_both_classes():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    fig = plots.decision_boundary(lambda P: (P.sum(axis=1) > 1).astype(int), X, [0, 1], title="AND")
    assert fig.axes[0].get_title() == "AND" and len(fig.axes[0].collections) >= 2


def test_confusion_matrix_writes_counts():
    fig = plots.confusion_matrix(np.array([[3, 1], [0, 4]]), ["a", "b"])
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["0", "1", "3", "4"]


def test_feature_maps_one_panel_per_channel():
    fig = plots.feature_maps(np.random.rand(6, 5, 5), title="conv1")
    assert len([ax for ax in fig.axes if ax.images]) == 6


def test_contour_draws_trajectories():
    fig = plots.contour(lambda w: w @ w, (-1, 1), (-1, 1), {"gd": np.array([[1, 1], [0.5, 0.5], [0, 0]])})
    assert len(fig.axes[0].lines) == 1


def test_number_grids_writes_every_value_and_outlines_the_window():
    fig = plots.number_grids(
        [np.arange(9).reshape(3, 3), np.ones((2, 2))], titles=["x", "y"], boxes=[(0, 0, 2, 2)]
    )
    assert len(fig.axes) == 2 and [ax.get_title() for ax in fig.axes] == ["x", "y"]
    assert len(fig.axes[0].texts) == 9 and len(fig.axes[1].texts) == 4
    assert len(fig.axes[0].patches) == 1 and not fig.axes[1].patches


def test_image_rows_labels_rows_titles_panels_and_keeps_each_rows_colormap():
    fig = plots.image_rows(
        {"digit": torch.rand(3, 1, 6, 6), "map": np.random.rand(2, 4, 4)},
        titles={"digit": ["a", "b", "c"]},
        cmaps={"map": "hot"},
    )
    assert len(fig.axes) == 6 and [ax.get_ylabel() for ax in fig.axes[::3]] == ["digit", "map"]
    assert fig.axes[2].get_title() == "c" and fig.axes[0].images[0].get_array().shape == (6, 6)
    assert fig.axes[3].images[0].get_cmap().name == "hot" and not fig.axes[5].images


def test_computational_graph_writes_values_and_gradients():
    nodes = {"x": (0, 0, "3.00", "-4.00"), "y": (0, 1, "-4.00", "3.00"), "*": (1, 0.5, "-12.0", "1.00")}
    fig = plots.computational_graph(nodes, [("x", "*"), ("y", "*")])
    texts = fig.axes[0].texts
    assert {t.get_text() for t in texts if t.get_color() == "red"} == {"-4.00", "3.00", "1.00"}
    assert {t.get_text() for t in texts if t.get_color() == "green"} == {"3.00", "-4.00", "-12.0"}
    assert len([t for t in texts if getattr(t, "arrow_patch", None) is not None]) == 2
