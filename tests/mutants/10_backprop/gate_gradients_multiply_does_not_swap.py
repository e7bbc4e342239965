# cell: gate_gradients
# mistake: gives each input of the multiply gate its own value instead of the other input's
def gate_gradients():
    """Return (df/dx, df/dy, df/dz, df/dw) for f = x*y + max(z, w) at x=3, y=-4, z=2, w=-1."""
    return (3.0, -4.0, 1.0, 0.0)
