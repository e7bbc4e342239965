"""Do the numbers the solution notebooks' prose quotes agree with what their cells print?"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import nbformat
import pytest

from course_suite import ASSIGNMENTS, ROOT

SOLUTIONS = ROOT / "solutions"
PLACEHOLDER = re.compile(r"\bX{2,}(?:\.X+)?\b|\bTODO\b|\bTBD\b|\bFIXME\b|\?\?\?")
COUNT = r"\d+(?:,\d{3})*"  # a whole number, with or without thousands separators
COLUMN = r"[\d.]+ ± [\d.]+ "  # one "mean ± sd" column of 06's results table


def dropout_column(column: int, groups: str, rates: tuple[str, ...] = ("0.0", "0.5", "0.8")) -> str:
    """Match column `column` (0 = the first) of 06's results table, capturing `groups` in each row."""
    rows = [rf"p = {re.escape(p)} (?:{COLUMN}){{{column}}}{groups}" for p in rates]
    return " .*?".join(rows)


class Case(NamedTuple):
    """A number that markdown cell `prose` states and code cell `printed` prints (its stdout).

    `said` and `shown` are regexes over the cells' text, whitespace collapsed to single spaces,
    with one group per number; groups pair up by name when named, else by position.
    `agree`: "equal" (after dropping thousands separators and %), "rounded" (the printed number
    rounded to the prose's decimals), "about" (within `tol`), or "range" (the prose's two groups
    are the bounds of the printed number, rounded to their decimals).
    The printed number is multiplied by `factor` first (1e-6 for "4.7 million").
    """

    id: str
    notebook: str
    prose: str
    said: str
    printed: str
    shown: str
    agree: str = "equal"
    tol: float = 0.0
    factor: float = 1.0


