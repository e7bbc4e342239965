"""Notebook 05's LeNet-5 recipe against pytorch/examples' `mnist/main.py`, side by side in one run.

Both train on the full MNIST as the notebook's cells `data-load` and `tensors` load and standardise
it, on the same machine and threads, and are measured by the notebook's `evaluate` on the same 10,000
test digits; the clock runs only while a model trains (test passes are not timed). Each run stops at
the first epoch whose test accuracy reaches the target (99.0 %) or at its epoch cap.

- course:   LeNet-5, `train_one_epoch` and `evaluate` from the solution cells of
            source/05_lenet/05_lenet.ipynb, its data (55,000 training digits, 5,000 held out), its
            epochs on a CPU and its recipe (optimizer, schedule, batch size) from the cells
            `data-load`, `tensors`, `loaders` and `recipe`: one source of truth, the notebook itself.
- examples: pytorch/examples mnist/main.py (commit 77f55b9, BSD-3-Clause), its defaults: the
            2-conv network, Adadelta(lr=1.0), StepLR(step_size=1, gamma=0.7), batch 64, no
            shuffling on a CPU, torch.manual_seed(1), at most 14 epochs.

    python benchmarks/lenet_vs_examples.py [--target 0.99] [--threads 2] [--only course|examples]

Prints a markdown table (paste into BENCHMARKS.md with the date and machine).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebook_cells  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source" / "05_lenet" / "05_lenet.ipynb"
COURSE_CELLS = ["setup", "lenet5", "data-load", "tensors", "loaders", "train_one_epoch", "evaluate", "recipe"]


def course_namespace() -> dict:
    """Run the notebook's cells once: its data, loaders, functions and recipe serve both runs."""
    ns: dict = {"__name__": "lenet_recipe"}
    notebook_cells.run(NOTEBOOK, COURSE_CELLS, ns, after=notebook_cells.on_cpu)
    if not ns["FULL_MNIST"]:
        raise SystemExit(f"the benchmark needs the full MNIST ({ns['split'].source}): set VISIONDL_DATA")
    return ns


def run_course(ns: dict):
    model = ns["LeNet5"]()
    epochs = ns["NUM_EPOCHS"]
    optimizer, scheduler = ns["make_optimizer"](model, epochs * len(ns["train_loader"]))

    def one_epoch():
        batches = ns["train"].batches(ns["train_loader"], "", progress=False, scheduler=scheduler)
        ns["train_one_epoch"](model, batches, optimizer, ns["device"])

    return model, epochs, one_epoch


class ExamplesNet(nn.Module):  # pytorch/examples mnist/main.py, verbatim apart from names
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv2(F.relu(self.conv1(x))))
        x = self.dropout1(F.max_pool2d(x, 2))
        x = self.dropout2(F.relu(self.fc1(torch.flatten(x, 1))))
        return F.log_softmax(self.fc2(x), dim=1)


def run_examples(ns: dict):
    torch.manual_seed(1)
    model = ExamplesNet()
    # all 60,000 training digits, standardised as the course does
    train_set = TensorDataset(*ns["to_tensors"](ns["split"].train))
    loader = DataLoader(train_set, batch_size=64)  # no shuffle on a CPU, as there
    optimizer = torch.optim.Adadelta(model.parameters(), lr=1.0)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.7)

    def one_epoch():
        model.train()
        for x, y in loader:
            optimizer.zero_grad()
            F.nll_loss(model(x), y).backward()
            optimizer.step()
        scheduler.step()

    return model, 14, one_epoch


def race(name, setup, ns, target):
    model, cap, one_epoch = setup(ns)
    params = sum(p.numel() for p in model.parameters())
    clock, reached, accs = 0.0, None, []
    for epoch in range(1, cap + 1):
        start = time.perf_counter()
        one_epoch()
        clock += time.perf_counter() - start
        accs.append(ns["evaluate"](model, ns["test_loader"], ns["device"]))  # the same 10,000 test digits
        print(f"{name}: epoch {epoch}: test accuracy {accs[-1]:.2%}, {clock:.0f} s of training", flush=True)
        if accs[-1] >= target:
            reached = (epoch, clock)
            break
    return {"name": name, "params": params, "reached": reached, "best": max(accs), "seconds": clock}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=0.99)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--only", choices=["course", "examples"])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    ns = course_namespace()
    runs = [("course (05, LeNet-5)", run_course), ("pytorch/examples mnist", run_examples)]
    results = [race(n, f, ns, args.target) for n, f in runs if not args.only or args.only in n]
    print(
        f"\n{time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()}, "
        f"{args.threads} threads, torch {torch.__version__}, target {args.target:.1%}\n"
    )
    print("| recipe | parameters | epochs to target | seconds to target | best test accuracy |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        epochs, seconds = r["reached"] or ("not reached", f"> {r['seconds']:.0f}")
        seconds = seconds if isinstance(seconds, str) else f"{seconds:.0f}"
        print(f"| {r['name']} | {r['params']:,} | {epochs} | {seconds} | {r['best']:.2%} |")
    if len(results) == 2 and all(r["reached"] for r in results):
        print(
            f"\ncourse reaches {args.target:.0%} {results[1]['reached'][1] / results[0]['reached'][1]:.1f}× sooner"
        )


if __name__ == "__main__":
    main()
