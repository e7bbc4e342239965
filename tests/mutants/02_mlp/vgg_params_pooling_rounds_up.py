# cell: vgg_params
# mistake: halves the size rounding up on odd sizes, keeping a window that hangs over the edge
def vgg_params(cfg, image_size=224, in_channels=3, num_classes=1000):
    """Return the number of parameters of the VGG-style network described by cfg (an int)."""
    size, depth, total = image_size, in_channels, 0
    for layer in cfg:
        if isinstance(layer, str):
            size = -(-size // 2)
            continue
        c_out, f = (layer, 3) if np.ndim(layer) == 0 else layer
        total += conv_params(depth, c_out, f)
        size, _ = conv_output_shape(size, size, f, pad=(f - 1) // 2)
        depth = c_out
    return total + mlp_params([size * size * depth, 4096, 4096, num_classes])
