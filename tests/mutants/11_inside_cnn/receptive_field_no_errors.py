# cell: receptive_field
# mistake: never raises ValueError for a kernel or stride below 1
def receptive_field(layers):
    """Return the receptive field of one unit after layers = [(kernel, stride), ...]."""
    r, jump = 1, 1
    for kernel, stride in layers:
        r += (kernel - 1) * jump
        jump *= stride
    return r