CASES = [
    Case("01-gates-learnt", "01_perceptron",
         "all-gates-md", r"\*\*(\d+) of the (\d+)\*\*",
         "all-gates", r"(\d+) of (\d+) Boolean functions learnt"),
    Case("02-alexnet-params", "02_mlp",
         "alexnet-tv-md", rf"The two totals should agree: ({COUNT})",
         "alexnet-tv", rf"torchvision: ({COUNT})"),
    Case("02-vgg16-params", "02_mlp",
         "vgg-total-md", rf"The total should be ({COUNT})",
         "vgg-total", rf"torchvision vgg16: ({COUNT})"),
    Case("02-vgg-table", "02_mlp",
         "try-vgg-params-md", r"A (\d+), B (\d+), C (\d+), D (\d+) and E (\d+) million",
         "try-vgg-params", " ".join(rf"VGG {c}: .*?= (\d+) M" for c in "ABCDE")),
    Case("02-vgg-dense-fraction", "02_mlp",
         "summary", r"VGG-16: 138 million, nearly (\d+)% of them in its dense layers",
         "try-vgg-fraction", r"^([\d.]+)$", "about", tol=1.0, factor=100),
    Case("03-learnt-sobel", "03_convolution",
         "learn-sobel-md", r"the Sobel kernel to about ([\d.]+)",
         "learn-sobel", r"largest difference from SOBEL_X: ([\d.]+)", "about", tol=0.01),
    Case("03-learn-kernel-start-loss", "03_convolution",
         "learn-kernel-try-intro", r"a loss that falls from about (\d+)",
         "learn-kernel-try", r"loss: ([\d.]+) at the start", "rounded"),
    Case("04-shift-max-vs-avg-pool", "04_pooling",
         "shift-intro", r"\(([\d.]+)% and ([\d.]+)% in the reference run\)",
         "shift-numbers", r"max pool 2×2: ([\d.]+)% avg pool 2×2: ([\d.]+)%"),
    Case("04-shift-photo", "04_pooling",
         "shift-intro", r"The photo changes by only about (\d+)%",
         "shift-numbers", r"the photo itself: ([\d.]+)%", "rounded"),
    Case("05-lenet-params", "05_lenet",
         "title", rf"count its ({COUNT}) parameters",
         "try-count-parameters", r"^(\d+) "),
    Case("05-batches-per-epoch", "05_lenet",
         "training-md", r"(\d+) updates per epoch instead of",
         "loaders", r"(\d+) training batches per epoch"),
    Case("05-test-accuracy", "05_lenet",
         "test-accuracy-md", r"\(([\d.]+) % in the reference run\)",
         "test-accuracy", r"test accuracy after \d+ epochs: ([\d.]+)%"),
    Case("05-test-accuracy-about", "05_lenet",
         "test-accuracy-md", r"about ([\d.]+) % with 3 epochs on the full MNIST on a CPU",
         "test-accuracy", r"test accuracy after 3 epochs: ([\d.]+)%", "about", tol=0.1),
    Case("05-most-frequent-confusion", "05_lenet",
         "mistakes", r"in the reference CPU run it was (\d) read as (\d), (\d+) times",
         "confusion", r"most frequent confusion: (\d) read as (\d) \((\d+) times\)"),
    Case("06-dropout-backward", "06_dropout",
         "try-dropout-backward-md", r"should print `(\[.*?\])`",
         "try-dropout-backward", r"^(\[.*?\])"),
    Case("06-test-loss-without-dropout", "06_dropout",
         "loss-md", r"\(epoch (\d+) in the reference run, ([\d.]+)\) and then rises \(to ([\d.]+) after 30",
         "loss", r"p = 0\.0: mean test loss lowest at epoch (\d+) \(([\d.]+)\), ([\d.]+) after epoch 30",
         "rounded"),
    Case("06-loss-gaps", "06_dropout",
         "loss-md", r"([\d.]+) ± ([\d.]+) without dropout, ([\d.]+) ± ([\d.]+) with \$p = 0\.5\$ "
                    r"and ([\d.]+) ± ([\d.]+) with \$p = 0\.8\$",
         "table", dropout_column(5, r"([\d.]+) ± ([\d.]+)"), "rounded"),
    Case("06-accuracy-gaps", "06_dropout",
         "curves-md", r"final gap was ([\d.]+) ± ([\d.]+) points without dropout, ([\d.]+) ± ([\d.]+) "
                      r"with \$p = 0\.5\$ and ([\d.]+) ± ([\d.]+) with \$p = 0\.8\$",
         "table", dropout_column(2, r"([\d.]+) ± ([\d.]+)")),
    Case("06-test-accuracies", "06_dropout",
         "curves-md", r"not a higher test accuracy \(([\d.]+), ([\d.]+) and ([\d.]+) %\)",
         "table", dropout_column(1, r"([\d.]+)")),
    Case("06-epochs-to-fit", "06_dropout",
         "summary", r"(\d+) → (\d+) epochs to fit the training set",
         "table", dropout_column(6, r"([\d.]+)", rates=("0.0", "0.5"))),
    Case("07-noise-floors", "07_learning_rates",
         "noisy-md", r"flatten out at a loss of about ([\d.]+), .*? on its way down at about ([\d.]+), "
                     r".*? \(about ([\d.]+)\)",
         "noisy", r"constant 0\.05 final loss ([\d.]+) .*?constant 0\.005 final loss ([\d.]+) "
                  r".*?cosine, 20 warm-up steps final loss ([\d.]+)",
         "rounded"),
    Case("07-cpu-budget", "07_learning_rates",
         "sweep_answer", rf"\(With the CPU budget: ({COUNT}) images, (\d+) epochs",
         "cnn-data", r"(\d+) training and \d+ test images, (\d+) epochs per run"),
    Case("07-sweep-lr-0.01", "07_learning_rates",
         "sweep_answer", r"0\.01 was clearly slower \(loss ([\d.]+), (\d+)%\)",
         "sweep", r"lr = 0\.01 final training loss ([\d.]+), test accuracy ([\d.]+)%", "rounded"),
    Case("07-plateau-equals-constant", "07_learning_rates",
         "sweep_answer", r"reproduced the constant run exactly \(loss ([\d.]+), ([\d.]+)%\)",
         "schedulers", r"ReduceLROnPlateau final training loss ([\d.]+), test accuracy ([\d.]+)%"),
    Case("07-decayed-losses", "07_learning_rates",
         "sweep_answer", r"\(([\d.]+) and ([\d.]+) against [\d.]+ for the constant rate\)",
         "schedulers", r"StepLR final training loss ([\d.]+), .*?ExponentialLR final training loss ([\d.]+)"),
    Case("08-resnet18-params", "08_transfer_learning",
         "try-count-trainable-md", rf"should print `({COUNT})`",
         "try-count-trainable", rf"^({COUNT})$"),
    Case("08-backbone-size", "08_transfer_learning",
         "backbone-intro", r"\(([\d.]+) million weights\)",
         "backbone", rf"total ({COUNT})$", "rounded", factor=1e-6),
    Case("08-linear-classifier", "08_transfer_learning",
         "freeze_answer", rf"features reached (?P<acc>[\d.]+)% .*?training only (?P<weights>{COUNT}) weights",
         "table", rf"linear classifier on frozen features (?P<weights>{COUNT}) [\d.]+s (?P<acc>[\d.]+)%"),
    Case("08-fine-tune-range", "08_transfer_learning",
         "freeze_answer", r"\((\d+)–(\d+)% in our runs\)",
         "table", rf"fine-tuning the top 3 parts {COUNT} [\d.]+s ([\d.]+)%", "range"),
    Case("08-scratch-range", "08_transfer_learning",
         "freeze_answer", r"trained from scratch only (\d+)–(\d+)%",
         "table", rf"from scratch \(small CNN, 64 px\) {COUNT} [\d.]+s ([\d.]+)%", "range"),
]  # fmt: skip


