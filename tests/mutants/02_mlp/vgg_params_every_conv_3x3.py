# cell: vgg_params
# mistake: counts every convolution as 3×3, ignoring the f of a (c, f) entry
def vgg_params(cfg, image_size=224, in_channels=3, num_classes=1000):
    """Return the number of parameters of the VGG-style network described by cfg (an int)."""
    size, depth, total = image_size, in_channels, 0
    for layer in cfg:
        if isinstance(layer, str):
            size //= 2
            continue
        c_out = layer if np.ndim(layer) == 0 else layer[0]
        total += conv_params(depth, c_out, 3)
        depth = c_out
    return total + mlp_params([size * size * depth, 4096, 4096, num_classes])
