"""Data sets are found locally, verified, and fall back or fail with a clear message."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from course_suite import SHARED_DATA
from visiondl import data

needs_shared = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")


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
def test_full_mnist_is_verified_and_extracted_into_the_cache(empty_env, monkeypatch):
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
    assert (data.cache_dir() / "MNIST" / "raw" / "train-images-idx3-ubyte").is_file()


@needs_shared
def test_corrupt_file_is_reported(empty_env, monkeypatch):
    folder = empty_env / "data" / "cifar10_subset"
    folder.mkdir(parents=True)
    shutil.copyfile(SHARED_DATA / "cifar10_subset" / "cifar10_subset.npz", folder / "cifar10_subset.npz")
    with open(folder / "cifar10_subset.npz", "r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01\x02")
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
