"""The grader's side of a student's kernel: requests, handles, callbacks and write-back.

A `Handle` stands for an object that lives in the kernel (a student's function, class or
instance). Calling it sends the arguments to the kernel (pickled: the grader trusts what
it sends), runs the call there under the time limit, and returns the result as plain data
decoded by `visiondl.wire` (anything else comes back as a new handle); changes to mutable
arguments are written back with `visiondl.state`. Functions defined in a test cell travel
as callbacks: the kernel calls back into the grader, which runs them on plain data, under
the kernel's grad mode. Objects of classes defined in a test cell are the grader's: their
methods are callbacks too, and `self` in them is the grader's own object, brought up to date
with the kernel's copy before (module state, weights) and sent back after (see `visiondl.state`).
`isinstance(handle, nn.Module)` answers from the remote class's MRO (trusted classes only).
"""

from __future__ import annotations

import base64
import builtins
import contextlib
import importlib
import io
import sys
import time
import types
import warnings

import cloudpickle

from visiondl import state, wire, writeback
from visiondl.sandbox import CellTimeout, KernelDied

TEST_MODULE = state.TEST_MODULE  # __name__ of the namespace test cells run in
STREAM_CAP = 2 * 2**20


class Session:
    """Requests to one kernel, with the deadline of the test cell being judged."""

    def __init__(self, kernel, timeout: float):
        self.kernel, self.timeout = kernel, timeout
        self.deadline: float | None = None
        self.callbacks: dict[int, object] = {}
        self.handles: dict[int, Handle] = {}
        self.classes: dict[tuple, type | None] = {}
        self.out, self.err = [], []
        self.roots: list = []

    # ---- requests ---------------------------------------------------------------------------
    def request(self, op: str, **fields) -> dict:
        deadline = self.deadline or time.monotonic() + self.timeout
        if time.monotonic() >= deadline:  # e.g. a test looping over a student's endless iterator
            raise CellTimeout()
        torch = sys.modules.get("torch")
        grad = bool(torch.is_grad_enabled()) if torch else True
        self.kernel.send({"op": op, "grad": grad, **fields})
        while True:
            msg = self.kernel.receive(deadline)
            self.collect(msg)
            if msg.get("op") != "callback":
                break
            self.run_callback(msg)
        if msg.get("interrupted"):
            raise CellTimeout()
        if msg.get("ok") is not True:
            raise remote_exception(msg.get("exc"))
        return msg

    def collect(self, msg: dict) -> None:
        caught = msg.get("warnings")
        for entry in caught if type(caught) is list else []:
            if type(entry) is not list or len(entry) != 2:
                continue
            category, text = entry
            cls = getattr(builtins, str(category), None)
            cls = cls if isinstance(cls, type) and issubclass(cls, Warning) else UserWarning
            warnings.warn(str(text), cls, stacklevel=2)
        for key, sink in (("out", self.out), ("err", self.err)):
            text = msg.get(key)
            if type(text) is str and text and sum(map(len, sink)) < STREAM_CAP:
                sink.append(text[:STREAM_CAP])

    def value(self, msg: dict):
        return wire.decode(msg.get("value"), self.make)

    def get(self, name: str):
        """The kernel's global `name`: (True, value) or (False, None) when it is not defined."""
        msg = self.request("get", name=name)
        return (False, None) if msg.get("missing") else (True, self.value(msg))

    def run(self, code: str) -> dict:
        return self.request("run", code=code)

    # ---- values -----------------------------------------------------------------------------
    def make(self, desc: dict):
        tag = desc["t"]
        if tag == "h":
            hid = desc.get("id")
            if type(hid) is not int:
                raise wire.WireError("a malformed handle")
            if hid not in self.handles:
                mro = desc.get("mro")
                mro = (
                    tuple(tuple(c) for c in mro if type(c) is list and len(c) == 2)
                    if type(mro) is list
                    else ()
                )
                self.handles[hid] = Handle(self, hid, mro)
            return self.handles[hid]
        if tag == "module":
            name = desc.get("v")
            if state.trusted_module(name):
                try:
                    return importlib.import_module(name)
                except ImportError:
                    pass
            return types.ModuleType(f"untrusted module {str(name)[:80]}")
        if tag == "ref":
            obj = state.trusted_class([desc.get("mod"), desc.get("qual")])  # classes only, never functions
            if obj is None:
                raise wire.WireError("a reference to a library class that does not exist")
            return obj
        if tag == "arg":
            path = desc.get("v")
            if type(path) is not int or not 0 <= path < len(self.roots):
                raise wire.WireError("a malformed argument reference")
            return self.roots[path]
        raise wire.WireError(f"an unexpected {tag!r}")

    def trusted_class(self, mro: tuple):
        if mro not in self.classes:
            found = None
            for path in mro:  # builtins excluded: a subclass of int is no int to a test
                cls = None if path[0] == "builtins" else state.trusted_class(list(path))
                if cls is not None and cls is not object:
                    found = cls
                    break
            self.classes[mro] = found
        return self.classes[mro]

    def dumps(self, obj, args: list | None = None) -> str:
        """Pickle for the kernel; handles, test functions and `args` (by position) go by reference."""
        session = self
        positions = {id(x): i for i, x in enumerate(args or [])}

        class Pickler(cloudpickle.Pickler):
            def persistent_id(self, x):
                if id(x) in positions:
                    return ("arg", positions[id(x)])
                if type(x) is Handle:
                    return ("h", object.__getattribute__(x, "_hid"))
                if isinstance(x, types.FunctionType) and x.__module__ == TEST_MODULE:
                    key = len(session.callbacks) + 1
                    session.callbacks[key] = x
                    return ("cb", key)
                return None

        buf = io.BytesIO()
        Pickler(buf, protocol=5).dump(obj)
        return base64.b64encode(buf.getvalue()).decode("ascii")

    def sync_tests(self, sync) -> list:
        """Apply the kernel's state of the call's test-defined arguments (before a callback)."""
        tests = [(i, x) for i, x in enumerate(self.roots) if state.kind(x) == "test"]
        entries = wire.decode(sync)  # plain data only: no handles, no references
        for entry in entries if type(entries) is list else []:
            if type(entry) is list and len(entry) == 2 and type(entry[0]) is int:
                if 0 <= entry[0] < len(self.roots) and state.kind(self.roots[entry[0]]) == "test":
                    writeback.apply(self.roots[entry[0]], entry[1])  # never their records
        return tests

    def run_callback(self, msg: dict) -> None:
        try:
            fn = self.callbacks[msg.get("cb")]
            tests = self.sync_tests(msg.get("sync"))
            args, kwargs = wire.decode(msg.get("args"), self.make)
            roots = state.mutables(args, kwargs)
            before = state.fingerprints([x for _, x in tests])
            torch = sys.modules.get("torch")
            mode = torch.set_grad_enabled(msg.get("grad") is not False) if torch else contextlib.nullcontext()
            with mode:
                result = fn(*args, **dict(kwargs))
            # what the function changed in place goes back too, and a result that is one of
            # the arguments is the kernel's own object again (as in `np.subtract(w, g, out=w)`)
            back = self.dumps([None if state.kind(x) == "test" else state.describe(x) for x in roots])
            sync = self.dumps([[i, state.describe(x, before, records=True)] for i, x in tests])
            reply = {
                "op": "cbret",
                "ok": True,
                "payload": self.dumps(result, roots),
                "back": back,
                "sync": sync,
            }
        except (CellTimeout, KernelDied):
            raise
        except Exception as error:  # noqa: BLE001 - the kernel sees the callback fail
            reply = {"op": "cbret", "ok": False, "msg": f"{type(error).__name__}: {error}"}
        self.kernel.send(reply)

    def call(self, hid: int, args: tuple, kwargs: dict):
        roots = state.mutables(args, kwargs)
        payload = self.dumps((args, kwargs))
        saved, self.roots = self.roots, roots  # callbacks during the call refer to them too
        try:
            msg = self.request("call", target=hid, payload=payload)
            value = self.value(msg)
            back = msg.get("writeback")
            if type(back) is list and len(back) == len(roots):
                for x, desc in zip(roots, back):
                    if desc is not None:
                        writeback.apply(x, wire.decode(desc, self.make))
        finally:
            self.roots = saved
        return value


