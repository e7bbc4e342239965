# cell: receptive_field
# mistake: multiplies the jump by the stride before adding the layer's window
def receptive_field(layers):
    """Return the receptive field of one unit after layers = [(kernel, stride), ...]."""
    r, jump = 1, 1
    for kernel, stride in layers:
        if kernel < 1 or stride < 1:
            raise ValueError("kernel and stride must be at least 1")
        jump *= stride
        r += (kernel - 1) * jump
    return r
