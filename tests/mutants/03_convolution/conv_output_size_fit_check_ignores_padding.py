# cell: conv_output_size
# mistake: compares the kernel with the unpadded input, so conv_output_size(3, 5, pad=1) is refused
def conv_output_size(n, f, stride=1, pad=0):
    """Return the output size of a convolution along one axis."""
    if f > n:
        raise ValueError("the kernel does not fit")
    return (n - f + 2 * pad) // stride + 1
