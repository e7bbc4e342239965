"""Data sets are found locally, verified, and fall back or fail with a clear message."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import numpy as np
import pytest

from course_suite import SHARED_DATA
from visiondl import data

needs_shared = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")


def corrupt(path: Path, at: int) -> None:
    """Overwrite three bytes of `path` at offset `at`, as a bad download or disk would."""
    with open(path, "r+b") as f:
        f.seek(at)
        f.write(b"\x00\x01\x02")


@pytest.fixture
def empty_env(monkeypatch, tmp_path):
    """No VISIONDL_DATA and an empty cache: the situation of a fresh offline laptop."""
    monkeypatch.setenv("VISIONDL_DATA", "")
    monkeypatch.setenv("VISIONDL_CACHE", str(tmp_path / "cache"))
    return tmp_path


@needs_shared
def test_known_checksums_match_the_shared_sha256sums_file():
    listed = dict(
        reversed(line.split(maxsplit=1)) for line in (SHARED_DATA / "SHA256SUMS").read_text().splitlines()
    )
    listed = {path.strip(): digest for path, digest in listed.items()}
    for relpath, digest in data.SHA256.items():
        assert listed[relpath] == digest, relpath


def test_missing_dataset_says_how_to_get_it(empty_env):
    with pytest.raises(data.DataNotFound, match="visiondl data fetch mnist"):
        data.locate("MNIST")


def test_mnist_falls_back_to_the_offline_subset(empty_env):
    split = data.mnist()
    assert "offline MNIST subset" in split.source
    assert (len(split.train), len(split.test)) == (4000, 1000)
    assert np.bincount(split.test.targets).tolist() == [100] * 10
    image, label = split.train[0]
    assert image.size == (28, 28) and 0 <= label <= 9


def test_mnist_without_subset_raises(empty_env):
    with pytest.raises(data.DataNotFound):
        data.mnist(subset_ok=False)


@needs_shared
def test_full_mnist_is_read_from_the_verified_archives_as_torchvision_reads_them(empty_env, monkeypatch):
    raw = empty_env / "data" / "MNIST" / "raw"  # only the four archives, as distributed
    raw.mkdir(parents=True)
    for archive in (SHARED_DATA / "MNIST" / "raw").glob("*.gz"):
        shutil.copyfile(archive, raw / archive.name)
    before = sorted(raw.iterdir())
    monkeypatch.setenv("VISIONDL_DATA", str(empty_env / "data"))
    split = data.mnist()
    assert (len(split.train), len(split.test)) == (60000, 10000)
    assert "full MNIST" in split.source
    assert sorted(raw.iterdir()) == before, "the data folder must stay untouched (it may be read-only)"
    assert not list(data.cache_dir().iterdir()), "nothing is copied or extracted into the cache"
    # the independent reference: torchvision's own MNIST reader, on a copy it may extract
    from torchvision import datasets

    shutil.copytree(raw, empty_env / "tv" / "MNIST" / "raw")
    reference = {
        train: datasets.MNIST(empty_env / "tv", train=train, download=True) for train in (True, False)
    }
    for ours, theirs in ((split.train, reference[True]), (split.test, reference[False])):
        assert ours.data.dtype == np.uint8 and ours.data.shape == tuple(theirs.data.shape)
        assert np.array_equal(ours.data, theirs.data.numpy()) and np.array_equal(
            ours.targets, theirs.targets.numpy()
        )
        assert ours.classes == theirs.classes and ours.data.flags.writeable
    image, label = split.test[7]
    assert (image.mode, image.size, label) == ("L", (28, 28), int(reference[False].targets[7]))
    assert np.array_equal(np.asarray(image), reference[False].data[7].numpy())


@needs_shared
def test_a_corrupt_mnist_archive_is_refused_before_it_is_read(empty_env, monkeypatch):
    raw = empty_env / "data" / "MNIST" / "raw"
    shutil.copytree(SHARED_DATA / "MNIST" / "raw", raw, ignore=shutil.ignore_patterns("*ubyte"))
    corrupt(raw / "t10k-labels-idx1-ubyte.gz", at=100)
    monkeypatch.setenv("VISIONDL_DATA", str(empty_env / "data"))
    with pytest.raises(data.ChecksumError, match="t10k-labels.*corrupt"):
        data.mnist()


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04 a zip file, not IDX",
        b"\0\0\x08\x02" + (3).to_bytes(4, "big") + (2).to_bytes(4, "big") + b"12345",
        b"\0\0",
    ],
    ids=["not-idx", "short-data", "short-header"],
)
def test_read_idx_refuses_a_file_that_is_not_idx(tmp_path, content):
    path = tmp_path / "not-idx.gz"
    path.write_bytes(gzip.compress(content))
    with pytest.raises(data.ChecksumError, match="not an IDX file"):
        data.read_idx(path)


def test_read_idx_reads_the_sizes_big_endian(tmp_path):
    path = tmp_path / "tiny-idx3-ubyte.gz"
    path.write_bytes(
        gzip.compress(b"\0\0\x08\x02" + (2).to_bytes(4, "big") + (3).to_bytes(4, "big") + bytes(range(6)))
    )
    assert data.read_idx(path).tolist() == [[0, 1, 2], [3, 4, 5]]


@needs_shared
def test_corrupt_file_is_reported(empty_env, monkeypatch):
    folder = empty_env / "data" / "cifar10_subset"
    folder.mkdir(parents=True)
    shutil.copyfile(SHARED_DATA / "cifar10_subset" / "cifar10_subset.npz", folder / "cifar10_subset.npz")
    corrupt(folder / "cifar10_subset.npz", at=1000)
    monkeypatch.setenv("VISIONDL_DATA", str(empty_env / "data"))
    with pytest.raises(data.ChecksumError, match="corrupt"):
        data.cifar10_subset()


@needs_shared
def test_cifar10_subset_matches_its_readme(monkeypatch):
    monkeypatch.setenv("VISIONDL_DATA", str(SHARED_DATA))
    split = data.cifar10_subset()
    assert (len(split.train), len(split.test)) == (4000, 1000)
    assert split.train.targets[:10].tolist() == [6, 9, 9, 4, 1, 1, 2, 7, 8, 3]
    assert split.train.classes[0] == "airplane"


@needs_shared
def test_hymenoptera_is_verified_and_loaded_with_image_folder(monkeypatch):
    monkeypatch.setenv("VISIONDL_DATA", str(SHARED_DATA))
    split = data.hymenoptera()
    assert (len(split.train), len(split.test)) == (244, 153)
    assert split.train.classes == ["ants", "bees"]


def test_photo_comes_from_scikit_image():
    assert data.photo("camera").shape == (512, 512)
    with pytest.raises(ValueError, match="no bundled photo"):
        data.photo("no_such_photo")


def test_status_lists_every_dataset(empty_env):
    assert set(data.status()) == {"MNIST", "FashionMNIST", "cifar10_subset", "hymenoptera_data"}
    assert all(state.startswith("missing") for state in data.status().values())


def test_lfw_faces_is_a_balanced_offline_stand_in():
    split = data.lfw_faces()
    assert (len(split.train), len(split.test)) == (140, 60)
    assert np.bincount(split.test.targets).tolist() == [30, 30]
    image, label = split.train[0]
    assert image.mode == "RGB" and label == 1


def test_pretrained_backbone_works_offline_and_says_which_weights(monkeypatch, tmp_path):
    import torch

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))  # no cached torchvision weights
    backbone = data.pretrained_backbone()
    assert "EfficientNet-Lite0" in backbone.name and "ImageNet" in backbone.name
    image = data.photo("chelsea")  # scikit-image's tabby cat
    from PIL import Image

    with torch.no_grad():
        logits = backbone.model(backbone.transform(Image.fromarray(image))[None])
    assert logits.shape == (1, 1000)
    assert 281 <= logits.argmax().item() <= 285  # ImageNet's domestic cats: tabby, tiger cat, Persian, ...
    random_net = data.pretrained_backbone(pretrained=False)
    assert "random weights" in random_net.name


def test_shown_names_data_folders_without_machine_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("VISIONDL_DATA", str(tmp_path / "d"))
    monkeypatch.setenv("VISIONDL_CACHE", str(tmp_path / "cache"))
    assert data.shown(tmp_path / "d" / "hymenoptera_data") == "$VISIONDL_DATA/hymenoptera_data"
    assert data.shown(tmp_path / "d") == "$VISIONDL_DATA"
    assert data.shown(Path.home() / ".cache" / "visiondl") == "~/.cache/visiondl"
    assert data.shown(Path("/opt/elsewhere")) == "/opt/elsewhere"
