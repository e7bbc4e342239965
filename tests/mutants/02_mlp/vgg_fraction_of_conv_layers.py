# cell: vgg_fc_fraction
# mistake: returns the share of the conv layers instead of the dense layers
def vgg_fc_fraction():
    """Return the fraction of VGG-16's parameters in its 3 fully connected layers."""
    return vgg_conv / vgg_total
