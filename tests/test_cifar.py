"""The challenge's data: right shapes and types, checksummed, no test labels, an offline fallback."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from sklearn.datasets import load_digits

from course_suite import SHARED_DATA
from visiondl import cifar, data

# The folder that holds the CIFAR-10 subset: ../shared/data, or one named by VISIONDL_DATA.
FOLDERS = [SHARED_DATA, *(Path(p) for p in os.environ.get("VISIONDL_DATA", "").split(os.pathsep) if p)]
SUBSET_HOME = next((p for p in FOLDERS if (p / "cifar10_subset" / "cifar10_subset.npz").is_file()), None)
needs_shared = pytest.mark.skipif(SUBSET_HOME is None, reason="the CIFAR-10 subset is not here")


@pytest.fixture
def empty_env(monkeypatch, tmp_path):
    """VISIONDL_DATA is an empty folder and the cache is empty: no CIFAR-10 anywhere."""
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("VISIONDL_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("VISIONDL_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("VISIONDL_CHALLENGE_DATASET", raising=False)
    return tmp_path


@pytest.fixture
def shared_only(monkeypatch, tmp_path):
    """VISIONDL_DATA is the shared data folder (the subset, no full CIFAR-10), the cache empty."""
    monkeypatch.setenv("VISIONDL_DATA", str(SUBSET_HOME))
    monkeypatch.setenv("VISIONDL_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("VISIONDL_CHALLENGE_DATASET", raising=False)


def check_challenge(c: cifar.Challenge, n_train: int, n_test: int) -> None:
    assert c.x_train.dtype == torch.uint8 and tuple(c.x_train.shape) == (n_train, 3, 32, 32)
    assert c.x_test.dtype == torch.uint8 and tuple(c.x_test.shape) == (n_test, 3, 32, 32)
    assert c.y_train.dtype == torch.int64 and tuple(c.y_train.shape) == (n_train,)
    assert len(c.classes) == 10 and set(c.y_train.tolist()) == set(range(10))
    assert c.dataset in cifar.DATASETS and c.source


@needs_shared
def test_subset_has_4000_train_and_1000_unlabelled_test_images(shared_only):
    c = cifar.challenge_data()
    check_challenge(c, 4000, 1000)
    assert c.dataset == "cifar10_subset" and "subset" in c.source
    assert c.classes == list(cifar.CIFAR10_CLASSES) == cifar.challenge_classes()
    assert c.y_train[:10].tolist() == [6, 9, 9, 4, 1, 1, 2, 7, 8, 3]  # as the official data_batch_1
    raw = np.load(SUBSET_HOME / "cifar10_subset" / "cifar10_subset.npz")
    assert torch.equal(c.x_test, torch.from_numpy(raw["x_test"]).permute(0, 3, 1, 2))  # channels first


@needs_shared
def test_hidden_labels_belong_to_the_same_test_images(shared_only):
    labels = cifar.challenge_labels()
    assert labels.dtype == np.int64 and labels.shape == (1000,)
    assert labels[:10].tolist() == [3, 8, 8, 0, 6, 6, 1, 6, 3, 1]  # as the official test_batch
    assert np.bincount(labels).tolist() == [103, 89, 100, 103, 90, 86, 112, 102, 106, 109]


def test_challenge_data_holds_no_test_labels(empty_env):
    c = cifar.challenge_data()
    assert [f.name for f in dataclasses.fields(c)] == [
        "x_train",
        "y_train",
        "x_test",
        "classes",
        "source",
        "dataset",
    ]
    labels = torch.from_numpy(cifar.challenge_labels())
    for value in vars(c).values():
        assert not (isinstance(value, torch.Tensor) and value.shape == labels.shape), (
            "a test-sized label array"
        )
    assert "unlabelled" in repr(c)


def test_empty_data_folder_falls_back_to_digits_and_says_so(empty_env):
    c = cifar.challenge_data()
    check_challenge(c, 1397, 400)
    assert c.dataset == "digits" and "NO CIFAR-10 FOUND" in c.source
    assert c.classes == [str(d) for d in range(10)] == cifar.challenge_classes()
    labels = cifar.challenge_labels()
    assert np.bincount(labels).tolist() == [40] * 10
    digits = load_digits()
    first = int(np.flatnonzero(digits.target == labels[0])[-40])  # the first test image: digit 0's 40th-last
    expected = np.round(np.kron(digits.images[first] / 16, np.ones((4, 4))) * 255)
    assert np.array_equal(c.x_test[0, 1].numpy(), expected) and torch.equal(c.x_test[0, 0], c.x_test[0, 2])


@needs_shared
def test_corrupt_subset_is_refused(empty_env):
    folder = empty_env / "data" / "cifar10_subset"
    folder.mkdir()
    content = bytearray((SUBSET_HOME / "cifar10_subset" / "cifar10_subset.npz").read_bytes())
    content[-100] ^= 0xFF
    (folder / "cifar10_subset.npz").write_bytes(bytes(content))
    with pytest.raises(data.ChecksumError, match="SHA-256"):
        cifar.challenge_data()


def test_broken_full_cifar10_folder_is_refused(empty_env):
    (empty_env / "data" / "cifar-10-batches-py").mkdir()
    (empty_env / "data" / "cifar-10-batches-py" / "data_batch_1").write_bytes(b"not a pickle")
    with pytest.raises(data.ChecksumError, match="corrupt"):
        cifar.challenge_data()


def fake_cifar10(folder, n_per_batch=6):
    """Write a tiny cifar-10-batches-py in torchvision's pickle format; return the test labels."""
    rng = np.random.default_rng(0)
    (folder / "cifar-10-batches-py").mkdir(parents=True)
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    for name in names:
        batch = {
            "data": rng.integers(0, 256, (n_per_batch, 3072), dtype=np.uint8),
            "labels": list(range(n_per_batch)),
        }
        (folder / "cifar-10-batches-py" / name).write_bytes(pickle.dumps(batch))
    meta = {"label_names": list(cifar.CIFAR10_CLASSES)}
    (folder / "cifar-10-batches-py" / "batches.meta").write_bytes(pickle.dumps(meta))
    return batch


def test_full_cifar10_comes_first_through_torchvision(empty_env, monkeypatch):
    from torchvision.datasets import cifar as tv_cifar

    test_batch = fake_cifar10(empty_env / "cache")
    monkeypatch.setattr(tv_cifar, "check_integrity", lambda *args: True)  # the fake has no official MD5s
    c = cifar.challenge_data()
    assert c.dataset == "cifar10" and "full CIFAR-10" in c.source
    assert (len(c.x_train), len(c.x_test)) == (30, 6) and c.x_train.dtype == torch.uint8
    assert torch.equal(c.x_test.reshape(6, -1), torch.from_numpy(test_batch["data"]))
    assert cifar.challenge_labels().tolist() == test_batch["labels"]
    assert cifar.challenge_data("digits").dataset == "digits"  # a name still picks another data set


def test_dataset_can_be_pinned_by_name_or_environment(empty_env, monkeypatch):
    monkeypatch.setenv("VISIONDL_CHALLENGE_DATASET", "digits")
    assert cifar.challenge_data().dataset == "digits"
    with pytest.raises(ValueError, match="unknown challenge dataset"):
        cifar.challenge_data("imagenet")
    with pytest.raises(data.DataNotFound, match="cifar10_subset"):
        cifar.challenge_data("cifar10_subset")
