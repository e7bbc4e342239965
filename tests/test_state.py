"""Arguments a student's function changed in place are written back from plain data."""

from __future__ import annotations

import copy
import json

import numpy as np
import torch
from torch import nn

from visiondl import state, wire, writeback


def written_back(original, changed):
    """Describe `changed` as the kernel would, through the codec, and apply it to `original`."""
    desc = json.loads(json.dumps(wire.encode(state.describe(changed))))
    writeback.apply(original, wire.decode(desc))


def test_module_parameters_flags_and_new_submodules():
    net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 4))
    first, weight = net[0], net[0].weight
    remote = copy.deepcopy(net)
    with torch.no_grad():
        remote[0].weight += 1
    remote[0].weight.requires_grad_(False)
    remote[2] = nn.Linear(3, 5, bias=False)
    remote.eval()
    written_back(net, remote)
    assert net[0] is first and net[0].weight is weight and not weight.requires_grad
    assert torch.equal(net[0].weight, remote[0].weight) and not net.training and not net[0].training
    assert type(net[2]) is nn.Linear and net[2].out_features == 5 and net[2].bias is None
    assert net(torch.zeros(1, 2)).shape == (1, 5)


def test_arrays_tensors_generators_and_optimizers():
    x, t, rng = np.zeros(3), torch.zeros(2), np.random.default_rng(0)
    rx, rt, rrng = x + 1, t + 2, copy.deepcopy(rng)
    rrng.random()
    for original, changed in [(x, rx), (t, rt), (rng, rrng)]:
        written_back(original, changed)
    assert (x == 1).all() and (t == 2).all() and rng.random() == copy.deepcopy(rrng).random()
    p = nn.Parameter(torch.ones(2))
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    ropt = torch.optim.SGD([nn.Parameter(torch.ones(2))], lr=0.1, momentum=0.9)
    ropt.param_groups[0]["params"][0].grad = torch.ones(2)
    ropt.step()
    written_back(opt, ropt)
    assert torch.equal(opt.state[p]["momentum_buffer"], torch.ones(2))


def test_only_torch_classes_are_rebuilt():
    net = nn.Sequential(nn.Linear(2, 2))
    first = net[0]
    desc = state.describe(net)
    desc["value"]["children"]["0"]["type"] = ["os", "system"]
    writeback.apply(net, wire.decode(json.loads(json.dumps(wire.encode(desc)))))
    assert net[0] is first  # never imported from an untrusted module: the grader's own stays


class Recorder(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc, self.calls, self.seen = nn.Linear(2, 2), [], torch.zeros(2)


class Script:
    def __init__(self, weight):
        self.params, self.plan, self.steps = [weight], torch.ones(2, 2), 0


for cls in (Recorder, Script):
    cls.__module__ = state.TEST_MODULE  # as if defined in a test cell


def test_objects_of_a_test_cell_take_only_module_state_and_weights_from_the_kernel():
    rec, remote = Recorder().train(), Recorder()
    script, rscript = Script(rec.fc.weight), Script(remote.fc.weight)
    remote.eval()
    remote.calls, remote.seen, remote.forged = [(1, "cpu")], torch.ones(2), 1  # the kernel's "records"
    rscript.steps, rscript.plan = 99, torch.zeros(2, 2)
    with torch.no_grad():
        remote.fc.weight += 1
    remote.fc.weight.grad = torch.full((2, 2), 3.0)
    assert state.kind(rec) == state.kind(script) == "test"
    assert "forged" not in state.describe(remote)["value"]["module"]["attrs"]
    written_back(rec, remote)
    written_back(script, rscript)
    assert not rec.training and torch.equal(rec.fc.weight, remote.fc.weight)
    assert torch.equal(rec.fc.weight.grad, remote.fc.weight.grad)
    assert rec.calls == [] and torch.equal(rec.seen, torch.zeros(2)) and not hasattr(rec, "forged")
    assert (
        script.steps == 0 and torch.equal(script.plan, torch.ones(2, 2)) and script.params[0] is rec.fc.weight
    )


def test_a_forged_description_cannot_set_records_or_tensors_that_need_no_grad():
    rec = Recorder()
    desc = state.describe(rec, records=True)  # the grader's own form, with records
    desc["value"]["module"]["attrs"] = {"calls": [(9, "cpu")]}
    desc["value"]["tensors"] = [[["seen"], torch.ones(2), None], [["fc"], torch.ones(2, 2), None]]
    writeback.apply(rec, wire.decode(json.loads(json.dumps(wire.encode(desc, lambda x: {"t": "same"})))))
    assert rec.calls == [] and torch.equal(rec.seen, torch.zeros(2))
    writeback.apply(rec, desc, records=True)  # the kernel's side applies what the grader sends
    assert rec.calls == [(9, "cpu")]


def test_the_kernel_applies_the_graders_weights_in_place():
    """A state_dict() taken in the kernel before a test-defined optimizer's step sees the step."""
    rec, grader = Recorder(), Recorder()
    kept = rec.state_dict()["fc.weight"]
    with torch.no_grad():
        grader.fc.weight.fill_(5.0)
    grader.calls.append(1)
    writeback.apply(rec, state.describe(grader, records=True), records=True)
    assert torch.equal(kept, torch.full((2, 2), 5.0)) and rec.calls == [1]
