# cell: conv_output_size
# mistake: rounds up when the stride does not fit, keeping a window that hangs over the edge
def conv_output_size(n, f, stride=1, pad=0):
    """Return the output size of a convolution along one axis."""
    span = n - f + 2 * pad
    if span < 0:
        raise ValueError("the kernel does not fit")
    return -(-span // stride) + 1
