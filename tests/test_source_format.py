"""Source notebooks follow the authoring conventions of CONTRIBUTING.md."""

from __future__ import annotations

import re

import nbformat
import pytest

from course_suite import ASSIGNMENTS, nbgrader_meta, source_notebook

MAX_LINES = 25  # a code cell longer than this should be split
MAX_TEST_LINES = 40  # test cells hold visible and hidden checks
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


@pytest.fixture(params=ASSIGNMENTS)
def nb(request):
    return nbformat.read(source_notebook(request.param), as_version=4)


def graded_ids(nb):
    return [nbgrader_meta(c).get("grade_id") for c in nb.cells if nbgrader_meta(c)]


def test_no_outputs_or_execution_counts(nb):
    dirty = [c.id for c in nb.cells if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"strip outputs of: {dirty}"


def test_grade_ids_are_named_slugs(nb):
    bad = [g for g in graded_ids(nb) if not SLUG.match(g or "") or g.startswith("cell")]
    assert not bad, f"name these grade ids after what they hold: {bad}"


def test_cell_ids_are_unique(nb):
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids))


def test_setup_cell_is_locked_and_seeds(nb):
    setup = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "setup"]
    assert setup and nbgrader_meta(setup[0]).get("locked"), "add a locked cell with grade_id 'setup'"
    assert "runtime.set_seed(" in setup[0].source


def test_every_solution_is_followed_by_its_test(nb):
    pending = None
    for c in nb.cells:
        meta = nbgrader_meta(c)
        if meta.get("solution") and c.cell_type == "code":
            assert pending is None, f"{pending} has no test cell test_{pending} before the next exercise"
            pending = meta["grade_id"]
        elif meta.get("grade") and c.cell_type == "code":
            assert meta["grade_id"] == f"test_{pending}", f"test cell {meta['grade_id']} follows {pending}"
            pending = None
    assert pending is None, f"{pending} has no test cell"


def test_solution_cells_keep_signature_outside_the_markers(nb):
    """A function's signature stays visible; a quiz answer cell only sets an UPPER_CASE name (first to None)."""
    for c in nb.cells:
        if nbgrader_meta(c).get("solution") and c.cell_type == "code":
            head, _, body = c.source.partition("### BEGIN SOLUTION")
            assert "### END SOLUTION" in body, c.id
            answer = body.split("### END SOLUTION")[0].strip()
            # a quiz cell may first set its name to None, so that a blank release defines it (issue 11 item 7)
            name = re.match(r"([A-Z][A-Z0-9_]*) = ", answer)
            placeholder = not head.strip() or (
                name and re.fullmatch(rf"{name.group(1)} = None(\s+#[^\n]*)?", head.strip())
            )
            quiz = placeholder and re.fullmatch(r"[A-Z][A-Z0-9_]* = .+", answer, re.S)
            assert re.search(r"^(def|class) ", head, re.M) or quiz, c.id


def test_test_cells_have_a_docstring_points_and_hidden_tests(nb):
    for c in nb.cells:
        meta = nbgrader_meta(c)
        if meta.get("grade") and c.cell_type == "code":
            assert c.source.lstrip().startswith('"""'), f"{c.id}: start with a one-line docstring"
            assert meta.get("points", 0) > 0 and meta.get("locked"), c.id
            assert "### BEGIN HIDDEN TESTS" in c.source and "### END HIDDEN TESTS" in c.source, c.id
            assert "checks." in c.source, f"{c.id}: use visiondl.checks, not bare asserts"


def test_code_cells_are_short(nb):
    for c in nb.cells:
        if c.cell_type == "code":
            cap = MAX_TEST_LINES if nbgrader_meta(c).get("grade") else MAX_LINES
            assert len(c.source.splitlines()) <= cap, f"{c.id} has more than {cap} lines: split it"


def test_markdown_before_every_plain_code_cell(nb):
    for before, c in zip(nb.cells, nb.cells[1:]):
        if c.cell_type == "code" and not nbgrader_meta(c).get("grade"):
            assert before.cell_type == "markdown", f"{c.id}: say what and why in markdown first"


def test_widget_cells_draw_their_figure_once(nb):
    """widgets.interactive draws the figure itself; calling the function as well draws it twice."""
    twice = []
    for c in nb.cells:
        for func in re.findall(r"widgets\.interactive\(\s*(\w+)", c.source if c.cell_type == "code" else ""):
            if re.search(rf"^{func}\(", c.source, re.MULTILINE):
                twice.append(c.id)
    assert not twice, f"call the function only through widgets.interactive in: {twice}"
