# cell: receptive_field
# mistake: adds kernel - 1 per layer and forgets that strides spread the units apart
def receptive_field(layers):
    """Return the receptive field of one unit after layers = [(kernel, stride), ...]."""
    r, jump = 1, 1
    for kernel, stride in layers:
        if kernel < 1 or stride < 1:
            raise ValueError("kernel and stride must be at least 1")
        r += kernel - 1
        jump *= stride
    return r
