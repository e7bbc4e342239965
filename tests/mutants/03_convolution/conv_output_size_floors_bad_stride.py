# cell: conv_output_size
# mistake: rounds down when the stride does not fit (as torch does) instead of raising ValueError
def conv_output_size(n, f, stride=1, pad=0):
    """Return the output size of a convolution along one axis: (n - f + 2*pad) / stride + 1."""
    if f > n + 2 * pad:
        raise ValueError("the kernel does not fit")
    return (n - f + 2 * pad) // stride + 1
