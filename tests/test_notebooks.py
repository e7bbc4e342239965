"""Each source notebook grades as it should: solution full, blank 0, every mutant loses points."""

from __future__ import annotations

import nbformat
import pytest

from course_suite import ASSIGNMENTS, mutant_target, mutants, nbgrader_meta, solution_ids

pytestmark = pytest.mark.slow


def per_assignment(values):
    """Parametrise over assignments, keeping each assignment's tests on one xdist worker."""
    return [
        pytest.param(v, marks=pytest.mark.xdist_group(v if isinstance(v, str) else v[0]), id=str(v))
        for v in values
    ]


MUTANT_CASES = [(a, m.stem) for a in ASSIGNMENTS for m in mutants(a)]


@pytest.mark.parametrize("assignment", per_assignment(ASSIGNMENTS))
def test_solution_scores_full_marks(graded, assignment):
    report = graded(assignment).reports["solution"]
    lost = [f"{t.grade_id}: {t.message}" for t in report.tests if t.points < t.max_points]
    assert report.max_score > 0 and not lost, "the solution lost points:\n" + "\n".join(lost)


@pytest.mark.parametrize("assignment", per_assignment(ASSIGNMENTS))
def test_blank_release_scores_zero(graded, assignment):
    report = graded(assignment).reports["blank"]
    assert report.score == 0, [t for t in report.tests if t.points]


@pytest.mark.parametrize("assignment", per_assignment(ASSIGNMENTS))
def test_grading_twice_gives_the_same_scores(graded, assignment):
    """The tests no mutant of a batch can reach grade the solution's cells again, in another notebook:
    each must score full marks again (the solution's score), or grading is not repeatable."""
    result = graded(assignment)
    assert result.graded_again >= 3, f"only {result.graded_again} tests graded again in the mutant batches"
    assert not result.regraded, f"tests that no mutant reached lost points: {result.regraded}"


@pytest.mark.parametrize("assignment", per_assignment(ASSIGNMENTS))
def test_graded_cells_write_nothing_to_stderr(graded, assignment):
    nb = nbformat.read(graded(assignment).executed["solution"], as_version=4)
    noisy = [
        nbgrader_meta(c)["grade_id"]
        for c in nb.cells
        if nbgrader_meta(c).get("grade") and any(o.get("name") == "stderr" for o in c.get("outputs", []))
    ]
    assert not noisy, f"these graded cells wrote to stderr: {noisy}"


@pytest.mark.parametrize("case", per_assignment(MUTANT_CASES))
def test_mutant_loses_points(graded, case):
    assignment, name = case
    target = mutant_target(next(m for m in mutants(assignment) if m.stem == name))
    report = graded(assignment).reports[name]
    assert report.lost(f"test_{target}"), (
        f"mutant {name} still passes test_{target}: {[(t.grade_id, t.points) for t in report.tests]}"
    )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_has_two_mutants(assignment):
    targets = [mutant_target(m) for m in mutants(assignment)]
    thin = {gid: targets.count(gid) for gid in solution_ids(assignment) if targets.count(gid) < 2}
    assert not thin, f"exercises with fewer than 2 mutants in tests/mutants/{assignment}: {thin}"