def remote_exception(exc) -> BaseException:
    """The grader's exception for one raised in the kernel: the nearest built-in class, same text."""
    if type(exc) is not dict:
        return RuntimeError("the kernel reported a malformed error")
    msg = exc.get("msg") if type(exc.get("msg")) is str else ""
    names = exc.get("mro") if type(exc.get("mro")) is list else []
    if "KeyboardInterrupt" in names:
        return CellTimeout()
    for name in names:
        cls = getattr(builtins, name, None) if type(name) is str else None
        if isinstance(cls, type) and issubclass(cls, Exception):
            try:
                return cls(msg)
            except Exception:  # noqa: BLE001 - classes that need other arguments
                break
    return RuntimeError(f"{exc.get('name')}: {msg}")


class Handle:
    """An object in the student's kernel, reached through requests."""

    __slots__ = ("_s", "_hid", "_mro")

    def __init__(self, session: Session, hid: int, mro: tuple):
        object.__setattr__(self, "_s", session)
        object.__setattr__(self, "_hid", hid)
        object.__setattr__(self, "_mro", mro)

    @property
    def __class__(self):
        s = object.__getattribute__(self, "_s")
        return s.trusted_class(object.__getattribute__(self, "_mro")) or Handle

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        s = object.__getattribute__(self, "_s")
        return s.value(s.request("attr", target=object.__getattribute__(self, "_hid"), name=name))

    def __setattr__(self, name: str, value) -> None:
        s = object.__getattribute__(self, "_s")
        s.request("setattr", target=object.__getattribute__(self, "_hid"), name=name, payload=s.dumps(value))

    def __call__(self, *args, **kwargs):
        s = object.__getattribute__(self, "_s")
        return s.call(object.__getattribute__(self, "_hid"), args, kwargs)

    def __getitem__(self, key):
        s = object.__getattribute__(self, "_s")
        return s.value(s.request("item", target=object.__getattribute__(self, "_hid"), payload=s.dumps(key)))

    def _simple(self, op: str):
        s = object.__getattribute__(self, "_s")
        return s.value(s.request(op, target=object.__getattribute__(self, "_hid")))

    def __len__(self):
        n = Handle._simple(self, "len")
        if type(n) is not int or n < 0:
            raise TypeError("len() of a student's object did not give an int")
        return n

    def __bool__(self):
        return Handle._simple(self, "bool") is True

    def __repr__(self):
        text = Handle._simple(self, "repr")
        return text if type(text) is str else "<student object>"

    def __iter__(self):
        s = object.__getattribute__(self, "_s")
        it = Handle._simple(self, "iter")
        if type(it) is not Handle:
            yield from iter(it)
            return
        while True:
            msg = s.request("next", target=object.__getattribute__(it, "_hid"))
            if msg.get("stop"):
                return
            yield s.value(msg)
