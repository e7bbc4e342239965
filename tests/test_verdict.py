"""Test cells run in the grader: patching the kernel cannot change a verdict, and the proxies
still give tests what they need (write-back, callbacks, isinstance, exceptions)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from visiondl.proxy import Session
from visiondl.sandbox import Kernel, Policy
from visiondl.verdict import failure_message, judge

PRELUDE = "import numpy as np\nimport torch\nfrom visiondl import checks"

STUDENT = """
import copy, sys, numpy as np, torch
from visiondl import checks
import visiondl.checks

def double(x):
    return np.asarray(x) + 1  # wrong
# every route of the hostile corpus that works inside the kernel
checks.close = checks.equal = lambda *a, **k: None
visiondl.checks.close = lambda *a, **k: None
np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
sys.settrace(lambda *a: None)
get_ipython().events.register("post_run_cell", lambda *a: None)

class Liar:
    def __eq__(self, other): return True
    def __array__(self, *a, **k): return np.array([2.0, 4.0])
def liar(x): return Liar()

class LyingInt(int):
    def __eq__(self, other): return True
def lying_int(): return LyingInt(5)

def bump(a): a += 1
def to_eval(m): m.eval(); return m
def freeze_all(m):
    for p in m.parameters(): p.requires_grad = False
    return m
def apply(f, x): return f(x) + 1
def fails(): raise ValueError("bad input")

class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(2, 3)
    def forward(self, x): return self.fc(x)

def predict(model, x, size):
    model.eval()
    with torch.no_grad():
        return torch.cat([model(x[i:i + size]).argmax(dim=1) for i in range(0, len(x), size)])
def forge_predict(model, x, size):  # never calls the model: writes the records a right answer leaves
    model.calls = [(2, False, False), (1, False, False)]
    model.training = False
    return model.scores.argmax(dim=1)
def fake_self(model, x, size):  # a copy of the model does it right, the model itself predicts in train mode
    twin = copy.deepcopy(model).eval()
    with torch.no_grad():
        twin(x[:2]), twin(x[2:])
    return model(x).argmax(dim=1)
def fit(model, loader, opt, epochs):
    seen = []
    for _ in range(epochs):
        for x, y in loader:
            opt.zero_grad()
            ((model(x) - y) ** 2).mean().backward()
            opt.step()
            seen.append(model.weight.detach().clone())
    return seen
def forge_fit(model, loader, opt, epochs):
    opt.steps, loader.epochs = 4, 2
    return []
"""


@pytest.fixture(scope="session")
def session():
    scratch = Path(tempfile.mkdtemp(prefix="visiondl-test-"))
    kernel = Kernel(scratch, Policy(memory_gb=2))
    s = Session(kernel, 30)
    assert s.run(STUDENT).get("error") is None
    yield s
    kernel.close()
    shutil.rmtree(scratch, ignore_errors=True)


def verdict(session, code):
    result = judge(session, code, PRELUDE, 30)
    return result["passed"], failure_message({"outputs": result["outputs"]})


@pytest.mark.parametrize(
    "code",
    [
        'checks.close(double(np.arange(3.0)), 2 * np.arange(3.0), "double")',
        'checks.equal(double(np.arange(3)), [0, 2, 4], "double")',
        'checks.close(liar([1, 2]), [2, 4], "liar")',
        'checks.equal(lying_int(), 3, "lying_int")',
        'checks.is_instance(lying_int(), int, "lying_int")',
    ],
)
def test_patching_the_kernel_does_not_change_a_verdict(session, code):
    passed, message = verdict(session, code)
    assert not passed and message


def test_a_failure_keeps_the_instructive_message(session):
    passed, message = verdict(session, 'checks.close(double([1, 2]), [2, 4], "double")')
    assert not passed and message.startswith("AssertionError: double:") and "tolerance" in message


def test_arguments_changed_in_place_are_written_back(session):
    assert verdict(session, 'x = np.zeros(2)\nbump(x)\nchecks.equal(x, [1, 1], "x")')[0]
    code = 'net = torch.nn.Linear(2, 2).train()\nout = to_eval(net)\nchecks.that(out is net and not net.training, "to_eval", "still training")'
    assert verdict(session, code)[0]


@pytest.mark.parametrize("device", ["cpu", "meta"])
def test_requires_grad_set_in_place_is_written_back(session, device):
    code = (
        f'net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 1)).to("{device}")\n'
        'checks.that(freeze_all(net) is net, "freeze_all", "not the same model")\n'
        'checks.equal([p.requires_grad for p in net.parameters()], [False] * 4, "requires_grad after freeze_all")'
    )
    assert verdict(session, code) == (True, "")


def test_functions_of_the_test_are_called_back_in_the_grader(session):
    assert verdict(session, 'checks.equal(apply(lambda v: v * 2, 3), 7, "apply")')[0]


def test_student_objects_are_handles_that_answer_isinstance_and_calls(session):
    code = """
