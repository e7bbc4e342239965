# cell: gate_gradients
# mistake: splits the gradient of the max gate between both inputs instead of routing it to the larger
def gate_gradients():
    """Return (df/dx, df/dy, df/dz, df/dw) for f = x*y + max(z, w) at x=3, y=-4, z=2, w=-1."""
    return (-4.0, 3.0, 0.5, 0.5)
