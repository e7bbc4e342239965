"""JupyterLab in a real browser: the landing page, Run All of every notebook, live widgets, Validate.

Run one notebook with `-k 01_perceptron`. Screenshots and Run All times go to the artifact folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.request

import jlab
import pytest
from jlab import ROOT, artifacts, record_timing

from visiondl import grading, lab

# Every test here starts a browser (and most a kernel): none belongs in `make test-fast`.
pytestmark = [pytest.mark.browser, pytest.mark.slow]
ASSIGNMENTS = grading.assignments(ROOT)
SOURCE = ROOT / "source"

# The errors a blank notebook may show: an unanswered exercise, a failed check, or a cell that says
# which exercise to finish first.
BLANK_ERRORS = ("NotImplementedError", "AssertionError")
FINISH_FIRST = re.compile(r"finish|exercise|not answered", re.IGNORECASE)


def test_server_prints_a_token_url_and_opens_on_the_readme(lab_server, page):
    assert f"127.0.0.1:{lab_server.port}/lab" in lab_server.url and "token=" in lab_server.url
    page.goto(lab_server.url, timeout=jlab.LOAD_TIMEOUT)
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.title.label === 'README.md'",
        timeout=jlab.LOAD_TIMEOUT,
    )
    # Rendered (not the text editor), and it says where to start.
    page.wait_for_function(
        "() => (document.querySelector('.jp-RenderedMarkdown') || {}).innerText?.includes('01_perceptron')",
        timeout=jlab.LOAD_TIMEOUT,
    )
    page.screenshot(path=artifacts() / "landing-page.png")


def test_kernels_find_the_course_commands(lab_server, page):
    """The notebooks tell students to run `visiondl grade`; nbgrader's Formgrader needs `alembic`."""
    jlab.open_notebook(page, lab_server, "course/01_perceptron/01_perceptron.ipynb")
    code = "import json, shutil; print(json.dumps({c: shutil.which(c) for c in ('visiondl', 'nbgrader', 'alembic')}))"
    found = json.loads(jlab.execute(page, code))
    assert all(found.values()), f"not on the kernel's PATH: {found}"


def uses_live_widgets(assignment: str) -> bool:
    text = (SOURCE / assignment / f"{assignment}.ipynb").read_text()
    return "widgets.interactive(" in text


def screenshot_at_first_widget(page, name: str) -> None:
    widget = jlab.panel(page).locator(".widget-interact").first
    if widget.count():
        widget.scroll_into_view_if_needed()
    page.screenshot(path=artifacts() / f"{name}.png")


def check_live_widgets(page, assignment: str) -> list[str]:
    """Move a control of every live widget and see its linked output change (bounded waits)."""
    widgets = jlab.panel(page).locator(".widget-interact")
    if uses_live_widgets(assignment):
        assert widgets.count() >= 1, f"{assignment}: no live widget rendered"
    moves = []
    for k in range(widgets.count()):
        widget = widgets.nth(k)
        widget.scroll_into_view_if_needed()
        page.wait_for_function(
            "w => w.querySelector('.widget-output img, .widget-output pre')",
            arg=widget.element_handle(),
            timeout=jlab.LOAD_TIMEOUT,
        )
        before = jlab.widget_picture(widget)
        moves.append(jlab.nudge(widget))
        page.wait_for_function(
            """([w, before]) => {
                 const now = [...w.querySelectorAll('.widget-output img, .jp-OutputArea-output img')]
                   .map(i => i.src.slice(-200)).join('|')
                   + [...w.querySelectorAll('.widget-output pre')].map(p => p.textContent).join('|');
                 return now && now !== before; }""",
            arg=[widget.element_handle(), before],
            timeout=jlab.RUN_TIMEOUT * 1000,
            polling=500,
        )
        page.wait_for_function(jlab.IDLE_JS, timeout=jlab.RUN_TIMEOUT * 1000, polling=500)
    return moves


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_runs_clean_in_jupyterlab(lab_server, page, assignment):
    jlab.open_notebook(page, lab_server, f"solutions/{assignment}/{assignment}.ipynb")
    seconds = jlab.run(page)
    record_timing(f"solution/{assignment}", seconds)
    nb = jlab.cells(page)
    assert not jlab.unrun(nb), f"{assignment}: cells left unrun: {jlab.unrun(nb)}"
    assert jlab.errors(nb) == [], f"{assignment}: error outputs"
    assert jlab.stderr(nb) == [], f"{assignment}: output on stderr"
    images = page.evaluate(
        f"""() => [...{jlab.CURRENT}.node.querySelectorAll('.jp-OutputArea-output img')]
               .map(img => img.complete && img.naturalWidth > 0)"""
    )
    assert all(images), f"{assignment}: {images.count(False)} figure(s) did not render"
    assert len(images) >= jlab.png_outputs(nb) >= 1, f"{assignment}: figures missing from the page"
    moves = check_live_widgets(page, assignment)
    screenshot_at_first_widget(page, f"solution-{assignment}")
    print(f"{assignment}: Run All {seconds:.0f} s, {len(images)} figures, widgets: {moves}")
    assert page.console_errors == [], f"browser console errors: {page.console_errors}"