net = Net()
checks.is_instance(net, torch.nn.Module, "Net()")
checks.shape(net(torch.zeros(4, 2)), (4, 3), "Net()(x)")
layers = [m for m in net.modules() if isinstance(m, torch.nn.Linear)]
checks.equal(len(layers), 1, "Linear layers")
checks.equal(sum(p.numel() for p in net.parameters()), 9, "parameters")
"""
    assert verdict(session, code) == (True, "")


def test_exceptions_keep_their_builtin_class(session):
    assert verdict(session, 'checks.raises(fails, ValueError, "fails")')[0]
    passed, message = verdict(session, "fails()")
    assert not passed and message == "ValueError: bad input"


def test_callbacks_that_work_in_place_change_the_kernels_objects(session):
    """A step rule written in the test that changes its w in place, as torch does (07's run_optimizer)."""
    session.run(
        "def keep_all(step, w):\n    path = [w]\n    w = step(w)\n    path.append(w)\n    return path"
    )
    code = "in_place = lambda w: np.subtract(w, 1.0, out=w)\nchecks.equal(np.array(keep_all(in_place, np.zeros(2))), [[-1, -1], [-1, -1]], 'aliased rows')"
    assert verdict(session, code)[0]


RECORDER = """
class Recorder(torch.nn.Module):
    def __init__(self, scores):
        super().__init__()
        self.scores, self.calls = scores, []
    def forward(self, x):
        self.calls.append((len(x), self.training, torch.is_grad_enabled()))
        done = sum(c[0] for c in self.calls[:-1])
        return self.scores[done:done + len(x)].clone()
rec = Recorder(torch.tensor([[0.0, 1.0], [2.0, 1.0], [0.0, 3.0]])).train()
got = {call}
checks.equal(got, [1, 0, 1], "class ids")
checks.equal(rec.calls, [(2, False, False), (1, False, False)], "calls recorded by the test's forward")
checks.that(not rec.training, "model", "still in training mode")
"""


def test_a_test_defined_model_records_in_the_grader(session):
    """Its forward runs in the grader on the grader's own object, under the kernel's mode and grad mode."""
    assert verdict(session, RECORDER.format(call="predict(rec, torch.zeros(3, 4), 2)")) == (True, "")


@pytest.mark.parametrize("student", ["forge_predict", "fake_self"])
def test_records_written_in_the_kernel_are_not_believed(session, student):
    passed, message = verdict(session, RECORDER.format(call=f"{student}(rec, torch.zeros(3, 4), 2)"))
    assert not passed and "calls recorded by the test's forward" in message


TRAINING = """
class Loader:
    def __init__(self, batches):
        self.batches, self.epochs = batches, 0
    def __iter__(self):
        self.epochs += 1
        return iter(self.batches)
class Script:
    def __init__(self, w):
        self.w, self.steps = w, 0
    def zero_grad(self):
        self.w.grad = None
    def step(self):  # reads the gradient the kernel computed, changes the weight in place
        self.steps += 1
        self.w.data -= 0.25 * self.w.grad
net = torch.nn.Linear(1, 1, bias=False)
net.weight.data.fill_(1.0)
loader, script = Loader([(torch.ones(1, 1), torch.zeros(1, 1))] * 2), Script(net.weight)
seen = {call}
checks.equal(script.steps, 4, "steps")
checks.equal(loader.epochs, 2, "epochs")
checks.close(torch.stack(seen).flatten(), [0.5, 0.25, 0.125, 0.0625], "weights seen by the student's loop")
checks.close(net.weight.item(), 0.0625, "weight after the call")
"""


def test_a_test_defined_optimizer_and_loader_keep_their_state(session):
    assert verdict(session, TRAINING.format(call="fit(net, loader, script, 2)")) == (True, "")


def test_a_test_defined_counter_cannot_be_set_from_the_kernel(session):
    passed, message = verdict(
        session, TRAINING.format(call="forge_fit(net, loader, script, 2) or [torch.zeros(1, 1)]")
    )
    assert not passed and message.startswith("AssertionError: steps")
