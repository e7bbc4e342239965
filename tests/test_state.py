"""Arguments a student's function changed in place are written back from plain data."""

from __future__ import annotations

import copy
import json

import numpy as np
import torch
from torch import nn

from visiondl import state, wire


def written_back(original, changed):
    """Describe `changed` as the kernel would, through the codec, and apply it to `original`."""
    desc = json.loads(json.dumps(wire.encode(state.describe(changed))))
    state.apply(original, wire.decode(desc))


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
    state.apply(net, wire.decode(json.loads(json.dumps(wire.encode(desc)))))
    assert net[0] is first  # never imported from an untrusted module: the grader's own stays
