# cell: vgg_params
# mistake: always flattens a 7×7 volume, as in VGG-16, instead of following the size through the layers
def vgg_params(cfg, image_size=224, in_channels=3, num_classes=1000):
    """Return the number of parameters of the VGG-style network described by cfg (an int)."""
    depth, total = in_channels, 0
    for layer in cfg:
        if isinstance(layer, str):
            continue
        c_out, f = (layer, 3) if np.ndim(layer) == 0 else layer
        total += conv_params(depth, c_out, f)
        depth = c_out
    return total + mlp_params([7 * 7 * depth, 4096, 4096, num_classes])
