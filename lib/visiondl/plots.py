"""Figure helpers: image grids and rows, curves, decision boundaries, feature maps, confusion matrices,
computational graphs.

Every function draws on a Matplotlib Axes (made for you when not given) and returns
the Figure, so notebooks can show it and tests can inspect it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from visiondl.checks import as_array


def axes(ax=None, figsize=(5, 4)):
    """Return (figure, axes): the given axes and its figure, or a new pair."""
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


def image_grid(images, titles: Sequence[str] | None = None, ncols: int = 8, cmap="gray", size=1.5):
    """Show images (N, H, W), (N, H, W, 3) or (N, C, H, W) tensors in a grid."""
    images = as_array(images)
    if images.ndim == 4 and images.shape[1] in (1, 3) and images.shape[-1] not in (1, 3):
        images = images.transpose(0, 2, 3, 1)  # channels last for imshow
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    n = len(images)
    nrows = max(1, int(np.ceil(n / ncols)))
    fig, grid = plt.subplots(
        nrows, min(n, ncols), figsize=(size * min(n, ncols), size * nrows), squeeze=False
    )
    for i, ax in enumerate(grid.flat):
        ax.axis("off")
        if i < n:
            ax.imshow(images[i], cmap=cmap if images[i].ndim == 2 else None)
            if titles is not None:
                ax.set_title(str(titles[i]), fontsize=8)
    fig.tight_layout()
    return fig


def curves(series: dict[str, Sequence[float]], xlabel="epoch", ylabel="", logy=False, ax=None):
    """Plot named series (loss or accuracy per epoch) on one axes, with whole-number x ticks."""
    fig, ax = axes(ax)
    for label, values in series.items():
        ax.plot(np.arange(1, len(values) + 1), values, marker="o", markersize=3, label=label)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs 1, 2, 3, never 1.5
    if logy:
        ax.set_yscale("log")
    if any(len(values) for values in series.values()):
        ax.legend()  # an empty legend would warn on stderr
    ax.grid(alpha=0.3)
    return fig


def decision_boundary(predict: Callable[[np.ndarray], np.ndarray], X, y, ax=None, title="", steps=200):
    """Shade where `predict` says 0 or 1 over the range of 2-D points X, and plot the points."""
    X, y = as_array(X), as_array(y)
    fig, ax = axes(ax)
    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    zz = as_array(predict(np.c_[gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(gx, gy, zz, levels=[-0.5, 0.5, 1.5], colors=["#b3cde3", "#fbb4ae"], alpha=0.6)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=40)
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$")
    return fig


def feature_maps(maps, title="", ncols=8, size=1.5):
    """Show the channels of one feature map (C, H, W) side by side, each with its own colour scale."""
    maps = as_array(maps)
    fig = image_grid(
        maps,
        titles=[f"{title} {i}".strip() for i in range(len(maps))],
        ncols=ncols,
        cmap="viridis",
        size=size,
    )
    return fig


def confusion_matrix(matrix, classes: Sequence[str], ax=None, title="confusion matrix"):
    """Draw a confusion matrix (rows: true class, columns: predicted) with counts in the cells."""
    matrix = as_array(matrix)
    fig, ax = axes(ax, figsize=(5.5, 5))
    ax.imshow(matrix, cmap="Blues")
    ticks = np.arange(len(classes))
    ax.set(
        xticks=ticks,
        yticks=ticks,
        xticklabels=classes,
        yticklabels=classes,
        xlabel="predicted",
        ylabel="true",
        title=title,
    )
    threshold = matrix.max() / 2
    for (i, j), count in np.ndenumerate(matrix):
        ax.text(
            j,
            i,
            f"{count:g}",
            ha="center",
            va="center",
            fontsize=7,
            color="white" if count > threshold else "black",
        )
    return fig


def contour(
    f: Callable[[np.ndarray], float], xlim, ylim, trajectories: dict | None = None, ax=None, levels=30
):
    """Draw contours of a 2-D function and optional optimisation trajectories (T, 2) on top."""
    fig, ax = axes(ax, figsize=(6, 4.5))
    gx, gy = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    zz = np.array([f(np.array(p)) for p in zip(gx.ravel(), gy.ravel())]).reshape(gx.shape)
    ax.contour(gx, gy, zz, levels=levels, cmap="Greys", linewidths=0.7)
    for label, path in (trajectories or {}).items():
        path = as_array(path)
        ax.plot(path[:, 0], path[:, 1], marker=".", markersize=4, label=label)
    if trajectories:
        ax.legend()
    ax.set(xlim=xlim, ylim=ylim, xlabel="$w_1$", ylabel="$w_2$")
    return fig


def number_grids(grids, titles: Sequence[str] = (), boxes: Sequence | None = None, size: float = 0.45):
    """Draw small 2-D arrays side by side with their numbers; boxes[k] = (row, col, h, w) outlines a block."""
    grids = [as_array(g) for g in grids]
    widths = [g.shape[1] for g in grids]
    figsize = (size * sum(widths) + 0.8 * len(grids), size * max(g.shape[0] for g in grids) + 0.7)
    fig, axs = plt.subplots(
        1, len(grids), figsize=figsize, squeeze=False, gridspec_kw={"width_ratios": widths}
    )
    for k, (ax, grid) in enumerate(zip(axs[0], grids)):
        ax.imshow(grid, cmap="Blues", alpha=0.6)
        for (i, j), value in np.ndenumerate(grid):
            ax.text(j, i, f"{value:.3g}", ha="center", va="center", fontsize=8)
        ax.set(xticks=[], yticks=[], title=titles[k] if k < len(titles) else "")
        box = boxes[k] if boxes is not None and k < len(boxes) else None
        if box is not None:
            row, col, h, w = box
            ax.add_patch(
                plt.Rectangle((col - 0.5, row - 0.5), w, h, fill=False, edgecolor="red", linewidth=2)
            )
    fig.tight_layout()
    return fig


def image_rows(rows: dict, titles: dict | None = None, cmaps: dict | None = None, size: float = 1.4):
    """Draw one row per key of `rows`, each of N images (N, H, W) or (N, 1, H, W), labelled on the left.

    `titles` maps a row's key to its N panel titles; `cmaps` maps a key to a colormap (default grey).
    Rows may hold images of different sizes (digits above their 12×12 occlusion maps).
    """
    arrays = {key: as_array(images) for key, images in rows.items()}
    arrays = {key: a[:, 0] if a.ndim == 4 and a.shape[1] == 1 else a for key, a in arrays.items()}
    ncols = max(len(a) for a in arrays.values())
    fig, grid = plt.subplots(
        len(arrays), ncols, figsize=(size * ncols + 0.8, size * len(arrays) + 0.2), squeeze=False
    )
    for axs, (key, images) in zip(grid, arrays.items()):
        for i, ax in enumerate(axs):
            ax.set(xticks=[], yticks=[])
            if i >= len(images):
                ax.axis("off")
                continue
            ax.imshow(images[i], cmap=(cmaps or {}).get(key, "gray"))
            if titles and key in titles:
                ax.set_title(str(titles[key][i]), fontsize=8)
        axs[0].set_ylabel(str(key), fontsize=9)
    fig.tight_layout()
    return fig


def computational_graph(nodes: dict, edges: Sequence[tuple[str, str]], ax=None, figsize=(12, 4)):
    """Draw a computational graph: forward values in green above each node, gradients in red below.

    nodes: {label: (x, y, value, grad)}, value and grad as strings ("" leaves one out);
    edges: (from_label, to_label) pairs, drawn as arrows in the forward direction (CS231n's style).
    """
    fig, ax = axes(ax, figsize)
    for start, end in edges:
        ax.annotate(
            "",
            xy=nodes[end][:2],
            xytext=nodes[start][:2],
            arrowprops={"arrowstyle": "->", "color": "0.6", "shrinkA": 24, "shrinkB": 24},
            zorder=0,
        )
    for label, (x, y, value, grad) in nodes.items():
        ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            fontsize=10,
            bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "0.3"},
        )
        label_box = {"facecolor": "white", "edgecolor": "none", "pad": 1}  # hides arrows passing behind
        ax.text(x, y + 0.18, value, color="green", ha="center", va="bottom", fontsize=8, bbox=label_box)
        ax.text(x, y - 0.18, grad, color="red", ha="center", va="top", fontsize=8, bbox=label_box)
    xs, ys = zip(*(node[:2] for node in nodes.values()))
    ax.set(xlim=(min(xs) - 0.7, max(xs) + 0.7), ylim=(min(ys) - 0.8, max(ys) + 0.8))
    ax.set_axis_off()
    return fig
