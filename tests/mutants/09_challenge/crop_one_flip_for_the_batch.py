# cell: random_crop_flip
# mistake: one coin for the whole batch: every image is flipped or none
def random_crop_flip(x, pad, generator=None):
    """Return a copy of the batch x (N, C, H, W), each image zero-padded by pad, randomly cropped back and maybe flipped."""
    if x.ndim != 4:
        raise ValueError(f"random_crop_flip: expected a batch of shape (N, C, H, W), got {tuple(x.shape)}")
    if pad < 0:
        raise ValueError(f"random_crop_flip: pad must be >= 0, got {pad}")
    n, _, h, w = x.shape
    offsets = torch.randint(0, 2 * pad + 1, (n, 2), generator=generator)
    flips = (torch.rand(1, generator=generator) < 0.5).repeat(n)
    padded = F.pad(x, (pad, pad, pad, pad))
    out = torch.empty_like(x)
    for i, ((top, left), flip) in enumerate(zip(offsets.tolist(), flips.tolist())):
        crop = padded[i, :, top : top + h, left : left + w]
        out[i] = crop.flip(-1) if flip else crop
    return out
