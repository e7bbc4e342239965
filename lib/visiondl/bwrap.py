"""The bubblewrap command line of a student's kernel: what its file system holds (an allowlist).

The kernel sees a new root built from nothing but:
  - read-only: /usr (and the /bin, /lib, /lib64, /sbin links or folders of the host), a few files
    of /etc needed to load libraries and name users (never shadow files, keys or the grader's
    configuration), the Python environment (`sys.prefix`, `sys.base_prefix`), the `visiondl`
    package folder alone (not the checkout around it), the data folders (`$VISIONDL_DATA`,
    `$TORCH_HOME`) and the CPU topology of /sys;
  - fresh: /dev (null, zero, random, tty, shm), /proc of its own pid namespace, an empty
    size-limited tmpfs on /tmp;
  - writable: its scratch folder, at /tmp/work (the root itself is remounted read-only).
Everything else — the course, the grader's folders, the submissions, homes, /root, /opt, /srv,
/var, /work, /mnt — does not exist in there. A folder to hide (the course, the submissions)
that lies inside a bound folder is covered with an empty tmpfs as well.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

NOBODY = 65534
TOP_LEVEL = ("/usr", "/bin", "/lib", "/lib32", "/lib64", "/libx32", "/sbin")
ETC = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "alternatives",  # /usr/bin links point there on Debian
    "passwd",
    "group",
    "nsswitch.conf",
    "hosts",
    "host.conf",
    "localtime",
    "timezone",
    "ssl",
    "ca-certificates",
    "fonts",
    "mime.types",
    "os-release",
    "protocols",
    "services",
    "matplotlibrc",
)
SYS = ("/sys/devices/system/cpu",)  # thread pools size themselves from it


def bwrap_path() -> str | None:
    if os.environ.get("VISIONDL_NO_BWRAP"):
        return None
    return shutil.which("bwrap")


@functools.lru_cache(maxsize=1)
def bwrap_works() -> bool:
    path = bwrap_path()
    if not path:
        return False
    try:
        run = subprocess.run(
            [path, "--unshare-all", *root_links(), "--ro-bind", "/usr", "/usr", "true"], capture_output=True
        )
    except OSError:
        return False
    return run.returncode == 0


def needed_paths() -> list[Path]:
    """What the kernel must read: the Python environment, visiondl, data (bound read-only)."""
    import visiondl

    paths = {
        Path(sys.prefix).resolve(),
        Path(sys.base_prefix).resolve(),
        Path(visiondl.__file__).resolve().parent,
    }
    for var in ("VISIONDL_DATA", "TORCH_HOME"):
        for folder in os.environ.get(var, "").split(os.pathsep):
            if folder and Path(folder).is_dir():
                paths.add(Path(folder).resolve())
    return sorted(paths)


def root_links() -> list[str]:
    """/bin, /lib, … as the host has them: links into /usr (merged /usr), or bound folders."""
    args = []
    for top in TOP_LEVEL:
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    return args


def inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def bwrap_command(scratch: Path, hide: list[Path], tmpfs_mb: int, info_fd: int) -> list[str]:
    cmd = [bwrap_path(), "--unshare-all", "--die-with-parent", "--as-pid-1", "--uid", str(NOBODY)]
    cmd += ["--gid", str(NOBODY), "--info-fd", str(info_fd), *root_links()]
    cmd += ["--dev", "/dev", "--proc", "/proc"]
    size = ["--size", str(tmpfs_mb * 2**20)]
    binds = [Path(p) for p in (*(f"/etc/{name}" for name in ETC), *SYS) if os.path.exists(p)]
    binds += [p for p in needed_paths() if not any(inside(p, Path(t)) for t in TOP_LEVEL)]
    hidden = {Path(p).resolve() for p in hide}
    # mounts in order of depth, a bind before a tmpfs on the same folder (which then hides it)
    mounts = [(p, 0) for p in binds] + [(Path("/tmp"), 1)]
    exposed = binds + [Path(t) for t in TOP_LEVEL if os.path.isdir(t) and not os.path.islink(t)]
    mounts += [(h, 1) for h in hidden if len(h.parts) > 1 and any(inside(h, b) for b in exposed)]
    for path, kind in sorted(set(mounts), key=lambda m: (len(m[0].parts), m[1], str(m[0]))):
        if kind == 0:
            cmd += ["--ro-bind", str(path), str(path)]
        elif path.is_dir() or path == Path("/tmp"):
            cmd += [*size, "--tmpfs", str(path)]
    cmd += ["--bind", str(scratch), "/tmp/work", "--remount-ro", "/", "--chdir", "/tmp/work"]
    return cmd
