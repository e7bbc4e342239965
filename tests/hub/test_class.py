"""A whole round of a class on a loopback JupyterHub: release, fetch, submit, collect, grade, feedback.

Instructor + 3 students, each a real system user with their own JupyterLab spawned by the hub.
Students act through their servers' nbgrader endpoints (what the Assignment List extension calls)
and the contents API (what saving a notebook does); the instructor runs nbgrader commands as from
a terminal on the hub.
"""

from __future__ import annotations

import json
import time
import urllib.error

import pytest
from classroom import ASSIGNMENT, AUTOGRADE, COURSE_ID, fill, points, solution_sources
from hubserver import Hub

# One hub test at a time (xdist --dist loadgroup): each starts many processes.
pytestmark = [pytest.mark.hub, pytest.mark.slow, pytest.mark.xdist_group("hub")]

NB = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
PARTLY_SKIPPED = "train_perceptron"  # the partly right student leaves this exercise blank


@pytest.fixture
def hub(classroom, proxy_installed):
    teacher = classroom.add_user("teacher")
    students = [classroom.add_user(n) for n in ("alice", "bob", "carol")]
    server = Hub(classroom, [teacher], students)
    yield server, teacher, students
    server.stop()


def student_action(hub, user, action):
    form = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}
    result = hub.user(user, "POST", f"/assignments/{action}", form=form)
    assert result["success"], f"{user} {action}: {result}"
    return result


def test_a_round_of_the_class(hub, classroom):
    hub, teacher, (right, partly, blank) = hub
    course = classroom.make_course(teacher)  # the instructor's clone of the course, before the server starts
    timings = {"spawn_4_servers": hub.start_servers([teacher, right, partly, blank])}
    assert formgrader_status(hub, right) == 404, "students must not get the Formgrader"
    t = time.monotonic()
    classroom.release(teacher, course)
    timings["release"] = time.monotonic() - t
    released = hub.user(teacher, "GET", "/formgrader/api/assignments")
    assert {a["name"]: a["status"] for a in released}.get(ASSIGNMENT) == "released", released

    answers = solution_sources()
    for user, skip in ((right, ()), (partly, (PARTLY_SKIPPED,)), (blank, None)):
        listed = hub.user(user, "GET", f"/assignments?course_id={COURSE_ID}")
        assert listed["success"] and ASSIGNMENT in json.dumps(listed["value"]), listed
        student_action(hub, user, "fetch")
        if skip is not None:
            nb = hub.user(user, "GET", f"/api/contents/{NB}?content=1")["content"]
            hub.user(
                user,
                "PUT",
                f"/api/contents/{NB}",
                data={"type": "notebook", "content": fill(nb, answers, skip)},
            )
        student_action(hub, user, "submit")

    t = time.monotonic()
    classroom.as_user(teacher, ["nbgrader", "collect", ASSIGNMENT], cwd=course)
    classroom.as_user(teacher, [*AUTOGRADE, ASSIGNMENT], cwd=course)
    timings["collect_autograde"] = time.monotonic() - t
    classroom.as_user(teacher, ["nbgrader", "generate_feedback", ASSIGNMENT], cwd=course)
    classroom.as_user(teacher, ["nbgrader", "release_feedback", ASSIGNMENT], cwd=course)

    scores = gradebook_scores(classroom, teacher, course)
    full, lost = points(), points([f"test_{PARTLY_SKIPPED}"])
    assert scores == {right: full, partly: full - lost, blank: 0.0}, scores

    for user in (right, partly, blank):
        student_action(hub, user, "fetch_feedback")
        feedback = classroom.python_as(user, FEEDBACK_CODE)
        assert len(feedback) == 1, f"{user}: expected one feedback file, got {feedback}"
        assert float(feedback[0]["score_line"].split("/")[0]) == scores[user], (user, feedback)

    check_privacy(classroom, teacher, course, [right, partly, blank])
    print(f"hub round timings (s): {json.dumps({k: round(v, 1) for k, v in timings.items()})}")


def formgrader_status(hub, user) -> int:
    try:
        hub.user(user, "GET", "/formgrader")
        return 200
    except urllib.error.HTTPError as error:
        return error.code


def gradebook_scores(classroom, teacher, course) -> dict[str, float]:
    code = (
        "import json; from nbgrader.api import Gradebook\n"
        "with Gradebook('sqlite:///gradebook.db', course_id='visiondl') as gb:\n"
        f"    print(json.dumps({{s.student.id: s.score for s in gb.assignment_submissions({ASSIGNMENT!r})}}))"
    )
    out = classroom.as_user(teacher, ["python", "-c", code], cwd=course).stdout.strip().splitlines()[-1]
    return json.loads(out)


FEEDBACK_CODE = f"""
import json, pathlib, re
found = []
for html in sorted(pathlib.Path.home().glob({ASSIGNMENT!r} + "/feedback/*/*.html")):
    text = html.read_text()
    match = re.search(r"Score: *([0-9.]+ / [0-9.]+)", text)
    found.append({{"path": str(html), "score_line": match.group(1) if match else text[:300]}})
print(json.dumps(found))
"""


def check_privacy(classroom, teacher, course, students) -> None:
    """No student lists the exchange's inbound or feedback, reads the instructor's course or a peer's home."""
    inbound = classroom.exchange / COURSE_ID / "inbound"
    feedback = classroom.exchange / COURSE_ID / "feedback"
    secret_paths = [
        course / "source" / NB,
        course / "gradebook.db",
        course / "submitted",
        *(classroom.home(s) / NB for s in students),
    ]
    for user in students:
        probe = f"""
import json, os
out = {{}}
for folder in {[str(inbound), str(feedback)]!r}:
    try:
        out[folder] = os.listdir(folder)
    except PermissionError:
        out[folder] = "denied"
for path in {[str(p) for p in secret_paths]!r}:
    if path.startswith({str(classroom.home(user))!r}):
        continue
    try:
        open(path, "rb").read(1) if os.path.isfile(path) else os.listdir(path)
        out[path] = "READ"
    except (PermissionError, NotADirectoryError):
        out[path] = "denied"
    except FileNotFoundError:
        out[path] = "missing"
print(json.dumps(out))
"""
        seen = classroom.python_as(user, probe)
        assert all(v in ("denied", "missing") for v in seen.values()), f"{user} can see {seen}"
        assert seen[str(course / "source" / NB)] == "denied"
