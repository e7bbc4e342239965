"""The in-class challenge's data: labelled training images and unlabelled test images.

Students call `challenge_data()`: training images with labels, and the challenge's test
images **without** labels. The instructor's leaderboard calls `challenge_labels()` for the
hidden labels of the same test images (a notebook never does).

Which data, in order (the first found wins, unless `dataset` or the environment variable
``VISIONDL_CHALLENGE_DATASET`` names one):

- ``"cifar10"``: the full CIFAR-10 (50,000 train / 10,000 test) through torchvision's
  ``CIFAR10`` class, when a ``cifar-10-batches-py`` folder is in ``$VISIONDL_DATA`` or the
  cache (torchvision checks the MD5 of every batch file);
- ``"cifar10_subset"``: the 4,000 / 1,000 pixel-exact CIFAR-10 subset
  (``cifar10_subset/cifar10_subset.npz``, SHA-256 checked by `visiondl.data.locate`);
- ``"digits"``: the offline fallback, scikit-learn's 1,797 handwritten 8×8 digits
  (10 classes) scaled up to 3×32×32, 1,397 train / 400 test (40 per digit).

Images are uint8 tensors of shape (N, 3, 32, 32), channels first, values 0–255:
a quarter of the memory of floats (the full training set is 150 MB), and the notebook
scales and normalises them once itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from visiondl import data

DATASETS = ("cifar10", "cifar10_subset", "digits")
CIFAR10_CLASSES = (
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
)
DIGITS_TEST_PER_CLASS = 40  # the last 40 images of each digit are the fallback's test images


@dataclass
class Challenge:
    """The challenge as a student sees it: labelled training images, unlabelled test images.

    x_train: uint8 tensor (N, 3, 32, 32), values 0–255; y_train: int64 tensor (N,) of class ids;
    x_test: uint8 tensor (M, 3, 32, 32), the images to predict (their labels are not here);
    classes: the class names, index = class id; source: a sentence saying which data this is;
    dataset: its short name, one of DATASETS (the leaderboard must be created for the same one).
    """

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    classes: list[str]
    source: str
    dataset: str

    def __repr__(self) -> str:
        return (
            f"Challenge({self.dataset}: {len(self.x_train):,} labelled training images, "
            f"{len(self.x_test):,} unlabelled test images, {len(self.classes)} classes)"
        )


def cifar10_folder() -> Path | None:
    """Return the first folder of the search path that holds `cifar-10-batches-py`, or None."""
    for folder in data.search_path():
        if (folder / "cifar-10-batches-py").is_dir():
            return folder
    return None


def load_cifar10() -> tuple:
    """Return (x_train, y_train, x_test, y_test, classes, source) of the full CIFAR-10."""
    from torchvision.datasets import CIFAR10

    folder = cifar10_folder()
    if folder is None:
        raise data.DataNotFound(
            "the full CIFAR-10 (a cifar-10-batches-py folder) was not found in "
            f"{', '.join(map(str, data.search_path()))}. To get it: download and unpack "
            "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz into $VISIONDL_DATA/."
        )
    try:
        train = CIFAR10(folder, train=True, download=False)
        test = CIFAR10(folder, train=False, download=False)
    except RuntimeError as error:  # torchvision: "Dataset not found or corrupted"
        raise data.ChecksumError(
            f"{folder}/cifar-10-batches-py is incomplete or corrupt ({error})."
        ) from error
    source = f"the full CIFAR-10 from {data.shown(folder)} (50,000 train / 10,000 test)"
    return train.data, train.targets, test.data, test.targets, list(train.classes), source


def load_cifar10_subset() -> tuple:
    """Return (x_train, y_train, x_test, y_test, classes, source) of the 4,000 / 1,000 subset."""
    folder = data.locate("cifar10_subset")
    arrays = np.load(folder / "cifar10_subset" / "cifar10_subset.npz")
    classes = [str(c) for c in arrays["classes"]]
    source = f"the CIFAR-10 subset from {data.shown(folder)} (4,000 train / 1,000 test, pixel-exact CIFAR-10 images)"
    return arrays["x_train"], arrays["y_train"], arrays["x_test"], arrays["y_test"], classes, source


def load_digits() -> tuple:
    """Return (x_train, y_train, x_test, y_test, classes, source) of scikit-learn's digits as 32×32 RGB."""
    from sklearn.datasets import load_digits as sklearn_digits

    digits = sklearn_digits()
    grey = np.kron(digits.images / 16.0, np.ones((4, 4)))  # 8×8 → 32×32, each pixel a 4×4 block
    images = np.repeat(np.round(grey * 255).astype(np.uint8)[..., None], 3, axis=-1)  # (N, 32, 32, 3)
    labels = digits.target.astype(np.int64)
    test = np.zeros(len(labels), dtype=bool)
    for digit in range(10):
        test[np.flatnonzero(labels == digit)[-DIGITS_TEST_PER_CLASS:]] = True
    source = (
        "NO CIFAR-10 FOUND: the offline fallback, scikit-learn's handwritten digits "
        "(8×8 grey, scaled up to 32×32 RGB; 10 classes, 1,397 train / 400 test)"
    )
    classes = [str(d) for d in range(10)]
    return images[~test], labels[~test], images[test], labels[test], classes, source


LOADERS = {"cifar10": load_cifar10, "cifar10_subset": load_cifar10_subset, "digits": load_digits}


def pick_dataset(dataset: str | None = None) -> str:
    """Return the challenge's dataset: `dataset`, else $VISIONDL_CHALLENGE_DATASET, else the best found."""
    dataset = dataset or os.environ.get("VISIONDL_CHALLENGE_DATASET") or None
    if dataset is not None:
        if dataset not in DATASETS:
            raise ValueError(f"unknown challenge dataset {dataset!r}: use one of {', '.join(DATASETS)}.")
        return dataset
    if cifar10_folder() is not None:
        return "cifar10"
    try:
        data.locate("cifar10_subset")
    except data.DataNotFound:
        return "digits"
    return "cifar10_subset"


def load(dataset: str | None = None) -> tuple:
    """Return (name, x_train, y_train, x_test, y_test, classes, source), images as (N, 32, 32, 3) uint8."""
    name = pick_dataset(dataset)
    return (name, *LOADERS[name]())


def channels_first(images: np.ndarray) -> torch.Tensor:
    """Turn uint8 images (N, H, W, 3) into a contiguous uint8 tensor (N, 3, H, W)."""
    return torch.from_numpy(np.ascontiguousarray(np.asarray(images, dtype=np.uint8).transpose(0, 3, 1, 2)))


def challenge_data(dataset: str | None = None) -> Challenge:
    """Return the challenge's labelled training images and unlabelled test images (see Challenge)."""
    name, x_train, y_train, x_test, _, classes, source = load(dataset)
    return Challenge(
        x_train=channels_first(x_train),
        y_train=torch.as_tensor(np.asarray(y_train, dtype=np.int64)),
        x_test=channels_first(x_test),
        classes=list(classes),
        source=source,
        dataset=name,
    )


def challenge_labels(dataset: str | None = None) -> np.ndarray:
    """Return the hidden labels (int64, shape (M,)) of the test images of `challenge_data(dataset)`.

    For the instructor's leaderboard only: a student's notebook never calls this.
    """
    return np.asarray(load(dataset)[4], dtype=np.int64)


def challenge_classes(dataset: str | None = None) -> list[str]:
    """Return the class names of the challenge (index = class id)."""
    if pick_dataset(dataset) == "digits":
        return [str(d) for d in range(10)]
    return list(CIFAR10_CLASSES)
