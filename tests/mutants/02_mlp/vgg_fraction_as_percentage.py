# cell: vgg_fc_fraction
# mistake: answers in percent instead of as a fraction
def vgg_fc_fraction():
    """Return the fraction of VGG-16's parameters in its 3 fully connected layers."""
    return 100 * vgg_dense / vgg_total
