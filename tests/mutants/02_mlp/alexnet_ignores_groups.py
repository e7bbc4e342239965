# cell: alexnet_paper_params
# mistake: counts every filter over all input channels, as if no layer were grouped
def alexnet_paper_params():
    """Return the number of parameters of the two-GPU AlexNet of the 2012 paper (an int)."""
    convs = [(3, 96, 11), (96, 256, 5), (256, 384, 3), (384, 384, 3), (384, 256, 3)]
    return sum(conv_params(*layer) for layer in convs) + mlp_params([6 * 6 * 256, 4096, 4096, 1000])
