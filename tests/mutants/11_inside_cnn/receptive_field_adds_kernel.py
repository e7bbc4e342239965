# cell: receptive_field
# mistake: adds kernel * jump per layer instead of (kernel - 1) * jump
def receptive_field(layers):
    """Return the receptive field of one unit after layers = [(kernel, stride), ...]."""
    r, jump = 1, 1
    for kernel, stride in layers:
        if kernel < 1 or stride < 1:
            raise ValueError("kernel and stride must be at least 1")
        r += kernel * jump
        jump *= stride
    return r
