"""The mutation tool (benchmarks/mutation.py): its operators on a snippet, its fast grading on a tiny notebook."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import mutation  # noqa: E402
from mutation_ops import mutants, solution_lines  # noqa: E402

SNIPPET = '''def f(x, y, model, device):
    """A docstring with 1 < 2 that is never mutated."""
    z = x + 1  # outside the solution
    ### BEGIN SOLUTION
    model.eval()
    with torch.no_grad():
        out = model(x.to(device)).sum(dim=0)
    if out.shape[0] < 3 and y == 2:
        return out.float() * y
    return np.zeros(3, dtype=np.float32).transpose(0, 1)
    ### END SOLUTION
'''


def changed(mutant_ids: list[str], operator: str) -> list[str]:
    return [m.split(" -> ")[1].strip("`") for m in mutant_ids if m.startswith(operator + ":")]


def test_operators_cover_the_classes_of_mistakes():
    found = mutants(SNIPPET)
    ids = [m.id for m in found]
    assert len(ids) == len(set(ids))
    for m in found:
        compile(m.source, "<mutant>", "exec")
        assert "z = x + 1" in m.source and "1 < 2" in m.source  # only the solution region changes
    assert "if out.shape[0] <= 3 and y == 2:" in changed(ids, "compare")[0]
    assert "if out.shape[0] < 3 and y != 2:" in changed(ids, "compare")
    assert "if out.shape[0] < 3 or y == 2:" in changed(ids, "boolean")
    assert "return out.float() / y" in changed(ids, "operator")
    assert {"return out.float()", "return y"} <= set(changed(ids, "drop-term"))
    assert "if out.shape[0] < 4 and y == 2:" in changed(ids, "constant")
    assert "out = model(x.to(device)).sum()" in changed(ids, "drop-axis")
    assert "out = model(x).sum(dim=0)" in changed(ids, "drop-method")
    assert "return out * y" in changed(ids, "drop-method")
    assert "return np.zeros(3, dtype=np.float64).transpose(0, 1)" in changed(ids, "dtype")
    assert "return np.zeros(3).transpose(0, 1)" in changed(ids, "dtype")
    assert "return np.zeros(3, dtype=np.float32).transpose(1, 0)" in changed(ids, "swap-axes")
    assert "out = model(x.to(device)).mean(dim=0)" in changed(ids, "swap-function")
    assert "out = model(device.to(x)).sum(dim=0)" not in changed(ids, "swap-arguments")  # one positional
    assert "pass" in changed(ids, "drop-call")  # model.eval()
    assert "with __import__('contextlib').nullcontext():" in changed(ids, "drop-context")
    assert {"return x", "return None"} <= set(changed(ids, "return-argument") + changed(ids, "return-none"))


def test_solution_region_is_the_whole_cell_without_markers():
    assert solution_lines("a = 1\nb = 2\n") == [(1, 2)]
    assert solution_lines(SNIPPET) == [(5, 10)]
    two = "class A:\n    def f(self, x):\n        ### BEGIN SOLUTION\n        return x + 1\n        ### END SOLUTION\n"
    assert len(mutants(two + two.replace("class A", "class B").replace("x + 1", "x - 1"))) == 2 * len(
        mutants(two)
    )


def test_fast_grading_of_a_tiny_notebook():
    notebook = ROOT / "tests" / "files" / "mutation" / "tiny.ipynb"
    survivor = "constant: `return int((x > 0).sum())` -> `return int((x > 1).sum())`"
    record = mutation.mutate_notebook(notebook, workers=2, timeout=20)
    assert record["control_fails"] == []
    assert record["with_plain_cells"] == ["count_positive"]  # its test reads SAMPLE from a plain cell
    status = {(r["grade_id"], r["id"]): r["status"] for r in record["results"]}
    assert status[("count_positive", survivor)] == "survived"
    marked = mutation.mark_equivalent({"tiny": record}, {("tiny", "count_positive", survivor): "no zero"})
    assert [r["message"] for r in marked["tiny"]["results"] if r["status"] == "equivalent"] == [
        "no zero (fast path: survived)"
    ]
    assert (
        status[("count_positive", "compare: `return int((x > 0).sum())` -> `return int((x >= 0).sum())`")]
        == "survived"
    )
    assert (
        status[
            ("count_positive", "swap-function: `return int((x > 0).sum())` -> `return int((x > 0).mean())`")
        ]
        == "killed"
    )
    assert (
        status[
            (
                "scale",
                "operator: `return np.asarray(x, dtype=float) * factor` -> `return np.asarray(x, dtype=float) / factor`",
            )
        ]
        == "killed"
    )
    survivors = [r["id"] for r in record["results"] if r["grade_id"] == "scale" and r["status"] != "killed"]
    assert survivors == [
        "dtype: `return np.asarray(x, dtype=float) * factor` -> `return np.asarray(x) * factor`"
    ]
    report = mutation.render(marked)
    assert "| tiny | count_positive |" in report and "x >= 0" in report
