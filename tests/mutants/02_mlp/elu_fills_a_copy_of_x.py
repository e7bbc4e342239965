# cell: elu
# mistake: writes alpha (e^x - 1) into a copy of x, which rounds it when x holds integers
def elu(x, alpha=1.0):
    """Return x where x > 0 and alpha * (e^x - 1) elsewhere, element-wise, without overflow."""
    out = np.array(x, copy=True)
    negative = out <= 0
    out[negative] = alpha * np.expm1(out[negative])
    return out
