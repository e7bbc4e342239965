# cell: alexnet_paper_params
# mistake: divides both the input channels and the number of filters by the groups
def alexnet_paper_params():
    """Return the number of parameters of the two-GPU AlexNet of the 2012 paper (an int)."""
    convs = [(3, 96, 11, 1), (96, 256, 5, 2), (256, 384, 3, 1), (384, 384, 3, 2), (384, 256, 3, 2)]
    total = sum(conv_params(c_in // g, c_out // g, f) for c_in, c_out, f, g in convs)
    return total + mlp_params([6 * 6 * 256, 4096, 4096, 1000])
