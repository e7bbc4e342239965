"""The grader scores real nbgrader runs of the fixture course in tests/files/ as a teacher would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from visiondl import grading

FILES = Path(__file__).resolve().parent / "files"
# one worker: its module fixture grades the scenarios once, not once on each xdist worker
pytestmark = pytest.mark.xdist_group("grading-scenarios")
COURSE = FILES / "tiny_course"
SCENARIOS = [
    "blank",
    "answered-correctly",
    "wrong-double",
    "submitted-cheat-attempt",
    "deleted-test-cell",
    "writes-to-stderr",
    "infinite-loop",
    "memory-hog",
]


@pytest.fixture(scope="session")
def reports():
    """Grade every scenario notebook as one class, with a short cell time limit."""
    notebooks = [FILES / f"{name}.ipynb" for name in SCENARIOS]
    return dict(
        zip(
            SCENARIOS,
            grading.grade(notebooks, course=COURSE, limits=grading.Limits(timeout=10, memory_gb=3), jobs=2),
        )
    )


def points(report: grading.Report) -> dict[str, float]:
    return {t.grade_id: t.points for t in report.tests}


def message(report: grading.Report, grade_id: str) -> str:
    return next(t.message for t in report.tests if t.grade_id == grade_id)


def test_blank_scores_zero_and_says_not_answered(reports):
    report = reports["blank"]
    assert (report.score, report.max_score) == (0, 3)
    assert "not answered yet" in message(report, "test_double")


def test_correct_answers_score_full_marks_with_hidden_tests(reports):
    assert points(reports["answered-correctly"]) == {"test_double": 2, "test_square": 1}


def test_wrong_answer_loses_points_with_a_readable_message(reports):
    report = reports["wrong-double"]
    assert points(report) == {"test_double": 0, "test_square": 1}
    assert "double:" in message(report, "test_double") and "expected" in message(report, "test_double")


def test_edited_test_cell_is_restored_from_the_gradebook(reports):
    assert points(reports["submitted-cheat-attempt"])["test_double"] == 0


def test_deleted_test_cell_is_added_back_and_run(reports):
    assert points(reports["deleted-test-cell"]) == {"test_double": 2, "test_square": 0}


def test_stderr_in_a_graded_cell_scores_zero_and_says_why(reports):
    report = reports["writes-to-stderr"]
    assert points(report)["test_double"] == 0
    assert "stderr" in message(report, "test_double")


def test_infinite_loop_is_stopped_and_the_rest_still_graded(reports):
    report = reports["infinite-loop"]
    assert points(report) == {"test_double": 0, "test_square": 1}
    assert "time limit" in message(report, "test_double")


def test_memory_hog_is_stopped_by_the_limit_and_the_rest_still_graded(reports):
    report = reports["memory-hog"]
    assert points(report) == {"test_double": 0, "test_square": 1}
    assert "out of memory" in message(report, "test_double")


def test_written_answers_are_listed_for_a_person(reports):
    assert reports["answered-correctly"].manual == ["why_linear"]
    assert "why_linear" not in points(reports["answered-correctly"])


def test_report_json_has_the_documented_fields(reports):
    data = json.loads(reports["wrong-double"].to_json())
    assert {"notebook", "score", "max_score", "tests"} <= set(data)
    assert set(data["tests"][0]) == {"grade_id", "points", "max_points", "message"}


def test_table_lists_every_test_and_its_message(reports):
    table = grading.format_table(reports["wrong-double"])
    assert "1 / 3 points" in table and "test_double" in table and "LOST" in table


def test_a_broken_notebook_gives_a_clear_error():
    with pytest.raises(grading.GradingError, match="not a readable notebook"):
        grading.grade([FILES / "not-a-notebook.ipynb"], course=COURSE)


def test_a_missing_notebook_gives_a_clear_error(tmp_path):
    with pytest.raises(grading.GradingError, match="does not exist"):
        grading.grade([tmp_path / "01_perceptron.ipynb"], course=COURSE)


def test_assignment_is_found_by_file_name_or_grade_ids(tmp_path):
    renamed = tmp_path / "99_tiny (1).ipynb"
    shutil.copyfile(FILES / "blank.ipynb", renamed)
    assert grading.assignment_for(renamed, COURSE) == ("99_tiny", "99_tiny.ipynb")
    assert grading.assignment_for(FILES / "blank.ipynb", COURSE) == ("99_tiny", "99_tiny.ipynb")


def test_find_course_walks_up_from_a_notebook():
    assert grading.find_course(COURSE / "source" / "99_tiny") == COURSE


def test_build_writes_the_release_without_solutions_or_hidden_tests(tmp_path):
    grading.build(COURSE, tmp_path, solutions=False)
    text = (tmp_path / "course" / "99_tiny" / "99_tiny.ipynb").read_text()
    assert "raise NotImplementedError()" in text
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "x + x" not in text


def test_instructor_workflow_autograde_feedback_export(tmp_path):
    """The plain nbgrader commands of the README work with the course's nbgrader_config.py."""
    shutil.copytree(COURSE, tmp_path / "course_root")
    root = tmp_path / "course_root"
    submission = root / "submitted" / "ada" / "99_tiny"
    submission.mkdir(parents=True)
    shutil.copyfile(FILES / "wrong-double.ipynb", submission / "99_tiny.ipynb")
    for command in (
        ["generate_assignment", "99_tiny"],
        ["autograde", "99_tiny"],
        ["generate_feedback", "99_tiny"],
        ["export"],
    ):
        grading.nbgrader(root, *command)
    assert (root / "autograded" / "ada" / "99_tiny" / "99_tiny.ipynb").is_file()
    assert (root / "feedback" / "ada" / "99_tiny" / "99_tiny.html").is_file()
    rows = (root / "grades.csv").read_text().splitlines()
    assert rows[0].startswith("assignment,") and ",ada," in rows[1], rows


def test_a_broken_notebook_in_a_class_scores_zero_and_the_others_are_graded(tmp_path):
    duplicated = tmp_path / "99_tiny.ipynb"
    nb = json.loads((FILES / "answered-correctly.ipynb").read_text())
    nb["cells"] += [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "double"]
    duplicated.write_text(json.dumps(nb))
    notebooks = [
        FILES / "not-a-notebook.ipynb",
        FILES / "answered-correctly.ipynb",
        duplicated,
        tmp_path / "gone.ipynb",
    ]
    broken, good, dup, gone = grading.grade(notebooks, course=COURSE, limits=grading.Limits(timeout=20))
    assert (broken.score, good.score, dup.score, gone.score) == (0, 3, 0, 0)
    assert (
        "not a readable notebook" in broken.error
        and "appears twice" in dup.error
        and "does not exist" in gone.error
    )
    assert not good.error and broken.max_score == 3 and broken.tests[0].message == broken.error
