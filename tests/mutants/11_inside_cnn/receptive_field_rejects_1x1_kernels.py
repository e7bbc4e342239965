# cell: receptive_field
# mistake: raises ValueError for 1×1 kernels too (kernel <= 1), which are valid
def receptive_field(layers):
    """Return the receptive field of one unit after layers = [(kernel, stride), ...]."""
    r, jump = 1, 1
    for kernel, stride in layers:
        if kernel <= 1 or stride < 1:
            raise ValueError("kernel and stride must be at least 1")
        r += (kernel - 1) * jump
        jump *= stride
    return r
