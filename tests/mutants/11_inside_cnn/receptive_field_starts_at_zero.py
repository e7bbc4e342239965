# cell: receptive_field
# mistake: starts from r = 0 instead of a pixel seeing itself
def receptive_field(layers):
    """Return the receptive field of one unit after layers = [(kernel, stride), ...]."""
    r, jump = 0, 1
    for kernel, stride in layers:
        if kernel < 1 or stride < 1:
            raise ValueError("kernel and stride must be at least 1")
        r += (kernel - 1) * jump
        jump *= stride
    return r
