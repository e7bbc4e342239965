"""JupyterHub on loopback with the course's hub/jupyterhub_config.py, and a tiny REST client."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from classroom import BIN, ROOT, Classroom

START_TIMEOUT = 180  # s for the hub to answer
SPAWN_TIMEOUT = 420  # s for every single-user server to be ready, under load


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    def __init__(self, room: Classroom, instructors: list[str], students: list[str]):
        self.state = room.base / "hub-state"
        self.state.mkdir(mode=0o700)
        self.url = f"http://127.0.0.1:{free_port()}"
        self.admin_token, self.password = secrets.token_hex(16), secrets.token_hex(8)
        env = dict(os.environ)
        env.update(
            VISIONDL_HUB_URL=self.url,
            VISIONDL_HUB_PORT=str(free_port()),
            VISIONDL_PROXY_API=f"http://127.0.0.1:{free_port()}",
            VISIONDL_HUB_STATE=str(self.state),
            NBGRADER_EXCHANGE=str(room.exchange),
            VISIONDL_INSTRUCTORS=",".join(instructors),
            VISIONDL_STUDENTS=",".join(students),
            VISIONDL_HUB_PASSWORD=self.password,
            VISIONDL_HUB_ADMIN_TOKEN=self.admin_token,
            PYTHONPATH=str(ROOT / "lib"),
            PATH=f"{BIN}:{env.get('PATH', '/usr/bin:/bin')}",
        )
        self.log_path = room.base / "jupyterhub.log"
        self.log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(ROOT / "hub" / "jupyterhub_config.py")],
            cwd=self.state,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.tokens: dict[str, str] = {}
        try:
            self._wait_up()
        except BaseException:  # a hub that never came up is still stopped
            self.stop()
            raise

    def _wait_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited {self.proc.returncode}:\n{self.read_log()}")
            try:
                self.api("GET", "/hub/api/")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(1)
        raise TimeoutError(f"the hub did not answer in {START_TIMEOUT} s:\n{self.read_log()[-4000:]}")

    def read_log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def request(self, method: str, path: str, token: str, data=None, form=None, timeout=300):
        body, headers = None, {"Authorization": f"token {token}"}
        if data is not None:
            body, headers["Content-Type"] = json.dumps(data).encode(), "application/json"
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=timeout) as response:
            text = response.read().decode()
        return json.loads(text) if text.strip() else None

    def api(self, method: str, path: str, data=None):
        """Call the hub's REST API as the course's admin service."""
        return self.request(method, path, self.admin_token, data=data)

    def start_servers(self, users: list[str]) -> float:
        """Start every user's JupyterLab through the hub; wait until all are ready; return the seconds."""
        start = time.monotonic()
        for user in users:
            self.tokens[user] = self.api("POST", f"/hub/api/users/{user}/tokens", {"note": "test"})["token"]
            try:
                self.api("POST", f"/hub/api/users/{user}/server")
            except urllib.error.HTTPError as error:
                if error.code != 202:
                    raise
        deadline = start + SPAWN_TIMEOUT
        waiting = set(users)
        while waiting and time.monotonic() < deadline:
            for user in sorted(waiting):
                server = self.api("GET", f"/hub/api/users/{user}").get("servers", {}).get("", {})
                if server.get("ready"):
                    waiting.discard(user)
            time.sleep(2)
        assert not waiting, f"servers not ready in {SPAWN_TIMEOUT} s: {waiting}\n{self.read_log()[-4000:]}"
        return time.monotonic() - start

    def user(self, user: str, method: str, path: str, **kw):
        """Call `user`'s own JupyterLab server (through the proxy) with the user's token."""
        return self.request(method, f"/user/{user}{path}", self.tokens[user], **kw)

    def stop(self) -> None:
        for user in list(self.tokens):
            try:
                self.api("DELETE", f"/hub/api/users/{user}/server")
            except (urllib.error.URLError, OSError):
                pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()
        pid_file = Path(self.state / "proxy.pid")
        if pid_file.exists():  # the proxy the hub started, if it outlived the hub
            try:
                os.kill(int(pid_file.read_text().strip()), 15)
            except (ValueError, ProcessLookupError):
                pass
