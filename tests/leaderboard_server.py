"""Test helpers for the leaderboard: make a challenge, run the real server on loopback, call it.

The server runs as `python -m visiondl.leaderboard serve` in a subprocess (uvicorn) on a free
port of 127.0.0.1; every wait is bounded and `stop()` always ends the process.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import numpy as np

from visiondl.leaderboard import cli


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_challenge(folder: Path, labels: np.ndarray, teams: int, *extra: str) -> dict[str, str]:
    """Create a challenge with `visiondl leaderboard create` (in process); return {team: token}."""
    np.save(folder / "labels.npy", labels)
    args = ["create", "--db", str(folder / "lb.db"), "--labels", str(folder / "labels.npy")]
    args += ["--num-classes", "10", "--teams", str(teams), "--tokens-out", str(folder / "tokens.csv"), *extra]
    assert cli.main(args) == 0
    with open(folder / "tokens.csv", newline="") as f:
        return {row["team"]: row["token"] for row in csv.DictReader(f)}


def leaderboard(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `python -m visiondl.leaderboard ARGS` and return the finished process."""
    command = [sys.executable, "-m", "visiondl.leaderboard", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


class Server:
    """The leaderboard server in a subprocess: `start()`, `url`, `stop()` (idempotent)."""

    def __init__(self, db: Path, prefix: str = "/", hub: bool = False):
        """`hub=True`: give the prefix and address as JupyterHub does, in environment variables."""
        self.db, self.prefix, self.hub, self.process, self.log = db, prefix, hub, None, db.with_suffix(".log")

    @property
    def url(self) -> str:
        tail = self.prefix.strip("/")
        return f"http://127.0.0.1:{self.port}/" + (tail + "/" if tail else "")

    def start(self, timeout: float = 60) -> Server:
        self.port = free_port()
        command = [sys.executable, "-m", "visiondl.leaderboard", "serve", "--db", str(self.db)]
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        if self.hub:
            env["JUPYTERHUB_SERVICE_PREFIX"] = self.prefix
            env["JUPYTERHUB_SERVICE_URL"] = f"http://127.0.0.1:{self.port}"
        else:
            command += ["--port", str(self.port), "--prefix", self.prefix]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}):\n{self.log.read_text()}")
            try:
                if call("GET", self.url + "api/health", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server did not answer within {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def call(
    method: str,
    url: str,
    body=None,
    token: str | None = None,
    content_type: str = "application/json",
    headers: dict | None = None,
    timeout: float = 30,
) -> tuple[int, dict, Message]:
    """Send one request; return (status, JSON body, headers) for every status, errors included."""
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body).encode() if content_type == "application/json" else str(body).encode()
    sent = {"Content-Type": content_type, **(headers or {})}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, headers=sent, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _parse(response.read()), response.headers
    except urllib.error.HTTPError as error:
        return error.code, _parse(error.read()), error.headers


def _parse(text: bytes):
    try:
        return json.loads(text)
    except ValueError:
        return {"raw": text.decode(errors="replace")}


def public_index(n: int, fraction: float = 0.5, seed: int = 0) -> np.ndarray:
    """The public part as Kaggle draws it, written out here independently of `rules.split_public`."""
    return np.sort(np.random.default_rng(seed).permutation(n)[: int(round(n * fraction))])


def predictions_with(labels: np.ndarray, public_right: int, private_right: int, seed: int = 0) -> list[int]:
    """Return predictions right on exactly the first `public_right` public and `private_right` private items."""
    n = labels.size
    public = public_index(n)
    private = np.setdiff1d(np.arange(n), public)
    wrong = (labels + 1 + np.random.default_rng(seed).integers(0, 8, n)) % 10  # never the right class
    out = wrong.copy()
    out[public[:public_right]] = labels[public[:public_right]]
    out[private[:private_right]] = labels[private[:private_right]]
    return out.tolist()
