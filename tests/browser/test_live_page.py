"""A real browser (Playwright driving Debian's chromium) watches the page update live.

A submission posted through the API appears, with its rank, without a reload; a better one
re-ranks the board; the reveal shows the private board. Screenshots go to tests/artifacts/
(or $VISIONDL_ARTIFACTS).
"""

from __future__ import annotations

import numpy as np
import pytest
from jlab import artifacts
from leaderboard_server import Server, call, leaderboard, make_challenge, predictions_with

# skipped where chromium is missing, like every browser test (tests/browser/conftest.py)
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("leaderboard")]

N = 100
LABELS = np.random.default_rng(5).integers(0, 10, N)
WAIT_MS = 20_000  # bounded waits for the DOM; the event stream itself answers within a second


@pytest.fixture
def page(browser):
    """A fresh page of the session's chromium (tests/browser/conftest.py): one Playwright per worker,
    since a second sync Playwright in the same process fails inside the first one's event loop."""
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_page_shows_a_new_rank_without_a_reload(tmp_path, page):
    tokens = make_challenge(tmp_path, LABELS, 4, "--title", "CIFAR-10 in-class challenge")
    server = Server(tmp_path / "lb.db", prefix="/services/leaderboard/")
    try:
        server.start()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url)
        page.wait_for_selector("#live.on", timeout=WAIT_MS)  # the event stream is open
        page.wait_for_selector("td.empty", timeout=WAIT_MS)
        page.evaluate("window.__sameDocument = 'yes'")  # a reload would wipe this

        def post(team, right, private=10):
            body = {"predictions": predictions_with(LABELS, right, private)}
            assert call("POST", server.url + "api/submit", body, token=tokens[team])[0] == 201

        post("team02", 20, 22)
        rank = page.locator('tr[data-team="team02"] td.rank')
        rank.wait_for(timeout=WAIT_MS)
        assert rank.text_content() == "1"
        for team, right, private in [("team01", 35, 15), ("team03", 10, 5), ("team04", 25, 30)]:
            post(team, right, private)
        page.wait_for_function("document.body.dataset.submissions === '4'", timeout=WAIT_MS)
        assert page.locator('tr[data-team="team02"] td.rank').text_content() == "3"
        assert page.locator("#public tbody tr td:nth-child(2)").all_text_contents() == [
            "team01", "team04", "team02", "team03"]  # fmt: skip
        assert page.locator("#plot path").count() == 1 and page.locator("#plot circle").count() == 2
        assert page.evaluate("window.__sameDocument") == "yes"
        page.screenshot(path=str(artifacts() / "leaderboard-public.png"), full_page=True)

        run = leaderboard("reveal", "--db", str(tmp_path / "lb.db"))
        assert run.returncode == 0, run.stderr
        page.wait_for_selector("#private-section:not([hidden])", timeout=WAIT_MS)  # noticed by polling
        shake_up = page.locator("#private tbody tr td:nth-child(5)").all_text_contents()
        assert shake_up == ["\u25b2 1", "\u25b2 1", "\u25bc 2", "="]  # team04, team02, team01, team03
        assert page.evaluate("window.__sameDocument") == "yes" and errors == []
        page.screenshot(path=str(artifacts() / "leaderboard-private.png"), full_page=True)
    finally:
        server.stop()
