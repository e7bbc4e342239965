"""Notebook 08's transfer-learning recipes against the PyTorch transfer-learning tutorial's, in one run.

Both start from the same ImageNet-pretrained backbone (`visiondl.data.pretrained_backbone`: ResNet-18
when its weights are in the torch hub cache, else EfficientNet-Lite0) and the hymenoptera ants/bees
photos (244 train / 153 val), on the same CPU threads. Times run from the image files to a trained
classifier (decoding included, loading the backbone's weights excluded), validation passes included.

- course:   the cells of source/08_transfer_learning/08_transfer_learning.ipynb, executed as they
            are (one source of truth): decode once, run the frozen stages once, then (a) logistic
            regression on the backbone's features, (b) fine-tune the top parts with layer-wise rates
            and flips on the stored feature maps, for the notebook's CPU epochs.
- tutorial: https://pytorch.org/tutorials/beginner/transfer_learning_tutorial.html, "Finetuning the
            ConvNet": a new 2-class head, every weight trained with SGD(lr=0.001, momentum=0.9),
            StepLR(step_size=7, gamma=0.1), batches of 4, RandomResizedCrop(224) + horizontal flips
            for training, Resize(256) + CenterCrop(224) for validation, the best validation accuracy
            kept, 25 epochs (`--epochs` caps them; the table says so).

    python benchmarks/transfer_vs_tutorial.py [--epochs 25] [--threads 2] [--workers 2]

Prints a markdown table (paste into BENCHMARKS.md with the date and machine).
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import sys
import time
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebook_cells  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source" / "08_transfer_learning" / "08_transfer_learning.ipynb"
DEFINITIONS = ["setup", "count_trainable", "freeze", "replace_head", "extract_features", "layerwise_lrs"]
DEFINITIONS += ["fine_tune_epoch", "backbone", "data"]
DECODE, LINEAR, FINE_TUNE = ["decode"], ["split", "maps", "trick"], ["fine-tune"]


def run_course() -> tuple[list[dict], object]:
    ns: dict = {"__name__": "transfer_recipe"}
    notebook_cells.run(NOTEBOOK, DEFINITIONS, ns, after=notebook_cells.on_cpu)
    seconds = notebook_cells.run(NOTEBOOK, DECODE + LINEAR + FINE_TUNE, ns)
    decode, maps = seconds["decode"], seconds["split"] + seconds["maps"]
    runs = [
        {
            "recipe": "course: logistic regression on frozen features",
            "trained": ns["classifier"].coef_.size + ns["classifier"].intercept_.size,
            "epochs": "–",
            "seconds": decode + maps + seconds["trick"],
            "accuracy": ns["acc_linear"],
        },
        {
            "recipe": f"course: fine-tune the top {ns['TRAIN_LAST']} parts on stored maps",
            "trained": ns["count_trainable"](ns["top"]),
            "epochs": ns["FINE_TUNE_EPOCHS"],
            "seconds": decode + maps + seconds["fine-tune"],
            "accuracy": ns["acc_fine_tune"],
        },
    ]
    return runs, ns["backbone"]


def tutorial_data(workers: int):
    from torchvision import transforms

    from visiondl import data

    rgb = transforms.Lambda(lambda image: image.convert("RGB"))
    normalise = transforms.Normalize(data.IMAGENET_MEAN, data.IMAGENET_STD)
    train_tf = transforms.Compose(
        [
            rgb,
            transforms.RandomResizedCrop(224),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            normalise,
        ]
    )
    val_tf = data.imagenet_transform(224)  # Resize(256), CenterCrop(224): the tutorial's validation transform
    split = data.hymenoptera(train_tf, val_tf)
    loader = lambda ds, shuffle: torch.utils.data.DataLoader(  # noqa: E731
        ds, batch_size=4, shuffle=shuffle, num_workers=workers, persistent_workers=workers > 0
    )
    return loader(split.train, True), loader(split.test, False)


def run_tutorial(backbone, epochs: int, workers: int, course_best: float) -> dict:
    torch.manual_seed(0)
    model = copy.deepcopy(backbone.model)
    model.fc = nn.Linear(model.fc.in_features, 2)  # the tutorial's new head
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=7, gamma=0.1)
    train_loader, val_loader = tutorial_data(workers)
    loss_fn = nn.CrossEntropyLoss()
    clock, best, reached = 0.0, 0.0, None
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        scheduler.step()
        model.eval()
        with torch.no_grad():
            hits = sum((model(x).argmax(1) == y).sum().item() for x, y in val_loader)
        clock += time.perf_counter() - start
        accuracy = hits / len(val_loader.dataset)
        best = max(best, accuracy)
        if reached is None and accuracy >= course_best:
            reached = clock
        print(f"tutorial: epoch {epoch}: validation accuracy {accuracy:.1%}, {clock:.0f} s", flush=True)
    return {
        "recipe": f"tutorial: fine-tune everything, {epochs} epochs",
        "trained": sum(p.numel() for p in model.parameters()),
        "epochs": epochs,
        "seconds": clock,
        "accuracy": best,
        "reached": reached,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=25, help="the tutorial's epochs (25 in the tutorial)")
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--workers", type=int, default=2, help="DataLoader workers of the tutorial's run")
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")  # the notebook's cells draw; nothing is shown here
    torch.set_num_threads(args.threads)
    course, backbone = run_course()
    course_best = max(r["accuracy"] for r in course)
    tutorial = run_tutorial(backbone, args.epochs, args.workers, course_best)
    print(
        f"\n{time.strftime('%Y-%m-%d')}, {platform.machine()}, {args.threads} threads, torch {torch.__version__}, "
        f"{backbone.name}\n"
    )
    print("| recipe | trained weights | epochs | seconds | validation accuracy |")
    print("|---|---:|---:|---:|---:|")
    for r in [*course, tutorial]:
        print(
            f"| {r['recipe']} | {r['trained']:,} | {r['epochs']} | {r['seconds']:.0f} | {r['accuracy']:.1%} |"
        )
    when = f"after {tutorial['reached']:.0f} s" if tutorial["reached"] else f"not within {args.epochs} epochs"
    print(f"\nthe tutorial's recipe reaches the course's best ({course_best:.1%}) {when}")


if __name__ == "__main__":
    main()
