# cell: vgg_params
# mistake: the last dense layer always has 1000 outputs, whatever num_classes says
def vgg_params(cfg, image_size=224, in_channels=3, num_classes=1000):
    """Return the number of parameters of the VGG-style network described by cfg (an int)."""
    size, depth, total = image_size, in_channels, 0
    for layer in cfg:
        if isinstance(layer, str):
            size, _ = conv_output_shape(size, size, 2, stride=2)
            continue
        c_out, f = (layer, 3) if np.ndim(layer) == 0 else layer
        total += conv_params(depth, c_out, f)
        size, _ = conv_output_shape(size, size, f, pad=(f - 1) // 2)
        depth = c_out
    return total + mlp_params([size * size * depth, 4096, 4096, 1000])
