# cell: conv_output_size
# mistake: divides with /, so the size comes back as a float such as 5.0
def conv_output_size(n, f, stride=1, pad=0):
    """Return the output size of a convolution along one axis: (n - f + 2*pad) / stride + 1."""
    span = n - f + 2 * pad
    if span < 0 or span % stride != 0:
        raise ValueError("the kernel or the stride does not fit")
    return span / stride + 1