# Every blank release runs to its end with only "not answered yet" errors (issue 11, item 7): a cell
# after an unfinished exercise says which exercise to finish first instead of a knock-on NameError.
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_shows_only_unanswered_messages(lab_server, page, assignment):
    jlab.open_notebook(page, lab_server, f"course/{assignment}/{assignment}.ipynb")
    seconds = jlab.run_to_end(page)
    record_timing(f"blank/{assignment}", seconds)
    nb = jlab.cells(page)
    assert not jlab.unrun(nb), f"{assignment}: cells left unrun: {jlab.unrun(nb)}"
    # once each, in order; the kernel may have run code before (JupyterLab reuses it per notebook path)
    counts = [c["execution_count"] for c in nb if c["cell_type"] == "code"]
    in_order = list(range(counts[0], counts[0] + len(counts))) if counts else []
    assert counts == in_order, f"{assignment}: cells not run once each, in order: {counts}"
    errors = jlab.errors(nb)
    assert errors, f"{assignment}: the blank release raised nothing"
    unexpected = [e for e in errors if e[1] not in BLANK_ERRORS and not FINISH_FIRST.search(e[2])]
    assert unexpected == [], f"{assignment}: knock-on errors in the blank release: {unexpected}"
    assert jlab.stderr(nb) == [], f"{assignment}: warnings on stderr in the blank release"
    screenshot_at_first_widget(page, f"blank-{assignment}")


def validate(page, lab_server, path: str) -> str:
    """Click the notebook toolbar's Validate button; return the text of nbgrader's result dialog."""
    jlab.open_notebook(page, lab_server, path)
    jlab.panel(page).locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog-content")
    dialog.wait_for(timeout=jlab.RUN_TIMEOUT * 1000)
    page.wait_for_function(
        "() => !/Validating/i.test(document.querySelector('.jp-Dialog-content').innerText)",
        timeout=jlab.RUN_TIMEOUT * 1000,
    )
    text = dialog.inner_text()
    page.screenshot(path=artifacts() / f"validate-{path.split('/')[0]}.png")
    return text


def test_validate_passes_on_the_solution(lab_server, page):
    text = validate(page, lab_server, "solutions/01_perceptron/01_perceptron.ipynb")
    assert "Success" in text and "passes" in text, text


def test_validate_fails_on_the_blank_with_each_test(lab_server, page):
    text = validate(page, lab_server, "course/01_perceptron/01_perceptron.ipynb")
    assert "Success" not in text, text
    assert "failed" in text.lower() and "NotImplementedError" in text, text


def test_validate_route_of_the_extension(lab_server):
    request = urllib.request.Request(
        lab_server.link("/assignments/validate"),
        data=b"path=course/01_perceptron/01_perceptron.ipynb",
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=jlab.RUN_TIMEOUT) as response:
        result = json.loads(response.read())
    assert result["success"], result
    failed = result["value"]["failed"]
    expected = ("NotImplementedError", "AssertionError", "did not provide a response")
    assert len(failed) >= 2 and all(any(e in f["error"] for e in expected) for f in failed), failed


@pytest.fixture(scope="module")
def graded_submission(lab_server):
    """A student's solution of 01 in the copy's submitted/, autograded; return its submission id."""
    from nbgrader.api import Gradebook

    assignment, root = "01_perceptron", lab_server.root
    folder = root / "submitted" / "student1" / assignment
    folder.mkdir(parents=True)
    shutil.copy2(root / "solutions" / assignment / f"{assignment}.ipynb", folder)
    env = lab.environment(root, {**os.environ, "NBGRADER_EXCHANGE": str(root / ".exchange")})
    for argv in (
        ["nbgrader", "generate_assignment", assignment, "--force"],
        ["nbgrader", "autograde", assignment],
    ):
        subprocess.run(argv, cwd=root, env=env, check=True, capture_output=True, timeout=jlab.RUN_TIMEOUT)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="visiondl") as gradebook:
        return gradebook.find_submission_notebook(assignment, assignment, "student1").id


def test_formgrader_shows_a_graded_submission_to_grade_by_hand(lab_server, page, graded_submission):
    page.goto(lab_server.link("/formgrader/manage_assignments"), timeout=jlab.LOAD_TIMEOUT)
    row = page.locator("tr", has_text="01_perceptron").first
    row.wait_for(timeout=jlab.LOAD_TIMEOUT)
    links = [a for a in row.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))") if a]
    broken = {}
    for href in links:
        if href.startswith("/") and not href.startswith("/formgrader"):
            status = page.request.get(lab_server.link(href)).status
            if status >= 400:
                broken[href] = status
    assert broken == {}, f"Formgrader links that fail: {broken}"
    page.screenshot(path=artifacts() / "formgrader-assignments.png")

    page.goto(lab_server.link(f"/formgrader/submissions/{graded_submission}/"), timeout=jlab.LOAD_TIMEOUT)
    page.get_by_text("contradicts the fourth inequality").first.wait_for(timeout=jlab.LOAD_TIMEOUT)
    assert page.locator("input.score").count() >= 1, "no score box for the written answer"
    page.screenshot(path=artifacts() / "formgrader-submission.png", full_page=True)
