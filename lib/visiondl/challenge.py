"""Submit predictions to the in-class challenge's leaderboard from a notebook.

    from visiondl import challenge
    challenge.submit(predictions, team="ants", token="...")   # prints the public score and rank
    challenge.standings()                                      # prints the public leaderboard

The server's address comes from `url=` or the environment variable VISIONDL_LEADERBOARD_URL
(e.g. http://127.0.0.1:8000/ or https://hub.example.org/services/leaderboard/). Every failure
prints one clear paragraph and returns None: nothing here raises into a student's notebook.
Under nbgrader (NBGRADER_EXECUTION set) nothing is sent.
"""

from __future__ import annotations

import json
import os
import textwrap
import urllib.error
import urllib.request

import numpy as np

URL_VARIABLE = "VISIONDL_LEADERBOARD_URL"
TIMEOUT = 20.0


class _Refused(Exception):
    """A submission that cannot go through; the message is for the student."""


def _say(message: str) -> None:
    print(textwrap.fill(" ".join(message.split()), width=100))


def _base(url: str | None) -> str:
    url = url or os.environ.get(URL_VARIABLE)
    if not url:
        raise _Refused(
            f"No leaderboard address: pass url='http://…' or set the environment variable {URL_VARIABLE} "
            "(your instructor gives you the address)."
        )
    return url if url.endswith("/") else url + "/"


def _request(url: str, data: bytes | None = None, token: str | None = None) -> dict:
    headers = {"Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url, data=data, headers=headers, method="POST" if data is not None else "GET"
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        try:
            detail = json.loads(error.read()).get("detail", "")
        except (ValueError, AttributeError):
            detail = ""
        raise _Refused(_explain(error.code, detail)) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise _Refused(
            f"Could not reach the leaderboard at {url} ({reason}). Is the server running and the address "
            f"right? Check {URL_VARIABLE} or the url= argument, then try again; nothing was submitted."
        ) from None


def _explain(status: int, detail: str) -> str:
    lead = {
        401: "The leaderboard did not accept your token.",
        403: "The leaderboard refused this submission.",
        413: "The submission is too large.",
        422: "The leaderboard could not score these predictions.",
        429: "Your team has reached today's submission limit.",
    }.get(status, f"The leaderboard answered with an error (HTTP {status}).")
    return f"{lead} {detail} Nothing was recorded."


def _as_array(predictions) -> np.ndarray:
    """Return 1-D int64 class ids, or refuse with the reason (checked before anything is sent)."""
    if hasattr(predictions, "detach"):  # a torch tensor, without importing torch
        predictions = predictions.detach().cpu().numpy()
    try:
        array = np.asarray(predictions)
    except (ValueError, TypeError) as error:
        raise _Refused(
            f"The predictions are not an array of class ids ({error}). Nothing was submitted."
        ) from None
    if array.ndim != 1:
        raise _Refused(
            f"The predictions must be a 1-D array of class ids, one per test image; got shape {array.shape}. "
            "If you have scores per class, take `.argmax(1)` first. Nothing was submitted."
        )
    if not np.issubdtype(array.dtype, np.integer):
        raise _Refused(
            f"The predictions must be integer class ids, but their type is {array.dtype}. Convert them, e.g. "
            "`predictions.astype(int)` or `tensor.long()`, after taking the argmax. Nothing was submitted."
        )
    return array.astype(np.int64)


def _check(array: np.ndarray, n: int, num_classes: int) -> None:
    if array.size != n:
        raise _Refused(
            f"The challenge has {n} test images, but you have {array.size} predictions. Predict every test image "
            "once, in the order the notebook loads them. Nothing was submitted."
        )
    if array.size and (array.min() < 0 or array.max() >= num_classes):
        raise _Refused(
            f"Class ids run from 0 to {num_classes - 1}, but your predictions range from {array.min()} to "
            f"{array.max()}. Nothing was submitted."
        )


def submit(predictions, team: str, token: str, url: str | None = None, chosen: bool = False) -> dict | None:
    """Send one submission; print and return its public score and the team's rank (None on failure).

    `chosen=True` marks it as one of the team's submissions that count for the final (private) board.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        _say("Running under the grader: nothing was submitted to the leaderboard.")
        return None
    try:
        array = _as_array(predictions)
        base = _base(url)
        info = _request(base + "api/health")
        _check(array, int(info["n"]), int(info["num_classes"]))
        body = json.dumps({"predictions": array.tolist(), "team": team, "chosen": bool(chosen)}).encode()
        result = _request(base + "api/submit", data=body, token=token)
    except _Refused as refusal:
        _say(str(refusal))
        return None
    _say(
        f"Submission {result['id']} of team {result['team']}: public score {100 * result['public_score']:.2f}%. "
        f"Your team's best is {100 * result['best_public_score']:.2f}%, rank {result['rank']} of {result['teams']}, "
        f"{result['entries']} submissions so far; {result['remaining_today']} left today. The private part of "
        "the test set decides the final ranking."
    )
    keys = ("id", "team", "public_score", "best_public_score", "rank", "teams", "entries", "remaining_today")
    return {k: result[k] for k in keys}


def standings(url: str | None = None) -> list[dict] | None:
    """Print and return the public leaderboard (and the private one once revealed); None on failure."""
    try:
        board = _request(_base(url) + "api/standings")
    except _Refused as refusal:
        _say(str(refusal))
        return None
    rows = board.get("private") or board["public"]
    title = "Private (final) leaderboard" if board.get("private") else "Public leaderboard"
    print(f"{title}: {len(rows)} teams, {board['submissions']} submissions")
    for r in rows:
        print(f"{r['rank']:>4}  {r['team']:20} {100 * r['score']:6.2f}%  {r['entries']:>3} entries")
    return rows
