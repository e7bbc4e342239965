"""Load on the exchange: 30 students fetch and submit within a minute; every submission collected once.

Each simulated student is a real system user. To put 30 students on two shared cores, nbgrader's
exchange (the code behind `nbgrader fetch_assignment` / `submit` and the Assignment List buttons)
is imported once and each student runs in a forked process that drops to their user id.
"""

from __future__ import annotations

import json
import os
import pwd
import random
import time

import nbformat
import pytest
from classroom import ASSIGNMENT, COURSE_ID

pytestmark = [pytest.mark.hub, pytest.mark.slow, pytest.mark.xdist_group("hub")]

N_STUDENTS = 30
START_WINDOW = 30.0  # s over which the students start (a room that fetches after the announcement)
DONE_WITHIN = 60.0  # s from the first start: every submission is in the exchange
WAIT_LIMIT = 300.0  # s, the bounded wait before the test gives up


def student_round(room, user: str) -> dict:
    """In a forked child: become `user`, fetch the assignment, write a marked answer, submit."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
    from traitlets.config import Config

    entry = pwd.getpwnam(user)
    os.setgroups([])
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
    os.environ.clear()
    os.environ.update(room.env(user))
    os.chdir(entry.pw_dir)
    os.umask(0o022)
    config = Config()
    config.CourseDirectory.course_id = COURSE_ID
    config.CourseDirectory.assignment_id = ASSIGNMENT
    config.CourseDirectory.root = entry.pw_dir
    config.Exchange.root = str(room.exchange)
    coursedir = CourseDirectory(config=config)
    auth = Authenticator(config=config)
    ExchangeFetchAssignment(coursedir=coursedir, authenticator=auth, config=config).start()
    path = os.path.join(ASSIGNMENT, f"{ASSIGNMENT}.ipynb")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "xor_proof":
            cell.source = f"answer of {user}"
    nbformat.write(nb, path)
    ExchangeSubmit(coursedir=coursedir, authenticator=auth, config=config).start()
    return {"user": user, "done": time.time()}


def fork_student(room, user: str, delay: float) -> tuple[int, int]:
    """Start `student_round` for `user` after `delay` s in a child; return (pid, read end of its pipe)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read)
            time.sleep(delay)
            out = student_round(room, user)
        except BaseException as error:  # noqa: BLE001 - report anything to the parent
            out, code = {"user": user, "error": repr(error)}, 1
        os.write(write, json.dumps(out).encode())
        os._exit(code)
    os.close(write)
    return pid, read


def test_thirty_students_fetch_and_submit_within_a_minute(classroom, proxy_installed):
    import nbgrader.exchange.default  # noqa: F401 - imported once, before forking

    teacher = classroom.add_user("teacher")
    students = [classroom.add_user(f"s{k:02d}") for k in range(N_STUDENTS)]
    course = classroom.make_course(teacher)
    classroom.release(teacher, course)

    random.seed(0)
    start = time.time()
    children = [fork_student(classroom, user, random.uniform(0, START_WINDOW)) for user in students]
    results = []
    deadline = time.monotonic() + WAIT_LIMIT
    for pid, read in children:
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:  # bounded: stop a student that hangs
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                break
            time.sleep(0.2)
        results.append(json.loads(os.read(read, 65536) or b'{"error": "no answer"}'))
        os.close(read)
    failures = [r for r in results if "error" in r]
    assert failures == [], failures
    last = max(r["done"] for r in results) - start
    print(
        f"{N_STUDENTS} students fetched and submitted in {last:.1f} s (starts spread over {START_WINDOW:.0f} s)"
    )
    assert last <= DONE_WITHIN, f"the last submission arrived after {last:.0f} s"

    inbound = sorted(os.listdir(classroom.exchange / COURSE_ID / "inbound"))
    assert len(inbound) == N_STUDENTS and {name.split("+")[0] for name in inbound} == set(students)

    for _ in range(2):  # collecting twice must not duplicate anything
        classroom.as_user(teacher, ["nbgrader", "collect", ASSIGNMENT], cwd=course)
    submitted = course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == sorted(students)
    for user in students:
        copies = list((submitted / user).rglob("*.ipynb"))
        assert len(copies) == 1, f"{user}: {copies}"
        assert f"answer of {user}" in copies[0].read_text(), f"{user}'s submission is not their own"
