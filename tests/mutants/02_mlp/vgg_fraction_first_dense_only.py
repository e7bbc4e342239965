# cell: vgg_fc_fraction
# mistake: counts only the first fully connected layer
def vgg_fc_fraction():
    """Return the fraction of VGG-16's parameters in its 3 fully connected layers."""
    return dense_params(25088, 4096) / vgg_total
