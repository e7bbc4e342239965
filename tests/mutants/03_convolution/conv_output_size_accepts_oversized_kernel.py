# cell: conv_output_size
# mistake: only checks the stride, so a kernel larger than the padded input gives a size of 0 or less
def conv_output_size(n, f, stride=1, pad=0):
    """Return the output size of a convolution along one axis: (n - f + 2*pad) / stride + 1."""
    span = n - f + 2 * pad
    if span % stride != 0:
        raise ValueError("the stride does not fit")
    return span // stride + 1
