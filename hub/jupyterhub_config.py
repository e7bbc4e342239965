"""JupyterHub for a visiondl class on one machine: system users, one shared nbgrader exchange.

    jupyterhub -f hub/jupyterhub_config.py        (as root; README: Running a class)

Every setting comes from an environment variable, so the loopback tests (tests/hub) and a real
class use this same file:

    VISIONDL_HUB_URL        where the hub listens (default http://127.0.0.1:8000; put TLS in front)
    VISIONDL_HUB_STATE      the hub's database, cookie secret and proxy pid (default /srv/jupyterhub)
    NBGRADER_EXCHANGE       the exchange every user reaches (default /srv/nbgrader/exchange, mode 1777)
    VISIONDL_INSTRUCTORS    comma-separated system users who grade (hub admins)
    VISIONDL_STUDENTS       comma-separated system users who take the class (empty: any system user)
    VISIONDL_HUB_PASSWORD   a shared password (DummyAuthenticator): tests and a closed room only;
                            unset, users log in with their system password (PAM)
    VISIONDL_HUB_ADMIN_TOKEN  an API token for a "visiondl-admin" service (scripts, tests)

Single-user servers run as the user's own system account (LocalProcessSpawner), so the exchange's
file permissions keep students apart: nbgrader's inbound folder is write-only for them, and the
instructor's course folder (with source/ and the gradebook) stays in the instructor's private home.
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - JupyterHub provides get_config when it reads this file

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent  # the course environment's bin/ (jupyterhub-singleuser, nbgrader)
STATE = Path(os.environ.get("VISIONDL_HUB_STATE", "/srv/jupyterhub"))
EXCHANGE = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
COURSE_ID = os.environ.get("VISIONDL_COURSE_ID", "visiondl")


def names(var: str) -> set[str]:
    return {n.strip() for n in os.environ.get(var, "").split(",") if n.strip()}


INSTRUCTORS, STUDENTS = names("VISIONDL_INSTRUCTORS"), names("VISIONDL_STUDENTS")

# --- network: the proxy is the only public port; the hub and the proxy's API stay on loopback ---
c.JupyterHub.bind_url = os.environ.get("VISIONDL_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("VISIONDL_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = os.environ.get("VISIONDL_PROXY_API", "http://127.0.0.1:8001")
proxy = REPO / "tools" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"  # tools/install-hub.sh
c.ConfigurableHTTPProxy.command = [str(proxy) if proxy.exists() else "configurable-http-proxy"]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True

# --- who may log in ---
if os.environ.get("VISIONDL_HUB_PASSWORD"):
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["VISIONDL_HUB_PASSWORD"]
else:
    c.JupyterHub.authenticator_class = "pam"
c.Authenticator.admin_users = INSTRUCTORS
if STUDENTS:
    c.Authenticator.allowed_users = INSTRUCTORS | STUDENTS
else:
    c.Authenticator.allow_all = True

if os.environ.get("VISIONDL_HUB_ADMIN_TOKEN"):
    c.JupyterHub.services = [{"name": "visiondl-admin", "api_token": os.environ["VISIONDL_HUB_ADMIN_TOKEN"]}]
    c.JupyterHub.load_roles = [
        {
            "name": "visiondl-admin",
            "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"],
            "services": ["visiondl-admin"],
        }
    ]

# --- each user's JupyterLab, as that system user, in their home folder ---
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300  # a loaded machine starts servers slowly
c.Spawner.http_timeout = 300
c.Spawner.environment = {
    "NBGRADER_EXCHANGE": EXCHANGE,
    "VISIONDL_COURSE_ID": COURSE_ID,
    "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",  # terminals and kernels find `visiondl`, `nbgrader`
    "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),  # one math thread per kernel
}
for var in ("VISIONDL_DATA", "PYTHONPATH"):
    if os.environ.get(var):
        c.Spawner.environment[var] = os.environ[var]


def per_role_config(spawner):
    """Students get nbgrader's exchange settings and no Formgrader; instructors get both."""
    role = "instructor" if spawner.user.name in INSTRUCTORS else "student"
    spawner.environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(HERE / "jupyter" / role), str(HERE / "jupyter" / "common")]
    )


c.Spawner.pre_spawn_hook = per_role_config
