# cell: conv_output_size
# mistake: divides with / and rounds with np.floor, so the size comes back as a float such as 5.0
def conv_output_size(n, f, stride=1, pad=0):
    """Return the output size of a convolution along one axis."""
    span = n - f + 2 * pad
    if span < 0:
        raise ValueError("the kernel does not fit")
    return np.floor(span / stride) + 1
