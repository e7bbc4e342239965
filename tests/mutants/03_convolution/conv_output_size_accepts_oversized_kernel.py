# cell: conv_output_size
# mistake: never checks that the kernel fits, so a kernel larger than the padded input gives a size of 0 or less
def conv_output_size(n, f, stride=1, pad=0):
    """Return the output size of a convolution along one axis."""
    return (n - f + 2 * pad) // stride + 1