@functools.cache
def cells(notebook: str) -> dict:
    """Return the solution notebook's cells by id."""
    nb = nbformat.read(SOLUTIONS / notebook / f"{notebook}.ipynb", as_version=4)
    return {cell.id: cell for cell in nb.cells}


def cell_text(notebook: str, cell_id: str, kind: str) -> str:
    """Return a markdown cell's text or a code cell's stdout, whitespace collapsed."""
    cell = cells(notebook).get(cell_id)
    assert cell is not None, f"{notebook}: no cell with id {cell_id!r}; was it renamed?"
    assert cell.cell_type == kind, f"{notebook}: cell {cell_id!r} is {cell.cell_type}, expected {kind}"
    if kind == "markdown":
        text = cell.source
    else:
        text = "".join(
            out.text for out in cell.outputs if out.output_type == "stream" and out.name == "stdout"
        )
    return " ".join(text.split())


def numbers(notebook: str, cell_id: str, kind: str, regex: str) -> dict:
    """Return the groups `regex` captures in the cell, by name or else by position."""
    text = cell_text(notebook, cell_id, kind)
    match = re.search(regex, text)
    assert match, (
        f"{notebook}: {kind} cell {cell_id!r} no longer matches {regex!r}; reworded or re-run? "
        f"Update the case in tests/test_prose.py. The cell reads: {text[:400]!r}"
    )
    return match.groupdict() or dict(enumerate(match.groups()))


def as_number(text: str) -> float | None:
    """Return text as a number, ignoring thousands separators and %; None when it is not one."""
    try:
        return float(text.replace(",", "").replace("%", "").strip())
    except ValueError:
        return None


def decimals(text: str) -> int:
    """Return how many decimals the number written as text has."""
    return len(text.partition(".")[2].rstrip("%").strip())


def agrees(case: Case, said: str, shown: str) -> bool:
    """Say whether the prose's number said and the printed number shown agree as the case wants."""
    x, y = as_number(said), as_number(shown)
    if x is None or y is None:  # text such as an array printout: equal up to whitespace
        return case.agree == "equal" and said == shown
    y *= case.factor
    if case.agree == "equal":
        return x == y
    if case.agree == "rounded":
        places = decimals(said)
        return f"{y:.{places}f}" == f"{x:.{places}f}"
    if case.agree == "about":
        return abs(x - y) <= case.tol
    raise ValueError(f"{case.id}: unknown agree={case.agree!r}")


def in_range(case: Case, said: dict, shown: dict) -> bool:
    """Say whether the printed number, rounded to the bounds' decimals, lies within them."""
    (lo, hi), (value,) = said.values(), shown.values()
    rounded = round(as_number(value) * case.factor, decimals(lo))
    return as_number(lo) <= rounded <= as_number(hi)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_prose_quotes_the_printed_numbers(case):
    said = numbers(case.notebook, case.prose, "markdown", case.said)
    shown = numbers(case.notebook, case.printed, "code", case.shown)
    if case.agree == "range":
        ok = in_range(case, said, shown)
    else:
        assert said.keys() == shown.keys(), f"{case.id}: the two regexes capture different groups"
        ok = all(agrees(case, said[key], shown[key]) for key in said)
    how = {"about": f"within {case.tol:g}", "rounded": "after rounding", "range": "within the range"}
    assert ok, (
        f"{case.notebook}: the prose of cell {case.prose!r} says {list(said.values())}, "
        f"but cell {case.printed!r} prints {list(shown.values())}"
        + (f" (times {case.factor:g})" if case.factor != 1 else "")
        + f"; they should agree {how.get(case.agree, 'exactly')}. "
        f"Fix the prose in source/{case.notebook}/{case.notebook}.ipynb and run `make build`."
    )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_prose_has_no_placeholders(assignment):
    left = [
        f"{cell_id}: {match.group()!r}"
        for cell_id, cell in cells(assignment).items()
        if cell.cell_type == "markdown"
        for match in PLACEHOLDER.finditer(cell.source)
    ]
    assert not left, f"{assignment}: placeholders left in the prose: {left}"
